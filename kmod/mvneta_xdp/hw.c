// SPDX-License-Identifier: GPL-2.0-only
/*
 * Marvell NETA: the port's registers. Interrupt masks, queue enable and
 * stop, MAC enable, frame size limits, address filters, the defaults a
 * probe starts from and the DMA windows of silicon. Nothing here knows
 * about rings, NAPI or the stack's state beyond the netdev's addresses.
 */

#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/iopoll.h>
#include <linux/mbus.h>

#include "mvneta.h"

/* Queue stop timeouts (device side) */
#define MVNETA_QUEUE_STOP_TIMEOUT_US	100000
#define MVNETA_TX_FIFO_TIMEOUT_US	100000

/**
 * mvneta_intr_mask() - mask the RX/TX, old and misc interrupts
 * @pp: port
 */
void mvneta_intr_mask(struct mvneta_port *pp)
{
	mvreg_write(pp, MVNETA_INTR_NEW_MASK, 0);
	mvreg_write(pp, MVNETA_INTR_OLD_MASK, 0);
	mvreg_write(pp, MVNETA_INTR_MISC_MASK, 0);
}

/**
 * mvneta_intr_clear() - clear every interrupt cause
 * @pp: port
 */
void mvneta_intr_clear(struct mvneta_port *pp)
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
 * mvneta_queues_start() - enable RX and TX queues
 * @pp: port
 * @rx: RX queues (bit per queue); the others keep their state
 * @tx: TX queues
 */
void mvneta_queues_start(struct mvneta_port *pp, u32 rx, u32 tx)
{
	if (tx)
		mvreg_write(pp, MVNETA_TXQ_CMD, tx & MVNETA_TXQ_ENABLE_MASK);
	if (rx)
		mvreg_write(pp, MVNETA_RXQ_CMD, rx & MVNETA_RXQ_ENABLE_MASK);
}

/**
 * mvneta_port_up() - enable the RX and TX queues that have a ring
 * @pp: port
 */
void mvneta_port_up(struct mvneta_port *pp)
{
	u32 rx = 0, tx = 0;
	unsigned int q;

	for (q = 0; q < pp->txq_number; q++)
		if (pp->txqs[q].descs)
			tx |= BIT(q);
	for (q = 0; q < pp->rxq_number; q++)
		if (pp->rxqs[q].descs)
			rx |= BIT(q);
	mvneta_queues_start(pp, rx, tx);
}

/* Disable the queues of @map in queue command register @cmd (enable bits
 * 0..7, disable bits 8..15 for RX and TX alike) and wait until the device
 * has stopped them. Returns the queues of @map that were enabled.
 */
static u32 mvneta_queues_stop(struct mvneta_port *pp, u32 cmd, u32 map,
			      const char *what)
{
	u32 on, val;
	int err;

	on = mvreg_read(pp, cmd) & map;
	if (on)
		mvreg_write(pp, cmd, on << MVNETA_RXQ_DISABLE_SHIFT);
	err = read_poll_timeout(mvreg_read, val, !(val & map), 100,
				MVNETA_QUEUE_STOP_TIMEOUT_US, false, pp, cmd);
	if (err)
		netdev_warn(pp->dev, "%s queues did not stop: 0x%08x\n", what,
			    val);
	return on;
}

static_assert(MVNETA_TXQ_DISABLE_SHIFT == MVNETA_RXQ_DISABLE_SHIFT);

/**
 * mvneta_rxqs_stop() - stop RX queues and wait until the device has
 * @pp: port
 * @map: queues (bit per queue); the others keep running
 *
 * Context: process (sleeps).
 * Return: the queues of @map that were enabled, for mvneta_queues_start().
 */
u32 mvneta_rxqs_stop(struct mvneta_port *pp, u32 map)
{
	return mvneta_queues_stop(pp, MVNETA_RXQ_CMD,
				  map & MVNETA_RXQ_ENABLE_MASK, "RX");
}

/**
 * mvneta_txqs_stop() - stop TX queues and wait until the device has
 * @pp: port
 * @map: queues (bit per queue); the others keep running
 *
 * A TX queue stops after the frame it is sending; descriptors it has not
 * read stay pending.
 *
 * Context: process (sleeps).
 * Return: the queues of @map that were enabled, for mvneta_queues_start().
 */
