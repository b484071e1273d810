// SPDX-License-Identifier: GPL-2.0-only
/*
 * ethtool operations: driver info, ring sizes, link settings and the
 * counters of ethtool -S, in this order:
 *
 *   MIB counters (upstream mvneta names, the table of
 *   kmod/include/neta_mib.h the model counts by), software counters
 *   (upstream names), the XDP counters rx_xdp_* and tx_xdp_* (xdp.c), rx_pp_* of
 *   the page pool when it keeps statistics (its own names and order,
 *   pool.c), then per queue rxqN_* and txqN_*.
 */

#include <linux/ethtool.h>
#include <linux/netdevice.h>

#include "mvneta.h"

/**
 * struct mvneta_sw_stat - a software counter of the port
 * @name: ethtool -S name
 * @rxq_sum: the sum over the RX queues of their counter at @offset in
 *	struct mvneta_rxq_stats; false: the port's own atomic64_t at @offset
 *	in struct mvneta_port
 * @offset: where the value is
 */
struct mvneta_sw_stat {
	char name[ETH_GSTRING_LEN];
	bool rxq_sum;
	u16 offset;
};

#define SW_RXQ_SUM(f)	{ #f, true, offsetof(struct mvneta_rxq_stats, f) }
#define SW_PORT(f)	{ #f, false, offsetof(struct mvneta_port, f) }

static const struct mvneta_sw_stat mvneta_sw_stats[] = {
	SW_RXQ_SUM(skb_alloc_errors),
	SW_RXQ_SUM(refill_errors),
	SW_PORT(netpoll_polls),
	SW_PORT(tx_timeouts),
	SW_PORT(irq_watchdog_polls),
};

/* per queue: ethtool -S names them rxqN_<name>, txqN_<name> */
#define RXQ_STAT(f)	MVNETA_STAT(struct mvneta_rxq_stats, f)
#define TXQ_STAT(f)	MVNETA_STAT(struct mvneta_txq_stats, f)

static const struct mvneta_stat mvneta_rxq_stat_table[] = {
	RXQ_STAT(packets),
	RXQ_STAT(bytes),
	RXQ_STAT(errors),
	RXQ_STAT(crc_errors),
	RXQ_STAT(over_errors),
	RXQ_STAT(length_errors),
	RXQ_STAT(resource_errors),
	RXQ_STAT(dropped),
	RXQ_STAT(skb_alloc_errors),
	RXQ_STAT(refill_errors),
	RXQ_STAT(hw_errors),
	RXQ_STAT(ring_empty),
};

static const struct mvneta_stat mvneta_txq_stat_table[] = {
	TXQ_STAT(packets),
	TXQ_STAT(bytes),
	TXQ_STAT(dropped),
	TXQ_STAT(stops),
	TXQ_STAT(wakes),
	TXQ_STAT(hw_errors),
};

MVNETA_STATS_COVERED(struct mvneta_rxq_stats, packets, mvneta_rxq_stat_table);
MVNETA_STATS_COVERED(struct mvneta_txq_stats, packets, mvneta_txq_stat_table);

/**
 * mvneta_mib_update() - fold the clear-on-read MIB counters into pp->mib
 * @pp: port
 *
 * Context: any; serialized by pp->mib_lock.
 */
void mvneta_mib_update(struct mvneta_port *pp)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&pp->mib_lock, flags);
	for (i = 0; i < MVNETA_MIB_COUNT; i++) {
		const struct neta_mib_counter *s = &neta_mib_counters[i];
		u64 val = mvreg_read(pp, s->offset);

		if (s->wide)
			val |= (u64)mvreg_read(pp, s->offset + 4) << 32;
		pp->mib[i] += val;
	}
	spin_unlock_irqrestore(&pp->mib_lock, flags);
}

/**
 * mvneta_mib_clear() - clear the hardware counters and the accumulated ones
 * @pp: port
 */
void mvneta_mib_clear(struct mvneta_port *pp)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&pp->mib_lock, flags);
	for (i = 0; i < MVNETA_MIB_COUNT; i++) {
		mvreg_read(pp, neta_mib_counters[i].offset);
		if (neta_mib_counters[i].wide)
			mvreg_read(pp, neta_mib_counters[i].offset + 4);
		pp->mib[i] = 0;
	}
	spin_unlock_irqrestore(&pp->mib_lock, flags);
}

/**
 * mvneta_mib_get() - accumulated value of one MIB counter
 * @pp: port
 * @offset: its register offset
 *
 * Return: the value, 0 for an unknown offset.
 */
u64 mvneta_mib_get(struct mvneta_port *pp, u32 offset)
{
	int i;

	for (i = 0; i < MVNETA_MIB_COUNT; i++)
		if (neta_mib_counters[i].offset == offset)
			return READ_ONCE(pp->mib[i]);
	return 0;
}

