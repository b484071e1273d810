#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: RX fragment mode (two buffers per half page), the pools' DMA sync range (default and sync_whole=1): at the default MTU 1500 without a program (NET_SKB_PAD headroom), whole pages once a program is attached (XDP headroom) and half pages again after the detach, also when the attach or detach fails; the mode, headroom and buffer size the driver gives the device per MTU, program and rx_frag, pages held by the pools at the default and the largest ring (frag = half of full +- the pool's refill batch), PASS/DROP/TX on fragments with exact counters, an XDP program cannot grow a frame past its half page (control: it can on a whole page), MTU and ring changes across the frag/full boundary under traffic, the model's checker refuses a device write past the buffer size, 0 pages in flight, 0 model violations
# timeout: 900
. "$SRC/selftests/lib/neta_xdp.sh"

N=${XDP_FRAMES:-4000}
# the largest MTU in fragment mode with a program (256 B XDP headroom)
FRAG_MTU=1400
PARAM=/sys/module/mvneta_xdp/parameters/rx_frag
# pages the pools take from the page allocator at a time (both pools: 64)
SLACK=64

# mode: the host port's RX ring layout (one RX queue)
mode() {
	local k out=""
	for k in frag_size headroom buf_size dma_bidir; do
		out="$out $k=$(neta_ring_sum 0 rxq $k)"
	done
	echo "${out# }"
}
# the layouts with 4 KiB pages: 2048 - 64 - 320 (skb_shared_info) = 1664,
# 2048 - 256 - 320 = 1472, 4096 - 64 - 320 = 3712, 4096 - 256 - 320 = 3520
HALF_SKB="frag_size=2048 headroom=64 buf_size=1664 dma_bidir=0"
FULL_SKB="frag_size=0 headroom=64 buf_size=3712 dma_bidir=0"
HALF_XDP="frag_size=2048 headroom=256 buf_size=1472 dma_bidir=1"
FULL_XDP="frag_size=0 headroom=256 buf_size=3520 dma_bidir=1"
FAIL_ALLOC=$DRVFS/neta-model.0/fail_ring_alloc

# to_stack NAME FRAMES SIZE: FRAMES frames of SIZE bytes reach the stack
# (less what the device overran, counted rx_fifo_errors)
to_stack() {
	local rx0 hf0
	rx0=$(stat64 "$H" rx_packets)
	hf0=$(stat64 "$H" rx_fifo_errors)
	gen_run "$3" "$2" 0
	assert_eq "$1" "$2" \
		"$(($(stat64 "$H" rx_packets) - rx0 + $(stat64 "$H" rx_fifo_errors) - hf0))"
}
# all_pass NAME: 1000 generated frames of 1514 bytes under xdp_pass, each
# one an XDP_PASS but those the host's RX ring had no room for (overrun)
all_pass() {
	local before hf0 pass
	before=$(xdp_counts "$H")
	hf0=$(stat64 "$H" rx_fifo_errors)
	gen_run 1514 1000 0
	pass=$((1000 - $(stat64 "$H" rx_fifo_errors) + hf0))
	assert_eq "$1" "0 $pass 0 0 0 0 0" "$(xdp_delta "$before" "$(xdp_counts "$H")")"
}
pool_pages() { neta_ring_sum 0 rxq pool_pages; }
# sync_range: the part of a host RX buffer its pool syncs for the device
# when the buffer is back, "offset length" (debugfs rings)
sync_range() { echo "$(neta_ring_sum 0 rxq sync_off) $(neta_ring_sum 0 rxq sync_len)"; }
SYNC_PARAM=/sys/module/mvneta_xdp/parameters/sync_whole

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
	ktap_diag "pages held by the host's pool, MTU 1500, RX ring $1: full $full, frag $frag"
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
	local before after want hf0 hf
	check "$1: attach $2" xdp_attach "$H" "$2" xdp
	before=$(xdp_counts "$H")
	hf0=$(stat64 "$H" rx_fifo_errors)
	gen_run 60 "$N" "$4"
	after=$(xdp_counts "$H")
	hf=$(($(stat64 "$H" rx_fifo_errors) - hf0))
	want=$(xdp_only "$5" "$((N - hf))")
	assert_eq "$1: $XDP_NAMES" "${want# }" "$(xdp_delta "$before" "$after")"
	assert_eq "$1: the program returned $3 for every frame received" "$((N - hf))" \
		"$(xdp_action_packets "$H" "$3")"
	check "$1: detach" xdp_detach "$H"
}

