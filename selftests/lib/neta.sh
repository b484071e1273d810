# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers of the mvneta_xdp guest cases (selftests/cases/4*_neta_*.sh)
# on the NETA model; sources case.sh. Port 0 of the NETA model is the
# "host" port ($H, 198.18.0.1), port 1 the "remote" port ($R, 198.18.0.2)
# in network namespace "remote"; the two are cabled back to back.

# sourced once, whatever sources it too
[ -z "${LIB_NETA_SH:-}" ] || return 0
LIB_NETA_SH=1
. "$SRC/selftests/lib/case.sh"
# reg PORT OFFSET [VALUE]: a model register as the driver sees it
. "$SRC/selftests/lib/model.sh"

NETA_POOL=${NETA_POOL:-kernel}
# cmdline_words KEY: the guest command line's KEY=, its words joined by '+'
cmdline_words() { tr ' ' '\n' </proc/cmdline | sed -n "s/^$1=//p" | tr '+' ' '; }
# NETA_DRV_PARAMS, NETA_MODEL_PARAMS: driver and model parameters of every
# load, before the case's own (which win), e.g. "rx_frag=0" to run on whole
# pages, "rxqs=2 txqs=8" for a model with the hardware's queues. By default
# the guest command line's neta_drv_params= and neta_model_params=, so that
# a whole suite runs that way (runner.py --cmdline
# "neta_drv_params=rxq_number=2+txq_number=8 neta_model_params=rxqs=2+txqs=8")
NETA_DRV_PARAMS=${NETA_DRV_PARAMS-$(cmdline_words neta_drv_params)}
NETA_MODEL_PARAMS=${NETA_MODEL_PARAMS-$(cmdline_words neta_model_params)}
NM=/sys/kernel/debug/neta_model
DRVFS=/sys/kernel/debug/mvneta_xdp
NS="ip netns exec remote"
TRACEFS=/sys/kernel/debug/tracing

# neta_up_checked: tracing on, load everything, both ports up with carrier;
# three results (bound, up, carrier)
neta_up_checked() {
	neta_tracing_on
	neta_load
	check "mvneta_xdp (page_pool=$NETA_POOL) bound to both model ports" test -n "$H" -a -n "$R"
	check "ports up" neta_pair_up
	check "link up on both ports" neta_wait_carrier
}

# neta_load [DRIVER PARAMS...]: load the model, our pool and the driver,
# then set H, R, H_MAC, R_MAC
# shellcheck disable=SC2120 # the cases pass driver parameters
neta_load() {
	[ -d /sys/kernel/debug/tracing ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
	modprobe phylink || return 1
	# e.g. NETA_MODEL_PARAMS="coherent=0" (590, 591)
	# shellcheck disable=SC2086 # words
	insmod "$KMOD/neta_model.ko" ${NETA_MODEL_PARAMS:-} || return 1
	insmod "$KMOD/neta_page_pool.ko" || return 1
	# shellcheck disable=SC2086 # words
	insmod "$KMOD/mvneta_xdp.ko" page_pool="$NETA_POOL" $NETA_DRV_PARAMS "$@" || return 1
	NETA_PP_REF0=$(cat /sys/module/neta_page_pool/refcnt)
	H=$(ls /sys/bus/platform/devices/neta-model.0/net/ 2>/dev/null)
	R=$(ls /sys/bus/platform/devices/neta-model.1/net/ 2>/dev/null)
	[ -n "$H" ] && [ -n "$R" ] || return 1
	H_MAC=$(cat "/sys/class/net/$H/address")
	R_MAC=$(cat "/sys/class/net/$R/address")
}

# refused WANT CMD...: CMD fails and its output says WANT (a refusal for
# the reason the check names, not any error)
refused() {
	local want=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "accepted: $*"
		return 1
	fi
	case $out in
	*"$want"*) return 0 ;;
	*) echo "refused without \"$want\": $out"; return 1 ;;
	esac
}

# bg_ready OUT TRIES CMD...: CMD in the background, its output in OUT,
# until it prints "ready" (an AF_XDP socket bound: xsk_count, xsk_tool);
# waits TRIES x 0.1 s at most, BG_PID is its pid. Fails, its output as
# diagnostics, when it never says so.
bg_ready() {
	local out=$1 tries=$2 i
	shift 2
	"$@" >"$out" 2>&1 &
	BG_PID=$!
	for i in $(seq "$tries"); do
		grep -q ready "$out" && return 0
		kill -0 "$BG_PID" 2>/dev/null || break
		sleep 0.1
	done
	grep -q ready "$out" && return 0
	ktap_diag "$(cat "$out")"
	return 1
}

# ping from busybox (no iputils on the host root)
nping() { busybox ping "$@"; }

neta_unload_rest() {
	rmmod neta_page_pool && rmmod neta_model
}

