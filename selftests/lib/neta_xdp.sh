# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers of the XDP guest cases (selftests/cases/5*_xdp_*.sh) on the
# NETA model; sources neta.sh. The model's
# generator injects frames into port 0 ($H, root netns) as if received
# from the wire; port 1 ($R, netns remote) receives what $H transmits.

# sourced once, whatever sources it too
[ -z "${LIB_NETA_XDP_SH:-}" ] || return 0
LIB_NETA_XDP_SH=1
. "$SRC/selftests/lib/neta.sh"

P0=$NM/port0
XDP_NAMES="rx_xdp_redirect rx_xdp_pass rx_xdp_drop rx_xdp_tx rx_xdp_tx_errors tx_xdp_xmit tx_xdp_xmit_errors"

# xdp_up: load everything, ports up, link up; dies on failure
xdp_up() {
	neta_tracing_on
	neta_load "$@" || die "cannot load the NETA model and mvneta_xdp"
	neta_pair_up || die "cannot set the ports up"
	neta_wait_carrier || die "no carrier"
	# fewer device overruns on the receiving side of XDP_TX/redirects
	$NS ethtool -G "$R" rx 512 tx 1024
	# XDP_TX and ndo_xdp_xmit share the host's TX rings: the largest size
	ethtool -G "$H" rx 512 tx 1024
	# NETA_MTU: both ports' MTU, e.g. 1400 for RX fragment mode
	# (selftests/cases-frag)
	if [ -n "${NETA_MTU:-}" ]; then
		ip link set "$H" mtu "$NETA_MTU" || die "MTU $NETA_MTU refused"
		$NS ip link set "$R" mtu "$NETA_MTU" || die "MTU $NETA_MTU refused"
	fi
}

# gen_run SIZE COUNT [RATE [FLOWS]]: the generator sends COUNT frames of
# SIZE into port 0 (RATE 0: back-pressure, nothing overruns; a stuck
# generator is given up after 300 s) and the ports go quiet then; FLOWS (or
# GEN_FLOWS): UDP flows (default 1; several spread over the RX queues with
# the model's rx_hash)
gen_run() {
	gen_send -r "${3:-0}" -f "${4:-${GEN_FLOWS:-1}}" -t 3000 $P0 "$1" "$2"
	xdp_wait_quiet
}

# xdp_paced NAME SIZE N RATE: gen_run SIZE N RATE, then XDP_OVERRUNS = the
# frames the host's RX ring had no room for (device overruns, counted in
# rx_fifo_errors: they never reach the program) and XDP_GOT = the others;
# one test that traffic reached the program (xdp_flowed)
xdp_paced() {
	local hf0
	hf0=$(stat64 "$H" rx_fifo_errors)
	gen_run "$2" "$3" "$4"
	XDP_OVERRUNS=$(($(stat64 "$H" rx_fifo_errors) - hf0))
	XDP_GOT=$(($3 - XDP_OVERRUNS))
	[ "$XDP_OVERRUNS" = 0 ] ||
		ktap_diag "$1: $XDP_OVERRUNS of $3 frames overran the host's RX ring at $4/s"
	xdp_flowed "$1" "$3" "$XDP_OVERRUNS" "$4"
}

# xdp_wait_quiet: wait (30 s) until the host's RX/TX and the remote's RX
# counters stop moving
xdp_wait_quiet() { wait_quiet host:rx_packets host:tx_packets remote:rx_packets; }

# xdp_counts DEV: the 7 XDP counters of ethtool -S, one line
xdp_counts() {
	local n out=""
	for n in $XDP_NAMES; do
		out="$out $(ethstat "$1" "$n")"
	done
	echo "${out# }"
}

# xdp_only IDX COUNT: the XDP counters as xdp_counts prints them, COUNT
# at IDX (the order of XDP_NAMES) and 0 for every other one: what a run
# whose frames all took one verdict must add
xdp_only() {
	# shellcheck disable=SC2206 # word splitting wanted: a list of names
	local -a names=($XDP_NAMES)
	local i out=""
	for i in "${!names[@]}"; do
		[ "$i" = "$1" ] && out="$out $2" || out="$out 0"
	done
	echo "${out# }"
}

# xdp_delta BEFORE AFTER: element-wise difference of two count lines
xdp_delta() {
	# shellcheck disable=SC2206 # word splitting wanted: a list of numbers
	local -a a=($1) b=($2)
	local i out=""
	for i in "${!a[@]}"; do
		out="$out $((b[i] - a[i]))"
	done
	echo "${out# }"
}

# xdp_flowed NAME N OVERRUNS RATE: one test that traffic reached the
# program. The paced checks expect N - OVERRUNS frames everywhere, which
# also holds when every frame overran and nothing moved: under
# back-pressure (RATE 0) nothing may overrun, paced at least half of the N
# frames must have been received.
xdp_flowed() {
	if [ "$4" = 0 ]; then
		assert_eq "$1: no overrun under back-pressure, all $2 frames received" 0 "$3"
	else
		assert_ge "$1: at least half of the $2 frames received at $4/s ($3 overran)" \
			$(($2 / 2)) $(($2 - $3))
	fi
}

# xdp_add_fifo COUNTS FIFO: COUNTS with FIFO added to the drop counter (the
# third): frames a port sent back to us that our RX ring had no room for
# (device overrun, rx_fifo_errors) never reached the program
xdp_add_fifo() {
	# shellcheck disable=SC2206 # word splitting wanted: a list of numbers
	local -a c=($1)
	c[2]=$((c[2] + $2))
	echo "${c[*]}"
}

# vlan_send PRIO COUNT: the remote sends COUNT tagged frames of priority
# PRIO (VLAN 5, ethertype 0x88b5) to the host port; with
# MVNETA_VLAN_PRIO_TO_RXQ written (through the model's register access, as
# mvneta's mqprio offload would) they reach the RX queue of that priority
vlan_send() {
	$NS python3 -c '
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
tci = (int(sys.argv[4]) << 13) | 5
f = (bytes.fromhex(sys.argv[2].replace(":", "")) + bytes.fromhex(sys.argv[3].replace(":", "")) +
     b"\x81\x00" + tci.to_bytes(2, "big") + b"\x88\xb5" + bytes(46))
for _ in range(int(sys.argv[5])):
    s.send(f)
' "$R" "$H_MAC" "$R_MAC" "$1" "$2"
}

# xdp_attach DEV OBJ SEC: native attach of $BPF/OBJ.bpf.o, section SEC
xdp_attach() {
	ip link set dev "$1" xdpdrv obj "$BPF/$2.bpf.o" sec "$3"
}

xdp_detach() {
	ip link set dev "$1" xdpdrv off
}

# xdp_conserved BEFORE AFTER RX_BEFORE: rx_packets delta equals the sum of
# the RX verdicts (redirect + pass + drop + tx + tx_errors)
xdp_conserved() {
	# shellcheck disable=SC2207 # word splitting wanted: a list of numbers
	local -a d=($(xdp_delta "$1" "$2"))
	local rx=$(($(stat64 "$H" rx_packets) - $3))
	local sum=$((d[0] + d[1] + d[2] + d[3] + d[4]))
	[ "$rx" = "$sum" ] || { echo "rx_packets +$rx, verdicts +$sum"; return 1; }
}

# u32le N: N as the 4 bytes bpftool wants for a key or value
u32le() {
	printf '%d %d %d %d' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255))
}

