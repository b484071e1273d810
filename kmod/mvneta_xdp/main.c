// SPDX-License-Identifier: GPL-2.0-only
/*
 * Marvell NETA (Armada 370/XP/3700) Ethernet driver with XDP and page_pool:
 * platform probe/remove, netdev operations, port bring-up and interrupts.
 *
 * The same code drives silicon (device tree, registers through readl/writel)
 * and the register-level model of kmod/neta_model (platform device
 * "neta-model", registers through the model's ops): only the accessor pair
 * in mvneta.h differs.
 */

#include <linux/clk.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/iopoll.h>
#include <linux/mbus.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_net.h>
#include <linux/platform_device.h>
#include <linux/rtnetlink.h>

#include "mvneta.h"

DEFINE_STATIC_KEY_FALSE(mvneta_model_key);

static char *page_pool = "kernel";
module_param(page_pool, charp, 0444);
MODULE_PARM_DESC(page_pool, "RX page pool: kernel (built-in page_pool) or own (neta_pp)");

static unsigned int rxq_number = 1;
module_param(rxq_number, uint, 0444);
MODULE_PARM_DESC(rxq_number, "RX queues per port (1..8, default 1)");

static unsigned int txq_number = 8;
module_param(txq_number, uint, 0444);
MODULE_PARM_DESC(txq_number, "TX queues per port (1..8, default 8)");

static enum mvneta_pool_kind mvneta_pool_kind;

/* Queue stop timeouts (device side) */
#define MVNETA_QUEUE_STOP_TIMEOUT_US	100000
#define MVNETA_TX_FIFO_TIMEOUT_US	100000
#define MVNETA_TX_DRAIN_TIMEOUT_US	20000

static void mvneta_intr_mask(struct mvneta_port *pp)
{
	mvreg_write(pp, MVNETA_INTR_NEW_MASK, 0);
	mvreg_write(pp, MVNETA_INTR_OLD_MASK, 0);
	mvreg_write(pp, MVNETA_INTR_MISC_MASK, 0);
}

static void mvneta_intr_clear(struct mvneta_port *pp)
{
	mvreg_write(pp, MVNETA_INTR_NEW_CAUSE, 0);
	mvreg_write(pp, MVNETA_INTR_MISC_CAUSE, 0);
	mvreg_write(pp, MVNETA_INTR_OLD_CAUSE, 0);
}

/**
 * mvneta_intr_unmask() - enable the RX, TX done and misc interrupts
 * @pp: port
 */
void mvneta_intr_unmask(struct mvneta_port *pp)
{
	mvreg_write(pp, MVNETA_INTR_NEW_MASK,
		    MVNETA_RX_INTR_MASK(pp->rxq_number) |
		    MVNETA_TX_INTR_MASK(pp->txq_number) |
		    MVNETA_MISCINTR_INTR_MASK);
}

/**
 * mvneta_port_up() - enable the RX and TX queues that have a ring
 * @pp: port
 */
void mvneta_port_up(struct mvneta_port *pp)
{
	u32 map = 0;
	unsigned int q;

	for (q = 0; q < pp->txq_number; q++)
		if (pp->txqs[q].descs)
			map |= BIT(q);
	mvreg_write(pp, MVNETA_TXQ_CMD, map);

	map = 0;
	for (q = 0; q < pp->rxq_number; q++)
		if (pp->rxqs[q].descs)
			map |= BIT(q);
	mvreg_write(pp, MVNETA_RXQ_CMD, map);
}

/**
 * mvneta_port_down() - stop the RX and TX queues and wait until they are
 * @pp: port
 *
 * Context: process (sleeps).
 */
