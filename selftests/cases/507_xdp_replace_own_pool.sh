#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 506_xdp_replace with our page pool (mvneta_xdp page_pool=own)
# timeout: 900
# smp: 1
# shellcheck disable=SC2034 # read by neta.sh
NETA_POOL=own
. "$SRC/selftests/cases/506_xdp_replace.sh"
