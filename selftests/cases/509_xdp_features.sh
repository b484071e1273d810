#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdp_features of mvneta_xdp as the netdev genetlink family reports them (dev-get, Linux 6.3+): exactly basic, redirect, ndo-xmit, xsk-zerocopy, rx-sg, ndo-xmit-sg on both ports, with and without a program (skipped on 6.1, which has no xdp_features); and the behaviour behind the bits on every kernel: XDP_DROP counted, a zero-copy AF_XDP socket receives its frames, offload (not advertised) refused
# timeout: 120
. "$SRC/selftests/lib/neta_xdp.sh"

TOOLS=${TOOLS:-$BUILD/userspace/tools}

# NETDEV_XDP_ACT_BASIC | REDIRECT | NDO_XMIT | XSK_ZEROCOPY | RX_SG |
# NDO_XMIT_SG: no offload
WANT="xdp-features 0x6f basic redirect ndo-xmit xsk-zerocopy rx-sg ndo-xmit-sg"
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
	ktap_skip_all "$why" "port A: $WANT" "port B: $WANT" \
		"port A with xdp_drop attached: the same"
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
# ndo-xmit 502 and 508, rx-sg 504, ndo-xmit-sg 508, xsk-zerocopy 606); here
# basic and xsk-zerocopy once.
if xdp_attach "$H" xdp_drop xdp; then
	before=$(ethstat "$H" rx_xdp_drop)
	gen_run 60 100
	assert_eq "basic: 100 frames dropped and counted by rx_xdp_drop" 100 \
		"$(($(ethstat "$H" rx_xdp_drop) - before))"
	xdp_detach "$H"
else
	ktap_fail "basic: 100 frames dropped and counted by rx_xdp_drop" "cannot attach xdp_drop"
fi
# xsk-zerocopy: a socket bound in zero-copy mode receives what is redirected
if xdp_attach "$H" xdp_redirect_xsk xdp; then
	bg_ready "$SCRATCH/xsk_count.out" 100 "$TOOLS/xsk_count" "$H" 0 100 zerocopy
	xsk_pid=$BG_PID
	# the bind restarted the rings: the link comes back first
	neta_wait_carrier
	gen_run 60 100
	wait "$xsk_pid"
	check "xsk-zerocopy: a zero-copy AF_XDP socket bound, received the 100 frames" \
		grep -q "received 100 " "$SCRATCH/xsk_count.out" ||
		ktap_diag "$(cat "$SCRATCH/xsk_count.out")"
	xdp_detach "$H"
else
	ktap_fail "xsk-zerocopy: a zero-copy AF_XDP socket bound, received the 100 frames" \
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
