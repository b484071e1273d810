#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdpctl load/show/unload on veth: modes, --replace, show --json checked against ip and bpftool
# timeout: 300
. "$SRC/selftests/lib/xdpctl.sh"

# ip_prog_id DEV: id ip(8) reports for DEV ("" when none)
ip_prog_id() {
	ip -j link show dev "$1" | jq -r '.[0].xdp.prog.id // empty'
}

ktap_plan 26
ip link add v0 type veth peer name v1 || die "cannot create veth"
ip link set v0 up
ip link set v1 up

xc load v1 "$BPF/xdp_drop.bpf.o"
assert_eq "load xdp_drop natively (exit 0)" "0 " "$RC $ERR"
assert_eq "ip sees it in native mode" 1 "$(ip -j link show dev v1 | jq '.[0].xdp.mode')"

xc show --json
json=$OUT
id=$(ip_prog_id v1)
assert_eq "show --json lists one program" 1 "$(echo "$json" | jq 'length')"
assert_eq "show --json: ifname, ifindex, mode" \
	"v1 $(cat /sys/class/net/v1/ifindex) native" \
	"$(echo "$json" | jq -r '.[0] | "\(.ifname) \(.ifindex) \(.mode)"')"
assert_eq "show --json: id is the one ip reports" "$id" "$(echo "$json" | jq '.[0].id')"
assert_eq "show --json: name and tag are bpftool's" \
	"$(bpftool -j prog show id "$id" | jq -r '"\(.name) \(.tag)"')" \
	"$(echo "$json" | jq -r '.[0] | "\(.name) \(.tag)"')"
xc show v1
assert_eq "show DEV table names the program" 1 \
	"$(echo "$OUT" | grep -c "^v1 .* native .* $id .* xdp_drop_prog ")"

xc load v1 "$BPF/xdp_pass.bpf.o"
assert_eq "second load without --replace: exit 1, kernel extack verbatim and the hint" \
	"1 xdpctl: v1: XDP program already attached (use --replace)" "$RC $ERR"
assert_eq "first program still attached" "$id" "$(ip_prog_id v1)"

xc load v1 "$BPF/xdp_pass.bpf.o" --replace
assert_eq "load --replace (exit 0)" "0 " "$RC $ERR"
id2=$(ip_prog_id v1)
xc show v1 --json
assert_eq "replaced by xdp_pass_prog" "$id2 xdp_pass_prog" \
	"$(echo "$OUT" | jq -r '.[0] | "\(.id) \(.name)"')"
check "the ids differ" test "$id" != "$id2"

xc load v1 "$BPF/xdp_drop.bpf.o" --mode generic
assert_eq "generic while native is attached: exit 1, extack" \
	"1 xdpctl: v1: Native and generic XDP can't be active at the same time" "$RC $ERR"

xc load v1 "$BPF/xdp_drop.bpf.o" --prog-name xdp_drop_prog_frags --replace
assert_eq "load --prog-name picks the frags program" "0 xdp_drop_prog_frags" \
	"$RC $(bpftool -j prog show id "$(ip_prog_id v1)" | jq -r .name)"

xc unload v1 --mode generic
assert_eq "unload --mode generic with only native attached: exit 1" \
	"1 xdpctl: v1: no XDP program attached in generic mode" "$RC $ERR"
xc unload v1
assert_eq "unload (exit 0)" "0 " "$RC $ERR"
assert_eq "ip sees nothing attached" "" "$(ip_prog_id v1)"
xc show v1 --json
assert_eq "show --json is empty" "[]" "$OUT"
xc unload v1
assert_eq "unload again: exit 1, one line" "1 xdpctl: v1: no XDP program attached" "$RC $ERR"

xc load v0 "$BPF/xdp_pass.bpf.o" --mode generic
assert_eq "load in generic mode" "0 2" "$RC $(ip -j link show dev v0 | jq '.[0].xdp.mode')"
xc show --json
assert_eq "show --json: generic mode on v0" "v0 generic xdp_pass_prog" \
	"$(echo "$OUT" | jq -r '.[] | "\(.ifname) \(.mode) \(.name)"')"
xc unload v0 --mode generic
assert_eq "unload --mode generic" "0 " "$RC $(ip_prog_id v0)"

# A program loaded already, named as bpftool names it: pinned PATH, id N.
pin=/sys/fs/bpf/xdpctl_200_pass
rm -f "$pin"
check "bpftool prog load xdp_pass.bpf.o (pinned)" \
	bpftool prog load "$BPF/xdp_pass.bpf.o" "$pin" type xdp
pid=$(bpftool -j prog show pinned "$pin" | jq .id)
xc load v1 pinned "$pin"
assert_eq "load DEV pinned PATH attaches that program" "0 $pid" "$RC $(ip_prog_id v1)"
xc unload v1
xc load v1 id "$pid"
assert_eq "load DEV id N attaches that program" "0 $pid" "$RC $(ip_prog_id v1)"
xc unload v1
rm -f "$pin"
xc load v1 id "$pid"
assert_eq "load id N of a program gone: exit 1, one line" \
	"1 xdpctl: v1: no program with id $pid" "$RC $ERR"

ip link del v0
ktap_finish
