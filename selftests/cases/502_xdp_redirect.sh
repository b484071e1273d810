#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: XDP_REDIRECT on mvneta_xdp (NETA model): devmap port A -> port B and -> veth, cpumap (program on the entry, frames counted on the target CPU), xskmap (an AF_XDP copy-mode socket receives exactly N), and ndo_xdp_xmit from a veth in netns remote out through our port: exact counters on both sides, 0 pages in flight, 0 model violations
# timeout: 900
. "$SRC/selftests/lib/neta_xdp.sh"

N=${XDP_FRAMES:-20000}
TOOLS=${TOOLS:-$BUILD/userspace/tools}

# devmap_set MAP_ID IFINDEX [NETNS_PREFIX]: slot 0 of a devmap
devmap_set() {
	# shellcheck disable=SC2046 # word splitting wanted: a list of numbers
	$3 bpftool map update id "$1" key 0 0 0 0 value $(u32le "$2")
}

ktap_plan 41
mark=$(dmesg_mark)
xdp_up

# --- devmap: port A (host) -> port B (remote). B's frames come back to A
# (back to back cable): the program redirects UDP port 9 once (rewritten
# to 10) and drops the rest, so A sees 2N frames: N redirected, N dropped.
check "devmap A->B: attach xdp_redirect_mark" xdp_attach "$H" xdp_redirect_mark xdp
rifx=$($NS cat /sys/class/net/"$R"/ifindex)
check "devmap A->B: tx_port[0] = port B (ifindex in netns remote)" \
	devmap_set "$(map_id "$H" tx_port)" "$rifx" "$NS"
hb=$(xdp_counts "$H")
rb=$(for n in $XDP_NAMES; do rethstat "$R" "$n"; done | xargs)
rx0=$(stat64 "$H" rx_packets); rt0=$(rstat64 "$R" tx_packets); hf0=$(stat64 "$H" rx_fifo_errors)
gen_run 60 "$N"
hf=$(($(stat64 "$H" rx_fifo_errors) - hf0))
ktap_diag "port A overruns on the returning frames: $hf"
assert_eq "devmap A->B: port A $XDP_NAMES (drop + overruns)" "$N 0 $N 0 0 0 0" \
	"$(xdp_add_fifo "$(xdp_delta "$hb" "$(xdp_counts "$H")")" "$hf")"
ra=$(for n in $XDP_NAMES; do rethstat "$R" "$n"; done | xargs)
assert_eq "devmap A->B: port B $XDP_NAMES" "0 0 0 0 0 $N 0" "$(xdp_delta "$rb" "$ra")"
assert_eq "devmap A->B: port A rx_packets + overruns +2N, port B tx_packets +N" "$((2 * N)) $N" \
	"$(($(stat64 "$H" rx_packets) - rx0 + hf)) $(($(rstat64 "$R" tx_packets) - rt0))"
check "devmap A->B: conservation on port A" xdp_conserved "$hb" "$(xdp_counts "$H")" "$rx0"
assert_eq "devmap A->B: the program redirected N and dropped N - overruns" "$N $((N - hf))" \
	"$(xdp_action_packets "$H" 4) $(xdp_action_packets "$H" 1)"
check "devmap A->B: detach" xdp_detach "$H"

# --- devmap: port A -> veth v0 (peer v1 in netns remote passes them up)
ip link add v0 type veth peer name v1 netns remote || die "cannot create veth"
quiet_port v0
$NS ip link set v1 arp off multicast off
# netns remote has its own IPv6 defaults: v1 would solicit routers into v0
$NS sysctl -qw net.ipv6.conf.v1.disable_ipv6=1
ip link set v0 up
$NS ip link set v1 up
check "devmap A->veth: xdp_pass on the peer v1" \
	$NS ip link set dev v1 xdpdrv obj "$BPF/xdp_pass.bpf.o" sec xdp
check "devmap A->veth: attach xdp_redirect_map" xdp_attach "$H" xdp_redirect_map xdp
check "devmap A->veth: tx_port[0] = v0" \
	devmap_set "$(map_id "$H" tx_port)" "$(cat /sys/class/net/v0/ifindex)"
# veth takes a redirected frame into its peer's 256-entry ring or refuses
# it when the ring is full (v1's NAPI is slower than the generator under
# TCG): refused frames are counted in v0's tx_queue_N_xdp_xmit_errors, so
# what v1's program passed plus what veth refused must be every frame.
hb=$(xdp_counts "$H"); rx0=$(stat64 "$H" rx_packets)
vx0=$(ethsum v0 'tx_queue_[0-9]+_xdp_xmit') ve0=$(ethsum v0 'tx_queue_[0-9]+_xdp_xmit_errors')
gen_run 60 "$N"
assert_eq "devmap A->veth: port A $XDP_NAMES" "$N 0 0 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
assert_eq "devmap A->veth: port A rx_packets +N" "$N" "$(($(stat64 "$H" rx_packets) - rx0))"
vpass=$($NS bash -c ". $SRC/selftests/lib/bpf.sh; xdp_action_packets v1 2")
vx=$(($(ethsum v0 'tx_queue_[0-9]+_xdp_xmit') - vx0))
ve=$(($(ethsum v0 'tx_queue_[0-9]+_xdp_xmit_errors') - ve0))
ktap_diag "veth: v0 sent $vx into v1's ring, $ve refused (ring full)"
assert_eq "devmap A->veth: v1's program passed what v0 sent, sent + refused = N" \
	"$vx $N" "$vpass $((vx + ve))"
