#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: XDP multi-buffer on mvneta_xdp (NETA model): MTU refusals for single-buffer programs (extack text at attach, MTU cap while attached), then 9000-byte frames (3 descriptors) through DROP, PASS, TX with xdp.frags programs seeing the full length, and devmap REDIRECT (6.1's core refuses frags: counted as drops; 6.12 sends them out of port B): exact counters and bytes, 0 pages in flight, 0 model violations
# timeout: 900
. "$SRC/selftests/lib/neta_xdp.sh"

NJ=${XDP_JUMBO_FRAMES:-1000}
SZ=9000

# xdp_action_bytes DEV ACTION: bytes the program saw for ACTION (all buffers)
xdp_action_bytes() {
	local map
	map=$(map_id "$1" stats) || return 1
	bpftool -j map lookup id "$map" key "$2" 0 0 0 |
		jq '[.formatted.values[].value.bytes] | add'
}

# jumbo_case NAME PROG ACTION COUNTER REMOTE [RATE]: NJ frames of SZ bytes
# at RATE (0: back-pressure; else frames the host's ring has no room for
# are device overruns and never reach the program); of the XDP counters
# only COUNTER (0..6) moves, by the frames received; REMOTE 1: the host
# sends them all to the remote port
jumbo_case() {
	local name=$1 prog=$2 act=$3 idx=$4 remote=$5 rate=${6:-0}
	local hb hrb rrb rr0 rf0 rf rr got want rrx
	check "$name: attach $prog (xdp.frags)" xdp_attach "$H" "$prog" xdp.frags
	hb=$(xdp_counts "$H")
	hrb=$(stat64 "$H" rx_bytes)
	rr0=$(rstat64 "$R" rx_packets)
	rrb=$(rstat64 "$R" rx_bytes)
	rf0=$(rstat64 "$R" rx_fifo_errors)
	xdp_paced "$name" $SZ "$NJ" "$rate"
	rf=$(($(rstat64 "$R" rx_fifo_errors) - rf0))
	got=$XDP_GOT
	want=$(xdp_only "$idx" "$got")
	rrx=0
	[ "$remote" = 1 ] && rrx=$got
	assert_eq "$name: $XDP_NAMES" "${want# }" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
	assert_eq "$name: the program saw $got frames of $SZ bytes (bpf_xdp_get_buff_len)" \
		"$got $((got * SZ))" "$(xdp_action_packets "$H" "$act") $(xdp_action_bytes "$H" "$act")"
	# remote frames: received + overran (no room in its ring), bytes of those received
	rr=$(($(rstat64 "$R" rx_packets) - rr0))
	assert_eq "$name: host rx_bytes +$got x $SZ, remote rx + overruns $rrx, all of $SZ bytes" \
		"$((got * SZ)) $rrx $((rr * SZ))" \
		"$(($(stat64 "$H" rx_bytes) - hrb)) $((rr + rf)) $(($(rstat64 "$R" rx_bytes) - rrb))"
	check "$name: detach" xdp_detach "$H"
}

ktap_plan 44
mark=$(dmesg_mark)
xdp_up
$NS ip link set "$R" mtu 9000

# --- MTU limits of single-buffer programs
check "MTU 1500: single-buffer xdp_drop attaches" xdp_attach "$H" xdp_drop xdp
check "MTU 9000 refused while it is attached (extack: mtu greater than device maximum)" \
	refused "mtu greater than device maximum" ip link set dev "$H" mtu 9000
check "MTU 3496 (the single-buffer limit) accepted" ip link set dev "$H" mtu 3496
check "MTU 3497 refused" refused "mtu greater than device maximum" ip link set dev "$H" mtu 3497
ip link set dev "$H" mtu 1500
check "detach" xdp_detach "$H"
check "MTU 9000 without a program" ip link set dev "$H" mtu 9000
check "MTU 9000: single-buffer program refused with extack" \
	refused "MTU above the single-buffer limit" xdp_attach "$H" xdp_drop xdp
assert_eq "nothing attached after the refusal" "" \
	"$(ip -j link show dev "$H" | jq -r '.[0].xdp.prog.id // empty')"
check "MTU 9000: xdp.frags program attaches" xdp_attach "$H" xdp_pass xdp.frags
check "MTU 9676 accepted with a frags program" ip link set dev "$H" mtu 9676
ip link set dev "$H" mtu 9000
check "detach the frags program" xdp_detach "$H"

