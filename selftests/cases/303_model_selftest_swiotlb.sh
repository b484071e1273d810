#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: NETA model built-in self-test under swiotlb=force (bounce buffers, unmapped buffer caught): port 0 -> port 1 through rings and DMA (data, MH, FCS, status, multi-buffer, TX checksums) and the checker catching own/addr/desc misuse
# timeout: 90
# cmdline: swiotlb=force
. "$SRC/selftests/lib/ktap.sh"
. "$SRC/selftests/lib/kernel.sh"

D=/sys/kernel/debug/neta_model

ktap_plan 5
mark=$(dmesg_mark)
check "insert neta_model" kmod_insmod neta_model
if echo 1 >$D/selftest; then
	ktap_ok "self-test passes"
else
	ktap_fail "self-test passes"
fi
ktap_diag "$(cat $D/selftest)"
assert_eq "no failed check" "" "$(grep '^not ok' $D/selftest)"
assert_eq "violations restored to 0" 0 "$(cat $D/violations)"
check "remove neta_model" kmod_rmmod neta_model
ktap_diag "$(dmesg_since "$mark" | grep -c violation) violation lines logged by the deliberate misuse"
ktap_finish
