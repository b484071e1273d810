#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: xdpctl prints one clear line and a fixed exit code for each bad input
# timeout: 180
. "$SRC/selftests/lib/xdpctl.sh"

# as_nobody ARGS...: xc without any privilege
as_nobody() {
	local e
	e=$(mktemp)
	chmod 666 "$e"
	OUT=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$XDPCTL" "$@" 2>"$e")
	RC=$?
	ERR=$(cat "$e")
	rm -f "$e"
}

# assert_match NAME GLOB ACTUAL
assert_match() {
	# shellcheck disable=SC2053
	if [[ $3 == $2 ]]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "expected: $2" "actual:   $3"
	fi
}

# lines: number of lines in ERR
lines() {
	if [ -z "$ERR" ]; then
		echo 0
	else
		echo "$ERR" | wc -l
	fi
}

ktap_plan 19
ip link add v0 type veth peer name v1 || die "cannot create veth"
ip link set v0 up
ip link set v1 up
obj=$BPF/xdp_drop.bpf.o

xc load nosuch0 "$obj"
assert_eq "unknown device" "1 xdpctl: nosuch0: no such device" "$RC $ERR"

xc load v1 "$obj" --section nosuch
assert_eq "object without that section (exit 1)" 1 "$RC"
assert_match "... says which section and what the object has" \
	"xdpctl: v1: $obj: no program in section 'nosuch' (programs: *xdp_drop_prog in 'xdp'*)" \
	"$ERR"

xc load v1 "$SCRATCH/missing.o"
assert_eq "missing object" "1 xdpctl: v1: $SCRATCH/missing.o: no such file" "$RC $ERR"

xc load lo "$obj"
assert_eq "driver without native XDP: kernel extack verbatim" \
	"1 xdpctl: lo: Underlying driver does not support XDP in native mode" "$RC $ERR"

as_nobody load v1 "$obj"
assert_eq "permission denied loading (exit 1, one line)" "1 1" "$RC $(lines)"
check "... says permission denied" grep -q "permission denied" <<<"$ERR"
xc load v1 "$obj"
as_nobody unload v1
assert_eq "permission denied detaching" \
	"1 xdpctl: v1: permission denied (needs root or CAP_NET_ADMIN)" "$RC $ERR"
xc unload v1

xc load v1 "$obj" --mode fast
assert_eq "usage error: exit 2, one line" "2 1" "$RC $(lines)"
xc frobnicate
assert_eq "unknown command" "2 xdpctl: unknown command 'frobnicate' (see 'xdpctl --help')" "$RC $ERR"
xc stats
assert_eq "missing DEV" "2 xdpctl: stats: missing DEV (see 'xdpctl stats --help')" "$RC $ERR"

xc stats lo
assert_eq "stats on a driver without statistics says so" \
	"1 xdpctl: lo: the driver exports no statistics (ethtool -S)" "$RC $ERR"
xc stats nosuch0
assert_eq "stats on an unknown device" "1 xdpctl: nosuch0: no such device" "$RC $ERR"

xc load --help
assert_eq "--help per command (exit 0)" "0 Usage: xdpctl load DEV OBJ" "$RC $(echo "$OUT" | head -1 | cut -c1-26)"

xc -j stats nosuch0
assert_eq "under -j the error is JSON on stdout, nothing on stderr" \
	'1 {"schema_version":1,"error":{"subject":"nosuch0","message":"no such device"}} ' \
	"$RC $OUT $ERR"

# A libxdp dispatcher (xdp-loader attaches one) is xdp-loader's to change.
check "xdp-loader load -m native xdp_pass.bpf.o (libxdp dispatcher)" \
	xdp-loader load -m native -s xdp v1 "$BPF/xdp_pass.bpf.o"
disp=$(ip -j link show dev v1 | jq -r '.[0].xdp.prog.id // empty')
xc unload v1
assert_eq "unload refuses the dispatcher and says to use xdp-loader" \
	"1 xdpctl: v1: the program attached (id $disp) is a libxdp dispatcher: use xdp-loader (or --force)" \
	"$RC $ERR"
xc load v1 "$obj" --replace
assert_eq "load --replace refuses it too, the dispatcher stays" \
	"1 $disp" "$RC $(ip -j link show dev v1 | jq -r '.[0].xdp.prog.id // empty')"
xc unload v1 --force
assert_eq "unload --force detaches it" \
	"0 " "$RC $(ip -j link show dev v1 | jq -r '.[0].xdp.prog.id // empty')"
xdp-loader unload v1 --all >/dev/null 2>&1

ip link del v0
ktap_finish
