#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: sanitizer lane self-test: objects nobody points to must be reported by kmemleak
# timeout: 60
# kernel: debug
# expect: ^sanitizer report: kmemleak$
# expect-detail: sanitizer_bugs|sbug_
. "$SRC/selftests/lib/sanitizer.sh"

ktap_plan 3
check "kmemleak is on" test -r /sys/kernel/debug/kmemleak
sanitizer_load
# Four zeroed 256-byte objects nobody points to. The runner's kmemleak scan
# after the case (5 s later) reports them; the module stays loaded so that
# the allocation backtrace names its function.
check "drop the only references to 4 objects" trigger leak
ktap_finish
