#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: mvneta_xdp on the NETA model: ping, then 100,000 pktgen UDP frames port 0 -> port 1 (netns remote), every counter equal to what was sent, 0 pages in flight at teardown, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/neta.sh"

N=${NETA_FRAMES:-100000}

ktap_plan 34
mark=$(dmesg_mark)
neta_tracing_on

neta_load
ethtool -G "$H" rx 512 tx 512
ethtool -G "$R" rx 512 tx 512
check "mvneta_xdp (page_pool=$NETA_POOL) bound to both model ports" test -n "$H" -a -n "$R"
check "debugfs ring state of both ports" test -f $DRVFS/neta-model.0/rings -a -f $DRVFS/neta-model.1/rings
check "host port up, remote port up in netns remote" neta_pair_up
check "link up on both ports" neta_wait_carrier

check "ping remote (3 replies)" nping -c 3 -W 2 -I "$H" 198.18.0.2
h_tx0=$(stat64 "$H" tx_packets)
r_rx0=$(rstat64 "$R" rx_packets)
assert_eq "ping: 3 requests and 3 replies each way" "3 3" "$h_tx0 $r_rx0"

# NETA_RX_CSUM=off: the stack verifies every UDP checksum itself, so a
# frame the CPU sees stale (missing DMA sync) is counted as a csum error
[ "${NETA_RX_CSUM:-on}" = off ] && $NS ethtool -K "$R" rx off
noports0=$(rsnmp Udp NoPorts)
csumerr0=$(rsnmp Udp InCsumErrors)
neta_snapshot
pg_send "$H" "$R_MAC" "$N" 60 198.18.0.2 198.18.0.1 8
neta_wait_quiet

assert_eq "host tx_packets = $N" "$N" "$(($(stat64 "$H" tx_packets) - h_tx0))"
assert_eq "host tx_bytes = $N x 60" "$((N * 60))" "$(($(stat64 "$H" tx_bytes) - S_H_TX_BYTES))"
assert_eq "host tx_dropped = 0" 0 "$(stat64 "$H" tx_dropped)"
assert_eq "host MIB good_frames_sent = $N" "$N" "$(($(ethstat "$H" good_frames_sent) - S_H_MIB_TX))"
# The sender outruns the receiver under TCG: frames the remote's RX ring had
# no room for are overruns (rx_fifo_errors, MIB rx_overrun), never lost.
rx=$(($(rstat64 "$R" rx_packets) - r_rx0))
fifo=$(rstat64 "$R" rx_fifo_errors)
ktap_diag "remote received $rx, device overruns $fifo"
assert_eq "remote rx_packets + rx_fifo_errors = $N" "$N" "$((rx + fifo))"
assert_ge "remote received most frames (> 50%)" $((N / 2)) "$rx"
assert_eq "remote rx_bytes = rx_packets x 60" "$((rx * 60))" "$(($(rstat64 "$R" rx_bytes) - S_R_RX_BYTES))"
assert_eq "remote rx_errors rx_dropped = 0 0" "0 0" \
	"$(rstat64 "$R" rx_errors) $(rstat64 "$R" rx_dropped)"
assert_eq "remote MIB good_frames_received = rx_packets" "$rx" \
	"$(($(rethstat "$R" good_frames_received) - S_R_MIB_RX))"
assert_eq "remote per-queue rx packets sum = rx_packets" "$rx" \
	"$(($(rethsum "$R" 'rxq[0-9]*_packets') - S_R_Q_RX))"
assert_eq "host per-queue tx packets sum = $N" "$N" \
	"$(($(ethsum "$H" 'txq[0-9]*_packets') - S_H_Q_TX))"
assert_eq "remote UDP: rx_packets datagrams, good checksums (rx csum ${NETA_RX_CSUM:-on})" "$rx 0" \
	"$(($(rsnmp Udp NoPorts) - noports0)) $(($(rsnmp Udp InCsumErrors) - csumerr0))"
assert_eq "remote skb_alloc_errors refill_errors = 0 0" "0 0" \
	"$(rethstat "$R" skb_alloc_errors) $(rethstat "$R" refill_errors)"
assert_eq "host rings drained (every TX descriptor completed)" 0 "$(neta_tx_inuse 0)"
assert_eq "remote RX rings full of buffers" "$(neta_rx_ring_size 1)" "$(neta_rx_on_ring 1)"
# NETA_EXPECT_BOUNCE=1 (401, swiotlb=force): the exact counts above prove
# the DMA syncs only if the buffers really went through bounce slots; the
# rings are mapped now, so swiotlb has slots in use (none without it)
used=$(cat /sys/kernel/debug/swiotlb/io_tlb_used 2>/dev/null || echo 0)
bounced=no
[ "$used" -gt 0 ] && bounced=yes
want=no
[ "${NETA_EXPECT_BOUNCE:-0}" = 1 ] && want=yes
assert_eq "DMA buffers bounced through swiotlb: $want (io_tlb_used $used)" "$want" "$bounced"

check "ping remote after the run" nping -c 1 -W 2 -I "$H" 198.18.0.2
assert_eq "0 model violations after traffic" 0 "$(neta_violations)"

check "ethtool -i names the driver" sh -c "ethtool -i $H | grep -q 'driver: mvneta_xdp'"
check "ethtool link: 1000Mb/s full duplex" sh -c \
	"ethtool $H | grep -q 'Speed: 1000Mb/s' && ethtool $H | grep -q 'Duplex: Full'"
check "ethtool -S: upstream MIB and software names, per-queue counters" \
	ethtool_has good_octets_received bad_crc_event rx_overrun good_frames_sent \
	skb_alloc_errors refill_errors rxq0_packets txq0_packets
# our pool keeps statistics; the kernel's only with CONFIG_PAGE_POOL_STATS
pp=no
[ "$NETA_POOL" = own ] && pp=yes
grep -qw page_pool_get_stats /proc/kallsyms && pp=yes
assert_eq "ethtool -S: rx_pp_* counters iff the pool keeps statistics" "$pp" \
	"$(ethtool_has rx_pp_alloc_fast >/dev/null && echo yes || echo no)"

check "ports down (full teardown)" neta_pair_down
check "0 pages in flight after teardown" neta_pages_back
check "rmmod mvneta_xdp" kmod_rmmod mvneta_xdp
assert_eq "0 model violations after teardown" 0 "$(neta_violations)"
check "rmmod neta_model" neta_unload_rest
bad=$(dmesg_bad "$mark")
if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi
ktap_finish
