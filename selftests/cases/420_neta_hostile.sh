#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: mvneta_xdp against a hostile NETA device (the model's rx_occ_lie, tx_sent_lie, spurious_irq knobs) and other robustness findings: RX counts above what was handed over are clamped and counted, TX ones ignored (nothing reclaimed on their word, also while the device has not sent yet), a TX queue refused for lack of room still gets its doorbell, counters never go backwards at a ring restart, the generator refuses bad settings while running, debugfs is root-only; the port works afterwards, 0 pages in flight, 0 violations
# timeout: 1500
. "$SRC/selftests/lib/neta_fuzz.sh"

G=200	# frames per generator run
P0=$NM/port0
P1=$NM/port1

# gen_run SIZE COUNT [PORTDIR]: the generator sends COUNT frames of SIZE
# into port 1 (the remote port; or PORTDIR) with back-pressure, then the
# ports go quiet
gen_run() {
	gen_send "${3:-$P1}" "$1" "$2"
	neta_wait_quiet
}

# hits PORTDIR KNOB: how often a fault knob was applied
hits() { awk -v k="$2" '$1 == k { print $2 }' "$1/fault_hits"; }

# xxt ARGS...: send frames out of the host port through ndo_xdp_xmit
xxt() {
	insmod "$KMOD/xdp_xmit_test.ko" ifname="$H" send_only=1 "$@" &&
		rmmod xdp_xmit_test
}

# rx_pp_sum: every rx_pp_* counter of the remote port, one line
rx_pp_line() { $NS ethtool -S "$R" | awk '$1 ~ /^rx_pp_/ { printf "%s ", $2 }'; }

# not_below BEFORE AFTER: no element of AFTER is below the one in BEFORE
not_below() {
	# shellcheck disable=SC2206 # word splitting wanted: a list of numbers
	local -a a=($1) b=($2)
	local i
	[ ${#a[@]} = ${#b[@]} ] || { echo "lengths ${#a[@]} ${#b[@]}"; return 1; }
	for i in "${!a[@]}"; do
		[ "${b[i]}" -ge "${a[i]}" ] || { echo "counter $i: ${a[i]} -> ${b[i]}"; return 1; }
	done
}

# hoarder_start: a UDP socket on the remote port (the generator's port 9)
# that does not read until /tmp/hoard.go exists, then counts what it holds
# and prints it to /tmp/hoard.count. SO_RCVBUFFORCE: room for far more
# pages than any pool's page table. Not under check: the background python
# would keep check's output capture open.
hoarder_start() {
	rm -f /tmp/hoard.ready /tmp/hoard.go /tmp/hoard.count
	$NS python3 - >/tmp/hoard.out 2>&1 <<'EOF' &
import os, socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 256 << 20)
s.bind(("198.18.0.2", 9))
open("/tmp/hoard.ready", "w").close()
while not os.path.exists("/tmp/hoard.go"):
    time.sleep(0.1)
s.setblocking(False)
n = 0
while True:
    try:
        s.recv(2048)
    except BlockingIOError:
        break
    n += 1
open("/tmp/hoard.count", "w").write(str(n))
EOF
	for i in $(seq 600); do [ -e /tmp/hoard.ready ] && return 0; sleep 0.1; done
	cat /tmp/hoard.out
	return 1
}

# hoarder_count: let the hoarder read, print how many datagrams it held
hoarder_count() {
	local i
	touch /tmp/hoard.go
	# called in $(...): the hoarder is not this subshell's child
	for i in $(seq 300); do [ -s /tmp/hoard.count ] && break; sleep 0.1; done
	cat /tmp/hoard.count 2>/dev/null || echo "no count"
}

# udp_echo_count N: N datagrams from the host port to a socket of the
# remote port that reads (port 9001); prints how many it received
udp_echo_count() {
	rm -f /tmp/reader.ready
	$NS python3 - "$1" >/tmp/reader.out 2>&1 <<'EOF' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("198.18.0.2", 9001))
s.settimeout(30)
open("/tmp/reader.ready", "w").close()
n = 0
try:
    while n < int(sys.argv[1]):
        s.recv(2048)
        n += 1
except socket.timeout:
    pass
print(n)
EOF
	local rp=$! i
	# python starts in seconds on a loaded TCG host
	for i in $(seq 600); do [ -e /tmp/reader.ready ] && break; sleep 0.1; done
	python3 - "$1" <<'EOF'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(int(sys.argv[1])):
    s.sendto(b"r" * 32, ("198.18.0.2", 9001))
    time.sleep(0.005)
EOF
	wait $rp
	cat /tmp/reader.out
}

