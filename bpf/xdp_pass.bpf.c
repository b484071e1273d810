// SPDX-License-Identifier: GPL-2.0-only
/* xdp_pass: hand every frame to the stack, counting it. */
#include "xdp_common.h"

SEC("xdp")
int xdp_pass_prog(struct xdp_md *ctx)
{
	return count_action(ctx, XDP_PASS);
}

char _license[] SEC("license") = "GPL";