void mvneta_port_down(struct mvneta_port *pp)
{
	u32 val;
	int err;

	val = mvreg_read(pp, MVNETA_RXQ_CMD) & MVNETA_RXQ_ENABLE_MASK;
	if (val)
		mvreg_write(pp, MVNETA_RXQ_CMD,
			    val << MVNETA_RXQ_DISABLE_SHIFT);
	err = read_poll_timeout(mvreg_read, val,
				!(val & MVNETA_RXQ_ENABLE_MASK), 100,
				MVNETA_QUEUE_STOP_TIMEOUT_US, false,
				pp, MVNETA_RXQ_CMD);
	if (err)
		netdev_warn(pp->dev, "RX queues did not stop: 0x%08x\n", val);

	val = mvreg_read(pp, MVNETA_TXQ_CMD) & MVNETA_TXQ_ENABLE_MASK;
	if (val)
		mvreg_write(pp, MVNETA_TXQ_CMD,
			    val << MVNETA_TXQ_DISABLE_SHIFT);
	err = read_poll_timeout(mvreg_read, val,
				!(val & MVNETA_TXQ_ENABLE_MASK), 100,
				MVNETA_QUEUE_STOP_TIMEOUT_US, false,
				pp, MVNETA_TXQ_CMD);
	if (err)
		netdev_warn(pp->dev, "TX queues did not stop: 0x%08x\n", val);

	err = read_poll_timeout(mvreg_read, val,
				(val & MVNETA_TX_FIFO_EMPTY) ||
				!(val & MVNETA_TX_IN_PRGRS), 100,
				MVNETA_TX_FIFO_TIMEOUT_US, false,
				pp, MVNETA_PORT_STATUS);
	if (err)
		netdev_warn(pp->dev, "TX FIFO did not drain: 0x%08x\n", val);
}

static void mvneta_port_enable(struct mvneta_port *pp)
{
	u32 val = mvreg_read(pp, MVNETA_GMAC_CTRL_0);

	mvreg_write(pp, MVNETA_GMAC_CTRL_0, val | MVNETA_GMAC0_PORT_ENABLE);
}

static void mvneta_port_disable(struct mvneta_port *pp)
{
	u32 val = mvreg_read(pp, MVNETA_GMAC_CTRL_0);

	mvreg_write(pp, MVNETA_GMAC_CTRL_0, val & ~MVNETA_GMAC0_PORT_ENABLE);
	usleep_range(200, 300);
}

static void mvneta_max_rx_size_set(struct mvneta_port *pp, int size)
{
	u32 val = mvreg_read(pp, MVNETA_GMAC_CTRL_0);

	val &= ~MVNETA_GMAC_MAX_RX_SIZE_MASK;
	val |= ((size - MVNETA_MH_SIZE) / 2) << MVNETA_GMAC_MAX_RX_SIZE_SHIFT;
	mvreg_write(pp, MVNETA_GMAC_CTRL_0, val);
}

static void mvneta_max_tx_size_set(struct mvneta_port *pp, int size)
{
	u32 mtu = min_t(u32, size * 8, MVNETA_TX_MTU_MAX);
	u32 val;
	unsigned int q;

	val = mvreg_read(pp, MVNETA_TX_MTU) & ~MVNETA_TX_MTU_MAX;
	mvreg_write(pp, MVNETA_TX_MTU, val | mtu);

	/* token sizes must not be below the MTU */
	val = mvreg_read(pp, MVNETA_TX_TOKEN_SIZE);
	if (val < mtu)
		mvreg_write(pp, MVNETA_TX_TOKEN_SIZE, mtu);
	for (q = 0; q < pp->txq_number; q++) {
		val = mvreg_read(pp, MVNETA_TXQ_TOKEN_SIZE_REG(q));
		if ((val & MVNETA_TXQ_TOKEN_SIZE_MAX) < mtu)
			mvreg_write(pp, MVNETA_TXQ_TOKEN_SIZE_REG(q),
				    (val & ~MVNETA_TXQ_TOKEN_SIZE_MAX) | mtu);
	}
}

/* Unicast DA filter: one byte per last nibble of the address. */
static void mvneta_ucast_set(struct mvneta_port *pp, u8 last_byte, int queue)
{
	unsigned int nibble = last_byte & 0xf;
	u32 reg = MVNETA_DA_FILT_UCAST_BASE + (nibble / 4) * 4;
	unsigned int shift = 8 * (nibble % 4);
	u32 val = mvreg_read(pp, reg);

	val &= ~(0xffu << shift);
	if (queue >= 0)
		val |= (0x01 | (queue << 1)) << shift;
	mvreg_write(pp, reg, val);
}

/* Fill a whole DA filter table: accept into @queue, or reject (-1). */
static void mvneta_da_table_fill(struct mvneta_port *pp, u32 base, int entries,
				 int queue)
{
	u32 val = 0;
	int off;

	if (queue >= 0) {
		val = 0x01 | (queue << 1);
		val |= (val << 8) | (val << 16) | (val << 24);
	}
	for (off = 0; off < entries; off += 4)
		mvreg_write(pp, base + off, val);
}

