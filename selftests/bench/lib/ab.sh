# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# The benches' steps. Every bench that drives the NETA model's generator:
# bench_gen_start / bench_gen_stop. The A/B benches that run both ports in
# one guest (pool_ab.sh, dma_sync.sh, frag_full.sh, xdp_tx_profile.sh):
# the driver loaded with a pool per port, a port's generator pushing frames
# with back-pressure for a window, and the summary of interleaved
# repetitions. Globals the caller sets: SIZE (frame bytes without FCS),
# WARM and WIN (seconds).

now() { echo "$EPOCHREALTIME"; }

# AWK_MEDIAN: the awk function median(v, n), the median of v[1..n] (it
# sorts v), to put in front of a program: awk "$AWK_MEDIAN"'...'
AWK_MEDIAN='
function median(v, n,   i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
'

# bench_gen_start PORTDIR SIZE [FLOWS]: the port's generator sends frames
# of SIZE bytes (FLOWS flows, default 1) with back-pressure, no count and
# no rate limit, until bench_gen_stop
bench_gen_start() {
	echo "$2" >"$1/gen_size"
	echo 0 >"$1/gen_count"
	echo 0 >"$1/gen_rate"
	echo "${3:-1}" >"$1/gen_flows"
	echo 1 >"$1/gen_start"
}

# bench_gen_stop PORTDIR DEV: stop the generator, then wait (4 s at most)
# until DEV's rx_packets stop moving, so the next window starts quiet
bench_gen_stop() {
	local prev="" cur
	echo 0 >"$1/gen_start"
	for _ in $(seq 40); do
		cur=$(cat "/sys/class/net/$2/statistics/rx_packets")
		[ "$cur" = "$prev" ] && break
		prev=$cur
		sleep 0.1
	done
}

# dev_of N: the net device of port N
dev_of() { ls "/sys/bus/platform/devices/neta-model.$1/net/"; }

# ab_detach: the XDP programs of both ports detached
ab_detach() {
	local n
	for n in 0 1; do
		ip link set dev "$(dev_of $n)" xdpdrv off
	done
}

# ab_carrier: both ports' carriers up (5 s)
ab_carrier() {
	for _ in $(seq 50); do
		[ "$(cat "/sys/class/net/$(dev_of 0)/carrier")$(cat "/sys/class/net/$(dev_of 1)/carrier")" = 11 ] &&
			return 0
		sleep 0.1
	done
	echo "# no carrier"
	return 1
}

# ab_load LIST [PARAM=VALUE...]: mvneta_xdp with page_pool=LIST (and the
# other parameters), both ports up in this namespace with an RX ring of
# 512; fails unless each port runs the pool LIST names for it
ab_load() {
	local n dev want list=$1
	shift
	[ -d /sys/module/mvneta_xdp ] && rmmod mvneta_xdp
	insmod "$KMOD/mvneta_xdp.ko" page_pool="$list" "$@" || return 1
	for n in 0 1; do
		dev=$(dev_of $n)
		quiet_port "$dev"
		ethtool -G "$dev" rx 512 tx 1024 || return 1
		ip link set "$dev" up || return 1
		want=$(echo "$list" | cut -d, -f$((n + 1)))
		if [ "$(neta_pool_of $n)" != "$want" ]; then
			echo "# page_pool=$list: port $n runs the $(neta_pool_of $n) pool, not $want"
			return 1
		fi
	done
	ab_carrier
}

# ab_measure N COUNTER: frames per second port N counted in COUNTER
# (ethtool -S: rx_xdp_drop, rx_xdp_pass, rx_packets ...) in the window
ab_measure() {
	local n=$1 ctr=$2 dev g a b ta tb
	dev=$(dev_of "$n")
	g=$NM/port$n
	bench_gen_start "$g" "$SIZE"
	sleep "$WARM"
	ta=$(now); a=$(ethstat "$dev" "$ctr")
	sleep "$WIN"
	tb=$(now); b=$(ethstat "$dev" "$ctr")
	bench_gen_stop "$g" "$dev"
	[ "$((b - a))" -gt 0 ] || { echo "port $n $ctr: no frame counted" >&2; return 1; }
	awk -v a="$a" -v b="$b" -v t0="$ta" -v t1="$tb" 'BEGIN { printf "%.0f\n", (b - a) / (t1 - t0) }'
}

# ab_summary TSV: one line per figure of TSV (columns figure, rep, a_pps,
# b_pps, goal such as ">= 1.4" or "-"): runs, the medians of a and b, the
# ratio of the medians, the median of the per-repetition ratios a / b (the
# figure), its range and the goal marked met or NOT met; fails when a
# figure has no run
ab_summary() {
	printf '# %-34s %4s %10s %10s %8s %8s %6s %6s  %s\n' figure runs a_median b_median ratio_med med_ratio min max goal
	awk -F'\t' "$AWK_MEDIAN"'
		NR == 1 { next }
		{
			if (!($1 in n)) order[++nf] = $1
			k = ++n[$1]; a[$1, k] = $3; b[$1, k] = $4; goal[$1] = $5
		}
		END {
			if (!nf) { print "# no runs"; exit 1 }
			for (f = 1; f <= nf; f++) {
				name = order[f]; m = n[name]
				for (i = 1; i <= m; i++) { va[i] = a[name, i]; vb[i] = b[name, i]; r[i] = a[name, i] / b[name, i] }
				mr = median(r, m); ma = median(va, m); mb = median(vb, m)
				g = goal[name]
				if (g ~ /^>= /) { t = substr(g, 4) + 0; g = g (mr >= t ? " met" : " NOT met") }
				else if (g ~ /^<= /) { t = substr(g, 4) + 0; g = g (mr <= t ? " met" : " NOT met") }
				printf "# %-34s %4d %10.0f %10.0f %8.3f %8.3f %6.3f %6.3f  %s\n", name, m, ma, mb, ma / mb, mr, r[1], r[m], g
				delete va; delete vb; delete r
			}
		}' "$1"
}
