# SPDX-License-Identifier: GPL-2.0-only
#
# pktgen: send an exact number of UDP/IPv4 frames out of a device. The one
# helper of the cases, the benchmarks and the demo; standalone (it is also
# sourced by a shell inside a network namespace, whose pktgen is its own).

# sourced once, whatever sources it too
[ -z "${LIB_PKTGEN_SH:-}" ] || return 0
LIB_PKTGEN_SH=1

pg_ctl() {
	local file=$1
	shift
	echo "$*" >"$file" || { echo "pktgen: '$*' refused by $file"; return 1; }
}

# pg_send DEV DST_MAC COUNT [SIZE] [DST_IP] [SRC_IP] [FLOWS]: blocks until
# sent. SIZE without FCS (default 60), DST_IP 198.18.0.2, SRC_IP
# 198.18.0.1, FLOWS UDP source ports from 9 (default 1), UDP to port 9.
# Set for one call (PG_X=... pg_send ...):
#   PG_DELAY   ns between frames (default 0: as fast as the device takes
#              them; ndo_xdp_xmit has no back-pressure, a rate the model's
#              TX keeps up with needs one)
#   PG_RATEP   frames per second at most (instead of PG_DELAY)
#   PG_FRAGS   page fragments per skb (default 0)
#   PG_DPORT   UDP destination port (default 9)
#   PG_CSUM=1  fill in UDP checksums
#   PG_NETNS   send from this network namespace's pktgen
pg_send() {
	if [ -n "${PG_NETNS:-}" ]; then
		# shellcheck disable=SC2016 # expanded by the inner shell
		ip netns exec "$PG_NETNS" env PG_NETNS= SRC="$SRC" bash -c \
			'. "$SRC/selftests/lib/pktgen.sh" && pg_send "$@"' pg_send "$@"
		return
	fi
	local dev=$1 mac=$2 count=$3 size=${4:-60} dst=${5:-198.18.0.2} src=${6:-198.18.0.1}
	local flows=${7:-1} dport=${PG_DPORT:-9} t=/proc/net/pktgen/kpktgend_0 d
	[ -d /proc/net/pktgen ] || modprobe pktgen || return 1
	pg_ctl "$t" rem_device_all
	pg_ctl "$t" "add_device $dev"
	d=/proc/net/pktgen/$dev
	pg_ctl "$d" "count $count"
	pg_ctl "$d" "pkt_size $size"
	pg_ctl "$d" "frags ${PG_FRAGS:-0}"
	pg_ctl "$d" "delay ${PG_DELAY:-0}"
	[ "${PG_RATEP:-0}" -gt 0 ] && pg_ctl "$d" "ratep $PG_RATEP"
	pg_ctl "$d" "clone_skb 0"
	pg_ctl "$d" "burst 1"
	pg_ctl "$d" "dst_mac $mac"
	pg_ctl "$d" "dst $dst"
	pg_ctl "$d" "src_min $src"
	pg_ctl "$d" "src_max $src"
	pg_ctl "$d" "udp_dst_min $dport"
	pg_ctl "$d" "udp_dst_max $dport"
	pg_ctl "$d" "udp_src_min 9"
	pg_ctl "$d" "udp_src_max $((9 + flows - 1))"
	[ "${PG_CSUM:-0}" = 1 ] && pg_ctl "$d" "flag UDPCSUM"
	echo start >/proc/net/pktgen/pgctrl
	pg_ctl "$t" rem_device_all
}
