#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: mvneta_xdp on the NETA model, one guest: XDP_DROP vs tc drop, page_pool recycling on vs off, own vs kernel pool, XDP_TX and REDIRECT vs DROP; variants interleaved, 5 repetitions, medians and ratios of medians, table + PNG chart (gnuplot) in the results directory
# timeout: 2400
#
# The comparisons are selftests/bench/lib/cmp_*.inc; each lists the runs it
# needs ("POOL/RECYCLE MODE SIZE") and its ratios. A run: the model's
# generator pushes SIZE-byte frames (without FCS) into the host port with
# back-pressure (as fast as the RX ring takes them), WARM seconds to settle,
# then the frames the driver handled in WIN seconds, from ethtool -S.
# Knobs: XDP_BENCH_REPS (5), XDP_BENCH_WARM (0.5), XDP_BENCH_WIN (2).
. "$SRC/selftests/lib/neta.sh"
. "$SRC/selftests/bench/lib/ab.sh"

REPS=${XDP_BENCH_REPS:-5}
WARM=${XDP_BENCH_WARM:-0.5}
WIN=${XDP_BENCH_WIN:-2}
OUT=${XDP_BENCH_OUT:-/vmout}
LIB=$SRC/selftests/bench/lib
P0=$NM/port0
TSV=$OUT/xdp_bench.tsv

BENCH_RUNS=()
BENCH_RATIOS=()
for f in "$LIB"/cmp_*.inc; do
	# shellcheck disable=SC1090 # the comparisons of selftests/bench/lib
	. "$f"
done

# groups (driver load parameters) and the runs of each, duplicates removed
mapfile -t GROUPS_ < <(printf '%s\n' "${BENCH_RUNS[@]}" | awk '{ print $1 }' | sort -u)
runs_of() { printf '%s\n' "${BENCH_RUNS[@]}" | awk -v g="$1" '$1 == g { print $2, $3 }' | sort -u; }

# load_group POOL/RECYCLE: (re)load mvneta_xdp with those parameters, host
# port up as 198.18.0.2 (the generator's destination), remote port down.
# Fails unless the driver runs that configuration: its parameters read
# back from sysfs, and the pool is the one that filled the ring (the
# kernel's page_pool traces page_pool_state_hold for every page it
# allocates, ours never; ours counts its slow-path refills in
# rx_pp_alloc_slow, which the kernel's pool has only with PAGE_POOL_STATS).
load_group() {
	local pool=${1%/*} rec=${1#*/} got holds slow
	local yn=N
	[ "$rec" = on ] && yn=Y
	xdp_cleanup_veth
	[ -d /sys/module/mvneta_xdp ] && rmmod mvneta_xdp
	# shellcheck disable=SC2046 # word splitting wanted: a list of numbers
	insmod "$KMOD/mvneta_xdp.ko" page_pool="$pool" recycle=$([ "$rec" = on ] && echo 1 || echo 0) || return 1
	got="$(cat /sys/module/mvneta_xdp/parameters/page_pool) $(cat /sys/module/mvneta_xdp/parameters/recycle)"
	if [ "$got" != "$pool $yn" ]; then
		echo "# $1: mvneta_xdp parameters page_pool recycle are \"$got\", not \"$pool $yn\""
		return 1
	fi
	H=$(ls /sys/bus/platform/devices/neta-model.0/net/)
	quiet_port "$H"
	ethtool -G "$H" rx 512 tx 1024
	ip addr add 198.18.0.2/24 dev "$H"
	echo 1 >$TRACEFS/events/page_pool/page_pool_state_hold/enable
	echo >$TRACEFS/trace
	ip link set "$H" up
	for _ in $(seq 50); do
		[ "$(cat "/sys/class/net/$H/carrier" 2>/dev/null)" = 1 ] && break
		sleep 0.1
	done
	echo 0 >$TRACEFS/events/page_pool/page_pool_state_hold/enable
	holds=$(grep -c 'page_pool_state_hold:' $TRACEFS/trace)
	slow=$(ethstat "$H" rx_pp_alloc_slow)
	echo "# $1: sysfs page_pool=$pool recycle=$yn; ring fill: kernel page_pool_state_hold $holds, rx_pp_alloc_slow ${slow:-absent}"
	# pages the 512 buffers take: 256 in fragment mode (two per page, the
	# default at MTU 1500 without a program), 512 with whole pages
	local pages=512
	[ "$(neta_ring_sum 0 rxq frag_size)" = 2048 ] && pages=256
	if [ "$pool" = kernel ] && [ "$holds" -lt "$pages" ]; then
		echo "# $1: the kernel page_pool did not fill the 512-entry ring ($pages pages)"
		return 1
	fi
	if [ "$pool" = own ] && { [ "$holds" != 0 ] || [ "${slow:-0}" -lt 1 ]; }; then
		echo "# $1: our pool did not fill the ring (or the kernel's did)"
		return 1
	fi
	# redirect target: veth v0, its peer drops
	ip link add v0 type veth peer name v1
	quiet_port v0
	quiet_port v1
	ip link set v0 up
	ip link set v1 up
	ip link set dev v1 xdpdrv obj "$BPF/xdp_drop.bpf.o" sec xdp
}

