#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: AF_XDP zero-copy on mvneta_xdp (NETA model) with userspace/tools/xsk_tool -z: rxdrop receives exactly N (socket, driver queue and XDP counters agree), l2fwd sends back what it received, txonly sends N that port B receives; XDP_PASS, XDP_DROP and XDP_TX of a program that does not redirect on a zero-copy queue; a queue pair that does not exist and an MTU the umem frames cannot hold are refused; ring resize, link down/up and program detach/attach with a socket bound, a socket closed with frames in flight: the next socket receives exactly N; an MTU change with a socket bound; TX descriptors outside the umem refused by the core (tx_invalid), never sent; a fill ring empty for seconds without a spinning NAPI; the driver unloaded under a bound socket with frames arriving: the socket sees the device gone; the model refuses a umem frame handed to the device twice; with 2 RX queues a zero-copy bind and unbind on queue 1 restart that queue pair only: every frame the generator sends to queue 0 meanwhile arrives, carrier_changes does not move, the socket gets its frames on rings of its umem; a bind whose rings fail half-way leaves queue 1 in copy mode (failing twice: the port restarts), an unbind whose rings fail restarts the port without a warning; 0 pages in flight, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/xsk.sh"

N=${XDP_FRAMES:-2000}

# flood 1|0: the generator sends 60-byte frames to port A without end, as
# fast as its RX queue takes them (back-pressure: a frame waits while the
# ring is full and is lost, an overrun, only while the queue cannot take
# frames at all), or stops
flood() {
	echo 60 >$P0/gen_size; echo 0 >$P0/gen_count; echo 0 >$P0/gen_rate
	echo 1 >$P0/gen_flows; echo "$1" >$P0/gen_start
}

ktap_plan 101
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
flood 1
sleep 1
kill "$XSK_PID"; wait "$XSK_PID"
flood 0
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
flood 1
sleep 1
check "rmmod mvneta_xdp with a zero-copy socket bound, frames arriving" rmmod mvneta_xdp
flood 0
wait "$XSK_PID"
assert_eq "the socket saw its device gone (ENETDOWN), exit 1" "1 1" \
	"$? $(grep -c "device gone: Network is down" "$SCRATCH/xsk.out")" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
ktap_diag "unloaded after the socket received $(xsk_result rx)"
check "0 pages in flight after the unload" neta_pages_back_after_rmmod
assert_eq "0 model violations" 0 "$(neta_violations)"
neta_unload_rest
bad=$(dmesg_bad "$mark")
if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi

