#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: seed recipe XDP_PASS / XDP_DROP seen from a UDP socket (NETA model): N generator frames into the host port; PASS: the socket receives exactly N datagrams, N x 18 payload bytes; DROP: rx_xdp_drop = N, rx_packets = N, the socket receives 0
# timeout: 300
. "$SRC/selftests/lib/xdp.sh"

# Each PASS frame holds a page in the socket's queue until the sink reads
# it: N x 4 KiB must fit the 64 MiB receive buffer
N=${XDP_SOCK_FRAMES:-4000}
PAYLOAD=18	# 60-byte frames: 14 Ethernet + 20 IPv4 + 8 UDP + 18

# socket_case NAME PROG ACTION IDX SOCK_WANT: attach PROG, the generator
# sends N frames (back-pressure: none overruns), the socket must receive
# SOCK_WANT of them; of the XDP counters only IDX moves, by N
socket_case() {
	local name=$1 prog=$2 act=$3 idx=$4 want=$5 before after rx0 in0 err0 got exp
	check "$name: attach $prog" xdp_attach "$H" "$prog" xdp || return 1
	# not through check: the sink must be a child of this shell
	udp_sink_start 9 >"$SCRATCH/sink.err" 2>&1
	assert_eq "$name: UDP socket bound to port 9" 0 $? || ktap_diag "$(cat "$SCRATCH/sink.err")"
	before=$(xdp_counts "$H")
	rx0=$(stat64 "$H" rx_packets)
	in0=$(udp_stat InDatagrams)
	err0=$(($(udp_stat RcvbufErrors) + $(udp_stat InErrors)))
	gen_run 60 "$N" 0
	udp_sink_stop
	got=$(cat "$UDP_SINK_OUT")
	after=$(xdp_counts "$H")
	assert_eq "$name: the socket received $want datagrams, $((want * PAYLOAD)) bytes" \
		"$want $((want * PAYLOAD))" "$got"
	assert_eq "$name: Udp InDatagrams +$want, no receive buffer or other UDP error" "$want 0" \
		"$(($(udp_stat InDatagrams) - in0)) $(($(udp_stat RcvbufErrors) + $(udp_stat InErrors) - err0))"
	exp=$(xdp_only "$idx" "$N")
	assert_eq "$name: $XDP_NAMES" "${exp# }" "$(xdp_delta "$before" "$after")"
	assert_eq "$name: host rx_packets +$N, rx_fifo_errors 0" "$N 0" \
		"$(($(stat64 "$H" rx_packets) - rx0)) $(stat64 "$H" rx_fifo_errors)"
	assert_eq "$name: the program returned action $act $N times" "$N" \
		"$(xdp_action_packets "$H" "$act")"
	check "$name: detach" xdp_detach "$H"
}

ktap_plan 21
mark=$(dmesg_mark)
xdp_up
check "host port 198.18.0.2, remote 198.18.0.1 (generator frames are for the host)" \
	xdp_swapped_addresses
socket_case PASS xdp_pass 2 1 "$N"
socket_case DROP xdp_drop 1 2 0
neta_finish
ktap_finish
