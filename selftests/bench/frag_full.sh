#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: RX fragment mode vs whole pages (mvneta_xdp rx_frag=1 vs 0), 64 B frames, interleaved in one guest: at MTU 1500 without a program (the default: half pages) the stack's PASS (frames to an IP of the port, rxq0_packets) and a tc ingress drop; at MTU 1400 (where fragments hold XDP's headroom too) XDP_DROP and XDP_PASS; medians and the median of per-repetition ratios frag / full, goal >= 0.95
# timeout: 1800
#
# One driver load (kernel pool on both ports, port 0 measured). A
# repetition measures every figure with rx_frag=1 and with rx_frag=0 (the
# order alternating between repetitions); each setting is applied by a ring
# restart (port down and up) and checked in debugfs rings (frag_size 2048
# or 0) before the figure's run: the generator pushes 60-byte frames with
# back-pressure, WARM s to settle, the counter over WIN s.
# Knobs: FRAG_FULL_REPS (5), FRAG_FULL_WARM (0.3), FRAG_FULL_WIN (1).
. "$SRC/selftests/lib/neta.sh"
. "$SRC/selftests/bench/lib/ab.sh"

REPS=${FRAG_FULL_REPS:-5}
WARM=${FRAG_FULL_WARM:-0.3}
WIN=${FRAG_FULL_WIN:-1}
SIZE=60
OUT=${XDP_BENCH_OUT:-/vmout}
TSV=$OUT/frag_full.tsv
PARAM=/sys/module/mvneta_xdp/parameters/rx_frag
GOAL=">= 0.95"
# figure: MTU, what runs, the counter
FIGURES=("1500 stack rxq0_packets" "1500 tc rxq0_packets" "1400 drop rx_xdp_drop" "1400 pass rx_xdp_pass")

# setup MTU WHAT FRAG: port 0 at MTU with rx_frag=FRAG (rings restarted),
# WHAT attached; fails unless the ring runs the layout asked for
setup() {
	local dev want got
	dev=$(dev_of 0)
	echo "$3" >"$PARAM"
	ip link set "$dev" down
	ip link set "$dev" mtu "$1"
	case $2 in
	tc) tc qdisc add dev "$dev" clsact &&
		tc filter add dev "$dev" ingress matchall action gact drop || return 1 ;;
	drop | pass) ip link set dev "$dev" xdpdrv obj "$BPF/xdp_$2.bpf.o" sec xdp || return 1 ;;
	esac
	ip link set "$dev" up
	ab_carrier || return 1
	want=0
	[ "$3" = 1 ] && want=2048
	got=$(neta_ring_sum 0 rxq frag_size)
	if [ "$got" != "$want" ]; then
		echo "# MTU $1 $2 rx_frag=$3: frag_size $got, not $want" >&2
		return 1
	fi
}

teardown() {
	local dev
	dev=$(dev_of 0)
	case $1 in
	tc) tc qdisc del dev "$dev" clsact ;;
	drop | pass) ip link set dev "$dev" xdpdrv off ;;
	esac
}

modprobe phylink
modprobe cls_matchall
modprobe act_gact
modprobe sch_ingress
sysctl -qw net.ipv4.icmp_msgs_per_sec=0 net.ipv4.icmp_msgs_burst=0
insmod "$KMOD/neta_model.ko" || exit 1
insmod "$KMOD/neta_page_pool.ko" || exit 1
ab_load kernel || { echo "# cannot load mvneta_xdp"; exit 1; }
# the generator's frames are UDP to 198.18.0.2: the stack takes them
ip addr add 198.18.0.2/24 dev "$(dev_of 0)"
echo "# RX fragments vs whole pages, port 0, kernel pool, $SIZE B frames (64 on the wire), $REPS repetitions,"
echo "# window ${WIN}s after ${WARM}s; $(nproc) vCPUs, $(uname -r), guest load $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'figure\trep\tfrag_pps\tfull_pps\tgoal\n' >"$TSV"
fail=0
for rep in $(seq "$REPS"); do
	order="1 0"
	[ $((rep % 2)) = 0 ] && order="0 1"
	for fig in "${FIGURES[@]}"; do
		read -r mtu what ctr <<<"$fig"
		declare -A pps=()
		for f in $order; do
			setup "$mtu" "$what" "$f" 2>"$SCRATCH/setup.err" ||
				{ echo "# rep $rep $fig rx_frag=$f: setup failed $(cat "$SCRATCH/setup.err")"; exit 1; }
			pps[$f]=$(ab_measure 0 "$ctr" 2>"$SCRATCH/measure.err") ||
				{ echo "# rep $rep $fig rx_frag=$f: $(cat "$SCRATCH/measure.err")"; fail=1; }
			teardown "$what"
		done
		name="frag / full, MTU $mtu, $what"
		if [ -n "${pps[1]}" ] && [ -n "${pps[0]}" ]; then
			printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$rep" "${pps[1]}" "${pps[0]}" "$GOAL" >>"$TSV"
			printf '# rep %d %-28s frag %8s pps  full %8s pps  ratio %s\n' "$rep" "$name" "${pps[1]}" "${pps[0]}" \
				"$(awk -v a="${pps[1]}" -v b="${pps[0]}" 'BEGIN { printf "%.3f", a / b }')"
		fi
		unset pps
	done
done
echo 1 >"$PARAM"
viol=$(cat "$NM/violations")
echo "# model violations: $viol"
rmmod mvneta_xdp
neta_unload_rest
echo "# RX fragments / whole pages (a = rx_frag=1, b = rx_frag=0):"
ab_summary "$TSV" || fail=1
[ "$viol" = 0 ] || fail=1
exit $fail
