# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers of the AF_XDP cases (605 copy mode, 606 zero-copy): the
# userspace/tools/xsk_tool socket in the background, its result line, and
# the l2fwd and txonly steps both modes run alike (MODE: -c or -z, N frames
# of 60 bytes on queue 0 of $H); sources neta_xdp.sh.

# sourced once, whatever sources it too
[ -z "${LIB_XSK_SH:-}" ] || return 0
LIB_XSK_SH=1
. "$SRC/selftests/lib/neta_xdp.sh"

XSK=$TOOLS/xsk_tool

# xsk_start ARGS...: xsk_tool in the background, once it is bound and the
# link is up (a zero-copy bind restarts its queue pair's rings, or the
# whole port's when they cannot be allocated); fails when the socket could
# not be bound
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

# xsk_rxdrop MODE NAME: an rxdrop socket on queue 0, with xdp_redirect_xsk
# attached, receives exactly N generated frames of 60 bytes: the socket,
# the XDP counters and the queue agree (4 tests)
xsk_rxdrop() {
	local mode=$1 name=$2 hb q0
	xsk_start rxdrop "$H" 0 "$mode" -n "$N"
	assert_eq "$name: socket bound ($mode), in xsks_map" 0 "$?"
	hb=$(xdp_counts "$H"); q0=$(ethstat "$H" rxq0_packets)
	gen_run 60 "$N"
	wait "$XSK_PID"
	assert_eq "$name: the socket received N frames of 60 bytes" "$N $((N * 60))" \
		"$(xsk_result rx rx_bytes)" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
	assert_eq "$name: port A $XDP_NAMES" "$N 0 0 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
	assert_eq "$name: port A rxq0_packets +N" "$N" "$(($(ethstat "$H" rxq0_packets) - q0))"
}

# xsk_l2fwd MODE: an l2fwd socket sends what it receives back out of port A
# to port B, with xdp_redirect_xsk attached. The socket is slower than the
# generator: what it cannot take is a failed redirect, a drop of the driver
# (copy mode: of the socket's XDP_STATISTICS too). What port B's RX ring
# has no room for is its rx_fifo_errors (a device overrun, as on a wire).
# 5 tests, 6 in copy mode.
xsk_l2fwd() {
	local mode=$1 hb rr0 ht0 rf0 got sent completed
	xsk_start l2fwd "$H" 0 "$mode" -n "$N"
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
	if [ "$mode" = -c ]; then
		assert_eq "l2fwd: the socket's drops are the driver's" "$((N - got))" \
			"$(($(xsk_result sock_rx_dropped | tr ' ' '+') + $(xsk_result sock_rx_ring_full)))"
	fi
	assert_eq "l2fwd: sent and completed all it received" "$got $got" "$sent $completed"
	ktap_diag "l2fwd: port B overran $(($(rstat64 "$R" rx_fifo_errors) - rf0))"
	assert_eq "l2fwd: port A tx_packets, port B rx_packets + rx_fifo_errors + received" "$got $got" \
		"$(($(stat64 "$H" tx_packets) - ht0)) $(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"
}

# xsk_txonly MODE: N frames out of port A to port B's MAC (no XDP program
# needed to send), all completed; port B receives them or overruns (its
# rx_fifo_errors). 4 tests.
xsk_txonly() {
	local mode=$1 rr0 ht0 rf0
	rr0=$(rstat64 "$R" rx_packets); ht0=$(stat64 "$H" tx_packets)
	rf0=$(rstat64 "$R" rx_fifo_errors)
	"$XSK" txonly "$H" 0 "$mode" -n "$N" -s 60 -D "$R_MAC" >"$SCRATCH/xsk.out" 2>&1
	assert_eq "txonly: exit 0" 0 "$?"
	assert_eq "txonly: N frames of 60 bytes sent to port B's MAC, all completed" "$N $N" \
		"$(xsk_result tx tx_completed)" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
	neta_wait_quiet
	assert_eq "txonly: port A tx_packets +N" "$N" "$(($(stat64 "$H" tx_packets) - ht0))"
	ktap_diag "txonly: port B overran $(($(rstat64 "$R" rx_fifo_errors) - rf0))"
	assert_eq "txonly: port B rx_packets + rx_fifo_errors +N" "$N" \
		"$(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"
}
