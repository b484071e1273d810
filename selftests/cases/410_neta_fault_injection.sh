#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: kernel fault injection on mvneta_xdp (sanitizer lane): fail_page_alloc fails RX refill allocations under XDP_DROP (each failed refill counted in refill_errors, no frame lost, the ring full again, then exact); fail_function fails TX DMA mappings of linear and 3-descriptor skbs (each failed skb dropped and counted in tx_dropped, the rest delivered; the unwound mappings are checked by DMA-API debug at unbind)
# timeout: 600
# kernel: debug
. "$SRC/selftests/lib/xdp.sh"

G=2000		# generator frames per RX run
K=40		# failures injected per run
N=1000		# frames pktgen sends per TX run
FA=/sys/kernel/debug/fail_page_alloc
FF=/sys/kernel/debug/fail_function

# fault_attr DIR INTERVAL TIMES: arm a fault_attr (see
# Documentation/fault-injection/fault-injection.rst): fail every INTERVAL-th
# eligible call, TIMES failures at most, quietly
fault_attr() {
	echo 0 >"$1/verbose"
	echo 0 >"$1/space"
	echo "$2" >"$1/interval"
	echo 100 >"$1/probability"
	echo "$3" >"$1/times"
}

fault_off() {
	echo 0 >"$1/probability"
	echo 0 >"$1/times"
}

# tx_run NAME FRAGS INTERVAL: N frames out of the host port while every
# INTERVAL-th TX mapping fails, K at most: K skbs dropped, N - K delivered
tx_run() {
	local name=$1 frags=$2 interval=$3 drop0 rx0 tx0
	drop0=$(stat64 "$H" tx_dropped)
	rx0=$(rstat64 "$R" rx_packets)
	tx0=$(neta_tx_inuse 0)
	fault_attr $FF "$interval" $K
	# 1000-byte UDP frames, FRAGS page fragments each, 2,000 frames/s at
	# most: a rate the model's wire keeps up with, so none is lost there
	PG_DELAY=500000 PG_FRAGS=$frags pg_send "$H" "$R_MAC" "$N" 1000
	xdp_wait_quiet
	assert_eq "$name: all $K injected mapping failures used" 0 "$(cat $FF/times)"
	fault_off $FF
	assert_eq "$name: skbs dropped (tx_dropped)" $K $(($(stat64 "$H" tx_dropped) - drop0))
	assert_eq "$name: frames delivered to the remote port" $((N - K)) \
		$(($(rstat64 "$R" rx_packets) - rx0))
	# both numbers: the queue is listed (port up) before and after
	assert_eq "$name: TX ring empty before and after" "0 0" "$tx0 $(neta_tx_inuse 0)"
}

ktap_plan 22
mark=$(dmesg_mark)
# recycle=0: every RX buffer is a fresh page from the page allocator, so
# each refill reaches fail_page_alloc
xdp_up recycle=0

# --- RX: page allocation failures during refill --------------------------
check "attach xdp_drop to the host port" xdp_attach "$H" xdp_drop xdp
# only allocations that cannot sleep: NAPI's GFP_ATOMIC refill, not the
# test's own processes
echo Y >$FA/ignore-gfp-wait
echo N >$FA/ignore-gfp-highmem
echo 0 >$FA/min-order
before=$(xdp_counts "$H")
rx0=$(stat64 "$H" rx_packets)
fifo0=$(stat64 "$H" rx_fifo_errors)
refill0=$(ethstat "$H" refill_errors)
fault_attr $FA 1 $K
# back-pressure generator: it waits for free descriptors, so a ring left
# empty by failed refills delays frames but loses none
gen_run 60 $G 0 1
# shellcheck disable=SC2178 # a plain word here, an array in another function
left=$(cat $FA/times)
fault_off $FA
# shellcheck disable=SC2128 # a plain word here, an array in another function
assert_eq "RX: all $K injected page allocation failures used" 0 "$left"
refills=$(($(ethstat "$H" refill_errors) - refill0))
if [ "$refills" -ge 1 ] && [ "$refills" -le $K ]; then
	ktap_ok "RX: failed refills counted in refill_errors ($refills, 1..$K)"
else
	ktap_fail "RX: failed refills counted in refill_errors ($refills, 1..$K)"
fi
assert_eq "RX: every frame received (rx_packets)" $G $(($(stat64 "$H" rx_packets) - rx0))
assert_eq "RX: no device overrun" 0 $(($(stat64 "$H" rx_fifo_errors) - fifo0))
assert_eq "RX: $XDP_NAMES" "0 0 $G 0 0 0 0" "$(xdp_delta "$before" "$(xdp_counts "$H")")"
assert_eq "RX: ring full of buffers again" "$(neta_rx_ring_size 0)" "$(neta_rx_on_ring 0)"
before=$(xdp_counts "$H")
refill0=$(ethstat "$H" refill_errors)
gen_run 60 $G 0 1
assert_eq "RX after the faults: $XDP_NAMES" "0 0 $G 0 0 0 0" \
	"$(xdp_delta "$before" "$(xdp_counts "$H")")"
assert_eq "RX after the faults: no failed refill" 0 $(($(ethstat "$H" refill_errors) - refill0))
check "detach" xdp_detach "$H"

# --- TX: DMA mapping failures -------------------------------------------
if ! grep -qw mvneta_tx_dma_map $FF/injectable; then
	die "mvneta_tx_dma_map is not in $FF/injectable"
fi
echo mvneta_tx_dma_map >$FF/inject
printf '%#x' -12 >$FF/mvneta_tx_dma_map/retval	# -ENOMEM
# linear skbs: one mapping each, the first K fail
tx_run "TX linear" 0 1
# head + 2 fragments: every 3rd mapping fails, so each skb in the window
# fails on a fragment and unwinds the mappings before it
tx_run "TX 3 descriptors" 2 3
echo >$FF/inject
neta_finish
ktap_finish
