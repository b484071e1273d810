#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: every project module inserts and removes cleanly (no taint beyond O/E, no warning)
# timeout: 60
. "$SRC/selftests/lib/case.sh"

mapfile -t mods < <(kmod_project_modules)
[ ${#mods[@]} -gt 0 ] || die "no modules built in $KMOD"
ktap_plan $((${#mods[@]} * 2 + 3))
mark=$(dmesg_mark)
check "insert ${mods[*]}" kmod_load_ordered "${mods[@]}"
for m in "${mods[@]}"; do
	check "$m is live" test "$(cat /sys/module/"$m"/initstate 2>/dev/null)" = live
done
# Remove in reverse order of dependency: users first.
for _ in 1 2 3; do
	for m in "${mods[@]}"; do
		[ -d "/sys/module/$m" ] && rmmod "$m" 2>/dev/null
	done
done
for m in "${mods[@]}"; do
	check "$m removed" test ! -d "/sys/module/$m"
done
assert_eq "no unexpected taint" 0 "$(taint_unexpected)"
bad=$(dmesg_bad "$mark")
if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi
ktap_finish
