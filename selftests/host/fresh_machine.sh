#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host test: the README's two commands on a fresh Debian 12 machine. A
# minimal Debian 12 root (debootstrap --variant=minbase, what a container
# image starts from) gets the machine's way to its package archive
# (/etc/apt sources and resolv.conf) and a clean clone of this repository's
# HEAD, nothing else; inside it, with /proc, /sys and /dev bound:
#   - three bad starts, each in its own clone: not root, no archive, a
#     package the archive does not have: exit 1 with one line naming why,
#     and dpkg left consistent;
#   - the board recipe of Documentation/board.rst (xdpctl alone), as
#     written: neither clang, libxdp nor kernel headers get installed;
#   - ./lab demo to its end (counters and the pps figures printed);
#   - ./lab build, i.e. the dependency and build steps of ./lab test;
#   - the Debian packages of DEBDIR (selftests/host/deb_build.sh) installed
#     with apt: DKMS builds the modules for the 6.1 headers there, and in a
#     guest the installed /usr/sbin/xdpctl selftest runs the package's
#     500_xdp_verdicts on those modules (selftests/vm/package-cases).
# A missing install step fails here even where the host has the package.
# Prints TAP; exit status 1 when a test failed.
#   selftests/host/fresh_machine.sh CACHE WORKDIR DEBDIR
# CACHE/fresh/ keeps the debootstrap base (Debian's packages only, none of
# the project's dependencies) and the .deb files apt downloaded; WORKDIR is
# wiped and holds the root and the logs.
set -uo pipefail
# chroot and mounts need root; lab itself may run with password-less sudo
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	exec sudo -n "$0" "$@"
fi
top=$(cd "$(dirname "$0")/../.." && pwd)
cache=$(mkdir -p "$1/fresh" && cd "$1/fresh" && pwd)
work=$(mkdir -p "$2" && cd "$2" && pwd)
debs=${3:-}
root=$work/root
base=$cache/bookworm-minbase.tar
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
PLAN=13

echo "TAP version 13"
echo "1..$PLAN"
bail() {
	echo "# $*"
	while [ $n -lt $PLAN ]; do not_ok "not run: $*"; done
	exit 1
}

unmount_all() {
	local m
	# deepest first; the binds are rslave, so nothing reaches the host
	for m in $(awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/self/mounts | sort -r); do
		umount -l "$m" 2>/dev/null
	done
}
trap unmount_all EXIT

[ "$(id -u)" -eq 0 ] || bail "needs root (chroot, mounts)"
command -v debootstrap >/dev/null || bail "debootstrap missing (./lab deps)"

# The archive the machine uses, from its own apt sources.
mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p;s/^deb \(http[^ ]*\/debian\) bookworm .*/\1/p' \
	/etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -n1)
