#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 500_xdp_verdicts with our page pool (mvneta_xdp page_pool=own, MEM_TYPE_PAGE_ORDER0)
# timeout: 600
# shellcheck disable=SC2034 # read by neta.sh
NETA_POOL=own
. "$SRC/selftests/cases/500_xdp_verdicts.sh"