# --- 9000-byte frames through each verdict
jumbo_case "jumbo DROP" xdp_drop 1 2 0
jumbo_case "jumbo PASS" xdp_pass 2 1 0
# paced: XDP_TX has no back-pressure (see 500_xdp_verdicts)
jumbo_case "jumbo TX" xdp_tx_mirror 3 3 1 2000

# devmap A -> B with multi-buffer frames: Linux 6.1's xdp_do_redirect()
# refuses frames with frags for every map but cpumap (-EOPNOTSUPP), so each
# redirect fails: the driver recycles the frame and counts a drop. 6.3
# lifts it for devices announcing NETDEV_XDP_ACT_NDO_XMIT_SG (ours does,
# on kernels that have xdp_features): on 6.12 port B sends each frame
# through its multi-buffer ndo_xdp_xmit, the frame comes back to port A
# (back to back cable) with UDP port 10 and the program drops it, as in
# 502_xdp_redirect. The multi-frag path of ndo_xdp_xmit is also tested by
# 508_xdp_xmit_flags.
check "jumbo REDIRECT: attach xdp_redirect_mark (xdp.frags)" xdp_attach "$H" xdp_redirect_mark xdp.frags
# the ifindex is resolved in the netns of the updater: port B's
# shellcheck disable=SC2046 # word splitting wanted: a list of numbers
check "jumbo REDIRECT: tx_port[0] = port B (ifindex in netns remote)" \
	$NS bpftool map update id "$(map_id "$H" tx_port)" key 0 0 0 0 value \
		$(u32le "$($NS cat /sys/class/net/"$R"/ifindex)")
hb=$(xdp_counts "$H"); hrb=$(stat64 "$H" rx_bytes); rtb=$(rstat64 "$R" tx_bytes)
hf0=$(stat64 "$H" rx_fifo_errors)
rb=$(for n in $XDP_NAMES; do rethstat "$R" "$n"; done | xargs)
gen_run $SZ "$NJ"
hc=$(xdp_delta "$hb" "$(xdp_counts "$H")")
rc=$(xdp_delta "$rb" "$(for n in $XDP_NAMES; do rethstat "$R" "$n"; done | xargs)")
bytes="$(($(stat64 "$H" rx_bytes) - hrb)) $(($(rstat64 "$R" tx_bytes) - rtb))"
if [ "${KERNEL_SERIES:-6.1}" = 6.1 ]; then
	assert_eq "jumbo REDIRECT (6.1 core refuses frags): port A $XDP_NAMES" "0 0 $NJ 0 0 0 0" "$hc"
	assert_eq "jumbo REDIRECT: port B $XDP_NAMES untouched" "0 0 0 0 0 0 0" "$rc"
	assert_eq "jumbo REDIRECT: port A received $NJ x $SZ bytes, port B sent nothing" \
		"$((NJ * SZ)) 0" "$bytes"
else
	# the returning frames are not paced: those port A has no room for
	# are overruns (as in 502_xdp_redirect)
	hf=$(($(stat64 "$H" rx_fifo_errors) - hf0))
	ktap_diag "port A overruns on the returning frames: $hf"
	assert_eq "jumbo REDIRECT ($KERNEL_SERIES core sends frags): port A $XDP_NAMES (drop + overruns)" \
		"$NJ 0 $NJ 0 0 0 0" "$(xdp_add_fifo "$hc" "$hf")"
	assert_eq "jumbo REDIRECT: port B $XDP_NAMES" "0 0 0 0 0 $NJ 0" "$rc"
	assert_eq "jumbo REDIRECT: port A received (2 x $NJ - overruns) x $SZ bytes, port B sent $NJ x $SZ" \
		"$(((2 * NJ - hf) * SZ)) $((NJ * SZ))" "$bytes"
fi
assert_eq "jumbo REDIRECT: the program returned XDP_REDIRECT for $NJ full-length frames" \
	"$NJ $((NJ * SZ))" "$(xdp_action_packets "$H" 4) $(xdp_action_bytes "$H" 4)"
check "jumbo REDIRECT: detach" xdp_detach "$H"

assert_eq "host RX ring full of buffers again" "$(neta_rx_ring_size 0)" "$(neta_rx_on_ring 0)"
assert_eq "TX rings drained" "0 0" "$(neta_tx_inuse 0) $(neta_tx_inuse 1)"
check "0 pages in flight after the jumbo cases" neta_pages_back
assert_eq "0 model violations after the jumbo cases" 0 "$(neta_violations)"
neta_finish
ktap_finish
