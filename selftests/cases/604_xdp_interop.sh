#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: standard XDP clients against mvneta_xdp (NETA model): ip link xdpdrv and ip -d link, bpftool net, xdp-loader load/status/unload (libxdp dispatcher), xdp-bench drop/pass/tx/redirect: each sees native mode on our port and its packet counts equal ethtool -S exactly
# timeout: 600
. "$SRC/selftests/lib/xdp.sh"

N=${XDP_INTEROP_FRAMES:-2000}

prog_id() { ip -j link show dev "$1" | jq -r '.[0].xdp.prog.id // empty'; }

# bench_processed: frames xdp-bench's program counted in its rx_cnt
# records (the "processed" field of every CPU's record; a map of its own or
# a variable in the object's .bss): exact, where the "Packets received"
# total it prints at exit is summed from per-interval rates
bench_processed() {
	local m name n=""
	# xdp-bench attaches through libxdp: the program on the port is the
	# dispatcher, xdp-bench's own is an extension of it, so look at every
	# map, newest first
	for m in $(bpftool -j map show | jq -r '.[] | select((.name // "") == "rx_cnt" or
			((.name // "") | endswith(".bss"))) | .id' | sort -rn); do
		name=$(bpftool -j map show id "$m" | jq -r .name)
		if [ "$name" = rx_cnt ]; then
			n=$(bpftool -j map dump id "$m" |
				jq '[.. | objects | .processed? // empty | tonumber] | add')
		else
			n=$(bpftool -j map dump id "$m" | jq '[.. | objects | select(has("rx_cnt")) |
				.rx_cnt | .. | objects | .processed? // empty | tonumber] | add')
		fi
		[ -n "$n" ] && [ "$n" != null ] && { echo "$n"; return; }
	done
	echo "no rx_cnt map: $(bpftool -j map show | jq -r '.[].name' | tr '\n' ' ')"
}


ktap_plan 32
mark=$(dmesg_mark)
xdp_up

# --- ip link + bpftool net
check "ip link: xdpdrv obj xdp_drop.bpf.o sec xdp" xdp_attach "$H" xdp_drop xdp
id=$(prog_id "$H")
assert_eq "ip -d link: program attached in driver mode (mode 1, XDP_ATTACHED_DRV)" "1 yes" \
	"$(ip -j -d link show dev "$H" | jq -r '.[0].xdp.mode') $(ip -d link show dev "$H" | grep -q "prog/xdp id $id " &&
		ip link show dev "$H" | grep -q "> mtu [0-9]* xdp " && echo yes)"
assert_eq "bpftool net: $H has program $id in driver mode" "driver $id" \
	"$(bpftool -j net show dev "$H" | jq -r '.[0].xdp[0] | "\(.mode) \(.id)"')"
before=$(xdp_counts "$H")
gen_run 60 "$N" 0
assert_eq "ip link program: ethtool -S $XDP_NAMES = program's DROP count" \
	"$(xdp_only 2 "$N") $N" "$(xdp_delta "$before" "$(xdp_counts "$H")") $(xdp_action_packets "$H" 1)"
xdp_detach "$H"
assert_eq "ip link xdpdrv off: no program in ip link or bpftool net" " 0" \
	"$(prog_id "$H") $(bpftool -j net show dev "$H" | jq '.[0].xdp | length')"

# --- xdp-loader (libxdp dispatcher)
check "xdp-loader load -m native xdp_pass.bpf.o" \
	xdp-loader load -m native -s xdp "$H" "$BPF/xdp_pass.bpf.o"
st=$(xdp-loader status "$H" 2>&1)
check "xdp-loader status: dispatcher native, xdp_pass_prog under it" sh -c \
	"echo '$st' | grep -q 'xdp_dispatcher.*native' && echo '$st' | grep -q xdp_pass_prog" ||
	ktap_diag "$st"
before=$(xdp_counts "$H")
gen_run 60 "$N" 0
assert_eq "xdp-loader program: ethtool -S $XDP_NAMES" "$(xdp_only 1 "$N")" \
	"$(xdp_delta "$before" "$(xdp_counts "$H")")"
check "xdp-loader unload --all" xdp-loader unload "$H" --all
assert_eq "xdp-loader status and ip link: no program left" "no" \
	"$( (xdp-loader status "$H" 2>&1 | grep -q xdp_pass_prog || [ -n "$(prog_id "$H")" ]) && echo yes || echo no)"

# --- xdp-bench
ip link add v0 type veth peer name v1 netns remote || die "cannot create veth"
quiet_port v0
$NS ip link set v1 arp off multicast off
ip link set v0 up
$NS ip link set v1 up
# veth takes redirected frames only with a program on the peer
$NS ip link set dev v1 xdpdrv obj "$BPF/xdp_pass.bpf.o" sec xdp || die "xdp_pass on v1"

# bench_case NAME IDX RATE XDP-BENCH-ARGS...: xdp-bench runs while the
# generator sends N frames at RATE (0: back-pressure); after the counters
# are quiet and one more polling interval, SIGINT: its "Packets received"
# total and ethtool -S must both say N
bench_case() {
	local name=$1 idx=$2 rate=$3 out=$SCRATCH/xdp-bench.$1 before bp i got
	shift 3
	xdp-bench "$@" -i 1 >"$out" 2>&1 &
	bp=$!
	for i in $(seq 100); do
		[ -n "$(prog_id "$H")" ] && break
		sleep 0.1
	done
	if ! check "xdp-bench $name: attached natively to $H" sh -c \
		"ip -j link show dev $H | jq -e '.[0].xdp.mode == 1' >/dev/null"; then
		kill -INT $bp 2>/dev/null
		wait $bp
		ktap_diag "$(cat "$out")"
		ktap_skip_all "not attached" "xdp-bench $name: ethtool -S" \
			"xdp-bench $name: total" "xdp-bench $name: traffic flowed"
		return 1
	fi
	before=$(xdp_counts "$H")
	BENCH_R_RX0=$(rstat64 "$R" rx_packets)
	BENCH_R_FIFO0=$(rstat64 "$R" rx_fifo_errors)
	BENCH_V1_RX0=$($NS cat /sys/class/net/v1/statistics/rx_packets)
	xdp_paced "xdp-bench $name" 60 "$N" "$rate"
	BENCH_GOT=$XDP_GOT
	got=$(bench_processed)
	sleep 1.5
	kill -INT $bp
	wait $bp
	assert_eq "xdp-bench $name: ethtool -S $XDP_NAMES (N - overruns)" \
		"$(xdp_only "$idx" "$BENCH_GOT")" "$(xdp_delta "$before" "$(xdp_counts "$H")")"
	assert_eq "xdp-bench $name: its program's rx_cnt records counted N - overruns" \
		"$BENCH_GOT" "$got"
	ktap_diag "xdp-bench $name printed (a sum of per-interval rates):" \
		"$(grep -E 'Packets (received|transmitted|redirected)' "$out")"
	for i in $(seq 50); do
		[ -z "$(prog_id "$H")" ] && break
		sleep 0.1
	done
}

bench_case drop 2 0 drop "$H"
bench_case pass 1 0 pass "$H"
# XDP_TX has no back-pressure: a rate the model's TX keeps up with
bench_case tx 3 10000 tx "$H"
assert_eq "xdp-bench tx: the remote port received + overran what was reflected" "$BENCH_GOT" \
	"$(($(rstat64 "$R" rx_packets) - BENCH_R_RX0 + $(rstat64 "$R" rx_fifo_errors) - BENCH_R_FIFO0))"
bench_case redirect 0 10000 redirect "$H" v0
assert_eq "xdp-bench redirect: v1 received what was redirected" "$BENCH_GOT" \
	"$(($($NS cat /sys/class/net/v1/statistics/rx_packets) - BENCH_V1_RX0))"
ip link del v0
neta_finish
ktap_finish
