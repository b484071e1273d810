#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: sanitizer lane self-test: a platform device released with a DMA mapping left (dma-debug is silent on the platform bus) must be found by the runner's count of dma-debug's active entries
# timeout: 60
# kernel: debug
# expect: ^sanitizer report: DMA-API$
# expect-detail: 1 DMA mapping\(s\) left after the case
. "$SRC/selftests/lib/sanitizer.sh"

ktap_plan 4
check "DMA-API debugging is on" grep -qx N /sys/kernel/debug/dma-api/disabled
sanitizer_load
# A platform device of the module maps a buffer and is unregistered without
# unmapping it: nothing in the kernel log, one dma-debug entry stays active.
check "release a platform device with a DMA mapping left" trigger dma_unmap_platform
# The runner compares dma-debug's active entries once no project module is
# loaded.
check "rmmod sanitizer_bugs" rmmod sanitizer_bugs
ktap_finish