xdp_cleanup_veth() { ip link del v0 2>/dev/null || true; }

# counters: "rxq0_packets rx_xdp_tx rx_xdp_redirect rx_xdp_tx_errors"
counters() {
	ethtool -S "$H" | awk '$1 == "rxq0_packets:" { p = $2 } $1 == "rx_xdp_tx:" { t = $2 }
		$1 == "rx_xdp_redirect:" { r = $2 } $1 == "rx_xdp_tx_errors:" { e = $2 }
		END { print p + 0, t + 0, r + 0, e + 0 }'
}

setup_mode() {
	case $1 in
	drop) ip link set dev "$H" xdpdrv obj "$BPF/xdp_drop.bpf.o" sec xdp ;;
	pass) ip link set dev "$H" xdpdrv obj "$BPF/xdp_pass.bpf.o" sec xdp ;;
	tx) ip link set dev "$H" xdpdrv obj "$BPF/xdp_tx_mirror.bpf.o" sec xdp ;;
	redirect)
		# shellcheck disable=SC2046 # word splitting wanted: a list of numbers
		ip link set dev "$H" xdpdrv obj "$BPF/xdp_redirect_map.bpf.o" sec xdp &&
			bpftool map update id "$(xdp_tx_port_map)" key 0 0 0 0 value \
				$(printf '%d %d %d %d' $(($(cat /sys/class/net/v0/ifindex) & 255)) 0 0 0)
		;;
	tc)
		tc qdisc add dev "$H" clsact &&
			tc filter add dev "$H" ingress matchall action gact drop
		;;
	esac
}

teardown_mode() {
	case $1 in
	tc) tc qdisc del dev "$H" clsact ;;
	*) ip link set dev "$H" xdpdrv off ;;
	esac
}

xdp_tx_port_map() {
	local prog m
	prog=$(ip -j link show dev "$H" | jq -r '.[0].xdp.prog.id')
	for m in $(bpftool -j prog show id "$prog" | jq -r '.map_ids[]'); do
		[ "$(bpftool -j map show id "$m" | jq -r .name)" = tx_port ] && echo "$m"
	done
}


# pgalloc: pages the page allocator handed out so far (all zones)
pgalloc() { awk '$1 ~ /^pgalloc_/ { s += $2 } END { print s }' /proc/vmstat; }

