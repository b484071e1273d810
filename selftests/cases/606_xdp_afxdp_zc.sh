#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: AF_XDP zero-copy on mvneta_xdp (NETA model) with userspace/tools/xsk_tool -z: rxdrop receives exactly N (socket, driver queue and XDP counters agree), l2fwd sends back what it received, txonly sends N that port B receives; XDP_PASS, XDP_DROP and XDP_TX of a program that does not redirect on a zero-copy queue; a queue pair that does not exist and an MTU the umem frames cannot hold are refused; ring resize, link down/up and program detach/attach with a socket bound, a socket closed with frames in flight: the next socket receives exactly N; an MTU change with a socket bound; TX descriptors outside the umem refused by the core (tx_invalid), never sent; a fill ring empty for seconds without a spinning NAPI; the driver unloaded under a bound socket with frames arriving: the socket sees the device gone; the model refuses a umem frame handed to the device twice; 0 pages in flight, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/xsk.sh"

N=${XDP_FRAMES:-2000}

ktap_plan 64
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

# --- an MTU change with a socket bound: the rings restart on the socket's
# umem frames, the socket receives what comes after (4 tests)
xsk_start rxdrop "$H" 0 -z -n "$N"
check "MTU 1400 with a zero-copy socket bound" ip link set dev "$H" mtu 1400
neta_wait_carrier
hb=$(xdp_counts "$H")
gen_run 60 "$N"
wait "$XSK_PID"
assert_eq "MTU 1400: the socket received N frames" "$N" "$(xsk_result rx)" ||
	ktap_diag "$(cat "$SCRATCH/xsk.out")"
assert_eq "MTU 1400: port A $XDP_NAMES" "$N 0 0 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
check "MTU 1500 again" ip link set dev "$H" mtu 1500
neta_wait_carrier

# --- TX descriptors outside the umem (past its end, longer than a frame):
# the core refuses them (the socket's tx_invalid), the device never sees
# them: the model sent exactly the N valid frames (3 tests)
rr0=$(rstat64 "$R" rx_packets); rf0=$(rstat64 "$R" rx_fifo_errors)
gs0=$(ethstat "$H" good_frames_sent)
"$XSK" txonly "$H" 0 -z -n "$N" -s 60 -D "$R_MAC" -B 8 >"$SCRATCH/xsk.out" 2>&1
assert_eq "8 invalid TX descriptors, then N frames: exit 0" 0 "$?"
assert_eq "invalid TX descriptors: N sent and completed, the socket's tx_invalid 8" "$N $N 8" \
	"$(xsk_result tx tx_completed sock_tx_invalid)" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
neta_wait_quiet
assert_eq "invalid TX descriptors: the model sent N (good_frames_sent), port B received + overran N" "$N $N" \
	"$(($(ethstat "$H" good_frames_sent) - gs0)) $(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"

# --- a fill ring left empty for seconds: the driver retries on its timer
# (every 10 ms), NAPI does not spin; once filled the frames come (3 tests)
net_rx() { awk '$1 == "NET_RX:" { for (i = 2; i <= NF; i++) s += $i; print s }' /proc/softirqs; }
xsk_start rxdrop "$H" 0 -z -n "$N" -E 4000
assert_eq "empty fill ring: zero-copy socket bound" 0 "$?"
s0=$(net_rx)
sleep 2
s1=$(net_rx)
ktap_diag "empty fill ring: $((s1 - s0)) NET_RX softirqs in 2 s"
check "empty fill ring: under 1000 NET_RX softirqs in 2 s (a spinning NAPI runs thousands)" \
	test $((s1 - s0)) -lt 1000
for _ in $(seq 60); do
	grep -q filled "$SCRATCH/xsk.out" && break
	sleep 0.1
done
gen_run 60 "$N"
wait "$XSK_PID"
assert_eq "empty fill ring, then filled: the socket received N frames" "$N" "$(xsk_result rx)" ||
	ktap_diag "$(cat "$SCRATCH/xsk.out")"

# --- the model's checker: a umem frame handed to the device twice (test
# knob fail_xsk_twice: one zero-copy refill gives the previous descriptor's
# frame) is an addr violation and the device writes nothing into it (a
# resource error): the socket gets every other frame (3 tests)
xsk_start rxdrop "$H" 0 -z -i 2000
va0=$(cat $NM/port0/viol_addr)
echo 1 >"$DRVFS/neta-model.0/fail_xsk_twice"
gen_run 60 "$N"
wait "$XSK_PID"
assert_eq "fail_xsk_twice: the refill handed one frame twice (knob used)" 0 \
	"$(cat "$DRVFS/neta-model.0/fail_xsk_twice")"
assert_eq "a umem frame handed to the device twice: 1 addr violation" 1 \
	"$(($(cat $NM/port0/viol_addr) - va0))" || ktap_diag "$(cat $NM/port0/violation_log)"
assert_eq "handed twice: the socket received N - 1 (the other descriptor's frame refused)" \
	"$((N - 1))" "$(xsk_result rx)" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
echo 0 >$NM/violations

# --- the driver unloaded under a bound zero-copy socket, frames arriving
# (the program still attached): the socket sees its device gone, every page
# is back, nothing warns (5 tests)
xsk_start rxdrop "$H" 0 -z -i 600000
echo 60 >$P0/gen_size; echo 0 >$P0/gen_count; echo 0 >$P0/gen_rate
echo 1 >$P0/gen_flows; echo 1 >$P0/gen_start
sleep 1
check "rmmod mvneta_xdp with a zero-copy socket bound, frames arriving" rmmod mvneta_xdp
echo 0 >$P0/gen_start
wait "$XSK_PID"
assert_eq "the socket saw its device gone (ENETDOWN), exit 1" "1 1" \
	"$? $(grep -c "device gone: Network is down" "$SCRATCH/xsk.out")" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
ktap_diag "unloaded after the socket received $(xsk_result rx)"
check "0 pages in flight after the unload" neta_pages_back_after_rmmod
assert_eq "0 model violations" 0 "$(neta_violations)"
neta_unload_rest
bad=$(dmesg_bad "$mark")
if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi
ktap_finish
