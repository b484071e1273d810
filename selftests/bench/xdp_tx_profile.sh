#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: XDP_TX / XDP_DROP at 64 B interleaved in one guest (medians and the median of per-repetition ratios, goal >= 0.6), then where each verdict's CPU time goes: perf record -a (cpu-clock samples, both vCPUs) during one run of each, samples split into the driver's RX, the driver's TX descriptor writes, its TX completion, locking, the model's TX and the model's other work, the pools, the BPF program, DMA API and the rest
# timeout: 1500
# arch: x86_64
#
# Port 0 with the kernel pool and a 512-entry RX ring, 1024-entry TX ring,
# port 1 down;
# the generator pushes 60-byte frames with back-pressure (WARM s to settle,
# WIN s counted: rx_xdp_tx for TX, rx_xdp_drop for DROP); xdp_tx_mirror
# sends each frame back out of port 0. The perf runs come after the
# repetitions and are not part of the ratio (perf's sampling costs time
# too). Symbols are sorted into the categories by name (see CATS below);
# cpu-clock samples are hrtimer interrupts, so time spent with interrupts
# off is counted where they are turned back on (spin_unlock_irqrestore); a category is the share of all samples, idle included, so
# the TX run's excess over the DROP run is what TX costs. Needs perf (the
# x86_64 guest runs the host's root: Debian's linux-perf).
# Knobs: XDP_TX_PROF_REPS (5), XDP_TX_PROF_WARM (0.3), XDP_TX_PROF_WIN (1),
# XDP_TX_PROF_PERF_WIN (2).
. "$SRC/selftests/lib/neta.sh"
. "$SRC/selftests/bench/lib/ab.sh"

REPS=${XDP_TX_PROF_REPS:-5}
WARM=${XDP_TX_PROF_WARM:-0.3}
WIN=${XDP_TX_PROF_WIN:-1}
PWIN=${XDP_TX_PROF_PERF_WIN:-2}
SIZE=60
OUT=${XDP_BENCH_OUT:-/vmout}
TSV=$OUT/xdp_tx_profile.tsv

command -v perf >/dev/null || { echo "# perf not found (Debian package linux-perf)"; exit 1; }

attach() { ip link set dev "$(dev_of 0)" xdpdrv obj "$BPF/$1.bpf.o" sec xdp; }
detach() { ip link set dev "$(dev_of 0)" xdpdrv off; }
prog_of() { [ "$1" = tx ] && echo xdp_tx_mirror || echo xdp_drop; }

modprobe phylink
insmod "$KMOD/neta_model.ko" || exit 1
insmod "$KMOD/neta_page_pool.ko" || exit 1
ab_load kernel || { echo "# cannot load mvneta_xdp"; exit 1; }
# port 1 down, as in xdp_driver: the frames port 0 sends die at the peer's
# disabled MAC, so no receiver's work shares the vCPUs with TX
ip link set "$(dev_of 1)" down

# carrier0: port 0's carrier up (5 s)
carrier0() {
	for _ in $(seq 50); do
		[ "$(cat "/sys/class/net/$(dev_of 0)/carrier")" = 1 ] && return 0
		sleep 0.1
	done
	echo "# no carrier on port 0"
	return 1
}
echo "# XDP_TX vs XDP_DROP, port 0, kernel pool, $SIZE B frames (64 on the wire), $REPS repetitions,"
echo "# window ${WIN}s after ${WARM}s; $(nproc) vCPUs, $(uname -r), guest load $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'figure\trep\ttx_pps\tdrop_pps\tgoal\n' >"$TSV"
fail=0
for rep in $(seq "$REPS"); do
	order="tx drop"
	[ $((rep % 2)) = 0 ] && order="drop tx"
	declare -A pps=()
	for v in $order; do
		attach "$(prog_of "$v")" || exit 1
		carrier0 || exit 1
		pps[$v]=$(ab_measure 0 "rx_xdp_$v" 2>"$SCRATCH/measure.err") ||
			{ echo "# rep $rep $v: $(cat "$SCRATCH/measure.err")"; fail=1; }
		detach
	done
	if [ -n "${pps[tx]}" ] && [ -n "${pps[drop]}" ]; then
		printf 'XDP_TX / XDP_DROP, 64 B\t%s\t%s\t%s\t>= 0.6\n' "$rep" "${pps[tx]}" "${pps[drop]}" >>"$TSV"
		printf '# rep %d: XDP_TX %8s pps  XDP_DROP %8s pps  ratio %s\n' "$rep" "${pps[tx]}" "${pps[drop]}" \
			"$(awk -v a="${pps[tx]}" -v b="${pps[drop]}" 'BEGIN { printf "%.3f", a / b }')"
	fi
	unset pps
