/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * neta_pp: page_pool allocator for the NETA XDP driver (API).
 *
 * One pool per RX queue. The queue's NAPI context is the only consumer: it
 * allocates and recycles directly into a lockless cache. Any other context
 * gives pages back through a ptr_ring. Pages handed to the stack (XDP_PASS,
 * XDP_REDIRECT with MEM_TYPE_PAGE_ORDER0) come back by a plain put_page():
 * the pool keeps one reference of its own on each page and takes the page
 * back when that is the only reference left. See Documentation/page_pool.rst.
 */
#ifndef _NETA_PP_HELPERS_H
#define _NETA_PP_HELPERS_H

#include <linux/gfp.h>
#include <linux/mm.h>
#include <neta_pp/types.h>

struct neta_pp *neta_pp_create(const struct neta_pp_params *params);
void neta_pp_destroy(struct neta_pp *pool);
int neta_pp_params_check(const struct neta_pp_params *params,
			 const char **reason);

struct page *neta_pp_alloc_slow(struct neta_pp *pool, gfp_t gfp);
dma_addr_t neta_pp_get_dma_addr(const struct neta_pp *pool,
				const struct page *page);
enum dma_data_direction neta_pp_get_dma_dir(const struct neta_pp *pool);

void neta_pp_put_page(struct neta_pp *pool, struct page *page,
		      unsigned int dma_sync_size, bool allow_direct);
struct page *neta_pp_alloc_frag(struct neta_pp *pool, unsigned int *offset,
				unsigned int size, gfp_t gfp);
void neta_pp_put_frag(struct neta_pp *pool, struct page *page,
		      unsigned int offset, unsigned int dma_sync_size,
		      bool allow_direct);
void neta_pp_release_page(struct neta_pp *pool, struct page *page);
void neta_pp_page_to_stack(struct neta_pp *pool, struct page *page);

u64 neta_pp_inflight(const struct neta_pp *pool);
void neta_pp_get_counts(struct neta_pp *pool, struct neta_pp_counts *counts);
bool neta_pp_get_stats(const struct neta_pp *pool,
		       struct neta_pp_stats *stats);
int neta_pp_ethtool_stats_get_count(void);
u8 *neta_pp_ethtool_stats_get_strings(u8 *data);
u64 *neta_pp_ethtool_stats_get(u64 *data, const struct neta_pp_stats *stats);
int neta_pp_nr_pools(void);

/**
 * neta_pp_alloc_pages() - allocate a page from the pool
 * @pool: the pool
 * @gfp: allocation flags for the page allocator (slow path)
 *
 * The lockless cache is inlined; neta_pp_alloc_slow() refills it from the
 * ptr_ring, from pages the stack gave back, then from the page allocator.
 *
 * Context: the pool's consumer (its NAPI context, or process context while
 * NAPI is disabled); never two contexts at the same time.
 * Return: a page mapped for the device (NETA_PP_FLAG_DMA_MAP) or NULL.
 */
static inline struct page *neta_pp_alloc_pages(struct neta_pp *pool,
					       gfp_t gfp)
{
	struct page *page;

	if (unlikely(!pool->alloc_count))
		return neta_pp_alloc_slow(pool, gfp);
	page = pool->cache[--pool->alloc_count];
	set_page_private(page, page_private(page) & ~NETA_PP_IN_POOL);
	/* alloc_stats.fast is derived from the cache's inflow, not counted */
	return page;
}

/**
 * neta_pp_dev_alloc_pages() - allocate a page from the NAPI context
 * @pool: pool of the RX queue
 *
 * Return: a page (order of the pool) or NULL.
 */
static inline struct page *neta_pp_dev_alloc_pages(struct neta_pp *pool)
{
	return neta_pp_alloc_pages(pool, GFP_ATOMIC | __GFP_NOWARN);
}

/**
 * neta_pp_dev_alloc_frag() - allocate a fragment from the NAPI context
 * @pool: pool of the RX queue (NETA_PP_FLAG_PAGE_FRAG)
 * @offset: set to the fragment's offset in the page
 * @size: bytes of the fragment
 *
 * Return: the fragment's page or NULL.
 */
static inline struct page *neta_pp_dev_alloc_frag(struct neta_pp *pool,
						  unsigned int *offset,
						  unsigned int size)
{
	return neta_pp_alloc_frag(pool, offset, size,
				  GFP_ATOMIC | __GFP_NOWARN);
}

/**
 * neta_pp_put_full_page() - give a page back, syncing max_len for the device
 * @pool: pool the page was allocated from
 * @page: the page
 * @allow_direct: the caller runs in the pool's NAPI context
 */
static inline void neta_pp_put_full_page(struct neta_pp *pool,
					 struct page *page, bool allow_direct)
{
	neta_pp_put_page(pool, page, UINT_MAX, allow_direct);
}

/**
 * neta_pp_recycle_direct() - recycle a page from the pool's NAPI context
 * @pool: pool the page was allocated from
 * @page: the page (XDP_DROP, error, XDP_TX completion)
 */
static inline void neta_pp_recycle_direct(struct neta_pp *pool,
					  struct page *page)
{
	neta_pp_put_full_page(pool, page, true);
}

#endif /* _NETA_PP_HELPERS_H */