# measure MODE SIZE RECYCLE: frames per second the host port handled in the
# window (rxq0 packets; TX: rx_xdp_tx; REDIRECT: rx_xdp_redirect); prints
# "pps tx_errors_per_s pages_per_frame". A run that handled no frame, or
# whose page allocations (vmstat) per received frame do not match
# RECYCLE (on: pages come back to the pool, < 0.5 per frame; off: a new
# page for each frame, >= 0.9) fails: its figure would be another
# configuration's.
measure() {
	local mode=$1 size=$2 rec=$3 a b ta tb ta2 tb2 pa pb
	setup_mode "$mode" || { echo "setup of $mode failed" >&2; return 1; }
	bench_gen_start $P0 "$size"
	sleep "$WARM"
	ta=$(now); read -ra a <<<"$(counters)"; pa=$(pgalloc); ta2=$(now)
	sleep "$WIN"
	tb=$(now); read -ra b <<<"$(counters)"; pb=$(pgalloc); tb2=$(now)
	bench_gen_stop $P0 "$H"
	teardown_mode "$mode"
	local idx=0
	case $mode in
	tx) idx=1 ;;
	redirect) idx=2 ;;
	esac
	if [ "$((b[0] - a[0]))" -le 0 ] || [ "$((b[idx] - a[idx]))" -le 0 ]; then
		echo "$mode $size: no frame handled in the window" >&2
		return 1
	fi
	awk -v a="${a[$idx]}" -v b="${b[$idx]}" -v ea="${a[3]}" -v eb="${b[3]}" \
		-v t0="$ta" -v t0b="$ta2" -v t1="$tb" -v t1b="$tb2" \
		-v pages=$((pb - pa)) -v rx=$((b[0] - a[0])) -v rec="$rec" \
		'BEGIN { dt = (t1 + t1b) / 2 - (t0 + t0b) / 2; ppf = pages / rx
			printf "%.0f %.0f %.2f\n", (b - a) / dt, (eb - ea) / dt, ppf
			if ((rec == "on" && ppf >= 0.5) || (rec == "off" && ppf < 0.9)) {
				printf "recycle=%s but %.2f pages allocated per frame\n", rec, ppf > "/dev/stderr"
				exit 1
			} }'
}

modprobe phylink
insmod "$KMOD/neta_model.ko" || exit 1
insmod "$KMOD/neta_page_pool.ko" || exit 1
sysctl -qw net.ipv4.icmp_msgs_per_sec=0 net.ipv4.icmp_msgs_burst=0
modprobe cls_matchall
modprobe act_gact
modprobe sch_ingress

echo "# mvneta_xdp driver benchmarks: $REPS repetitions, window ${WIN}s after ${WARM}s,"
echo "# generator with back-pressure into port 0; $(nproc) vCPUs, $(uname -r)"
echo "# comparisons: $(cd "$LIB" && ls cmp_*.inc | tr '\n' ' ')"
printf 'group\tmode\tsize\trep\tpps\ttx_err_pps\n' >"$TSV"
ng=${#GROUPS_[@]}
for rep in $(seq "$REPS"); do
	# rotate the order of the groups and of the runs in each group
	for k in $(seq 0 $((ng - 1))); do
		g=${GROUPS_[$(((k + rep) % ng))]}
		load_group "$g" || { echo "# cannot load mvneta_xdp for $g"; exit 1; }
		mapfile -t runs < <(runs_of "$g")
		nr=${#runs[@]}
		for j in $(seq 0 $((nr - 1))); do
			r=${runs[$(((j + rep) % nr))]}
			res=$(measure $r "${g#*/}" 2>"$SCRATCH/measure.err") ||
				{ echo "# $g $r: measurement failed: $(cat "$SCRATCH/measure.err")"; exit 1; }
			set -- $res
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$g" ${r% *} ${r#* } "$rep" "$1" "$2" >>"$TSV"
			printf '# rep %d %-10s %-9s %4s B  %8s pps  %s pages/frame%s\n' "$rep" "$g" ${r% *} \
				${r#* } "$1" "$3" "$([ "$2" != 0 ] && echo "  (tx errors $2/s)")"
		done
	done
done
xdp_cleanup_veth
viol=$(cat $NM/violations)
echo "# model violations: $viol"
rmmod mvneta_xdp
neta_unload_rest

printf '%s\n' "${BENCH_RATIOS[@]}" >"$OUT/xdp_bench.ratios"
python3 "$LIB/xdp_report.py" "$TSV" "$OUT/xdp_bench.ratios" --chart "$OUT/xdp_bench.png" \
	--table "$OUT/xdp_bench.txt"
rc=$?
[ "$viol" = 0 ] || rc=1
exit $rc
