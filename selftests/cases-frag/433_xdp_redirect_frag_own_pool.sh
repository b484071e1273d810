#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 502_xdp_redirect in RX fragment mode with our page pool (MTU 1400, page_pool=own: devmap, cpumap, AF_XDP copy and ndo_xdp_xmit on half-page buffers)
# timeout: 900
# shellcheck disable=SC2034 # read by neta.sh and neta_xdp.sh
NETA_POOL=own
NETA_MTU=1400
. "$SRC/selftests/cases/502_xdp_redirect.sh"