static void mvneta_mac_addr_write(struct mvneta_port *pp, const u8 *addr)
{
	mvreg_write(pp, MVNETA_MAC_ADDR_LOW, (addr[4] << 8) | addr[5]);
	mvreg_write(pp, MVNETA_MAC_ADDR_HIGH,
		    (addr[0] << 24) | (addr[1] << 16) | (addr[2] << 8) |
		    addr[3]);
}

static void mvneta_mac_addr_read(struct mvneta_port *pp, u8 *addr)
{
	u32 low = mvreg_read(pp, MVNETA_MAC_ADDR_LOW);
	u32 high = mvreg_read(pp, MVNETA_MAC_ADDR_HIGH);

	addr[0] = high >> 24;
	addr[1] = high >> 16;
	addr[2] = high >> 8;
	addr[3] = high;
	addr[4] = low >> 8;
	addr[5] = low;
}

static void mvneta_set_rx_mode(struct net_device *dev)
{
	struct mvneta_port *pp = netdev_priv(dev);
	bool promisc = dev->flags & IFF_PROMISC;
	bool allmulti = promisc || (dev->flags & IFF_ALLMULTI) ||
			!netdev_mc_empty(dev);
	u32 cfg, prio;

	cfg = mvreg_read(pp, MVNETA_PORT_CONFIG);
	prio = mvreg_read(pp, MVNETA_TYPE_PRIO);
	if (promisc) {
		cfg |= MVNETA_UNI_PROMISC_MODE;
		prio |= MVNETA_FORCE_UNI;
		mvneta_da_table_fill(pp, MVNETA_DA_FILT_UCAST_BASE, 16,
				     pp->rxq_def);
	} else {
		cfg &= ~MVNETA_UNI_PROMISC_MODE;
		prio &= ~MVNETA_FORCE_UNI;
		mvneta_da_table_fill(pp, MVNETA_DA_FILT_UCAST_BASE, 16, -1);
		mvneta_ucast_set(pp, dev->dev_addr[5], pp->rxq_def);
	}
	mvreg_write(pp, MVNETA_PORT_CONFIG, cfg);
	mvreg_write(pp, MVNETA_TYPE_PRIO, prio);

	/* multicast: all or nothing, the stack filters the rest */
	mvneta_da_table_fill(pp, MVNETA_DA_FILT_SPEC_MCAST, 256,
			     allmulti ? pp->rxq_def : -1);
	mvneta_da_table_fill(pp, MVNETA_DA_FILT_OTH_MCAST, 256,
			     allmulti ? pp->rxq_def : -1);
}

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