static void mvneta_get_drvinfo(struct net_device *dev,
			       struct ethtool_drvinfo *info)
{
	strscpy(info->driver, MVNETA_DRIVER_NAME, sizeof(info->driver));
	strscpy(info->bus_info, dev_name(dev->dev.parent),
		sizeof(info->bus_info));
}

static void mvneta_get_ringparam(struct net_device *dev,
				 struct ethtool_ringparam *ring,
				 struct kernel_ethtool_ringparam *kring,
				 struct netlink_ext_ack *extack)
{
	struct mvneta_port *pp = netdev_priv(dev);

	ring->rx_max_pending = MVNETA_MAX_RXD;
	ring->tx_max_pending = MVNETA_MAX_TXD;
	ring->rx_pending = pp->rx_ring_size;
	ring->tx_pending = pp->tx_ring_size;
}

static int mvneta_set_ringparam(struct net_device *dev,
				struct ethtool_ringparam *ring,
				struct kernel_ethtool_ringparam *kring,
				struct netlink_ext_ack *extack)
{
	struct mvneta_port *pp = netdev_priv(dev);

	if (ring->rx_pending < MVNETA_MIN_RXD) {
		NL_SET_ERR_MSG_MOD(extack,
				   "RX ring needs at least 16 descriptors");
		return -EINVAL;
	}
	if (ring->tx_pending < MVNETA_MIN_TXD) {
		NL_SET_ERR_MSG_MOD(extack,
				   "TX ring needs at least 64 descriptors");
		return -EINVAL;
	}
	if (ring->rx_pending == pp->rx_ring_size &&
	    ring->tx_pending == pp->tx_ring_size)
		return 0;

	return mvneta_reconfigure(dev, ring->rx_pending, ring->tx_pending,
				  pp->xdp_dma_bidir, extack);
}

static int mvneta_get_link_ksettings(struct net_device *dev,
				     struct ethtool_link_ksettings *cmd)
{
	return mvneta_link_ksettings_get(netdev_priv(dev), cmd);
}

static int mvneta_set_link_ksettings(struct net_device *dev,
				     const struct ethtool_link_ksettings *cmd)
{
	return mvneta_link_ksettings_set(netdev_priv(dev), cmd);
}

static int mvneta_nway_reset(struct net_device *dev)
{
	return mvneta_link_nway_reset(netdev_priv(dev));
}

static int mvneta_get_sset_count(struct net_device *dev, int sset)
{
	struct mvneta_port *pp = netdev_priv(dev);
	int count;

	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;

	count = MVNETA_MIB_COUNT + ARRAY_SIZE(mvneta_sw_stats) +
		MVNETA_XDP_STATS_COUNT;
	count += mvneta_pool_stats_count(pp);
	count += pp->rxq_number * ARRAY_SIZE(mvneta_rxq_stat_table);
	count += pp->txq_number * ARRAY_SIZE(mvneta_txq_stat_table);
	return count;
}

static void mvneta_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct mvneta_port *pp = netdev_priv(dev);
	unsigned int q, i;

	if (sset != ETH_SS_STATS)
		return;

	for (i = 0; i < MVNETA_MIB_COUNT; i++)
		ethtool_sprintf(&data, "%s", neta_mib_counters[i].name);
	for (i = 0; i < ARRAY_SIZE(mvneta_sw_stats); i++)
		ethtool_sprintf(&data, "%s", mvneta_sw_stats[i].name);
	mvneta_xdp_stats_strings(&data);
	mvneta_pool_stats_strings(pp, &data);
	for (q = 0; q < pp->rxq_number; q++)
		for (i = 0; i < ARRAY_SIZE(mvneta_rxq_stat_table); i++)
			ethtool_sprintf(&data, "rxq%u_%s", q,
					mvneta_rxq_stat_table[i].name);
	for (q = 0; q < pp->txq_number; q++)
		for (i = 0; i < ARRAY_SIZE(mvneta_txq_stat_table); i++)
			ethtool_sprintf(&data, "txq%u_%s", q,
					mvneta_txq_stat_table[i].name);
}

/* the sum over the RX queues of the counter at @offset of their stats */
static u64 mvneta_rxq_sum(const u64 *rxq_values, unsigned int rxqs, u16 offset)
{
	unsigned int q, i;
	u64 sum = 0;

	for (i = 0; i < ARRAY_SIZE(mvneta_rxq_stat_table); i++)
		if (mvneta_rxq_stat_table[i].offset == offset)
			break;
	for (q = 0; q < rxqs && i < ARRAY_SIZE(mvneta_rxq_stat_table); q++)
		sum += rxq_values[q * ARRAY_SIZE(mvneta_rxq_stat_table) + i];
	return sum;
}

static void mvneta_get_ethtool_stats(struct net_device *dev,
				     struct ethtool_stats *estats, u64 *data)
{
	struct mvneta_port *pp = netdev_priv(dev);
	const unsigned int nrx = ARRAY_SIZE(mvneta_rxq_stat_table);
	const unsigned int ntx = ARRAY_SIZE(mvneta_txq_stat_table);
	u64 *sw, *rxq_values;
	unsigned int q, i;

