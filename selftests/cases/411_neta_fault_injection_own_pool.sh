#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: 410_neta_fault_injection with our page pool (page_pool=own): failed refills of neta_page_pool counted, nothing lost or leaked
# timeout: 600
# kernel: debug
NETA_POOL=own
. "$SRC/selftests/cases/410_neta_fault_injection.sh"
