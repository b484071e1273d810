# SPDX-License-Identifier: GPL-2.0-only
#
# Reading the project's XDP programs' "stats" map (see bpf/xdp_common.h).

# xdp_map_id DEV: id of the "stats" map of the program attached to DEV
xdp_map_id() {
	local prog
	prog=$(ip -j link show dev "$1" | jq -r '.[0].xdp.prog.id // empty')
	[ -n "$prog" ] || return 1
	bpftool -j prog show id "$prog" | jq -r '.map_ids[]' | while read -r m; do
		if [ "$(bpftool -j map show id "$m" | jq -r .name)" = stats ]; then
			echo "$m"
		fi
	done
}

# xdp_action_packets DEV ACTION(0..4): packets the program returned ACTION for
xdp_action_packets() {
	local map
	map=$(xdp_map_id "$1") || return 1
	bpftool -j map lookup id "$map" key "$2" 0 0 0 |
		jq '[.formatted.values[].value.packets] | add'
}
