#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 403_neta_faults with our page pool (page_pool=own): error and broken descriptor chains recycle their pages into our pool
# timeout: 600
NETA_POOL=own
. "$SRC/selftests/cases/403_neta_faults.sh"
