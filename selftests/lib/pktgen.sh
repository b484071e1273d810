# SPDX-License-Identifier: GPL-2.0-only
#
# pktgen helpers: send an exact number of UDP/IPv4 frames out of a device.

pg_ctl() {
	local file=$1
	shift
	echo "$*" >"$file" || { echo "pktgen: '$*' refused by $file"; return 1; }
}

# pg_send DEV DST_MAC COUNT [SIZE] [DST_IP] [SRC_IP] [FLOWS]: blocks until sent
pg_send() {
	local dev=$1 mac=$2 count=$3 size=${4:-60} dst=${5:-198.18.0.2} src=${6:-198.18.0.1}
	local flows=${7:-1} t=/proc/net/pktgen/kpktgend_0 d
	[ -d /proc/net/pktgen ] || modprobe pktgen || return 1
	pg_ctl "$t" rem_device_all
	pg_ctl "$t" "add_device $dev"
	d=/proc/net/pktgen/$dev
	pg_ctl "$d" "count $count"
	pg_ctl "$d" "pkt_size $size"
	pg_ctl "$d" "delay 0"
	pg_ctl "$d" "clone_skb 0"
	pg_ctl "$d" "burst 1"
	pg_ctl "$d" "dst_mac $mac"
	pg_ctl "$d" "dst $dst"
	pg_ctl "$d" "src_min $src"
	pg_ctl "$d" "src_max $src"
	pg_ctl "$d" "udp_dst_min 9"
	pg_ctl "$d" "udp_dst_max 9"
	pg_ctl "$d" "udp_src_min 9"
	pg_ctl "$d" "udp_src_max $((9 + flows - 1))"
	echo start >/proc/net/pktgen/pgctrl
	pg_ctl "$t" rem_device_all
}
