# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel-side helpers for guest test cases: module loading, taint, dmesg.

# sourced once, whatever sources it too
[ -z "${LIB_KERNEL_SH:-}" ] || return 0
LIB_KERNEL_SH=1

# kmod_insmod NAME [PARAMS...]: insert $KMOD/NAME.ko
kmod_insmod() {
	local name=$1
	shift
	insmod "$KMOD/$name.ko" "$@"
}

kmod_rmmod() {
	rmmod "$1"
}

# taint_unexpected: print the taint flags other than O (4096) and E (8192)
taint_unexpected() {
	local t
	t=$(cat /proc/sys/kernel/tainted)
	echo $((t & ~(4096 | 8192)))
}

# dmesg_since MARK: kernel messages printed after dmesg_mark returned MARK
dmesg_mark() {
	dmesg | wc -l
}

dmesg_since() {
	dmesg | tail -n +"$(($1 + 1))"
}

# dmesg_bad MARK: warning, oops, leak or BUG lines since MARK
dmesg_bad() {
	dmesg_since "$1" | grep -E 'WARNING:|BUG:|Oops|leak|refcount_t|list_add corruption|general protection|Call Trace' || true
}

# quiet_port DEV: no IPv6, ARP or multicast, so counters hold only test frames
quiet_port() {
	ip link set dev "$1" arp off multicast off
	sysctl -qw "net.ipv6.conf.$1.disable_ipv6=1" 2>/dev/null || true
}

# kmod_project_modules: the built modules a plain load/unload test exercises
# (test and benchmark modules run their own cases).
kmod_project_modules() {
	local f
	for f in "$KMOD"/*.ko; do
		[ -e "$f" ] || continue
		case $(basename "$f" .ko) in
		*test* | *bench*) ;;
		*) basename "$f" .ko ;;
		esac
	done
}

# kmod_load_ordered NAME...: insmod the named project modules, each after the
# project modules it depends on.
kmod_load_ordered() {
	local pending=("$@") left name deps d ok progress
	while [ ${#pending[@]} -gt 0 ]; do
		left=()
		progress=0
		for name in "${pending[@]}"; do
			deps=$(modinfo -F depends "$KMOD/$name.ko" | tr ',' ' ')
			ok=1
			for d in $deps; do
				if [ -e "$KMOD/$d.ko" ] && [ ! -d "/sys/module/$d" ]; then
					ok=0
				elif [ ! -e "$KMOD/$d.ko" ] && [ ! -d "/sys/module/$d" ]; then
					modprobe "$d" || return 1
				fi
			done
			if [ $ok -eq 1 ]; then
				insmod "$KMOD/$name.ko" || return 1
				progress=1
			else
				left+=("$name")
			fi
		done
		[ $progress -eq 1 ] || { echo "circular or missing module dependency: ${left[*]}"; return 1; }
		pending=("${left[@]}")
	done
}
