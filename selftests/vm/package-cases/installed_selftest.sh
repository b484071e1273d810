#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: the installed Debian packages as on a board: /usr/sbin/xdpctl selftest runs the cases the xdpctl package installed (/usr/lib/mvneta-xdp) on the modules DKMS built
# timeout: 900
# The modules: $PACKAGE_KMOD (the fresh-machine check's copy of
# /lib/modules/<release>/updates/dkms: a guest mounts the kernel's own
# /lib/modules). The cases: $PACKAGE_CASES (default 500_xdp_verdicts, which
# needs the package's BPF objects, tools and libraries besides the modules).
# Nothing of the source tree or the build dir: the runner's paths are
# dropped so that xdpctl falls back on the package's own.
unset SRC BUILD BPF TOOLS XDPCTL KMOD_TEST
export KMOD=${PACKAGE_KMOD:-/tmp/dkms-ko}
exec /usr/sbin/xdpctl selftest ${PACKAGE_CASES:-500_xdp_verdicts}
