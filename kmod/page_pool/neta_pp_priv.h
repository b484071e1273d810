/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * neta_pp: private definitions of the pool (not for drivers).
 */
#ifndef _NETA_PP_PRIV_H
#define _NETA_PP_PRIV_H

#include <neta_pp/helpers.h>

/*
 * Reference counts: the pool holds one reference on every page it owns and
 * pre-charges the user's reference, so a page in the cache or the ring has
 * a count of 2 and alloc/recycle touch no atomic. A page handed out is free
 * again when its count is 2 at put time (pool + caller) or when it has
 * dropped to 1 (only the pool) after the stack freed it.
 */
#define NETA_PP_REF_POOL	1
#define NETA_PP_REF_FREE	2
/*
 * Fragments: the page being split carries the pool's reference plus this
 * bias; each fragment handed out uses one unit of it and the unused units
 * are taken off when the next page is started (as the kernel's pool biases
 * pp_frag_count), so handing out a fragment touches no atomic. Above the
 * most fragments a page of NETA_PP_MAX_ORDER can hold.
 */
#define NETA_PP_FRAG_BIAS	BIT(16)

/* Extra page table entries for pages held by the stack. */
#define NETA_PP_STACK_SLACK	1024
/* Page table entries inspected per reclaim scan in the allocation path. */
#define NETA_PP_SCAN_BATCH	256
/* ... and when the page table is full, before failing the allocation. */
#define NETA_PP_SCAN_FULL	(4 * NETA_PP_SCAN_BATCH)
/* Retry period and warning interval of a deferred destroy. */
#define NETA_PP_DEFER_TIME	(HZ / 10)
#define NETA_PP_DEFER_WARN	(60 * HZ)

/*
 * neta_pp_stat_inc(pool->alloc_stats.x): consumer-only counter;
 * neta_pp_pcpu_stat_inc(pool->recycle_stats->x): per-CPU counter.
 */
#if NETA_PP_STATS
#define neta_pp_stat_inc(counter)	((counter)++)
#define neta_pp_stat_add(counter, n)	((counter) += (n))
#define neta_pp_pcpu_stat_inc(counter)	this_cpu_inc(counter)
#define neta_pp_pcpu_stat_dec(counter)	this_cpu_dec(counter)
#else
#define neta_pp_stat_inc(counter)	do { } while (0)
#define neta_pp_stat_add(counter, n)	do { } while (0)
#define neta_pp_pcpu_stat_inc(counter)	do { } while (0)
#define neta_pp_pcpu_stat_dec(counter)	do { } while (0)
#endif

void neta_pp_sum_recycle_stats(const struct neta_pp *pool,
			       struct neta_pp_recycle_stats *sum);

#endif /* _NETA_PP_PRIV_H */
