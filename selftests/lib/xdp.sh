# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers of the seed-recipe XDP cases (selftests/cases/6*_*.sh) and the
# driver benchmarks (selftests/bench/xdp_*.sh); sources neta_xdp.sh.
# Port 0 ($H) is the "host" of the seed's recipes (the port under test),
# port 1 ($R, netns remote) the "remote" machine.

# sourced once, whatever sources it too
[ -z "${LIB_XDP_SH:-}" ] || return 0
LIB_XDP_SH=1
. "$SRC/selftests/lib/neta_xdp.sh"

XDP_STOOLS=$SRC/selftests/tools

# xdp_swapped_addresses: the host port answers to 198.18.0.2 and the remote
# to 198.18.0.1, so the model generator's frames (198.18.0.1 -> 198.18.0.2,
# UDP port 9) injected into the host port are for the host's own stack
# (run after neta_pair_up)
xdp_swapped_addresses() {
	ip addr flush dev "$H" || return 1
	ip addr add 198.18.0.2/24 dev "$H" || return 1
	$NS ip addr flush dev "$R" || return 1
	$NS ip addr add 198.18.0.1/24 dev "$R" || return 1
	ip neigh replace 198.18.0.1 lladdr "$R_MAC" dev "$H" nud permanent || return 1
	$NS ip neigh replace 198.18.0.2 lladdr "$H_MAC" dev "$R" nud permanent
}

# udp_sink_start PORT [NETNS_PREFIX...]: a UDP socket bound to PORT counts
# datagrams until stopped (udp_sink_stop prints "datagrams bytes")
udp_sink_start() {
	local port=$1
	shift
	sysctl -qw net.core.rmem_max=134217728
	UDP_SINK_OUT=$SCRATCH/udp_sink.$port
	rm -f "$UDP_SINK_OUT" "$UDP_SINK_OUT.ready"
	"$@" python3 "$XDP_STOOLS/udp_sink.py" --port "$port" --rcvbuf 67108864 \
		--ready "$UDP_SINK_OUT.ready" >"$UDP_SINK_OUT" 2>&1 &
	UDP_SINK_PID=$!
	local i
	for i in $(seq 100); do
		[ -e "$UDP_SINK_OUT.ready" ] && return 0
		sleep 0.1
	done
	echo "udp_sink did not start: $(cat "$UDP_SINK_OUT")"
	return 1
}

# udp_sink_stop: stop the sink after it drained its socket; its counts are
# then in $UDP_SINK_OUT (not in a subshell: the sink is this shell's child)
udp_sink_stop() {
	kill -USR1 "$UDP_SINK_PID" 2>/dev/null
	wait "$UDP_SINK_PID"
}

# udp_stat FIELD: a /proc/net/snmp Udp counter of the root netns
udp_stat() {
	awk -v f="$1" '$1 == "Udp:" && !h { for (i = 2; i <= NF; i++) c[$i] = i; h = 1; next }
		$1 == "Udp:" && h { print $c[f]; exit }' /proc/net/snmp
}

# xdp_no_tc DEV: no clsact qdisc left on DEV
xdp_no_tc() { tc qdisc del dev "$1" clsact 2>/dev/null || true; }
