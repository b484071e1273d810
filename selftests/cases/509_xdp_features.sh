#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdp_features of mvneta_xdp as the netdev genetlink family reports them (dev-get, Linux 6.3+): exactly basic, redirect, ndo-xmit, rx-sg, ndo-xmit-sg on both ports, with and without a program (skipped on 6.1, which has no xdp_features)
# timeout: 120
. "$SRC/selftests/lib/ktap.sh"
. "$SRC/selftests/lib/kernel.sh"
. "$SRC/selftests/cases/4xx_neta_common.inc"
. "$SRC/selftests/cases/5xx_xdp_common.inc"

# NETDEV_XDP_ACT_BASIC | REDIRECT | NDO_XMIT | RX_SG | NDO_XMIT_SG: no
# AF_XDP zero-copy, no offload
WANT="xdp-features 0x67 basic redirect ndo-xmit rx-sg ndo-xmit-sg"
TOOL=$SRC/selftests/tools/netdev_features.py

ktap_plan 7
mark=$(dmesg_mark)
xdp_up
# The netdev family is what ynl and the kernel's selftests read; neither
# iproute2 6.1 (ip -d link) nor bpftool show xdp_features.
out=$(python3 "$TOOL" "$H")
rc=$?
if [ $rc = 4 ]; then
	why="Linux $(uname -r) has no netdev genetlink family (xdp_features are 6.3+): $out"
	ktap_skip "port A: $WANT" "$why"
	ktap_skip "port B: $WANT" "$why"
	ktap_skip "port A with xdp_drop attached: the same" "$why"
else
	assert_eq "port A: $WANT" "$WANT" "$out"
	assert_eq "port B: $WANT" "$WANT" "$($NS python3 "$TOOL" "$R" 2>&1)"
	if xdp_attach "$H" xdp_drop xdp; then
		assert_eq "port A with xdp_drop attached: the same" "$WANT" "$(python3 "$TOOL" "$H" 2>&1)"
		xdp_detach "$H"
	else
		ktap_fail "port A with xdp_drop attached: the same" "cannot attach xdp_drop"
	fi
fi
neta_finish
ktap_finish
