#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: rmmod mvneta_xdp while both ports carry traffic (pktgen TX on the host port, the model's generator into the remote port): clean unbind, every pool page back, 0 model violations, no warning
# timeout: 600
. "$SRC/selftests/lib/neta.sh"

P1=$NM/port1

ktap_plan 11
mark=$(dmesg_mark)
neta_up_checked

# endless generator into the remote port, pktgen out of the host port
echo 60 >$P1/gen_size
echo 0 >$P1/gen_count
echo 0 >$P1/gen_rate
echo 4 >$P1/gen_flows
echo 1 >$P1/gen_start
pg_send "$H" "$R_MAC" 1000000 60 198.18.0.2 198.18.0.1 4 >/dev/null 2>&1 &
pg=$!
sleep 3
r_rx=$(rstat64 "$R" rx_packets)
h_tx=$(stat64 "$H" tx_packets)
ktap_diag "before rmmod: remote rx $r_rx, host tx $h_tx"
assert_ge "traffic flows on both ports" 1 "$(( r_rx > 0 && h_tx > 0 ))"

check "rmmod mvneta_xdp under traffic" rmmod mvneta_xdp
wait $pg 2>/dev/null
check "netdevs gone" sh -c "! ls /sys/bus/platform/devices/neta-model.0/net 2>/dev/null | grep -q ."
echo 0 >$P1/gen_start
check "every pool page back" neta_pages_back_after_rmmod
assert_eq "0 model violations" 0 "$(neta_violations)"
check "driver loads again and rebinds" sh -c \
	"insmod $KMOD/mvneta_xdp.ko page_pool=$NETA_POOL $NETA_DRV_PARAMS && ls /sys/bus/platform/devices/neta-model.0/net | grep -q ."
rmmod mvneta_xdp
check "rmmod neta_model" neta_unload_rest
bad=$(dmesg_bad "$mark")
if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi
ktap_finish
