#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdpctl selftest inside the guest: --list shows the cases and summaries, FILTER runs one case with TAP out and exit status = failures; cases run one after another in one machine get the VM runner's verdicts (a case that dies half-way leaves nothing behind, a case that leaves something is failed and tidied up, debug-kernel cases and bad headers are reported)
# timeout: 300
. "$SRC/selftests/lib/case.sh"

ktap_plan 11
list=$("$XDPCTL" selftest --list)
# a case file or a row of variants.tsv (comments and blank lines aside) each
assert_eq "--list: one line per case file and per variant" \
	"$(($(find "$SRC/selftests/cases" -maxdepth 1 -name '*.sh' | wc -l) +
		$(grep -cv '^#\|^$' "$SRC/selftests/cases/variants.tsv")))" "$(echo "$list" | wc -l)"
assert_eq "--list: name and summary" \
	"204_xdpctl_selftest $(sed -n 's/^# summary: //p' "$SRC/selftests/cases/204_xdpctl_selftest.sh")" \
	"$(echo "$list" | grep '^204_xdpctl_selftest ' | tr -s ' ')"

out=$("$XDPCTL" selftest 201_xdpctl_err)
rc=$?
assert_eq "FILTER 201_xdpctl_err runs that case: exit 0" 0 "$rc"
assert_eq "TAP: plan of one, case passed" "1..1|ok 1 201_xdpctl_errors" \
	"$(echo "$out" | grep -E '^(1\.\.|ok|not ok)' | paste -sd'|')"

# a failing case in a directory of our own: exit status = 1 failure
mkdir -p "$SCRATCH/cases"
printf '# summary: fails\nexit 1\n' >"$SCRATCH/cases/a_fail.sh"
printf '# summary: passes\nexit 0\n' >"$SCRATCH/cases/b_pass.sh"
out=$("$XDPCTL" selftest --dir "$SCRATCH/cases")
assert_eq "exit status = number of failed cases" 1 "$?"
assert_eq "TAP lines" "1..2|not ok 1 a_fail|ok 2 b_pass" \
	"$(echo "$out" | grep -E '^(1\.\.|ok|not ok)' | paste -sd'|')"
# One machine, cases in a row: a case dying half-way with the model, the
# pool and the driver loaded and a namespace made must not spoil the next
# one (300 passes in the runner); its EXIT trap unloads all three (the
# pool's line follows the driver's in /proc/modules)
mkdir -p "$SCRATCH/row"
# shellcheck disable=SC2016 # the case's own lines, expanded when it runs
printf '%s\n' '# summary: dies half-way' '. "$SRC/selftests/lib/ktap.sh"' \
	'insmod "$KMOD/neta_model.ko" && insmod "$KMOD/neta_page_pool.ko" &&' \
	'	insmod "$KMOD/mvneta_xdp.ko" || exit 2' 'ip netns add half_way' \
	'die "on purpose, the model, the pool and the driver loaded"' >"$SCRATCH/row/a_fail.sh"
ln -s "$SRC/selftests/cases/300_model_basic.sh" "$SCRATCH/row/b_300_model_basic.sh"
printf '%s\n' '# summary: passes but leaves a namespace' 'ip netns add leftover' \
	>"$SCRATCH/row/c_leaves.sh"
printf '%s\n' '# summary: misspelt key' '# timout: 5' 'touch /tmp/d_typo_ran' \
	>"$SCRATCH/row/d_typo.sh"
cp "$SRC/selftests/cases/410_neta_fault_injection.sh" "$SCRATCH/row/e_410.sh"
out=$("$XDPCTL" selftest --dir "$SCRATCH/row" 2>&1)
assert_eq "in a row: each verdict its own (300 passes as in the runner)" \
	"1..5|not ok 1 a_fail|ok 2 b_300_model_basic|not ok 3 c_leaves|not ok 4 d_typo|ok 5 e_410 # SKIP needs the sanitizer lane's debug kernel (./lab test --debug-kernel)" \
	"$(echo "$out" | grep -E '^(1\.\.|ok|not ok)' | paste -sd'|')" || ktap_diag "$out"
assert_eq "the case that died left nothing behind (its EXIT trap)" "" \
	"$(echo "$out" | grep '^# a_fail: .*left behind')"
assert_eq "a case leaving a namespace is told so" \
	"# c_leaves: left behind netns leftover (removed)" "$(echo "$out" | grep '^# c_leaves: left')"
assert_eq "... and the namespace is gone, the model, the pool and the driver unloaded" "" \
	"$(ip netns list; grep -E '^(neta_model|neta_page_pool|mvneta_xdp) ' /proc/modules)"
assert_eq "a bad header fails the case unrun, naming the line" \
	"# d_typo: bad header: $SCRATCH/row/d_typo.sh: line 2: unknown key 'timout'|absent" \
	"$({ echo "$out" | grep '^# d_typo: bad'; [ -e /tmp/d_typo_ran ] && echo ran || echo absent; } | paste -sd'|')"
ktap_finish