/* Port registers to their defaults: interrupts masked, queues reset. */
static void mvneta_defaults_set(struct mvneta_port *pp)
{
	unsigned int q;
	u32 val;
	int cpu;

	mvneta_intr_clear(pp);
	mvneta_intr_mask(pp);
	mvreg_write(pp, MVNETA_INTR_ENABLE, 0);
	mvreg_write(pp, MVNETA_MBUS_RETRY, 0x20);

	/* one interrupt line: every CPU map entry gets every queue */
	for (cpu = 0; cpu < 4; cpu++)
		mvreg_write(pp, MVNETA_CPU_MAP(cpu),
			    MVNETA_CPU_RXQ_ACCESS_ALL_MASK |
			    MVNETA_CPU_TXQ_ACCESS_ALL_MASK);

	mvreg_write(pp, MVNETA_PORT_RX_RESET, MVNETA_PORT_RX_DMA_RESET);
	mvreg_write(pp, MVNETA_PORT_TX_RESET, MVNETA_PORT_TX_DMA_RESET);
	mvreg_write(pp, MVNETA_TXQ_CMD_1, 0);
	for (q = 0; q < MVNETA_MAX_QUEUES; q++) {
		mvreg_write(pp, MVETH_TXQ_TOKEN_COUNT_REG(q), 0);
		mvreg_write(pp, MVETH_TXQ_TOKEN_CFG_REG(q), 0);
	}
	mvreg_write(pp, MVNETA_PORT_TX_RESET, 0);
	mvreg_write(pp, MVNETA_PORT_RX_RESET, 0);

	mvreg_write(pp, MVNETA_ACC_MODE, MVNETA_ACC_MODE_EXT1);
	q = pp->rxq_def;	/* every frame class to the default queue */
	mvreg_write(pp, MVNETA_PORT_CONFIG,
		    MVNETA_DEF_RXQ(q) | MVNETA_DEF_RXQ_ARP(q) |
		    MVNETA_DEF_RXQ_TCP(q) | MVNETA_DEF_RXQ_UDP(q) |
		    MVNETA_DEF_RXQ_BPDU(q) | MVNETA_TX_UNSET_ERR_SUM |
		    MVNETA_RX_CSUM_WITH_PSEUDO_HDR);
	mvreg_write(pp, MVNETA_PORT_CONFIG_EXTEND, 0);
	mvreg_write(pp, MVNETA_RX_MIN_FRAME_SIZE, 64);

	val = MVNETA_TX_BRST_SZ_MASK(MVNETA_SDMA_BRST_SIZE_16) |
	      MVNETA_RX_BRST_SZ_MASK(MVNETA_SDMA_BRST_SIZE_16) |
	      MVNETA_RX_NO_DATA_SWAP | MVNETA_TX_NO_DATA_SWAP;
#ifdef __BIG_ENDIAN
	val |= MVNETA_DESC_SWAP;
#endif
	mvreg_write(pp, MVNETA_SDMA_CONFIG, val);

	/* phylink (or the model) manages the link, not the PHY polling unit */
	val = mvreg_read(pp, MVNETA_UNIT_CONTROL);
	mvreg_write(pp, MVNETA_UNIT_CONTROL, val & ~MVNETA_PHY_POLLING_ENABLE);

	mvneta_da_table_fill(pp, MVNETA_DA_FILT_UCAST_BASE, 16, -1);
	mvneta_da_table_fill(pp, MVNETA_DA_FILT_SPEC_MCAST, 256, -1);
	mvneta_da_table_fill(pp, MVNETA_DA_FILT_OTH_MCAST, 256, -1);

	mvreg_write(pp, MVNETA_INTR_ENABLE,
		    MVNETA_RXQ_INTR_ENABLE_ALL_MASK |
		    MVNETA_TXQ_INTR_ENABLE_ALL_MASK);
	mvneta_mib_clear(pp);
}

static irqreturn_t mvneta_isr(int irq, void *dev_id)
{
	struct mvneta_port *pp = dev_id;

	/* level triggered: mask until the poll is done */
	mvreg_write(pp, MVNETA_INTR_NEW_MASK, 0);
	napi_schedule(&pp->napi);
	return IRQ_HANDLED;
}

/* An RX ring without buffers: poll it again (mvneta_rx_poll() armed us) */
static void mvneta_refill_retry(struct timer_list *t)
{
	struct mvneta_port *pp = from_timer(pp, t, refill_timer);

	napi_schedule(&pp->napi);
}

/*
 * A device may fail to raise an interrupt for work it has done (a broken or
 * hostile one): with a full RX ring, or TX descriptors never completed, no
 * later event would ever raise one. Every MVNETA_IRQ_WATCHDOG_MS, a port
 * that has not polled since the last tick and whose cause register shows
 * work is polled.
 */
static void mvneta_irq_watchdog(struct timer_list *t)
{
	struct mvneta_port *pp = from_timer(pp, t, irq_watchdog);
	u32 polls = READ_ONCE(pp->polls);

	if (!READ_ONCE(pp->running))
		return;
	if (polls == pp->watchdog_polls &&
	    (mvreg_read(pp, MVNETA_INTR_NEW_CAUSE) &
	     (MVNETA_TX_INTR_MASK(pp->txq_number) |
	      MVNETA_RX_INTR_MASK(pp->rxq_number)))) {
		atomic64_inc(&pp->irq_watchdog_polls);
		napi_schedule(&pp->napi);
	}
	pp->watchdog_polls = polls;
	mod_timer(&pp->irq_watchdog,
		  jiffies + msecs_to_jiffies(MVNETA_IRQ_WATCHDOG_MS));
}

