// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_redirect_mark: redirect UDP/IPv4 frames to destination port 9 to the
 * device in slot 0 of the devmap "tx_port", after rewriting the destination
 * port to 10 (UDP checksum cleared: "none" is valid over IPv4); drop every
 * other frame. For two ports cabled back to back (redirect A -> B, and B's
 * frame arrives at A again): each frame is redirected once, then dropped.
 */
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include "xdp_common.h"

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} tx_port SEC(".maps");

static __always_inline int redirect_mark(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);
	struct udphdr *udp = (void *)(iph + 1);

	if ((void *)(udp + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP) ||
	    iph->ihl != 5 || iph->protocol != IPPROTO_UDP ||
	    udp->dest != bpf_htons(9))
		return count_action(ctx, XDP_DROP);

	udp->dest = bpf_htons(10);
	udp->check = 0;
	return count_action(ctx, bpf_redirect_map(&tx_port, 0, 0));
}

XDP_PROGRAM(xdp_redirect_mark_prog, redirect_mark)

char _license[] SEC("license") = "GPL";
