#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: sanitizer lane self-test: a write past a KFENCE object must be reported by KFENCE
# timeout: 60
# kernel: debug
# expect: ^sanitizer report: KFENCE$
# expect-detail: sanitizer_bugs|sbug_
. "$SRC/selftests/lib/sanitizer.sh"

ktap_plan 3
check "KFENCE samples every 100 ms" grep -qx 100 /sys/module/kfence/parameters/sample_interval
sanitizer_load
# The module allocates until it gets a KFENCE object that ends at the end of
# its page (up to 10 s), then writes into the guard page after it: KFENCE's
# report panics the guest in this write (panic_on_warn).
check "write one byte past a KFENCE object" trigger kfence
ktap_finish
