// SPDX-License-Identifier: GPL-2.0-only
/*
 * neta_pp: page_pool allocator for the NETA XDP driver.
 *
 * Lifecycle of a page (Documentation/page_pool.rst draws it):
 *   page allocator -> (map once) -> pool -> alloc -> driver/device
 *     -> put/recycle_direct with count 2 -> cache or ring -> alloc ...
 *     -> stack (PASS, REDIRECT) -> put_page() down to 1 -> reclaim scan
 *     -> release (unmap, drop the pool's reference) -> page allocator
 */
#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/page_ref.h>
#include <linux/slab.h>
#include <linux/topology.h>

#include "neta_pp_priv.h"

static bool misuse_warn = true;
module_param(misuse_warn, bool, 0644);
MODULE_PARM_DESC(misuse_warn,
		 "report a double free or foreign page with WARN_ONCE (default) or only pr_err (for panic_on_warn test guests)");

static atomic_t neta_pp_live = ATOMIC_INIT(0);
static atomic_t neta_pp_ids = ATOMIC_INIT(0);
static struct workqueue_struct *neta_pp_wq;

static inline unsigned int neta_pp_idx(unsigned long priv)
{
	return priv >> NETA_PP_IDX_SHIFT;
}

static inline unsigned int neta_pp_size(const struct neta_pp *pool)
{
	return PAGE_SIZE << pool->p.order;
}

/* Is @page one of @pool's pages? Exact: the table entry must point back. */
static __always_inline bool neta_pp_lookup(const struct neta_pp *pool,
					   const struct page *page,
					   unsigned long *priv)
{
	unsigned long v = page_private(page);
	unsigned long idx = v >> NETA_PP_IDX_SHIFT;

	if (unlikely(idx >= pool->nr_slots ||
		     READ_ONCE(pool->slots[idx].page) != page))
		return false;
	*priv = v;
	return true;
}

static void neta_pp_misuse(struct neta_pp *pool, struct page *page,
			   const char *what)
{
	atomic64_inc(&pool->misuse);
	if (misuse_warn)
		WARN_ONCE(1, "neta_pp: %s: page %p, pool %u\n", what, page,
			  pool->id);
	else
		pr_err_ratelimited("neta_pp: %s: page %p, pool %u\n", what,
				   page, pool->id);
}

/**
 * neta_pp_params_check() - validate pool parameters
 * @params: parameters for neta_pp_create()
 * @reason: if not NULL, set to a message saying what is wrong
 *
 * Return: 0, -EINVAL (unknown flag, pool_size 0, order above
 * NETA_PP_MAX_ORDER, DMA flag without device, bad DMA direction or sync
 * area) or -E2BIG (pool_size above NETA_PP_MAX_POOL_SIZE).
 */
int neta_pp_params_check(const struct neta_pp_params *params,
			 const char **reason)
{
	const char *why = NULL;
	int err = -EINVAL;

	if (params->flags & ~NETA_PP_FLAG_ALL) {
		why = "unknown flags";
	} else if (!params->pool_size) {
		why = "pool_size is 0";
	} else if (params->pool_size > NETA_PP_MAX_POOL_SIZE) {
		why = "pool_size above 32768";
		err = -E2BIG;
	} else if (params->order > NETA_PP_MAX_ORDER) {
		why = "order above NETA_PP_MAX_ORDER";
	} else if ((params->flags & NETA_PP_FLAG_DMA_SYNC_DEV) &&
		   !(params->flags & NETA_PP_FLAG_DMA_MAP)) {
		why = "DMA_SYNC_DEV without DMA_MAP";
	} else if ((params->flags & NETA_PP_FLAG_DMA_MAP) && !params->dev) {
		why = "DMA flags without a device";
	} else if ((params->flags & NETA_PP_FLAG_DMA_MAP) &&
		   params->dma_dir != DMA_FROM_DEVICE &&
		   params->dma_dir != DMA_BIDIRECTIONAL) {
		why = "dma_dir must be FROM_DEVICE or BIDIRECTIONAL";
	} else if ((params->flags & NETA_PP_FLAG_DMA_SYNC_DEV) &&
		   !params->max_len) {
		why = "DMA_SYNC_DEV with max_len 0";
	} else if ((params->flags & NETA_PP_FLAG_DMA_SYNC_DEV) &&
		   (u64)params->offset + params->max_len >
		   (PAGE_SIZE << params->order)) {
		why = "offset + max_len beyond the page";
	} else {
		err = 0;
	}
	if (reason)
		*reason = why;
	return err;
}
EXPORT_SYMBOL_GPL(neta_pp_params_check);

/**
 * neta_pp_create() - create a pool
 * @params: see struct neta_pp_params; copied
 *
 * Context: process context (may sleep).
 * Return: the pool or ERR_PTR(-EINVAL / -E2BIG / -ENOMEM); the reason of
 * a refusal is logged and available from neta_pp_params_check().
 */
struct neta_pp *neta_pp_create(const struct neta_pp_params *params)
{
	struct neta_pp *pool;
	const char *why;
	unsigned int i;
	int err;

	err = neta_pp_params_check(params, &why);
	if (err) {
		pr_err("neta_pp: refused to create a pool: %s\n", why);
		return ERR_PTR(err);
	}

