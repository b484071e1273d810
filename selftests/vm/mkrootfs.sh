#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Unpack a Debian 12 arm64 userland for the arm64 test guest: the packages of
# rootfs-packages.txt and everything they depend on, downloaded with apt-get
# (arm64 must be a foreign architecture) and unpacked with dpkg -x: no
# maintainer scripts run, no qemu-user needed.
#   mkrootfs.sh DEBARCH OUT
set -euo pipefail
arch=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
mapfile -t want < <(sed 's/#.*//' "$here/rootfs-packages.txt" | tr ' ' '\n' | grep -v '^$')

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
	--no-replaces --no-enhances "${want[@]/%/:$arch}" 2>/dev/null |
	grep -v '^[ <]' | sed "s/:$arch\$//" | sort -u >"$tmp/names"
: >"$tmp/dl"
while read -r p; do
	case $p in usrmerge | usr-is-merged) continue ;; esac
	a=$(apt-cache show --no-all-versions "$p:$arch" 2>/dev/null |
		awk '/^Architecture:/ { print $2; exit }' || true)
	if [ "$a" = "$arch" ]; then echo "$p:$arch"; else echo "$p"; fi >>"$tmp/dl"
done <"$tmp/names"
mkdir -p "$tmp/deb"
# shellcheck disable=SC2046
(cd "$tmp/deb" && apt-get download -qq $(cat "$tmp/dl") 2>&1 | grep -v 'unsandboxed' || true)
rm -rf "$out.new"
mkdir -p "$out.new"
for d in "$tmp"/deb/*.deb; do dpkg -x "$d" "$out.new"; done
# Mount points and the files a shell and iproute2 expect.
mkdir -p "$out.new"/{proc,sys,dev,tmp,run,root,vmout,host,lib/modules,sys/fs/bpf}
echo "root:x:0:0:root:/root:/bin/bash" >"$out.new/etc/passwd"
echo "root:x:0:" >"$out.new/etc/group"
rm -rf "$out"
mv "$out.new" "$out"
echo "$(ls "$tmp"/deb/*.deb | wc -l) packages unpacked into $out"
