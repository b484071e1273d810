#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 404_neta_reconfig with our page pool (page_pool=own): every restart destroys and recreates the pools with no page lost
# timeout: 600
NETA_POOL=own
. "$SRC/selftests/cases/404_neta_reconfig.sh"
