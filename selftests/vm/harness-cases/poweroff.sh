#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: harness self-test: a guest that ends before the case's exit status is written must fail
# timeout: 30
# expect: ^guest ended without a result \(exit status missing\)$
. "$SRC/selftests/lib/ktap.sh"
ktap_plan 1
ktap_ok "before the power-off"
sync
echo o >/proc/sysrq-trigger
sleep 20
ktap_finish
