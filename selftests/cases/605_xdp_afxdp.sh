#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: AF_XDP sockets on mvneta_xdp (NETA model) with userspace/tools/xsk_tool in copy mode: rxdrop receives exactly N, l2fwd sends back out all the socket received (port B receives them; what it could not take is a drop counted by the driver and the socket alike), txonly sends N that port B receives (or overruns: its rx_fifo_errors); a queue that does not exist is refused with the kernel's error in copy and in zero-copy mode (zero-copy itself: 606); 0 pages in flight, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/neta_xdp.sh"

N=${XDP_FRAMES:-5000}
XSK=$TOOLS/xsk_tool

# xsk_start MODE ARGS...: xsk_tool in the background, once it is bound
xsk_start() {
	bg_ready "$SCRATCH/xsk.out" 100 "$XSK" "$@"
	XSK_PID=$BG_PID
}

# xsk_result FIELDS...: the named fields of xsk_tool's last line
xsk_result() {
	local f out=""
	for f in "$@"; do
		out="$out $(awk -v k="$f" '$2 == "rx" { for (i = 2; i < NF; i += 2) if ($i == k) print $(i + 1) }' "$SCRATCH/xsk.out")"
	done
	echo "${out# }"
}

ktap_plan 21
mark=$(dmesg_mark)
xdp_up

# --- rxdrop: every generated frame reaches the socket, none is lost
check "rxdrop: attach xdp_redirect_xsk" xdp_attach "$H" xdp_redirect_xsk xdp
xsk_start rxdrop "$H" 0 -c -n "$N"
assert_eq "rxdrop: socket bound in copy mode, in xsks_map" 0 "$?"
hb=$(xdp_counts "$H")
gen_run 60 "$N"
wait "$XSK_PID"
assert_eq "rxdrop: the socket received N frames of 60 bytes" "$N $((N * 60))" \
	"$(xsk_result rx rx_bytes)" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
assert_eq "rxdrop: port A $XDP_NAMES" "$N 0 0 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"

# --- l2fwd: what the socket receives goes back out of port A to port B.
# The socket is slower than the generator: what it cannot take (no room on
# its RX ring, no buffer on its fill ring) is a failed redirect, counted as
# a drop by the driver and by the socket's XDP_STATISTICS.
xsk_start l2fwd "$H" 0 -c -n "$N"
assert_eq "l2fwd: socket bound" 0 "$?"
hb=$(xdp_counts "$H"); rr0=$(rstat64 "$R" rx_packets); ht0=$(stat64 "$H" tx_packets)
rf0=$(rstat64 "$R" rx_fifo_errors)
gen_run 60 "$N"
wait "$XSK_PID"
neta_wait_quiet
read -r got sent completed <<<"$(xsk_result rx tx tx_completed)"
ktap_diag "l2fwd: the socket took $got of $N ($(xsk_result sock_rx_dropped sock_rx_ring_full) dropped, ring full)"
assert_ge "l2fwd: the socket received at least N/2" $((N / 2)) "${got:-0}" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
assert_eq "l2fwd: port A $XDP_NAMES: redirected what the socket received, the rest dropped" \
	"$got 0 $((N - got)) 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
assert_eq "l2fwd: the socket's drops are the driver's" "$((N - got))" \
	"$(($(xsk_result sock_rx_dropped | tr ' ' '+') + $(xsk_result sock_rx_ring_full)))"
assert_eq "l2fwd: sent and completed all it received" "$got $got" "$sent $completed"
# what port B's RX ring had no room for is its rx_fifo_errors (a device
# overrun, as on a wire; seen at host load ~14)
assert_eq "l2fwd: port A tx_packets, port B rx_packets + rx_fifo_errors + received" "$got $got" \
	"$(($(stat64 "$H" tx_packets) - ht0)) $(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"
check "l2fwd: detach" xdp_detach "$H"

# --- txonly: N frames out of port A (no XDP program needed to send)
rr0=$(rstat64 "$R" rx_packets); ht0=$(stat64 "$H" tx_packets)
rf0=$(rstat64 "$R" rx_fifo_errors)
"$XSK" txonly "$H" 0 -c -n "$N" -s 60 -D "$R_MAC" >"$SCRATCH/xsk.out" 2>&1
assert_eq "txonly: exit 0" 0 "$?"
assert_eq "txonly: N frames of 60 bytes sent to port B's MAC, all completed" "$N $N" \
	"$(xsk_result tx tx_completed)" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
neta_wait_quiet
assert_eq "txonly: port A tx_packets +N" "$N" "$(($(stat64 "$H" tx_packets) - ht0))"
assert_eq "txonly: port B rx_packets + rx_fifo_errors +N" "$N" \
	"$(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"

# --- refusals: the kernel's error, not a socket in another mode
check "refused: zero-copy on queue 7 of a port with one RX queue (Invalid argument)" \
	refused "Invalid argument" "$XSK" txonly "$H" 7 -z -n 1
check "refused: queue 7 of a port with one RX queue (Invalid argument)" \
	refused "Invalid argument" "$XSK" txonly "$H" 7 -c -n 1

neta_finish
ktap_finish