# gen_rated SIZE COUNT RATE: the generator sends COUNT frames of SIZE into
# port 1 at RATE frames/s, without back-pressure (frames finding no buffer
# are lost at the device); waits 30 s at most, then stops it
gen_rated() {
	gen_send -s -r "$3" "$P1" "$1" "$2"
	neta_wait_quiet
}

ktap_plan 97
mark=$(dmesg_mark)
neta_tracing_on
neta_load || die "cannot load the NETA model and mvneta_xdp"
check "ports up, link up" neta_pair_up
neta_wait_carrier

# 1. RX occupied count above the descriptors the driver handed over
b_pk=$(rstat64 "$R" rx_packets); b_er=$(rstat64 "$R" rx_errors)
b_hw=$(rethstat "$R" rxq0_hw_errors)
# one frame: the poll is not cut short by its budget
echo 1 >$P1/fault_rx_occ_lie
gen_run 60 1
assert_eq "occupied count above the handed-over descriptors: clamped, counted once (rxq0_hw_errors), the good frame received, no error frame" \
	"1 1 1 0" \
	"$(hits $P1 rx_occ_lie) $(($(rethstat "$R" rxq0_hw_errors) - ${b_hw:-0})) $(($(rstat64 "$R" rx_packets) - b_pk)) $(($(rstat64 "$R" rx_errors) - b_er))"
assert_eq "occupied count lie: RX ring full of buffers again (no page lost from the ring)" \
	"$(neta_rx_ring_size 1)" "$(neta_rx_on_ring 1)"
b_pk=$(rstat64 "$R" rx_packets)
gen_run 60 $G
assert_eq "occupied count lie: the port receives normally afterwards" \
	"$G" "$(($(rstat64 "$R" rx_packets) - b_pk))"
assert_eq "occupied count lie: 0 model violations" 0 "$(neta_violations)"
echo 0 >$NM/violations

# 6. TX sent count above the announced descriptors, with descriptors
# filled but not announced yet (ndo_xdp_xmit without XDP_XMIT_FLUSH)
b_tx=$(stat64 "$H" tx_packets); b_rx=$(rstat64 "$R" rx_packets)
b_hw=$(ethstat "$H" txq0_hw_errors)
xxt frames=8 flush=0
echo 1 >$P0/fault_tx_sent_lie
echo 1 >$P0/fault_spurious_irq
sleep 1
xxt frames=1 flush=1
neta_wait_quiet
assert_eq "sent count above the announced descriptors (8 not announced): clamped, counted once (txq0_hw_errors), spurious interrupt taken" \
	"1 1 1" \
	"$(hits $P0 tx_sent_lie) $(hits $P0 spurious_irq) $(($(ethstat "$H" txq0_hw_errors) - ${b_hw:-0}))"
assert_eq "sent count lie: the 9 frames sent once each after the flush, and received" \
	"9 9" "$(($(stat64 "$H" tx_packets) - b_tx)) $(($(rstat64 "$R" rx_packets) - b_rx))"
assert_eq "sent count lie: TX ring drained" 0 "$(neta_tx_inuse 0)"
assert_eq "sent count lie: 0 model violations" 0 "$(neta_violations)"
echo 0 >$NM/violations

