/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared definitions of the project's XDP programs.
 *
 * Every program counts what it sees in a per-CPU array "stats" indexed by
 * XDP action (XDP_ABORTED..XDP_REDIRECT), so tests can compare the verdicts a
 * program returned with the driver's ethtool counters exactly.
 */
#ifndef XDP_COMMON_H
#define XDP_COMMON_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/**
 * struct xdp_action_stats - packets and bytes seen for one XDP action
 * @packets: frames the program returned this action for
 * @bytes: their length as seen by the program (all buffers)
 */
struct xdp_action_stats {
	__u64 packets;
	__u64 bytes;
};

#define XDP_ACTION_MAX (XDP_REDIRECT + 1)

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XDP_ACTION_MAX);
	__type(key, __u32);
	__type(value, struct xdp_action_stats);
} stats SEC(".maps");

/* count_action - account one frame under @action and return @action. */
static __always_inline __u32 count_action(struct xdp_md *ctx, __u32 action)
{
	struct xdp_action_stats *s;
	__u32 key = action;

	s = bpf_map_lookup_elem(&stats, &key);
	if (s) {
		s->packets++;
		/* The whole frame, frags included (multi-buffer programs). */
		s->bytes += bpf_xdp_get_buff_len(ctx);
	}
	return action;
}

/*
 * XDP_PROGRAM(name, body-function) - the same program twice: "xdp" for
 * single-buffer attachment and "xdp.frags" (BPF_F_XDP_HAS_FRAGS) for
 * multi-buffer frames, so one object serves both: pick with `sec xdp` or
 * `sec xdp.frags`.
 */
#define XDP_PROGRAM(name, fn)						\
	SEC("xdp") int name(struct xdp_md *ctx) { return fn(ctx); }	\
	SEC("xdp.frags") int name##_frags(struct xdp_md *ctx) { return fn(ctx); }

/* swap_mac - exchange destination and source Ethernet addresses */
static __always_inline void swap_mac(struct ethhdr *eth)
{
	unsigned char tmp[ETH_ALEN];

	__builtin_memcpy(tmp, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, tmp, ETH_ALEN);
}

#endif /* XDP_COMMON_H */
