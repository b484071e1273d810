#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: long device fuzz of mvneta_xdp with the kernel's page pool: the NETA model draws random bad descriptors and interrupt faults for FUZZ_RATE/1024 of the frames, FRAMES frames per verdict (pass drop tx redirect xsk; guest cmdline neta_fuzz_frames=, neta_fuzz_seed=); every bad descriptor counted once, every other frame received, the port works afterwards, 0 pages in flight, 0 violations, dmesg clean
# timeout: 86400
. "$SRC/selftests/lib/neta_fuzz.sh"

arg() { tr ' ' '\n' </proc/cmdline | sed -n "s/^$1=//p"; }
FRAMES=$(arg neta_fuzz_frames); FRAMES=${FRAMES:-100000}
SEED=$(arg neta_fuzz_seed); SEED=${SEED:-$((RANDOM * 32768 + RANDOM))}
VERDICTS="pass drop tx redirect xsk"

ktap_plan 32
mark=$(dmesg_mark)
neta_tracing_on
neta_load || die "cannot load the NETA model and mvneta_xdp"
check "ports up, link up" neta_pair_up
neta_wait_carrier
ktap_diag "pool $NETA_POOL, $FRAMES frames per verdict, seed $SEED, rate $FUZZ_RATE/1024"
for v in $VERDICTS; do
	t0=$(date +%s)
	neta_fuzz $v "$FRAMES" "$SEED"
	ktap_diag "RESULT pool $NETA_POOL verdict $v frames $(cat $FZ/fuzz_frames) descriptors $(cat $FZ/fuzz_descs) bad $(fuzz_bad) seconds $(($(date +%s) - t0))"
done
assert_eq "fuzz: 0 model violations" 0 "$(neta_violations)"
neta_finish
ktap_finish
