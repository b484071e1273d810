#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdp_features of mvneta_xdp as the netdev genetlink family reports them (dev-get, Linux 6.3+): exactly basic, redirect, ndo-xmit, rx-sg, ndo-xmit-sg on both ports, with and without a program (skipped on 6.1, which has no xdp_features); and the behaviour behind the bits on every kernel: XDP_DROP counted, AF_XDP zero-copy and offload (not advertised) refused
# timeout: 120
. "$SRC/selftests/lib/neta_xdp.sh"

TOOLS=${TOOLS:-$BUILD/userspace/tools}

# NETDEV_XDP_ACT_BASIC | REDIRECT | NDO_XMIT | RX_SG | NDO_XMIT_SG: no
# AF_XDP zero-copy, no offload
WANT="xdp-features 0x67 basic redirect ndo-xmit rx-sg ndo-xmit-sg"
TOOL=$SRC/selftests/tools/netdev_features.py

ktap_plan 11
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

# The behaviour behind the bits, as upstream's xdp_features selftest checks
# it: what is not advertised is refused, what is advertised works. Each
# advertised action is exercised in depth elsewhere (basic 500, redirect and
# ndo-xmit 502 and 508, rx-sg 504, ndo-xmit-sg 508); here basic once.
if xdp_attach "$H" xdp_drop xdp; then
	before=$(ethstat "$H" rx_xdp_drop)
	gen_run 60 100
	assert_eq "basic: 100 frames dropped and counted by rx_xdp_drop" 100 \
		"$(($(ethstat "$H" rx_xdp_drop) - before))"
	xdp_detach "$H"
else
	ktap_fail "basic: 100 frames dropped and counted by rx_xdp_drop" "cannot attach xdp_drop"
fi
# xsk-zerocopy is not advertised: a zero-copy AF_XDP bind is refused
if xdp_attach "$H" xdp_redirect_xsk xdp; then
	check "xsk-zerocopy not advertised: zero-copy AF_XDP bind refused (EOPNOTSUPP)" \
		refused "zero-copy mode): Operation not supported" "$TOOLS/xsk_count" "$H" 0 100 zerocopy
	xdp_detach "$H"
else
	ktap_fail "xsk-zerocopy not advertised: zero-copy AF_XDP bind refused (EOPNOTSUPP)" \
		"cannot attach xdp_redirect_xsk"
fi
# hw-offload is not advertised: an offloaded program is refused, nothing
# stays attached. The core refuses it (with the object's first map) before
# the driver is asked, as the port registers no BPF offload device: this
# holds the claim, it exercises no driver path.
out=$(ip link set dev "$H" xdpoffload obj "$BPF/xdp_drop.bpf.o" sec xdp 2>&1)
rc=$?
ktap_diag "xdpoffload: $out"
check "hw-offload not advertised: xdpoffload attach refused" test $rc != 0
check "hw-offload: no program attached afterwards" \
	test -z "$(ip -d link show dev "$H" | grep -E 'prog/xdp|xdpoffload')"
neta_finish
ktap_finish
