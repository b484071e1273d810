# SPDX-License-Identifier: GPL-2.0-only
#
# Device fuzz of mvneta_xdp (the NETA model's fuzz mode); sources
# neta.sh, runs with the ports up.
# The model draws, for a share of the frames it writes into port 0's RX
# ring, one fault among the bad descriptors (error summary with a random
# error code, data_size one buffer too long, 0 or 0xffff, LAST missing,
# FIRST missing, FIRST twice, a chain of 20..64 descriptors), a full ring,
# the status counts a driver must not trust (occupied or sent above what
# it handed over, a descriptor it holds used by the device) and the
# interrupt faults (lost, spurious), from a seeded sequence (reproducible:
# the seed is printed).
#
# Every bad descriptor costs exactly one frame and one rx_errors count: the
# driver's rx_errors delta equals the sum of the model's hits of those
# knobs, and rx_packets counts every other frame the device delivered
# (good_frames_received + bad_frames_received from the model's MIB, minus
# the bad ones, FIRST twice adding a descriptor, not a frame). A full ring
# is one rx_overrun, an untrusted RX count one rxqN_hw_errors, an
# untrusted TX count one txqN_hw_errors.

# sourced once, whatever sources it too
[ -z "${LIB_NETA_FUZZ_SH:-}" ] || return 0
LIB_NETA_FUZZ_SH=1
. "$SRC/selftests/lib/neta.sh"

FUZZ_KNOBS="err corrupt_len no_last zero_size huge_size no_first first_twice long_chain"
FUZZ_COUNTS="ring_full rx_occ_lie own_write tx_sent_lie"
FUZZ_ALL="$FUZZ_KNOBS $FUZZ_COUNTS lost_irq spurious_irq"
FUZZ_RATE=${FUZZ_RATE:-64}	# frames in 1024 that draw a fault
TOOLS=${TOOLS:-$BUILD/userspace/tools}

FZ=$NM/port0

# fuzz_gen_run SIZE COUNT: the generator sends COUNT frames of SIZE into
# port 0 with back-pressure (nothing overruns); returns when it has written
# the last one (within 0.1 s; 6 hours at most)
fuzz_gen_run() { gen_send -t 216000 $FZ "$1" "$2"; }

# fuzz_gen SIZE COUNT: fuzz_gen_run, then the ports go quiet
fuzz_gen() {
	fuzz_gen_run "$@"
	neta_wait_quiet
}

# fuzz_traffic N: N generator frames, 3/4 of 60 bytes then 1/4 of 1000
# bytes (one quiet wait, after both)
fuzz_traffic() {
	fuzz_gen_run 60 $(($1 - $1 / 4))
	fuzz_gen 1000 $(($1 / 4))
}

fuzz_attach() { ip link set dev "$H" xdpdrv obj "$BPF/$1.bpf.o" sec xdp; }

# fuzz_hit KNOB: hits of KNOB since the last reset of port 0's fault_hits
fuzz_hit() { awk -v k="$1" '$1 == k { print $2 }' $FZ/fault_hits; }

# fuzz_bad: hits of the bad-descriptor knobs
fuzz_bad() {
	local k s=0
	for k in $FUZZ_KNOBS; do s=$((s + $(fuzz_hit $k))); done
	echo $s
}

# fuzz_snap: from one ethtool -S of the host port, the frames its device
# wrote into the RX ring (good_frames_received + bad_frames_received),
# rx_overrun, the sum of rxqN_hw_errors and the sum of txqN_hw_errors
fuzz_snap() {
	ethtool -S "$H" | awk '
		$1 == "good_frames_received:" || $1 == "bad_frames_received:" { d += $2 }
		$1 == "rx_overrun:" { o += $2 }
		$1 ~ /^rxq[0-9]+_hw_errors:$/ { r += $2 }
		$1 ~ /^txq[0-9]+_hw_errors:$/ { t += $2 }
		END { print d + 0, o + 0, r + 0, t + 0 }'
}

# fuzz_devmap_to_remote: slot 0 of the program's devmap = port B
fuzz_devmap_to_remote() {
	local i
	i=$($NS cat /sys/class/net/"$R"/ifindex)
	$NS bpftool map update id "$(map_id "$H" tx_port)" key 0 0 0 0 value \
		$((i & 255)) $(((i >> 8) & 255)) 0 0
}