	pool = kzalloc_node(sizeof(*pool), GFP_KERNEL,
			    params->nid == NUMA_NO_NODE ? NUMA_NO_NODE :
			    params->nid);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	pool->p = *params;
	pool->dma_map = params->flags & NETA_PP_FLAG_DMA_MAP;
	pool->dma_sync = params->flags & NETA_PP_FLAG_DMA_SYNC_DEV;
	pool->frag = params->flags & NETA_PP_FLAG_PAGE_FRAG;
	pool->id = atomic_inc_return(&neta_pp_ids);
	spin_lock_init(&pool->slot_lock);
	INIT_DELAYED_WORK(&pool->release_dw, NULL);
	atomic64_set(&pool->release_cnt, 0);
	atomic64_set(&pool->reclaimed, 0);
	atomic64_set(&pool->misuse, 0);

	err = -ENOMEM;
	pool->recycle_stats = alloc_percpu(struct neta_pp_recycle_stats);
	if (!pool->recycle_stats)
		goto free_pool;

	if (ptr_ring_init(&pool->ring, params->pool_size, GFP_KERNEL))
		goto free_stats;

	pool->nr_slots = 2 * params->pool_size + NETA_PP_CACHE_SIZE +
			 NETA_PP_STACK_SLACK;
	pool->slots = kvcalloc(pool->nr_slots, sizeof(*pool->slots),
			       GFP_KERNEL);
	if (!pool->slots)
		goto cleanup_ring;
	pool->free_idx = kvmalloc_array(pool->nr_slots,
					sizeof(*pool->free_idx), GFP_KERNEL);
	if (!pool->free_idx)
		goto free_slots;
	/* Hand out low indexes first: the reclaim scan stops at slots_hi. */
	for (i = 0; i < pool->nr_slots; i++)
		pool->free_idx[i] = pool->nr_slots - 1 - i;
	pool->nr_free = pool->nr_slots;

	if (pool->dma_map)
		get_device(params->dev);
	atomic_inc(&neta_pp_live);
	return pool;

free_slots:
	kvfree(pool->slots);
cleanup_ring:
	ptr_ring_cleanup(&pool->ring, NULL);
free_stats:
	free_percpu(pool->recycle_stats);
free_pool:
	kfree(pool);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_GPL(neta_pp_create);

static void neta_pp_sync_for_device(struct neta_pp *pool, dma_addr_t dma,
				    unsigned int len)
{
	len = min(len, pool->p.max_len);
	dma_sync_single_range_for_device(pool->p.dev, dma, pool->p.offset,
					 len, pool->p.dma_dir);
}

/*
 * A page entering the cache: [offset, offset + max_len) for a whole-page
 * pool; the whole page for a fragment pool, whose device areas are one per
 * fragment and whose bytes the stack may have written anywhere.
 */
static void neta_pp_sync_page(struct neta_pp *pool, dma_addr_t dma)
{
	if (pool->frag)
		dma_sync_single_range_for_device(pool->p.dev, dma, 0,
						 neta_pp_size(pool),
						 pool->p.dma_dir);
	else
		neta_pp_sync_for_device(pool, dma, pool->p.max_len);
}

/*
 * Take @page out of the page table and unmap it: it is no longer the pool's.
 * The references are the caller's business.
 */
static void neta_pp_forget(struct neta_pp *pool, struct page *page,
			   unsigned long priv)
{
	unsigned int idx = neta_pp_idx(priv);
	dma_addr_t dma;

	spin_lock_bh(&pool->slot_lock);
	dma = pool->slots[idx].dma;
	WRITE_ONCE(pool->slots[idx].page, NULL);
	pool->free_idx[pool->nr_free++] = idx;
	spin_unlock_bh(&pool->slot_lock);

	/*
	 * The CPU may still read the page (the stack): skip the CPU sync so a
	 * bounce buffer is not copied back over it.
	 */
	if (pool->dma_map)
		dma_unmap_page_attrs(pool->p.dev, dma, neta_pp_size(pool),
				     pool->p.dma_dir, DMA_ATTR_SKIP_CPU_SYNC);
	set_page_private(page, 0);
	atomic64_inc(&pool->release_cnt);
}

/* Release a page held only by the pool and the caller (count 2). */
static void neta_pp_return_page(struct neta_pp *pool, struct page *page,
				unsigned long priv)
{
	neta_pp_forget(pool, page, priv);
	page_ref_dec(page);
	put_page(page);
}

/* Map a new page and give it the pool's references; false on failure. */
static bool neta_pp_page_init(struct neta_pp *pool, struct page *page,
			      dma_addr_t *dma)
{
	*dma = 0;
	if (pool->dma_map) {
		*dma = dma_map_page_attrs(pool->p.dev, page, 0,
					  neta_pp_size(pool), pool->p.dma_dir,
					  DMA_ATTR_SKIP_CPU_SYNC |
					  DMA_ATTR_WEAK_ORDERING);
		if (dma_mapping_error(pool->p.dev, *dma)) {
			put_page(page);
			return false;
		}
		if (pool->dma_sync)
			neta_pp_sync_page(pool, *dma);
	}
	page_ref_inc(page);
	return true;
}

/* Undo neta_pp_page_init() for a page that did not get a table entry. */
static void neta_pp_page_drop(struct neta_pp *pool, struct page *page,
			      dma_addr_t dma)
{
	if (pool->dma_map)
		dma_unmap_page_attrs(pool->p.dev, dma, neta_pp_size(pool),
				     pool->p.dma_dir, DMA_ATTR_SKIP_CPU_SYNC);
	page_ref_dec(page);
	put_page(page);
}

/* Give @page a table entry; slot_lock held. False when the table is full. */
static bool neta_pp_slot_add(struct neta_pp *pool, struct page *page,
			     dma_addr_t dma)
{
	unsigned int idx;

	if (!pool->nr_free)
		return false;
	idx = pool->free_idx[--pool->nr_free];
	pool->slots[idx].dma = dma;
	WRITE_ONCE(pool->slots[idx].page, page);
	if (idx >= pool->slots_hi)
		pool->slots_hi = idx + 1;
	set_page_private(page, ((unsigned long)idx << NETA_PP_IDX_SHIFT) |
			 NETA_PP_IN_POOL);
	pool->hold_cnt++;
	return true;
}

/*
 * Take back pages the stack has freed: entries handed out whose count fell
 * to the pool's own reference. Under slot_lock an entry's page cannot leave
 * the pool, so a count of 1 means nobody else holds the page. Inspects at
 * most @budget entries from scan_pos, stops when @want pages are collected
 * into @pages; returns how many.
 */
static unsigned int neta_pp_scan(struct neta_pp *pool, struct page **pages,
				 unsigned int want, unsigned int budget)
{
	unsigned int n = 0, hi, pos;

	spin_lock_bh(&pool->slot_lock);
	hi = pool->slots_hi;
	pos = pool->scan_pos;
	budget = min(budget, hi);
	while (budget-- && n < want) {
		struct page *page;

		if (pos >= hi)
			pos = 0;
		page = pool->slots[pos].page;
		if (page && !(page_private(page) & NETA_PP_IN_POOL) &&
		    page_ref_count(page) == NETA_PP_REF_POOL) {
			page_ref_inc(page);
			set_page_private(page, (page_private(page) &
						~NETA_PP_STACK) |
					 NETA_PP_IN_POOL);
			pages[n++] = page;
		}
		pos++;
	}
	pool->scan_pos = pos;
	spin_unlock_bh(&pool->slot_lock);
	return n;
}

/* Sync reclaimed pages and put them into the cache (consumer context). */
static void neta_pp_reclaim_to_cache(struct neta_pp *pool,
				     struct page **pages, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct page *page = pages[i];
		unsigned long priv = page_private(page);

		if (unlikely(page_is_pfmemalloc(page))) {
			neta_pp_return_page(pool, page, priv);
			continue;
		}
		if (pool->dma_sync)
			neta_pp_sync_page(pool,
					  pool->slots[neta_pp_idx(priv)].dma);
		pool->cache[pool->alloc_count++] = page;
		neta_pp_stat_inc(pool->cache_in);
	}
	atomic64_add(n, &pool->reclaimed);
}