# --- a bind restarts its own queue pair only: with 2 RX queues (and 8 TX),
# a zero-copy socket binds queue 1 and unbinds while the generator floods
# queue 0 (untagged frames: the default queue). Queue 1 gets its frames by
# VLAN priority (priority 5 -> queue 1, as in 500). Every frame the
# generator sent reaches queue 0 and the program (no overrun: queue 0
# never stopped taking frames), the carrier never drops, the socket
# receives its 100 frames on rings of its umem (xsk_zc). Then the same
# bind with queue 1's zero-copy ring failing half-way (test knob
# fail_ring_alloc: its TX ring, after its RX ring was built on the umem):
# refused with ENOMEM, queue pair 1 back on the page pool (copy mode),
# queue 0 as before; and with the copy-mode ring failing too: the whole
# port restarts (the carrier drops), queue 1 receives again; an unbind
# whose page pool rings fail restarts the whole port too (37 tests)
mark=$(dmesg_mark)
ip netns del remote
NETA_MODEL_PARAMS="${NETA_MODEL_PARAMS:-} rxqs=2 txqs=8" xdp_up rxq_number=2 txq_number=8
check "2 RX queues: attach xdp_redirect_xsk" xdp_attach "$H" xdp_redirect_xsk xdp
reg 0 $((MVNETA_VLAN_PRIO_TO_RXQ)) 0x8000
carrier_changes() { cat "/sys/class/net/$H/carrier_changes"; }
# links_settled: both ports' operstate up: the kernel's link watch has run
# after a carrier change and given the ports their qdiscs back (until
# then the remote's qdisc drops what vlan_send sends; under the flood the
# link watch work can run late)
links_settled() {
	local i
	for i in $(seq 50); do
		[ "$(cat "/sys/class/net/$H/operstate")" = up ] &&
			[ "$($NS cat "/sys/class/net/$R/operstate")" = up ] && return 0
		sleep 0.1
	done
	return 1
}
# qpair_zc: xsk_zc of rxq0 txq0 rxq1 txq1 (1: the ring runs on a umem)
qpair_zc() {
	echo "$(neta_ring_field 0 rxq0 xsk_zc) $(neta_ring_field 0 txq0 xsk_zc)" \
		"$(neta_ring_field 0 rxq1 xsk_zc) $(neta_ring_field 0 txq1 xsk_zc)"
}
# qpair_wait_copy: wait (5 s at most) until no ring runs on a umem: an
# unbound socket's pool leaves its queue in deferred work of the XDP
# socket core
qpair_wait_copy() {
	local i
	for i in $(seq 50); do
		[ "$(qpair_zc)" = "0 0 0 0" ] && return
		sleep 0.1
	done
}
# q_snap: the counters the queue 0 checks compare, one line
q_snap() {
	echo "$(cat $P0/gen_sent) $(cat $P0/gen_overrun) $(stat64 "$H" rx_fifo_errors)" \
		"$(ethstat "$H" rxq0_packets) $(ethstat "$H" rxq1_packets)"
}
# q_exact NAME BEFORE_SNAP BEFORE_XDP Q1: after the flood, queue 0 received
# every frame the generator sent (no overrun), queue 1 Q1 frames: Q1
# redirected (a socket there) or passed (none), the generator's passed
# (3 tests)
q_exact() {
	local -a b a
	read -r -a b <<<"$2"
	read -r -a a <<<"$(q_snap)"
	local sent=$((a[0] - b[0])) redir=$4 pass=0
	[ "$5" = pass ] && { redir=0; pass=$4; }
	ktap_diag "$1: the generator sent $sent frames to queue 0"
	assert_eq "$1: queue 0 lost nothing: overruns (generator, port A rx_fifo_errors)" \
		"0 0" "$((a[1] - b[1])) $((a[2] - b[2]))"
	assert_eq "$1: rxq0_packets + the generator's frames, rxq1_packets + queue 1's" \
		"$sent $4" "$((a[3] - b[3])) $((a[4] - b[4]))"
	assert_eq "$1: port A $XDP_NAMES" "$redir $((sent + pass)) 0 0 0 0 0" \
		"$(xdp_delta "$3" "$(xdp_counts "$H")")"
}

links_settled
cc=$(carrier_changes); s0=$(q_snap); hb=$(xdp_counts "$H")
flood 1
sleep 0.5
f0=$(cat $P0/gen_sent)
xsk_start rxdrop "$H" 1 -z -n 100
assert_eq "queue 1: zero-copy socket bound while queue 0 receives" 0 "$?"
f1=$(cat $P0/gen_sent)
assert_eq "queue 1 on the umem, queue 0 on the page pool: xsk_zc of rxq0 txq0 rxq1 txq1" \
	"0 0 1 1" "$(qpair_zc)" || ktap_diag "$(neta_rings 0)"
# what the remote port sent, not the 100 its socket was asked to: in 2 of
# 8 runs of this step (before links_settled above) the remote sent 99 (its
# tx_packets; the host received exactly those), a loss before port A that
# is not this test's subject; the link watch running late is a guess, not
# shown: the diagnostics say what the remote's queues and qdisc counted
rt0=$(rstat64 "$R" tx_packets)
vlan_send 5 100 2>"$SCRATCH/vlan.err"
wait "$XSK_PID"
q1=$(($(rstat64 "$R" tx_packets) - rt0))
[ "$q1" = 100 ] || ktap_diag "the remote sent $q1 of 100 VLAN frames" \
	"$($NS ethtool -S "$R" | grep -E 'txq[0-9]_(packets|dropped|stops|wakes|hw_errors)|good_frames_sent')" \
	"$($NS tc -s qdisc show dev "$R")" "$(cat "$SCRATCH/vlan.err" 2>/dev/null)" "$(neta_rings 1)"
