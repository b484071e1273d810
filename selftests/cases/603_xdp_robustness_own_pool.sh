#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 602_xdp_robustness with our page pool (mvneta_xdp page_pool=own)
# timeout: 600
NETA_POOL=own
. "$SRC/selftests/cases/602_xdp_robustness.sh"
