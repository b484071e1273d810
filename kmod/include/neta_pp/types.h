/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * neta_pp: page_pool allocator for the NETA XDP driver (types).
 *
 * The kernel's built-in page_pool exports page_pool_*; this allocator is a
 * separate module (neta_page_pool.ko) with its own neta_pp_* symbols. Its
 * pages never carry the kernel's page_pool signature, so the stack frees them
 * with a plain put_page() and the pool takes them back by reference count.
 */
#ifndef _NETA_PP_TYPES_H
#define _NETA_PP_TYPES_H

#include <linux/cache.h>
#include <linux/dma-direction.h>
#include <linux/ptr_ring.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct device;

/*
 * Statistics are a compile-time switch: build with NETA_PP_STATS=n (Kbuild
 * passes -DNETA_PP_STATS=0) to count nothing. Drivers see the same default.
 */
#ifndef NETA_PP_STATS
#define NETA_PP_STATS 1
#endif

/* Map every page for DMA once, when it enters the pool. */
#define NETA_PP_FLAG_DMA_MAP		BIT(0)
/*
 * Sync [offset, offset + max_len) for the device when a page is recycled.
 * Requires NETA_PP_FLAG_DMA_MAP.
 */
#define NETA_PP_FLAG_DMA_SYNC_DEV	BIT(1)
/*
 * Pages may be split into fragments (neta_pp_alloc_frag()): several RX
 * buffers per page. The page reference count is the fragment count (the
 * stack frees a fragment with put_page()), so pages entering or coming back
 * to such a pool are synced for the device whole, not [offset, max_len).
 */
#define NETA_PP_FLAG_PAGE_FRAG		BIT(2)
#define NETA_PP_FLAG_ALL		(NETA_PP_FLAG_DMA_MAP | \
					 NETA_PP_FLAG_DMA_SYNC_DEV | \
					 NETA_PP_FLAG_PAGE_FRAG)

/* Largest ptr_ring (pool_size) a pool accepts, like the kernel's pool. */
#define NETA_PP_MAX_POOL_SIZE		32768
/* Largest page order a pool accepts (PAGE_ALLOC_COSTLY_ORDER). */
#define NETA_PP_MAX_ORDER		3
/* Lockless in-softirq cache size and refill batch. */
#define NETA_PP_CACHE_SIZE		128
#define NETA_PP_CACHE_REFILL		64

/**
 * struct neta_pp_params - how to create a pool
 * @flags: NETA_PP_FLAG_* bits; any other bit is refused with -EINVAL
 * @order: page order (0 .. NETA_PP_MAX_ORDER) of every page of the pool
 * @pool_size: size of the ptr_ring taking pages back from other contexts
 *	(1 .. NETA_PP_MAX_POOL_SIZE); usually the RX ring size
 * @nid: preferred NUMA node of the pages, or NUMA_NO_NODE for the node of
 *	the allocating CPU
 * @dev: device the pages are mapped for; required by the DMA flags
 * @dma_dir: DMA_FROM_DEVICE, or DMA_BIDIRECTIONAL when the device also
 *	transmits from the pages (XDP_TX)
 * @max_len: length synced for the device on recycle (NETA_PP_FLAG_DMA_SYNC_DEV);
 *	with NETA_PP_FLAG_PAGE_FRAG the length of one fragment's device area
 * @offset: first byte of the page the device writes, start of the synced area
 *	(of a fragment, from the fragment's start, with NETA_PP_FLAG_PAGE_FRAG)
 */
struct neta_pp_params {
	unsigned int flags;
	unsigned int order;
	unsigned int pool_size;
	int nid;
	struct device *dev;
	enum dma_data_direction dma_dir;
	unsigned int max_len;
	unsigned int offset;
};

/**
 * struct neta_pp_alloc_stats - allocation statistics (consumer context)
 * @fast: allocations served by the lockless cache
 * @slow: slow-path order-0 allocations (bulk from the page allocator)
 * @slow_high_order: slow-path allocations of order > 0
 * @empty: times the ptr_ring was empty when the cache needed a refill
 * @refill: allocations served after refilling the cache from the ptr_ring
 *	or from pages the stack gave back (reclaimed by reference count)
 * @waive: pages taken from the ptr_ring but released (other NUMA node or
 *	pfmemalloc) instead of being cached
 */
struct neta_pp_alloc_stats {
	u64 fast;
	u64 slow;
	u64 slow_high_order;
	u64 empty;
	u64 refill;
	u64 waive;
};

/**
 * struct neta_pp_recycle_stats - recycling statistics (summed over CPUs)
 * @cached: pages recycled into the lockless cache
 * @cache_full: direct recycles that found the cache full
 * @ring: pages recycled into the ptr_ring
 * @ring_full: pages released because the ptr_ring was full
 * @released_refcnt: pages put back while another reference was still held
 *	(by the stack); the pool takes them back when that reference goes
 */
struct neta_pp_recycle_stats {
	u64 cached;
	u64 cache_full;
	u64 ring;
	u64 ring_full;
	u64 released_refcnt;
};

/**
 * struct neta_pp_stats - all statistics of a pool, as in the kernel's pool
 * @alloc_stats: see struct neta_pp_alloc_stats
 * @recycle_stats: see struct neta_pp_recycle_stats
 */
