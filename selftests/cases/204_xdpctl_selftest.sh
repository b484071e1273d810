#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdpctl selftest inside the guest: --list shows the cases and summaries, FILTER runs one case with TAP out and exit status = failures
# timeout: 300
. "$SRC/selftests/lib/ktap.sh"
. "$SRC/selftests/lib/kernel.sh"

ktap_plan 6
list=$("$XDPCTL" selftest --list)
assert_eq "--list: one line per case file" \
	"$(find "$SRC/selftests/cases" -maxdepth 1 -name '*.sh' | wc -l)" "$(echo "$list" | wc -l)"
assert_eq "--list: name and summary" \
	"204_xdpctl_selftest xdpctl selftest inside the guest: --list shows the cases and summaries, FILTER runs one case with TAP out and exit status = failures" \
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
ktap_finish
