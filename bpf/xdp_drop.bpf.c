// SPDX-License-Identifier: GPL-2.0-only
/* xdp_drop: drop every frame (the seeds' DDoS test), counting it. */
#include "xdp_common.h"

static __always_inline int drop(struct xdp_md *ctx)
{
	return count_action(ctx, XDP_DROP);
}

XDP_PROGRAM(xdp_drop_prog, drop)

char _license[] SEC("license") = "GPL";
