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
# One apt-cache call for all: arch-specific packages are fetched as
# name:arm64, Architecture: all ones by their plain name.
grep -v -x -e usrmerge -e usr-is-merged "$tmp/names" | sed "s/\$/:$arch/" |
	xargs apt-cache show --no-all-versions 2>/dev/null |
	awk -v a="$arch" '/^Package:/ { p = $2 } /^Architecture:/ { print ($2 == a) ? p ":" a : p }' |
	sort -u >"$tmp/dl" || true
[ -s "$tmp/dl" ] || { echo "mkrootfs: cannot resolve the $arch packages (apt-get update?)" >&2; exit 1; }
mkdir -p "$tmp/deb"
# shellcheck disable=SC2046
(cd "$tmp/deb" && apt-get download -qq $(cat "$tmp/dl") 2>&1 | grep -v 'unsandboxed' || true)
rm -rf "$out.new"
mkdir -p "$out.new"
n=0
for d in "$tmp"/deb/*.deb; do
	dpkg -x "$d" "$out.new"
	n=$((n + 1))
done
[ "$n" -eq "$(wc -l <"$tmp/dl")" ] ||
	{ echo "mkrootfs: downloaded $n of $(wc -l <"$tmp/dl") packages" >&2; exit 1; }
# What maintainer scripts would have done: the alternatives and /bin/sh.
ln -sf dash "$out.new/bin/sh"
ln -sf gawk "$out.new/usr/bin/awk"
[ -e "$out.new/usr/bin/python3" ] || ln -sf "$(cd "$out.new/usr/bin" && ls python3.* | head -n1)" "$out.new/usr/bin/python3"
# Mount points and the files a shell and iproute2 expect.
mkdir -p "$out.new"/{proc,sys,dev,tmp,run,root,vmout,host,lib/modules,sys/fs/bpf}
# tcpdump drops root for its own user (its postinst creates it).
printf '%s\n' "root:x:0:0:root:/root:/bin/bash" \
	"tcpdump:x:100:100::/nonexistent:/usr/sbin/nologin" >"$out.new/etc/passwd"
printf '%s\n' "root:x:0:" "tcpdump:x:100:" >"$out.new/etc/group"
rm -rf "$out"
mv "$out.new" "$out"
echo "$n packages unpacked into $out"
