#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: own pool vs the kernel's page_pool in the driver as a true A/B: both live in one guest at once (mvneta_xdp page_pool=own,kernel: port 0 own, port 1 kernel, then kernel,own to cancel any difference between the ports), the model's generator pushes the same frames into each port in turn a few hundred ms apart; XDP_DROP (and XDP_PASS) 64 B, medians per pool and the median of the per-repetition ratios own / kernel, goal >= 1.0
# timeout: 1200
#
# A run: the generator of port N pushes SIZE-byte frames (without FCS) into
# port N with back-pressure (as fast as its RX ring takes them), WARM
# seconds to settle, then the frames the driver handled in WIN seconds
# (rx_xdp_drop or rx_xdp_pass, ethtool -S). One repetition measures both
# ports back to back, the first port alternating between repetitions; its
# ratio is own / kernel of those two runs. Knobs: POOL_AB_REPS (5 per
# assignment of pools to ports), POOL_AB_WARM (0.3), POOL_AB_WIN (1),
# POOL_AB_MODES ("drop pass").
. "$SRC/selftests/lib/neta.sh"
. "$SRC/selftests/bench/lib/ab.sh"

REPS=${POOL_AB_REPS:-5}
WARM=${POOL_AB_WARM:-0.3}
WIN=${POOL_AB_WIN:-1}
MODES=${POOL_AB_MODES:-drop pass}
SIZE=60
OUT=${XDP_BENCH_OUT:-/vmout}
TSV=$OUT/pool_ab.tsv

modprobe phylink
insmod "$KMOD/neta_model.ko" || exit 1
insmod "$KMOD/neta_page_pool.ko" || exit 1

echo "# own pool / kernel pool, one guest: $REPS repetitions per assignment, window ${WIN}s after ${WARM}s,"
echo "# $SIZE B frames (64 B on the wire) with back-pressure; $(nproc) vCPUs, $(uname -r), guest load $(cut -d' ' -f1-3 /proc/loadavg) (the host's is not visible here)"
printf 'mode\tassign\trep\town_pps\tkernel_pps\n' >"$TSV"
fail=0
for assign in own,kernel kernel,own; do
	ab_load $assign || { echo "# cannot load mvneta_xdp page_pool=$assign"; exit 1; }
	for mode in $MODES; do
		for n in 0 1; do
			ip link set dev "$(dev_of $n)" xdpdrv obj "$BPF/xdp_$mode.bpf.o" sec xdp || exit 1
		done
		for rep in $(seq "$REPS"); do
			declare -A pps=()
			order="0 1"
			[ $((rep % 2)) = 0 ] && order="1 0"
			for n in $order; do
				pps[$n]=$(ab_measure "$n" "rx_xdp_$mode" 2>"$SCRATCH/measure.err") ||
					{ echo "# $assign $mode rep $rep: $(cat "$SCRATCH/measure.err")"; fail=1; continue 2; }
			done
			if [ "${assign%%,*}" = own ]; then
				own=${pps[0]} kern=${pps[1]}
			else
				own=${pps[1]} kern=${pps[0]}
			fi
			printf '%s\t%s\t%s\t%s\t%s\n' "$mode" "$assign" "$rep" "$own" "$kern" >>"$TSV"
			printf '# %-4s page_pool=%-10s rep %d: own %8s pps  kernel %8s pps  ratio %s\n' \
				"$mode" "$assign" "$rep" "$own" "$kern" \
				"$(awk -v a="$own" -v b="$kern" 'BEGIN { printf "%.3f", a / b }')"
			unset pps
		done
		ab_detach
	done
	for n in 0 1; do
		ip link set "$(dev_of $n)" down
	done
done
viol=$(cat $NM/violations)
echo "# model violations: $viol"
rmmod mvneta_xdp
neta_unload_rest

# medians per mode: own pps, kernel pps, their ratio, and the median of
# the per-repetition ratios (the A/B figure; goal >= 1.0 for XDP_DROP)
printf '# %-5s %5s %12s %12s %14s %16s %6s %6s  %s\n' mode runs own_median kernel_median ratio_medians median_ratio min max goal
for mode in $MODES; do
	awk -F'\t' -v m="$mode" "$AWK_MEDIAN"'
		$1 == m { n++; o[n] = $4; k[n] = $5; r[n] = $4 / $5 }
		END {
			if (!n) { printf "# %-5s no runs\n", m; exit 1 }
			for (i = 1; i <= n; i++) rr[i] = r[i]
			mr = median(rr, n); lo = rr[1]; hi = rr[n]
			mo = median(o, n); mk = median(k, n)
			goal = m == "drop" ? (mr >= 1.0 ? ">= 1.0 met" : ">= 1.0 NOT met") : "-"
			printf "# %-5s %5d %12.0f %12.0f %14.3f %16.3f %6.3f %6.3f  %s\n", m, n, mo, mk, mo / mk, mr, lo, hi, goal
		}' "$TSV" || fail=1
done
[ "$viol" = 0 ] || fail=1
exit $fail
