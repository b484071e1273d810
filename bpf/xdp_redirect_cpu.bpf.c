// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_redirect_cpu: software RPS with a cpumap (seed 001, "mvneta sw RPS").
 * The NAPI side redirects every frame to the CPU in "cpu_select"[0]; the
 * program attached to the cpumap entry (xdp_cpumap_count, section
 * "xdp/cpumap") runs on that CPU, counts per CPU in "cpu_seen" and returns
 * the verdict in "cpu_verdict"[0] (XDP_PASS by default: build the skb there).
 */
#include "xdp_common.h"

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, struct bpf_cpumap_val);
} cpu_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cpu_select SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cpu_verdict SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} cpu_seen SEC(".maps");

static __always_inline int redirect_cpu(struct xdp_md *ctx)
{
	__u32 key = 0, *cpu;

	cpu = bpf_map_lookup_elem(&cpu_select, &key);
	if (!cpu)
		return count_action(ctx, XDP_ABORTED);
	return count_action(ctx, bpf_redirect_map(&cpu_map, *cpu, 0));
}

XDP_PROGRAM(xdp_redirect_cpu_prog, redirect_cpu)

SEC("xdp/cpumap")
int xdp_cpumap_count(struct xdp_md *ctx)
{
	__u32 key = 0, *verdict;
	__u64 *seen;

	seen = bpf_map_lookup_elem(&cpu_seen, &key);
	if (seen)
		*seen += 1;
	verdict = bpf_map_lookup_elem(&cpu_verdict, &key);
	return verdict && *verdict ? *verdict : XDP_PASS;
}

char _license[] SEC("license") = "GPL";