static struct page *neta_pp_take_cached(struct neta_pp *pool)
{
	struct page *page = pool->cache[--pool->alloc_count];

	set_page_private(page, page_private(page) & ~NETA_PP_IN_POOL);
	return page;
}

/* Refill the cache from the ring; NULL when the ring gave nothing usable. */
static struct page *neta_pp_refill_from_ring(struct neta_pp *pool)
{
	int pref_nid = pool->p.nid == NUMA_NO_NODE ? numa_mem_id() :
		       pool->p.nid;
	unsigned int count = pool->alloc_count, waived = 0;
	struct ptr_ring *r = &pool->ring;
	struct page *page;

	if (__ptr_ring_empty(r)) {
		neta_pp_stat_inc(pool->alloc_stats.empty);
		return NULL;
	}

	/* pfmemalloc pages never enter the ring: put releases them */
	spin_lock(&r->consumer_lock);
	while (count < NETA_PP_CACHE_REFILL) {
		page = __ptr_ring_consume(r);
		if (!page)
			break;
		if (likely(page_to_nid(page) == pref_nid)) {
			pool->cache[count++] = page;
			continue;
		}
		/* The NAPI CPU moved to another node: not worth keeping. */
		neta_pp_return_page(pool, page, page_private(page));
		waived++;
	}
	spin_unlock(&r->consumer_lock);
	pool->ring_consumed += count - pool->alloc_count + waived;
	neta_pp_stat_add(pool->cache_in, count - pool->alloc_count);
	neta_pp_stat_add(pool->alloc_stats.waive, waived);
	pool->alloc_count = count;

	if (!count)
		return NULL;
	neta_pp_stat_inc(pool->alloc_stats.refill);
	return neta_pp_take_cached(pool);
}

/* Add fresh pages to the pool and the cache; returns how many were added. */
static unsigned int neta_pp_add_new(struct neta_pp *pool,
				    struct page **pages, unsigned int n)
{
	dma_addr_t dma[NETA_PP_CACHE_REFILL];
	unsigned int i, ok = 0, added = 0;

	for (i = 0; i < n; i++)
		if (neta_pp_page_init(pool, pages[i], &dma[ok]))
			pages[ok++] = pages[i];

	spin_lock_bh(&pool->slot_lock);
	for (i = 0; i < ok; i++) {
		if (!neta_pp_slot_add(pool, pages[i], dma[i]))
			break;
		pool->cache[pool->alloc_count++] = pages[i];
		neta_pp_stat_inc(pool->cache_in);
		added++;
	}
	spin_unlock_bh(&pool->slot_lock);

