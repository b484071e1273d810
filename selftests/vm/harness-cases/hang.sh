#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: harness self-test: a hanging case must be killed by its timeout and fail
# timeout: 5
# expect: killed by its 5s timeout
. "$SRC/selftests/lib/ktap.sh"
ktap_plan 1
sleep 1000
ktap_ok "never reached"
ktap_finish
