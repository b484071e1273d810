#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: a standard AF_XDP client in zero-copy on mvneta_xdp (NETA model): DPDK's af_xdp PMD (Debian's dpdk-testpmd, its own libxdp program) binds queue 0 of the host port in zero-copy, as ss --xdp (sock_diag, umem zc:1) and the driver's debugfs rings (xsk_zc 1) show from outside testpmd; rxonly counts exactly the N generated frames, the driver's XDP and queue counters agree; txonly: port B received (or overran) exactly what port A sent, testpmd's TX-packets less what its TX ring held at the stop (at most 2048); with the PMD's force_copy=1 the same N frames arrive and neither ss nor the driver shows zero-copy; the PMD takes its program away at exit; 0 pages in flight, 0 model violations
# timeout: 400
# arch: x86_64  (the arm64 guest's userland has no DPDK)
. "$SRC/selftests/lib/neta_xdp.sh"

N=${XDP_FRAMES:-2000}
PMD_OUT=$SCRATCH/testpmd.out
PMD_IN=$SCRATCH/testpmd.in

# dpdk-dev is not among ./lab test's packages (this case is not in the
# suite): without it, one skip that says what to install
if ! command -v dpdk-testpmd >/dev/null; then
	ktap_plan 1
	ktap_skip "DPDK af_xdp PMD in zero-copy" "no dpdk-testpmd: apt-get install dpdk-dev"
	ktap_finish
fi

ktap_plan 28
mark=$(dmesg_mark)
xdp_up
# testpmd's memory on 2 MiB pages: the PMD's umem is its mbuf pool
# (unaligned chunks), and in zero-copy the core refuses a buffer that
# crosses into a page not contiguous with it in DMA, as 4 KiB pages of
# --no-huge memory are (fill ring entries and TX descriptors dropped as
# invalid, the TX ones counted sent by the PMD)
echo 64 >/proc/sys/vm/nr_hugepages
mkdir -p /dev/hugepages
mountpoint -q /dev/hugepages || mount -t hugetlbfs none /dev/hugepages

# pmd_prompts: how many prompts testpmd has printed (one per command done)
pmd_prompts() { grep -o 'testpmd> ' "$PMD_OUT" | wc -l; }

# pmd_start [DEVARGS]: dpdk-testpmd in interactive mode, its commands from
# a fifo, with the af_xdp vdev on queue 0 of $H (DEVARGS: more devargs,
# e.g. ",force_copy=1"); returns once the port is started (the first
# prompt) and the port's carrier is back (a zero-copy bind restarts the
# rings). EAL on the hugepages above, in memory only (no files in
# /var/run/dpdk), without PCI; the umem is testpmd's mbuf pool (8192 mbufs
# of 2 KiB data). stdbuf: testpmd's printf output line-buffered into the file,
# before its prompt.
pmd_start() {
	local i
	rm -f "$PMD_IN"
	mkfifo "$PMD_IN" || return 1
	stdbuf -oL dpdk-testpmd -l 0-1 --no-pci --in-memory -m 96 \
		--huge-dir /dev/hugepages \
		--vdev "net_af_xdp0,iface=$H,start_queue=0,queue_count=1${1:-}" -- \
		-i --nb-cores=1 --rxq=1 --txq=1 --total-num-mbufs=8192 \
		--eth-peer="0,$R_MAC" <"$PMD_IN" >"$PMD_OUT" 2>&1 &
	PMD_PID=$!
	exec 7>"$PMD_IN"
	for i in $(seq 600); do
		[ "$(pmd_prompts)" -ge 1 ] && break
		kill -0 "$PMD_PID" 2>/dev/null || break
		sleep 0.1
	done
	[ "$(pmd_prompts)" -ge 1 ] || { ktap_diag "$(tail -30 "$PMD_OUT")"; return 1; }
	neta_wait_carrier
}

