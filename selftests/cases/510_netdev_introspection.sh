#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: what the netdev genetlink family (6.12) shows of mvneta_xdp: each port's kernel page pools (page-pool-get: NAPI id, pages in flight as debugfs counts them), their statistics (page-pool-stats-get: what traffic adds equals what it adds to ethtool's rx_pp_*, or absent with them when the kernel has no PAGE_POOL_STATS), its NAPI and interrupt (napi-get), every queue linked to that NAPI (queue-get), per-queue counters equal to ethtool's rxqN_/txqN_ after known traffic (qstats-get), xdpctl show and stats --all against the same answers; skipped on 6.1, which has no netdev family
# timeout: 300
. "$SRC/selftests/lib/neta_xdp.sh"

TOOL=$SRC/selftests/tools/netdev_nl.py
N=2000

# nl [NS...] WHAT DEV: the tool's answer, rc in $nl_rc
nl() { "${@:1:$#-2}" python3 "$TOOL" "${@: -2}"; }

# eth_qstats DEV [NS...]: the qstats lines the tool should print, built from
# ethtool -S (rxqN_*, txqN_*) with the driver's mapping: alloc-fail =
# skb_alloc_errors + refill_errors, hw-drops = errors (device-reported),
# hw-drop-overruns = over_errors, stop/wake = stops/wakes
eth_qstats() {
	local dev=$1
	shift
	"$@" ethtool -S "$dev" | awk '
		$1 ~ /^[rt]xq[0-9]+_/ {
			name = $1; sub(/:$/, "", name)
			kind = substr(name, 1, 2); q = substr(name, 4) + 0
			f = name; sub(/^[rt]xq[0-9]+_/, "", f)
			v[kind, q, f] = $2; seen[kind, q] = 1
		}
		END {
			for (k in seen) {
				split(k, a, SUBSEP)
				if (a[1] == "rx")
					printf "qstats rx %d packets=%d bytes=%d alloc-fail=%d hw-drops=%d hw-drop-overruns=%d\n", a[2],
						v["rx", a[2], "packets"], v["rx", a[2], "bytes"],
						v["rx", a[2], "skb_alloc_errors"] + v["rx", a[2], "refill_errors"],
						v["rx", a[2], "errors"], v["rx", a[2], "over_errors"]
				else
					printf "qstats tx %d packets=%d bytes=%d stop=%d wake=%d\n", a[2],
						v["tx", a[2], "packets"], v["tx", a[2], "bytes"],
						v["tx", a[2], "stops"], v["tx", a[2], "wakes"]
			}
		}' | LC_ALL=C sort
}

# eth_pool_stats DEV ID [NS...]: the pool-stats line of the port's only
# pool, from ethtool's rx_pp_* (sums over the queues' pools)
eth_pool_stats() {
	local dev=$1 id=$2
	shift 2
	"$@" ethtool -S "$dev" | awk -v id="$id" '
		$1 ~ /^rx_pp_/ { name = $1; sub(/:$/, "", name); v[name] = $2 }
		END {
			printf "pool-stats id=%d alloc-fast=%d alloc-slow=%d alloc-slow-high-order=%d alloc-empty=%d alloc-refill=%d alloc-waive=%d recycle-cached=%d recycle-cache-full=%d recycle-ring=%d recycle-ring-full=%d recycle-released-refcnt=%d\n",
				id, v["rx_pp_alloc_fast"], v["rx_pp_alloc_slow"], v["rx_pp_alloc_slow_ho"],
				v["rx_pp_alloc_empty"], v["rx_pp_alloc_refill"], v["rx_pp_alloc_waive"],
				v["rx_pp_recycle_cached"], v["rx_pp_recycle_cache_full"], v["rx_pp_recycle_ring"],
				v["rx_pp_recycle_ring_full"], v["rx_pp_recycle_released_ref"]
		}'
}

# expected_queues DEV NAPI_ID [NS...]: one queue-get line per RX and TX
# queue of the port (as many as /sys/class/net/DEV/queues has), all served
# by NAPI_ID
expected_queues() {
	local dev=$1 napi=$2 q
	shift 2
	for q in $("$@" ls "/sys/class/net/$dev/queues"); do
		echo "queue ${q%%-*} ${q#*-} napi-id=$napi"
	done | LC_ALL=C sort
}