ktap_plan 75
mark=$(dmesg_mark)
xdp_up
# page_pool takes one pool for every port or a list, one per port in port
# order (431: own,kernel, so the host runs ours and the remote the kernel's)
IFS=, read -r want0 want1 <<<"$NETA_POOL"
assert_eq "page_pool=$NETA_POOL: the host's pool, the remote's pool" \
	"$want0 ${want1:-$want0}" "$(neta_pool_of 0) $(neta_pool_of 1)"

# 1. MTU 1500 without a program: NET_SKB_PAD headroom, half pages
assert_eq "MTU 1500, no program: half pages, 64 B headroom, 1664 bytes per buffer" "$HALF_SKB" "$(mode)"
check "MTU 1640 (the largest that fits half a page without a program)" ip link set "$H" mtu 1640
assert_eq "MTU 1640, no program: half pages" "$HALF_SKB" "$(mode)"
check "MTU 1641" ip link set "$H" mtu 1641
assert_eq "MTU 1641, no program: whole pages, 3712 bytes per buffer" "$FULL_SKB" "$(mode)"
ip link set "$H" mtu 1500
echo 0 >$PARAM
ring_pages 512 >/dev/null
assert_eq "rx_frag=0 forces whole pages at MTU 1500" "$FULL_SKB" "$(mode)"
echo 1 >$PARAM

# memory at MTU 1500: the default and the largest RX ring
frag_vs_full 128
frag_vs_full 512

assert_eq "fragment mode before the traffic (RX ring 512)" "$HALF_SKB" "$(mode)"
to_stack "no program: $N frames of 60 bytes to the stack" "$N" 60
to_stack "no program: 1000 frames of 1514 bytes (MTU 1500, one half page each)" 1000 1514

# 2. a program at MTU 1500: XDP headroom, whole pages; the detach goes back
check "attach xdp_pass at MTU 1500" xdp_attach "$H" xdp_pass xdp
assert_eq "program attached: whole pages, 256 B headroom, 3520 bytes per buffer, DMA_BIDIRECTIONAL" \
	"$FULL_XDP" "$(mode)"
assert_eq "program attached: the pool syncs for the device only what it may write, [256, 256 + 3520)" \
	"256 3520" "$(sync_range)"
assert_ge "program attached: a page per descriptor" 512 "$(pool_pages)"
all_pass "program attached: 1000 frames of 1514 bytes, all XDP_PASS: $XDP_NAMES"
check "detach at MTU 1500" xdp_detach "$H"
assert_eq "program detached: half pages and 64 B headroom again" "$HALF_SKB" "$(mode)"
to_stack "after the detach: 1000 frames of 1514 bytes to the stack" 1000 1514
# our pool syncs each half page's device area when that buffer is back, the
# kernel's the whole page when its last fragment is back (from offset 0);
# sync_whole=1 (the DMA_SYNC_DEV bench's switch) syncs whole buffers
if [ "$(neta_pool_of 0)" = own ]; then
	frag_sync="64 1664" frag_whole="0 2048"
else
	frag_sync="0 4096" frag_whole="0 4096"
fi
assert_eq "fragment mode, $(neta_pool_of 0) pool: sync range [offset length]" "$frag_sync" "$(sync_range)"
echo 1 >$SYNC_PARAM
ring_pages 512 >/dev/null
assert_eq "sync_whole=1, fragment mode: the whole half page (the kernel's pool: the page)" \
	"$frag_whole" "$(sync_range)"
check "sync_whole=1: attach xdp_pass" xdp_attach "$H" xdp_pass xdp
assert_eq "sync_whole=1, program attached: the whole page, [0, 4096)" "0 4096" "$(sync_range)"
check "sync_whole=1: detach" xdp_detach "$H"
echo 0 >$SYNC_PARAM
ring_pages 512 >/dev/null

# 3. an attach or detach whose new rings cannot be allocated is refused and
# leaves the old layout whole: headroom, buffer size and DMA direction
echo 1 >"$FAIL_ALLOC"
if xdp_attach "$H" xdp_pass xdp 2>/dev/null; then r=attached; else r=refused; fi
assert_eq "attach whose rings cannot be allocated: refused, no program, layout kept" \
	"refused 0 $HALF_SKB" "$r $(ip link show "$H" | grep -c 'prog/xdp') $(mode)"
to_stack "after the refused attach: 1000 frames of 1514 bytes to the stack" 1000 1514
check "attach xdp_pass" xdp_attach "$H" xdp_pass xdp
echo 1 >"$FAIL_ALLOC"
if xdp_detach "$H" 2>/dev/null; then r=detached; else r=refused; fi
assert_eq "detach whose rings cannot be allocated: refused, program kept, layout kept" \
	"refused 1 $FULL_XDP" "$r $(ip link show "$H" | grep -c 'prog/xdp') $(mode)"
