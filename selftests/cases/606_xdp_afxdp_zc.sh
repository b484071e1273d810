#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: AF_XDP zero-copy on mvneta_xdp (NETA model) with userspace/tools/xsk_tool -z: rxdrop receives exactly N (socket, driver queue and XDP counters agree), l2fwd sends back what it received, txonly sends N that port B receives; XDP_PASS, XDP_DROP and XDP_TX of a program that does not redirect on a zero-copy queue; a queue pair that does not exist and an MTU the umem frames cannot hold are refused; ring resize, link down/up and program detach/attach with a socket bound, a socket closed with frames in flight: the next socket receives exactly N; 0 pages in flight, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/xsk.sh"

N=${XDP_FRAMES:-2000}

ktap_plan 51
mark=$(dmesg_mark)
xdp_up

# --- rxdrop: every generated frame reaches the socket without a copy
check "attach xdp_redirect_xsk" xdp_attach "$H" xdp_redirect_xsk xdp
xsk_rxdrop -z "rxdrop"

# --- l2fwd: what the socket receives goes back out of port A to port B
xsk_l2fwd -z

# --- txonly: N frames out of port A from the umem
xsk_txonly -z

# --- programs that do not redirect, on a queue whose buffers are umem
# frames (a zero-copy socket stays bound): PASS copies into an skb, DROP
# and TX give the frame back
xsk_start rxdrop "$H" 0 -z -i 600000
assert_eq "verdicts: zero-copy socket bound" 0 "$?"
check "verdicts: detach xdp_redirect_xsk, socket still bound" xdp_detach "$H"
for v in pass drop; do
	check "XDP_${v^^}: attach xdp_$v" xdp_attach "$H" "xdp_$v" xdp
	hb=$(xdp_counts "$H"); hr0=$(stat64 "$H" rx_packets)
	gen_run 60 "$N"
	neta_wait_quiet
	want="0 $N 0 0 0 0 0"
	[ "$v" = drop ] && want="0 0 $N 0 0 0 0"
	assert_eq "XDP_${v^^}: port A $XDP_NAMES" "$want" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
	assert_eq "XDP_${v^^}: port A rx_packets +N" "$N" "$(($(stat64 "$H" rx_packets) - hr0))"
	check "XDP_${v^^}: detach" xdp_detach "$H"
done
# XDP_TX has no back-pressure (see 500): 10,000 frames/s, what the TX ring
# had no room for is rx_xdp_tx_errors, what port B's ring had no room for
# its rx_fifo_errors
check "XDP_TX: attach xdp_tx_mirror" xdp_attach "$H" xdp_tx_mirror xdp
hb=$(xdp_counts "$H"); rr0=$(rstat64 "$R" rx_packets); ht0=$(stat64 "$H" tx_packets)
rf0=$(rstat64 "$R" rx_fifo_errors); hf0=$(stat64 "$H" rx_fifo_errors)
gen_run 60 "$N" 10000
neta_wait_quiet
read -r -a d <<<"$(xdp_delta "$hb" "$(xdp_counts "$H")")"
got=$((N - $(stat64 "$H" rx_fifo_errors) + hf0))
ktap_diag "XDP_TX: $got of $N received, ${d[3]} sent back, ${d[4]} without room"
assert_eq "XDP_TX: rx_xdp_tx + rx_xdp_tx_errors = frames received, nothing else" \
	"0 0 0 $got" "${d[0]} ${d[1]} ${d[2]} $((d[3] + d[4]))"
# how many the host could receive at 10,000/s depends on the guest's speed
check "XDP_TX: frames received, at least half of them sent back" \
	test "$got" -gt 0 -a "${d[3]}" -ge $(((got + 1) / 2))
assert_eq "XDP_TX: port A sent rx_xdp_tx, port B received + overran them" "${d[3]} ${d[3]}" \
	"$(($(stat64 "$H" tx_packets) - ht0)) $(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"
check "XDP_TX: detach" xdp_detach "$H"
kill "$XSK_PID"; wait "$XSK_PID"
assert_eq "verdicts: the socket received nothing" 0 "$(xsk_result rx)"

# --- refusals
check "refused: queue 7 of a port with one RX queue (Invalid argument)" \
	refused "Invalid argument" "$XSK" txonly "$H" 7 -z -n 1
# without a program the port takes MTU 4000 (frames over several buffers),
# a bound umem of 4096-byte frames cannot
check "attach xdp_redirect_xsk again" xdp_attach "$H" xdp_redirect_xsk xdp
xsk_start rxdrop "$H" 0 -z -i 600000
xdp_detach "$H"
check "MTU 4000 refused while 4096-byte umem frames are bound (no program)" \
	refused "Invalid argument" ip link set dev "$H" mtu 4000
assert_eq "MTU unchanged" 1500 "$(cat "/sys/class/net/$H/mtu")"
kill "$XSK_PID"; wait "$XSK_PID"
check "attach xdp_redirect_xsk" xdp_attach "$H" xdp_redirect_xsk xdp
xsk_start rxdrop "$H" 0 -z -i 600000

# --- a socket closed with frames in flight (the generator still sending)
# more than the guest can send in the second before the close (200,000
# were all received in that second at load 0.4); stopped after the close
echo 60 >$P0/gen_size; echo 100000000 >$P0/gen_count; echo 0 >$P0/gen_rate
echo 1 >$P0/gen_flows; echo 1 >$P0/gen_start
sleep 1
kill "$XSK_PID"; wait "$XSK_PID"
echo 0 >$P0/gen_start
xdp_wait_quiet
ktap_diag "closed in flight: the socket had received $(xsk_result rx), the generator sent $(cat $P0/gen_sent 2>/dev/null)"
xsk_rxdrop -z "after a socket closed in flight"

# --- reconfiguration with a socket bound: each restarts the rings
xsk_start rxdrop "$H" 0 -z -n "$N"
check "ring resize (rx 256) with a zero-copy socket bound" ethtool -G "$H" rx 256
check "link down/up with a zero-copy socket bound" \
	sh -c "ip link set dev $H down && ip link set dev $H up"
neta_wait_carrier
check "program detach/attach with a zero-copy socket bound" \
	sh -c "ip link set dev $H xdpdrv off && ip link set dev $H xdpdrv obj $BPF/xdp_redirect_xsk.bpf.o sec xdp"
ktap_diag "the socket left the map with the detach: put it back by a new socket"
kill "$XSK_PID"; wait "$XSK_PID"
xsk_rxdrop -z "after resize, down/up, detach/attach"
check "detach" xdp_detach "$H"

neta_finish
ktap_finish