struct neta_pp_stats {
	struct neta_pp_alloc_stats alloc_stats;
	struct neta_pp_recycle_stats recycle_stats;
};

/**
 * struct neta_pp_counts - page accounting of a pool
 * @hold: pages that entered the pool (allocated and mapped)
 * @release: pages that left the pool for good (unmapped, reference dropped)
 * @inflight: @hold - @release, pages the pool owns in any state
 * @cached: pages in the lockless cache
 * @ring: pages in the ptr_ring (recycled into it minus taken out of it)
 * @out: pages handed out (driver, device or stack), counted by walking
 *	the pool's page table
 * @reclaimed: pages taken back by reference count after the stack freed them
 * @misuse: double frees and foreign pages detected (and refused)
 * @capacity: most pages the pool owns at a time (size of its page table:
 *	2 * pool_size + NETA_PP_CACHE_SIZE + 1024 for pages held by the stack);
 *	when all of them are held elsewhere, pages the stack holds (marked by
 *	neta_pp_page_to_stack()) leave the pool to make room (@evicted), else
 *	allocation fails
 * @evicted: pages held by the stack that left the pool (unmapped, the
 *	pool's reference dropped) to make room in a full page table
 *
 * Every page is in exactly one place, so @hold = @cached + @ring +
 * @release + @out holds whenever the pool is quiescent.
 */
struct neta_pp_counts {
	u64 hold;
	u64 release;
	u64 inflight;
	u64 cached;
	u64 ring;
	u64 out;
	u64 reclaimed;
	u64 misuse;
	u64 capacity;
	u64 evicted;
};

/*
 * Per-page metadata lives in page->private: the page's index in the pool's
 * page table, whether the page is inside the pool (cache or ring) and
 * whether the driver gave it to the stack (an skb; such a page may stay
 * there for ever, e.g. in the queue of a socket that never reads):
 *
 *	page->private = (slot index << NETA_PP_IDX_SHIFT) | NETA_PP_STACK |
 *			NETA_PP_IN_POOL
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
#define NETA_PP_STACK		2UL
#define NETA_PP_IDX_SHIFT	2

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
 * @slots: page table (all pages owned by the pool)
 * @nr_slots: size of @slots
 * @dma_map: NETA_PP_FLAG_DMA_MAP set
 * @dma_sync: NETA_PP_FLAG_DMA_SYNC_DEV set
 * @frag: NETA_PP_FLAG_PAGE_FRAG set
 * @recycle_stats: per-CPU recycling statistics
 * @p: creation parameters
 * @id: number of the pool, for messages
 * @alloc_count: pages in @cache
 * @alloc_stats: allocation statistics (consumer context only; fast is
 *	derived when read)
 * @cache_in: pages the slow paths put into @cache (for alloc_stats.fast)
 * @hold_cnt: pages that entered the pool (consumer context only)
 * @ring_consumed: pages taken out of @ring (consumer context only)
 * @evicted: pages held by the stack let go to make room in a full page
 *	table (consumer context only)
 * @scan_pos: next page table entry the reclaim scan inspects
 * @frag_page: page being split into fragments, NULL when none
 * @frag_offset: offset of the next fragment in @frag_page
 * @frag_users: fragments of @frag_page handed out
 * @cache: lockless cache of the NAPI context
 * @bulk: page array for bulk allocation and reclaim
 * @ring: pages given back from other contexts
 * @slots_hi: entries at and above this index are free
 * @free_idx: stack of free @slots indexes
 * @nr_free: entries in @free_idx
 * @slot_lock: protects @slots entries, @free_idx, @nr_free, @slots_hi
 * @release_cnt: pages that left the pool for good
 * @reclaimed: pages taken back by reference count
 * @misuse: double frees and foreign pages detected
 * @release_dw: deferred destroy
 * @defer_start: jiffies when destroy was deferred
 * @defer_warn: jiffies of the next "stalled" warning
 *
 * Defined here, like the kernel's struct page_pool, so the allocation fast
 * path can be inlined (neta_pp_alloc_pages()); drivers use the functions of
 * neta_pp/helpers.h and never touch the fields.
 */
struct neta_pp {
	/* read by every put */
	struct neta_pp_slot *slots;
	unsigned int nr_slots;
	bool dma_map;
	bool dma_sync;
	bool frag;
	struct neta_pp_recycle_stats __percpu *recycle_stats;
	struct neta_pp_params p;
	unsigned int id;

	/* consumer (NAPI) side */
	unsigned int alloc_count ____cacheline_aligned_in_smp;
	struct neta_pp_alloc_stats alloc_stats;
	u64 cache_in;
	u64 hold_cnt;
	u64 ring_consumed;
	u64 evicted;
	unsigned int scan_pos;
	struct page *frag_page;
	unsigned int frag_offset;
	unsigned int frag_users;
	struct page *cache[NETA_PP_CACHE_SIZE];
	struct page *bulk[NETA_PP_CACHE_REFILL];

	struct ptr_ring ring;

	unsigned int slots_hi;
	unsigned int *free_idx;
	unsigned int nr_free;
	spinlock_t slot_lock;	/* page table and free index stack */

	atomic64_t release_cnt ____cacheline_aligned_in_smp;
	atomic64_t reclaimed;
	atomic64_t misuse;

	struct delayed_work release_dw;
	unsigned long defer_start;
	unsigned long defer_warn;
};

#endif /* _NETA_PP_TYPES_H */