# pmd_cmd CMD: one command to testpmd; returns when its next prompt is
# printed (60 s), the command's output in $PMD_OUT.last
pmd_cmd() {
	local n0 b0 i
	n0=$(pmd_prompts); b0=$(stat -c %s "$PMD_OUT")
	echo "$1" >&7
	for i in $(seq 600); do
		[ "$(pmd_prompts)" -gt "$n0" ] && break
		sleep 0.1
	done
	tail -c +$((b0 + 1)) "$PMD_OUT" >"$PMD_OUT.last"
	[ "$(pmd_prompts)" -gt "$n0" ]
}

# pmd_fwd_stat NAME: RX-packets or TX-packets of port 0's forward
# statistics that the last command (stop) printed
pmd_fwd_stat() {
	awk -v k="$1:" '/Forward statistics for port 0/ { p = 1 }
		p { for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' "$PMD_OUT.last"
}

# pmd_quit: quit testpmd (it closes its socket and detaches its program);
# its exit status
pmd_quit() {
	echo quit >&7
	exec 7>&-
	wait "$PMD_PID"
}

# xsk_ss_zc: "ifindex qid zc" of every XDP socket's umem, as iproute2's ss
# prints sock_diag's XDP_DIAG_UMEM (zc: XDP_DU_F_ZEROCOPY)
xsk_ss_zc() {
	ss --xdp -a -e 2>&1 | tr ',()' '\n' |
		awk -F: '$1 ~ /ifindex$/ { i = $2 } $1 == "qid" { q = $2 } $1 == "zc" { print i, q, $2 }'
}

# ring_zc Q: the driver's xsk_zc of queue line Q (rxq0, txq0) in debugfs
ring_zc() { neta_ring_field 0 "$1" xsk_zc; }

IFX=$(cat "/sys/class/net/$H/ifindex")
# ss --xdp needs the kernel's AF_XDP sock_diag (xsk_diag: a module on
# Debian's 6.12, not built in Debian's 6.1, where only the driver's
# debugfs tells zero-copy from copy)
DIAG=0
modprobe -q xsk_diag 2>/dev/null && DIAG=1

# pmd_rxonly NAME: testpmd's rxonly forwarding while the generator sends
# N frames of 60 bytes into $H: testpmd receives exactly N (the generator
# waits for room on the device's ring, nothing overruns; testpmd polls
# its socket's ring faster than N frames fill it), the program redirected
# all N, queue 0 counted N (4 tests)
pmd_rxonly() {
	local name=$1 hb q0 rx
	pmd_cmd "set fwd rxonly" && pmd_cmd start
	assert_eq "$name: rxonly started" 0 "$?" || ktap_diag "$(cat "$PMD_OUT.last")"
	hb=$(xdp_counts "$H"); q0=$(ethstat "$H" rxq0_packets)
	gen_run 60 "$N"
	pmd_cmd stop
	rx=$(pmd_fwd_stat RX-packets)
	assert_eq "$name: testpmd received N frames (RX-packets)" "$N" "$rx" ||
		ktap_diag "$(cat "$PMD_OUT.last")"
	assert_eq "$name: port A $XDP_NAMES" "$N 0 0 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
	assert_eq "$name: port A rxq0_packets +N" "$N" "$(($(ethstat "$H" rxq0_packets) - q0))"
}

# --- zero-copy (the PMD's default: libxdp binds without XDP_COPY and the
# kernel takes zero-copy when the driver offers it)
pmd_start
assert_eq "testpmd with the af_xdp vdev on $H queue 0 started" 0 "$?"
if [ "$DIAG" = 1 ]; then
	assert_eq "ss --xdp: the socket's umem on $H (ifindex $IFX) queue 0 is zero-copy (zc:1)" \
		"$IFX 0 1" "$(xsk_ss_zc)" || ktap_diag "$(ss --xdp -a -e 2>&1)"
else
	ktap_skip "ss --xdp: the socket's umem is zero-copy" "no xsk_diag in this kernel (Debian's 6.1: XDP_SOCKETS_DIAG not set)"
fi
assert_eq "driver debugfs: rxq0 and txq0 run on the umem (xsk_zc 1 1)" "1 1" \
	"$(ring_zc rxq0) $(ring_zc txq0)" || ktap_diag "$(neta_rings 0)"
check "the PMD attached an XDP program in native mode (xdp, not xdpgeneric)" \
	sh -c "ip link show dev $H | grep -qw xdp"
pmd_rxonly "zero-copy"

# txonly: testpmd sends 64-byte UDP frames to port B's MAC for 2 s.
# What port A sent port B received or overran (its rx_fifo_errors):
# exact. testpmd's TX-packets counts what the PMD put on the socket's TX
# ring; once stopped it no longer kicks the socket (its last burst goes on
# the ring after its last kick) nor reaps the completion ring, and the
# kernel takes a TX descriptor only with a completion slot free: what is
# on the TX ring at the stop is never sent (dropped when the socket
# closes). At most the TX ring, 2048 (the PMD's default ring size); 70 of
# 65,908 and 916 of 61,265 measured. On 4 KiB pages (--no-huge) thousands
# more were refused as crossing into a non-contiguous page (4096 to 4731
# per run).
rr0=$(rstat64 "$R" rx_packets); ht0=$(stat64 "$H" tx_packets)
rf0=$(rstat64 "$R" rx_fifo_errors)
pmd_cmd "set fwd txonly" && pmd_cmd start
assert_eq "txonly started" 0 "$?" || ktap_diag "$(cat "$PMD_OUT.last")"
sleep 2
pmd_cmd stop
tx=$(pmd_fwd_stat TX-packets)
neta_wait_quiet
sent=$(($(stat64 "$H" tx_packets) - ht0))
ktap_diag "txonly: testpmd counted ${tx:-?} in 2 s, port A sent $sent, port B overran $(($(rstat64 "$R" rx_fifo_errors) - rf0))"
check "txonly: port A sent frames" test "$sent" -gt 0
assert_eq "txonly: port B rx_packets + rx_fifo_errors = port A tx_packets" "$sent" \
	"$(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"
check "txonly: port A sent what testpmd counted less at most its TX ring, 2048 ($sent of ${tx:-?})" \
	test "${tx:-0}" -ge "$sent" -a "$((${tx:-0} - sent))" -le 2048 ||
	ktap_diag "$(grep txq0 "$DRVFS/neta-model.0/rings")"

pmd_quit
assert_eq "testpmd quit: exit 0" 0 "$?" || ktap_diag "$(tail -20 "$PMD_OUT")"
neta_wait_carrier
assert_eq "after quit: no XDP socket left (ss), queues back on the page pool (xsk_zc 0 0)" \
	" 0 0" "$(xsk_ss_zc) $(ring_zc rxq0) $(ring_zc txq0)"
check "after quit: the PMD detached its XDP program" \
	sh -c "! ip link show dev $H | grep -qw 'xdp\|prog/xdp'"

# --- copy mode forced (force_copy=1: XDP_COPY): the same traffic works,
# nothing says zero-copy
pmd_start ",force_copy=1"
assert_eq "force_copy=1: testpmd started" 0 "$?"
if [ "$DIAG" = 1 ]; then
	assert_eq "force_copy=1: ss --xdp: the umem on $H queue 0 is not zero-copy (zc:0)" \
		"$IFX 0 0" "$(xsk_ss_zc)" || ktap_diag "$(ss --xdp -a -e 2>&1)"
else
	ktap_skip "force_copy=1: ss --xdp: the umem is not zero-copy" "no xsk_diag in this kernel"
fi
assert_eq "force_copy=1: driver debugfs: xsk_zc 0 0 (rings on the page pool)" "0 0" \
	"$(ring_zc rxq0) $(ring_zc txq0)" || ktap_diag "$(neta_rings 0)"
pmd_rxonly "copy mode"
pmd_quit
assert_eq "force_copy=1: testpmd quit: exit 0" 0 "$?" || ktap_diag "$(tail -20 "$PMD_OUT")"
neta_wait_carrier
check "after quit: the PMD detached its XDP program" \
	sh -c "! ip link show dev $H | grep -qw 'xdp\|prog/xdp'"

umount /dev/hugepages
echo 0 >/proc/sys/vm/nr_hugepages
neta_finish
ktap_finish
