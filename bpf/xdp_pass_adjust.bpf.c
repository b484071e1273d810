// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_pass_adjust: XDP_PASS after moving every edge of the frame, so a test
 * sees whether the driver builds its skb from what the program left:
 *   - 8 bytes of metadata in front of the frame (bpf_xdp_adjust_meta),
 *   - 4 more bytes of head (bpf_xdp_adjust_head), the Ethernet header
 *     rewritten at the new start (the old one's last 4 bytes follow it),
 *   - 8 bytes less tail (bpf_xdp_adjust_tail).
 * A 60-byte frame reaches the stack as 56 bytes. Any helper failing (e.g. a
 * driver without metadata room) makes the verdict XDP_ABORTED instead.
 */
#include "xdp_common.h"

#define META_MAGIC 0x4d455441	/* "META" */

static __always_inline int pass_adjust(struct xdp_md *ctx)
{
	unsigned char dst[ETH_ALEN], src[ETH_ALEN];
	void *data, *data_end, *meta;
	struct ethhdr *eth;
	__be16 proto;

	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	if ((void *)(eth + 1) > data_end)
		return count_action(ctx, XDP_ABORTED);
	__builtin_memcpy(dst, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(src, eth->h_source, ETH_ALEN);
	proto = eth->h_proto;

	if (bpf_xdp_adjust_meta(ctx, -8))
		return count_action(ctx, XDP_ABORTED);
	meta = (void *)(long)ctx->data_meta;
	data = (void *)(long)ctx->data;
	if (meta + 8 > data)
		return count_action(ctx, XDP_ABORTED);
	*(__u32 *)meta = META_MAGIC;
	*(__u32 *)(meta + 4) = 0;

	if (bpf_xdp_adjust_head(ctx, -4))
		return count_action(ctx, XDP_ABORTED);
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	if ((void *)(eth + 1) > data_end)
		return count_action(ctx, XDP_ABORTED);
	__builtin_memcpy(eth->h_dest, dst, ETH_ALEN);
	__builtin_memcpy(eth->h_source, src, ETH_ALEN);
	eth->h_proto = proto;

	if (bpf_xdp_adjust_tail(ctx, -8))
		return count_action(ctx, XDP_ABORTED);
	return count_action(ctx, XDP_PASS);
}

XDP_PROGRAM(xdp_pass_adjust_prog, pass_adjust)

char _license[] SEC("license") = "GPL";