# 6. TX sent count above the announced descriptors while the device has
# not sent them yet (its TX queue disabled behind the driver's back): the
# lie must not make the driver reclaim them, the device sends them once
# the queue is enabled again
b_tx=$(stat64 "$H" tx_packets); b_rx=$(rstat64 "$R" rx_packets)
b_hw=$(ethstat "$H" txq0_hw_errors)
echo >$P0/fault_hits
reg 0 $((MVNETA_TXQ_CMD)) 0x100
xxt frames=8 flush=1
echo 1 >$P0/fault_tx_sent_lie
echo 1 >$P0/fault_spurious_irq
sleep 1
lied=$(($(ethstat "$H" txq0_hw_errors) - ${b_hw:-0}))
inuse=$(neta_tx_inuse 0)
reg 0 $((MVNETA_TXQ_CMD)) 0x1
neta_wait_quiet
assert_eq "sent count above the 8 announced descriptors the device has not sent: counted once (txq0_hw_errors), none reclaimed" \
	"1 1 1 8" "$(hits $P0 tx_sent_lie) $(hits $P0 spurious_irq) $lied $inuse"
assert_eq "sent count lie, device behind: the 8 frames sent once each when the queue is enabled, and received, txq0_hw_errors +1 in all" \
	"8 8 1" "$(($(stat64 "$H" tx_packets) - b_tx)) $(($(rstat64 "$R" rx_packets) - b_rx)) $(($(ethstat "$H" txq0_hw_errors) - ${b_hw:-0}))"
assert_eq "sent count lie, device behind: TX ring drained, 0 model violations" \
	"0 0" "$(neta_tx_inuse 0) $(neta_violations)"
echo 0 >$NM/violations

# 5. A TX queue without room for the next skb: the descriptors filled
# before (here ndo_xdp_xmit without flush) must reach the device, or the
# queue stays stopped for ever
ethtool -G "$H" tx 64
b_st=$(ethstat "$H" txq0_stops)
xxt frames=50 flush=0
check "TX queue refused for lack of room: the doorbell rings, the queue wakes, ping gets through" \
	nping -c 1 -W 5 198.18.0.2
assert_eq "TX queue refused for lack of room: counted in txq0_stops" \
	1 "$(($(ethstat "$H" txq0_stops) - b_st))"
assert_eq "TX queue refused for lack of room: TX ring drained" 0 "$(neta_tx_inuse 0)"
assert_eq "TX queue refused for lack of room: 0 model violations" 0 "$(neta_violations)"
echo 0 >$NM/violations

# 5. TX watchdog: the device stops sending (its TX queue disabled behind
# the driver's back); ndo_tx_timeout is called as the watchdog would (the
# watchdog's own WARN_ONCE would panic this guest)
reg 0 $((MVNETA_TXQ_CMD)) 0x100
b_to=$(ethstat "$H" tx_timeouts); b_dr=$(ethstat "$H" txq0_dropped)
xxt frames=50 flush=1
nping -c 1 -W 20 198.18.0.2 >/dev/null 2>&1 &
pid=$!
sleep 1
insmod "$KMOD/xdp_xmit_test.ko" ifname="$H" tx_timeout=1 && rmmod xdp_xmit_test
check "TX timeout on a stalled device: the rings restart and the waiting ping gets through" wait $pid
assert_eq "TX timeout: counted in tx_timeouts, the 50 frames never sent dropped and counted (txq0_dropped)" \
	"1 50" "$(($(ethstat "$H" tx_timeouts) - ${b_to:-0})) $(($(ethstat "$H" txq0_dropped) - b_dr))"
check "TX timeout: the port sends normally afterwards" nping -c 1 -W 5 198.18.0.2
# the model counts the restart of a queue holding descriptors it could not
# send: the device's fault, not the driver's
echo 0 >$NM/violations

