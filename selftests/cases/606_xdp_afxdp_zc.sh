#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: AF_XDP zero-copy on mvneta_xdp (NETA model) with userspace/tools/xsk_tool -z: rxdrop receives exactly N (socket, driver queue and XDP counters agree), l2fwd sends back what it received, txonly sends N that port B receives; XDP_PASS, XDP_DROP and XDP_TX of a program that does not redirect on a zero-copy queue; a queue pair that does not exist and an MTU the umem frames cannot hold are refused; ring resize, link down/up and program detach/attach with a socket bound, a socket closed with frames in flight: the next socket receives exactly N; 0 pages in flight, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/neta_xdp.sh"

N=${XDP_FRAMES:-2000}
XSK=$TOOLS/xsk_tool

# xsk_start ARGS...: xsk_tool in the background, once it is bound and the
# link is back (a zero-copy bind restarts the port's rings)
xsk_start() {
	bg_ready "$SCRATCH/xsk.out" 100 "$XSK" "$@" || return 1
	XSK_PID=$BG_PID
	neta_wait_carrier
}

# xsk_result FIELDS...: the named fields of xsk_tool's last line
xsk_result() {
	local f out=""
	for f in "$@"; do
		out="$out $(awk -v k="$f" '$2 == "rx" { for (i = 2; i < NF; i += 2) if ($i == k) print $(i + 1) }' "$SCRATCH/xsk.out")"
	done
	echo "${out# }"
}

# rxdrop_n NAME: a zero-copy rxdrop socket on queue 0 receives exactly N
# generated frames of 60 bytes (4 tests)
rxdrop_n() {
	local hb q0
	xsk_start rxdrop "$H" 0 -z -n "$N"
	assert_eq "$1: socket bound in zero-copy mode" 0 "$?"
	hb=$(xdp_counts "$H"); q0=$(ethstat "$H" rxq0_packets)
	gen_run 60 "$N"
	wait "$XSK_PID"
	assert_eq "$1: the socket received N frames of 60 bytes" "$N $((N * 60))" \
		"$(xsk_result rx rx_bytes)" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
	assert_eq "$1: port A $XDP_NAMES" "$N 0 0 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
	assert_eq "$1: port A rxq0_packets +N" "$N" "$(($(ethstat "$H" rxq0_packets) - q0))"
}

ktap_plan 51
mark=$(dmesg_mark)
xdp_up

# --- rxdrop: every generated frame reaches the socket without a copy
check "attach xdp_redirect_xsk" xdp_attach "$H" xdp_redirect_xsk xdp
rxdrop_n "rxdrop"

# --- l2fwd: what the socket receives goes back out of port A to port B
xsk_start l2fwd "$H" 0 -z -n "$N"
assert_eq "l2fwd: socket bound" 0 "$?"
hb=$(xdp_counts "$H"); rr0=$(rstat64 "$R" rx_packets); ht0=$(stat64 "$H" tx_packets)
rf0=$(rstat64 "$R" rx_fifo_errors)
gen_run 60 "$N"
wait "$XSK_PID"
neta_wait_quiet
read -r got sent completed <<<"$(xsk_result rx tx tx_completed)"
ktap_diag "l2fwd: the socket took $got of $N ($(xsk_result sock_rx_dropped sock_rx_ring_full sock_fill_empty) dropped, ring full, fill empty)"
assert_ge "l2fwd: the socket received at least N/2" $((N / 2)) "${got:-0}" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
assert_eq "l2fwd: port A $XDP_NAMES: redirected what the socket received, the rest dropped" \
	"$got 0 $((N - got)) 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
assert_eq "l2fwd: sent and completed all it received" "$got $got" "$sent $completed"
# zero-copy TX outruns port B's RX: what its ring had no room for is its
# rx_fifo_errors (a device overrun, as on a wire)
ktap_diag "l2fwd: port B overran $(($(rstat64 "$R" rx_fifo_errors) - rf0))"
assert_eq "l2fwd: port A tx_packets, port B rx_packets + rx_fifo_errors + received" "$got $got" \
	"$(($(stat64 "$H" tx_packets) - ht0)) $(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"

# --- txonly: N frames out of port A from the umem
rr0=$(rstat64 "$R" rx_packets); ht0=$(stat64 "$H" tx_packets)
rf0=$(rstat64 "$R" rx_fifo_errors)
"$XSK" txonly "$H" 0 -z -n "$N" -s 60 -D "$R_MAC" >"$SCRATCH/xsk.out" 2>&1
assert_eq "txonly: exit 0" 0 "$?"
assert_eq "txonly: N frames of 60 bytes sent to port B's MAC, all completed" "$N $N" \
	"$(xsk_result tx tx_completed)" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
neta_wait_quiet
assert_eq "txonly: port A tx_packets +N" "$N" "$(($(stat64 "$H" tx_packets) - ht0))"
ktap_diag "txonly: port B overran $(($(rstat64 "$R" rx_fifo_errors) - rf0))"
assert_eq "txonly: port B rx_packets + rx_fifo_errors +N" "$N" \
	"$(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"

