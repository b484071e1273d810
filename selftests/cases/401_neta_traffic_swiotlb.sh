#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 400_neta_traffic with every DMA buffer bounced (swiotlb=force): a missing sync corrupts or loses frames, the remote verifies every UDP checksum in software (rx csum off), so exact counts prove the syncs
# timeout: 600
# cmdline: swiotlb=force
NETA_RX_CSUM=off
NETA_EXPECT_BOUNCE=1
. "$SRC/selftests/cases/400_neta_traffic.sh"
