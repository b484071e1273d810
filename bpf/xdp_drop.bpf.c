// SPDX-License-Identifier: GPL-2.0-only
/* xdp_drop: drop every frame (the seeds' DDoS test), counting it. */
#include "xdp_common.h"

SEC("xdp")
int xdp_drop_prog(struct xdp_md *ctx)
{
	return count_action(ctx, XDP_DROP);
}

char _license[] SEC("license") = "GPL";
