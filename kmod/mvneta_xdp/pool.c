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
 * and sync [headroom, headroom + rxq->buf_size) for the device when a page
 * is recycled (the queue's headroom: XDP's or NET_SKB_PAD, see mvneta.h;
 * the whole buffer with sync_whole=1, see mvneta_pool_sync_range()).
 *
 * Fragment mode (rxq->frag_size set): two buffers per page, from
 * page_pool_alloc_frag() or neta_pp_alloc_frag(); a page goes back to its
 * pool when both of its buffers are back. Our pool syncs each buffer's own
 * device area when that buffer comes back; the kernel's syncs from its
 * offset when the last fragment comes back, so it is given offset 0 and the
 * whole page (the other half may hold the device's bytes too).
 *
 * The driver names a buffer by any address inside it: its page is
 * virt_to_head_page(), its fragment offset that address's page offset
 * rounded down to the buffer size.
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

/* Benchmark switch: sync_whole=1 makes both pools sync the whole buffer
 * for the device when it comes back (the page from offset 0, or the whole
 * half page in fragment mode) instead of only the bytes the device may
 * have written, [headroom, headroom + buf_size): the DMA_SYNC_DEV bench
 * measures what the narrower sync saves. A module parameter, not a debugfs
 * knob, because the pools take their sync range when they are created:
 * like rx_frag it is read when the rings are set up, it can be set at load
 * or between two ring restarts, and sysfs shows what the driver runs with
 * (debugfs rings shows each queue's sync_off and sync_len).
 */
static bool sync_whole;
module_param(sync_whole, bool, 0644);
MODULE_PARM_DESC(sync_whole, "Sync the whole RX buffer for the device when it is recycled (default N: only what the device may have written; for benchmarks, read when the rings are set up)");

static bool rx_frag = true;
module_param(rx_frag, bool, 0644);
MODULE_PARM_DESC(rx_frag, "Two RX buffers per page when a frame of the MTU fits in half a page (default Y; N: whole pages; read when the rings are set up)");

/**
 * mvneta_pool_frag_size() - buffer size of fragment mode for the port's MTU
 * @pp: port
 *
 * Return: MVNETA_RX_FRAG_SIZE when frames of the MTU fit in half a page
 * with the headroom rings set up now would have (mvneta_rx_headroom()) and
 * the tailroom (and rx_frag and recycle are set), else 0 (whole pages, also
 * for multi-buffer MTUs).
 */
unsigned int mvneta_pool_frag_size(struct mvneta_port *pp)
{
	unsigned int room = MVNETA_RX_BUF_LEN(MVNETA_RX_FRAG_SIZE,
					      mvneta_rx_headroom(pp));

	if (!READ_ONCE(rx_frag) || !recycle ||
	    MVNETA_RX_PKT_SIZE(pp->dev->mtu) > room)
		return 0;
	return MVNETA_RX_FRAG_SIZE;
}

/**
 * mvneta_pool_parse() - pool kind of a port from the page_pool parameter
 * @list: "kernel" or "own" for every port, or a comma-separated list of
 *	them, one per port in port order (the last one also for the ports
 *	past the list): "own,kernel" puts the two pools side by side
 * @port: port index (the platform device id, else the probe order)
 * @kind: result
 *
 * Every entry is checked whatever @port, so that a bad list is refused at
 * module load rather than at the probe of a later port.
 *
 * Return: 0, or -EINVAL when an entry is neither "kernel" nor "own".
 */
int mvneta_pool_parse(const char *list, unsigned int port,
		      enum mvneta_pool_kind *kind)
{
	enum mvneta_pool_kind k, chosen = MVNETA_POOL_KERNEL;
	const char *p = list;
	unsigned int i;

	for (i = 0; ; i++) {
		size_t n = strcspn(p, ",\n");

		if (n == 6 && !strncmp(p, "kernel", n))
			k = MVNETA_POOL_KERNEL;
		else if (n == 3 && !strncmp(p, "own", n))
			k = MVNETA_POOL_OWN;
		else
			return -EINVAL;
		if (i <= port)
			chosen = k;
		if (p[n] != ',')
			break;
		p += n + 1;
	}
	*kind = chosen;
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
		.offset = rxq->sync_off,
		.max_len = rxq->sync_len,
	};
	struct page_pool *kpp;

	if (rxq->frag_size)
		params.flags |= MVNETA_COMPAT_PP_FLAG_PAGE_FRAG;

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
		.max_len = rxq->sync_len,
		.offset = rxq->sync_off,
	};
	struct neta_pp *npp;

	/* each buffer's device area synced when that buffer is back */
	if (rxq->frag_size)
		params.flags |= NETA_PP_FLAG_PAGE_FRAG;

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

