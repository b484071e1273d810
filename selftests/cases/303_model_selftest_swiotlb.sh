#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: NETA model built-in self-test under swiotlb=force (bounce buffers, unmapped buffer caught): port 0 -> port 1 through rings and DMA (data, MH, FCS, status, multi-buffer, TX checksums) and the checker catching own/addr/desc misuse
# timeout: 90
# cmdline: swiotlb=force
ST_BOUNCE=1
. "$SRC/selftests/cases/302_model_selftest.sh"
