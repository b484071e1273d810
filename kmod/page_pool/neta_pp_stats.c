// SPDX-License-Identifier: GPL-2.0-only
/*
 * neta_pp: statistics, with the kernel's ethtool names (rx_pp_*).
 *
 * Allocation counters are plain fields written by the pool's consumer only
 * (the fast one is derived, see neta_pp_get_stats()); recycling counters are
 * per CPU since any context may give pages back.
 * Building with NETA_PP_STATS=n compiles the counting out.
 */
#include <linux/ethtool.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/string.h>

#include "neta_pp_priv.h"

static const char neta_pp_stat_names[][ETH_GSTRING_LEN] = {
	"rx_pp_alloc_fast",
	"rx_pp_alloc_slow",
	"rx_pp_alloc_slow_ho",
	"rx_pp_alloc_empty",
	"rx_pp_alloc_refill",
	"rx_pp_alloc_waive",
	"rx_pp_recycle_cached",
	"rx_pp_recycle_cache_full",
	"rx_pp_recycle_ring",
	"rx_pp_recycle_ring_full",
	"rx_pp_recycle_released_ref",
};

void neta_pp_sum_recycle_stats(const struct neta_pp *pool,
			       struct neta_pp_recycle_stats *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct neta_pp_recycle_stats *s =
			per_cpu_ptr(pool->recycle_stats, cpu);

		sum->cached += READ_ONCE(s->cached);
		sum->cache_full += READ_ONCE(s->cache_full);
		sum->ring += READ_ONCE(s->ring);
		sum->ring_full += READ_ONCE(s->ring_full);
		sum->released_refcnt += READ_ONCE(s->released_refcnt);
	}
}

/**
 * neta_pp_get_stats() - add a pool's statistics to @stats
 * @pool: the pool
 * @stats: accumulated into (a driver sums its RX queues' pools)
 *
 * Return: false when the module was built without statistics.
 */
bool neta_pp_get_stats(const struct neta_pp *pool, struct neta_pp_stats *stats)
{
#if NETA_PP_STATS
	struct neta_pp_alloc_stats *a = &stats->alloc_stats;
	struct neta_pp_recycle_stats *r = &stats->recycle_stats;
	struct neta_pp_recycle_stats sum;
	u64 slow;

	neta_pp_sum_recycle_stats(pool, &sum);
	/*
	 * Fast allocations are not counted on the fast path: every page that
	 * left the cache and was not a slow-path allocation was a fast one.
	 */
	slow = pool->alloc_stats.slow + pool->alloc_stats.slow_high_order +
	       pool->alloc_stats.refill;
	a->fast += pool->cache_in + sum.cached - READ_ONCE(pool->alloc_count) -
		   slow;
	a->slow += pool->alloc_stats.slow;
	a->slow_high_order += pool->alloc_stats.slow_high_order;
	a->empty += pool->alloc_stats.empty;
	a->refill += pool->alloc_stats.refill;
	a->waive += pool->alloc_stats.waive;

	r->cached += sum.cached;
	r->cache_full += sum.cache_full;
	r->ring += sum.ring;
	r->ring_full += sum.ring_full;
	r->released_refcnt += sum.released_refcnt;
	return true;
#else
	return false;
#endif
}
EXPORT_SYMBOL_GPL(neta_pp_get_stats);

/**
 * neta_pp_ethtool_stats_get_count() - number of rx_pp_* ethtool counters
 *
 * Return: the count, 0 when the module was built without statistics.
 */
int neta_pp_ethtool_stats_get_count(void)
{
#if NETA_PP_STATS
	return ARRAY_SIZE(neta_pp_stat_names);
#else
	return 0;
#endif
}
EXPORT_SYMBOL_GPL(neta_pp_ethtool_stats_get_count);

/**
 * neta_pp_ethtool_stats_get_strings() - copy the rx_pp_* names
 * @data: ETH_GSTRING_LEN slots, neta_pp_ethtool_stats_get_count() of them
 *
 * Return: @data advanced past the names.
 */
u8 *neta_pp_ethtool_stats_get_strings(u8 *data)
{
	int i;

	for (i = 0; i < neta_pp_ethtool_stats_get_count(); i++) {
		memcpy(data, neta_pp_stat_names[i], ETH_GSTRING_LEN);
		data += ETH_GSTRING_LEN;
	}
	return data;
}
EXPORT_SYMBOL_GPL(neta_pp_ethtool_stats_get_strings);

/**
 * neta_pp_ethtool_stats_get() - copy the counters in the names' order
 * @data: neta_pp_ethtool_stats_get_count() values
 * @stats: from neta_pp_get_stats()
 *
 * Return: @data advanced past the values.
 */
u64 *neta_pp_ethtool_stats_get(u64 *data, const struct neta_pp_stats *stats)
{
	const struct neta_pp_alloc_stats *a = &stats->alloc_stats;
	const struct neta_pp_recycle_stats *r = &stats->recycle_stats;

	if (!neta_pp_ethtool_stats_get_count())
		return data;
	*data++ = a->fast;
	*data++ = a->slow;
	*data++ = a->slow_high_order;
	*data++ = a->empty;
	*data++ = a->refill;
	*data++ = a->waive;
	*data++ = r->cached;
	*data++ = r->cache_full;
	*data++ = r->ring;
	*data++ = r->ring_full;
	*data++ = r->released_refcnt;
	return data;
}
EXPORT_SYMBOL_GPL(neta_pp_ethtool_stats_get);
