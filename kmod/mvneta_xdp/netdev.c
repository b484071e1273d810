// SPDX-License-Identifier: GPL-2.0-only
/*
 * Marvell NETA: the net_device operations. Open and stop (rings, interrupt,
 * NAPI, link, in that order and back), a restart with new rings for ring
 * resize, MTU and XDP attach (mvneta_reconfigure()), a restart of one queue
 * pair for an AF_XDP zero-copy bind (mvneta_qpair_restart()), the TX
 * watchdog, the stack's counters. The RX and TX paths are rx.c and tx.c,
 * XDP is xdp.c.
 */

#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/iopoll.h>
#include <linux/rtnetlink.h>

#include "mvneta.h"

#define MVNETA_TX_DRAIN_TIMEOUT_US	20000

static int mvneta_set_mac_address(struct net_device *dev, void *p)
{
	struct mvneta_port *pp = netdev_priv(dev);
	struct sockaddr *sa = p;
	int err;

	err = eth_prepare_mac_addr_change(dev, p);
	if (err)
		return err;

	if (!(dev->flags & IFF_PROMISC))
		mvneta_ucast_set(pp, dev->dev_addr[5], -1);
	mvneta_mac_addr_write(pp, sa->sa_data);
	eth_commit_mac_addr_change(dev, p);
	if (!(dev->flags & IFF_PROMISC))
		mvneta_ucast_set(pp, dev->dev_addr[5], pp->rxq_def);
	return 0;
}

static void mvneta_rings_free(struct mvneta_port *pp)
{
	unsigned int q;

	mutex_lock(&pp->rings_lock);
	for (q = 0; q < pp->txq_number; q++)
		mvneta_txq_uninit(pp, &pp->txqs[q]);
	for (q = 0; q < pp->rxq_number; q++)
		mvneta_rxq_uninit(pp, &pp->rxqs[q]);
	mutex_unlock(&pp->rings_lock);

	mvreg_write(pp, MVNETA_PORT_TX_RESET, MVNETA_PORT_TX_DMA_RESET);
	mvreg_write(pp, MVNETA_PORT_TX_RESET, 0);
	mvreg_write(pp, MVNETA_PORT_RX_RESET, MVNETA_PORT_RX_DMA_RESET);
	mvreg_write(pp, MVNETA_PORT_RX_RESET, 0);
}

static int mvneta_rings_alloc(struct mvneta_port *pp)
{
	unsigned int q;
	int err;

	/* test-only failure injection (debugfs fail_ring_alloc) */
	if (unlikely(pp->fail_ring_alloc)) {
		pp->fail_ring_alloc--;
		return -ENOMEM;
	}

	mutex_lock(&pp->rings_lock);
	for (q = 0; q < pp->rxq_number; q++) {
		err = mvneta_rxq_init(pp, &pp->rxqs[q]);
		if (err) {
			netdev_err(pp->dev, "cannot set up RX queue %u: %d\n",
				   q, err);
			goto err_unlock;
		}
	}
	for (q = 0; q < pp->txq_number; q++) {
		err = mvneta_txq_init(pp, &pp->txqs[q]);
		if (err) {
			netdev_err(pp->dev, "cannot set up TX queue %u: %d\n",
				   q, err);
			goto err_unlock;
		}
	}
	mutex_unlock(&pp->rings_lock);
	return 0;

err_unlock:
	mutex_unlock(&pp->rings_lock);
	mvneta_rings_free(pp);
	return err;
}

/* Show which NAPI serves the queues (queue-get), or that none does while
 * the port is stopped. RTNL held.
 */
static void mvneta_queues_napi(struct mvneta_port *pp, struct napi_struct *napi)
{
	unsigned int q;

	for (q = 0; q < pp->rxq_number; q++)
		mvneta_compat_queue_napi(pp->dev, q, true, napi);
	for (q = 0; q < pp->txq_number; q++)
		mvneta_compat_queue_napi(pp->dev, q, false, napi);
}