# kv_delta BEFORE AFTER: "k=after-before ..." of two lines "WORD k=v ..."
# with the same keys in the same order (the first word dropped)
kv_delta() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		n = split(a, x, " "); split(b, y, " ")
		for (i = 2; i <= n; i++) {
			split(x[i], p, "="); split(y[i], q, "=")
			printf "%s%s=%d", (i > 2 ? " " : ""), p[1], q[2] - p[2]
		}
		print ""
	}'
}

# field LINE KEY: the value of KEY=... in LINE
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

ktap_plan 22
mark=$(dmesg_mark)
xdp_up
out=$(nl napis "$H")
rc=$?
if [ $rc = 4 ]; then
	why="Linux $(uname -r) has no netdev genetlink family (ethtool -S has the same counters): $out"
	for t in "port A: one NAPI with the port's interrupt" "port A: one kernel page pool per RX queue" \
		"port A pool: served by the port's NAPI" "port A pool: pages in flight = debugfs pool_pages" \
		"port A pool: inflight-mem = inflight x page size" "port A: every RX and TX queue linked to its NAPI" \
		"port B: one NAPI, every queue linked to it, other id than A's" "port B: one pool served by its NAPI" \
		"traffic flowed: host received >= $N + 20, sent >= 20" \
		"host qstats = ethtool txqN_/rxqN_ counters after $N frames" \
		"remote qstats = ethtool rxqN_/txqN_ counters after $N frames" \
		"remote device qstats rx-packets = rx_packets" "host device qstats tx-packets = tx_packets" \
		"page-pool-stats-get consistent with ethtool rx_pp_*" \
		"port A down: its pools destroyed, none listed" "port A up again: one pool per RX queue, on the NAPI"; do
		ktap_skip "$t" "$why"
	done
	# xdpctl says so and falls back to the driver's ethtool counters
	assert_eq "xdpctl show: XDP features not reported by this kernel" \
		"$H: xdp-features not reported by this kernel (netdev netlink family, Linux 6.3+)" \
		"$($XDPCTL show "$H" | head -n1)"
	assert_eq "xdpctl stats --all: queues from ethtool (rxq0_packets)" \
		"rx-queue 0 (ethtool): rxq0_packets=$(ethstat "$H" rxq0_packets)" \
		"$($XDPCTL stats "$H" --all | grep '^rx-queue 0 ' | cut -d' ' -f1-4)"
	neta_finish
	ktap_finish
	exit
fi

# --- objects of port A at rest ---
napi_a=$out
id_a=$(field "$napi_a" id)
irq_a=$(awk -v d="$H" '$NF == d { sub(/:$/, "", $1); print $1 }' /proc/interrupts)
assert_eq "port A: one NAPI with the port's interrupt" "napi id=$id_a irq=$irq_a" "$napi_a"
pools=$(nl pools "$H")
rxqs=$(grep -c '^rxq' "$DRVFS/neta-model.0/rings")
assert_eq "port A: one kernel page pool per RX queue" "$rxqs" "$(echo "$pools" | grep -c '^pool ')"
pool0=$(echo "$pools" | head -n1)
assert_eq "port A pool: served by the port's NAPI" "$id_a" "$(field "$pool0" napi-id)"
pages=$(sed -n 's/^rxq0 .* pool_pages \([0-9]*\) .*/\1/p' "$DRVFS/neta-model.0/rings")
assert_eq "port A pool: pages in flight = debugfs pool_pages" "$pages" "$(field "$pool0" inflight)"
# no getconf in the arm64 guest's root
psize=$(awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps)
assert_eq "port A pool: inflight-mem = inflight x page size" "$((pages * psize))" \
	"$(field "$pool0" inflight-mem)"
assert_eq "port A: every RX and TX queue linked to its NAPI" "$(expected_queues "$H" "$id_a")" \
	"$(nl queues "$H")"

napi_b=$(nl $NS napis "$R")
id_b=$(field "$napi_b" id)
check "port B: one NAPI, every queue linked to it, other id than A's" \
	test "$(echo "$napi_b" | grep -c '^napi ')" = 1 -a -n "$id_b" -a "$id_b" != "$id_a" -a \
	"$(nl $NS queues "$R")" = "$(expected_queues "$R" "$id_b" $NS)"