all_pass "after the refused detach: 1000 frames, all XDP_PASS: $XDP_NAMES"

# 4. with a program: half pages up to MTU 1448
check "MTU 1449 with a program" ip link set "$H" mtu 1449
assert_eq "MTU 1449, program: whole pages" "$FULL_XDP" "$(mode)"
check "MTU 1448 (the largest that fits half a page with a program)" ip link set "$H" mtu 1448
assert_eq "MTU 1448, program: half pages, 1472 bytes per buffer" "$HALF_XDP" "$(mode)"
check "detach" xdp_detach "$H"
ip link set "$H" mtu $FRAG_MTU
$NS ip link set "$R" mtu $FRAG_MTU
assert_eq "MTU $FRAG_MTU, no program: half pages" "$HALF_SKB" "$(mode)"
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
# MTU 1500: whole pages as soon as the program is attached
verdict "grow tail on whole pages (control, MTU 1500)" xdp_frag_tail 0 0 2

# MTU, ring and program changes across the boundary under traffic, frames
# to the stack (pages held by skbs while the pools are replaced)
check "attach xdp_pass for the reconfiguration" xdp_attach "$H" xdp_pass xdp
rx0=$(stat64 "$H" rx_packets)
echo 60 >$P0/gen_size
echo 40000 >$P0/gen_count
echo 10000 >$P0/gen_rate
echo 1 >$P0/gen_flows
echo 1 >$P0/gen_start
fails=0
for i in 1 2 3; do
	for step in "mtu $FRAG_MTU" "rx 256" "xdp off" "mtu 1500" "xdp on" \
		"rx 512"; do
		read -r what val <<<"$step"
		case $what in
		mtu) ip link set "$H" mtu "$val" || fails=$((fails + 1)) ;;
		rx) ethtool -G "$H" rx "$val" || fails=$((fails + 1)) ;;
		xdp)
			if [ "$val" = on ]; then
				xdp_attach "$H" xdp_pass xdp || fails=$((fails + 1))
			else
				xdp_detach "$H" || fails=$((fails + 1))
			fi
			;;
		esac
		sleep 0.2
	done
done
ip link set "$H" mtu $FRAG_MTU || fails=$((fails + 1))
for i in $(seq 600); do
	[ "$(cat $P0/gen_start)" = 0 ] && break
	sleep 0.1
done
xdp_wait_quiet
assert_eq "every MTU, ring and program change accepted under traffic" 0 "$fails"
assert_ge "frames received across the changes" 10000 "$(($(stat64 "$H" rx_packets) - rx0))"
assert_eq "rx_errors 0 across the changes" 0 "$(stat64 "$H" rx_errors)"
assert_eq "fragment mode with the program after the changes" "$HALF_XDP" "$(mode)"
check "detach" xdp_detach "$H"
assert_eq "detached after the changes: half pages, 64 B headroom" "$HALF_SKB" "$(mode)"
rx0=$(stat64 "$H" rx_packets)
gen_run 60 1000 0
assert_eq "1000 frames after the changes" 1000 "$(($(stat64 "$H" rx_packets) - rx0))"

# the model's checker: a device write past the buffer size the driver set
# (here into the buffer's skb_shared_info tailroom and the other half) is
# refused and counted; the frames themselves still arrive
rx0=$(stat64 "$H" rx_packets)
echo 1700 >$P0/rx_overrun
gen_run 60 100 0
echo 0 >$P0/rx_overrun
assert_eq "device writes 1700 bytes past 1664-byte buffers: 100 buf violations" \
	100 "$(cat $P0/viol_buf)"
assert_eq "the 100 frames arrived all the same" 100 "$(($(stat64 "$H" rx_packets) - rx0))"
echo 1 >$P0/violations
neta_finish

# a page_pool list with an unknown or empty entry is refused at load
insmod "$KMOD/neta_page_pool.ko"
r=""
for bad in own,bogus "own," ",kernel"; do
	insmod "$KMOD/mvneta_xdp.ko" page_pool="$bad" 2>/dev/null && { r="$r $bad:loaded"; rmmod mvneta_xdp; }
	dmesg | tail -n 5 | grep -q "page_pool=$bad: use kernel or own" || r="$r $bad:no-message"
done
rmmod neta_page_pool
assert_eq "page_pool=own,bogus / own, / ,kernel refused with a message" "" "${r# }"
ktap_finish
