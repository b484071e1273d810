#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 502_xdp_redirect with our page pool (mvneta_xdp page_pool=own, MEM_TYPE_PAGE_ORDER0: redirected pages come back by refcount)
# timeout: 900
# shellcheck disable=SC2034 # read by neta.sh
NETA_POOL=own
. "$SRC/selftests/cases/502_xdp_redirect.sh"
