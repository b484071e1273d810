#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: the main job: attach an XDP program, send traffic, show the counters
# timeout: 120
. "$SRC/selftests/lib/kernel.sh"
. "$SRC/selftests/lib/pktgen.sh"
. "$SRC/selftests/lib/bpf.sh"
set -e
echo "guest kernel: $(uname -r) ($(uname -m))"
ip link add v0 type veth peer name v1
quiet_port v0
quiet_port v1
ip link set v0 up
ip link set v1 up
echo "+ ip link set dev v1 xdpdrv obj xdp_drop.bpf.o sec xdp"
ip link set dev v1 xdpdrv obj "$BPF/xdp_drop.bpf.o" sec xdp
ip link show dev v1
echo "+ pktgen: 10000 UDP frames v0 -> v1"
pg_send v0 "$(cat /sys/class/net/v1/address)" 10000 60
echo "+ ethtool -S v1 | grep xdp"
ethtool -S v1 | grep xdp
echo "program's own count of XDP_DROP: $(xdp_action_packets v1 1)"
if [ -x "$XDPCTL" ]; then
	echo "+ xdpctl stats v1"
	"$XDPCTL" stats v1
fi
