#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: XDP verdicts on mvneta_xdp (NETA model): N frames into port 0 through DROP, PASS, PASS with adjust_meta/head/tail, TX, ABORTED: the matching ethtool counter = N and the others 0, rx_packets = N, conservation, 0 pages in flight after each detach, 0 model violations; then again with 2 RX + 8 TX queues (16 flows hashed over the RX queues): both RX queues used, per-queue counters sum to the totals
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
	local before after rx0 rr0 ht0 rf0 hf got want rwant
	if ! check "$name: attach $prog" xdp_attach "$H" "$prog" xdp; then
		ktap_skip_all "not attached" "$name: program count" "$name: counters" \
			"$name: rx_packets" "$name: conservation" "$name: remote" \
			"$name: traffic flowed"
		return 1
	fi
	before=$(xdp_counts "$H")
	rx0=$(stat64 "$H" rx_packets)
	rr0=$(rstat64 "$R" rx_packets)
	ht0=$(stat64 "$H" tx_packets)
	rf0=$(rstat64 "$R" rx_fifo_errors)
	xdp_paced "$name" 60 "$n" "$rate"
	after=$(xdp_counts "$H")
	hf=$XDP_OVERRUNS got=$XDP_GOT
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

ktap_plan 80
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

# Several queues, as the real NETA has them: the driver loaded again with 2
# RX and 8 TX queues, the model's rx_hash spreading the generator's 16 flows
# over the enabled RX queues (a test convenience, see neta_model.rst): the
# traffic uses both RX queues and every port total is the sum of its
# queues' counters; tagged frames from the remote reach the queue of their
# VLAN priority. One more driver load and 2000 frames per verdict: about
# 60 s of the case's 230 s on the shared 2-core host at load ~10 (this part
# runs in 500 and 501 alike).
# q_counts KIND FIELD: the host's KINDN_FIELD counters, one line
q_counts() {
	ethtool -S "$H" | awk -v re="^$1[0-9]+_$2:\$" \
		'$1 ~ re { printf "%s%s", sep, $2; sep = " " } END { print "" }'
}
q_sum() { q_counts "$1" "$2" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { print s + 0 }'; }
# q_delta BEFORE AFTER: per-queue increments, one line
q_delta() {
	echo "$1 / $2" | awk '{ n = (NF - 1) / 2; for (i = 1; i <= n; i++) printf "%s%d", (i > 1 ? " " : ""), $(n + 1 + i) - $i; print "" }'
}
# q_sums_agree: rxqN_packets and txqN_packets sum to rx_packets/tx_packets
q_sums_agree() {
	local rx tx
	rx="$(q_sum rxq packets) $(stat64 "$H" rx_packets)"
	tx="$(q_sum txq packets) $(stat64 "$H" tx_packets)"
	[ "${rx% *}" = "${rx#* }" ] && [ "${tx% *}" = "${tx#* }" ] ||
		{ echo "rxq sum, rx_packets: $rx; txq sum, tx_packets: $tx"; return 1; }
}
mark=$(dmesg_mark)
ip netns del remote
NETA_MODEL_PARAMS="${NETA_MODEL_PARAMS:-} rxqs=2 txqs=8" xdp_up rxq_number=2 txq_number=8
assert_eq "2 RX + 8 TX queues: ethtool -S has rxq0..1 and txq0..7" "2 8" \
	"$(q_counts rxq packets | wc -w) $(q_counts txq packets | wc -w)"

# The silicon's own spreading: a VLAN-tagged frame goes to the queue its
# priority maps to in MVNETA_VLAN_PRIO_TO_RXQ (written here through the
# model's register access, as mvneta's mqprio offload would): priority 5 ->
# queue 1, the others (0 after reset) -> queue 0
reg 0 $((MVNETA_VLAN_PRIO_TO_RXQ)) 0x8000
for prio in 5 3; do
	q0=$(q_counts rxq packets)
	vlan_send $prio 100
	wait_quiet host:rx_packets
	want="0 100"
	[ $prio = 5 ] || want="100 0"
	assert_eq "VLAN priority $prio -> RX queue $([ $prio = 5 ] && echo 1 || echo 0) (MVNETA_VLAN_PRIO_TO_RXQ): rxq0, rxq1 +" \
		"$want" "$(q_delta "$q0" "$(q_counts rxq packets)")"
done
reg 0 $((MVNETA_VLAN_PRIO_TO_RXQ)) 0

echo 1 >"$P0/rx_hash"
export GEN_FLOWS=16
q0=$(q_counts rxq packets)
verdict_case "2 RX queues: DROP" xdp_drop 1 "$NA" 0 2 0
# shellcheck disable=SC2046 # two numbers
set -- $(q_delta "$q0" "$(q_counts rxq packets)")
ktap_diag "DROP over 16 flows: rxq0 +$1, rxq1 +$2"
check "2 RX queues: DROP: both queues received (rxq0 +$1, rxq1 +$2)" test "$1" -gt 0 -a "$2" -gt 0
check "2 RX queues: DROP: rxqN_packets, txqN_packets sum to the port's totals" q_sums_agree
check "2 RX queues: DROP: detach" xdp_detach "$H"

t0=$(q_counts txq packets)
verdict_case "2 RX + 8 TX queues: TX" xdp_tx_mirror 3 "$NA" 10000 3 1
tqd=$(q_delta "$t0" "$(q_counts txq packets)")
ktap_diag "TX queues used: +$tqd"
# XDP_TX sends on the TX queue of the CPU that runs NAPI (cpu % txq_number)
# and the host sent nothing else meanwhile (host tx_packets = the frames
# mirrored, checked above): queues beyond the guest's CPUs stay untouched
check "2 RX + 8 TX queues: TX: only the TX queues of the guest's $(nproc) CPUs used (+$tqd)" \
	awk -v n="$(nproc)" '{ for (i = n + 1; i <= NF; i++) if ($i) exit 1 }' <<<"$tqd"
check "2 RX + 8 TX queues: TX: rxqN_packets, txqN_packets sum to the port's totals" q_sums_agree
check "2 RX + 8 TX queues: TX: detach" xdp_detach "$H"
assert_eq "2 RX + 8 TX queues: 0 model violations" 0 "$(neta_violations)"
neta_finish
ktap_finish
