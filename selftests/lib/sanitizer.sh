# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers of the sanitizer lane's self-test (selftests/vm/sanitizer-cases):
# each case loads selftests/kmod's sanitizer_bugs, which commits one kind of
# bug per word written to its trigger file, and the runner must fail the
# case with the debug kernel's report; sources ktap.sh.

# sourced once, whatever sources it too
[ -z "${LIB_SANITIZER_SH:-}" ] || return 0
LIB_SANITIZER_SH=1
. "$SRC/selftests/lib/ktap.sh"

# sanitizer_load: insmod sanitizer_bugs (KMOD_TEST's, else the debug build's),
# one check; dies when it cannot be loaded
sanitizer_load() {
	local ko=${KMOD_TEST:-$BUILD/selftests/kmod/x86_64-debug/ko}/sanitizer_bugs.ko
	check "insmod sanitizer_bugs" insmod "$ko" || die "cannot load $ko"
}

# trigger BUG: make sanitizer_bugs commit BUG (uaf, leak, kfence, ...)
trigger() { echo "$1" >/sys/kernel/debug/sanitizer_bugs/trigger; }