pools_b=$(nl $NS pools "$R")
assert_eq "port B: one pool served by its NAPI" "1 $id_b" \
	"$(echo "$pools_b" | grep -c '^pool ') $(field "$(echo "$pools_b" | head -n1)" napi-id)"

# page-pool-stats-get exists only in kernels built with PAGE_POOL_STATS,
# which is also what gives the driver its rx_pp_* counters. Those are
# cumulative over ring restarts (the pool of each restart adds to them), the
# kernel's are the live pool's: what the traffic adds must be equal.
ps0=$(nl pool-stats "$H" 2>&1)
ps_rc=$?
pid_a=$(field "$pool0" id)
eps0=$(eth_pool_stats "$H" "$pid_a")

# --- known traffic, then the per-queue counters: the model's generator
# gives port A $N frames, 20 pings go A -> B -> A
h_rx0=$(stat64 "$H" rx_packets)
h_tx0=$(stat64 "$H" tx_packets)
gen_run 60 "$N"
nping -c 20 -i 0.1 -W 2 -I "$H" 198.18.0.2 >/dev/null
xdp_wait_quiet
ktap_diag "host received $(($(stat64 "$H" rx_packets) - h_rx0)), sent $(($(stat64 "$H" tx_packets) - h_tx0)); remote received $(rstat64 "$R" rx_packets)"
check "traffic flowed: host received >= $N + 20, sent >= 20" \
	test $(($(stat64 "$H" rx_packets) - h_rx0)) -ge $((N + 20)) -a $(($(stat64 "$H" tx_packets) - h_tx0)) -ge 20
assert_eq "host qstats = ethtool txqN_/rxqN_ counters after $N frames" "$(eth_qstats "$H")" \
	"$(nl qstats "$H")"
assert_eq "remote qstats = ethtool rxqN_/txqN_ counters after $N frames" "$(eth_qstats "$R" $NS)" \
	"$(nl $NS qstats "$R")"
assert_eq "remote device qstats rx-packets = rx_packets" "$(rstat64 "$R" rx_packets)" \
	"$(field "$(nl $NS dev-qstats "$R")" rx-packets)"
assert_eq "host device qstats tx-packets = tx_packets" "$(stat64 "$H" tx_packets)" \
	"$(field "$(nl dev-qstats "$H")" tx-packets)"

# xdpctl's own netdev client reads the same as the raw tool
assert_eq "xdpctl show: the XDP features of dev-get" \
	"$H: xdp-features basic redirect ndo-xmit xsk-zerocopy rx-sg ndo-xmit-sg" "$($XDPCTL show "$H" | head -n1)"
xs=$($XDPCTL stats "$H" --all 2>&1)
assert_eq "xdpctl stats --all: pools and queues as page-pool-get and qstats-get list them (pool statistics aside)" \
	"$(nl pools "$H" | sed 's/^pool id=\([0-9]*\) /page-pool \1: /'; nl qstats "$H" | sed 's/^qstats \(rx\|tx\) /\1-queue /; s/^\([rt]x-queue [0-9]*\) /\1: /')" \
	"$(echo "$xs" | grep -E '^(page-pool [0-9]|[rt]x-queue )' | sed 's/ alloc-fast=.*//')"

ps=$(nl pool-stats "$H" 2>&1)
if [ $ps_rc = 5 ]; then
	ktap_diag "$ps0"
	check "page-pool-stats-get consistent with ethtool rx_pp_* (both absent: no PAGE_POOL_STATS)" \
		test -z "$(ethtool -S "$H" | grep rx_pp_)"
else
	ktap_diag "page-pool-stats-get $ps"
	assert_eq "page-pool-stats-get consistent with ethtool rx_pp_* (what the traffic added is equal)" \
		"$(kv_delta "$eps0" "$(eth_pool_stats "$H" "$pid_a")")" "$(kv_delta "$ps0" "$ps")"
fi

# --- the pools follow the rings ---
ip link set "$H" down
assert_eq "port A down: its pools destroyed, none listed" "" "$(nl pools "$H")"
ip link set "$H" up
neta_wait_carrier
pools=$(nl pools "$H")
id_a=$(field "$(nl napis "$H")" id)
assert_eq "port A up again: one pool per RX queue, on the NAPI" "$rxqs $id_a" \
	"$(echo "$pools" | grep -c '^pool ') $(field "$(echo "$pools" | head -n1)" napi-id)"
neta_finish
ktap_finish