# neta_pair_up: addresses, static neighbours, quiet ports, both up
neta_pair_up() {
	ip netns add remote || return 1
	ip link set "$R" netns remote || return 1
	quiet_port "$H"
	ip addr add 198.18.0.1/24 dev "$H" || return 1
	ip link set "$H" up || return 1
	ip neigh replace 198.18.0.2 lladdr "$R_MAC" dev "$H" nud permanent || return 1
	$NS ip link set "$R" arp off multicast off || return 1
	$NS sysctl -qw "net.ipv6.conf.$R.disable_ipv6=1" 2>/dev/null
	$NS ip addr add 198.18.0.2/24 dev "$R" || return 1
	$NS ip link set "$R" up || return 1
	$NS ip neigh replace 198.18.0.1 lladdr "$H_MAC" dev "$R" nud permanent
}

neta_pair_down() {
	ip link set "$H" down && $NS ip link set "$R" down
}

# neta_wait_carrier: both carriers up (5 s)
neta_wait_carrier() {
	local i
	for i in $(seq 50); do
		[ "$(cat "/sys/class/net/$H/carrier" 2>/dev/null)" = 1 ] &&
			[ "$($NS cat "/sys/class/net/$R/carrier" 2>/dev/null)" = 1 ] && return 0
		sleep 0.1
	done
	return 1
}

stat64() { cat "/sys/class/net/$1/statistics/$2"; }
rstat64() { $NS cat "/sys/class/net/$1/statistics/$2"; }

# ethstat DEV NAME: one ethtool -S counter
ethstat() { ethtool -S "$1" | awk -v n="$2:" '$1 == n { print $2 }'; }
rethstat() { $NS ethtool -S "$1" | awk -v n="$2:" '$1 == n { print $2 }'; }

# ethtool_has NAME...: the host port's ethtool -S has every NAME
ethtool_has() {
	local names n
	names=" $(ethtool -S "$H" | awk -F: 'NR > 1 { gsub(/ /, "", $1); print $1 }' | tr '\n' ' ')"
	for n in "$@"; do
		case $names in
		*" $n "*) ;;
		*) echo "missing $n"; return 1 ;;
		esac
	done
}

# ethsum DEV REGEX: sum of the ethtool -S counters whose name matches
ethsum() { ethtool -S "$1" | awk -v re="^$2:\$" '$1 ~ re { s += $2 } END { print s + 0 }'; }
rethsum() { $NS ethtool -S "$1" | awk -v re="^$2:\$" '$1 ~ re { s += $2 } END { print s + 0 }'; }

# neta_snapshot: counters the traffic checks subtract
neta_snapshot() {
	S_H_TX=$(stat64 "$H" tx_packets)
	S_H_TX_BYTES=$(stat64 "$H" tx_bytes)
	S_H_MIB_TX=$(ethstat "$H" good_frames_sent)
	S_H_Q_TX=$(ethsum "$H" 'txq[0-9]*_packets')
	S_R_RX=$(rstat64 "$R" rx_packets)
	S_R_RX_BYTES=$(rstat64 "$R" rx_bytes)
	S_R_MIB_RX=$(rethstat "$R" good_frames_received)
	S_R_Q_RX=$(rethsum "$R" 'rxq[0-9]*_packets')
}

# wait_quiet COUNTER...: wait (30 s at most) until the counters stop
# moving (two reads 0.5 s apart agree); COUNTER is host:NAME (a link
# statistic of $H) or remote:NAME (of $R in the remote namespace).
# Returns 1 when they still move after 30 s.
wait_quiet() {
	local i c prev="" cur
	for i in $(seq 60); do
		cur=""
		for c in "$@"; do
			case $c in
			host:*) cur="$cur $(stat64 "$H" "${c#host:}")" ;;
			remote:*) cur="$cur $(rstat64 "$R" "${c#remote:}")" ;;
			*) die "wait_quiet: '$c' is not host:NAME or remote:NAME" ;;
			esac
		done
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.5
	done
	return 1
}

# neta_wait_quiet: what the port-to-port cases wait on (traffic injected
# into the remote port or sent by the host)
neta_wait_quiet() { wait_quiet host:tx_packets remote:rx_packets remote:rx_errors; }

# gen_send [-s] [-r RATE] [-f FLOWS] [-t TENTHS] PORTDIR SIZE COUNT: the
# model's generator of PORTDIR sends COUNT frames of SIZE (RATE frames/s,
# 0 = back-pressure: nothing overruns, the default; FLOWS flows, 4 by
# default); returns when it has written the last one (checked every 0.1 s,
# TENTHS tenths of a second at most, 300 by default), 1 if it had not by
# then. -s: write gen_start=0 and gen_rate=0 afterwards (stops a rated run
# still going). Without -s an idle generator is never written to: a stop
# of an idle generator lets a frame through without the lost-interrupt
# watchdog (420's lost-interrupt step relies on that).
gen_send() {
	local stop=0 rate=0 flows=4 tenths=300 opt i OPTIND=1
	while getopts sr:f:t: opt; do
		case $opt in
		s) stop=1 ;;
		r) rate=$OPTARG ;;
		f) flows=$OPTARG ;;
		t) tenths=$OPTARG ;;
		*) die "gen_send: bad option" ;;
		esac
	done
	shift $((OPTIND - 1))
	local p=$1 rc=1
	echo "$2" >"$p/gen_size"
	echo "$3" >"$p/gen_count"
	echo "$rate" >"$p/gen_rate"
	echo "$flows" >"$p/gen_flows"
	echo 1 >"$p/gen_start"
	for i in $(seq "$tenths"); do
		[ "$(cat "$p/gen_start")" = 0 ] && { rc=0; break; }
		sleep 0.1
	done
	if [ $stop = 1 ]; then
		echo 0 >"$p/gen_start"
		echo 0 >"$p/gen_rate"
	fi
	return $rc
}

