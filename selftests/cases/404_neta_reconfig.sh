#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: mvneta_xdp ring resize (ethtool -G, port restart) and MTU change under traffic on both ports: every frame accounted (sent = received + dropped + overrun), no error, no page leak, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/neta.sh"

N=${NETA_FRAMES:-30000}

# remote frames the device delivered or could not: rx + dropped + errors + fifo
r_seen() {
	echo $(($(rstat64 "$R" rx_packets) + $(rstat64 "$R" rx_dropped) +
		$(rstat64 "$R" rx_errors) + $(rstat64 "$R" rx_fifo_errors)))
}

# udp_blast SECONDS: a socket sender from the host port, as fast as it goes
udp_blast() {
	python3 - "$1" <<'EOF'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end = time.time() + float(sys.argv[1])
while time.time() < end:
    try:
        s.sendto(b"x" * 18, ("198.18.0.2", 9))
    except OSError:
        time.sleep(0.001)
EOF
}

ktap_plan 25
mark=$(dmesg_mark)
neta_up_checked

# Phase A: pktgen host -> remote while the remote's RX ring is resized
# (port restart) and both MTUs change (no restart).
# Phase A: pktgen host -> remote while the remote's RX ring is resized and
# both MTUs go 9000 and back. A resize restarts the remote's rings; an MTU
# change restarts a port's rings when its RX buffers change between half
# pages (fragment mode, MTU 1500 without a program) and whole pages (9000):
# the carrier drops, which ends pktgen early, and frames on the host's TX
# ring are dropped and counted. What the host's device sent is accounted.
h_tx0=$(stat64 "$H" tx_packets)
h_mib0=$(ethstat "$H" good_frames_sent)
r0=$(r_seen)
rx0=$(rstat64 "$R" rx_packets)
pg_send "$H" "$R_MAC" "$N" 60 198.18.0.2 198.18.0.1 4 &
pg=$!
fails=0
for _ in 1 2 3; do
	for size in 64 512 128; do
		$NS ethtool -G "$R" rx $size || fails=$((fails + 1))
		sleep 0.2
	done
	for mtu in 9000 1500; do
		ip link set "$H" mtu $mtu || fails=$((fails + 1))
		$NS ip link set "$R" mtu $mtu || fails=$((fails + 1))
		sleep 0.2
	done
done
wait $pg
neta_wait_carrier
neta_wait_quiet
assert_eq "phase A: every resize and MTU change accepted" 0 "$fails"
sent=$(($(ethstat "$H" good_frames_sent) - h_mib0))
ktap_diag "phase A host: pktgen asked $N, the device sent $sent, tx_dropped $(stat64 "$H" tx_dropped)"
assert_eq "phase A: host tx_packets = frames the device sent, at least 1000" "$sent 1" \
	"$(($(stat64 "$H" tx_packets) - h_tx0)) $((sent >= 1000))"
ktap_diag "phase A remote: rx $(rstat64 "$R" rx_packets) dropped $(rstat64 "$R" rx_dropped) fifo $(rstat64 "$R" rx_fifo_errors)"
assert_eq "phase A: remote received + dropped + overrun = sent" "$sent" "$(($(r_seen) - r0))"
# the sum above holds as well when nothing was received
assert_ge "phase A: the remote received at least half of the frames sent" $((sent / 2)) \
	"$(($(rstat64 "$R" rx_packets) - rx0))"
assert_eq "phase A: remote rx_errors = 0" 0 "$(rstat64 "$R" rx_errors)"
assert_eq "remote ring size reported" 128 "$($NS ethtool -g "$R" | awk '/^RX:/ { v = $2 } END { print v }')"

# Phase B: socket traffic host -> remote while the host's TX ring is
# resized (port restart: pending frames are dropped and counted).
h_tx0=$(stat64 "$H" tx_packets)
h_mib0=$(ethstat "$H" good_frames_sent)
r0=$(r_seen)
rx0=$(rstat64 "$R" rx_packets)
udp_blast 6 &
blast=$!
fails=0
for size in 64 512 256 64 1024 256; do
	sleep 0.5
	ethtool -G "$H" tx $size || fails=$((fails + 1))
done
wait $blast
neta_wait_carrier
neta_wait_quiet
sent=$(($(ethstat "$H" good_frames_sent) - h_mib0))
ktap_diag "phase B host: sent $sent, tx_dropped $(stat64 "$H" tx_dropped)"
assert_eq "phase B: every resize accepted" 0 "$fails"
assert_ge "phase B: traffic flowed" 1000 "$sent"
assert_eq "phase B: host tx_packets = frames the device sent" "$sent" \
	"$(($(stat64 "$H" tx_packets) - h_tx0))"
assert_eq "phase B: remote received + dropped + overrun = sent" "$sent" "$(($(r_seen) - r0))"
assert_ge "phase B: the remote received at least half of the frames sent" $((sent / 2)) \
	"$(($(rstat64 "$R" rx_packets) - rx0))"
# refused by the driver's check, with its message (not any error)
check "ring below the minimum refused (extack)" \
	refused "TX ring needs at least 64 descriptors" ethtool -G "$H" tx 8

check "ping after the reconfigurations" nping -c 1 -W 2 -I "$H" 198.18.0.2
check "MTU above 9676 refused (extack)" \
	refused "mtu greater than device maximum" ip link set "$H" mtu 9677
check "MTU 9676 accepted" ip link set "$H" mtu 9676

# MAC address change while up: the MAC registers follow, traffic too
check "set the host MAC while up" ip link set "$H" address 02:11:22:33:44:55
echo 0x2418 >$NM/port0/reg_addr
hi=$(cat $NM/port0/reg_val)
echo 0x2414 >$NM/port0/reg_addr
lo=$(cat $NM/port0/reg_val)
assert_eq "MAC registers hold the new address" "0x02112233 0x00004455" "$hi $lo"
# a new address flushes the port's neighbours, permanent ones too (arp off)
ip neigh replace 198.18.0.2 lladdr "$R_MAC" dev "$H" nud permanent
$NS ip neigh replace 198.18.0.1 lladdr 02:11:22:33:44:55 dev "$R" nud permanent
check "ping with the new MAC" nping -c 1 -W 2 -I "$H" 198.18.0.2
neta_finish
ktap_finish
