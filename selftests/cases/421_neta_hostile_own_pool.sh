#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 420_neta_hostile with our page pool (page_pool=own): a hostile device loses no page of our pool, rx_pp_* cumulative across ring restarts
# timeout: 1500
NETA_POOL=own
. "$SRC/selftests/cases/420_neta_hostile.sh"