	/* Page table full: these pages cannot be tracked, drop them. */
	for (i = added; i < ok; i++)
		neta_pp_page_drop(pool, pages[i], dma[i]);
	return added;
}

/*
 * The page table is full and every page is held elsewhere: let go of pages
 * the stack holds (skbs, e.g. in the queue of a socket that never reads),
 * so that the pool keeps giving pages to the ring. Such a page becomes an
 * ordinary page: unmapped, out of the table, the pool's reference dropped;
 * the stack frees it with put_page() as any other. Pages on the ring, in
 * flight for XDP_TX or redirected carry no stack mark and stay. Returns
 * how many entries were freed (at most NETA_PP_CACHE_REFILL).
 */
static unsigned int neta_pp_evict(struct neta_pp *pool, unsigned int budget)
{
	dma_addr_t dma[NETA_PP_CACHE_REFILL];
	unsigned int n = 0, hi, pos, i;

	/*
	 * A fragment the stack holds may share its page with one the device
	 * still writes: such a page cannot be unmapped.
	 */
	if (pool->frag)
		return 0;
	spin_lock_bh(&pool->slot_lock);
	hi = pool->slots_hi;
	pos = pool->scan_pos;
	budget = min(budget, hi);
	while (budget-- && n < NETA_PP_CACHE_REFILL) {
		struct page *page;

		if (pos >= hi)
			pos = 0;
		page = pool->slots[pos].page;
		if (page && (page_private(page) &
			     (NETA_PP_STACK | NETA_PP_IN_POOL)) == NETA_PP_STACK) {
			dma[n] = pool->slots[pos].dma;
			WRITE_ONCE(pool->slots[pos].page, NULL);
			pool->free_idx[pool->nr_free++] = pos;
			set_page_private(page, 0);
			pool->bulk[n++] = page;
		}
		pos++;
	}
	pool->scan_pos = pos;
	spin_unlock_bh(&pool->slot_lock);

	for (i = 0; i < n; i++) {
		/* the stack may read the page: no CPU sync over its data */
		if (pool->dma_map)
			dma_unmap_page_attrs(pool->p.dev, dma[i],
					     neta_pp_size(pool), pool->p.dma_dir,
					     DMA_ATTR_SKIP_CPU_SYNC);
		/* the stack may free it at the same time: put, not dec */
		put_page(pool->bulk[i]);
	}
	atomic64_add(n, &pool->release_cnt);
	pool->evicted += n;
	return n;
}

/**
 * neta_pp_alloc_slow() - allocation when the lockless cache is empty
 * @pool: the pool
 * @gfp: allocation flags for the page allocator
 *
 * Called by neta_pp_alloc_pages(), same context rules.
 * Return: a page or NULL.
 */
struct page *neta_pp_alloc_slow(struct neta_pp *pool, gfp_t gfp)
{
	unsigned int n, i, room;
	struct page *page;

	page = neta_pp_refill_from_ring(pool);
	if (page)
		return page;

	n = neta_pp_scan(pool, pool->bulk, NETA_PP_CACHE_REFILL,
			 NETA_PP_SCAN_BATCH);
	room = READ_ONCE(pool->nr_free);
	if (!n && !room)
		n = neta_pp_scan(pool, pool->bulk, NETA_PP_CACHE_REFILL,
				 NETA_PP_SCAN_FULL);
	if (n) {
		neta_pp_reclaim_to_cache(pool, pool->bulk, n);
		if (pool->alloc_count) {
			neta_pp_stat_inc(pool->alloc_stats.refill);
			return neta_pp_take_cached(pool);
		}
	}
	/* Page table full: every page is held elsewhere (by the stack). */
	if (!room) {
		room = neta_pp_evict(pool, pool->nr_slots);
		if (!room)
			return NULL;
	}

	if (pool->p.order) {
		page = alloc_pages_node(pool->p.nid, gfp | __GFP_COMP,
					pool->p.order);
		if (!page || !neta_pp_add_new(pool, &page, 1))
			return NULL;
		neta_pp_stat_inc(pool->alloc_stats.slow_high_order);
		return neta_pp_take_cached(pool);
	}

	room = min_t(unsigned int, room, NETA_PP_CACHE_REFILL);
	for (i = 0; i < room; i++)
		pool->bulk[i] = NULL;
	n = alloc_pages_bulk_array_node(gfp, pool->p.nid, room, pool->bulk);
	if (!n)
		return NULL;
	if (!neta_pp_add_new(pool, pool->bulk, n))
		return NULL;
	neta_pp_stat_inc(pool->alloc_stats.slow);
	return neta_pp_take_cached(pool);
}
EXPORT_SYMBOL_GPL(neta_pp_alloc_slow);

/**
 * neta_pp_get_dma_addr() - DMA address of a page of the pool
 * @pool: the pool
 * @page: a page allocated from @pool and not given back
 *
 * Return: the address of the page's first byte, DMA_MAPPING_ERROR for a
 * page that is not the pool's.
 */
dma_addr_t neta_pp_get_dma_addr(const struct neta_pp *pool,
				const struct page *page)
{
	unsigned long priv;

	if (unlikely(!neta_pp_lookup(pool, page, &priv)))
		return DMA_MAPPING_ERROR;
	return pool->slots[neta_pp_idx(priv)].dma;
}
EXPORT_SYMBOL_GPL(neta_pp_get_dma_addr);

