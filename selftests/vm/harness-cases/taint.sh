#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: harness self-test: a taint other than O/E must fail an otherwise green case
# timeout: 30
# expect: kernel tainted [0-9]+ \(\w*W\w*\)
. "$SRC/selftests/lib/ktap.sh"
ktap_plan 1
# Set the W (warning) taint flag by hand, as a WARN without panic_on_warn would.
echo 512 >/proc/sys/kernel/tainted
ktap_ok "case itself passes"
ktap_finish
