#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: XDP verdicts on mvneta_xdp (NETA model): N frames into port 0 through DROP, PASS, PASS with adjust_meta/head/tail, TX, ABORTED: the matching ethtool counter = N and the others 0, rx_packets = N, conservation, 0 pages in flight after each detach, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/neta_xdp.sh"

N=${XDP_FRAMES:-20000}
NA=2000		# ABORTED and adjust cases: traced / captured frames

# verdict_case NAME PROG ACTION FRAMES RATE COUNTER REMOTE
# The generator sends FRAMES at RATE (0: back-pressure, every frame reaches
# the driver; else frames the host's ring has no room for are device
# overruns, rx_fifo_errors, and never reach the program): of the XDP
# counters only COUNTER (0..6) moves, by the frames received; REMOTE 1: the
# host sends them all to the remote port
verdict_case() {
	local name=$1 prog=$2 act=$3 n=$4 rate=$5 idx=$6 remote=$7
	local before after rx0 rr0 ht0 rf0 hf0 hf got want rwant
	if ! check "$name: attach $prog" xdp_attach "$H" "$prog" xdp; then
		ktap_skip "$name: program count" "not attached"
		ktap_skip "$name: counters" "not attached"
		ktap_skip "$name: rx_packets" "not attached"
		ktap_skip "$name: conservation" "not attached"
		ktap_skip "$name: remote" "not attached"
		ktap_skip "$name: traffic flowed" "not attached"
		return 1
	fi
	before=$(xdp_counts "$H")
	rx0=$(stat64 "$H" rx_packets)
	rr0=$(rstat64 "$R" rx_packets)
	ht0=$(stat64 "$H" tx_packets)
	rf0=$(rstat64 "$R" rx_fifo_errors)
	hf0=$(stat64 "$H" rx_fifo_errors)
	gen_run 60 "$n" "$rate"
	after=$(xdp_counts "$H")
	hf=$(($(stat64 "$H" rx_fifo_errors) - hf0))
	[ "$rate" = 0 ] || ktap_diag "$name: $hf of $n frames overran the host's RX ring at $rate/s"
	got=$((n - hf))
	xdp_flowed "$name" "$n" "$hf" "$rate"
	want=$(xdp_only "$idx" "$got")
	rwant=0
	[ "$remote" = 1 ] && rwant=$got
	assert_eq "$name: the program returned action $act for the $got frames received" "$got" \
		"$(xdp_action_packets "$H" "$act")"
	assert_eq "$name: $XDP_NAMES" "$want" "$(xdp_delta "$before" "$after")"
	assert_eq "$name: host rx_packets + overruns +$n" "$n" "$(($(stat64 "$H" rx_packets) - rx0 + hf))"
	check "$name: rx_packets = redirect + pass + drop + tx + tx_errors" \
		xdp_conserved "$before" "$after" "$rx0"
	# what the remote's ring had no room for is a device overrun there
	assert_eq "$name: host sent $rwant, remote received + overran $rwant" "$rwant $rwant" \
		"$(($(stat64 "$H" tx_packets) - ht0)) $(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"
}

ktap_plan 52
mark=$(dmesg_mark)
xdp_up
check "ethtool -S has the 7 XDP counters" ethtool_has $XDP_NAMES

z="0 0 0 0 0 0 0"
assert_eq "XDP counters 0 before any program" "$z" "$(xdp_counts "$H")"

verdict_case DROP xdp_drop 1 "$N" 0 2 0
check "DROP: detach" xdp_detach "$H"
check "DROP: 0 pages in flight after detach" neta_pages_back

verdict_case PASS xdp_pass 2 "$N" 0 1 0
check "PASS: detach" xdp_detach "$H"

# XDP_TX has no back-pressure: at the generator's full rate the model's TX
# falls behind and a full ring counts rx_xdp_tx_errors; 10,000 frames/s it
# keeps up with
verdict_case TX xdp_tx_mirror 3 "$N" 10000 3 1
check "TX: detach" xdp_detach "$H"
check "TX: 0 pages in flight after detach" neta_pages_back

echo 1 >$TRACEFS/events/xdp/xdp_exception/enable
echo >$TRACEFS/trace
verdict_case ABORTED xdp_aborted 0 "$NA" 0 2 0
echo 0 >$TRACEFS/events/xdp/xdp_exception/enable
# shellcheck disable=SC2011 # names of tracefs entries: plain words
assert_eq "ABORTED: $NA xdp_exception trace events" "$NA" \
	"$(grep -c 'xdp_exception:.*action=ABORTED' $TRACEFS/trace)" ||
	ktap_diag "$(ls $TRACEFS/events/xdp/ 2>&1 | xargs)" "$(cat $TRACEFS/events/xdp/xdp_exception/enable 2>&1)" \
		"$(grep -v '^#' $TRACEFS/trace | head -n 3)"
check "ABORTED: detach" xdp_detach "$H"

# PASS after adjust_meta(-8), adjust_head(-4), adjust_tail(-8): the stack
# gets 56-byte frames (60 without the program)
tcpdump -i "$H" -w "$SCRATCH/adj.pcap" -U -n -s 96 -B 8192 ether dst "$H_MAC" \
	2>"$SCRATCH/tcpdump.log" &
tcpd=$!
sleep 2
verdict_case "PASS adjust" xdp_pass_adjust 2 "$NA" 0 1 0
sleep 1
kill -INT $tcpd
wait $tcpd
assert_eq "PASS adjust: the stack saw $NA frames of 56 bytes" "$NA" \
	"$(tcpdump -r "$SCRATCH/adj.pcap" -n -e 2>/dev/null | grep -c ', length 56: ')" ||
	ktap_diag "$(tcpdump -r "$SCRATCH/adj.pcap" -n -e 2>/dev/null | head -n 3)" "$(cat "$SCRATCH/tcpdump.log")"
check "PASS adjust: detach" xdp_detach "$H"
check "0 pages in flight after the last detach" neta_pages_back
assert_eq "0 model violations after the verdicts" 0 "$(neta_violations)"
neta_finish
ktap_finish
