#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 430_neta_frag with our page pool on the host port and the kernel's on the remote (mvneta_xdp page_pool=own,kernel: neta_pp_alloc_frag, each buffer synced when it comes back, the page recycled with its last buffer)
# timeout: 900
# shellcheck disable=SC2034 # read by neta.sh
NETA_POOL=own,kernel
. "$SRC/selftests/cases/430_neta_frag.sh"
