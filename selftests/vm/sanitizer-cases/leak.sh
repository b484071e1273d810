#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: sanitizer lane self-test: objects nobody points to must be reported by kmemleak
# timeout: 60
# kernel: debug
# expect: ^sanitizer report: kmemleak$
# expect-detail: sanitizer_bugs|sbug_
. "$SRC/selftests/lib/ktap.sh"
ko=${KMOD_TEST:-$BUILD/selftests/kmod/x86_64-debug/ko}/sanitizer_bugs.ko
trigger() { echo "$1" >/sys/kernel/debug/sanitizer_bugs/trigger; }

ktap_plan 3
check "kmemleak is on" test -r /sys/kernel/debug/kmemleak
check "insmod sanitizer_bugs" insmod "$ko" || die "cannot load $ko"
# Four zeroed 256-byte objects nobody points to. The runner's kmemleak scan
# after the case (5 s later) reports them; the module stays loaded so that
# the allocation backtrace names its function.
check "drop the only references to 4 objects" trigger leak
ktap_finish