# neta_fuzz VERDICT FRAMES SEED [DESCS]: fuzz FRAMES generator frames of 60
# and 1000 bytes into port 0 under VERDICT (pass drop tx redirect xsk) -
# with DESCS, FRAMES more at a time until the model has written DESCS
# descriptors with the fuzz on - then a clean run of 200 frames; 8 tests
# (9 with xsk)
neta_fuzz() {
	local v=$1 n=$2 seed=$3 descs=${4:-0} xskp="" k t0 t1 d0 d1 pk0 pk1 er0 er1 bad tw
	local clean=200 c0 f0 want out ov0 ov1 rh0 rh1 th0 th1 ovx
	case $v in
	pass) fuzz_attach xdp_pass ;;
	drop) fuzz_attach xdp_drop ;;
	tx) fuzz_attach xdp_tx_mirror ;;
	redirect)
		# to port B, whose frames come back to port A (UDP port 10)
		# and are dropped there
		fuzz_attach xdp_redirect_mark && fuzz_devmap_to_remote ;;
	xsk)
		fuzz_attach xdp_redirect_xsk &&
			{ bg_ready /tmp/fuzz_xsk.out 600 "$TOOLS/xsk_count" "$H" 0 3600000 >/dev/null
			  xskp=$BG_PID; grep -q ready /tmp/fuzz_xsk.out; } ;;
	esac
	check "fuzz $v: program attached" test $? = 0

	echo >$FZ/fault_hits
	echo "$seed" >$FZ/fuzz_seed
	read -r d0 ov0 rh0 th0 <<<"$(fuzz_snap)"
	pk0=$(stat64 "$H" rx_packets); er0=$(stat64 "$H" rx_errors)
	t0=$(date +%s.%N)
	echo "$FUZZ_RATE" >$FZ/fuzz_rate
	fuzz_traffic "$n"
	while [ "$(cat $FZ/fuzz_descs)" -lt "$descs" ]; do
		fuzz_traffic "$n"
	done
	echo 0 >$FZ/fuzz_rate
	t1=$(date +%s.%N)
	# a drawn fault not taken yet (FIRST twice without room) stays out
	for k in $FUZZ_ALL; do echo 0 >"$FZ/fault_$k"; done
	ktap_diag "fuzz $v: seed $seed rate $FUZZ_RATE/1024: $(cat $FZ/fuzz_frames) frames, $(cat $FZ/fuzz_descs) descriptors in $(echo "$t1 - $t0" | bc) s; hits: $(for k in $FUZZ_ALL; do printf '%s %s ' $k "$(fuzz_hit $k)"; done)"

	c0=$(stat64 "$H" rx_packets); f0=$(stat64 "$H" rx_fifo_errors)
	fuzz_gen 60 $clean
	# redirected frames come back once (dropped then), some overrun
	want=$clean; [ "$v" = redirect ] && want=$((2 * clean))
	assert_eq "fuzz $v: the port receives normally once the fuzz stops ($clean frames)" \
		$want "$(($(stat64 "$H" rx_packets) - c0 + $(stat64 "$H" rx_fifo_errors) - f0))"
	if [ -n "$xskp" ]; then
		# the traffic is over (quiet): stop the socket's count now, not
		# after a silence a slow step between fuzz and clean run makes too
		kill -TERM "$xskp"
		wait "$xskp"
		out=$(grep received /tmp/fuzz_xsk.out)
	fi
	read -r d1 ov1 rh1 th1 <<<"$(fuzz_snap)"
	pk1=$(stat64 "$H" rx_packets); er1=$(stat64 "$H" rx_errors)
	bad=$(fuzz_bad); tw=$(fuzz_hit first_twice)
	assert_eq "fuzz $v: every bad descriptor counted once (rx_errors = model's hits)" \
		"$bad" "$((er1 - er0))"
	# redirected frames come back without back-pressure: a real overrun
	# adds to the drawn full rings there
	ovx=$((ov1 - ov0 - $(fuzz_hit ring_full)))
	[ "$v" = redirect ] && [ "$ovx" -gt 0 ] && ovx=0
	assert_eq "fuzz $v: every full ring counted (rx_overrun = ring_full hits$([ "$v" = redirect ] && echo ' + overruns of the returning frames'))" \
		0 "$ovx"
	assert_eq "fuzz $v: every untrusted RX count counted (rxqN_hw_errors = rx_occ_lie + own_write hits)" \
		"$(($(fuzz_hit rx_occ_lie) + $(fuzz_hit own_write)))" "$((rh1 - rh0))"
	assert_eq "fuzz $v: every untrusted TX count counted (txqN_hw_errors = tx_sent_lie hits)" \
		"$(fuzz_hit tx_sent_lie)" "$((th1 - th0))"
	assert_eq "fuzz $v: every other frame received (rx_packets = delivered - bad)" \
		"$((d1 - d0 - (bad - tw)))" "$((pk1 - pk0))"
	if [ -n "$xskp" ]; then
		assert_eq "fuzz $v: the AF_XDP socket received what was redirected" \
			"received $((pk1 - pk0))" "${out% bytes*}"
	fi
	check "fuzz $v: detach" ip link set dev "$H" xdpdrv off
}
