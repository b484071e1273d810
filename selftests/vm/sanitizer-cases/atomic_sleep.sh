#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: sanitizer lane self-test: a GFP_KERNEL allocation under a spinlock must be reported
# timeout: 60
# kernel: debug
# expect: ^sanitizer report: atomic sleep$
# expect-detail: sanitizer_bugs|sbug_
. "$SRC/selftests/lib/ktap.sh"
ko=${KMOD_TEST:-$BUILD/selftests/kmod/x86_64-debug/ko}/sanitizer_bugs.ko
trigger() { echo "$1" >/sys/kernel/debug/sanitizer_bugs/trigger; }

ktap_plan 3
check "insmod sanitizer_bugs" insmod "$ko" || die "cannot load $ko"
# Reported on the console, without a panic: the guest goes on.
check "allocate with GFP_KERNEL under a spinlock" trigger atomic_sleep
check "rmmod sanitizer_bugs" rmmod sanitizer_bugs
ktap_finish
