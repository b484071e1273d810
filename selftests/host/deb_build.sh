#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host test: debian/ builds the binary packages (dpkg-buildpackage -us -uc
# -b, unsigned) from a copy of the working tree in OUTDIR/src, lintian finds
# no error in them, and each package holds what it promises. The .deb files
# stay in OUTDIR (the fresh-machine check installs them in its root).
# Prints TAP; exit status 1 when a test failed.
#   selftests/host/deb_build.sh OUTDIR
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
# has DEB PATH: the package DEB holds PATH (a file or a directory)
has() { local l; l=$(dpkg-deb -c "$1" | awk '{ print $6 }') && grep -qx "\./$2/\?" <<<"$l"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

echo "TAP version 13"
echo "1..12"
ver=$(dpkg-parsechangelog -l "$top/debian/changelog" -SVersion)
arch=$(dpkg --print-architecture)
rm -rf "$out/src" "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes
mkdir -p "$out/src"
# the tracked and new files of the working tree, not its build dirs
(cd "$top" && git ls-files -z -co --exclude-standard | xargs -0 cp --parents -t "$out/src")
t0=$(date +%s)
# no -dbgsym package (nothing ships it) and every core: the stage stays cheap
if (cd "$out/src" && DEB_BUILD_OPTIONS="noddebs parallel=$(nproc)" \
	dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b: $(cd "$out" && ls ./*.deb | wc -l) packages in $(($(date +%s) - t0)) s"
else
	tail -n 30 "$out/build.log" | sed 's/^/# /'
	not_ok "dpkg-buildpackage -us -uc -b (log: $out/build.log)"
fi
x=$out/xdpctl_${ver}_$arch.deb
d=$out/mvneta-xdp-dkms_${ver}_all.deb
m=$out/neta-model-dkms_${ver}_all.deb
t0=$(date +%s)
lint=$(lintian --no-tag-display-limit "$x" "$d" "$m" 2>&1)
errs=$(grep -c '^E: ' <<<"$lint")
if [ -e "$x" ] && [ -e "$d" ] && [ -e "$m" ] && [ "$errs" = 0 ]; then
	ok "lintian: no error ($(grep -c '^W: ' <<<"$lint") warnings, $(($(date +%s) - t0)) s)"
else
	grep -E '^[EW]: ' <<<"$lint" | head -n 20 | sed 's/^/# /'
	not_ok "lintian: $errs errors"
fi
grep '^W: ' <<<"$lint" | sed 's/^/# /'
check "xdpctl: /usr/sbin/xdpctl" has "$x" usr/sbin/xdpctl
check "xdpctl: man page xdpctl.8" has "$x" usr/share/man/man8/xdpctl.8.gz
check "xdpctl: bash completion" has "$x" usr/share/bash-completion/completions/xdpctl
check "xdpctl: BPF objects in /usr/lib/mvneta-xdp/bpf" has "$x" usr/lib/mvneta-xdp/bpf/xdp_drop.bpf.o
check "xdpctl: selftests (cases, libraries, tools)" \
	eval 'has "$x" usr/lib/mvneta-xdp/selftests/cases/200_xdpctl_attach.sh &&
		has "$x" usr/lib/mvneta-xdp/selftests/cases/variants.tsv &&
		has "$x" usr/lib/mvneta-xdp/selftests/lib/ktap.sh &&
		has "$x" usr/lib/mvneta-xdp/tools/xdp_replace'
# xdpctl selftest looks there without SRC/BUILD, not in this build tree
# (the directory is absent on this machine: its error names it)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$x" "$tmp/x" 2>/dev/null
check "xdpctl selftest defaults to /usr/lib/mvneta-xdp/selftests/cases" \
	grep -q ' /usr/lib/mvneta-xdp/selftests/cases: ' \
	<(env -u SRC -u BUILD "$tmp/x/usr/sbin/xdpctl" selftest --list 2>&1)
check "mvneta-xdp-dkms: the driver and page_pool sources, dkms.conf" \
	eval 'has "$d" usr/src/mvneta-xdp-$ver/dkms.conf &&
		has "$d" usr/src/mvneta-xdp-$ver/mvneta_xdp/main.c &&
		has "$d" usr/src/mvneta-xdp-$ver/page_pool/neta_pp_core.c'
check "mvneta-xdp-dkms: no model in it (that is neta-model-dkms)" \
	eval '! has "$d" usr/src/mvneta-xdp-$ver/neta_model'
check "neta-model-dkms: the model's sources and dkms.conf" \
	eval 'has "$m" usr/src/neta-model-$ver/dkms.conf && has "$m" usr/src/neta-model-$ver/neta_model/main.c'
check "both DKMS packages depend on dkms" \
	eval 'dpkg-deb -f "$d" Depends | grep -qw dkms && dpkg-deb -f "$m" Depends | grep -qw dkms'
[ "$failed" -eq 0 ]