/*
 * The range of a buffer the queue's pool syncs for the device when the
 * buffer comes back, from the buffer's start (a fragment pool adds the
 * fragment's offset): by default what the device may have written; the
 * whole buffer with sync_whole. The kernel's pool syncs a fragment page
 * when its last fragment is back, from the pool's offset: the whole page,
 * since the other half may hold the device's bytes too, either way.
 */
static void mvneta_pool_sync_range(struct mvneta_rx_queue *rxq)
{
	if (rxq->frag_size && rxq->pool.kind == MVNETA_POOL_KERNEL) {
		rxq->sync_off = 0;
		rxq->sync_len = PAGE_SIZE;
	} else if (READ_ONCE(sync_whole)) {
		rxq->sync_off = 0;
		rxq->sync_len = rxq->truesize;
	} else {
		rxq->sync_off = rxq->headroom;
		rxq->sync_len = rxq->buf_size;
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
	mvneta_pool_sync_range(rxq);

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
				 rxq->truesize);
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
 * mvneta_pool_alloc() - a mapped buffer for an RX descriptor
 * @rxq: queue
 * @gfp: allocation flags (GFP_ATOMIC in NAPI)
 *
 * Return: the buffer's first byte (a page, or half of one in fragment
 * mode), or NULL.
 */
void *mvneta_pool_alloc(struct mvneta_rx_queue *rxq, gfp_t gfp)
{
	unsigned int off = 0;
	struct page *page;

	gfp |= __GFP_NOWARN;
	if (rxq->pool.kind == MVNETA_POOL_OWN)
		page = rxq->frag_size ?
		       neta_pp_alloc_frag(rxq->pool.npp, &off, rxq->frag_size,
					  gfp) :
		       neta_pp_alloc_pages(rxq->pool.npp, gfp);
	else
		page = rxq->frag_size ?
		       page_pool_alloc_frag(rxq->pool.kpp, &off, rxq->frag_size,
					    gfp) :
		       page_pool_alloc_pages(rxq->pool.kpp, gfp);
	return page ? page_address(page) + off : NULL;
}

