#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: sanitizer lane self-test: a GFP_KERNEL allocation under a spinlock must be reported
# timeout: 60
# kernel: debug
# expect: ^sanitizer report: atomic sleep$
# expect-detail: sanitizer_bugs|sbug_
. "$SRC/selftests/lib/sanitizer.sh"

ktap_plan 3
sanitizer_load
# Reported on the console, without a panic: the guest goes on.
check "allocate with GFP_KERNEL under a spinlock" trigger atomic_sleep
check "rmmod sanitizer_bugs" rmmod sanitizer_bugs
ktap_finish
