// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_tx_mirror: send IPv4 UDP/TCP frames back where they came from, with
 * Ethernet and IPv4 addresses swapped (the seeds' ssh-mirror, for every
 * port). Swapping source and destination leaves the IPv4 header checksum and
 * the UDP/TCP pseudo-header checksum unchanged (ones' complement sums
 * commute), so both stay valid without rewriting. Anything else passes.
 */
#include <linux/ip.h>
#include <linux/in.h>
#include "xdp_common.h"

static __always_inline int mirror(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);
	__be32 addr;

	if ((void *)(iph + 1) > data_end)
		return count_action(ctx, XDP_PASS);
	if (eth->h_proto != bpf_htons(ETH_P_IP) ||
	    (iph->protocol != IPPROTO_UDP && iph->protocol != IPPROTO_TCP))
		return count_action(ctx, XDP_PASS);

	swap_mac(eth);
	addr = iph->daddr;
	iph->daddr = iph->saddr;
	iph->saddr = addr;
	return count_action(ctx, XDP_TX);
}

XDP_PROGRAM(xdp_tx_mirror_prog, mirror)

char _license[] SEC("license") = "GPL";
