#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdp_drop attached natively to a veth drops exactly N of N frames (map and veth counters)
# timeout: 120
. "$SRC/selftests/lib/case.sh"

N=${VETH_FRAMES:-20000}
ktap_plan 6
ip link add v0 type veth peer name v1 || die "cannot create veth"
quiet_port v0
quiet_port v1
ip link set v0 up
ip link set v1 up
check "attach xdp_drop natively with ip link" \
	ip link set dev v1 xdpdrv obj "$BPF/xdp_drop.bpf.o" sec xdp
assert_eq "attached in native mode" 1 "$(ip -j link show dev v1 | jq '.[0].xdp.mode')"
mac=$(cat /sys/class/net/v1/address)
pg_send v0 "$mac" "$N" 60 || die "pktgen failed"
assert_eq "v0 sent N" "$N" "$(cat /sys/class/net/v0/statistics/tx_packets)"
assert_eq "program counted N drops" "$N" "$(xdp_action_packets v1 1)"
assert_eq "veth counted N XDP drops" "$N" \
	"$(ethtool -S v1 | awk '/rx_queue_0_xdp_drops:/ {print $2}')"
ip link set dev v1 xdpdrv off
assert_eq "detached" "" "$(ip -j link show dev v1 | jq -r '.[0].xdp.prog.id // empty')"
ktap_finish