done
tx_err=$(ethstat "$(dev_of 0)" rx_xdp_tx_errors)
echo "# rx_xdp_tx_errors after the repetitions (TX ring full): ${tx_err:-absent}"

# the profiles: one perf run per verdict, the generator running
for v in drop tx; do
	attach "$(prog_of "$v")" || exit 1
	carrier0 || exit 1
	g=$NM/port0
	bench_gen_start "$g" "$SIZE"
	sleep "$WARM"
	a=$(ethstat "$(dev_of 0)" "rx_xdp_$v"); ta=$(now)
	perf record -q -a -e cpu-clock -F 1000 -o "$SCRATCH/perf.$v" -- sleep "$PWIN" 2>"$SCRATCH/perf.err" ||
		{ echo "# perf record failed: $(cat "$SCRATCH/perf.err")"; fail=1; }
	b=$(ethstat "$(dev_of 0)" "rx_xdp_$v"); tb=$(now)
	bench_gen_stop "$g" "$(dev_of 0)"
	detach
	# perf's start and end (kallsyms, every task's maps) take seconds too
	echo "# perf run $v: $((b - a)) frames in $(awk -v a="$ta" -v b="$tb" 'BEGIN { printf "%.1f", b - a }') s of perf record (${PWIN} s sampled)"
	perf report -q -i "$SCRATCH/perf.$v" --no-children --sort dso,sym --stdio -g none 2>/dev/null |
		awk 'NF >= 3 && $1 ~ /%$/' >"$OUT/xdp_tx_profile.$v.txt"
	echo "# top symbols ($v):"
	head -15 "$OUT/xdp_tx_profile.$v.txt" | sed 's/^/#   /'
done

# categories, first match wins: awk regexps on the symbol (perf shows the
# modules' symbols under [kernel.kallsyms] here, so the names decide: the
# model's are nm_*, the driver's mvneta_*, our pool's neta_pp_*)
CATS='
model TX|^nm_tx|^nm_txq|^nm_w_txq|^nm_r_txq
model other (generator, RX, checker, registers)|^nm_
driver TX completion|^mvneta_tx_done|^mvneta_txq_done|^mvneta_txq_reclaim|^mvneta_txq_sent|^mvneta_tx_unmap|^mvneta_xdp_tx_free
driver TX descriptors (XDP_TX path)|^mvneta_xdp_tx|^mvneta_xdp_submit|^mvneta_xdp_piece|^mvneta_xdp_room|^mvneta_xdp_txq|^mvneta_xdp_finalize|^mvneta_tx_desc|^mvneta_txq_doorbell|^mvneta_tx_dma_map
page pools (and the driver pool.c)|page_pool|^neta_pp|^mvneta_pool
driver RX and NAPI|^mvneta_
locking and irq restore (samples of irq-off sections land here)|spin_lock|spin_unlock|^_raw_|queued_spin|__netif_tx_lock
BPF program|^bpf_prog_
DMA API|^dma_|swiotlb|iommu
idle|idle|native_safe_halt|^acpi_
'
echo "# share of all samples (both vCPUs) per category:"
printf '# %-50s %8s %8s %8s\n' category drop_% tx_% tx-drop
for v in drop tx; do
	awk -v cats="$CATS" '
		BEGIN {
			n = split(cats, lines, "\n")
			for (i = 1; i <= n; i++) {
				if (lines[i] == "") continue
				k = split(lines[i], f, "|")
				nc++; name[nc] = f[1]; pat[nc] = ""
				for (j = 2; j <= k; j++) pat[nc] = pat[nc] (pat[nc] == "" ? "" : "|") f[j]
			}
		}
		{
			pct = $1; sub(/%$/, "", pct)
			sym = $NF
			c = "other kernel and userspace"
			for (i = 1; i <= nc; i++)
				if (sym ~ pat[i]) { c = name[i]; break }
			s[c] += pct
		}
		END { for (c in s) printf "%s\t%.2f\n", c, s[c] }' "$OUT/xdp_tx_profile.$v.txt" >"$SCRATCH/cat.$v"
done
awk -F'\t' 'FNR == NR { d[$1] = $2; seen[$1] = 1; next } { t[$1] = $2; seen[$1] = 1 }
	END { for (c in seen) printf "# %-50s %8.2f %8.2f %+8.2f\n", c, d[c], t[c], t[c] - d[c] }' \
	"$SCRATCH/cat.drop" "$SCRATCH/cat.tx" | sort -t'|' -k1,1
viol=$(cat "$NM/violations")
echo "# model violations: $viol"
rmmod mvneta_xdp
neta_unload_rest
echo "# XDP_TX / XDP_DROP (a = XDP_TX, b = XDP_DROP):"
ab_summary "$TSV" || fail=1
[ "$viol" = 0 ] || fail=1
exit $fail