/**
 * neta_pp_get_dma_dir() - DMA direction of the pool's mappings
 * @pool: the pool
 *
 * Return: the dma_dir the pool was created with.
 */
enum dma_data_direction neta_pp_get_dma_dir(const struct neta_pp *pool)
{
	return pool->p.dma_dir;
}
EXPORT_SYMBOL_GPL(neta_pp_get_dma_dir);

/*
 * Recycle an exclusively held page into the ring, else release it. Counted
 * before the produce so that the common case ends with the unlock.
 */
static noinline void neta_pp_recycle_in_ring(struct neta_pp *pool,
					     struct page *page)
{
	struct ptr_ring *r = &pool->ring;

	neta_pp_pcpu_stat_inc(pool->recycle_stats->ring);
	if (in_softirq()) {
		spin_lock(&r->producer_lock);
		if (likely(!__ptr_ring_produce(r, page))) {
			spin_unlock(&r->producer_lock);
			return;
		}
		spin_unlock(&r->producer_lock);
	} else {
		spin_lock_bh(&r->producer_lock);
		if (likely(!__ptr_ring_produce(r, page))) {
			spin_unlock_bh(&r->producer_lock);
			return;
		}
		spin_unlock_bh(&r->producer_lock);
	}
	neta_pp_pcpu_stat_dec(pool->recycle_stats->ring);
	neta_pp_pcpu_stat_inc(pool->recycle_stats->ring_full);
	neta_pp_return_page(pool, page, page_private(page));
}

/* Recycle an exclusively held page: direct into the cache, else the ring. */
static __always_inline void neta_pp_recycle(struct neta_pp *pool,
					    struct page *page,
					    unsigned long priv,
					    bool allow_direct)
{
	set_page_private(page, (priv & ~NETA_PP_STACK) | NETA_PP_IN_POOL);
	if (allow_direct && in_softirq()) {
		if (likely(pool->alloc_count < NETA_PP_CACHE_SIZE)) {
			pool->cache[pool->alloc_count++] = page;
			neta_pp_pcpu_stat_inc(pool->recycle_stats->cached);
			return;
		}
		neta_pp_pcpu_stat_inc(pool->recycle_stats->cache_full);
	}
	neta_pp_recycle_in_ring(pool, page);
}

/*
 * Out of line so that the put fast path makes no call but tail calls (and
 * saves no registers) when the pool does not sync.
 */
static noinline void neta_pp_recycle_synced(struct neta_pp *pool,
					    struct page *page,
					    unsigned long priv,
					    unsigned int dma_sync_size,
					    bool allow_direct)
{
	neta_pp_sync_for_device(pool, pool->slots[neta_pp_idx(priv)].dma,
				dma_sync_size);
	neta_pp_recycle(pool, page, priv, allow_direct);
}

/* The unusual puts: misuse, page still held elsewhere, pfmemalloc. */
static noinline void neta_pp_put_slow(struct neta_pp *pool, struct page *page,
				      unsigned long priv, int ref)
{
	if (priv & NETA_PP_IN_POOL) {
		neta_pp_misuse(pool, page, "double free (page already in the pool)");
	} else if (ref < NETA_PP_REF_FREE) {
		neta_pp_misuse(pool, page,
			       "double free (caller holds no reference)");
	} else if (ref > NETA_PP_REF_FREE) {
		/* Still held elsewhere: the reclaim scan takes it back. */
		neta_pp_pcpu_stat_inc(pool->recycle_stats->released_refcnt);
		page_ref_dec(page);
	} else {
		/* Emergency (pfmemalloc) memory goes back at once. */
		neta_pp_return_page(pool, page, priv);
	}
}

/**
 * neta_pp_put_page() - give a page back to the pool
 * @pool: pool the page was allocated from
 * @page: the page; the caller gives up its reference
 * @dma_sync_size: bytes from the pool's offset the device may have written
 *	(synced for the device, at most max_len); UINT_MAX for max_len
 * @allow_direct: the caller is the pool's NAPI context: recycle into the
 *	lockless cache (used only in softirq or BH-disabled context, as the
 *	kernel's pool does, so threaded NAPI recycles directly too)
 *
 * If the caller held the only reference besides the pool's, the page is
 * recycled into the cache (direct), else the ptr_ring, else (ring full)
 * released to the page allocator. If someone else (the stack) still holds
 * the page, only the caller's reference is dropped: the pool takes the page
 * back when the count falls to the pool's own reference. A double free or
 * a page of another pool is refused and counted. In a NETA_PP_FLAG_PAGE_FRAG
 * pool this is neta_pp_put_frag() of the fragment at offset 0.
 *
 * Context: any context but hard interrupt.
 */
void neta_pp_put_page(struct neta_pp *pool, struct page *page,
		      unsigned int dma_sync_size, bool allow_direct)
{
	unsigned long priv;
	int ref;

	if (pool->frag) {
		neta_pp_put_frag(pool, page, 0, dma_sync_size, allow_direct);
		return;
	}
	if (unlikely(!neta_pp_lookup(pool, page, &priv))) {
		neta_pp_misuse(pool, page, "put of a page not from this pool");
		return;
	}
	ref = page_ref_count(page);
	if (unlikely((priv & NETA_PP_IN_POOL) || ref != NETA_PP_REF_FREE ||
		     page_is_pfmemalloc(page))) {
		neta_pp_put_slow(pool, page, priv, ref);
		return;
	}

	if (pool->dma_sync)
		neta_pp_recycle_synced(pool, page, priv, dma_sync_size,
				       allow_direct);
	else
		neta_pp_recycle(pool, page, priv, allow_direct);
}
EXPORT_SYMBOL_GPL(neta_pp_put_page);

