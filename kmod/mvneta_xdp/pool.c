// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page pool of an RX queue, behind a small interface so that the kernel's
 * built-in page_pool and our own (kmod/page_pool, neta_pp_*) plug in alike.
 *
 *   kernel: MEM_TYPE_PAGE_POOL; skbs given to the stack are marked for
 *           recycling, so their pages come back to the pool when freed.
 *   own:    MEM_TYPE_PAGE_ORDER0; the stack frees pages with put_page() and
 *           the pool takes them back by reference count; skbs are never
 *           marked for recycling (the kernel's pool would claim the pages).
 *
 * Both map pages once (DMA_FROM_DEVICE, or BIDIRECTIONAL for XDP_TX later)
 * and sync [headroom, headroom + MVNETA_RX_BUF_SIZE) for the device when a
 * page is recycled.
 */

#include <linux/string.h>
#include <neta_pp/helpers.h>

#include "mvneta.h"

/* Benchmark switch: recycle=0 takes every page out of the pool when the
 * driver is done with it, so each refill allocates and maps a fresh page.
 */
static bool recycle = true;
module_param(recycle, bool, 0444);
MODULE_PARM_DESC(recycle, "Recycle RX pages (default Y; N: a new page per frame, for benchmarks)");

/**
 * mvneta_pool_parse() - module parameter value to pool kind
 * @name: "kernel" or "own"
 * @kind: result
 *
 * Return: 0, or -EINVAL for an unknown name.
 */
int mvneta_pool_parse(const char *name, enum mvneta_pool_kind *kind)
{
	if (sysfs_streq(name, "kernel"))
		*kind = MVNETA_POOL_KERNEL;
	else if (sysfs_streq(name, "own"))
		*kind = MVNETA_POOL_OWN;
	else
		return -EINVAL;
	return 0;
}

/**
 * mvneta_pool_name() - pool kind to its module parameter value
 * @kind: pool kind
 *
 * Return: "kernel" or "own".
 */
const char *mvneta_pool_name(enum mvneta_pool_kind kind)
{
	return kind == MVNETA_POOL_OWN ? "own" : "kernel";
}

static int mvneta_kpool_create(struct mvneta_port *pp,
			       struct mvneta_rx_queue *rxq)
{
	struct page_pool_params params = {
		.order = 0,
		.flags = PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV,
		.pool_size = rxq->size,
		.nid = NUMA_NO_NODE,
		.dev = pp->dmadev,
		.dma_dir = rxq->pool.dma_dir,
		.offset = MVNETA_RX_HEADROOM,
		.max_len = MVNETA_RX_BUF_SIZE,
	};
	struct page_pool *kpp;

	/* listed by the netdev family's page-pool-get where the kernel has
	 * it; rings are set up and torn down with the NAPI disabled, as a
	 * pool bound to a NAPI requires
	 */
	mvneta_compat_pp_owner(&params, pp->dev, &pp->napi, rxq->id);
	kpp = page_pool_create(&params);
	if (IS_ERR(kpp))
		return PTR_ERR(kpp);
	rxq->pool.kpp = kpp;
	return 0;
}

static int mvneta_npool_create(struct mvneta_port *pp,
			       struct mvneta_rx_queue *rxq)
{
	struct neta_pp_params params = {
		.flags = NETA_PP_FLAG_DMA_MAP | NETA_PP_FLAG_DMA_SYNC_DEV,
		.order = 0,
		.pool_size = rxq->size,
		.nid = NUMA_NO_NODE,
		.dev = pp->dmadev,
		.dma_dir = rxq->pool.dma_dir,
		.max_len = MVNETA_RX_BUF_SIZE,
		.offset = MVNETA_RX_HEADROOM,
	};
	struct neta_pp *npp;

	npp = neta_pp_create(&params);
	if (IS_ERR(npp))
		return PTR_ERR(npp);
	rxq->pool.npp = npp;
	return 0;
}

static void mvneta_pool_destroy(struct mvneta_rx_queue *rxq)
{
	switch (rxq->pool.kind) {
	case MVNETA_POOL_KERNEL:
		page_pool_destroy(rxq->pool.kpp);
		rxq->pool.kpp = NULL;
		break;
	case MVNETA_POOL_OWN:
		neta_pp_destroy(rxq->pool.npp);
		rxq->pool.npp = NULL;
		break;
	}
}

/**
 * mvneta_pool_init() - create the queue's pool and register its XDP memory
 *	model
 * @pp: port (pool_kind chosen)
 * @rxq: queue (size set)
 *
 * Return: 0 or a negative errno (nothing left allocated).
 */
int mvneta_pool_init(struct mvneta_port *pp, struct mvneta_rx_queue *rxq)
{
	enum xdp_mem_type mem_type;
	void *allocator;
	int err;

	rxq->pool.kind = pp->pool_kind;
	/* XDP_TX sends from the pages: mapped both ways with a program */
	rxq->pool.dma_dir = pp->xdp_dma_bidir ? DMA_BIDIRECTIONAL :
						DMA_FROM_DEVICE;

	switch (rxq->pool.kind) {
	case MVNETA_POOL_KERNEL:
		err = mvneta_kpool_create(pp, rxq);
		mem_type = MEM_TYPE_PAGE_POOL;
		allocator = rxq->pool.kpp;
		break;
	case MVNETA_POOL_OWN:
		err = mvneta_npool_create(pp, rxq);
		mem_type = MEM_TYPE_PAGE_ORDER0;
		allocator = NULL;
		break;
	default:
		return -EINVAL;
	}
	if (err)
		return err;

	err = __xdp_rxq_info_reg(&rxq->xdp_rxq, pp->dev, rxq->id, 0,
				 PAGE_SIZE);
	if (err)
		goto err_destroy_pool;

	err = xdp_rxq_info_reg_mem_model(&rxq->xdp_rxq, mem_type, allocator);
	if (err)
		goto err_unreg_rxq;

	return 0;

err_unreg_rxq:
	xdp_rxq_info_unreg(&rxq->xdp_rxq);
err_destroy_pool:
	mvneta_pool_destroy(rxq);
	return err;
}

/**
 * mvneta_pool_uninit() - unregister the XDP queue info and destroy the pool
 * @pp: port
 * @rxq: queue, every ring page already put back
 *
 * Pages still held by the stack come back later; both pools defer their
 * teardown until then (the kernel's pool reports the pages in flight in its
 * page_pool_release tracepoint, ours holds a reference on its module).
 */
void mvneta_pool_uninit(struct mvneta_port *pp, struct mvneta_rx_queue *rxq)
{
	/* rx_pp_* stay cumulative across ring restarts */
	mvneta_pool_stats_add(rxq, &pp->pp_retired);
	if (xdp_rxq_info_is_reg(&rxq->xdp_rxq))
		xdp_rxq_info_unreg(&rxq->xdp_rxq);
	mvneta_pool_destroy(rxq);
}

/**
 * mvneta_pool_alloc() - a mapped page for an RX descriptor
 * @rxq: queue
 * @gfp: allocation flags (GFP_ATOMIC in NAPI)
 *
 * Return: the page, or NULL.
 */
struct page *mvneta_pool_alloc(struct mvneta_rx_queue *rxq, gfp_t gfp)
{
	if (rxq->pool.kind == MVNETA_POOL_OWN)
		return neta_pp_alloc_pages(rxq->pool.npp, gfp | __GFP_NOWARN);
	return page_pool_alloc_pages(rxq->pool.kpp, gfp | __GFP_NOWARN);
}

/**
 * mvneta_pool_dma() - DMA address of the start of a pool page
 * @rxq: queue
 * @page: page of the queue's pool
 *
 * Return: the address the pool mapped the page at.
 */
dma_addr_t mvneta_pool_dma(struct mvneta_rx_queue *rxq, struct page *page)
{
	if (rxq->pool.kind == MVNETA_POOL_OWN)
		return neta_pp_get_dma_addr(rxq->pool.npp, page);
	return page_pool_get_dma_addr(page);
}

/* recycle=0: unmap @page, the pool forgets it; the caller's reference stays */
static void mvneta_pool_release(struct mvneta_rx_queue *rxq, struct page *page)
{
	if (rxq->pool.kind == MVNETA_POOL_OWN)
		neta_pp_release_page(rxq->pool.npp, page);
	else
		neta_compat_pp_release_page(rxq->pool.kpp, page);
}

static bool mvneta_pool_free(struct mvneta_rx_queue *rxq, struct page *page)
{
	if (likely(recycle))
		return false;
	mvneta_pool_release(rxq, page);
	put_page(page);
	return true;
}

/**
 * mvneta_pool_recycle_direct() - recycle a page nobody else references
 * @rxq: queue
 * @page: page
 *
 * Context: the queue's NAPI poll.
 */
void mvneta_pool_recycle_direct(struct mvneta_rx_queue *rxq,
				struct page *page)
{
	if (mvneta_pool_free(rxq, page))
		return;
	if (rxq->pool.kind == MVNETA_POOL_OWN)
		neta_pp_recycle_direct(rxq->pool.npp, page);
	else
		page_pool_put_full_page(rxq->pool.kpp, page, true);
}

/**
 * mvneta_pool_put() - give a page back from any context
 * @rxq: queue
 * @page: page
 * @napi: true when called from the queue's NAPI poll
 */
void mvneta_pool_put(struct mvneta_rx_queue *rxq, struct page *page,
		     bool napi)
{
	if (mvneta_pool_free(rxq, page))
		return;
	if (rxq->pool.kind == MVNETA_POOL_OWN)
		neta_pp_put_full_page(rxq->pool.npp, page, napi);
	else
		page_pool_put_full_page(rxq->pool.kpp, page, napi);
}

/**
 * mvneta_pool_to_stack() - the pages of @skb now belong to the stack
 * @rxq: queue
 * @skb: skb built on pool pages
 */
void mvneta_pool_to_stack(struct mvneta_rx_queue *rxq, struct sk_buff *skb)
{
	struct skb_shared_info *sinfo = skb_shinfo(skb);
	int i;

	if (unlikely(!recycle)) {
		mvneta_pool_release(rxq, virt_to_head_page(skb->head));
		for (i = 0; i < sinfo->nr_frags; i++)
			mvneta_pool_release(rxq, skb_frag_page(&sinfo->frags[i]));
		return;
	}
	if (rxq->pool.kind == MVNETA_POOL_KERNEL) {
		skb_mark_for_recycle(skb);
		return;
	}
	/* a socket may keep them for ever: our pool may let go of them */
	neta_pp_page_to_stack(rxq->pool.npp, virt_to_head_page(skb->head));
	for (i = 0; i < sinfo->nr_frags; i++)
		neta_pp_page_to_stack(rxq->pool.npp,
				      skb_frag_page(&sinfo->frags[i]));
}

/**
 * mvneta_pool_inflight() - pages the queue's pool has out of the page
 *	allocator (ring, caches and stack)
 * @rxq: queue
 *
 * Return: number of pages.
 */
u64 mvneta_pool_inflight(struct mvneta_rx_queue *rxq)
{
	if (rxq->pool.kind == MVNETA_POOL_OWN)
		return rxq->pool.npp ? neta_pp_inflight(rxq->pool.npp) : 0;
	return rxq->pool.kpp ? mvneta_compat_pp_inflight(rxq->pool.kpp) : 0;
}

/**
 * mvneta_pool_has_stats() - whether ethtool -S shows rx_pp_* counters
 * @pp: port
 *
 * Return: true when the pool in use keeps statistics.
 */
bool mvneta_pool_has_stats(struct mvneta_port *pp)
{
	if (pp->pool_kind == MVNETA_POOL_OWN)
		return neta_pp_ethtool_stats_get_count() ==
		       ARRAY_SIZE(((struct mvneta_pool_stats *)0)->v);
	return MVNETA_KERNEL_PP_STATS;
}

#ifdef CONFIG_PAGE_POOL_STATS
static void mvneta_kpool_stats_add(struct page_pool *kpp, u64 *v)
{
	struct page_pool_stats s = {};

	if (!page_pool_get_stats(kpp, &s))
		return;
	v[0] += s.alloc_stats.fast;
	v[1] += s.alloc_stats.slow;
	v[2] += s.alloc_stats.slow_high_order;
	v[3] += s.alloc_stats.empty;
	v[4] += s.alloc_stats.refill;
	v[5] += s.alloc_stats.waive;
	v[6] += s.recycle_stats.cached;
	v[7] += s.recycle_stats.cache_full;
	v[8] += s.recycle_stats.ring;
	v[9] += s.recycle_stats.ring_full;
	v[10] += s.recycle_stats.released_refcnt;
}
#else
static void mvneta_kpool_stats_add(struct page_pool *kpp, u64 *v)
{
}
#endif

static void mvneta_npool_stats_add(struct neta_pp *npp, u64 *v)
{
	struct neta_pp_stats n = {};

	if (!neta_pp_get_stats(npp, &n))
		return;
	v[0] += n.alloc_stats.fast;
	v[1] += n.alloc_stats.slow;
	v[2] += n.alloc_stats.slow_high_order;
	v[3] += n.alloc_stats.empty;
	v[4] += n.alloc_stats.refill;
	v[5] += n.alloc_stats.waive;
	v[6] += n.recycle_stats.cached;
	v[7] += n.recycle_stats.cache_full;
	v[8] += n.recycle_stats.ring;
	v[9] += n.recycle_stats.ring_full;
	v[10] += n.recycle_stats.released_refcnt;
}

/**
 * mvneta_pool_stats_add() - add a queue's pool counters to @stats
 * @rxq: queue
 * @stats: sums, in ethtool's rx_pp_* order
 */
void mvneta_pool_stats_add(struct mvneta_rx_queue *rxq,
			   struct mvneta_pool_stats *stats)
{
	if (rxq->pool.kind == MVNETA_POOL_OWN) {
		if (rxq->pool.npp)
			mvneta_npool_stats_add(rxq->pool.npp, stats->v);
	} else if (rxq->pool.kpp) {
		mvneta_kpool_stats_add(rxq->pool.kpp, stats->v);
	}
}
