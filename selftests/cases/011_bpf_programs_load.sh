#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: every bpf/ program attaches natively with ip link, in its xdp and xdp.frags sections
# timeout: 120
. "$SRC/selftests/lib/case.sh"

objs=("$BPF"/*.bpf.o)
ktap_plan $((${#objs[@]} * 2))
ip link add v0 type veth peer name v1 || die "cannot create veth"
ip link set v0 up
ip link set v1 up
for o in "${objs[@]}"; do
	n=$(basename "$o" .bpf.o)
	for sec in xdp xdp.frags; do
		if out=$(ip link set dev v1 xdpdrv obj "$o" sec "$sec" 2>&1) &&
			[ -n "$(ip -j link show dev v1 | jq -r '.[0].xdp.prog.id // empty')" ]; then
			ktap_ok "$n sec $sec"
		else
			ktap_fail "$n sec $sec" "$out"
		fi
		ip link set dev v1 xdpdrv off
	done
done
ktap_finish
