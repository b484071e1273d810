// SPDX-License-Identifier: GPL-2.0-only
/* xdp_pass: hand every frame to the stack, counting it. */
#include "xdp_common.h"

static __always_inline int pass(struct xdp_md *ctx)
{
	return count_action(ctx, XDP_PASS);
}

XDP_PROGRAM(xdp_pass_prog, pass)

char _license[] SEC("license") = "GPL";
