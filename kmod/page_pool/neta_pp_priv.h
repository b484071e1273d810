/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * neta_pp: private definitions of the pool (not for drivers).
 */
#ifndef _NETA_PP_PRIV_H
#define _NETA_PP_PRIV_H

#include <linux/cache.h>
#include <linux/list.h>
#include <linux/ptr_ring.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <neta_pp/helpers.h>

/*
 * Per-page metadata lives in page->private: the page's index in the pool's
 * page table and whether the page is inside the pool (cache or ring):
 *
 *	page->private = (slot index << NETA_PP_IDX_SHIFT) | NETA_PP_IN_POOL
 *
 * Why page->private: it is the field the owner of a page allocated with
 * alloc_pages() may use, the stack never reads or writes it for skb pages,
 * and nothing here touches page->pp_magic (which aliases page->lru.next,
 * where the page allocator keeps the pfmemalloc bit that build_skb() reads).
 * The kernel's page_pool only trusts page->pp and page->pp_frag_count
 * (aliasing page->private) after checking pp_magic == PP_SIGNATURE, which our
 * pages never carry: the stack and the kernel's pool treat them as ordinary
 * pages freed by put_page(). The DMA address is kept in the page table, not
 * in page->dma_addr, so no field of the page_pool union is used at all.
 * A page is ours only if its index is in range and the table entry at that
 * index points back to it: foreign pages are detected exactly.
 */
#define NETA_PP_IN_POOL		1UL
#define NETA_PP_IDX_SHIFT	1

/*
 * Reference counts: the pool holds one reference on every page it owns and
 * pre-charges the user's reference, so a page in the cache or the ring has
 * a count of 2 and alloc/recycle touch no atomic. A page handed out is free
 * again when its count is 2 at put time (pool + caller) or when it has
 * dropped to 1 (only the pool) after the stack freed it.
 */
#define NETA_PP_REF_POOL	1
#define NETA_PP_REF_FREE	2

/* Extra page table entries for pages held by the stack. */
#define NETA_PP_STACK_SLACK	1024
/* Page table entries inspected per reclaim scan in the allocation path. */
#define NETA_PP_SCAN_BATCH	256
/* Retry period and warning interval of a deferred destroy. */
#define NETA_PP_DEFER_TIME	(HZ / 10)
#define NETA_PP_DEFER_WARN	(60 * HZ)

/**
 * struct neta_pp_slot - one entry of the pool's page table
 * @page: the page owned by the pool, NULL when the entry is free
 * @dma: its DMA address (NETA_PP_FLAG_DMA_MAP)
 */
struct neta_pp_slot {
	struct page *page;
	dma_addr_t dma;
};

/**
 * struct neta_pp - a page pool
 * @p: creation parameters
 * @dma_map: NETA_PP_FLAG_DMA_MAP set
 * @dma_sync: NETA_PP_FLAG_DMA_SYNC_DEV set
 * @destroying: neta_pp_destroy() was called: put pages are released
 * @id: number of the pool, for messages
 * @alloc_count: pages in @cache
 * @hold_cnt: pages that entered the pool (consumer context only)
 * @ring_consumed: pages taken out of @ring (consumer context only)
 * @scan_pos: next page table entry the reclaim scan inspects
 * @alloc_stats: allocation statistics (consumer context only)
 * @cache: lockless cache of the NAPI context
 * @bulk: page array for bulk allocation
 * @recycle_stats: per-CPU recycling statistics
 * @ring: pages given back from other contexts
 * @slots: page table (all pages owned by the pool)
 * @nr_slots: size of @slots
 * @slots_hi: entries below this index may be in use
 * @free_idx: stack of free @slots indexes
 * @nr_free: entries in @free_idx
 * @slot_lock: protects @slots, @free_idx, @nr_free, @slots_hi
 * @release_cnt: pages that left the pool for good
 * @reclaimed: pages taken back by reference count
 * @misuse: double frees and foreign pages detected
 * @release_dw: deferred destroy
 * @defer_start: jiffies when destroy was deferred
 * @defer_warn: jiffies of the next "stalled" warning
 */
struct neta_pp {
	struct neta_pp_params p;
	bool dma_map;
	bool dma_sync;
	bool destroying;
	unsigned int id;

	/* consumer (NAPI) side */
	unsigned int alloc_count ____cacheline_aligned_in_smp;
	u64 hold_cnt;
	u64 ring_consumed;
	unsigned int scan_pos;
	struct neta_pp_alloc_stats alloc_stats;
	struct page *cache[NETA_PP_CACHE_SIZE];
	struct page *bulk[NETA_PP_CACHE_REFILL];

	struct neta_pp_recycle_stats __percpu *recycle_stats;
	struct ptr_ring ring;

	struct neta_pp_slot *slots;
	unsigned int nr_slots;
	unsigned int slots_hi;
	unsigned int *free_idx;
	unsigned int nr_free;
	spinlock_t slot_lock;

	atomic64_t release_cnt ____cacheline_aligned_in_smp;
	atomic64_t reclaimed;
	atomic64_t misuse;

	struct delayed_work release_dw;
	unsigned long defer_start;
	unsigned long defer_warn;
};

#ifdef NETA_PP_STATS
#define neta_pp_alloc_stat_inc(pool, f)	((pool)->alloc_stats.f++)
#define neta_pp_recycle_stat_inc(pool, f) \
	this_cpu_inc((pool)->recycle_stats->f)
#else
#define neta_pp_alloc_stat_inc(pool, f)	do { } while (0)
#define neta_pp_recycle_stat_inc(pool, f) do { } while (0)
#endif

void neta_pp_sum_recycle_stats(const struct neta_pp *pool,
			       struct neta_pp_recycle_stats *sum);

#endif /* _NETA_PP_PRIV_H */
