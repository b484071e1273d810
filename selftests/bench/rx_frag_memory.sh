#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: pages held by the host port's pools, RX fragment mode vs whole pages (mvneta_xdp rx_frag=0), kernel and own pool, RX ring 128 (default) and 512 (largest), MTU 1500 and 1400, without and with an XDP program; ratio frag / full, goal <= 0.5
# timeout: 600
#
# Deterministic (no traffic): each line restarts the rings with the mode
# and reads pool_pages from the driver's debugfs right after the refill.
# Without a program the headroom is NET_SKB_PAD: 64 B + 1528 B (MTU 1500)
# + 320 B skb_shared_info fit 2048 B, so MTU 1500 is in fragment mode. With
# a program (XDP_PACKET_HEADROOM, 256 B + 1528 B + 320 B = 2104 B > 2048 B)
# both modes use whole pages at MTU 1500 and the ratio is 1, which the
# table says rather than hides; the goal is the default (no program) case.
. "$SRC/selftests/lib/neta.sh"

PARAM=/sys/module/mvneta_xdp/parameters/rx_frag

# pages FRAG RX: rings restarted with rx_frag=FRAG and RX descriptors,
# pages held by the host's pool (one RX queue)
pages() {
	echo "$1" >$PARAM
	ethtool -G "$H" rx $(($2 == 512 ? 496 : $2 + 16)) || return 1
	ethtool -G "$H" rx "$2" || return 1
	neta_ring_sum 0 rxq pool_pages
}

printf '# %-6s %-5s %-8s %-5s %10s %10s %7s  %s\n' pool mtu program ring full_pages frag_pages ratio goal
fail=0
for pool in kernel own; do
	NETA_POOL=$pool
	neta_load || { echo "# cannot load the driver (page_pool=$pool)"; exit 1; }
	ip link set "$H" up || exit 1
	for mtu in 1500 1400; do
		ip link set "$H" mtu $mtu || exit 1
		for prog in none xdp_pass; do
			if [ $prog = none ]; then
				ip link set dev "$H" xdpdrv off
			else
				ip link set dev "$H" xdpdrv obj "$BPF/$prog.bpf.o" sec xdp || exit 1
			fi
			for ring in 128 512; do
				full=$(pages 0 $ring) && frag=$(pages 1 $ring) || { fail=1; continue; }
				ratio=$(awk -v a="$frag" -v b="$full" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
				met=$(awk -v r="$ratio" 'BEGIN { print (r <= 0.5 ? "met" : "NOT met") }')
				printf '# %-6s %-5s %-8s %-5s %10s %10s %7s  <= 0.5 %s\n' \
					$pool $mtu $prog $ring "$full" "$frag" "$ratio" "$met"
			done
		done
		ip link set dev "$H" xdpdrv off
	done
	ip link set "$H" down
	rmmod mvneta_xdp
	neta_unload_rest
done
exit $fail
