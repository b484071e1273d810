# SPDX-License-Identifier: GPL-2.0-only
#
# KTAP helpers for guest test cases (sourced by selftests/cases/*.sh).
#
# A case script runs inside a freshly booted guest, as root, with:
#   SRC       the source tree (same path as on the host, read-only)
#   BUILD     the meson build directory (read-only)
#   KMOD      directory holding the built modules for this arch (*.ko)
#   BPF       directory holding the built BPF objects (*.bpf.o)
#   XDPCTL    path of the xdpctl binary
#   TOOLS     directory of the userspace/tools binaries (xsk_count, ...)
#             of the guest architecture (arm64: the cross build)
#   ARCH      x86_64 or arm64
#   SCRATCH   a writable tmpfs directory for the case
#   KERNEL_FLAVOUR  debian (Debian's 6.1) or debug (the sanitizer lane's
#             kernel: KASAN, KFENCE, lockdep, kmemleak, DMA-API debug,
#             fault injection; KMOD then holds modules built against it)
#   KERNEL_SERIES   6.1 or 6.12: Debian's kernel the guest boots (./lab
#             --kernel; the debug kernel is 6.1): for what the kernel's
#             core does differently between the two (e.g. 504)
#   KMOD_TEST directory of the test-only modules of selftests/kmod (debug)
# check/assert_* return 1 when the test failed (for extra diagnostics); do
# not run cases under `set -e`.
# It prints KTAP on stdout: ktap_plan N, then one ktap_ok/ktap_fail/ktap_skip
# per test, and exits through ktap_finish.

# sourced once, whatever sources it too
[ -z "${LIB_KTAP_SH:-}" ] || return 0
LIB_KTAP_SH=1

KTAP_N=0
KTAP_FAILED=0
KTAP_PLANNED=0

# The machine as the case found it: what the case adds (project modules of
# KMOD / KMOD_TEST, network namespaces, network devices such as a veth
# pair, its background jobs) goes when it exits, also when it dies
# half-way, so that cases can run one after another in one machine
# (xdpctl selftest, a board) and each finds what it expects.
KTAP_NETNS_BEFORE=$(ls /run/netns 2>/dev/null)
KTAP_MODULES_BEFORE=$(cut -d' ' -f1 /proc/modules)
KTAP_LINKS_BEFORE=$(ls /sys/class/net)

ktap_restore() {
	local pids n m busy
	pids=$(jobs -p)
	if [ -n "$pids" ]; then
		# shellcheck disable=SC2086 # one word per job
		kill $pids 2>/dev/null
		wait 2>/dev/null
	fi
	for n in /run/netns/*; do
		[ -e "$n" ] || continue
		n=${n##*/}
		grep -qxF "$n" <<<"$KTAP_NETNS_BEFORE" || ip netns del "$n"
	done
	# users before the modules they use (/proc/modules lists the newest
	# first), from a snapshot: /proc/modules read while modules go skips
	# lines (a module after one removed was never tried). Rounds for up to
	# 10 s: a module can stay busy after its users went (our page pool
	# holds a reference until a destroyed pool's last page is back).
	for _ in $(seq 40); do
		busy=0
		for m in $(cut -d' ' -f1 /proc/modules); do
			grep -qxF "$m" <<<"$KTAP_MODULES_BEFORE" && continue
			[ -e "$KMOD/$m.ko" ] || [ -e "${KMOD_TEST:-/nonexistent}/$m.ko" ] || continue
			rmmod "$m" 2>/dev/null || busy=1
		done
		[ "$busy" = 0 ] && break
		sleep 0.25
	done
	# devices left in this namespace (a driver's ports went with its
	# module; a veth's peer goes with it)
	for n in /sys/class/net/*; do
		[ -e "$n" ] || continue
		n=${n##*/}
		grep -qxF "$n" <<<"$KTAP_LINKS_BEFORE" || ip link del "$n" 2>/dev/null
	done
}
trap ktap_restore EXIT

ktap_plan() {
	KTAP_PLANNED=$1
	echo "KTAP version 1"
	echo "1..$1"
}

ktap_diag() {
	local line
	printf '%s\n' "$@" | while IFS= read -r line; do echo "# $line"; done
}

ktap_ok() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1"
}

ktap_fail() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	local name=$1
	shift
	[ $# -gt 0 ] && ktap_diag "$@"
	echo "not ok $KTAP_N $name"
}

ktap_skip() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1 # SKIP $2"
}

# ktap_skip_all REASON NAME...: one skipped test per NAME, for REASON (the
# tests a step would have made after a step it needed failed)
ktap_skip_all() {
	local why=$1 name
	shift
	for name; do ktap_skip "$name" "$why"; done
}

# check NAME CMD...: one test that passes when CMD exits 0 (its output is
# shown as diagnostics when it fails).
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		ktap_ok "$name"
	else
		ktap_fail "$name" "command: $*" "$out"
		return 1
	fi
}

# assert_eq NAME EXPECTED ACTUAL
assert_eq() {
	if [ "$2" = "$3" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "expected: $2" "actual:   $3"
		return 1
	fi
}

# assert_ge NAME MIN ACTUAL
assert_ge() {
	if [ "$3" -ge "$2" ] 2>/dev/null; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "expected >= $2" "actual:   $3"
		return 1
	fi
}

ktap_finish() {
	if [ "$KTAP_N" -ne "$KTAP_PLANNED" ]; then
		echo "# plan was $KTAP_PLANNED tests, ran $KTAP_N"
		exit 1
	fi
	[ "$KTAP_FAILED" -eq 0 ]
	exit $?
}

# die MSG: abort the case (the runner marks the rest of the plan failed).
die() {
	echo "# fatal: $*"
	exit 1
}