static int mvneta_poll(struct napi_struct *napi, int budget)
{
	struct mvneta_port *pp = container_of(napi, struct mvneta_port, napi);
	u32 cause, rx, left = 0;
	int done = 0;

	WRITE_ONCE(pp->polls, pp->polls + 1);

	if (unlikely(!budget)) {
		/* netpoll: TX completion only, interrupts stay as they are */
		mvneta_tx_done_netpoll(pp);
		return 0;
	}

	cause = mvreg_read(pp, MVNETA_INTR_NEW_CAUSE);
	if (cause & MVNETA_MISCINTR_INTR_MASK) {
		u32 misc = mvreg_read(pp, MVNETA_INTR_MISC_CAUSE);

		mvreg_write(pp, MVNETA_INTR_MISC_CAUSE, 0);
		if (misc & (MVNETA_CAUSE_PHY_STATUS_CHANGE |
			    MVNETA_CAUSE_LINK_CHANGE))
			mvneta_link_change(pp);
	}

	if (cause & MVNETA_TX_INTR_MASK(pp->txq_number))
		mvneta_tx_done(pp, cause & MVNETA_TX_INTR_MASK(pp->txq_number));

	/* queues left without buffers get no interrupt: retried here */
	rx = ((cause & MVNETA_RX_INTR_MASK(pp->rxq_number)) >> 8) |
	     pp->cause_rx | pp->refill_pending;
	pp->refill_pending = 0;
	while (rx) {
		int q = fls(rx) - 1;

		rx &= ~BIT(q);
		done += mvneta_rx_poll(pp, &pp->rxqs[q], napi, budget - done);
		if (done >= budget) {
			left = rx | BIT(q);
			break;
		}
	}
	pp->cause_rx = left;

	if (done < budget && napi_complete_done(napi, done))
		mvneta_intr_unmask(pp);
	return min(done, budget);
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
	mvneta_max_rx_size_set(pp, pp->pkt_size);
	mvneta_max_tx_size_set(pp, pp->pkt_size);

	pp->cause_rx = 0;
	pp->refill_pending = 0;
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

/* Give the device a moment to send what the TX rings hold, so a restart
 * (ring resize) drops nothing it could still send.
 */
static void mvneta_tx_drain(struct mvneta_port *pp)
{
	unsigned int q;
	u32 val;

	if (!netif_carrier_ok(pp->dev))
		return;
	for (q = 0; q < pp->txq_number; q++) {
		if (!pp->txqs[q].descs)
			continue;
		read_poll_timeout(mvreg_read, val,
				  !(val & MVNETA_TXQ_PENDING_DESC_MASK), 100,
				  MVNETA_TX_DRAIN_TIMEOUT_US, false,
				  pp, MVNETA_TXQ_STATUS_REG(q));
	}
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
	int err = 0;

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
	.ndo_tx_timeout = mvneta_tx_timeout,
};

/* Armada 370/XP: MBUS windows to DRAM; Armada 3700: one 4 GB window */
static void mvneta_mbus_windows_set(struct mvneta_port *pp)
{
	const struct mbus_dram_target_info *dram = mv_mbus_dram_info();
	u32 enable = 0x3f, protect = 0;
	int i;

	for (i = 0; i < MVNETA_MAX_DECODE_WIN; i++) {
		mvreg_write(pp, MVNETA_WIN_BASE(i), 0);
		mvreg_write(pp, MVNETA_WIN_SIZE(i), 0);
		if (i < 4)
			mvreg_write(pp, MVNETA_WIN_REMAP(i), 0);
	}

	if (dram) {
		for (i = 0; i < dram->num_cs; i++) {
			const struct mbus_dram_window *cs = dram->cs + i;

			mvreg_write(pp, MVNETA_WIN_BASE(i),
				    (cs->base & 0xffff0000) |
				    (cs->mbus_attr << 8) |
				    dram->mbus_dram_target_id);
			mvreg_write(pp, MVNETA_WIN_SIZE(i),
				    (cs->size - 1) & 0xffff0000);
			enable &= ~BIT(i);
			protect |= 3 << (2 * i);
		}
	} else {
		mvreg_write(pp, MVNETA_WIN_SIZE(0), 0xffff0000);
		enable &= ~BIT(0);
		protect = 3;
	}
	mvreg_write(pp, MVNETA_BASE_ADDR_ENABLE, enable);
	mvreg_write(pp, MVNETA_ACCESS_PROTECT_ENABLE, protect);
}

/* Silicon: registers, clocks, DMA mask, MBUS windows. */
static int mvneta_probe_silicon(struct mvneta_port *pp,
				struct platform_device *pdev)
{
	struct device_node *dn = pdev->dev.of_node;
	int err;

	pp->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(pp->base))
		return PTR_ERR(pp->base);

	pp->clk = devm_clk_get(&pdev->dev, "core");
	if (IS_ERR(pp->clk))
		pp->clk = devm_clk_get(&pdev->dev, NULL);
	if (IS_ERR(pp->clk))
		return dev_err_probe(&pdev->dev, PTR_ERR(pp->clk),
				     "no core clock\n");
	pp->clk_bus = devm_clk_get_optional(&pdev->dev, "bus");
	if (IS_ERR(pp->clk_bus))
		return PTR_ERR(pp->clk_bus);

	err = clk_prepare_enable(pp->clk);
	if (err)
		return err;
	err = clk_prepare_enable(pp->clk_bus);
	if (err)
		goto err_disable_core;
	pp->clk_rate = clk_get_rate(pp->clk);

	/* descriptors hold 32-bit buffer addresses */
	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));
	if (err)
		goto err_disable_bus;

	if (of_device_is_compatible(dn, "marvell,armada-370-neta"))
		pp->tx_csum_limit = MVNETA_TX_CSUM_DEF_SIZE;
	else
		pp->tx_csum_limit = MVNETA_TX_CSUM_MAX_SIZE;

	mvneta_mbus_windows_set(pp);
	return 0;

