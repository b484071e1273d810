#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: RX fragment mode (two buffers per half page, MTU <= 1448): the mode and buffer size the driver gives the device per MTU and rx_frag, pages held by the pools at the default and the largest ring (frag = half of full +- the pool's refill batch), PASS/DROP/TX on fragments with exact counters, an XDP program cannot grow a frame past its half page (control: it can on a whole page), MTU and ring changes across the frag/full boundary under traffic, the model's checker refuses a device write past the buffer size, 0 pages in flight, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/neta_xdp.sh"

N=${XDP_FRAMES:-4000}
FRAG_MTU=1400
PARAM=/sys/module/mvneta_xdp/parameters/rx_frag
# pages the pools take from the page allocator at a time (both pools: 64)
SLACK=64

# mode: "frag_size buf_size" of the host port's RX queues
mode() { echo "$(neta_ring_sum 0 rxq frag_size) $(neta_ring_sum 0 rxq buf_size)"; }
pool_pages() { neta_ring_sum 0 rxq pool_pages; }

# ring_pages RX: restart the host port's rings with RX descriptors (through
# RX + 16 first, so that the size changes), print the pages its pool holds
ring_pages() {
	ethtool -G "$H" rx $(($1 + 16)) >/dev/null 2>&1 || ethtool -G "$H" rx $(($1 - 16))
	ethtool -G "$H" rx "$1" || return 1
	pool_pages
}

# frag_vs_full RX: pages held with full pages forced (rx_frag=0) and in
# fragment mode, same MTU and ring; frag = full / 2 +- SLACK
frag_vs_full() {
	local full frag
	echo 0 >$PARAM
	full=$(ring_pages "$1")
	echo 1 >$PARAM
	frag=$(ring_pages "$1")
	ktap_diag "pages held by the host's pool, MTU $FRAG_MTU, RX ring $1: full $full, frag $frag"
	check "RX ring $1: frag pages = full / 2 +- $SLACK (full $full, frag $frag)" \
		in_range $((full / 2 - SLACK)) $((full / 2 + SLACK)) "$frag"
	assert_ge "RX ring $1: full pages hold a page per descriptor" "$1" "$full"
}

# in_range LO HI V: LO <= V <= HI
in_range() {
	[ "$3" -ge "$1" ] 2>/dev/null && [ "$3" -le "$2" ] && return 0
	echo "$3 not in [$1, $2]"
	return 1
}

# verdict NAME PROG ACTION RATE IDX: N frames of 60 bytes through PROG; the
# program returned ACTION for each and only XDP counter IDX moved, by N
verdict() {
	local before after want="" i hf0 hf
	check "$1: attach $2" xdp_attach "$H" "$2" xdp
	before=$(xdp_counts "$H")
	hf0=$(stat64 "$H" rx_fifo_errors)
	gen_run 60 "$N" "$4"
	after=$(xdp_counts "$H")
	hf=$(($(stat64 "$H" rx_fifo_errors) - hf0))
	for i in 0 1 2 3 4 5 6; do
		[ "$i" = "$5" ] && want="$want $((N - hf))" || want="$want 0"
	done
	assert_eq "$1: $XDP_NAMES" "${want# }" "$(xdp_delta "$before" "$after")"
	assert_eq "$1: the program returned $3 for every frame received" "$((N - hf))" \
		"$(xdp_action_packets "$H" "$3")"
	check "$1: detach" xdp_detach "$H"
}

ktap_plan 51
mark=$(dmesg_mark)
xdp_up

assert_eq "MTU 1500: whole pages, the device told 3520 bytes per buffer" "0 3520" "$(mode)"
check "MTU $FRAG_MTU while running" ip link set "$H" mtu $FRAG_MTU
$NS ip link set "$R" mtu $FRAG_MTU
assert_eq "MTU $FRAG_MTU: half pages, 1472 bytes per buffer" "2048 1472" "$(mode)"
check "MTU 1449 (a frame no longer fits half a page)" ip link set "$H" mtu 1449
assert_eq "MTU 1449: whole pages" "0 3520" "$(mode)"
check "MTU 1448 (the largest that fits)" ip link set "$H" mtu 1448
assert_eq "MTU 1448: half pages" "2048 1472" "$(mode)"
ip link set "$H" mtu $FRAG_MTU
echo 0 >$PARAM
ring_pages 512 >/dev/null
assert_eq "rx_frag=0 forces whole pages at MTU $FRAG_MTU" "0 3520" "$(mode)"
echo 1 >$PARAM

# memory: the default and the largest RX ring
frag_vs_full 128
frag_vs_full 512

