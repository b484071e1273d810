#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 500_xdp_verdicts in RX fragment mode (MTU 1400: two buffers per page, kernel page_pool fragments)
# timeout: 600
# shellcheck disable=SC2034 # read by neta_xdp.sh
NETA_MTU=1400
. "$SRC/selftests/cases/500_xdp_verdicts.sh"
