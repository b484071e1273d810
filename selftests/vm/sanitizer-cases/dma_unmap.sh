#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: sanitizer lane self-test: a driver unbound with a mapping left must be reported by DMA-API debug
# timeout: 60
# kernel: debug
# expect: ^sanitizer report: DMA-API$
# expect-detail: sanitizer_bugs|sbug_
. "$SRC/selftests/lib/sanitizer.sh"

ktap_plan 3
check "DMA-API debugging is on" grep -qx N /sys/kernel/debug/dma-api/disabled
sanitizer_load
# A PCI driver of the module binds to the host bridge, maps a buffer and is
# unregistered without unmapping it: dma-debug's report on the unbind
# panics the guest in this write (panic_on_warn).
check "unbind a driver with a DMA mapping left" trigger dma_unmap
ktap_finish
