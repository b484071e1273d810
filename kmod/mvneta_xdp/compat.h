/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel API differences between Linux 6.1 (the target, Debian 12) and later
 * kernels, kept in one place. The driver includes this header instead of the
 * version-dependent headers directly.
 */
#ifndef _MVNETA_COMPAT_H
#define _MVNETA_COMPAT_H

#include <linux/version.h>
#include <linux/skbuff.h>
/* what the driver shares with the model and test modules: page_pool
 * headers, frag fill, page release, swiotlb, platform remove
 */
#include <neta_compat.h>

/**
 * mvneta_compat_pp_inflight() - pages a kernel page_pool holds
 * @pool: the pool
 *
 * Pages allocated and not yet returned to the page allocator: in the RX
 * ring, in the pool's caches or held by the stack. 6.1 keeps the two
 * counters in struct page_pool (they moved behind the stats API later).
 *
 * Return: number of pages, never negative.
 */
static inline u32 mvneta_compat_pp_inflight(struct page_pool *pool)
{
	u32 hold = READ_ONCE(pool->pages_state_hold_cnt);
	u32 release = atomic_read(&pool->pages_state_release_cnt);
	s32 diff = (s32)(hold - release);

	return diff > 0 ? diff : 0;
}

#define mvneta_compat_frag_fill neta_compat_frag_fill

/*
 * xdp_features (NETDEV_XDP_ACT_*, uapi <linux/netdev.h>, which netdevice.h
 * includes) appeared in 6.3; 6.1 has none.
 */
#include <linux/netdevice.h>
#ifdef _UAPI_LINUX_NETDEV_H
#include <net/xdp.h>
static inline void mvneta_compat_xdp_features_set(struct net_device *dev)
{
	xdp_set_features_flag(dev, NETDEV_XDP_ACT_BASIC |
			      NETDEV_XDP_ACT_REDIRECT |
			      NETDEV_XDP_ACT_NDO_XMIT |
			      NETDEV_XDP_ACT_RX_SG |
			      NETDEV_XDP_ACT_NDO_XMIT_SG);
}
#else
static inline void mvneta_compat_xdp_features_set(struct net_device *dev)
{
}
#endif

/* CONFIG_PAGE_POOL_STATS: the kernel pool's rx_pp_* counters (arm64 has it) */
#ifdef CONFIG_PAGE_POOL_STATS
#define MVNETA_KERNEL_PP_STATS	1
#else
#define MVNETA_KERNEL_PP_STATS	0
#endif

#endif /* _MVNETA_COMPAT_H */
