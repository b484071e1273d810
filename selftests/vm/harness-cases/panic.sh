#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: harness self-test: a kernel crash must fail the case (console kept)
# timeout: 30
# expect: ^kernel panic$
. "$SRC/selftests/lib/ktap.sh"
ktap_plan 1
ktap_ok "before the crash"
echo c >/proc/sysrq-trigger
ktap_finish
