#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary:   every key, odd spacing  
#timeout:300  (seconds)
# cmdline:  swiotlb=force   mem=1G
# arch : arm64
# smp: 1
# kernel: debug
# expect: ^not ok (a|b)$
# expect-detail: blocked for
echo body
