#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the test guest's initramfs: busybox-static, guest-init and the modules
# needed to reach the host root over virtio-9p.
#   mkinitramfs.sh GUEST_ROOT KVER OUT
set -euo pipefail
root=$1 kver=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
mods="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci
      virtio_mmio netfs fscache 9pnet 9pnet_virtio 9p overlay"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/modules" "$tmp/proc" "$tmp/sys" "$tmp/dev"
cp "$root/bin/busybox" "$tmp/bin/busybox"
cp "$here/guest-init" "$tmp/init"
chmod +x "$tmp/init"
: >"$tmp/modules.order"
for m in $mods; do
	f=$(find "$root/lib/modules/$kver/kernel" -name "$m.ko" -print -quit)
	# Built into this kernel (e.g. virtio_mmio on some configs): skip.
	[ -n "$f" ] || continue
	cp "$f" "$tmp/modules/"
	echo "$m" >>"$tmp/modules.order"
done
(cd "$tmp" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
