#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 504_xdp_jumbo with our page pool (mvneta_xdp page_pool=own)
# timeout: 900
# shellcheck disable=SC2034 # read by neta.sh
NETA_POOL=own
. "$SRC/selftests/cases/504_xdp_jumbo.sh"
