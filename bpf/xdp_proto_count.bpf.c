// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_proto_count: the xdp2 sample of the seeds' XDP_TX test. Counts frames
 * per IP protocol in a per-CPU map ("rxcnt", key = protocol number, 0 for
 * non-IP), swaps the Ethernet addresses and sends the frame back (XDP_TX).
 */
#include <linux/ip.h>
#include "xdp_common.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} rxcnt SEC(".maps");

static __always_inline int proto_count(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);
	__u32 proto = 0;
	__u64 *cnt;

	if ((void *)(eth + 1) > data_end)
		return count_action(ctx, XDP_DROP);
	if (eth->h_proto == bpf_htons(ETH_P_IP) && (void *)(iph + 1) <= data_end)
		proto = iph->protocol;
	cnt = bpf_map_lookup_elem(&rxcnt, &proto);
	if (cnt)
		*cnt += 1;
	swap_mac(eth);
	return count_action(ctx, XDP_TX);
}

XDP_PROGRAM(xdp_proto_count_prog, proto_count)

char _license[] SEC("license") = "GPL";
