#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the sanitizer lane's guest kernel: Linux 6.1 from Debian's
# linux-source-6.1, x86_64_defconfig + kvm_guest.config + guest.config +
# debug.config, everything the guest needs built in.
#
#   build.sh CACHE_DIR BUSYBOX
#
# Cached by (source version, fragments, this script): a second call with the
# same inputs returns at once. Prints the kernel's directory on stdout:
#   DIR/bzImage          the kernel QEMU boots (the PVH entry cannot be used:
#                        6.1 instruments its early C code with KASAN, which
#                        faults before the shadow exists)
#   DIR/obj              the build tree (KDIR for out-of-tree modules;
#                        obj/vmlinux for scripts/decode_stacktrace.sh)
#   DIR/root/lib/modules the guest's /lib/modules (modules.builtin for modprobe)
#   DIR/initramfs.gz     busybox + selftests/vm/guest-init (no modules)
#   DIR/kver             the release string, e.g. 6.1.158-neta-debug
set -euo pipefail
cache=$(readlink -f "$1") busybox=$(readlink -f "$2")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
jobs=$(nproc)
log() { echo "debug-kernel: $*" >&2; }

ver=$(apt-cache show --no-all-versions linux-source-6.1 2>/dev/null |
	sed -n 's/^Version: //p' | head -n1)
[ -n "$ver" ] || { log "linux-source-6.1 is not known to apt (apt-get update?)"; exit 1; }
# Bump when the way the kernel is built changes (not for comments).
recipe=2
key=$( (echo "$ver $recipe"; cat "$here/guest.config" "$here/debug.config") |
	sha256sum | cut -c1-12)
dir=$cache/debug-kernel/$key
if [ -s "$dir/kver" ] && [ -e "$dir/bzImage" ] && [ -e "$dir/initramfs.gz" ]; then
	echo "$dir"
	exit 0
fi

src=$cache/debug-kernel/src-$ver/linux-source-6.1
if [ ! -e "$src/Makefile" ]; then
	log "unpacking linux-source-6.1 $ver"
	rm -rf "$cache/debug-kernel/src-$ver"
	mkdir -p "$cache/debug-kernel/src-$ver"
	(cd "$cache/debug-kernel/src-$ver" &&
		apt-get download -qq "linux-source-6.1=$ver" 2>&1 |
		grep -v '^W: Download is performed unsandboxed' >&2 || true)
	deb=$(ls "$cache/debug-kernel/src-$ver"/linux-source-6.1_*.deb)
	dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/src/linux-source-6.1.tar.xz |
		tar -xJ -C "$cache/debug-kernel/src-$ver"
	rm -f "$deb"
fi

rm -rf "$dir"
mkdir -p "$dir/obj"
obj=$dir/obj
log "configuring in $obj"
make -s -C "$src" O="$obj" x86_64_defconfig >&2
"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" \
	"$src/kernel/configs/kvm_guest.config" "$here/guest.config" "$here/debug.config" >/dev/null
make -s -C "$src" O="$obj" olddefconfig >&2

# Every line of the fragments must have landed: a dependency that silently
# turned an option off would make the lane test less than it says.
bad=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) want=$line name=${line%%=*} ;;
	"# CONFIG_"*" is not set") name=${line#\# } name=${name%% *} want="" ;;
	*) continue ;;
	esac
	have=$(grep -E "^$name=|^# $name is not set" "$obj/.config" || true)
	case $have in "# $name is not set") have="" ;; esac
	if [ "$have" != "$want" ]; then
		log "config: wanted '${want:-# $name is not set}', got '${have:-not set}'"
		bad=1
	fi
done < <(cat "$here/guest.config" "$here/debug.config")
[ $bad -eq 0 ] || { log "config fragments did not apply"; exit 1; }

log "building vmlinux + modules with -j$jobs (about 15 min on 2 cores)"
t0=$(date +%s)
make -s -C "$src" O="$obj" -j"$jobs" bzImage modules >&2
make -s -C "$src" O="$obj" INSTALL_MOD_PATH="$dir/root" INSTALL_MOD_STRIP=1 \
	modules_install >&2
kver=$(cat "$obj/include/config/kernel.release")
log "built $kver in $(($(date +%s) - t0)) s"

cp "$obj/arch/x86/boot/bzImage" "$dir/bzImage"
mkdir -p "$dir/root/bin"
cp "$busybox" "$dir/root/bin/busybox"
"$top/selftests/vm/mkinitramfs.sh" "$dir/root" "$kver" "$dir/initramfs.gz"
echo $(($(date +%s) - t0)) >"$dir/build-seconds"
echo "$kver" >"$dir/kver"
# Kernels of other keys (older fragments) are 3 GB each: keep only this one.
for old in "$cache"/debug-kernel/*; do
	case ${old##*/} in
	"$key") ;;
	[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f])
		rm -rf "$old" ;;
	esac
done
echo "$dir"
