#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 400_neta_traffic with our page pool (mvneta_xdp page_pool=own, MEM_TYPE_PAGE_ORDER0, pages back by refcount)
# timeout: 600
NETA_POOL=own
. "$SRC/selftests/cases/400_neta_traffic.sh"
