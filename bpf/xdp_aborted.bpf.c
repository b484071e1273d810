// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_aborted: return XDP_ABORTED for every frame (the driver traces an
 * xdp_exception, drops the frame and recycles its pages).
 */
#include "xdp_common.h"

static __always_inline int aborted(struct xdp_md *ctx)
{
	return count_action(ctx, XDP_ABORTED);
}

XDP_PROGRAM(xdp_aborted_prog, aborted)

char _license[] SEC("license") = "GPL";
