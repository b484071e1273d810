#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: harness self-test: a non-zero exit must fail a case whose every result is ok
# timeout: 30
# expect: ^case exited with status 3$
. "$SRC/selftests/lib/ktap.sh"
ktap_plan 1
ktap_ok "the only result"
exit 3