# 10. rx_pp_* are cumulative across ring restarts
if [ -n "$(rx_pp_line)" ]; then
	gen_run 60 $G
	b_pp=$(rx_pp_line)
	$NS ethtool -G "$R" rx 256
	$NS ip link set "$R" mtu 1400
	check "rx_pp_* never go backwards across ring restarts (resize, MTU)" \
		not_below "$b_pp" "$(rx_pp_line)"
else
	ktap_skip "rx_pp_* never go backwards across ring restarts (resize, MTU)" \
		"the pool keeps no statistics"
fi

# 7. debugfs of the driver is root-only
check "driver debugfs files are root-only (no group/other bits)" \
	test -z "$(find "$DRVFS" -type f -perm /077)"

# 9. generator settings written during a run
echo 60 >$P1/gen_size; echo 0 >$P1/gen_count; echo 2000 >$P1/gen_rate
echo 1 >$P1/gen_flows; echo 1 >$P1/gen_start
r=""
for v in "gen_size 20000" "gen_size 10" "gen_flows 0" "gen_flows 70000"; do
	set -- $v
	if echo "$2" 2>/dev/null >"$P1/$1"; then r="$r $1=$2:accepted"; else r="$r $1=$2:refused"; fi
	sleep 0.2
done
echo 0 >$P1/gen_start
assert_eq "generator size/flows out of range refused while running" \
	" gen_size=20000:refused gen_size=10:refused gen_flows=0:refused gen_flows=70000:refused" "$r"
assert_eq "generator settings unchanged by refused writes" "60 1" "$(cat $P1/gen_size) $(cat $P1/gen_flows)"
neta_wait_quiet
b_pk=$(rstat64 "$R" rx_packets)
gen_run 1000 $G
assert_eq "generator and port work after the refused writes" "$G" "$(($(rstat64 "$R" rx_packets) - b_pk))"

# 3. XDP detach whose ring allocation fails (test-only debugfs knob): the
# program stays, and so must the DMA_BIDIRECTIONAL mapping XDP_TX sends from
ip link set dev "$H" xdpdrv obj "$BPF/xdp_tx_mirror.bpf.o" sec xdp
echo 1 >"$DRVFS/neta-model.0/fail_ring_alloc"
if ip link set dev "$H" xdpdrv off 2>/dev/null; then r=detached; else r=refused; fi
assert_eq "XDP detach whose ring allocation fails: refused, program kept, rings still DMA_BIDIRECTIONAL" \
	"refused 1 1" "$r $(ip link show "$H" | grep -c 'prog/xdp') $(neta_ring_sum 0 rxq dma_bidir)"
b_tx=$(ethstat "$H" rx_xdp_tx); b_te=$(ethstat "$H" rx_xdp_tx_errors)
gen_run 60 $G $P0
# a full TX ring (the mirrored frames meet the peer's) is a counted error
d_tx=$(($(ethstat "$H" rx_xdp_tx) - b_tx)); d_te=$(($(ethstat "$H" rx_xdp_tx_errors) - b_te))
ktap_diag "XDP_TX after the refused detach: $d_tx sent, $d_te TX ring full"
assert_eq "XDP detach failure: XDP_TX works afterwards (sent + ring full = G, at least G/2 sent)" \
	"$G 1" "$((d_tx + d_te)) $((d_tx >= G / 2))"
check "XDP detach failure: a later detach works" ip link set dev "$H" xdpdrv off
assert_eq "XDP detach failure: 0 model violations" 0 "$(neta_violations)"
echo 0 >$NM/violations

