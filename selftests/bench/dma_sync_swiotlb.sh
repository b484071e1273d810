#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: the DMA_SYNC_DEV saving bench (dma_sync) with every DMA buffer bounced (swiotlb=force), where a sync for the device is a copy of the synced bytes: XDP_DROP 64 B sync len vs whole buffer, both pools, goal >= 1.4
# timeout: 1200
# cmdline: swiotlb=force
DMA_SYNC_TAG=_swiotlb
. "$SRC/selftests/bench/dma_sync.sh"
