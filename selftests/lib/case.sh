# SPDX-License-Identifier: GPL-2.0-only
#
# What a guest test case sources (one line): KTAP output and the tidy-up
# at exit (ktap.sh), modules and kernel log (kernel.sh), pktgen (pktgen.sh),
# the XDP programs' stats maps (bpf.sh). The NETA cases source neta.sh,
# neta_xdp.sh, neta_fuzz.sh or xdp.sh instead, each of which sources this.

# sourced once, whatever sources it too
[ -z "${LIB_CASE_SH:-}" ] || return 0
LIB_CASE_SH=1
. "$SRC/selftests/lib/ktap.sh"
. "$SRC/selftests/lib/kernel.sh"
. "$SRC/selftests/lib/pktgen.sh"
. "$SRC/selftests/lib/bpf.sh"
