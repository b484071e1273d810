#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: harness self-test: a failing assertion must fail the run
# timeout: 30
# expect: ^not ok deliberately wrong$
. "$SRC/selftests/lib/ktap.sh"
ktap_plan 2
assert_eq "one plus one" 2 $((1 + 1))
assert_eq "deliberately wrong" 3 $((1 + 1))
ktap_finish