/* ---- fragments: several device buffers per page ------------------- */

static void neta_pp_frag_refused(struct neta_pp *pool, unsigned int size,
				 const char *why)
{
	atomic64_inc(&pool->misuse);
	pr_err_ratelimited("neta_pp: pool %u: fragment of %u bytes refused: %s\n",
			   pool->id, size, why);
}

/* Sync a whole page for the device (its bytes went through the stack). */
static void neta_pp_sync_whole(struct neta_pp *pool, unsigned long priv)
{
	dma_sync_single_range_for_device(pool->p.dev,
					 pool->slots[neta_pp_idx(priv)].dma, 0,
					 neta_pp_size(pool), pool->p.dma_dir);
}

/*
 * Stop splitting @page: take off the bias units no fragment used. Returns
 * the page with a count of NETA_PP_REF_FREE when every fragment already came
 * back (it is reused at once), else NULL: the last fragment put back
 * recycles it, or the reclaim scan does when the stack frees the last one.
 */
static struct page *neta_pp_frag_drain(struct neta_pp *pool,
				       struct page *page)
{
	unsigned long priv;

	pool->frag_page = NULL;
	page_ref_sub(page, NETA_PP_FRAG_BIAS - pool->frag_users);
	/*
	 * Read after the sub: a fragment put meanwhile saw a count above
	 * NETA_PP_REF_FREE and only dropped its reference, or saw exactly that
	 * and recycled the page (then the count stays 2 here). A count of 1
	 * means every fragment is back. Consumer context: the reclaim scan
	 * cannot take the page meanwhile.
	 */
	if (page_ref_count(page) != NETA_PP_REF_POOL)
		return NULL;
	page_ref_inc(page);
	priv = page_private(page);
	if (unlikely(page_is_pfmemalloc(page))) {
		neta_pp_return_page(pool, page, priv);
		return NULL;
	}
	if ((priv & NETA_PP_STACK) && pool->dma_sync)
		neta_pp_sync_whole(pool, priv);
	set_page_private(page, priv & ~NETA_PP_STACK);
	return page;
}

/**
 * neta_pp_alloc_frag() - allocate a fragment of a page
 * @pool: a pool created with NETA_PP_FLAG_PAGE_FRAG
 * @offset: set to the fragment's offset in the page
 * @size: bytes of the fragment (rounded up to the DMA cache alignment)
 * @gfp: allocation flags for the page allocator (slow path)
 *
 * Fragments are cut from one page until the next one does not fit, as the
 * kernel's page_pool_alloc_frag(). Each fragment holds one reference of the
 * page: it goes back with neta_pp_put_frag() (driver) or put_page() (the
 * stack), and the page returns to the pool when the last fragment does.
 * The DMA address of the fragment is neta_pp_get_dma_addr() + @offset.
 *
 * Context: the pool's consumer, as neta_pp_alloc_pages().
 * Return: the page or NULL (no memory; a size of 0 or above the page, or a
 * pool without NETA_PP_FLAG_PAGE_FRAG, is refused and counted as misuse).
 */
struct page *neta_pp_alloc_frag(struct neta_pp *pool, unsigned int *offset,
				unsigned int size, gfp_t gfp)
{
	unsigned int max_size = neta_pp_size(pool);
	struct page *page = pool->frag_page;

	if (unlikely(!pool->frag)) {
		neta_pp_frag_refused(pool, size, "pool without PAGE_FRAG");
		return NULL;
	}
	size = ALIGN(size, dma_get_cache_alignment());
	if (unlikely(!size || size > max_size)) {
		neta_pp_frag_refused(pool, size, "empty or larger than a page");
		return NULL;
	}
	if (page && pool->frag_offset + size <= max_size) {
		*offset = pool->frag_offset;
		pool->frag_offset += size;
		pool->frag_users++;
		return page;
	}
	if (page)
		page = neta_pp_frag_drain(pool, page);
	if (!page) {
		page = neta_pp_alloc_pages(pool, gfp);
		if (unlikely(!page))
			return NULL;
	}
	/* the caller's pre-charged reference becomes the bias */
	page_ref_add(page, NETA_PP_FRAG_BIAS - 1);
	pool->frag_page = page;
	pool->frag_users = 1;
	pool->frag_offset = size;
	*offset = 0;
	return page;
}
EXPORT_SYMBOL_GPL(neta_pp_alloc_frag);

/**
 * neta_pp_put_frag() - give a fragment back to the pool
 * @pool: pool the fragment was allocated from
 * @page: its page; the caller gives up the fragment's reference
 * @offset: the fragment's offset in the page
 * @dma_sync_size: bytes from the fragment's @offset + the pool's offset the
 *	device may have written (synced for the device, at most max_len)
 * @allow_direct: as for neta_pp_put_page()
 *
 * Only the fragment's area is synced: the other fragments of the page are
 * synced by their own put, or whole when the stack had the page. The last
 * fragment back recycles the page (cache, ring or release as
 * neta_pp_put_page()); a double free or a page of another pool is refused
 * and counted.
 *
 * Context: any context but hard interrupt.
 */
