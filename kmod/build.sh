#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the kernel modules out of tree with Kbuild, in a copy of kmod/ so the
# source tree stays clean and x86_64/arm64 builds do not collide.
#   kmod/build.sh SRC_KMOD OUT_DIR KDIR ARCH(x86_64|arm64) STAMP
set -euo pipefail
src=$1 out=$2 kdir=$3 arch=$4 stamp=$5

[ -d "$kdir" ] || { echo "kmod/build.sh: kernel build dir $kdir not found (run ./lab deps)" >&2; exit 1; }
mkdir -p "$out"
# Copy sources only; keep objects from the previous build so make is incremental.
(cd "$src" && find . -type f \( -name '*.c' -o -name '*.h' -o -name 'Kbuild' -o -name 'Makefile' \) -print0) |
	(cd "$src" && xargs -0 cp --parents -u -t "$out")
# Drop copies whose source was deleted.
(cd "$out" && find . -type f \( -name '*.c' -o -name '*.h' -o -name 'Kbuild' \) -print) | while read -r f; do
	[ -e "$src/$f" ] || rm -f "$out/$f"
done

args=(-C "$kdir" M="$out" W=1 -j"$(nproc)")
if [ "$arch" = arm64 ]; then
	args+=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
fi
log=$out/build.log
if ! make "${args[@]}" modules >"$log" 2>&1; then
	cat "$log" >&2
	exit 1
fi
# W=1 must be warning-free: fail the build on any compiler warning.
if grep -E 'warning:' "$log" >&2; then
	echo "kmod/build.sh: warnings in the $arch module build (see above)" >&2
	exit 1
fi
# Flat directory of the modules for the guest.
mkdir -p "$out/ko"
find "$out" -path "$out/ko" -prune -o -name '*.ko' -print | while read -r ko; do
	cp -u "$ko" "$out/ko/"
done
touch "$stamp"
