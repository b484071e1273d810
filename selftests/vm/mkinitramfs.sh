#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the test guest's initramfs: busybox-static, guest-init and the modules
# needed to reach the host root over virtio-9p.
#   mkinitramfs.sh GUEST_ROOT KVER OUT
# (GUEST_ROOT: the kernel's dpkg -x tree in the per-kernel cache dir,
# $CACHE/guest/<arch> for 6.1, $CACHE/guest/<arch>-6.12 for 6.12)
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
	f=$(find "$root/lib/modules/$kver/kernel" \( -name "$m.ko" -o -name "$m.ko.xz" \) -print -quit)
	# Built into this kernel (virtio_mmio on some configs; virtio and
	# virtio_pci on 6.12, whose fscache is part of netfs): skip.
	[ -n "$f" ] || continue
	case $f in
	# 6.12 compresses its modules: busybox insmod loads only plain ELF.
	*.xz) xz -dc "$f" >"$tmp/modules/$m.ko" ;;
	*) cp "$f" "$tmp/modules/" ;;
	esac
	echo "$m" >>"$tmp/modules.order"
done
(cd "$tmp" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
