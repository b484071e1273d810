#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: harness self-test: a case that exits before running its whole plan must fail
# timeout: 30
# expect: plan was 3 tests, 1 reported
. "$SRC/selftests/lib/ktap.sh"
ktap_plan 3
ktap_ok "first"
exit 0