# 2. netconsole on the host port while its TX queue has no room: netpoll
# polls with budget 0 (TX completion only) until the message can go out.
# Every interrupt of the host port is lost meanwhile, so no NAPI run can
# complete the queue first: only netpoll's polls (or the driver's 500 ms
# watchdog) do. xdp_xmit_test's own "frames queued" line is the first
# message, printed right after the queue filled.
# The target is made through configfs (dynamic targets): the module's
# parameter cannot configure a netconsole built into the kernel.
NC=/sys/kernel/config/netconsole/hostile
netconsole_on() {
	modprobe netconsole 2>/dev/null # nothing to load when built in
	[ -d /sys/kernel/config/netconsole ] ||
		{ modprobe configfs 2>/dev/null; mount -t configfs none /sys/kernel/config 2>/dev/null; }
	[ -d /sys/kernel/config/netconsole ] && mkdir "$NC" || return 1
	echo "$H" >"$NC/dev_name" && echo 198.18.0.1 >"$NC/local_ip" &&
		echo 198.18.0.2 >"$NC/remote_ip" && echo 6665 >"$NC/local_port" &&
		echo 6666 >"$NC/remote_port" && echo "$R_MAC" >"$NC/remote_mac" &&
		echo 1 >"$NC/enabled"
}
netconsole_off() {
	echo 0 >"$NC/enabled"
	rmdir "$NC"
	# a module goes again; built in, it stays
	grep -q '^netconsole ' /proc/modules && rmmod netconsole
}
dmesg -n 8
b_np=$(ethstat "$H" netpoll_polls); b_nop=$(rsnmp Udp NoPorts)
echo >$P0/fault_hits
if netconsole_on; then
	echo 1000000 >$P0/fault_lost_irq
	xxt frames=50 flush=0
	echo "<5>mvneta_xdp hostile: netconsole message" >/dev/kmsg
	sleep 2
	netconsole_off
	echo 0 >$P0/fault_lost_irq
	neta_wait_quiet
	np=$(($(ethstat "$H" netpoll_polls) - ${b_np:-0}))
	nop=$(($(rsnmp Udp NoPorts) - b_nop))
	check "netconsole through a TX queue without room, the port's interrupts lost ($(hits $P0 lost_irq)): budget 0 polls counted ($np), messages received on the peer port ($nop)" \
		test "$np" -gt 0 -a "$nop" -gt 0 -a "$(hits $P0 lost_irq)" -gt 0
else
	[ -d "$NC" ] && rmdir "$NC"
	ktap_skip "netconsole through a TX queue without room" \
		"no netconsole with dynamic targets (CONFIG_NETCONSOLE_DYNAMIC, configfs)"
fi
assert_eq "netconsole: TX ring drained" 0 "$(neta_tx_inuse 0)"

# 11. Bad descriptors: FIRST data_size 0 or 0xffff (beyond buffer, frame and
# MAC limit), LAST without FIRST, FIRST twice; each one frame dropped and
# counted once in rx_errors / rxq0_length_errors, the rest received
for k in zero_size huge_size no_first first_twice; do
	echo >$P1/fault_hits
	b_pk=$(rstat64 "$R" rx_packets); b_er=$(rstat64 "$R" rx_errors)
	b_le=$(rethstat "$R" rxq0_length_errors)
	echo 1 >"$P1/fault_$k"
	gen_run 60 $G
	# first_twice adds a descriptor ahead of a good frame: all G received
	want=$((G - 1)); [ $k = first_twice ] && want=$G
	assert_eq "bad descriptor $k: hit once, 1 frame counted in rx_errors and rxq0_length_errors, $want received" \
		"1 1 1 $want" \
		"$(hits $P1 $k) $(($(rstat64 "$R" rx_errors) - b_er)) $(($(rethstat "$R" rxq0_length_errors) - b_le)) $(($(rstat64 "$R" rx_packets) - b_pk))"
done

