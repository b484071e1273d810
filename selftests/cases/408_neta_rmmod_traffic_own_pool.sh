#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 405_neta_rmmod_traffic with our page pool (page_pool=own): pools destroyed under traffic release every page (neta_page_pool reference back to 0)
# timeout: 600
NETA_POOL=own
. "$SRC/selftests/cases/405_neta_rmmod_traffic.sh"
