#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: NETA model built-in self-test: port 0 -> port 1 through rings and DMA (data, MH, FCS, status, multi-buffer, TX checksums) and the checker catching own/addr/desc misuse
# timeout: 90
. "$SRC/selftests/lib/case.sh"

D=/sys/kernel/debug/neta_model
# Checks the self-test runs (kmod/neta_model/selftest.c: 11 traffic, 4
# checker); under swiotlb=force (303, ST_BOUNCE=1) one more:
# a TX buffer that was never mapped, caught only when every mapping bounces.
ST_CHECKS=15
UNMAPPED="checker: unmapped TX buffer under swiotlb=force (addr)"
ST_BOUNCE=${ST_BOUNCE:-0}
[ "$ST_BOUNCE" = 1 ] && ST_CHECKS=$((ST_CHECKS + 1))

ktap_plan 6
mark=$(dmesg_mark)
check "insert neta_model" kmod_insmod neta_model
# The write succeeds when checks failed too (-EIO is reported through the
# result text): the verdict is the summary line, "# N checks, 0 failed",
# with every one of the N listed as ok.
wrote=no
echo 1 >$D/selftest && wrote=yes
out=$(cat $D/selftest)
ktap_diag "$out"
assert_eq "self-test passes: write ok, $ST_CHECKS checks, 0 failed, $ST_CHECKS listed ok" \
	"yes $ST_CHECKS 0 $ST_CHECKS" \
	"$wrote $(sed -n 's/^# \([0-9]*\) checks, \([0-9]*\) failed$/\1 \2/p' <<<"$out") $(grep -c '^ok ' <<<"$out")"
assert_eq "no failed check" "" "$(grep '^not ok' <<<"$out")"
if [ "$ST_BOUNCE" = 1 ]; then
	assert_eq "unmapped buffer caught (swiotlb=force)" 1 "$(grep -cx "ok [0-9]* $UNMAPPED" <<<"$out")"
else
	assert_eq "unmapped buffer check not run: buffers are not bounced" 0 "$(grep -c "$UNMAPPED" <<<"$out")"
fi
assert_eq "violations restored to 0" 0 "$(cat $D/violations)"
check "remove neta_model" kmod_rmmod neta_model
ktap_diag "$(dmesg_since "$mark" | grep -c violation) violation lines logged by the deliberate misuse"
ktap_finish