	mvneta_mib_update(pp);
	for (i = 0; i < MVNETA_MIB_COUNT; i++)
		*data++ = READ_ONCE(pp->mib[i]);

	sw = data;
	data += ARRAY_SIZE(mvneta_sw_stats);
	mvneta_xdp_stats_get(pp, data);
	data += MVNETA_XDP_STATS_COUNT;

	if (mvneta_pool_stats_count(pp)) {
		struct mvneta_pool_stats ps = pp->pp_retired;

		for (q = 0; q < pp->rxq_number; q++)
			if (pp->rxqs[q].descs)
				mvneta_pool_stats_add(&pp->rxqs[q], &ps);
		for (i = 0; i < mvneta_pool_stats_count(pp); i++)
			*data++ = ps.v[i];
	}

	rxq_values = data;
	for (q = 0; q < pp->rxq_number; q++, data += nrx)
		mvneta_stats_read(&pp->rxqs[q].stats.syncp, &pp->rxqs[q].stats,
				  mvneta_rxq_stat_table, nrx, data);
	for (q = 0; q < pp->txq_number; q++, data += ntx)
		mvneta_stats_read(&pp->txqs[q].stats.syncp, &pp->txqs[q].stats,
				  mvneta_txq_stat_table, ntx, data);

	for (i = 0; i < ARRAY_SIZE(mvneta_sw_stats); i++) {
		const struct mvneta_sw_stat *st = &mvneta_sw_stats[i];

		if (st->rxq_sum)
			sw[i] = mvneta_rxq_sum(rxq_values, pp->rxq_number,
					       st->offset);
		else
			sw[i] = atomic64_read((const atomic64_t *)
					      ((const u8 *)pp + st->offset));
	}
}

const struct ethtool_ops mvneta_ethtool_ops = {
	.get_drvinfo = mvneta_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_ringparam = mvneta_get_ringparam,
	.set_ringparam = mvneta_set_ringparam,
	.get_link_ksettings = mvneta_get_link_ksettings,
	.set_link_ksettings = mvneta_set_link_ksettings,
	.nway_reset = mvneta_nway_reset,
	.get_sset_count = mvneta_get_sset_count,
	.get_strings = mvneta_get_strings,
	.get_ethtool_stats = mvneta_get_ethtool_stats,
};

#if MVNETA_COMPAT_NETDEV_NL
/*
 * Per-queue counters of the netdev family's qstats-get: the rxqN_* and
 * txqN_* counters of ethtool -S under the kernel's names. Queues live as
 * long as the port, so the device totals are the sums over the queues and
 * the base is zero.
 */
static void mvneta_qstats_rx(struct net_device *dev, int idx,
			     struct netdev_queue_stats_rx *rx)
{
	struct mvneta_port *pp = netdev_priv(dev);
	const struct mvneta_rxq_stats *s = &pp->rxqs[idx].stats;
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		rx->packets = s->packets;
		rx->bytes = s->bytes;
		/* no skb for a good frame, or no page to refill the ring */
		rx->alloc_fail = s->skb_alloc_errors + s->refill_errors;
		/* frames the device received and reported in error */
		rx->hw_drops = s->errors;
		rx->hw_drop_overruns = s->over_errors;
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

static void mvneta_qstats_tx(struct net_device *dev, int idx,
			     struct netdev_queue_stats_tx *tx)
{
	struct mvneta_port *pp = netdev_priv(dev);
	const struct mvneta_txq_stats *s = &pp->txqs[idx].stats;
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		tx->packets = s->packets;
		tx->bytes = s->bytes;
		tx->stop = s->stops;
		tx->wake = s->wakes;
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

static void mvneta_qstats_base(struct net_device *dev,
			       struct netdev_queue_stats_rx *rx,
			       struct netdev_queue_stats_tx *tx)
{
	rx->packets = 0;
	rx->bytes = 0;
	rx->alloc_fail = 0;
	rx->hw_drops = 0;
	rx->hw_drop_overruns = 0;
	tx->packets = 0;
	tx->bytes = 0;
	tx->stop = 0;
	tx->wake = 0;
}

static const struct netdev_stat_ops mvneta_stat_ops = {
	.get_queue_stats_rx = mvneta_qstats_rx,
	.get_queue_stats_tx = mvneta_qstats_tx,
	.get_base_stats = mvneta_qstats_base,
};

/**
 * mvneta_qstats_init() - give the netdev family the per-queue counters
 * @dev: netdev, not yet registered
 */
void mvneta_qstats_init(struct net_device *dev)
{
	dev->stat_ops = &mvneta_stat_ops;
}
#else
void mvneta_qstats_init(struct net_device *dev)
{
}
#endif
