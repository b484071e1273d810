#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: seed recipe XDP_TX (NETA model): xdp_tx_mirror on the host port, a sender in netns remote sends N numbered UDP frames (N = 100,000 here; 1,500,000 in ./lab bench xdp_tx_capture), tcpdump -w on the remote port holds exactly N reflected frames: swapped MAC/IPv4 addresses, valid IPv4/UDP checksums, every sequence number once; every counter on the way = N
# timeout: 600
#
# XDP_TX has no back-pressure and TCG deschedules vCPUs for tens of
# milliseconds, so an open-loop sender (pktgen, even rate limited) overruns
# the rings now and then. selftests/tools/udp_flow_send.py keeps at most
# XDP_TX_WINDOW (256) frames ahead of the remote's rx_packets: fewer than
# any ring in the loop holds, so no frame can be lost by design.
# The remote's root qdisc is pfifo: the default fq_codel drops frames whose
# sojourn exceeds its 5 ms target, which a descheduled vCPU causes (105 of
# 1.5 M in one run). XDP_TX_FRAMES changes N.
. "$SRC/selftests/lib/xdp.sh"

N=${XDP_TX_FRAMES:-100000}
WINDOW=${XDP_TX_WINDOW:-256}
PCAP=$SCRATCH/reflected.pcap

ktap_plan 17
mark=$(dmesg_mark)
t0=$(date +%s)
xdp_up
check "xdp_tx_mirror attached to the host port" xdp_attach "$H" xdp_tx_mirror xdp
# The reflected frames are UDP to a port nobody listens on: drop them at
# the remote's ingress (after the capture tap) so its stack sends no ICMP
check "remote: clsact + matchall gact drop on ingress, pfifo root qdisc" sh -c \
	"$NS tc qdisc add dev $R clsact && $NS tc filter add dev $R ingress matchall action gact drop &&
	 $NS tc qdisc replace dev $R root pfifo limit 10000"

$NS tcpdump -i "$R" -Q in -n -s 128 -B 131072 -w "$PCAP" udp 2>"$SCRATCH/tcpdump.err" &
tcpdump_pid=$!
for i in $(seq 100); do
	grep -q listening "$SCRATCH/tcpdump.err" && break
	sleep 0.1
done
check "tcpdump listening on the remote port" grep -q listening "$SCRATCH/tcpdump.err"

before=$(xdp_counts "$H")
h_rx0=$(stat64 "$H" rx_packets)
h_tx0=$(stat64 "$H" tx_packets)
r_tx0=$(rstat64 "$R" tx_packets)
r_rx0=$(rstat64 "$R" rx_packets)
t1=$(date +%s.%N)
out=$($NS python3 "$XDP_STOOLS/udp_flow_send.py" --dev "$R" --count "$N" --window "$WINDOW" \
	--src-mac "$R_MAC" --dst-mac "$H_MAC" --src-ip 198.18.0.2 --dst-ip 198.18.0.1 \
	--ack-file "/sys/class/net/$R/statistics/rx_packets" 2>&1)
assert_eq "remote sender: $N frames sent, $N came back (window $WINDOW)" \
	"sent $N acked $N stalls 0" "$out" || ktap_diag "$($NS tc -s qdisc show dev "$R")" \
	"$($NS ethtool -S "$R" | grep -E 'txq[0-9]*_(packets|dropped|stops|wakes):' | grep -v ': 0$')" \
	"$($NS ip -s link show dev "$R")"
t2=$(date +%s.%N)
xdp_wait_quiet
kill -INT $tcpdump_pid
wait $tcpdump_pid
ktap_diag "$(grep -E 'captured|received|dropped' "$SCRATCH/tcpdump.err")"
after=$(xdp_counts "$H")

assert_eq "remote tx_packets +$N" "$N" "$(($(rstat64 "$R" tx_packets) - r_tx0))"
assert_eq "host rx_packets +$N, rx_fifo_errors 0" "$N 0" \
	"$(($(stat64 "$H" rx_packets) - h_rx0)) $(stat64 "$H" rx_fifo_errors)"
assert_eq "host $XDP_NAMES" "0 0 0 $N 0 0 0" "$(xdp_delta "$before" "$after")"
assert_eq "xdp_tx_mirror returned XDP_TX $N times" "$N" "$(xdp_action_packets "$H" 3)"
assert_eq "host tx_packets +$N" "$N" "$(($(stat64 "$H" tx_packets) - h_tx0))"
assert_eq "remote rx_packets +$N, rx_fifo_errors 0" "$N 0" \
	"$(($(rstat64 "$R" rx_packets) - r_rx0)) $(rstat64 "$R" rx_fifo_errors)"
assert_eq "tcpdump: $N packets captured, 0 dropped by kernel" "$N 0" \
	"$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured.*/\1/p' "$SCRATCH/tcpdump.err") $(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by kernel.*/\1/p' "$SCRATCH/tcpdump.err")"
t3=$(date +%s.%N)
name="capture: exactly $N reflected frames $H_MAC -> $R_MAC, 198.18.0.1 -> 198.18.0.2, valid IPv4/UDP checksums, sequence numbers 0..$((N - 1)) once each"
if out=$(python3 "$XDP_STOOLS/pcap_check.py" "$PCAP" --count "$N" --eth-src "$H_MAC" \
	--eth-dst "$R_MAC" --ip-src 198.18.0.1 --ip-dst 198.18.0.2 --pktgen-seq 2>&1); then
	ktap_diag "$out"
	ktap_ok "$name"
else
	ktap_fail "$name" "$out"
fi
t4=$(date +%s.%N)
rm -f "$PCAP"
ktap_diag "$(awk -v a="$t1" -v b="$t2" -v c="$t3" -v d="$t4" -v n="$N" \
	'BEGIN { printf "send %.1f s (%.0f frames/s), capture check %.1f s", b - a, n / (b - a), d - c }')"
check "detach" xdp_detach "$H"
$NS tc qdisc del dev "$R" clsact
$NS tc qdisc del dev "$R" root 2>/dev/null
neta_finish
ktap_diag "case wall time $(($(date +%s) - t0)) s"
ktap_finish
