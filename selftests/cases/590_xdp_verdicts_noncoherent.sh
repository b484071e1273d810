#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 500_xdp_verdicts with the NETA model ports NOT DMA-coherent (neta_model coherent=0): XDP verdicts (DROP, PASS, adjust, TX, ABORTED) through the DMA API's non-coherent arm64 paths (cache maintenance on map/sync, non-cacheable descriptor rings)
# arch: arm64
# timeout: 900
# shellcheck disable=SC2034 # read by neta.sh
NETA_MODEL_PARAMS="coherent=0"
. "$SRC/selftests/cases/500_xdp_verdicts.sh"