u32 mvneta_txqs_stop(struct mvneta_port *pp, u32 map)
{
	return mvneta_queues_stop(pp, MVNETA_TXQ_CMD,
				  map & MVNETA_TXQ_ENABLE_MASK, "TX");
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

	mvneta_rxqs_stop(pp, MVNETA_RXQ_ENABLE_MASK);
	mvneta_txqs_stop(pp, MVNETA_TXQ_ENABLE_MASK);

	err = read_poll_timeout(mvreg_read, val,
				(val & MVNETA_TX_FIFO_EMPTY) ||
				!(val & MVNETA_TX_IN_PRGRS), 100,
				MVNETA_TX_FIFO_TIMEOUT_US, false,
				pp, MVNETA_PORT_STATUS);
	if (err)
		netdev_warn(pp->dev, "TX FIFO did not drain: 0x%08x\n", val);
}

/**
 * mvneta_port_enable() - let the MAC send and receive
 * @pp: port
 */
void mvneta_port_enable(struct mvneta_port *pp)
{
	u32 val = mvreg_read(pp, MVNETA_GMAC_CTRL_0);

	mvreg_write(pp, MVNETA_GMAC_CTRL_0, val | MVNETA_GMAC0_PORT_ENABLE);
}

/**
 * mvneta_port_disable() - stop the MAC and give it time to finish a frame
 * @pp: port
 *
 * Context: process (sleeps).
 */
void mvneta_port_disable(struct mvneta_port *pp)
{
	u32 val = mvreg_read(pp, MVNETA_GMAC_CTRL_0);

	mvreg_write(pp, MVNETA_GMAC_CTRL_0, val & ~MVNETA_GMAC0_PORT_ENABLE);
	usleep_range(200, 300);
}

/**
 * mvneta_max_rx_size_set() - largest frame the MAC accepts
 * @pp: port
 * @size: frame size with the Marvell header (MVNETA_RX_PKT_SIZE())
 */
void mvneta_max_rx_size_set(struct mvneta_port *pp, int size)
{
	u32 val = mvreg_read(pp, MVNETA_GMAC_CTRL_0);

	val &= ~MVNETA_GMAC_MAX_RX_SIZE_MASK;
	val |= ((size - MVNETA_MH_SIZE) / 2) << MVNETA_GMAC_MAX_RX_SIZE_SHIFT;
	mvreg_write(pp, MVNETA_GMAC_CTRL_0, val);
}

/**
 * mvneta_max_tx_size_set() - TX MTU and token sizes for frames of @size
 * @pp: port
 * @size: frame size (MVNETA_RX_PKT_SIZE() of the MTU)
 */
void mvneta_max_tx_size_set(struct mvneta_port *pp, int size)
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

/**
 * mvneta_ucast_set() - accept (or reject) a unicast last byte
 * @pp: port
 * @last_byte: last byte of the address
 * @queue: RX queue for it, or -1 to reject
 *
 * The unicast DA filter has one byte per last nibble of the address.
 */
void mvneta_ucast_set(struct mvneta_port *pp, u8 last_byte, int queue)
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

/**
 * mvneta_mac_addr_write() - program the port's MAC address
 * @pp: port
 * @addr: ETH_ALEN bytes
 */
void mvneta_mac_addr_write(struct mvneta_port *pp, const u8 *addr)
{
	mvreg_write(pp, MVNETA_MAC_ADDR_LOW, (addr[4] << 8) | addr[5]);
	mvreg_write(pp, MVNETA_MAC_ADDR_HIGH,
		    (addr[0] << 24) | (addr[1] << 16) | (addr[2] << 8) |
		    addr[3]);
}

/**
 * mvneta_mac_addr_read() - the MAC address the registers hold
 * @pp: port
 * @addr: ETH_ALEN bytes, written
 */
void mvneta_mac_addr_read(struct mvneta_port *pp, u8 *addr)
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

/**
 * mvneta_set_rx_mode() - ndo_set_rx_mode: unicast, promiscuous and multicast filters
 * @dev: netdev
 */
void mvneta_set_rx_mode(struct net_device *dev)
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

/**
 * mvneta_defaults_set() - port registers to their defaults at probe
 * @pp: port
 *
 * Interrupts masked and cleared, queues reset, every frame class to the
 * default RX queue, DA filters rejecting all, MIB counters cleared.
 */
void mvneta_defaults_set(struct mvneta_port *pp)
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

/**
 * mvneta_mbus_windows_set() - DMA windows to DRAM (silicon only)
 * @pp: port
 *
 * Armada 370/XP: one window per DRAM chip select; Armada 3700 has no MBUS
 * DRAM info: one 4 GB window.
 */
void mvneta_mbus_windows_set(struct mvneta_port *pp)
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
