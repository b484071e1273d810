#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: neta_page_pool vs the kernel's page_pool (fast, ptr_ring, slow paths), interleaved, medians and ratio own/kernel, goals marked met or not (fast <= 0.8, ring <= 0.9)
# timeout: 600
# arch: any
#
# PP_BENCH_ARGS passes parameters to neta_pp_bench (loops_fast, loops_ring,
# loops_slow, reps).
. "$SRC/selftests/lib/kernel.sh"

kmod_insmod neta_page_pool || exit 1
kmod_insmod neta_pp_bench ${PP_BENCH_ARGS:-} || exit 1
cat /sys/kernel/debug/neta_pp_bench/results
grep -q '^# .*error' /sys/kernel/debug/neta_pp_bench/results && exit 1
# the figures: one line per path after the header, both timings measured
awk '/^path +own_ns_med/ { h = 1; next }
	h && NF == 5 { n++; if ($2 + 0 <= 0 || $3 + 0 <= 0) bad++ }
	END { exit !(n > 0 && !bad) }' /sys/kernel/debug/neta_pp_bench/results ||
	{ echo "# page_pool bench: no figure (or a zero timing) in the results"; exit 1; }
# the goals, on the median of the per-repetition ratios own / kernel (ns
# per operation, lower is faster): fast path <= 0.8, ptr_ring path <= 0.9
awk '/^path +own_ns_med/ { h = 1; next }
	h && NF == 5 {
		g = $1 == "fast" ? 0.8 : $1 == "ring" ? 0.9 : 0
		printf "# goal %-4s own / kernel %s: %s\n", $1, $5,
			g ? ("<= " g (($5 + 0) <= g ? " met" : " NOT met")) : "none"
	}' /sys/kernel/debug/neta_pp_bench/results
rmmod neta_pp_bench
rmmod neta_page_pool