/* Fragment offset of the buffer holding @addr in its page. */
static unsigned int mvneta_pool_buf_off(struct mvneta_rx_queue *rxq,
					void *addr)
{
	return rxq->frag_size ?
	       ALIGN_DOWN(offset_in_page(addr), rxq->frag_size) : 0;
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

/**
 * mvneta_pool_buf_dma() - DMA address of a buffer's first byte
 * @rxq: queue
 * @buf: buffer from mvneta_pool_alloc()
 *
 * Return: the page's address plus the buffer's offset in it.
 */
dma_addr_t mvneta_pool_buf_dma(struct mvneta_rx_queue *rxq, void *buf)
{
	return mvneta_pool_dma(rxq, virt_to_page(buf)) + offset_in_page(buf);
}

/* recycle=0: unmap @page, the pool forgets it; the caller's reference stays */
static void mvneta_pool_release(struct mvneta_rx_queue *rxq, struct page *page)
{
	if (rxq->pool.kind == MVNETA_POOL_OWN)
		neta_pp_release_page(rxq->pool.npp, page);
	else
		neta_compat_pp_release_page(rxq->pool.kpp, page);
}

/* recycle=0 (never in fragment mode): the page leaves the pool */
static bool mvneta_pool_free(struct mvneta_rx_queue *rxq, struct page *page)
{
	if (likely(recycle))
		return false;
	mvneta_pool_release(rxq, page);
	put_page(page);
	return true;
}

/**
 * mvneta_pool_put() - give a buffer back from any context
 * @rxq: queue
 * @addr: any address inside the buffer (its data, its fragment)
 * @napi: true when called from the queue's NAPI poll
 *
 * In fragment mode the page goes back to the pool with its last buffer.
 */
void mvneta_pool_put(struct mvneta_rx_queue *rxq, void *addr, bool napi)
{
	struct page *page = virt_to_head_page(addr);

	if (mvneta_pool_free(rxq, page))
		return;
	if (rxq->pool.kind == MVNETA_POOL_OWN && rxq->frag_size)
		neta_pp_put_frag(rxq->pool.npp, page,
				 mvneta_pool_buf_off(rxq, addr), UINT_MAX,
				 napi);
	else if (rxq->pool.kind == MVNETA_POOL_OWN)
		neta_pp_put_full_page(rxq->pool.npp, page, napi);
	else
		page_pool_put_full_page(rxq->pool.kpp, page, napi);
}

/**
 * mvneta_pool_recycle_direct() - recycle a buffer from the NAPI poll
 * @rxq: queue
 * @addr: any address inside the buffer
 *
 * Context: the queue's NAPI poll.
 */
void mvneta_pool_recycle_direct(struct mvneta_rx_queue *rxq, void *addr)
{
	mvneta_pool_put(rxq, addr, true);
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

/*
 * The rx_pp_* names and values come from the pool in use, in its own order:
 * the kernel's page_pool_ethtool_stats_get_{count,strings}() (count 0
 * without CONFIG_PAGE_POOL_STATS) and page_pool_ethtool_stats_get(), ours
 * neta_pp_ethtool_stats_get_{count,strings}() and
 * neta_pp_ethtool_stats_get(). The driver only sums the values.
 */

/**
 * mvneta_pool_stats_count() - how many rx_pp_* counters ethtool -S shows
 * @pp: port
 *
 * Return: the pool's own count, 0 when it keeps no statistics (or names
 * more than the sums hold: better none than wrong ones).
 */
unsigned int mvneta_pool_stats_count(struct mvneta_port *pp)
{
	int n;

	if (pp->pool_kind == MVNETA_POOL_OWN)
		n = neta_pp_ethtool_stats_get_count();
	else
		n = page_pool_ethtool_stats_get_count();
	return n > 0 && n <= MVNETA_POOL_STATS_MAX ? n : 0;
}

/**
 * mvneta_pool_stats_strings() - the rx_pp_* names of the pool in use
 * @pp: port
 * @data: ethtool's string buffer, advanced past the names
 */
void mvneta_pool_stats_strings(struct mvneta_port *pp, u8 **data)
{
	if (!mvneta_pool_stats_count(pp))
		return;
	if (pp->pool_kind == MVNETA_POOL_OWN)
		*data = neta_pp_ethtool_stats_get_strings(*data);
	else
		*data = page_pool_ethtool_stats_get_strings(*data);
}

/* add the values from @vals up to @end to @v */
static void mvneta_pool_stats_sum(u64 *v, const u64 *vals, const u64 *end)
{
	while (vals < end)
		*v++ += *vals++;
}

#ifdef CONFIG_PAGE_POOL_STATS
static void mvneta_kpool_stats_add(struct page_pool *kpp, u64 *v)
{
	u64 vals[MVNETA_POOL_STATS_MAX];
	struct page_pool_stats s = {};

	if (page_pool_ethtool_stats_get_count() > MVNETA_POOL_STATS_MAX ||
	    !page_pool_get_stats(kpp, &s))
		return;
	mvneta_pool_stats_sum(v, vals, page_pool_ethtool_stats_get(vals, &s));
}
#else
static void mvneta_kpool_stats_add(struct page_pool *kpp, u64 *v)
{
}
#endif

static void mvneta_npool_stats_add(struct neta_pp *npp, u64 *v)
{
	u64 vals[MVNETA_POOL_STATS_MAX];
	struct neta_pp_stats n = {};

	if (neta_pp_ethtool_stats_get_count() > MVNETA_POOL_STATS_MAX ||
	    !neta_pp_get_stats(npp, &n))
		return;
	mvneta_pool_stats_sum(v, vals, neta_pp_ethtool_stats_get(vals, &n));
}

/**
 * mvneta_pool_stats_add() - add a queue's pool counters to @stats
 * @rxq: queue
 * @stats: sums, in the order of the pool's rx_pp_* names
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