err_disable_bus:
	clk_disable_unprepare(pp->clk_bus);
err_disable_core:
	clk_disable_unprepare(pp->clk);
	return err;
}

static void mvneta_remove_silicon(struct mvneta_port *pp)
{
	if (pp->model_ops)
		return;
	clk_disable_unprepare(pp->clk_bus);
	clk_disable_unprepare(pp->clk);
}

static int mvneta_probe(struct platform_device *pdev)
{
	const struct neta_model_pdata *pdata = dev_get_platdata(&pdev->dev);
	unsigned int rxqs = rxq_number, txqs = txq_number, q;
	struct mvneta_port *pp;
	struct net_device *dev;
	u8 addr[ETH_ALEN];
	int err, irq;

	if (pdata) {
		if (!pdata->ops || !pdata->ops->read || !pdata->ops->write ||
		    !pdata->rxq_number || !pdata->txq_number)
			return -EINVAL;
		rxqs = min(rxqs, pdata->rxq_number);
		txqs = min(txqs, pdata->txq_number);
	} else if (!pdev->dev.of_node) {
		return -ENODEV;
	}
	rxqs = clamp(rxqs, 1U, (unsigned int)MVNETA_MAX_QUEUES);
	txqs = clamp(txqs, 1U, (unsigned int)MVNETA_MAX_QUEUES);

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;

	dev = devm_alloc_etherdev_mqs(&pdev->dev, sizeof(*pp), txqs, rxqs);
	if (!dev)
		return -ENOMEM;
	SET_NETDEV_DEV(dev, &pdev->dev);
	platform_set_drvdata(pdev, dev);

	pp = netdev_priv(dev);
	pp->dev = dev;
	pp->dmadev = &pdev->dev;
	pp->irq = irq;
	pp->rxq_number = rxqs;
	pp->txq_number = txqs;
	pp->rxq_def = 0;
	pp->rx_ring_size = MVNETA_DEF_RXD;
	pp->tx_ring_size = MVNETA_DEF_TXD;
	pp->pool_kind = mvneta_pool_kind;
	spin_lock_init(&pp->mib_lock);
	mutex_init(&pp->rings_lock);
	INIT_WORK(&pp->reset_work, mvneta_reset_work);

	pp->rxqs = devm_kcalloc(&pdev->dev, rxqs, sizeof(*pp->rxqs),
				GFP_KERNEL);
	pp->txqs = devm_kcalloc(&pdev->dev, txqs, sizeof(*pp->txqs),
				GFP_KERNEL);
	if (!pp->rxqs || !pp->txqs)
		return -ENOMEM;
	for (q = 0; q < rxqs; q++) {
		pp->rxqs[q].pp = pp;
		pp->rxqs[q].id = q;
		u64_stats_init(&pp->rxqs[q].stats.syncp);
	}
	for (q = 0; q < txqs; q++) {
		pp->txqs[q].pp = pp;
		pp->txqs[q].id = q;
		u64_stats_init(&pp->txqs[q].stats.syncp);
	}

	if (pdata) {
		pp->model_ops = pdata->ops;
		pp->model_hw = pdata->hw;
		pp->clk_rate = NETA_MODEL_CLK_RATE;
		static_branch_inc(&mvneta_model_key);
	} else {
		err = mvneta_probe_silicon(pp, pdev);
		if (err)
			return err;
	}

	mvneta_defaults_set(pp);

	err = mvneta_link_init(pp, pdev);
	if (err)
		goto err_remove_hw;

	/* MAC: device tree, else what the bootloader (or model) left */
	if (pdev->dev.of_node && !of_get_ethdev_address(pdev->dev.of_node, dev)) {
		mvneta_mac_addr_write(pp, dev->dev_addr);
	} else {
		mvneta_mac_addr_read(pp, addr);
		if (is_valid_ether_addr(addr)) {
			eth_hw_addr_set(dev, addr);
		} else {
			eth_hw_addr_random(dev);
			mvneta_mac_addr_write(pp, dev->dev_addr);
		}
	}

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
	netif_napi_add(dev, &pp->napi, mvneta_poll);
	timer_setup(&pp->refill_timer, mvneta_refill_retry, 0);
	timer_setup(&pp->irq_watchdog, mvneta_irq_watchdog, 0);
	mvneta_compat_napi_irq(&pp->napi, pp->irq);
	mvneta_qstats_init(dev);
	mvneta_xdp_init(pp);

	err = register_netdev(dev);
	if (err) {
		dev_err(&pdev->dev, "cannot register netdev: %d\n", err);
		goto err_del_napi;
	}

	mvneta_debugfs_init(pp);
	return 0;

err_del_napi:
	netif_napi_del(&pp->napi);
	mvneta_link_uninit(pp);
err_remove_hw:
	if (pp->model_ops)
		static_branch_dec(&mvneta_model_key);
	else
		mvneta_remove_silicon(pp);
	return err;
}

