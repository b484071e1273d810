#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: sanitizer lane self-test: locks taken in both orders must be reported by lockdep
# timeout: 60
# kernel: debug
# expect: ^sanitizer report: lockdep$
# expect-detail: sanitizer_bugs|sbug_
. "$SRC/selftests/lib/sanitizer.sh"

ktap_plan 4
check "lockdep is on" grep -Eq '^ *debug_locks: +1$' /proc/lockdep_stats
sanitizer_load
# Reported on the console, without a panic: the guest goes on.
check "take locks A then B, then B then A" trigger lock_order
check "rmmod sanitizer_bugs" rmmod sanitizer_bugs
ktap_finish
