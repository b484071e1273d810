#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: neta_fuzz with our page pool (page_pool=own)
# timeout: 86400
NETA_POOL=own
. "$SRC/selftests/fuzz-device/neta_fuzz.sh"