# traffic on fragments (RX ring 512)
assert_eq "fragment mode before the traffic" "2048 1472" "$(mode)"
rx0=$(stat64 "$H" rx_packets)
gen_run 60 "$N" 0
assert_eq "no program: $N frames of 60 bytes to the stack" "$N" "$(($(stat64 "$H" rx_packets) - rx0))"
rx0=$(stat64 "$H" rx_packets)
gen_run 1400 "$N" 0
assert_eq "no program: $N frames of 1400 bytes (one buffer each)" "$N" "$(($(stat64 "$H" rx_packets) - rx0))"
verdict DROP xdp_drop 1 0 2
verdict PASS xdp_pass 2 0 1

# XDP_TX from fragments: the remote gets the frames mirrored (source: the
# host's MAC), whichever half of a page they were in
$NS tcpdump -i "$R" -w "$SCRATCH/tx.pcap" -U -n -s 64 -B 8192 ether src "$H_MAC" \
	2>"$SCRATCH/tcpdump.log" &
tcpd=$!
sleep 2
rr0=$(rstat64 "$R" rx_packets)
rf0=$(rstat64 "$R" rx_fifo_errors)
tx0=$(ethstat "$H" rx_xdp_tx)
verdict TX xdp_tx_mirror 3 10000 3
sleep 1
kill -INT $tcpd
wait $tcpd
rr=$(($(rstat64 "$R" rx_packets) - rr0))
assert_eq "TX: the remote's capture has every mirrored frame, from the host's MAC" \
	"$rr" "$($NS tcpdump -r "$SCRATCH/tx.pcap" -n 2>/dev/null | wc -l)"
# what the remote's ring had no room for is a device overrun there
assert_eq "TX: the remote received + overran every frame sent" \
	"$(($(ethstat "$H" rx_xdp_tx) - tx0))" "$((rr + $(rstat64 "$R" rx_fifo_errors) - rf0))"

# adjust_tail: +2048 must be refused on a half page, +1024 accepted
verdict "grow tail on fragments" xdp_frag_tail 1 0 2
ip link set "$H" mtu 1500
assert_eq "MTU 1500: whole pages again" "0 3520" "$(mode)"
verdict "grow tail on whole pages (control)" xdp_frag_tail 0 0 2

# MTU and ring changes across the boundary under traffic, frames to the
# stack (pages held by skbs while the pools are replaced)
check "attach xdp_pass for the reconfiguration" xdp_attach "$H" xdp_pass xdp
rx0=$(stat64 "$H" rx_packets)
echo 60 >$P0/gen_size
echo 40000 >$P0/gen_count
echo 10000 >$P0/gen_rate
echo 1 >$P0/gen_flows
echo 1 >$P0/gen_start
fails=0
for i in 1 2 3; do
	for step in "mtu $FRAG_MTU" "rx 256" "mtu 1500" "rx 512"; do
		read -r what val <<<"$step"
		if [ "$what" = mtu ]; then
			ip link set "$H" mtu "$val" || fails=$((fails + 1))
		else
			ethtool -G "$H" rx "$val" || fails=$((fails + 1))
		fi
		sleep 0.2
	done
done
ip link set "$H" mtu $FRAG_MTU || fails=$((fails + 1))
for i in $(seq 600); do
	[ "$(cat $P0/gen_start)" = 0 ] && break
	sleep 0.1
done
xdp_wait_quiet
assert_eq "every MTU and ring change accepted under traffic" 0 "$fails"
assert_ge "frames received across the changes" 10000 "$(($(stat64 "$H" rx_packets) - rx0))"
assert_eq "rx_errors 0 across the changes" 0 "$(stat64 "$H" rx_errors)"
assert_eq "fragment mode after the changes" "2048 1472" "$(mode)"
check "detach" xdp_detach "$H"
rx0=$(stat64 "$H" rx_packets)
gen_run 60 1000 0
assert_eq "1000 frames after the changes" 1000 "$(($(stat64 "$H" rx_packets) - rx0))"

# the model's checker: a device write past the buffer size the driver set
# (here into the buffer's skb_shared_info tailroom and the other half) is
# refused and counted; the frames themselves still arrive
rx0=$(stat64 "$H" rx_packets)
echo 1500 >$P0/rx_overrun
gen_run 60 100 0
echo 0 >$P0/rx_overrun
assert_eq "device writes 1500 bytes past 1472-byte buffers: 100 buf violations" \
	100 "$(cat $P0/viol_buf)"
assert_eq "the 100 frames arrived all the same" 100 "$(($(stat64 "$H" rx_packets) - rx0))"
echo 1 >$P0/violations
neta_finish
ktap_finish