/* Rings are set up: start the device, NAPI, interrupts, link, queues. */
static void mvneta_start_dev(struct mvneta_port *pp)
{
	unsigned int q;

	mvneta_max_rx_size_set(pp, pp->pkt_size);
	mvneta_max_tx_size_set(pp, pp->pkt_size);

	pp->cause_rx = 0;
	pp->refill_pending = 0;
	/* a queue pair restart that fell back to this one left its TX
	 * ring closed
	 */
	for (q = 0; q < pp->txq_number; q++)
		pp->txqs[q].closed = false;
	WRITE_ONCE(pp->running, true);
	napi_enable(&pp->napi);
	pp->watchdog_polls = READ_ONCE(pp->polls);
	mod_timer(&pp->irq_watchdog,
		  jiffies + msecs_to_jiffies(MVNETA_IRQ_WATCHDOG_MS));
	mvneta_queues_napi(pp, &pp->napi);
	mvneta_port_enable(pp);
	mvneta_intr_clear(pp);
	mvneta_intr_unmask(pp);
	mvreg_write(pp, MVNETA_INTR_MISC_MASK,
		    MVNETA_CAUSE_PHY_STATUS_CHANGE | MVNETA_CAUSE_LINK_CHANGE);
	/* wake, not just start: after a restart (ring resize) the qdisc may
	 * hold frames whose senders wait for them to leave
	 */
	netif_tx_wake_all_queues(pp->dev);
	mvneta_link_start(pp);
}

/* Give the device a moment to send what TX ring @txq holds, so a restart
 * drops nothing it could still send (not without a link: it sends nothing).
 */
static void mvneta_txq_drain(struct mvneta_port *pp,
			     struct mvneta_tx_queue *txq)
{
	u32 val;

	if (!txq->descs || !netif_carrier_ok(pp->dev))
		return;
	read_poll_timeout(mvreg_read, val,
			  !(val & MVNETA_TXQ_PENDING_DESC_MASK), 100,
			  MVNETA_TX_DRAIN_TIMEOUT_US, false,
			  pp, MVNETA_TXQ_STATUS_REG(txq->id));
}

static void mvneta_tx_drain(struct mvneta_port *pp)
{
	unsigned int q;

	for (q = 0; q < pp->txq_number; q++)
		mvneta_txq_drain(pp, &pp->txqs[q]);
}

/* Undo mvneta_start_dev(): afterwards nothing touches the rings. */
static void mvneta_stop_dev(struct mvneta_port *pp)
{
	if (!pp->running)
		return;

	WRITE_ONCE(pp->running, false);
	/* no ndo_start_xmit runs or starts after this */
	netif_tx_disable(pp->dev);
	mvneta_tx_drain(pp);
	mvneta_link_stop(pp);
	napi_disable(&pp->napi);
	/* NAPI, the only one arming it, is off */
	del_timer_sync(&pp->refill_timer);
	/* running is false: it does not re-arm itself */
	del_timer_sync(&pp->irq_watchdog);
	mvneta_queues_napi(pp, NULL);
	mvneta_intr_mask(pp);
	mvneta_port_down(pp);
	mvneta_port_disable(pp);
	mvneta_intr_clear(pp);
	synchronize_irq(pp->irq);
}

static int mvneta_open(struct net_device *dev)
{
	struct mvneta_port *pp = netdev_priv(dev);
	int err;

	pp->pkt_size = MVNETA_RX_PKT_SIZE(dev->mtu);

	err = mvneta_rings_alloc(pp);
	if (err)
		return err;

	err = request_irq(pp->irq, mvneta_isr, 0, dev->name, pp);
	if (err) {
		netdev_err(dev, "cannot request irq %d: %d\n", pp->irq, err);
		goto err_free_rings;
	}

	mvneta_start_dev(pp);
	return 0;

err_free_rings:
	mvneta_rings_free(pp);
	return err;
}

static int mvneta_stop(struct net_device *dev)
{
	struct mvneta_port *pp = netdev_priv(dev);

	mvneta_stop_dev(pp);
	free_irq(pp->irq, pp);
	mvneta_rings_free(pp);
	return 0;
}

/**
 * mvneta_reconfigure() - new ring sizes or mapping, restarting a running port
 * @dev: netdev
 * @rx_size: RX descriptors per queue
 * @tx_size: TX descriptors per queue
 * @bidir: RX pages mapped DMA_BIDIRECTIONAL (pp->xdp_dma_bidir)
 * @extack: where to explain a refusal
 *
 * Context: RTNL held. On allocation failure the old sizes and mapping
 * direction are restored (XDP_TX of a program kept attached must never
 * send from DMA_FROM_DEVICE mappings); if even those cannot be allocated
 * the port stays stopped (carrier off) until it is brought down and up
 * again.
 *
 * Return: 0 or a negative errno.
 */