void neta_pp_put_frag(struct neta_pp *pool, struct page *page,
		      unsigned int offset, unsigned int dma_sync_size,
		      bool allow_direct)
{
	unsigned int start = offset + pool->p.offset, size = neta_pp_size(pool);
	unsigned long priv;

	if (unlikely(!neta_pp_lookup(pool, page, &priv))) {
		neta_pp_misuse(pool, page, "put of a page not from this pool");
		return;
	}
	if (unlikely(priv & NETA_PP_IN_POOL)) {
		neta_pp_misuse(pool, page, "double free (page already in the pool)");
		return;
	}
	if (unlikely(offset >= size ||
		     page_ref_count(page) < NETA_PP_REF_FREE)) {
		neta_pp_misuse(pool, page, offset >= size ?
			       "fragment offset beyond the page" :
			       "double free (caller holds no reference)");
		return;
	}
	if (pool->dma_sync && start < size)
		dma_sync_single_range_for_device(pool->p.dev,
						 pool->slots[neta_pp_idx(priv)].dma,
						 start,
						 min3(dma_sync_size,
						      pool->p.max_len,
						      size - start),
						 pool->p.dma_dir);
	/* not the last reference: the page stays out */
	if (page_ref_add_unless(page, -1, NETA_PP_REF_FREE))
		return;

	priv = page_private(page);
	if (unlikely(page_is_pfmemalloc(page))) {
		neta_pp_return_page(pool, page, priv);
		return;
	}
	if ((priv & NETA_PP_STACK) && pool->dma_sync)
		neta_pp_sync_whole(pool, priv);
	neta_pp_recycle(pool, page, priv, allow_direct);
}
EXPORT_SYMBOL_GPL(neta_pp_put_frag);

/**
 * neta_pp_release_page() - take a page out of the pool for good
 * @pool: pool the page was allocated from
 * @page: a page allocated from @pool and not given back
 *
 * The page is unmapped and the pool drops its own reference: the caller's
 * reference is now the only one and the page is an ordinary page (e.g. for
 * an skb the stack frees with put_page()). Refused in a fragment pool.
 *
 * Context: any context but hard interrupt.
 */
void neta_pp_release_page(struct neta_pp *pool, struct page *page)
{
	unsigned long priv;

	if (unlikely(!neta_pp_lookup(pool, page, &priv))) {
		neta_pp_misuse(pool, page, "release of a page not from this pool");
		return;
	}
	/* the device may still write another fragment of it */
	if (unlikely(pool->frag)) {
		neta_pp_misuse(pool, page, "release of a page of a fragment pool");
		return;
	}
	if (unlikely((priv & NETA_PP_IN_POOL) ||
		     page_ref_count(page) < NETA_PP_REF_FREE)) {
		neta_pp_misuse(pool, page, "release of a free page");
		return;
	}
	neta_pp_forget(pool, page, priv);
	page_ref_dec(page);
}
EXPORT_SYMBOL_GPL(neta_pp_release_page);

/**
 * neta_pp_page_to_stack() - the driver gives a page to the stack (an skb)
 * @pool: pool the page was allocated from
 * @page: a page allocated from @pool and not given back
 *
 * The pool takes the page back when the stack frees it, as any page handed
 * out; the mark only allows the pool to let go of it (unmap it, drop its
 * reference, forget it) when the page table is full, because the stack
 * may keep it for ever (a socket that never reads).
 *
 * Context: the pool's consumer (NAPI).
 */
void neta_pp_page_to_stack(struct neta_pp *pool, struct page *page)
{
	unsigned long priv;

	if (unlikely(!neta_pp_lookup(pool, page, &priv) ||
		     (priv & NETA_PP_IN_POOL))) {
		neta_pp_misuse(pool, page, "stack handover of a page not handed out");
		return;
	}
	set_page_private(page, priv | NETA_PP_STACK);
}
EXPORT_SYMBOL_GPL(neta_pp_page_to_stack);

/**
 * neta_pp_inflight() - pages the pool owns (hold - release)
 * @pool: the pool
 *
 * Return: pages allocated by the pool and not yet released, in any state
 * (cache, ring, driver, device, stack), like the kernel's pool.
 */
u64 neta_pp_inflight(const struct neta_pp *pool)
{
	return READ_ONCE(pool->hold_cnt) - atomic64_read(&pool->release_cnt);
}
EXPORT_SYMBOL_GPL(neta_pp_inflight);

/**
 * neta_pp_get_counts() - page accounting of a pool
 * @pool: the pool
 * @c: filled in, see struct neta_pp_counts
 *
 * Context: process context, pool quiescent (no alloc or put running) for a
 * consistent snapshot.
 */