mirror=${mirror:-http://deb.debian.org/debian}

unmount_all
# never remove a tree that still has the host's /dev or /sys bound in it
awk -v r="$root/" 'index($2, r) == 1 { bad = 1 } END { exit !bad }' /proc/self/mounts &&
	bail "mounts left under $root"
rm -rf "$work"
mkdir -p "$work"
t0=$(date +%s)
if [ ! -s "$base" ]; then
	if ! debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1; then
		tail -n 5 "$work/debootstrap.log" | sed 's/^/# /'
		bail "debootstrap --variant=minbase bookworm $mirror failed"
	fi
	tar -C "$work/base" -cf "$base.tmp" . && mv "$base.tmp" "$base"
	rm -rf "$work/base"
fi
mkdir -p "$root"
tar -C "$root" -xf "$base" || bail "cannot unpack $base"
# What a fresh machine has: its apt sources (the base has only bookworm
# main; the machine's add updates and security) and its resolver.
rm -f "$root/etc/apt/sources.list"
cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null
[ -e /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/"
for f in /etc/apt/apt.conf.d/*; do
	grep -q '^Acquire::Check-' "$f" 2>/dev/null && cp "$f" "$root/etc/apt/apt.conf.d/"
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
[ -z "$(dpkg --root="$root" --print-foreign-architectures)" ] ||
	bail "the base has a foreign architecture"
mkdir -p "$cache/archives/partial"
for m in proc sys dev; do mkdir -p "$root/$m"; done
mount -t proc proc "$root/proc" &&
	mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys" &&
	mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" &&
	mount --bind "$cache/archives" "$root/var/cache/apt/archives" ||
	bail "cannot bind /proc, /sys, /dev into the root"

# clone NAME: a clean clone of HEAD at /src/NAME in the root
clone() {
	mkdir -p "$root/src"
	# under sudo the repository belongs to another user: trust it
	git -c safe.directory="*" clone -q --no-local "$top" "$root/src/$1"
}

# in_root LOG CMD...: run CMD in the root (login-like environment)
in_root() {
	local log=$1
	shift
	chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@" >"$log" 2>&1
}

# timed NAME LOG CMD...: run CMD in the root; ok with its time, or not ok
# with the tail of its log
timed() {
	local name=$1 log=$2 t rc
	shift 2
	t=$(date +%s)
	in_root "$log" "$@"
	rc=$?
	t=$(($(date +%s) - t))
	if [ $rc -eq 0 ]; then
		ok "$name: exit 0 in $t s"
	else
		tail -n 15 "$log" | sed 's/^/# /'
		not_ok "$name: exit $rc after $t s (log: $log)"
	fi
	return $rc
}

echo "# base ready in $(($(date +%s) - t0)) s (debootstrap --variant=minbase bookworm, $mirror)"

# bad_start NAME EXPECT CMD...: ./lab demo in a fresh clone ends with exit
# 1 and exactly one error line matching EXPECT
bad_start() {
	local name=$1 expect=$2 rc errs log
	shift 2
	log=$work/bad-${name// /-}.log
	clone "bad-${name// /-}" || { not_ok "$name: clone"; return; }
	in_root "$log" "$@"
	rc=$?
	errs=$(grep -c '^lab: ' "$log")
	if [ $rc -eq 1 ] && [ "$errs" = 1 ] && grep -Eq "^lab: $expect" "$log"; then
		ok "$name: one line, exit 1: $(grep '^lab: ' "$log")"
	else
		tail -n 5 "$log" | sed 's/^/# /'
		not_ok "$name: exit $rc, $errs error lines (want 1 matching '$expect')"
	fi
}

bad_start "not root" "installing Debian packages needs root" \
	setpriv --reuid=65534 --regid=65534 --clear-groups /src/bad-not-root/lab demo
cat >"$root/tmp/apt-offline.conf" <<'EOF'
Acquire::http::Proxy "http://127.0.0.1:9";
Acquire::Retries "0";
EOF
bad_start "no archive" "apt-get update failed \(no network to the package archive\?\)" \
	env APT_CONFIG=/tmp/apt-offline.conf /src/bad-no-archive/lab demo
mkdir -p "$root/tmp/empty-lists/partial"
cat >"$root/tmp/apt-empty.conf" <<'EOF'
Dir::Etc::SourceList "/dev/null";
Dir::Etc::SourceParts "/nonexistent";
Dir::State::Lists "/tmp/empty-lists";
EOF
bad_start "package not in the archive" "cannot install Debian package 'meson': Unable to locate package meson" \
	env APT_CONFIG=/tmp/apt-empty.conf /src/bad-package-not-in-the-archive/lab demo
if [ -z "$(chroot "$root" dpkg --audit 2>&1)" ] &&
	[ -z "$(chroot "$root" dpkg-query -W -f='${db:Status-Abbrev}\n' | grep -v '^ii')" ]; then
	ok "after the bad starts: dpkg --audit clean, every package fully installed"
else
	not_ok "after the bad starts: dpkg left half-installed packages"
fi

# The board recipe (xdpctl alone), the commands of its block as written
# (as root: without sudo), in a clone of its own; the installed tool is
# removed again so that nothing later finds it first in PATH.
recipe=$(awk '/fresh-machine check runs the commands/ { f = 1 }
	f == 1 && /^ *::$/ { f = 2; next }
	f == 2 && /^ *$/ { if (n) exit; next }
	f == 2 { sub(/^ +/, ""); sub(/^sudo /, ""); print; n++ }' "$top/Documentation/board.rst")
clone board || bail "git clone of $top failed"
# a board has its package lists; this root has none yet
in_root "$work/apt-update.log" apt-get update -qq
if [ -z "$recipe" ]; then
	not_ok "board recipe: no command block found in Documentation/board.rst"
	not_ok "not run: what the board recipe installed"
elif timed "board recipe of Documentation/board.rst ($(wc -l <<<"$recipe") commands, xdpctl alone)" \
	"$work/board.log" bash -ec "cd /src/board; $(tr '\n' ';' <<<"$recipe")"; then
	extra=""
	for p in clang libxdp-dev libxdp1 dkms; do
		chroot "$root" dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' &&
			extra+=" $p"
	done
	[ -z "$(ls "$root/lib/modules" 2>/dev/null)" ] || extra+=" kernel headers"
	[ -z "$extra" ] || not_ok "the board recipe needed$extra"
	[ -n "$extra" ] || ok "the board recipe needed no clang, libxdp or kernel headers"
	in_root "$work/board-uninstall.log" ninja -C /src/board/build uninstall
else
	not_ok "the board recipe did not run (see above)"
fi

clone repo || bail "git clone of $top failed"
timed "./lab demo in the fresh root" "$work/demo.log" bash -c 'cd /src/repo && ./lab demo'
if grep -q 'rx_xdp_drop' "$work/demo.log" && grep -Eq '^XDP_DROP / tc drop: +[0-9.]+x' "$work/demo.log"; then
	ok "the demo showed xdpctl stats and the pps figures: $(grep -E '^XDP_DROP / tc drop' "$work/demo.log" | cut -c1-40)"
else
	not_ok "the demo did not show the counters and the pps figures"
fi
extra=$(chroot "$root" dpkg --print-foreign-architectures)
for p in qemu-system-arm gcc-aarch64-linux-gnu libclang-rt-14-dev dkms; do
	chroot "$root" dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' &&
		extra+=" $p"
done
for d in guest/arm64 src; do
	[ -e "$root/src/repo/.cache/$d" ] && extra+=" .cache/$d"
done
if [ -z "$extra" ]; then
	ok "the demo installed no arm64 architecture, arm64 toolchain, sanitizer runtime, DKMS or linux-source"
else
	not_ok "the demo installed more than it needs:$extra"
fi

timed "./lab build (the dependency and build steps of ./lab test) in the fresh root" \
	"$work/build.log" bash -c 'cd /src/repo && ./lab build'
if [ -s "$root/src/repo/build/kmod/arm64/ko/mvneta_xdp.ko" ] &&
	[ -x "$root/src/repo/build-arm64/userspace/xdpctl" ]; then
	ok "the build made the arm64 modules and xdpctl"
else
	not_ok "the build made no arm64 modules or xdpctl"
fi

# The Debian packages on that root (the 6.1 headers came with ./lab build):
# DKMS builds the modules in the packages' postinst, and a guest runs the
# package's selftests on them with the package's xdpctl, as on a board.
kver=$(cat "$root/src/repo/.cache/guest/x86_64/kver" 2>/dev/null)
pkgs=()
for p in xdpctl mvneta-xdp-dkms neta-model-dkms; do
	f=$(ls "$debs/${p}_"*.deb 2>/dev/null | head -n1)
	[ -n "$f" ] && cp "$f" "$root/tmp/" && pkgs+=("/tmp/$(basename "$f")")
done
if [ ${#pkgs[@]} -ne 3 ] || [ -z "$kver" ]; then
	not_ok "the Debian packages (DEBDIR '$debs': selftests/host/deb_build.sh) or the guest kernel are missing"
	not_ok "not run: the guest on the DKMS-built modules"
else
	timed "apt-get install of the three packages (DKMS builds for $kver)" "$work/debs.log" \
		env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}"
	mods=$root/lib/modules/$kver/updates/dkms
	if [ "$(cd "$mods" 2>/dev/null && ls | sort | tr '\n' ' ')" = "mvneta_xdp.ko neta_model.ko neta_page_pool.ko " ] &&
		[ -x "$root/usr/sbin/xdpctl" ]; then
		# the guest mounts its own /lib/modules: give it a copy
		rm -rf "$root/tmp/dkms-ko" && cp -r "$mods" "$root/tmp/dkms-ko"
		# /usr/sbin/xdpctl selftest runs the package's own cases, BPF
		# objects and tools on them (selftests/vm/package-cases)
		timed "guest: the installed xdpctl selftest runs 500_xdp_verdicts on the modules DKMS built" \
			"$work/dkms-guest.log" \
			bash -c 'cd /src/repo && python3 selftests/vm/runner.py --build build --cache .cache \
				--kmod /tmp/dkms-ko --cases selftests/vm/package-cases --results /tmp/dkms-results'
	else
		not_ok "DKMS installed '$(ls "$mods" 2>/dev/null | tr '\n' ' ')' in /lib/modules/$kver/updates/dkms (want mvneta_xdp, neta_model, neta_page_pool), xdpctl in /usr/sbin: $(ls "$root/usr/sbin/xdpctl" 2>&1)"
	fi
fi
echo "# fresh machine check: $(($(date +%s) - t0)) s in all"
[ $failed -eq 0 ]