check "devmap A->veth: detach" xdp_detach "$H"

# --- cpumap: redirect to CPU 1, the entry's program counts and drops there.
# The model's engine thread raises the interrupt (irq_work) on its own CPU:
# pinned to CPU 0, the driver's NAPI runs there, so CPU 1 is the other CPU.
check "cpumap: the model's engine thread pinned to CPU 0" \
	taskset -pc 0 "$(pgrep -x neta-model)"
check "cpumap: attach xdp_redirect_cpu + xdp_cpumap_count on cpu_map[1]" \
	sh -c "'$TOOLS/xdp_cpumap_attach' '$H' '$BPF/xdp_redirect_cpu.bpf.o' 1 1 >'$SCRATCH/cpumap.out'"
# NC frames: fewer than the entry's queue (16384), which then holds a whole
# burst even if CPU 1 runs the cpumap kthread late (a full queue drops)
NC=$((N / 2))
hb=$(xdp_counts "$H"); rx0=$(stat64 "$H" rx_packets)
gen_run 60 "$NC"
assert_eq "cpumap: port A $XDP_NAMES" "$NC 0 0 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
assert_eq "cpumap: port A rx_packets +$NC" "$NC" "$(($(stat64 "$H" rx_packets) - rx0))"
sleep 1
seen=$(bpftool -j map lookup id "$(awk '/^cpu_seen/ { print $2 }' "$SCRATCH/cpumap.out")" key 0 0 0 0)
assert_eq "cpumap: the entry program ran $NC times, all on CPU 1 (CPU 0: 0)" "0 $NC" \
	"$(echo "$seen" | jq -r '[.formatted.values[] | select(.cpu == 0 or .cpu == 1) | .value | tostring] | join(" ")')" ||
	ktap_diag "$seen"
napi=$(bpftool -j map lookup id "$(map_id "$H" stats)" key 4 0 0 0)
assert_eq "cpumap: the driver's program redirected $NC, all on CPU 0 (CPU 1: 0)" "$NC 0" \
	"$(echo "$napi" | jq -r '[.formatted.values[] | select(.cpu == 0 or .cpu == 1) | .value.packets | tostring] | join(" ")')" ||
	ktap_diag "$napi"
check "cpumap: detach" xdp_detach "$H"

# --- xskmap: an AF_XDP socket (copy mode) on queue 0 receives everything
check "xskmap: attach xdp_redirect_xsk" xdp_attach "$H" xdp_redirect_xsk xdp
bg_ready "$SCRATCH/xsk.out" 100 "$TOOLS/xsk_count" "$H" 0 3000
assert_eq "xskmap: socket bound and in xsks_map" 0 "$?"
xskp=$BG_PID
hb=$(xdp_counts "$H"); rx0=$(stat64 "$H" rx_packets)
gen_run 60 "$N"
wait $xskp
assert_eq "xskmap: the socket received N frames of 60 bytes" "received $N bytes $((N * 60))" \
	"$(grep received "$SCRATCH/xsk.out")" || ktap_diag "$(cat "$SCRATCH/xsk.out")"
assert_eq "xskmap: port A $XDP_NAMES" "$N 0 0 0 0 0 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
assert_eq "xskmap: port A rx_packets +N" "$N" "$(($(stat64 "$H" rx_packets) - rx0))"
check "xskmap: detach" xdp_detach "$H"
check "0 pages in flight after the redirect cases" neta_pages_back

# --- ndo_xdp_xmit: pktgen out of v1 (netns remote) -> v0 redirects to
# port A, which sends them to port B
$NS ip link set dev v1 xdpdrv off
check "ndo_xdp_xmit: xdp_redirect_map on v0" \
	ip link set dev v0 xdpdrv obj "$BPF/xdp_redirect_map.bpf.o" sec xdp
check "ndo_xdp_xmit: tx_port[0] = port A" \
	devmap_set "$(map_id v0 tx_port)" "$(cat /sys/class/net/"$H"/ifindex)"
# ndo_xdp_xmit has no back-pressure: pktgen paced at 2,000 frames/s (its
# busy-waiting kthread takes a vCPU), NX frames
NX=$((N / 4))
hb=$(xdp_counts "$H"); ht0=$(stat64 "$H" tx_packets); rr0=$(rstat64 "$R" rx_packets)
rf0=$(rstat64 "$R" rx_fifo_errors)
PG_NETNS=remote PG_DELAY=500000 pg_send v1 "$(cat /sys/class/net/v0/address)" "$NX" 60 ||
	ktap_diag "pktgen failed"
xdp_wait_quiet
assert_eq "ndo_xdp_xmit: v0's program redirected $NX" "$NX" "$(xdp_action_packets v0 4)"
assert_eq "ndo_xdp_xmit: port A $XDP_NAMES" "0 0 0 0 0 $NX 0" "$(xdp_delta "$hb" "$(xdp_counts "$H")")"
assert_eq "ndo_xdp_xmit: port A tx_packets +$NX, port B rx_packets + overruns +$NX" "$NX $NX" \
	"$(($(stat64 "$H" tx_packets) - ht0)) $(($(rstat64 "$R" rx_packets) - rr0 + $(rstat64 "$R" rx_fifo_errors) - rf0))"
check "ndo_xdp_xmit: detach from v0" ip link set dev v0 xdpdrv off
assert_eq "TX rings drained" 0 "$(neta_tx_inuse 0)"
ip link del v0

assert_eq "0 model violations after the redirect cases" 0 "$(neta_violations)"
neta_finish
ktap_finish
