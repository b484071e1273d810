#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The test guest's job: PID 1 runs it after switch_root (guest-init).
# job.py writes it as /vmout/job.sh, inside one brace group after the
# case's values: bash parses all of it before running any, so it never
# reads the script again from the 9p share, which goes away during the
# power-off. The values (see job.py):
#   SRC BUILD KMOD KMOD_TEST KERNEL_FLAVOUR KERNEL_SERIES BPF XDPCTL TOOLS
#   ARCH SCRATCH   exported for the case (and the sanitizer lane's frame
#                  counts, selftests/debug-kernel/lane.env, on its kernel)
#   JOB_CASE       the case script; empty: an interactive shell (./lab shell)
#   JOB_TIMEOUT    seconds the case may run
#   JOB_CONSOLE    the console device (ttyS0, ttyAMA0)
#   JOB_HOST_BINDS paths of the host to bind from /host (the arm64 userland
#                  is not the host's), or empty
#   JOB_MODULES    the project's modules, an extended regex alternation
# shellcheck disable=SC2154

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=${TERM:-dumb}

# dma-debug's active entries (the sanitizer lane): compared after the case
dma_active() {
	local d=/sys/kernel/debug/dma-api
	echo $(($(cat $d/nr_total_entries) - $(cat $d/num_free_entries)))
}

if [ -n "$JOB_HOST_BINDS" ]; then
	mkdir -p /host && mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 hostfs /host
	for path in $JOB_HOST_BINDS; do
		mkdir -p "$path" && mount --bind "/host$path" "$path"
	done
fi
mount -t tmpfs tmpfs /run
ln -sf /proc/self/fd /dev/fd; ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout; ln -sf /proc/self/fd/2 /dev/stderr
mkdir -p /dev/pts /dev/shm; mount -t devpts devpts /dev/pts; mount -t tmpfs tmpfs /dev/shm
mount -t debugfs debugfs /sys/kernel/debug
mount -t bpf bpf /sys/fs/bpf
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mkdir -p /run/netns "$SCRATCH"; cd "$SCRATCH" || echo "job: cannot enter $SCRATCH"
ip link set lo up
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
sysctl -qw kernel.sysrq=1

if [ -z "$JOB_CASE" ]; then
	export PATH=$PATH:${XDPCTL%/*}
	# shellcheck source=/dev/null
	. "$SRC/userspace/xdpctl.bash-completion" 2>/dev/null
	echo 'test guest: exit the shell to power off'
	setsid -c bash -l </dev/"$JOB_CONSOLE" >/dev/"$JOB_CONSOLE" 2>&1
else
	leak=/sys/kernel/debug/kmemleak
	if [ "$KERNEL_FLAVOUR" = debug ]; then
		dma_active >/vmout/dma-before 2>/dev/null
	fi
	echo started >/vmout/started
	timeout -s KILL "$JOB_TIMEOUT" bash "$JOB_CASE" >/vmout/ktap 2>&1
	echo $? >/vmout/rc
	if [ "$KERNEL_FLAVOUR" = debug ]; then
		# Mappings left behind, once no project module holds any.
		grep -qE "^($JOB_MODULES) " /proc/modules || dma_active >/vmout/dma-after 2>/dev/null
		# kmemleak reports objects unreferenced for 5 s or more: wait that
		# long after the case (its modules are unloaded by now), scan once
		# (~10 s under TCG) and keep the report.
		sleep 5; echo scan >$leak
		cat $leak >/vmout/kmemleak 2>&1 ||
			echo "kmemleak: disabled (cannot read $leak)" >/vmout/kmemleak
	fi
	cat /proc/sys/kernel/tainted >/vmout/taint
	dmesg >/vmout/dmesg
	sync
fi
# Power off; PID 1 must outlive the (asynchronous) power-off, with builtins
# only: the filesystems go away under it.
echo o >/proc/sysrq-trigger
while :; do read -r -t 1 _ </dev/console; done
