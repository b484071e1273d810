#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: XDP robustness on mvneta_xdp (NETA model): every model fault knob armed at once (CRC error, corrupt length, missing LAST, ring full, wire loss) under DROP, PASS, TX and REDIRECT (cpumap): faults in the error counters, the verdict counter = the good frames; then rmmod under traffic with xdp_tx_mirror attached; 0 pages in flight, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/xdp.sh"

G=${XDP_FAULT_FRAMES:-400}	# generator frames per verdict
K=2				# frames hit by each knob
BTOOLS=${TOOLS:-$BUILD/userspace/tools}

# host RX counters, one line: packets errors crc length fifo dropped
rx_counts() {
	echo "$(stat64 "$H" rx_packets) $(stat64 "$H" rx_errors)" \
		"$(stat64 "$H" rx_crc_errors) $(stat64 "$H" rx_length_errors)" \
		"$(stat64 "$H" rx_fifo_errors) $(stat64 "$H" rx_dropped)"
}

# fault_verdict NAME IDX ATTACH_CMD...: five knobs of K frames each on the
# host port, G frames from the generator: G - 5K good frames reach the
# program (counter IDX), 3K are errors (K CRC, 2K length), K overruns, K
# lost on the wire
fault_verdict() {
	local name=$1 idx=$2 before after b0 a0 i exp good=$((G - 5 * K))
	shift 2
	if ! check "$name: attach" "$@"; then
		for i in 1 2 3 4 5; do ktap_skip "$name: test $i" "not attached"; done
		return 1
	fi
	echo 0 >$P0/fault_err_code
	echo >$P0/fault_hits
	for k in err corrupt_len no_last ring_full drop; do
		echo $K >"$P0/fault_$k"
	done
	before=$(xdp_counts "$H")
	# shellcheck disable=SC2207 # word splitting wanted: a list of numbers
	b0=($(rx_counts))
	gen_run 60 "$G" 0 4
	after=$(xdp_counts "$H")
	# shellcheck disable=SC2207 # word splitting wanted: a list of numbers
	a0=($(rx_counts))
	exp=$(xdp_only "$idx" "$good")
	assert_eq "$name: $XDP_NAMES" "${exp# }" "$(xdp_delta "$before" "$after")"
	# shellcheck disable=SC2178 # a plain word here, an array in another function
	local d=""
	# shellcheck disable=SC2128,SC2178 # a plain word here, an array in another function
	for i in 0 1 2 3 4 5; do d="$d $((a0[i] - b0[i]))"; done
	assert_eq "$name: rx packets errors crc length fifo dropped" \
		"$good $((3 * K)) $K $((2 * K)) $K 0" "${d# }"
	# the hostile-device and bad-descriptor knobs (420/421) stay off here
	assert_eq "$name: the model applied each fault $K times" \
		"corrupt_len $K drop $K err $K first_twice 0 huge_size 0 link_flap 0 long_chain 0 lost_irq 0 no_first 0 no_last $K own_write 0 ring_full $K rx_occ_lie 0 spurious_irq 0 tx_sent_lie 0 zero_size 0" \
		"$(sort $P0/fault_hits | tr '\n' ' ' | sed 's/ $//')"
	check "$name: detach" xdp_detach "$H"
	check "$name: 0 pages in flight after detach (pools of the restart)" neta_pages_back
}

ktap_plan 33
mark=$(dmesg_mark)
xdp_up

fault_verdict DROP 2 xdp_attach "$H" xdp_drop xdp
fault_verdict PASS 1 xdp_attach "$H" xdp_pass xdp
fault_verdict TX 3 xdp_attach "$H" xdp_tx_mirror xdp
fault_verdict "REDIRECT cpumap" 0 "$BTOOLS/xdp_cpumap_attach" "$H" "$BPF/xdp_redirect_cpu.bpf.o" 1 1
assert_eq "0 model violations after the fault runs" 0 "$(neta_violations)"

# --- rmmod while the generator floods the host port through XDP_TX and
# pktgen sends from the remote port
check "rmmod under traffic: attach xdp_tx_mirror" xdp_attach "$H" xdp_tx_mirror xdp
echo 0 >$P0/gen_count
echo 0 >$P0/gen_rate
echo 4 >$P0/gen_flows
echo 1 >$P0/gen_start
PG_NETNS=remote PG_CSUM=1 pg_send "$R" "$H_MAC" 1000000 60 198.18.0.1 198.18.0.2 >/dev/null 2>&1 &
pg=$!
sleep 3
assert_ge "rmmod under traffic: frames reflected before rmmod" 1 "$(ethstat "$H" rx_xdp_tx)"
check "rmmod under traffic: rmmod mvneta_xdp" rmmod mvneta_xdp
wait $pg 2>/dev/null
echo 0 >$P0/gen_start
check "rmmod under traffic: netdevs gone" sh -c "! ls /sys/bus/platform/devices/neta-model.0/net 2>/dev/null | grep -q ."
check "rmmod under traffic: every pool page back" neta_pages_back_after_rmmod
assert_eq "0 model violations after rmmod" 0 "$(neta_violations)"
check "rmmod neta_page_pool and neta_model" neta_unload_rest
bad=$(dmesg_bad "$mark")
if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi
ktap_finish