void neta_pp_get_counts(struct neta_pp *pool, struct neta_pp_counts *c)
{
	unsigned int i, out = 0;

	memset(c, 0, sizeof(*c));
	spin_lock_bh(&pool->slot_lock);
	for (i = 0; i < pool->slots_hi; i++) {
		struct page *page = pool->slots[i].page;

		if (page && !(page_private(page) & NETA_PP_IN_POOL))
			out++;
	}
	c->hold = pool->hold_cnt;
	c->release = atomic64_read(&pool->release_cnt);
	spin_unlock_bh(&pool->slot_lock);
	c->inflight = c->hold - c->release;
	c->cached = READ_ONCE(pool->alloc_count);
	c->out = out;
#if NETA_PP_STATS
	{
		struct neta_pp_recycle_stats r;

		neta_pp_sum_recycle_stats(pool, &r);
		c->ring = r.ring - pool->ring_consumed;
	}
#else
	c->ring = c->inflight - c->cached - c->out;
#endif
	c->capacity = pool->nr_slots;
	c->evicted = READ_ONCE(pool->evicted);
	c->reclaimed = atomic64_read(&pool->reclaimed);
	c->misuse = atomic64_read(&pool->misuse);
}
EXPORT_SYMBOL_GPL(neta_pp_get_counts);

/**
 * neta_pp_nr_pools() - pools created and not yet freed
 *
 * Return: the number of such pools; a destroyed pool with pages in flight
 * counts until its last page is back.
 */
int neta_pp_nr_pools(void)
{
	return atomic_read(&neta_pp_live);
}
EXPORT_SYMBOL_GPL(neta_pp_nr_pools);

static void neta_pp_free(struct neta_pp *pool)
{
	if (pool->dma_map)
		put_device(pool->p.dev);
	kvfree(pool->free_idx);
	kvfree(pool->slots);
	ptr_ring_cleanup(&pool->ring, NULL);
	free_percpu(pool->recycle_stats);
	kfree(pool);
	atomic_dec(&neta_pp_live);
}

/* Release what came back since the last try; true when nothing is out. */
static bool neta_pp_release_idle(struct neta_pp *pool)
{
	struct page *page;
	unsigned int n, i;

	if (pool->frag_page) {
		page = neta_pp_frag_drain(pool, pool->frag_page);
		if (page)
			neta_pp_return_page(pool, page, page_private(page));
	}
	while (pool->alloc_count) {
		page = pool->cache[--pool->alloc_count];
		neta_pp_return_page(pool, page, page_private(page));
	}
	while ((page = ptr_ring_consume_bh(&pool->ring))) {
		pool->ring_consumed++;
		neta_pp_return_page(pool, page, page_private(page));
	}
	do {
		n = neta_pp_scan(pool, pool->bulk, NETA_PP_CACHE_REFILL,
				 pool->nr_slots);
		atomic64_add(n, &pool->reclaimed);
		for (i = 0; i < n; i++)
			neta_pp_return_page(pool, pool->bulk[i],
					    page_private(pool->bulk[i]));
	} while (n);
	return !neta_pp_inflight(pool);
}

static void neta_pp_release_retry(struct work_struct *work)
{
	struct delayed_work *dw = to_delayed_work(work);
	struct neta_pp *pool = container_of(dw, struct neta_pp, release_dw);

	if (neta_pp_release_idle(pool)) {
		neta_pp_free(pool);
		/* Taken when the destroy was deferred. */
		module_put(THIS_MODULE);
		return;
	}
	if (time_after_eq(jiffies, pool->defer_warn)) {
		pr_warn("neta_pp: pool %u: destroy stalled for %u s, %llu pages in flight\n",
			pool->id, jiffies_to_msecs(jiffies - pool->defer_start) / 1000,
			neta_pp_inflight(pool));
		pool->defer_warn = jiffies + NETA_PP_DEFER_WARN;
	}
	queue_delayed_work(neta_pp_wq, &pool->release_dw, NETA_PP_DEFER_TIME);
}

/**
 * neta_pp_destroy() - destroy a pool
 * @pool: the pool, or NULL / an error pointer (nothing done)
 *
 * Releases the pages in the cache and the ring. Pages still in flight
 * (driver, device, stack) keep the pool alive: it is freed when the last one
 * is back, and a warning is printed every minute until then. The module
 * stays loaded meanwhile, so a driver may be unloaded with pages in flight.
 *
 * Context: process context; the pool's NAPI context must be stopped.
 */
void neta_pp_destroy(struct neta_pp *pool)
{
	if (IS_ERR_OR_NULL(pool))
		return;
	/*
	 * Pages put after this point go to the ring (NAPI is stopped): the
	 * retries below release what the ring and the cache hold.
	 */
	if (neta_pp_release_idle(pool)) {
		neta_pp_free(pool);
		return;
	}
	__module_get(THIS_MODULE);
	pool->defer_start = jiffies;
	pool->defer_warn = jiffies + NETA_PP_DEFER_WARN;
	INIT_DELAYED_WORK(&pool->release_dw, neta_pp_release_retry);
	queue_delayed_work(neta_pp_wq, &pool->release_dw, NETA_PP_DEFER_TIME);
}
EXPORT_SYMBOL_GPL(neta_pp_destroy);

static int __init neta_pp_init(void)
{
	neta_pp_wq = alloc_workqueue("neta_pp", WQ_UNBOUND, 0);
	return neta_pp_wq ? 0 : -ENOMEM;
}

static void __exit neta_pp_exit(void)
{
	/* Deferred destroys hold the module: only their last return is left. */
	destroy_workqueue(neta_pp_wq);
}

module_init(neta_pp_init);
module_exit(neta_pp_exit);
MODULE_DESCRIPTION("page_pool allocator for the NETA XDP driver");
MODULE_LICENSE("GPL");