# --- programs that do not redirect, on a queue whose buffers are umem
# frames (a zero-copy socket stays bound): PASS copies into an skb, DROP
# and TX give the frame back
xsk_start rxdrop "$H" 0 -z -i 600000
assert_eq "verdicts: zero-copy socket bound" 0 "$?"
check "verdicts: detach xdp_redirect_xsk, socket still bound" xdp_detach "$H"
for v in pass drop; do
	check "XDP_${v^^}: attach xdp_$v" xdp_attach "$H" "xdp_$v" xdp
	hb=$(xdp_counts "$H"); hr0=$(stat64 "$H" rx_packets)
	gen_run 60 "$N"
	neta_wait_quiet
	want="0 $N 0 0 0 0 0"
	[ "$v" = drop ] && want="0 0 $N 0 0 0 0"
	assert_eq "XDP_${v^^}: port A $XDP_NAMES" "$want" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
	assert_eq "XDP_${v^^}: port A rx_packets +N" "$N" "$(($(stat64 "$H" rx_packets) - hr0))"
	check "XDP_${v^^}: detach" xdp_detach "$H"
done
# XDP_TX has no back-pressure (see 500): 10,000 frames/s, what the TX ring
# had no room for is rx_xdp_tx_errors, what port B's ring had no room for
# its rx_fifo_errors
check "XDP_TX: attach xdp_tx_mirror" xdp_attach "$H" xdp_tx_mirror xdp
hb=$(xdp_counts "$H"); rr0=$(rstat64 "$R" rx_packets); ht0=$(stat64 "$H" tx_packets)
rf0=$(rstat64 "$R" rx_fifo_errors); hf0=$(stat64 "$H" rx_fifo_errors)
gen_run 60 "$N" 10000
neta_wait_quiet
read -r -a d <<<"$(xdp_delta "$hb" "$(xdp_counts "$H")")"
got=$((N - $(stat64 "$H" rx_fifo_errors) + hf0))
ktap_diag "XDP_TX: $got of $N received, ${d[3]} sent back, ${d[4]} without room"
assert_eq "XDP_TX: rx_xdp_tx + rx_xdp_tx_errors = frames received, nothing else" \
	"0 0 0 $got" "${d[0]} ${d[1]} ${d[2]} $((d[3] + d[4]))"
# how many the host could receive at 10,000/s depends on the guest's speed
check "XDP_TX: frames received, at least half of them sent back" \
	test "$got" -gt 0 -a "${d[3]}" -ge $(((got + 1) / 2))
assert_eq "XDP_TX: port A sent rx_xdp_tx, port B received + overran them" "${d[3]} ${d[3]}" \
	"$(($(stat64 "$H" tx_packets) - ht0)) $(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"
check "XDP_TX: detach" xdp_detach "$H"
kill "$XSK_PID"; wait "$XSK_PID"
assert_eq "verdicts: the socket received nothing" 0 "$(xsk_result rx)"

# --- refusals
check "refused: queue 7 of a port with one RX queue (Invalid argument)" \
	refused "Invalid argument" "$XSK" txonly "$H" 7 -z -n 1
# without a program the port takes MTU 4000 (frames over several buffers),
# a bound umem of 4096-byte frames cannot
check "attach xdp_redirect_xsk again" xdp_attach "$H" xdp_redirect_xsk xdp
xsk_start rxdrop "$H" 0 -z -i 600000
xdp_detach "$H"
check "MTU 4000 refused while 4096-byte umem frames are bound (no program)" \
	refused "Invalid argument" ip link set dev "$H" mtu 4000
assert_eq "MTU unchanged" 1500 "$(cat "/sys/class/net/$H/mtu")"
kill "$XSK_PID"; wait "$XSK_PID"
check "attach xdp_redirect_xsk" xdp_attach "$H" xdp_redirect_xsk xdp
xsk_start rxdrop "$H" 0 -z -i 600000

# --- a socket closed with frames in flight (the generator still sending)
# more than the guest can send in the second before the close (200,000
# were all received in that second at load 0.4); stopped after the close
echo 60 >$P0/gen_size; echo 100000000 >$P0/gen_count; echo 0 >$P0/gen_rate
echo 1 >$P0/gen_flows; echo 1 >$P0/gen_start
sleep 1
kill "$XSK_PID"; wait "$XSK_PID"
echo 0 >$P0/gen_start
xdp_wait_quiet
ktap_diag "closed in flight: the socket had received $(xsk_result rx), the generator sent $(cat $P0/gen_sent 2>/dev/null)"
rxdrop_n "after a socket closed in flight"

# --- reconfiguration with a socket bound: each restarts the rings
xsk_start rxdrop "$H" 0 -z -n "$N"
check "ring resize (rx 256) with a zero-copy socket bound" ethtool -G "$H" rx 256
check "link down/up with a zero-copy socket bound" \
	sh -c "ip link set dev $H down && ip link set dev $H up"
neta_wait_carrier
check "program detach/attach with a zero-copy socket bound" \
	sh -c "ip link set dev $H xdpdrv off && ip link set dev $H xdpdrv obj $BPF/xdp_redirect_xsk.bpf.o sec xdp"
ktap_diag "the socket left the map with the detach: put it back by a new socket"
kill "$XSK_PID"; wait "$XSK_PID"
rxdrop_n "after resize, down/up, detach/attach"
check "detach" xdp_detach "$H"

neta_finish
ktap_finish
