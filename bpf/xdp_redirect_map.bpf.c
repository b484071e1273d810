// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_redirect_map: redirect every frame to the device in slot 0 of the
 * devmap "tx_port" (the xdp_redirect sample of the seeds' ndo_xdp_xmit test).
 * Fill the slot first, e.g. `bpftool map update name tx_port key 0 0 0 0
 * value <ifindex as 4 bytes>`. An empty slot makes the redirect fail
 * (counted by the driver as an XDP error); the program counts XDP_REDIRECT.
 */
#include "xdp_common.h"

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} tx_port SEC(".maps");

static __always_inline int redirect_map(struct xdp_md *ctx)
{
	return count_action(ctx, bpf_redirect_map(&tx_port, 0, 0));
}

XDP_PROGRAM(xdp_redirect_map_prog, redirect_map)

char _license[] SEC("license") = "GPL";
