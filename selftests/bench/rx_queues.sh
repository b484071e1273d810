#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: what 2 RX queues give over 1 on the guest's vCPUs: XDP_DROP 64 B with back-pressure into port 0 of mvneta_xdp (rxq_number=2 txq_number=8, neta_model rxqs=2 txqs=8), the model's 16 generator flows on queue 0 alone (rx_hash=0) or hashed over both queues (rx_hash=1), interleaved in one driver load; medians and the median of the per-repetition ratios 2 / 1, with the model's own CPU time (its kthread shares the vCPUs)
# timeout: 900
#
# A run: the generator of port 0 pushes 60-byte frames (64 B on the wire)
# of 16 UDP flows with back-pressure, WARM seconds to settle, then the
# frames the driver dropped (rx_xdp_drop) in WIN seconds, the share of one
# vCPU the model's kthread (neta-model) used in that window, and how the
# frames split over the RX queues. One repetition measures 1 queue and 2
# queues back to back, the first alternating between repetitions; its
# ratio is 2 queues / 1 queue. Knobs: RXQ_BENCH_REPS (5), RXQ_BENCH_WARM
# (0.3), RXQ_BENCH_WIN (1).
. "$SRC/selftests/lib/neta.sh"
. "$SRC/selftests/bench/lib/ab.sh"

REPS=${RXQ_BENCH_REPS:-5}
WARM=${RXQ_BENCH_WARM:-0.3}
WIN=${RXQ_BENCH_WIN:-1}
SIZE=60
OUT=${XDP_BENCH_OUT:-/vmout}
TSV=$OUT/rx_queues.tsv
G=$NM/port0

# ticks PID: user + system clock ticks of a task
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# rxq_packets: the host port's rxq0_packets and rxq1_packets, one line
rxq_packets() {
	ethtool -S "$H" | awk '$1 == "rxq0_packets:" { a = $2 } $1 == "rxq1_packets:" { b = $2 }
		END { print a + 0, b + 0 }'
}

# measure HASH: "pps model_cpu_share rxq0_share" of a window with
# rx_hash=HASH
measure() {
	local a b ta tb ca cb qa qb
	echo "$1" >"$G/rx_hash"
	bench_gen_start "$G" "$SIZE" 16
	sleep "$WARM"
	ta=$(now); ca=$(ticks "$KT"); qa=$(rxq_packets); a=$(ethstat "$H" rx_xdp_drop)
	sleep "$WIN"
	tb=$(now); cb=$(ticks "$KT"); qb=$(rxq_packets); b=$(ethstat "$H" rx_xdp_drop)
	bench_gen_stop "$G" "$H"
	[ "$((b - a))" -gt 0 ] || { echo "rx_hash=$1: no frame dropped" >&2; return 1; }
	awk -v a="$a" -v b="$b" -v t0="$ta" -v t1="$tb" -v c0="$ca" -v c1="$cb" \
		-v hz="$(getconf CLK_TCK)" -v qa="$qa" -v qb="$qb" 'BEGIN {
		split(qa, x, " "); split(qb, y, " ")
		q0 = y[1] - x[1]; q1 = y[2] - x[2]
		printf "%.0f %.3f %.3f\n", (b - a) / (t1 - t0), (c1 - c0) / hz / (t1 - t0),
			q0 + q1 ? q0 / (q0 + q1) : 0 }'
}

modprobe phylink
insmod "$KMOD/neta_model.ko" rxqs=2 txqs=8 || exit 1
insmod "$KMOD/neta_page_pool.ko" || exit 1
insmod "$KMOD/mvneta_xdp.ko" rxq_number=2 txq_number=8 || exit 1
H=$(ls /sys/bus/platform/devices/neta-model.0/net/)
KT=$(pgrep -x neta-model | head -n 1)
[ -n "$KT" ] || { echo "# no neta-model kthread"; exit 1; }
quiet_port "$H"
ethtool -G "$H" rx 512 tx 1024 || exit 1
ip link set "$H" up || exit 1
for _ in $(seq 50); do
	[ "$(cat "/sys/class/net/$H/carrier")" = 1 ] && break
	sleep 0.1
done
ip link set dev "$H" xdpdrv obj "$BPF/xdp_drop.bpf.o" sec xdp || exit 1

echo "# 2 RX queues / 1, one driver load (rxq_number=2): $REPS repetitions, window ${WIN}s after ${WARM}s,"
echo "# $SIZE B frames (64 B on the wire), 16 flows, back-pressure; $(nproc) vCPUs, $(uname -r), guest load $(cut -d' ' -f1-3 /proc/loadavg) (the host's is not visible here)"
printf 'rep\tq1_pps\tq1_model_cpu\tq2_pps\tq2_model_cpu\tq2_rxq0_share\n' >"$TSV"
fail=0
for rep in $(seq "$REPS"); do
	declare -A r=()
	order="0 1"
	[ $((rep % 2)) = 0 ] && order="1 0"
	for hash in $order; do
		r[$hash]=$(measure "$hash" 2>"$SCRATCH/measure.err") ||
			{ echo "# rep $rep: $(cat "$SCRATCH/measure.err")"; fail=1; continue 2; }
	done
	# shellcheck disable=SC2086 # "pps cpu share" words
	set -- ${r[0]} ${r[1]}
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$1" "$2" "$4" "$5" "$6" >>"$TSV"
	printf '# rep %d: 1 queue %8s pps (model %s vCPU)  2 queues %8s pps (model %s vCPU, rxq0 %s of the frames)  ratio %s\n' \
		"$rep" "$1" "$2" "$4" "$5" "$6" "$(awk -v a="$4" -v b="$1" 'BEGIN { printf "%.3f", a / b }')"
	unset r
done
ip link set dev "$H" xdpdrv off
ip link set "$H" down
viol=$(cat $NM/violations)
echo "# model violations: $viol"
rmmod mvneta_xdp
neta_unload_rest

printf '# %5s %12s %12s %14s %16s %6s %6s %10s %10s\n' runs q1_median q2_median ratio_medians median_ratio min max model_q1 model_q2
awk -F'\t' "$AWK_MEDIAN"'
	NR > 1 { n++; a[n] = $2; ca[n] = $3; b[n] = $4; cb[n] = $5; r[n] = $4 / $2 }
	END {
		if (!n) { print "# no runs"; exit 1 }
		mr = median(r, n); lo = r[1]; hi = r[n]
		printf "# %5d %12.0f %12.0f %14.3f %16.3f %6.3f %6.3f %10.3f %10.3f\n", n, median(a, n),
			median(b, n), median(b, n) / median(a, n), mr, lo, hi, median(ca, n), median(cb, n)
	}' "$TSV" || fail=1
[ "$viol" = 0 ] || fail=1
exit $fail
