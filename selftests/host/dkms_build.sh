#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host test: kmod/dkms.conf builds neta_page_pool and mvneta_xdp with DKMS
# against Debian's headers, in a private DKMS tree (nothing under
# /var/lib/dkms or /usr/src is touched; the module signing key is a
# temporary one). Prints TAP; exit status 1 when a test failed.
#   selftests/host/dkms_build.sh [KERNELRELEASE [KERNEL_BUILD_DIR]]
# Default: the 6.1 amd64 headers installed in /lib/modules. KERNEL_BUILD_DIR
# is for headers that are unpacked, not installed (./lab's 6.12 lane: the
# linux-headers-6.12 packages in its cache), passed as --kernelsourcedir.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
kver=${1:-$(cd /lib/modules && ls -d 6.1.*-amd64 2>/dev/null | sort -V | tail -n1)}
kdir=${2:-/lib/modules/$kver/build}
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

echo "TAP version 13"
echo "1..8"
if ! command -v dkms >/dev/null || [ -z "$kver" ] || [ ! -d "$kdir" ]; then
	for i in $(seq 8); do echo "not ok $i - dkms or the headers of ${kver:-6.1} missing (./lab deps)"; done
	exit 1
fi
name=mvneta-xdp
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/kmod/dkms.conf")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tree" "$tmp/src"
# What a user does: copy kmod/ to <sourcetree>/mvneta-xdp-<version>.
mkdir -p "$tmp/src/$name-$ver"
(cd "$top/kmod" && find . -type f \( -name '*.[ch]' -o -name Kbuild -o -name dkms.conf \) -print0 |
	xargs -0 cp --parents -t "$tmp/src/$name-$ver")
# dkms takes its signing settings from the environment when
# /etc/dkms/framework.conf does not set them: a throw-away key.
export mok_signing_key=$tmp/mok.key mok_certificate=$tmp/mok.der
dk=(--dkmstree "$tmp/tree" --sourcetree "$tmp/src")
kd=()
if [ $# -ge 2 ]; then
	kd=(--kernelsourcedir "$kdir")
	# dkms looks for sign-file in the installed linux-kbuild package
	export sign_file=$kdir/scripts/sign-file
fi

if dkms add -m "$name" -v "$ver" "${dk[@]}" >"$tmp/add.log" 2>&1; then
	ok "dkms add $name/$ver"
else
	not_ok "dkms add $name/$ver"
	sed 's/^/# /' "$tmp/add.log"
fi
t0=$(date +%s)
if dkms build -m "$name" -v "$ver" -k "$kver" "${dk[@]}" "${kd[@]}" >"$tmp/build.log" 2>&1; then
	ok "dkms build -k $kver ($(($(date +%s) - t0)) s)"
else
	not_ok "dkms build -k $kver"
	sed 's/^/# /' "$tmp/build.log" | tail -n 30
	find "$tmp/tree" -name make.log -exec tail -n 30 {} \; | sed 's/^/# /'
fi
mods=$tmp/tree/$name/$ver/$kver/$(uname -m)/module
check "dkms status: built" grep -q "^$name/$ver, $kver, .*: built" \
	<(dkms status -m "$name" -v "$ver" "${dk[@]}" 2>&1)
check "exactly neta_page_pool.ko and mvneta_xdp.ko (not the model)" \
	test "$(cd "$mods" 2>/dev/null && ls | sort | tr '\n' ' ')" = "mvneta_xdp.ko neta_page_pool.ko "
check "vermagic $kver" test "$(modinfo -F vermagic "$mods/mvneta_xdp.ko" 2>/dev/null | cut -d' ' -f1)" = "$kver"
check "mvneta_xdp depends on neta_page_pool" \
	grep -qw neta_page_pool <(modinfo -F depends "$mods/mvneta_xdp.ko" 2>/dev/null)
check "modules signed with the temporary key" \
	test "$(modinfo -F signer "$mods/neta_page_pool.ko" 2>/dev/null)" = "DKMS module signing key"
# Must fail: a kernel without headers.
if dkms build -m "$name" -v "$ver" -k 6.1.0-0-nonexistent "${dk[@]}" >"$tmp/neg.log" 2>&1; then
	not_ok "dkms build for a kernel without headers fails"
else
	ok "dkms build for a kernel without headers fails"
fi
[ "$failed" -eq 0 ]
