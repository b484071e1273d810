#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: neta_page_pool KTAP tests with every DMA buffer bounced: the synced range [offset, offset + len) reaches the device, nothing else
# timeout: 180
# cmdline: swiotlb=force
# arch: any
PP_TEST_ARGS="expect_bounce=1"
. "$SRC/selftests/cases/100_page_pool.sh"
