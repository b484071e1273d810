#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: ndo_xdp_xmit of mvneta_xdp called directly (kmod/xdp_xmit_test), with page_pool=kernel and own: unknown flags -EINVAL with nothing queued, -ENETDOWN on a port that is down, 16 valid frames and 4 multi-buffer frames (3 pieces, 2060 bytes) with XDP_XMIT_FLUSH queued and sent (tx_xdp_xmit 20, errors 0, exact tx_bytes), 0 model violations
# timeout: 300
. "$SRC/selftests/lib/neta_xdp.sh"

F=16
SG=4		# multi-buffer frames of xdp_xmit_test
SG_LEN=2060
ktap_plan 15
mark=$(dmesg_mark)
for pool in kernel own; do
	NETA_POOL=$pool
	neta_load || die "cannot load the NETA model and mvneta_xdp"
	quiet_port "$H"
	ip link set "$H" up
	neta_wait_h() {
		local i
		for i in $(seq 50); do
			[ "$(cat "/sys/class/net/$H/carrier")" = 1 ] && return 0
			sleep 0.1
		done
		return 1
	}
	check "$pool: port A up, port B down" neta_wait_h
	hb=$(xdp_counts "$H"); ht0=$(stat64 "$H" tx_packets); htb=$(stat64 "$H" tx_bytes)
	m=$(dmesg_mark)
	check "$pool: xdp_xmit_test ifname=$H ifname_down=$R frames=$F" \
		insmod "$KMOD/xdp_xmit_test.ko" ifname="$H" ifname_down="$R" frames=$F
	res=$(dmesg_since "$m" | grep -o 'xdp_xmit_test: .*')
	ktap_diag "$res"
	assert_eq "$pool: 5 checks ok (bad flags x2, down, valid, multi-buffer)" 5 "$(echo "$res" | grep -c ': ok ')"
	rmmod xdp_xmit_test
	sleep 1
	assert_eq "$pool: $XDP_NAMES" "0 0 0 0 0 $((F + SG)) 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
	assert_eq "$pool: port A tx_packets +$((F + SG)), tx_bytes +$F x 60 + $SG x $SG_LEN" \
		"$((F + SG)) $((F * 60 + SG * SG_LEN))" \
		"$(($(stat64 "$H" tx_packets) - ht0)) $(($(stat64 "$H" tx_bytes) - htb))"
	assert_eq "$pool: TX ring drained" 0 "$(neta_tx_inuse 0)"
	ip link set "$H" down
	rmmod mvneta_xdp
	assert_eq "$pool: 0 model violations" 0 "$(neta_violations)"
	neta_unload_rest
done
bad=$(dmesg_bad "$mark")
if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi
ktap_finish
