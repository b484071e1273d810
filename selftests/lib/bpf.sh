# SPDX-License-Identifier: GPL-2.0-only
#
# Reading the project's XDP programs' "stats" map (see bpf/xdp_common.h).

# sourced once, whatever sources it too
[ -z "${LIB_BPF_SH:-}" ] || return 0
LIB_BPF_SH=1

# map_id DEV NAME: id of the map NAME of the XDP program attached to DEV
# (the project's programs count their verdicts in "stats")
map_id() {
	local prog m
	prog=$(ip -j link show dev "$1" | jq -r '.[0].xdp.prog.id // empty')
	[ -n "$prog" ] || return 1
	for m in $(bpftool -j prog show id "$prog" | jq -r '.map_ids[]'); do
		if [ "$(bpftool -j map show id "$m" | jq -r .name)" = "$2" ]; then
			echo "$m"
		fi
	done
}

# xdp_action_packets DEV ACTION(0..4): packets the program returned ACTION for
xdp_action_packets() {
	local map
	map=$(map_id "$1" stats) || return 1
	bpftool -j map lookup id "$map" key "$2" 0 0 0 |
		jq '[.formatted.values[].value.packets] | add'
}
