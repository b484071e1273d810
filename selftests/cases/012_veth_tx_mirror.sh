#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdp_tx_mirror on a veth reflects exactly N UDP frames with swapped MAC/IP and valid checksums
# timeout: 240
. "$SRC/selftests/lib/case.sh"

N=5000
ktap_plan 6
ip netns add remote
ip link add v0 type veth peer name v1 netns remote || die "cannot create veth"
quiet_port v0
ip -n remote link set v1 arp off multicast off
ip link set v0 up
ip -n remote link set v1 up
# XDP_TX on veth needs the peer to take frames back: give it a pass program.
ip -n remote link set dev v1 xdpdrv obj "$BPF/xdp_pass.bpf.o" sec xdp
check "attach xdp_tx_mirror" ip link set dev v0 xdpdrv obj "$BPF/xdp_tx_mirror.bpf.o" sec xdp
ip netns exec remote tcpdump -i v1 -w "$SCRATCH/cap.pcap" -U -n -s 128 'udp and src 198.18.0.2' \
	2>"$SCRATCH/tcpdump.log" &
tcpd=$!
# Send only once the capture is really listening (slow under TCG).
for _ in $(seq 300); do
	grep -q 'listening on' "$SCRATCH/tcpdump.log" && break
	sleep 0.1
done
grep -q 'listening on' "$SCRATCH/tcpdump.log" || die "tcpdump did not start: $(cat "$SCRATCH/tcpdump.log")"
PG_NETNS=remote pg_send v1 "$(cat /sys/class/net/v0/address)" "$N" 60 ||
	die "pktgen failed"
sleep 1
kill -INT $tcpd
wait $tcpd
ktap_diag "$(grep -E 'captured|dropped' "$SCRATCH/tcpdump.log")"
assert_eq "program counted N XDP_TX" "$N" "$(xdp_action_packets v0 3)"
# tcpdump -vv verifies both checksums of every frame it prints (one pass:
# two lines per frame, the IPv4 header then the UDP one).
tcpdump -r "$SCRATCH/cap.pcap" -n -vv 2>/dev/null >"$SCRATCH/cap.txt"
assert_eq "capture holds N reflected frames" "$N" "$(grep -c 'proto UDP' "$SCRATCH/cap.txt")"
assert_eq "no bad IPv4 header checksum" 0 "$(grep -c 'bad cksum' "$SCRATCH/cap.txt")"
# pktgen sends UDP without a checksum (0 = none, valid for IPv4).
assert_eq "N frames with a valid or absent UDP checksum" "$N" \
	"$(grep -c '\[udp sum ok\]\|\[no cksum\]' "$SCRATCH/cap.txt")" ||
	ktap_diag "$(head -n 4 "$SCRATCH/cap.txt")"
assert_eq "addresses swapped (198.18.0.2.9 > 198.18.0.1.9)" "$N" \
	"$(grep -c '198.18.0.2.9 > 198.18.0.1.[0-9]*: \[' "$SCRATCH/cap.txt")"
ktap_finish
