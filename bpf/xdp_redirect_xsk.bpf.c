// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_redirect_xsk: redirect each frame to the AF_XDP socket bound to its RX
 * queue ("xsks_map"[rx_queue_index]); without a socket there the frame
 * passes to the stack (the default action of bpf_redirect_map's flags).
 */
#include "xdp_common.h"

struct {
	__uint(type, BPF_MAP_TYPE_XSKMAP);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} xsks_map SEC(".maps");

static __always_inline int redirect_xsk(struct xdp_md *ctx)
{
	return count_action(ctx, bpf_redirect_map(&xsks_map, ctx->rx_queue_index, XDP_PASS));
}

XDP_PROGRAM(xdp_redirect_xsk_prog, redirect_xsk)

char _license[] SEC("license") = "GPL";