# 11. Lost interrupts: every interrupt of the remote port is lost while one
# frame arrives, so only the driver's watchdog (a poll within 2 ticks) can
# receive it. Losing a single interrupt is not enough to prove that: a
# later evaluation of the line (the RX coalescing timer, a second event of
# the same frame once the first interrupt work has run) raises it again.
echo >$P1/fault_hits
b_pk=$(rstat64 "$R" rx_packets); b_wd=$(rethstat "$R" irq_watchdog_polls)
echo 1000000 >$P1/fault_lost_irq
gen_run 60 1
sleep 1.5
lost=$(hits $P1 lost_irq)
wd=$(($(rethstat "$R" irq_watchdog_polls) - ${b_wd:-0}))
pk=$(($(rstat64 "$R" rx_packets) - b_pk))
echo 0 >$P1/fault_lost_irq
assert_eq "lost interrupts ($lost): the frame received anyway, by a watchdog poll (irq_watchdog_polls +$wd)" \
	"1 1 1" "$((lost >= 1)) $pk $((wd >= 1))"

# 11. Flapping link: 4 link-status reads alternate up/down, each raising a
# new link change; the carrier follows and ends up, the port works
b_cc=$(cat /sys/class/net/$H/carrier_changes)
echo 4 >$P0/fault_link_flap
for i in $(seq 50); do [ "$(cat $P0/fault_link_flap)" = 0 ] && break; sleep 0.1; done
sleep 0.5
assert_eq "flapping link: 4 reads hit, carrier down/up twice, up at the end" \
	"4 4 1" "$(hits $P0 link_flap) $(($(cat /sys/class/net/$H/carrier_changes) - b_cc)) $(cat /sys/class/net/$H/carrier)"
check "flapping link: ping gets through afterwards" nping -c 1 -W 5 198.18.0.2

# 11. Stuck link: down while the knob is set, the carrier follows both ways
echo 1 >$P0/fault_link_down
sleep 1
c0=$(cat /sys/class/net/$H/carrier)
echo 0 >$P0/fault_link_down
neta_wait_carrier
assert_eq "stuck link: carrier off while down, on again after" "0 1" \
	"$c0 $(cat /sys/class/net/$H/carrier)"
check "stuck link: ping gets through afterwards" nping -c 1 -W 5 198.18.0.2
assert_eq "bad descriptors, lost interrupt, link faults: 0 model violations" 0 "$(neta_violations)"
echo 0 >$NM/violations

# 4. A UDP socket that never reads keeps the pages of its datagrams. The
# pool must not run dry for everybody else (our pool's page table is
# bounded), and an RX ring the pool cannot refill must not make NAPI spin.
HOARD=3000	# datagrams for the hoarder: more pages than our pool's table
hoarder_start
check "hoarding socket (never reads, 512 MiB receive buffer) bound" test -e /tmp/hoard.ready
gen_send -s -t 200 "$P1" 60 $HOARD
neta_wait_quiet
# the device has nothing left to deliver: 2 s of an idle port; at most
# one refill attempt per 10 ms (the empty-ring retry period), +20
t0=$(date +%s%N)
r0=$(rethstat "$R" refill_errors)
sleep 2
r1=$(rethstat "$R" refill_errors)
ms=$((($(date +%s%N) - t0) / 1000000))
check "hoarding socket: an idle port makes no refill attempts in a loop (refill_errors +$((r1 - r0)) in $ms ms, at most $((ms / 10 + 20)))" \
	test $((r1 - r0)) -le $((ms / 10 + 20))
b_pk=$(rstat64 "$R" rx_packets); b_udp=$($NS cat /proc/net/snmp | grep '^Udp: [0-9]')
b_tx=$(stat64 "$H" tx_packets)
assert_eq "hoarding socket: a socket that reads still receives (50 datagrams)" \
	50 "$(udp_echo_count 50)" ||
	ktap_diag "host tx_packets +$(($(stat64 "$H" tx_packets) - b_tx)), remote rx_packets +$(($(rstat64 "$R" rx_packets) - b_pk)); remote Udp before: $b_udp; after: $($NS cat /proc/net/snmp | grep '^Udp: [0-9]')"
assert_eq "hoarding socket: it held every datagram the generator sent" \
	$HOARD "$(hoarder_count)"