int mvneta_reconfigure(struct net_device *dev, u16 rx_size, u16 tx_size,
		       bool bidir, struct netlink_ext_ack *extack)
{
	struct mvneta_port *pp = netdev_priv(dev);
	u16 old_rx = pp->rx_ring_size, old_tx = pp->tx_ring_size;
	bool old_bidir = pp->xdp_dma_bidir;
	int err;

	pp->rx_ring_size = rx_size;
	pp->tx_ring_size = tx_size;
	pp->xdp_dma_bidir = bidir;
	if (!netif_running(dev))
		return 0;

	mvneta_stop_dev(pp);
	mvneta_rings_free(pp);

	err = mvneta_rings_alloc(pp);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack,
				   "cannot allocate rings of that size, keeping the old ones");
		pp->rx_ring_size = old_rx;
		pp->tx_ring_size = old_tx;
		pp->xdp_dma_bidir = old_bidir;
		if (mvneta_rings_alloc(pp)) {
			netdev_err(dev, "cannot restore the rings, port stopped\n");
			return err;
		}
	}
	mvneta_start_dev(pp);
	return err;
}

/* Build RX ring @q and TX ring @q (for rxqs[@q].xsk_cfg); on failure
 * nothing of the pair is left allocated. rings_lock held, both device
 * queues stopped.
 */
static int mvneta_qpair_alloc(struct mvneta_port *pp, unsigned int q)
{
	int err;

	err = mvneta_rxq_init(pp, &pp->rxqs[q]);
	if (err)
		return err;
	/* test-only failure injection (debugfs fail_ring_alloc): the TX ring
	 * fails once the RX ring is built, so the pair is undone half-way
	 */
	if (unlikely(pp->fail_ring_alloc)) {
		pp->fail_ring_alloc--;
		err = -ENOMEM;
	} else {
		err = mvneta_txq_init(pp, &pp->txqs[q]);
	}
	if (err)
		mvneta_rxq_uninit(pp, &pp->rxqs[q]);
	return err;
}

/**
 * mvneta_qpair_restart() - rebuild RX ring @q and TX ring @q of a running
 *	port, the other queues running on
 * @pp: port (running)
 * @q: queue pair: RX queue and TX queue @q
 *
 * For a change that concerns one queue pair: an AF_XDP zero-copy pool
 * bound or unbound (rxqs[@q].xsk_cfg, xsk.c). Only the device's RX queue
 * @q and TX queue @q are stopped (the NETA stops queues one by one:
 * MVNETA_RXQ_CMD, MVNETA_TXQ_CMD), their rings freed and built again, then
 * enabled again; the carrier, the other rings and their buffers stay.
 *
 * TX queue @q is closed first: stopped for the stack, refused to XDP_TX
 * and ndo_xdp_xmit (both under the queue's lock), and the device sends
 * what it holds before it stops; what it could not send is dropped and
 * counted (txqN_dropped). Frames on RX ring @q that no poll took are
 * dropped and counted (rxqN_dropped).
 *
 * The port has one NAPI for all its queues: it is paused while the rings
 * are swapped, so no poll sees a ring half built. Meanwhile the other RX
 * queues keep receiving into their rings and their frames wait for the
 * first poll after (lost only if a ring fills up: a device overrun,
 * counted in rx_fifo_errors, as when a poll is late); the other TX queues
 * send what they hold, and the stack may queue more on them. That poll
 * runs at once: an interrupt that came meanwhile found NAPI paused and
 * left itself masked.
 *
 * When the pair cannot be built with a zero-copy pool, it is built on the
 * page pool (copy mode: rxqs[@q].xsk_cfg cleared), what a queue has before
 * a bind; when not even that, the whole port restarts
 * (mvneta_reconfigure(), which may leave it stopped).
 *
 * Context: process, RTNL held.
 * Return: 0 when the pair runs as configured; otherwise the allocation's
 * errno, the pair then runs on the page pool (or the port was restarted).
 */
