#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: long device fuzz of mvneta_xdp with the kernel's page pool: the NETA model draws a random fault (bad descriptors, long chains, full ring, untrusted RX/TX counts, interrupt faults) for every frame (neta_fuzz_rate= in 1024, default 1024), until it has written DESCS descriptors per verdict (pass drop tx redirect xsk; guest cmdline neta_fuzz_descs= default 10000000, neta_fuzz_seed=); every bad descriptor and untrusted count counted once, every other frame received, the port works afterwards, 0 pages in flight, 0 violations, dmesg clean
# timeout: 86400
. "$SRC/selftests/lib/neta_fuzz.sh"

DESCS=$(cmdline_words neta_fuzz_descs); DESCS=${DESCS:-10000000}
FUZZ_RATE=$(cmdline_words neta_fuzz_rate); FUZZ_RATE=${FUZZ_RATE:-1024}
# generator frames per step: at most one quiet wait per 400,000 frames
FRAMES=$((DESCS / 4 < 400000 ? DESCS / 4 + 4 : 400000))
SEED=$(cmdline_words neta_fuzz_seed); SEED=${SEED:-$((RANDOM * 32768 + RANDOM))}
VERDICTS="pass drop tx redirect xsk"

ktap_plan 47
mark=$(dmesg_mark)
neta_tracing_on
neta_load || die "cannot load the NETA model and mvneta_xdp"
check "ports up, link up" neta_pair_up
neta_wait_carrier
ktap_diag "pool $NETA_POOL, $DESCS descriptors per verdict, seed $SEED, rate $FUZZ_RATE/1024"
for v in $VERDICTS; do
	t0=$(date +%s)
	neta_fuzz $v "$FRAMES" "$SEED" "$DESCS"
	ktap_diag "RESULT pool $NETA_POOL verdict $v frames $(cat $FZ/fuzz_frames) descriptors $(cat $FZ/fuzz_descs) bad $(fuzz_bad) overrun $(fuzz_hit ring_full) rx_lies $(($(fuzz_hit rx_occ_lie) + $(fuzz_hit own_write))) tx_lies $(fuzz_hit tx_sent_lie) seconds $(($(date +%s) - t0))"
done
assert_eq "fuzz: 0 model violations" 0 "$(neta_violations)"
neta_finish
ktap_finish
