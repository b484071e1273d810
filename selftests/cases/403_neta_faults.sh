#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: mvneta_xdp RX fault injection on the NETA model: error descriptors (CRC, length), corrupt FIRST length, missing LAST, ring full, wire loss, and jumbo frames spanning descriptors: each fault counted once in the right counter, good frames exact, no page leak, 0 violations
# timeout: 600
. "$SRC/selftests/lib/neta.sh"

F=10	# faulty frames per case
G=200	# frames per generator run
P1=$NM/port1

# gen_run SIZE COUNT: the model's generator sends COUNT frames of SIZE into
# port 1 (the remote port), with back-pressure (no overrun but injected)
gen_run() {
	gen_send $P1 "$1" "$2"
	neta_wait_quiet
}

# counters of the remote port, one line
rx_counts() {
	echo "$(rstat64 "$R" rx_packets) $(rstat64 "$R" rx_errors)" \
		"$(rstat64 "$R" rx_crc_errors) $(rstat64 "$R" rx_length_errors)" \
		"$(rstat64 "$R" rx_fifo_errors) $(rstat64 "$R" rx_dropped)"
}

# fault_case NAME KNOB ERRCODE SIZE "dpackets derrors dcrc dlength dfifo ddropped"
fault_case() {
	local name=$1 knob=$2 code=$3 size=$4 want=$5 before after d i
	# shellcheck disable=SC2207 # word splitting wanted: a list of numbers
	before=($(rx_counts))
	echo "$code" >$P1/fault_err_code
	[ "$knob" != none ] && echo $F >"$P1/fault_$knob"
	gen_run "$size" $G
	# shellcheck disable=SC2207 # word splitting wanted: a list of numbers
	after=($(rx_counts))
	d=""
	for i in 0 1 2 3 4 5; do
		d="$d $((after[i] - before[i]))"
	done
	assert_eq "$name: packets errors crc length fifo dropped" "$want" "${d# }"
}

ktap_plan 17
mark=$(dmesg_mark)
neta_up_checked
$NS ip link set "$R" mtu 9000

fault_case "good 60-byte frames" none 0 60 "$G 0 0 0 0 0"
fault_case "good 9000-byte frames (3 descriptors each)" none 0 9000 "$G 0 0 0 0 0"
fault_case "CRC error descriptors" err 0 60 "$((G - F)) $F $F 0 0 0"
fault_case "length error descriptors" err 2 60 "$((G - F)) $F 0 $F 0 0"
fault_case "corrupt FIRST data_size" corrupt_len 0 60 "$((G - F)) $F 0 $F 0 0"
fault_case "missing LAST (the next FIRST ends it)" no_last 0 60 "$((G - F)) $F 0 $F 0 0"
fault_case "missing LAST in jumbo frames" no_last 0 9000 "$((G - F)) $F 0 $F 0 0"
fault_case "ring full (device overrun)" ring_full 0 60 "$((G - F)) 0 0 0 $F 0"
fault_case "lost on the wire" drop 0 60 "$((G - F)) 0 0 0 0 0"

assert_eq "remote RX ring full of buffers again" "$(neta_rx_ring_size 1)" "$(neta_rx_on_ring 1)"
neta_finish
ktap_finish