int mvneta_qpair_restart(struct mvneta_port *pp, unsigned int q)
{
	struct mvneta_rx_queue *rxq = &pp->rxqs[q];
	struct mvneta_tx_queue *txq = &pp->txqs[q];
	struct netdev_queue *nq = netdev_get_tx_queue(pp->dev, q);
	u32 rx_on, tx_on;
	int err, built;

	__netif_tx_lock_bh(nq);
	netif_tx_stop_queue(nq);
	txq->closed = true;
	/* the stack's TX watchdog must not take the stop for a hang */
	txq_trans_cond_update(nq);
	__netif_tx_unlock_bh(nq);

	napi_disable(&pp->napi);
	mutex_lock(&pp->rings_lock);
	mvneta_txq_drain(pp, txq);
	/* a queue the link left disabled (silicon) stays so */
	tx_on = mvneta_txqs_stop(pp, BIT(q));
	rx_on = mvneta_rxqs_stop(pp, BIT(q));
	mvneta_txq_uninit(pp, txq);
	mvneta_rxq_uninit(pp, rxq);
	/* the old ring's work left with it; the new one starts clean */
	pp->cause_rx &= ~BIT(q);
	pp->refill_pending &= ~BIT(q);

	err = mvneta_qpair_alloc(pp, q);
	built = err;
	if (err && rxq->xsk_cfg) {
		netdev_warn(pp->dev,
			    "queue pair %u: no rings for AF_XDP zero-copy (%d), back on the page pool\n",
			    q, err);
		rxq->xsk_cfg = NULL;
		built = mvneta_qpair_alloc(pp, q);
	}
	if (!built)
		mvneta_queues_start(pp, rx_on, tx_on);
	mutex_unlock(&pp->rings_lock);

	napi_enable(&pp->napi);
	local_bh_disable();
	napi_schedule(&pp->napi);
	local_bh_enable();

	if (built) {
		/* the pair has no ring: TX queue q stays closed, RX queue q
		 * disabled, until the whole port gets new rings
		 */
		netdev_err(pp->dev,
			   "queue pair %u: no rings (%d), restarting the port\n",
			   q, built);
		mvneta_reconfigure(pp->dev, pp->rx_ring_size,
				   pp->tx_ring_size, pp->xdp_dma_bidir, NULL);
		return err;
	}

	__netif_tx_lock_bh(nq);
	txq->closed = false;
	__netif_tx_unlock_bh(nq);
	netif_tx_wake_queue(nq);
	return err;
}

/* Restart the rings of a port whose TX queue timed out (RTNL, process). */
static void mvneta_reset_work(struct work_struct *work)
{
	struct mvneta_port *pp = container_of(work, struct mvneta_port,
					      reset_work);

	rtnl_lock();
	if (pp->running)
		mvneta_reconfigure(pp->dev, pp->rx_ring_size,
				   pp->tx_ring_size, pp->xdp_dma_bidir, NULL);
	rtnl_unlock();
}

/* A TX queue stayed stopped longer than watchdog_timeo: the device stopped
 * sending (or never learnt of the descriptors). Count it and restart the
 * rings from process context: descriptors still queued are dropped and
 * counted, the queues wake on fresh rings.
 */
static void mvneta_tx_timeout(struct net_device *dev, unsigned int txqueue)
{
	struct mvneta_port *pp = netdev_priv(dev);

	atomic64_inc(&pp->tx_timeouts);
	schedule_work(&pp->reset_work);
}

static int mvneta_change_mtu(struct net_device *dev, int mtu)
{
	struct mvneta_port *pp = netdev_priv(dev);
	int err;

	/* a zero-copy queue receives a frame into one umem frame */
	err = mvneta_xsk_mtu_check(pp, mtu);
	if (err)
		return err;

	/* the core checked min_mtu..max_mtu; larger frames span descriptors,
	 * so only a change between half-page and whole-page buffers
	 * (fragment mode) needs new rings
	 */
	dev->mtu = mtu;
	pp->pkt_size = MVNETA_RX_PKT_SIZE(mtu);
	if (pp->running &&
	    mvneta_pool_frag_size(pp) != pp->rxqs[0].frag_size) {
		err = mvneta_reconfigure(dev, pp->rx_ring_size,
					 pp->tx_ring_size, pp->xdp_dma_bidir,
					 NULL);
	} else if (pp->running) {
		mvneta_max_rx_size_set(pp, pp->pkt_size);
		mvneta_max_tx_size_set(pp, pp->pkt_size);
	}
	netdev_update_features(dev);
	return err;
}

