#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: DMA_SYNC_DEV saving: XDP_DROP 64 B with the pools syncing for the device only what the device may have written (max_len: [headroom, headroom + buf_size), the default) vs the whole buffer (mvneta_xdp sync_whole=1), interleaved in one guest, both pools at once (page_pool=own,kernel), medians and the median of per-repetition ratios sync-len / whole, goal >= 1.4; dma_sync_swiotlb runs it with every buffer bounced
# timeout: 1200
#
# One driver load, port 0 with our pool, port 1 with the kernel's. A
# repetition sets sync_whole (N then Y, or Y then N, alternating), attaches
# XDP_DROP to both ports (the attach rebuilds the rings, so each pool is
# created with that sync range, checked in debugfs rings), then measures
# each port in turn (the generator pushes 60-byte frames with
# back-pressure, WARM s to settle, rx_xdp_drop over WIN s), and detaches.
# Without bounce buffers a sync for the device is only a cache operation
# (none at all on the x86 model: DMA-coherent), so the figure that matters
# is the swiotlb one, where a sync of a DMA_BIDIRECTIONAL page (XDP's) is a
# copy of the synced bytes into the bounce buffer.
# Knobs: DMA_SYNC_REPS (5), DMA_SYNC_WARM (0.3), DMA_SYNC_WIN (1).
. "$SRC/selftests/lib/neta.sh"
. "$SRC/selftests/bench/lib/ab.sh"

REPS=${DMA_SYNC_REPS:-5}
WARM=${DMA_SYNC_WARM:-0.3}
WIN=${DMA_SYNC_WIN:-1}
SIZE=60
OUT=${XDP_BENCH_OUT:-/vmout}
TAG=${DMA_SYNC_TAG:-}
TSV=$OUT/dma_sync$TAG.tsv
PARAM=/sys/module/mvneta_xdp/parameters/sync_whole
GOAL=">= 1.4"

# the sync range each setting must give a whole-page XDP ring (4 KiB
# pages): [256, 256 + 3520) by default, [0, 4096) with sync_whole
want_range() { [ "$1" = Y ] && echo "0 4096" || echo "256 3520"; }

modprobe phylink
insmod "$KMOD/neta_model.ko" || exit 1
insmod "$KMOD/neta_page_pool.ko" || exit 1
ab_load own,kernel || { echo "# cannot load mvneta_xdp page_pool=own,kernel"; exit 1; }
used=$(cat /sys/kernel/debug/swiotlb/io_tlb_used 2>/dev/null || echo 0)
bounce=no
grep -qw swiotlb=force /proc/cmdline && bounce=yes
echo "# DMA_SYNC_DEV: sync max_len vs the whole buffer, XDP_DROP $SIZE B (64 on the wire), $REPS repetitions,"
echo "# window ${WIN}s after ${WARM}s; swiotlb=force: $bounce (swiotlb slots in use with the rings mapped: $used);"
echo "# $(nproc) vCPUs, $(uname -r), guest load $(cut -d' ' -f1-3 /proc/loadavg) (the host's is not visible here)"
if [ "$bounce" = yes ] && [ "$used" = 0 ]; then
	echo "# swiotlb=force but no swiotlb slot in use: the buffers are not bounced"
	exit 1
fi
printf 'figure\trep\tlen_pps\twhole_pps\tgoal\n' >"$TSV"
fail=0
for rep in $(seq "$REPS"); do
	order="N Y"
	[ $((rep % 2)) = 0 ] && order="Y N"
	declare -A pps=()
	for s in $order; do
		echo "$s" >"$PARAM"
		for n in 0 1; do
			ip link set dev "$(dev_of $n)" xdpdrv obj "$BPF/xdp_drop.bpf.o" sec xdp || exit 1
		done
		ab_carrier || exit 1
		for n in 0 1; do
			got="$(neta_ring_sum $n rxq sync_off) $(neta_ring_sum $n rxq sync_len)"
			if [ "$got" != "$(want_range "$s")" ]; then
				echo "# sync_whole=$s: port $n ($(neta_pool_of $n) pool) syncs [off len] = [$got], not [$(want_range "$s")]"
				exit 1
			fi
		done
		ports="0 1"
		[ "$s" = Y ] && ports="1 0"
		for n in $ports; do
			pps[$s$n]=$(ab_measure "$n" rx_xdp_drop 2>"$SCRATCH/measure.err") ||
				{ echo "# rep $rep sync_whole=$s: $(cat "$SCRATCH/measure.err")"; fail=1; }
		done
		ab_detach
	done
	for n in 0 1; do
		pool=$(neta_pool_of $n)
		if [ -z "${pps[N$n]}" ] || [ -z "${pps[Y$n]}" ]; then continue; fi
		printf 'sync len / whole, %s pool\t%s\t%s\t%s\t%s\n' "$pool" "$rep" "${pps[N$n]}" "${pps[Y$n]}" "$GOAL" >>"$TSV"
		printf '# rep %d %-6s pool: sync len %8s pps  whole %8s pps  ratio %s\n' "$rep" "$pool" \
			"${pps[N$n]}" "${pps[Y$n]}" "$(awk -v a="${pps[N$n]}" -v b="${pps[Y$n]}" 'BEGIN { printf "%.3f", a / b }')"
	done
	unset pps
done
echo N >"$PARAM"
viol=$(cat "$NM/violations")
echo "# model violations: $viol"
rmmod mvneta_xdp
neta_unload_rest
echo "# DMA_SYNC_DEV saving$TAG (a = sync len, b = whole buffer):"
ab_summary "$TSV" || fail=1
[ "$viol" = 0 ] || fail=1
exit $fail