# neta_rings PORT: the driver's debugfs ring state of model port PORT
neta_rings() { cat "$DRVFS/neta-model.$1/rings"; }

# sum of a "key value" field over the rxq/txq lines. The driver lists a
# queue only while its ring exists (port up): when no queue line has the
# field, it prints "no <q> <key> in neta-model.<port>/rings" instead of a
# number, so a check comparing two sums (both 0 then) cannot pass.
neta_ring_sum() {
	neta_rings "$1" 2>/dev/null | awk -v q="$2" -v k="$3" -v port="$1" '$1 ~ "^" q {
		for (i = 2; i < NF; i++) if ($i == k) { s += $(i + 1); n++ } }
		END { if (n) print s + 0; else print "no " q " " k " in neta-model." port "/rings" }'
}
# neta_ring_field PORT QUEUE KEY: one queue's field (QUEUE rxq0, txq1 ...)
neta_ring_field() {
	awk -v q="$2" -v k="$3" '$1 == q { for (i = 2; i < NF; i++) if ($i == k) print $(i + 1) }' \
		"$DRVFS/neta-model.$1/rings"
}
neta_tx_inuse() { neta_ring_sum "$1" txq count; }
neta_rx_on_ring() { neta_ring_sum "$1" rxq pages_on_ring; }
neta_rx_ring_size() { neta_ring_sum "$1" rxq size; }
# neta_pool_of PORT: the page pool kind the driver gave that port (own or
# kernel: the first line of its debugfs rings file)
neta_pool_of() {
	awk 'NR == 1 { for (i = 1; i < NF; i++) if ($i == "pool") print $(i + 1) }' \
		"$DRVFS/neta-model.$1/rings"
}

neta_violations() { cat "$NM/violations"; }

# neta_tracing_on: record the kernel page_pool's teardown (inflight pages)
neta_tracing_on() {
	[ -d $TRACEFS ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
	echo 1 >$TRACEFS/events/page_pool/page_pool_release/enable 2>/dev/null
	echo >$TRACEFS/trace 2>/dev/null
}

# neta_pages_back: every RX page is back once the ports are down. Kernel
# pool: the last page_pool_release event of every pool reports inflight=0
# (pools with pages out retry every second, so wait 5 s). Own pool: a pool
# destroyed with pages out holds a reference on neta_page_pool until the
# last page is back, so the module's refcount returns to what it was after
# loading the driver ($NETA_PP_REF0, 5 s).
neta_pages_back() {
	local i bad
	if [ "$NETA_POOL" = own ]; then
		for i in $(seq 50); do
			[ "$(cat /sys/module/neta_page_pool/refcnt)" = "$NETA_PP_REF0" ] && return 0
			sleep 0.1
		done
		echo "neta_page_pool refcnt $(cat /sys/module/neta_page_pool/refcnt), expected $NETA_PP_REF0"
		return 1
	fi
	for i in $(seq 10); do
		bad=$(grep page_pool_release $TRACEFS/trace |
			sed -n 's/.*page_pool=\([^ ]*\) inflight=\([-0-9]*\).*/\1 \2/p' |
			awk '{ last[$1] = $2 } END { n = 0; for (p in last) { n++; if (last[p] != 0) print p, last[p] } if (!n) print "no page_pool_release event" }')
		[ -z "$bad" ] && return 0
		sleep 0.5
	done
	echo "pools with pages in flight: $bad"
	return 1
}

# rsnmp PROTO FIELD: a /proc/net/snmp counter of netns remote (e.g. Udp NoPorts)
rsnmp() {
	$NS cat /proc/net/snmp | awk -v p="$1:" -v f="$2" '
		$1 == p && !hdr { for (i = 2; i <= NF; i++) col[$i] = i; hdr = 1; next }
		$1 == p && hdr { print $col[f]; exit }'
}

# neta_pages_back_after_rmmod: as neta_pages_back, the driver gone (it held
# one reference on neta_page_pool)
neta_pages_back_after_rmmod() {
	NETA_PP_REF0=0
	neta_pages_back
}

# neta_finish: ports down, every page back, model clean, modules out,
# dmesg clean (4 tests)
neta_finish() {
	check "ports down (full teardown)" neta_pair_down
	check "0 pages in flight after teardown" neta_pages_back
	assert_eq "0 model violations" 0 "$(neta_violations)"
	rmmod mvneta_xdp
	neta_unload_rest
	local bad
	# shellcheck disable=SC2154 # set by the case (dmesg_mark)
	bad=$(dmesg_bad "$mark")
	if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi
}