static netdev_features_t mvneta_fix_features(struct net_device *dev,
					     netdev_features_t features)
{
	struct mvneta_port *pp = netdev_priv(dev);

	if (pp->tx_csum_limit && dev->mtu > pp->tx_csum_limit)
		features &= ~(NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM);
	return features;
}

static void mvneta_get_stats64(struct net_device *dev,
			       struct rtnl_link_stats64 *stats)
{
	struct mvneta_port *pp = netdev_priv(dev);
	unsigned int q, start;

	for (q = 0; q < pp->rxq_number; q++) {
		const struct mvneta_rxq_stats *s = &pp->rxqs[q].stats;
		u64 packets, bytes, errors, crc, over, len, res, dropped;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			packets = s->packets;
			bytes = s->bytes;
			errors = s->errors;
			crc = s->crc_errors;
			over = s->over_errors;
			len = s->length_errors;
			res = s->resource_errors;
			dropped = s->dropped;
		} while (u64_stats_fetch_retry(&s->syncp, start));

		stats->rx_packets += packets;
		stats->rx_bytes += bytes;
		stats->rx_errors += errors;
		stats->rx_crc_errors += crc;
		stats->rx_over_errors += over;
		stats->rx_length_errors += len;
		stats->rx_missed_errors += res;
		stats->rx_dropped += dropped;
	}

	for (q = 0; q < pp->txq_number; q++) {
		const struct mvneta_txq_stats *s = &pp->txqs[q].stats;
		u64 packets, bytes, dropped;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			packets = s->packets;
			bytes = s->bytes;
			dropped = s->dropped;
		} while (u64_stats_fetch_retry(&s->syncp, start));

		stats->tx_packets += packets;
		stats->tx_bytes += bytes;
		stats->tx_dropped += dropped;
	}

	mvneta_mib_update(pp);
	stats->rx_fifo_errors =
		mvneta_mib_get(pp, MVNETA_OVERRUN_FRAME_COUNT) +
		mvneta_mib_get(pp, MVNETA_RX_DISCARD_FRAME_COUNT);
}

static int mvneta_eth_ioctl(struct net_device *dev, struct ifreq *ifr, int cmd)
{
	struct mvneta_port *pp = netdev_priv(dev);

	if (!pp->phylink)
		return -EOPNOTSUPP;
	return phylink_mii_ioctl(pp->phylink, ifr, cmd);
}

static const struct net_device_ops mvneta_netdev_ops = {
	.ndo_open = mvneta_open,
	.ndo_stop = mvneta_stop,
	.ndo_start_xmit = mvneta_start_xmit,
	.ndo_set_rx_mode = mvneta_set_rx_mode,
	.ndo_set_mac_address = mvneta_set_mac_address,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_change_mtu = mvneta_change_mtu,
	.ndo_fix_features = mvneta_fix_features,
	.ndo_get_stats64 = mvneta_get_stats64,
	.ndo_eth_ioctl = mvneta_eth_ioctl,
	.ndo_bpf = mvneta_xdp,
	.ndo_xdp_xmit = mvneta_xdp_xmit,
	.ndo_xsk_wakeup = mvneta_xsk_wakeup,
	.ndo_tx_timeout = mvneta_tx_timeout,
};

/**
 * mvneta_netdev_init() - the netdev's operations, features and MTU range
 * @pp: port (probe; the netdev is not registered yet)
 */
void mvneta_netdev_init(struct mvneta_port *pp)
{
	struct net_device *dev = pp->dev;

	INIT_WORK(&pp->reset_work, mvneta_reset_work);
	dev->netdev_ops = &mvneta_netdev_ops;
	dev->ethtool_ops = &mvneta_ethtool_ops;
	dev->watchdog_timeo = 5 * HZ;
	dev->hw_features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
			   NETIF_F_RXCSUM;
	dev->features = dev->hw_features;
	dev->vlan_features = dev->hw_features;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = MVNETA_MAX_MTU;
}
