#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: sanitizer lane self-test: a read after kfree() must be reported by KASAN
# timeout: 60
# kernel: debug
# expect: ^sanitizer report: KASAN$
# expect-detail: sanitizer_bugs|sbug_
. "$SRC/selftests/lib/sanitizer.sh"

ktap_plan 3
check "KASAN is built in" grep -qw kasan_report /proc/kallsyms
sanitizer_load
# KASAN's report panics the guest in this write (panic_on_warn); the runner
# reads the report on the console.
check "read a kmalloc object after kfree" trigger uaf
ktap_finish
