#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: the main job: NETA ports on the model, xdp_drop attached with xdpctl, traffic, xdpctl stats
# timeout: 240
. "$SRC/selftests/lib/ktap.sh"
. "$SRC/selftests/lib/kernel.sh"
. "$SRC/selftests/lib/pktgen.sh"
. "$SRC/selftests/cases/4xx_neta_common.inc"
set -e
run() {
	echo "+ $*"
	"$@"
}
N=${DEMO_FRAMES:-100000}
echo "guest kernel: $(uname -r) ($(uname -m))"
NETA_POOL=own
echo "+ insmod neta_model.ko neta_page_pool.ko mvneta_xdp.ko page_pool=own"
neta_load
neta_pair_up
neta_wait_carrier
echo "host port $H ($H_MAC) <-> remote port $R ($R_MAC, netns remote)"
run ethtool -i "$H"
run "$XDPCTL" load "$H" "$BPF/xdp_drop.bpf.o" --section xdp
run "$XDPCTL" show "$H"
echo "+ pktgen in netns remote: $N UDP frames of 64 B, $R -> $H"
$NS bash -c ". $SRC/selftests/lib/pktgen.sh; pg_send $R $H_MAC $N 60 198.18.0.1 198.18.0.2"
prev=
until [ "$prev" = "$(cat "/sys/class/net/$H/statistics/rx_packets")" ]; do
	prev=$(cat "/sys/class/net/$H/statistics/rx_packets")
	sleep 0.5
done
run "$XDPCTL" stats "$H" --all
echo "+ ethtool -S $H | grep -E 'xdp|rx_packets'"
ethtool -S "$H" | grep -E 'xdp|good_frames_received|rx_overrun'
echo "netdev rx_packets: $(cat /sys/class/net/"$H"/statistics/rx_packets)" \
	"(every frame received, dropped ones included; frames the ring had no room" \
	"for are the device's rx_overrun)"
run "$XDPCTL" unload "$H"
neta_pair_down
echo "model checker violations: $(neta_violations)"
echo "every page back in its pool: $(neta_pages_back >/dev/null && echo yes || echo NO)"
