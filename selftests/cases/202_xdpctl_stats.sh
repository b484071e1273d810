#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdpctl stats equals veth's ethtool counters after N dropped frames; --watch rates
# timeout: 240
. "$SRC/selftests/lib/case.sh"

N=5000
M=40000

# ethtool_stat DEV NAME
ethtool_stat() {
	ethtool -S "$1" | awk -v n="$2:" '$1 == n {print $2}'
}

ktap_plan 13
ip link add v0 type veth peer name v1 || die "cannot create veth"
quiet_port v0
quiet_port v1
ip link set v0 up
ip link set v1 up

check "attach xdp_drop with xdpctl" "$XDPCTL" load v1 "$BPF/xdp_drop.bpf.o"
mac=$(cat /sys/class/net/v1/address)
pg_send v0 "$mac" "$N" 60 || die "pktgen failed"

json=$("$XDPCTL" stats v1 --json)
assert_eq "stats --json names the driver" veth "$(echo "$json" | jq -r .driver)"
assert_eq "rx_queue_0_xdp_drops is N" "$N" "$(echo "$json" | jq '.counters.rx_queue_0_xdp_drops.value')"
assert_eq "rx_queue_0_xdp_packets is N" "$N" "$(echo "$json" | jq '.counters.rx_queue_0_xdp_packets.value')"

# every counter shown equals ethtool's, and every *xdp* counter is shown
diff=""
for name in $(echo "$json" | jq -r '.counters | keys[]'); do
	[ "$(echo "$json" | jq ".counters.$name.value")" = "$(ethtool_stat v1 "$name")" ] ||
		diff="$diff $name"
done
assert_eq "every value equals ethtool -S" "" "$diff"
assert_eq "every *xdp* counter of ethtool -S is shown" \
	"$(ethtool -S v1 | grep -c '_xdp_')" \
	"$(echo "$json" | jq '.counters | length')"

# --watch: no traffic, rate 0
w=$("$XDPCTL" stats v1 --watch 1 --count 1 --json)
assert_eq "one JSON shape: the same keys once and with --watch, schema_version 1" \
	"$(echo "$json" | jq -c '[keys_unsorted, .schema_version, (.counters[] | keys_unsorted)] | unique')" \
	"$(echo "$w" | jq -c '[keys_unsorted, .schema_version, (.counters[] | keys_unsorted)] | unique')"
assert_eq "--watch --json without traffic: value N, rate 0" "$N true" \
	"$(echo "$w" | jq -r '.counters.rx_queue_0_xdp_drops | "\(.value) \(.rate == 0)"')"

# --watch while pktgen runs: every rate is (value - previous value) / interval
# (to the printed precision), whatever the timing. That alone also holds
# when nothing moved (every delta and rate 0): the frames must have been
# counted during the window, and the values must lie between what ethtool
# reads before and after it (an independent reader of the same counter).
before=$(ethtool_stat v1 rx_queue_0_xdp_drops)
pg_send v0 "$mac" "$M" 60 >/dev/null &
pg=$!
w=$("$XDPCTL" stats v1 --watch 0.3 --count 4 --json)
wait "$pg" || die "pktgen failed"
after=$(ethtool_stat v1 rx_queue_0_xdp_drops)
assert_eq "--watch rates match value deltas over the interval" true \
	"$(echo "$w" | jq -s '[range(1; length) as $i
		| .[$i].counters.rx_queue_0_xdp_drops.rate * .[$i].interval
		  - (.[$i].counters.rx_queue_0_xdp_drops.value
		     - .[$i - 1].counters.rx_queue_0_xdp_drops.value)
		| . < 1 and . > -1] | length == 3 and all')"
moved=$(echo "$w" | jq -s '[.[].counters.rx_queue_0_xdp_drops.value] | .[-1] - .[0]')
ktap_diag "--watch window: $moved frames counted, ethtool $before before, $after after"
assert_ge "--watch: frames counted during the window (rate > 0)" 1 "$(echo "$w" |
	jq -s '[.[1:][] | select(.counters.rx_queue_0_xdp_drops.rate > 0)] | length')"
assert_eq "--watch values within ethtool's before/after, and they moved" true \
	"$(echo "$w" | jq -s --argjson b "$before" --argjson a "$after" \
		'[.[].counters.rx_queue_0_xdp_drops.value] | all(. >= $b and . <= $a) and .[-1] > .[0]')"
assert_eq "stats after the second burst" "$((N + M))" \
	"$("$XDPCTL" stats v1 --json | jq '.counters.rx_queue_0_xdp_drops.value')"

check "unload" "$XDPCTL" unload v1
ip link del v0
ktap_finish
