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
 * A kernel page_pool hands out fragments (page_pool_alloc_frag()) only with
 * PP_FLAG_PAGE_FRAG up to 6.6; from 6.7 every pool does and the flag is gone.
 */
#ifdef PP_FLAG_PAGE_FRAG
#define MVNETA_COMPAT_PP_FLAG_PAGE_FRAG	PP_FLAG_PAGE_FRAG
#else
#define MVNETA_COMPAT_PP_FLAG_PAGE_FRAG	0
#endif

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
			      NETDEV_XDP_ACT_XSK_ZEROCOPY |
			      NETDEV_XDP_ACT_RX_SG |
			      NETDEV_XDP_ACT_NDO_XMIT_SG);
}
#else
static inline void mvneta_compat_xdp_features_set(struct net_device *dev)
{
}
#endif

/*
 * xsk_buff_dma_sync_for_cpu() lost its pool argument in 6.10 (the buffer
 * knows its pool).
 */
#include <net/xdp_sock_drv.h>
static inline void mvneta_compat_xsk_sync_for_cpu(struct xdp_buff *xdp,
						  struct xsk_buff_pool *pool)
{
#if KERNEL_VERSION(6, 10, 0) <= LINUX_VERSION_CODE
	xsk_buff_dma_sync_for_cpu(xdp);
#else
	xsk_buff_dma_sync_for_cpu(xdp, pool);
#endif
}

/*
 * Introspection through the netdev genetlink family (page-pool-get,
 * queue-get, napi-get, qstats-get). The pieces came one by one between 6.7
 * and 6.10 (pool .netdev/.napi, netif_queue_set_napi(), netif_napi_set_irq(),
 * netdev_stat_ops, pool .queue_idx); 6.12 is the first kernel we build for
 * that has them all, so one switch covers them (MVNETA_COMPAT_NETDEV_NL also
 * compiles the driver's netdev_stat_ops). 6.1 has none: the same
 * numbers are in ethtool -S there.
 */
#if KERNEL_VERSION(6, 12, 0) <= LINUX_VERSION_CODE
#include <net/netdev_queues.h>
#define MVNETA_COMPAT_NETDEV_NL	1

/**
 * mvneta_compat_pp_owner() - tell a kernel page_pool whom it serves
 * @params: pool parameters being filled
 * @dev: the port; the pool is then listed by page-pool-get with its ifindex
 * @napi: the only NAPI that allocates from and recycles into the pool
 * @queue: RX queue index
 *
 * With @napi set the pool recycles directly whenever that NAPI runs on the
 * current CPU, and it must be destroyed only with the NAPI disabled.
 */
static inline void mvneta_compat_pp_owner(struct page_pool_params *params,
					  struct net_device *dev,
					  struct napi_struct *napi,
					  unsigned int queue)
{
	params->netdev = dev;
	params->napi = napi;
	params->queue_idx = queue;
}

/**
 * mvneta_compat_queue_napi() - link (or unlink, @napi NULL) a queue to the
 *	NAPI that serves it, shown by queue-get
 * @dev: registered netdev; RTNL held
 * @queue: queue index
 * @rx: RX queue, else TX
 * @napi: NAPI or NULL
 */
static inline void mvneta_compat_queue_napi(struct net_device *dev,
					    unsigned int queue, bool rx,
					    struct napi_struct *napi)
{
	netif_queue_set_napi(dev, queue, rx ? NETDEV_QUEUE_TYPE_RX :
			     NETDEV_QUEUE_TYPE_TX, napi);
}

/**
 * mvneta_compat_napi_irq() - the interrupt of a NAPI, shown by napi-get
 * @napi: NAPI
 * @irq: Linux irq number
 */
static inline void mvneta_compat_napi_irq(struct napi_struct *napi, int irq)
{
	netif_napi_set_irq(napi, irq);
}
#else
#define MVNETA_COMPAT_NETDEV_NL	0

struct page_pool_params;

static inline void mvneta_compat_pp_owner(struct page_pool_params *params,
					  struct net_device *dev,
					  struct napi_struct *napi,
					  unsigned int queue)
{
}

static inline void mvneta_compat_queue_napi(struct net_device *dev,
					    unsigned int queue, bool rx,
					    struct napi_struct *napi)
{
}

static inline void mvneta_compat_napi_irq(struct napi_struct *napi, int irq)
{
}
#endif

#endif /* _MVNETA_COMPAT_H */
