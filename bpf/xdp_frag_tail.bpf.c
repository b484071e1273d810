// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_frag_tail: tries to grow every frame's tail past half a page, then
 * within it, so a test sees the room the driver gives a program:
 *   - bpf_xdp_adjust_tail(+2048): the kernel refuses to grow past the
 *     buffer's frame_sz (less the skb_shared_info tailroom). Accepted on a
 *     whole-page buffer; a half-page buffer (fragment mode) must refuse it,
 *     else the kernel's zeroing of the grown bytes runs into the other
 *     half, another frame's buffer. Accepted: XDP_ABORTED.
 *   - bpf_xdp_adjust_tail(+1024): fits either buffer (a 60-byte frame at
 *     offset 258 ends at 1342, the half page's data room at 1728); the
 *     kernel zeroes the 1024 bytes. Refused: XDP_PASS.
 * Otherwise XDP_DROP. Short frames: XDP_PASS.
 */
#include "xdp_common.h"

static __always_inline int frag_tail(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	if (data + ETH_HLEN > data_end || data + 128 < data_end)
		return count_action(ctx, XDP_PASS);
	if (!bpf_xdp_adjust_tail(ctx, 2048))
		return count_action(ctx, XDP_ABORTED);
	if (bpf_xdp_adjust_tail(ctx, 1024))
		return count_action(ctx, XDP_PASS);
	return count_action(ctx, XDP_DROP);
}

XDP_PROGRAM(xdp_frag_tail_prog, frag_tail)

char _license[] SEC("license") = "GPL";
