#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdpctl on mvneta_xdp (NETA model, own page pool): load/show natively, stats = ethtool -S with mvneta's names, --all adds rx_pp_*, --per-queue tables = ethtool's rxqN_/txqN_, drops + overruns = sent
# timeout: 400
# shellcheck disable=SC2034 # read by neta.sh
NETA_POOL=own
. "$SRC/selftests/lib/neta.sh"

N=${XDP_FRAMES:-20000}
XDP_NAMES="rx_xdp_redirect rx_xdp_pass rx_xdp_drop rx_xdp_tx rx_xdp_tx_errors tx_xdp_xmit tx_xdp_xmit_errors"

# xr ARGS...: xdpctl in netns remote
xr() { $NS "$XDPCTL" "$@"; }

# same_as_ethtool JSON: names of the counters whose value differs from
# ethtool -S of the remote port ("" when all equal)
same_as_ethtool() {
	local name diff=""
	for name in $(echo "$1" | jq -r '.counters | keys[]'); do
		[ "$(echo "$1" | jq ".counters.$name.value")" = "$(rethstat "$R" "$name")" ] ||
			diff="$diff $name"
	done
	echo "$diff"
}

# queue_cells TEXT: the cells of xdpctl stats --per-queue's tables as
# "<kind><queue>_<field>=<value>" lines (rxq0_packets=5), "-" cells left out
queue_cells() {
	awk 'NF == 0 { t = 0; next }
		$1 == "rxq" || $1 == "txq" { t = $1; n = NF; for (i = 2; i <= NF; i++) f[i] = $i; next }
		t { for (i = 2; i <= n; i++) if ($i != "-") print t $1 "_" f[i] "=" $i }' <<<"$1"
}

# mib_vs_ethtool PORTDIR DEV: the model's counters (its debugfs mib: name
# value) that ethtool -S of DEV in the remote namespace shows under the
# same name with another value, as "name=model/ethtool" ("" when all equal)
mib_vs_ethtool() {
	local name val got diff=""
	while read -r name val; do
		got=$(rethstat "$2" "$name")
		[ "$got" = "$val" ] || diff="$diff $name=$val/${got:-missing}"
	done <"$1/mib"
	echo "$diff"
}

ktap_plan 17
mark=$(dmesg_mark)
neta_load || die "cannot load the NETA model and mvneta_xdp"
neta_pair_up || die "cannot set the ports up"
neta_wait_carrier || die "no carrier"

check "xdpctl load xdp_drop natively on the mvneta_xdp port" \
	xr load "$R" "$BPF/xdp_drop.bpf.o"
assert_eq "show --json: native xdp_drop_prog on the port" "$R native xdp_drop_prog" \
	"$(xr show "$R" --json | jq -r '.[0] | "\(.ifname) \(.mode) \(.name)"')"

pg_send "$H" "$R_MAC" "$N" 60 198.18.0.2 198.18.0.1 || die "pktgen failed"
neta_wait_quiet

# the hardware counters: one name per register, and each name on the value
# the device counted for it (the model's own count under that name)
names=$($NS ethtool -S "$R" | awk 'NR > 1 { sub(/:$/, "", $1); print $1 }')
assert_eq "ethtool -S: every counter has a name, none twice" "" \
	"$( (grep -c '^$' <<<"$names" | grep -v '^0$'; sort <<<"$names" | uniq -d) | tr '\n' ' ')"
assert_eq "ethtool -S MIB counters = what the model counted, name by name" "" \
	"$(mib_vs_ethtool "$NM/port1" "$R")"

json=$(xr stats "$R" --json)
assert_eq "stats names the driver as ethtool -i does" \
	"$($NS ethtool -i "$R" | awk '/^driver:/ {print $2}')" "$(echo "$json" | jq -r .driver)"
assert_eq "stats shows mvneta's 7 XDP counters, in order" "$XDP_NAMES" \
	"$(echo "$json" | jq -r '.counters | keys_unsorted | join(" ")')"
assert_eq "every value equals ethtool -S" "" "$(same_as_ethtool "$json")"
fifo=$(rstat64 "$R" rx_fifo_errors)
drop=$(echo "$json" | jq .counters.rx_xdp_drop.value)
ktap_diag "rx_xdp_drop $drop, overruns $fifo"
assert_eq "rx_xdp_drop + overruns = $N sent" "$N" "$((drop + fifo))"
# the sum holds as well when every frame overran: the program must have
# dropped most of them
assert_ge "rx_xdp_drop: at least half of the $N frames reached the program" $((N / 2)) "$drop"
assert_eq "no other verdict counted" "0 0 0 0" \
	"$(echo "$json" | jq -r '.counters | "\(.rx_xdp_pass.value) \(.rx_xdp_tx.value) \(.rx_xdp_redirect.value) \(.rx_xdp_tx_errors.value)"')"

all=$(xr stats "$R" --all --json)
assert_eq "--all adds the 11 rx_pp_* counters of the own pool" 11 \
	"$(echo "$all" | jq '[.counters | keys[] | select(startswith("rx_pp_"))] | length')"
assert_eq "--all: every value equals ethtool -S" "" "$(same_as_ethtool "$all")"

table=$(xr stats "$R" --per-queue)
ktap_diag "$(grep -A2 '^rxq' <<<"$table")"
cells=$(queue_cells "$table")
diff=""
while IFS='=' read -r name value; do
	[ "$value" = "$(rethstat "$R" "$name")" ] || diff="$diff $name=$value"
done <<<"$cells"
assert_eq "--per-queue: a table per kind of queue, every cell = ethtool -S" "" "$diff"
assert_eq "--per-queue: one cell per rxqN_/txqN_ counter of ethtool -S" \
	"$($NS ethtool -S "$R" | grep -cE '^ +[rt]xq[0-9]+_')" "$(grep -c . <<<"$cells")"

check "xdpctl unload" xr unload "$R"
assert_eq "show: nothing attached" "[]" "$(xr show "$R" --json)"

neta_pair_down
kmod_rmmod mvneta_xdp
neta_unload_rest
bad=$(dmesg_bad "$mark")
assert_eq "no warning, oops or leak in dmesg" "" "$bad"
ktap_finish