assert_eq "queue 1: the socket received every frame the remote sent (at least 90 of 100)" \
	"$q1 1" "$(xsk_result rx) $((q1 >= 90))" ||
	ktap_diag "$(cat "$SCRATCH/xsk.out")" "$(ethtool -S "$H" | grep -E 'rxq1_|fifo|overrun')" \
		"violations $(neta_violations)" "$(tail -n 5 $NM/port0/violation_log)" "$(neta_rings 0)"
qpair_wait_copy
assert_eq "queue 1 unbound: every ring on the page pool" "0 0 0 0" "$(qpair_zc)"
sleep 0.3
f2=$(cat $P0/gen_sent)
flood 0
xdp_wait_quiet
ktap_diag "generator: $f0 sent before the bind, $f1 after it, $f2 after the unbind"
check "the generator sent to queue 0 before the bind, between bind and unbind, after the unbind" \
	test "$f0" -gt "${s0%% *}" -a "$f1" -gt "$f0" -a "$f2" -gt "$f1"
assert_eq "carrier_changes unchanged: the port never restarted" "$cc" "$(carrier_changes)"
q_exact "bind and unbind of queue 1" "$s0" "$hb" "$q1"

# the zero-copy ring of queue 1 fails half-way
s0=$(q_snap); hb=$(xdp_counts "$H")
flood 1
sleep 0.3
echo 1 >"$DRVFS/neta-model.0/fail_ring_alloc"
check "queue 1: zero-copy bind refused when its ring cannot be allocated (Cannot allocate memory)" \
	refused "Cannot allocate memory" "$XSK" rxdrop "$H" 1 -z -n 1
assert_eq "fail_ring_alloc: the knob was used" 0 "$(cat "$DRVFS/neta-model.0/fail_ring_alloc")"
assert_eq "refused: queue pair 1 back on the page pool (copy mode)" "0 0 0 0" "$(qpair_zc)"
vlan_send 5 100
sleep 0.3
flood 0
xdp_wait_quiet
assert_eq "refused: carrier_changes unchanged" "$cc" "$(carrier_changes)"
q_exact "refused bind" "$s0" "$hb" 100 pass

# both rings fail (zero-copy, then copy mode): the whole port restarts
s0=$(q_snap); hb=$(xdp_counts "$H")
echo 2 >"$DRVFS/neta-model.0/fail_ring_alloc"
check "queue 1: both ring builds fail: bind refused (Cannot allocate memory)" \
	refused "Cannot allocate memory" "$XSK" rxdrop "$H" 1 -z -n 1
assert_eq "fail_ring_alloc: both knobs used" 0 "$(cat "$DRVFS/neta-model.0/fail_ring_alloc")"
check "the port restarted whole: carrier back" neta_wait_carrier
check "the port restarted whole: carrier_changes moved" test "$(carrier_changes)" -gt "$cc"
assert_eq "after the port restart: every ring on the page pool" "0 0 0 0" "$(qpair_zc)"
links_settled
vlan_send 5 100
xdp_wait_quiet
q_exact "after the port restart" "$s0" "$hb" 100 pass

# an unbind whose page pool rings cannot be allocated: the XDP socket core
# cannot be refused an unbind (it WARNs, which the dmesg check below
# catches), so the whole port restarts without the umem
xsk_start rxdrop "$H" 1 -z -i 600000
assert_eq "unbind: zero-copy socket bound on queue 1" 0 "$?"
cc=$(carrier_changes); s0=$(q_snap); hb=$(xdp_counts "$H")
echo 1 >"$DRVFS/neta-model.0/fail_ring_alloc"
kill "$XSK_PID"; wait "$XSK_PID"
qpair_wait_copy
assert_eq "unbind with its rings failing: every ring on the page pool, fail_ring_alloc used" \
	"0 0 0 0 0" "$(qpair_zc) $(cat "$DRVFS/neta-model.0/fail_ring_alloc")"
check "unbind with its rings failing: the port restarted whole, carrier back" neta_wait_carrier
check "unbind with its rings failing: carrier_changes moved" test "$(carrier_changes)" -gt "$cc"
links_settled
vlan_send 5 100
xdp_wait_quiet
q_exact "after the unbind" "$s0" "$hb" 100 pass
reg 0 $((MVNETA_VLAN_PRIO_TO_RXQ)) 0
check "2 RX queues: detach" xdp_detach "$H"
neta_finish
ktap_finish