static void mvneta_remove(struct platform_device *pdev)
{
	struct net_device *dev = platform_get_drvdata(pdev);
	struct mvneta_port *pp = netdev_priv(dev);

	mvneta_debugfs_uninit(pp);
	unregister_netdev(dev);
	cancel_work_sync(&pp->reset_work);
	netif_napi_del(&pp->napi);
	mvneta_link_uninit(pp);
	if (pp->model_ops)
		static_branch_dec(&mvneta_model_key);
	else
		mvneta_remove_silicon(pp);
}

NETA_COMPAT_DEFINE_REMOVE(mvneta_remove)

static const struct of_device_id mvneta_of_match[] = {
	{ .compatible = "marvell,armada-370-neta" },
	{ .compatible = "marvell,armada-xp-neta" },
	{ .compatible = "marvell,armada-3700-neta" },
	{ }
};
MODULE_DEVICE_TABLE(of, mvneta_of_match);

static const struct platform_device_id mvneta_id_table[] = {
	{ .name = NETA_MODEL_DRV_NAME },
	{ }
};
MODULE_DEVICE_TABLE(platform, mvneta_id_table);

static struct platform_driver mvneta_driver = {
	.probe = mvneta_probe,
	.remove = NETA_COMPAT_REMOVE(mvneta_remove),
	.id_table = mvneta_id_table,
	.driver = {
		.name = MVNETA_DRIVER_NAME,
		.of_match_table = mvneta_of_match,
	},
};

static int __init mvneta_init(void)
{
	int err;

	err = mvneta_pool_parse(page_pool, &mvneta_pool_kind);
	if (err) {
		pr_err(MVNETA_DRIVER_NAME ": page_pool=%s: use kernel or own\n",
		       page_pool);
		return err;
	}

	mvneta_debugfs_module_init();
	err = platform_driver_register(&mvneta_driver);
	if (err)
		mvneta_debugfs_module_uninit();
	return err;
}
module_init(mvneta_init);

static void __exit mvneta_exit(void)
{
	platform_driver_unregister(&mvneta_driver);
	mvneta_debugfs_module_uninit();
}
module_exit(mvneta_exit);

MODULE_DESCRIPTION("Marvell NETA Ethernet driver with XDP and page_pool");
MODULE_LICENSE("GPL");
