#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: neta_page_pool KTAP tests: fast/ring paths, cache and ring full, order-2, DMA sync range, reclaim by refcount, deferred destroy, validation, misuse, ethtool names, fragments (two per page, either order, sync range, refused sizes, destroy)
# timeout: 180
# arch: any
#
# neta_pp_test.ko runs its tests when loaded and leaves a KTAP report in
# debugfs; each of its results becomes a result of this case. The misuse
# tests need neta_page_pool misuse_warn=0 (pr_err instead of WARN_ONCE,
# since the guest runs with panic_on_warn=1). PP_TEST_ARGS adds parameters
# of neta_pp_test (its variant 101_page_pool_swiotlb: expect_bounce=1).
. "$SRC/selftests/lib/case.sh"

mark=$(dmesg_mark)
report=/sys/kernel/debug/neta_pp_test/ktap
if ! kmod_insmod neta_page_pool misuse_warn=0 ||
   ! kmod_insmod neta_pp_test misuse=1 ${PP_TEST_ARGS:-} || [ ! -r $report ]; then
	ktap_plan 1
	ktap_fail "load neta_page_pool and neta_pp_test" "$(dmesg_since "$mark" | tail -20)"
	ktap_finish
fi

n=$(grep -cE '^(not )?ok [0-9]+ ' $report)
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' $report)
ktap_plan $((n + 8))
assert_eq "module ran its whole plan" "$planned" "$n"

# Re-emit the module's results, with the diagnostics printed before each.
diag=()
while IFS= read -r line; do
	case $line in
	"# "*)
		diag+=("${line#\# }") ;;
	"not ok "*)
		name=${line#not ok * }
		ktap_fail "$name" "${diag[@]}"
		diag=() ;;
	"ok "*"# SKIP "*)
		[ ${#diag[@]} -gt 0 ] && ktap_diag "${diag[@]}"
		name=${line#ok * }
		ktap_skip "${name%% # SKIP*}" "${line##*# SKIP }"
		diag=() ;;
	"ok "*)
		[ ${#diag[@]} -gt 0 ] && ktap_diag "${diag[@]}"
		ktap_ok "${line#ok * }"
		diag=() ;;
	esac
done <$report

# 5 misuses are reported (pr_err with misuse_warn=0), nothing else is bad.
misuse=$(dmesg_since "$mark" | grep -cE 'neta_pp: .*: page .*, pool [0-9]+' || true)
assert_eq "misuse reported in the kernel log" 5 "$misuse"
# A destroy with a page still out (held by "the stack") pins the module,
# and the pin goes when the page is put back.
refcnt=/sys/module/neta_page_pool/refcnt
base=$(cat $refcnt)
echo 1 >/sys/kernel/debug/neta_pp_test/hold
assert_eq "pending destroy holds neta_page_pool" $((base + 1)) "$(cat $refcnt)"
echo 0 >/sys/kernel/debug/neta_pp_test/hold
for _ in $(seq 30); do [ "$(cat $refcnt)" = "$base" ] && break; sleep 0.1; done
assert_eq "released when the last page is back" "$base" "$(cat $refcnt)"
echo 1 >/sys/kernel/debug/neta_pp_test/hold
check "rmmod neta_pp_test with a page in flight" kmod_rmmod neta_pp_test
for _ in $(seq 30); do [ "$(cat $refcnt)" = 0 ] && break; sleep 0.1; done
assert_eq "last page back after the holder left" 0 "$(cat $refcnt)"
# Every pool is freed (no deferred destroy holds the module).
check "rmmod neta_page_pool" kmod_rmmod neta_page_pool
bad=$(dmesg_bad "$mark")
assert_eq "no warning in the kernel log" "" "$bad"
ktap_finish