gen_run 60 $G
assert_eq "hoarding socket closed: remote RX ring full of buffers again" \
	"$(neta_rx_ring_size 1)" "$(neta_rx_on_ring 1)"
assert_eq "hoarding socket: 0 model violations" 0 "$(neta_violations)"
echo 0 >$NM/violations

# 4. The pool gives no page at all (test-only knob fail_refill): the ring
# drains, the device receives nothing more; the queue retries from a timer
# instead of polling in a loop, and refills on its own once pages come
# back, without any interrupt
RFS=$DRVFS/neta-model.1/fail_refill
if echo 1 2>/dev/null >"$RFS"; then
	gen_rated 60 400 5000
	# at most one poll per 10 ms (the retry period) over the time the
	# reads took too (ethtool in a netns is slow under TCG), +20
	t0=$(date +%s%N)
	r0=$(rethstat "$R" refill_errors); e0=$(rethstat "$R" rxq0_ring_empty)
	sleep 2
	r1=$(rethstat "$R" refill_errors); e1=$(rethstat "$R" rxq0_ring_empty)
	ms=$((($(date +%s%N) - t0) / 1000000))
	max=$((ms / 10 + 20))
	on=$(neta_rx_on_ring 1)
	check "empty RX ring: retried from a timer, not polled in a loop (polls on the empty ring +$((e1 - e0)), refill_errors +$((r1 - r0)) in $ms ms: 1..$max; ring empty: $on)" \
		test "$on" = 0 -a $((e1 - e0)) -ge 1 -a $((e1 - e0)) -le $max -a $((r1 - r0)) -le $max
	# the device writes a frame into a descriptor the driver holds without
	# a buffer and reports it occupied (own_write, writing branch): the
	# retry timer's next poll must neither receive it nor touch the
	# missing buffer. Nothing may read the RX status in between (debugfs
	# rings does), or the lie goes to that reader.
	hw0=$(rethstat "$R" rxq0_hw_errors); pk0=$(rstat64 "$R" rx_packets)
	echo >$P1/fault_hits
	echo 1 >$P1/fault_own_write
	sleep 0.5
	assert_eq "empty RX ring: a descriptor the device writes while the driver holds it without a buffer is not received, counted once (own_write hits, rxq0_hw_errors, rx_packets)" \
		"1 1 0" "$(hits $P1 own_write) $(($(rethstat "$R" rxq0_hw_errors) - hw0)) $(($(rstat64 "$R" rx_packets) - pk0))"
	echo 0 >"$RFS"
	sleep 0.5
	assert_eq "empty RX ring: refilled by the retry timer once the pool gives pages, no traffic needed" \
		"$(neta_rx_ring_size 1)" "$(neta_rx_on_ring 1)"
	b_pk=$(rstat64 "$R" rx_packets)
	gen_run 60 $G
	assert_eq "empty RX ring: the port receives normally afterwards" \
		"$G" "$(($(rstat64 "$R" rx_packets) - b_pk))"
else
	ktap_fail "empty RX ring: retried from a timer" "no $RFS"
	ktap_fail "empty RX ring: a descriptor the device writes" "no $RFS"
	ktap_fail "empty RX ring: refilled by the retry timer" "no $RFS"
	ktap_fail "empty RX ring: the port receives normally afterwards" "no $RFS"
fi
echo 0 >$NM/violations

# 12. Device fuzz, short (./lab fuzz-device runs the long one): random bad
# descriptors and interrupt faults under every verdict
FUZZ_SEED=${FUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}
for v in pass drop tx redirect xsk; do
	neta_fuzz $v "${FUZZ_N:-500}" "$FUZZ_SEED"
done
assert_eq "fuzz: 0 model violations" 0 "$(neta_violations)"

assert_eq "remote RX ring full of buffers again" "$(neta_rx_ring_size 1)" "$(neta_rx_on_ring 1)"
neta_finish
ktap_finish
