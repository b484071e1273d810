// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: register read/write dispatch.
 *
 * Plain registers are stored and read back; status registers are computed
 * from the queue state; doorbells act on write; MIB counters clear on read.
 * Which register is which is one table, nm_regs[]: a row per register (or
 * per-queue register), its flags and its read and write handlers.
 */
#include <linux/etherdevice.h>
#include <linux/math64.h>

#include "nm.h"

/*
 * The counter of enum nm_mib in the MIB table the driver reads too
 * (neta_mib.h: register, width, ethtool name)
 */
static const u8 nm_mib_row[NM_MIB_NUM] = {
	[NM_MIB_GOOD_OCTETS_RX]	= NETA_MIB_GOOD_OCTETS_RECEIVED,
	[NM_MIB_BAD_OCTETS_RX]	= NETA_MIB_BAD_OCTETS_RECEIVED,
	[NM_MIB_GOOD_FRAMES_RX]	= NETA_MIB_GOOD_FRAMES_RECEIVED,
	[NM_MIB_BAD_FRAMES_RX]	= NETA_MIB_BAD_FRAMES_RECEIVED,
	[NM_MIB_BCAST_RX]	= NETA_MIB_BROADCAST_FRAMES_RECEIVED,
	[NM_MIB_MCAST_RX]	= NETA_MIB_MULTICAST_FRAMES_RECEIVED,
	[NM_MIB_FRAMES_64]	= NETA_MIB_FRAMES_64_OCTETS,
	[NM_MIB_FRAMES_65_127]	= NETA_MIB_FRAMES_65_TO_127_OCTETS,
	[NM_MIB_FRAMES_128_255]	= NETA_MIB_FRAMES_128_TO_255_OCTETS,
	[NM_MIB_FRAMES_256_511]	= NETA_MIB_FRAMES_256_TO_511_OCTETS,
	[NM_MIB_FRAMES_512_1023]	= NETA_MIB_FRAMES_512_TO_1023_OCTETS,
	[NM_MIB_FRAMES_1024_MAX]	= NETA_MIB_FRAMES_1024_TO_MAX_OCTETS,
	[NM_MIB_GOOD_OCTETS_TX]	= NETA_MIB_GOOD_OCTETS_SENT,
	[NM_MIB_GOOD_FRAMES_TX]	= NETA_MIB_GOOD_FRAMES_SENT,
	[NM_MIB_MCAST_TX]	= NETA_MIB_MULTICAST_FRAMES_SENT,
	[NM_MIB_BCAST_TX]	= NETA_MIB_BROADCAST_FRAMES_SENT,
	[NM_MIB_OVERSIZE_RX]	= NETA_MIB_OVERSIZE_RECEIVED,
	[NM_MIB_BAD_CRC]	= NETA_MIB_BAD_CRC_EVENT,
	[NM_MIB_RX_DISCARD]	= NETA_MIB_RX_DISCARD,
	[NM_MIB_RX_OVERRUN]	= NETA_MIB_RX_OVERRUN,
};

/**
 * nm_mib_counter() - register, width and name of a counter of the model
 * @c: enum nm_mib
 *
 * Return: its row of neta_mib_counters[].
 */
const struct neta_mib_counter *nm_mib_counter(unsigned int c)
{
	return &neta_mib_counters[nm_mib_row[c]];
}

/* Locally administered MAC of port n: 02:4e:45:54:41:n ("NETA") */
#define NM_MAC_HIGH	0x024e4554
#define NM_MAC_LOW	0x4100

/**
 * nm_mac_high() - MVNETA_MAC_ADDR_HIGH of a port
 * @p: port (lock held)
 *
 * Return: bytes 0..3 of the port's MAC address, byte 0 in bits 31..24.
 */
u32 nm_mac_high(const struct nm_port *p)
{
	return p->regs[MVNETA_MAC_ADDR_HIGH / 4];
}

/**
 * nm_mac_low() - MVNETA_MAC_ADDR_LOW of a port
 * @p: port (lock held)
 *
 * Return: bytes 4..5 of the port's MAC address in bits 15..0.
 */
u32 nm_mac_low(const struct nm_port *p)
{
	return p->regs[MVNETA_MAC_ADDR_LOW / 4];
}

/**
 * nm_mib_count() - add to a MIB counter
 * @p: port (lock held)
 * @c: counter
 * @n: amount
 */
void nm_mib_count(struct nm_port *p, enum nm_mib c, u64 n)
{
	p->mib[c] += n;
}

/**
 * nm_mib_size() - count a frame in the size histogram
 * @p:   port (lock held)
 * @len: frame length including the FCS
 */
void nm_mib_size(struct nm_port *p, unsigned int len)
{
	enum nm_mib c;

	if (len <= 64)
		c = NM_MIB_FRAMES_64;
	else if (len <= 127)
		c = NM_MIB_FRAMES_65_127;
	else if (len <= 255)
		c = NM_MIB_FRAMES_128_255;
	else if (len <= 511)
		c = NM_MIB_FRAMES_256_511;
	else if (len <= 1023)
		c = NM_MIB_FRAMES_512_1023;
	else
		c = NM_MIB_FRAMES_1024_MAX;
	p->mib[c]++;
}

/**
 * nm_port_reset_rx() - RX DMA reset: every RX queue back to empty
 * @p: port (lock held)
 */
void nm_port_reset_rx(struct nm_port *p)
{
	unsigned int q;

	for (q = 0; q < p->rxq_num; q++) {
		nm_given_clear(p, q);
		p->rxq[q].wp = 0;
		p->rxq[q].occ = 0;
		p->rxq[q].nonocc = 0;
	}
}

/**
 * nm_port_reset_tx() - TX DMA reset: every TX queue back to empty
 * @p: port (lock held)
 */
void nm_port_reset_tx(struct nm_port *p)
{
	unsigned int q;

	for (q = 0; q < p->txq_num; q++) {
		p->txq[q].rp = 0;
		p->txq[q].pending = 0;
		p->txq[q].sent = 0;
	}
}

/**
 * nm_port_power_on() - put a port in its power-on state
 * @p: port (lock held)
 *
 * Registers, queues and interrupt state go back to reset values, the MAC
 * address registers to the port's preset address. MIB totals, violations,
 * knobs and the generator are kept.
 */
void nm_port_power_on(struct nm_port *p)
{
	unsigned int q;

	memset(p->regs, 0, sizeof(p->regs));
	p->regs[MVNETA_MAC_ADDR_HIGH / 4] = NM_MAC_HIGH;
	p->regs[MVNETA_MAC_ADDR_LOW / 4] = NM_MAC_LOW | p->id;
	p->regs[MVNETA_PORT_STATUS / 4] = MVNETA_TX_FIFO_EMPTY;

	for (q = 0; q < NETA_MODEL_MAX_RXQ; q++) {
		u32 *snap = p->rxq[q].snap;
		struct nm_given *given = p->rxq[q].given;

		nm_given_clear(p, q);
		memset(&p->rxq[q], 0, sizeof(p->rxq[q]));
		p->rxq[q].snap = snap;
		p->rxq[q].given = given;
	}
	for (q = 0; q < NETA_MODEL_MAX_TXQ; q++) {
		u32 *snap = p->txq[q].snap;

		memset(&p->txq[q], 0, sizeof(p->txq[q]));
		p->txq[q].snap = snap;
	}
	p->rxq_en = 0;
	p->txq_en = 0;
	p->rx_reset = false;
	p->tx_reset = false;
	p->enabled = false;
	p->new_mask = 0;
	p->misc_cause = 0;
	p->misc_mask = 0;
	memcpy(p->mib_read, p->mib, sizeof(p->mib_read));
	memset(p->mib_hi, 0, sizeof(p->mib_hi));
}

/* Clear-on-read MIB counters; 64-bit ones latch their high word */
static u32 nm_mib_read(struct nm_port *p, u32 off)
{
	unsigned int c;
	u64 delta;

	for (c = 0; c < NM_MIB_NUM; c++) {
		u32 o = nm_mib_counter(c)->offset;
		bool wide = nm_mib_counter(c)->wide;

		if (wide && off == o + 4) {
			u32 hi = p->mib_hi[c];

			p->mib_hi[c] = 0;
			return hi;
		}
		if (off != o)
			continue;
		delta = p->mib[c] - p->mib_read[c];
		p->mib_read[c] = p->mib[c];
		if (wide)
			p->mib_hi[c] = upper_32_bits(delta);
		return lower_32_bits(delta);
	}
	return 0;
}

static u32 nm_gmac_status(struct nm_port *p)
{
	if (!p->enabled)
		return 0;
	return MVNETA_GMAC_LINK_UP | MVNETA_GMAC_SPEED_1000 |
	       MVNETA_GMAC_FULL_DUPLEX | MVNETA_GMAC_AN_COMPLETE |
	       MVNETA_GMAC_SYNC_OK;
}

static bool nm_w_rxq_base(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	struct nm_rxq *rxq = &p->rxq[q];

	if (p->rxq_en & BIT(q))
		nm_violation(p, NM_VIOL_STATE,
			     "rxq %u base written while the queue is enabled", q);
	if (val & (MVNETA_DESC_ALIGNED_SIZE - 1))
		nm_violation(p, NM_VIOL_ADDR,
			     "rxq %u ring base %#x not 32-byte aligned", q, val);
	rxq->base = val;
	nm_given_clear(p, q);
	rxq->wp = 0;
	rxq->occ = 0;
	rxq->nonocc = 0;
	return true;
}

static bool nm_w_rxq_size(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	struct nm_rxq *rxq = &p->rxq[q];
	u32 size = val & MVNETA_RXQ_DESC_NUM_MASK;

	rxq->size_reg = val;
	rxq->buf_size = ((val & MVNETA_RXQ_BUF_SIZE_MASK) >>
			 MVNETA_RXQ_BUF_SIZE_SHIFT) << 3;
	if (size == rxq->size)
		return true;
	if (rxq->occ || rxq->nonocc || (p->rxq_en & BIT(q)))
		nm_violation(p, NM_VIOL_STATE,
			     "rxq %u resized to %u while in use (occupied %u, free %u)",
			     q, size, rxq->occ, rxq->nonocc);
	rxq->size = size;
	nm_given_clear(p, q);
	rxq->wp = 0;
	rxq->occ = 0;
	rxq->nonocc = 0;
	return true;
}

static bool nm_w_txq_base(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	struct nm_txq *txq = &p->txq[q];

	if (p->txq_en & BIT(q))
		nm_violation(p, NM_VIOL_STATE,
			     "txq %u base written while the queue is enabled", q);
	if (val & (MVNETA_DESC_ALIGNED_SIZE - 1))
		nm_violation(p, NM_VIOL_ADDR,
			     "txq %u ring base %#x not 32-byte aligned", q, val);
	txq->base = val;
	txq->rp = 0;
	txq->pending = 0;
	txq->sent = 0;
	return true;
}

static bool nm_w_txq_size(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	struct nm_txq *txq = &p->txq[q];
	u32 size = val & MVNETA_TXQ_DESC_NUM_MASK;

	txq->size_reg = val;
	txq->thresh = (val & MVNETA_TXQ_SENT_THRESH_ALL_MASK) >> 16;
	if (size == txq->size)
		return true;
	if (txq->pending || txq->sent || (p->txq_en & BIT(q)))
		nm_violation(p, NM_VIOL_STATE,
			     "txq %u resized to %u while in use (pending %u, sent %u)",
			     q, size, txq->pending, txq->sent);
	txq->size = size;
	txq->rp = 0;
	txq->pending = 0;
	txq->sent = 0;
	return true;
}

/* MVNETA_RXQ_CMD / MVNETA_TXQ_CMD: enable bits 0..7, disable bits 8..15 */
static u32 nm_queue_cmd(struct nm_port *p, const char *dir, u32 en,
			u32 val, unsigned int num)
{
	u32 on = val & 0xff, off = (val >> 8) & 0xff;

	if (on & ~GENMASK(num - 1, 0))
		nm_violation(p, NM_VIOL_STATE,
			     "%s enable %#x names queues the port lacks (%u)",
			     dir, on, num);
	on &= GENMASK(num - 1, 0);
	return (en | on) & ~off;
}

/* Read handlers: the register's value computed from the port's state */

static u32 nm_r_mib(struct nm_port *p, u32 off, unsigned int q)
{
	return nm_mib_read(p, off);
}

static u32 nm_r_zero(struct nm_port *p, u32 off, unsigned int q)
{
	return 0;
}

/* occupied and free descriptor counts of an RX queue */
static u32 nm_r_rxq_status(struct nm_port *p, u32 off, unsigned int q)
{
	if (p->rxq[q].size && nm_fault(p, NM_FAULT_RX_OCC_LIE)) {
		nm_rxq_all_used(p, q);
		return MVNETA_RXQ_OCCUPIED_ALL_MASK;
	}
	if (p->rxq[q].size && p->rxq[q].base &&
	    nm_fault(p, NM_FAULT_OWN_WRITE))
		return nm_rxq_own_write(p, q);
	return p->rxq[q].occ |
	       (p->rxq[q].nonocc << MVNETA_RXQ_NON_OCCUPIED_SHIFT);
}

/* pending and sent descriptor counts of a TX queue */
static u32 nm_r_txq_status(struct nm_port *p, u32 off, unsigned int q)
{
	if (p->txq[q].size && nm_fault(p, NM_FAULT_TX_SENT_LIE))
		return p->txq[q].pending | MVNETA_TXQ_SENT_DESC_MASK;
	return p->txq[q].pending |
	       (p->txq[q].sent << MVNETA_TXQ_SENT_DESC_SHIFT);
}

static u32 nm_r_new_cause(struct nm_port *p, u32 off, unsigned int q)
{
	u32 cause = nm_cause(p, ktime_get_ns());

	/* the spurious cause bits hold until read */
	nm_fault(p, NM_FAULT_SPURIOUS_IRQ);
	return cause;
}

static u32 nm_r_new_mask(struct nm_port *p, u32 off, unsigned int q)
{
	return p->new_mask;
}

static u32 nm_r_misc_cause(struct nm_port *p, u32 off, unsigned int q)
{
	return p->misc_cause;
}

static u32 nm_r_misc_mask(struct nm_port *p, u32 off, unsigned int q)
{
	return p->misc_mask;
}

static u32 nm_r_rxq_cmd(struct nm_port *p, u32 off, unsigned int q)
{
	return p->rxq_en;
}

static u32 nm_r_txq_cmd(struct nm_port *p, u32 off, unsigned int q)
{
	return p->txq_en;
}

static u32 nm_r_gmac_status(struct nm_port *p, u32 off, unsigned int q)
{
	if (p->link_down)
		return 0;
	if (p->fault[NM_FAULT_LINK_FLAP]) {
		bool down = p->fault[NM_FAULT_LINK_FLAP] & 1;

		nm_fault(p, NM_FAULT_LINK_FLAP);
		/* the driver reads again after the next change */
		p->misc_cause |= MVNETA_CAUSE_LINK_CHANGE;
		if (down)
			return 0;
	}
	return nm_gmac_status(p);
}

/*
 * Write handlers: return true when the DMA engine has new work. A register
 * whose table row has NM_REG_STORE already holds @val when they run.
 */

static bool nm_w_ignore(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	/* queue summary bits follow the queue state: nothing to clear */
	return false;
}

static bool nm_w_new_mask(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->new_mask = val;
	return false;
}

static bool nm_w_misc_cause(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->misc_cause &= val;
	return false;
}

static bool nm_w_misc_mask(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->misc_mask = val;
	return false;
}

static bool nm_w_rxq_cmd(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->rxq_en = nm_queue_cmd(p, "rxq", p->rxq_en, val, p->rxq_num);
	return true;
}

static bool nm_w_txq_cmd(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->txq_en = nm_queue_cmd(p, "txq", p->txq_en, val, p->txq_num);
	return true;
}

static bool nm_w_rx_reset(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->rx_reset = val & MVNETA_PORT_RX_DMA_RESET;
	if (p->rx_reset)
		nm_port_reset_rx(p);
	return false;
}

static bool nm_w_tx_reset(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->tx_reset = val & MVNETA_PORT_TX_DMA_RESET;
	if (p->tx_reset)
		nm_port_reset_tx(p);
	return false;
}

static bool nm_w_gmac_ctrl0(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	bool was = p->enabled;

	p->enabled = val & MVNETA_GMAC0_PORT_ENABLE;
	if (was != p->enabled)
		p->misc_cause |= MVNETA_CAUSE_LINK_CHANGE;
	return true;
}

static bool nm_w_rxq_config(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->rxq[q].config = val;
	p->rxq[q].pkt_offset = ((val & MVNETA_RXQ_PKT_OFFSET_ALL_MASK) >>
				MVNETA_RXQ_PKT_OFFSET_SHIFT) << 3;
	if (val & MVNETA_RXQ_HW_BUF_ALLOC)
		nm_violation(p, NM_VIOL_STATE,
			     "rxq %u: hardware buffer manager not modelled", q);
	return true;
}

static bool nm_w_rxq_thresh(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->rxq[q].thresh = val & MVNETA_RXQ_OCCUPIED_ALL_MASK;
	return true;
}

static bool nm_w_rxq_coal(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->rxq[q].time_coal = val;
	return true;
}

/* RX doorbell: descriptors processed by the driver, descriptors refilled */
static bool nm_w_rxq_update(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->regs[off / 4] = 0;
	nm_rxq_done(p, q, val & MVNETA_RXQ_ADD_OCCUPIED_MASK);
	nm_rxq_give(p, q, (val >> MVNETA_RXQ_ADD_NON_OCCUPIED_SHIFT) &
			  MVNETA_RXQ_ADD_NON_OCCUPIED_MAX);
	return true;
}

/* TX doorbell: sent descriptors released, new descriptors pending */
static bool nm_w_txq_update(struct nm_port *p, u32 off, unsigned int q, u32 val)
{
	p->regs[off / 4] = 0;
	nm_txq_release(p, q, (val >> MVNETA_TXQ_DEC_SENT_SHIFT) &
			     MVNETA_TXQ_DEC_SENT_MASK);
	nm_txq_add(p, q, val & MVNETA_TXQ_ADD_PENDING_MASK);
	return true;
}

/* What a register row of the table is */
enum nm_reg_kind {
	NM_REG_PORT,	/* one register (or a span of port registers) */
	NM_REG_RXQ,	/* one per RX queue, 4 bytes apart */
	NM_REG_TXQ,	/* one per TX queue, 4 bytes apart */
};

#define NM_REG_RO	BIT(0)	/* a write is a violation */
#define NM_REG_STORE	BIT(1)	/* a write is stored before its handler runs */
#define NM_REG_DOORBELL	BIT(2)	/* a write makes the device act */

/**
 * struct nm_reg - how one register (or a span of them) behaves
 * @first: its offset (of queue 0's for a per-queue register)
 * @count: 32-bit registers in the span (8 for a per-queue register)
 * @kind:  port or per-queue register (&enum nm_reg_kind)
 * @flags: NM_REG_RO, NM_REG_STORE, NM_REG_DOORBELL
 * @read:  computes the value; NULL: the value last written
 * @write: acts on a write; NULL: the value is only stored
 *
 * Offsets in no row are plain storage. A per-queue register of a queue
 * the port lacks is plain storage too, and reads 0 where it is computed.
 */
struct nm_reg {
	u32 first;
	u32 count;
	enum nm_reg_kind kind;
	unsigned int flags;
	u32 (*read)(struct nm_port *p, u32 off, unsigned int q);
	bool (*write)(struct nm_port *p, u32 off, unsigned int q, u32 val);
};

#define NM_PORT_REG(o, f, r, w)	{ (o), 1, NM_REG_PORT, (f), (r), (w) }
#define NM_RXQ_REG(m, f, r, w)	{ m(0), 8, NM_REG_RXQ, (f), (r), (w) }
#define NM_TXQ_REG(m, f, r, w)	{ m(0), 8, NM_REG_TXQ, (f), (r), (w) }

static const struct nm_reg nm_regs[] = {
	/* clear-on-read statistics */
	{ MVNETA_MIB_COUNTERS_BASE, MVNETA_MIB_LATE_COLLISION / 4 + 1,
	  NM_REG_PORT, NM_REG_RO, nm_r_mib, NULL },
	NM_PORT_REG(MVNETA_RX_DISCARD_FRAME_COUNT, NM_REG_RO, nm_r_mib, NULL),
	NM_PORT_REG(MVNETA_OVERRUN_FRAME_COUNT, NM_REG_RO, nm_r_mib, NULL),
	/* port status, interrupts, queue enables, resets */
	NM_PORT_REG(MVNETA_GMAC_STATUS, NM_REG_RO, nm_r_gmac_status, NULL),
	NM_PORT_REG(MVNETA_PORT_STATUS, NM_REG_RO, NULL, NULL),
	NM_PORT_REG(MVNETA_GMAC_CTRL_0, NM_REG_STORE | NM_REG_DOORBELL,
		    NULL, nm_w_gmac_ctrl0),
	NM_PORT_REG(MVNETA_INTR_NEW_CAUSE, 0, nm_r_new_cause, nm_w_ignore),
	NM_PORT_REG(MVNETA_INTR_NEW_MASK, 0, nm_r_new_mask, nm_w_new_mask),
	NM_PORT_REG(MVNETA_INTR_MISC_CAUSE, 0, nm_r_misc_cause, nm_w_misc_cause),
	NM_PORT_REG(MVNETA_INTR_MISC_MASK, 0, nm_r_misc_mask, nm_w_misc_mask),
	NM_PORT_REG(MVNETA_RXQ_CMD, NM_REG_DOORBELL, nm_r_rxq_cmd, nm_w_rxq_cmd),
	NM_PORT_REG(MVNETA_TXQ_CMD, NM_REG_DOORBELL, nm_r_txq_cmd, nm_w_txq_cmd),
	NM_PORT_REG(MVNETA_PORT_RX_RESET, NM_REG_STORE, NULL, nm_w_rx_reset),
	NM_PORT_REG(MVNETA_PORT_TX_RESET, NM_REG_STORE, NULL, nm_w_tx_reset),
	/* RX queues */
	NM_RXQ_REG(MVNETA_RXQ_STATUS_REG, NM_REG_RO, nm_r_rxq_status, NULL),
	NM_RXQ_REG(MVNETA_RXQ_CONFIG_REG, NM_REG_STORE, NULL, nm_w_rxq_config),
	NM_RXQ_REG(MVNETA_RXQ_BASE_ADDR_REG, NM_REG_STORE, NULL, nm_w_rxq_base),
	NM_RXQ_REG(MVNETA_RXQ_SIZE_REG, NM_REG_STORE, NULL, nm_w_rxq_size),
	NM_RXQ_REG(MVNETA_RXQ_THRESHOLD_REG, NM_REG_STORE, NULL, nm_w_rxq_thresh),
	NM_RXQ_REG(MVNETA_RXQ_TIME_COAL_REG, NM_REG_STORE, NULL, nm_w_rxq_coal),
	NM_RXQ_REG(MVNETA_RXQ_STATUS_UPDATE_REG, NM_REG_STORE | NM_REG_DOORBELL,
		   nm_r_zero, nm_w_rxq_update),
	/* TX queues */
	NM_TXQ_REG(MVNETA_TXQ_STATUS_REG, NM_REG_RO, nm_r_txq_status, NULL),
	NM_TXQ_REG(MVNETA_TXQ_BASE_ADDR_REG, NM_REG_STORE, NULL, nm_w_txq_base),
	NM_TXQ_REG(MVNETA_TXQ_SIZE_REG, NM_REG_STORE, NULL, nm_w_txq_size),
	NM_TXQ_REG(MVNETA_TXQ_UPDATE_REG, NM_REG_STORE | NM_REG_DOORBELL,
		   nm_r_zero, nm_w_txq_update),
};

/* the row of @off and, for a per-queue register, its queue in @q */
static const struct nm_reg *nm_reg_find(u32 off, unsigned int *q)
{
	const struct nm_reg *r;

	for (r = nm_regs; r < nm_regs + ARRAY_SIZE(nm_regs); r++) {
		if (off < r->first || off >= r->first + 4 * r->count)
			continue;
		*q = r->kind == NM_REG_PORT ? 0 : (off - r->first) / 4;
		return r;
	}
	return NULL;
}

/* does the port have the queue a per-queue register @r names? */
static bool nm_reg_queue_exists(const struct nm_port *p,
				const struct nm_reg *r, unsigned int q)
{
	switch (r->kind) {
	case NM_REG_RXQ:
		return q < p->rxq_num;
	case NM_REG_TXQ:
		return q < p->txq_num;
	default:
		return true;
	}
}

/**
 * nm_reg_read() - read a register of a port
 * @p:      port (lock held)
 * @offset: byte offset in the register window
 *
 * Return: the register value.
 */
u32 nm_reg_read(struct nm_port *p, u32 offset)
{
	const struct nm_reg *r;
	unsigned int q;

	if (offset >= NM_REG_WINDOW || (offset & 3)) {
		nm_violation(p, NM_VIOL_REG, "read of bad offset %#x", offset);
		return 0;
	}
	r = nm_reg_find(offset, &q);
	if (!r || !r->read)
		return p->regs[offset / 4];
	if (!nm_reg_queue_exists(p, r, q))
		return 0;
	return r->read(p, offset, q);
}

/**
 * nm_reg_write() - write a register of a port
 * @p:      port (lock held)
 * @offset: byte offset in the register window
 * @val:    value
 *
 * Return: true when the DMA engine has new work (doorbell, enable).
 */
bool nm_reg_write(struct nm_port *p, u32 offset, u32 val)
{
	const struct nm_reg *r;
	unsigned int q;

	if (offset >= NM_REG_WINDOW || (offset & 3)) {
		nm_violation(p, NM_VIOL_REG, "write %#x to bad offset %#x",
			     val, offset);
		return false;
	}
	r = nm_reg_find(offset, &q);
	if (!r) {
		p->regs[offset / 4] = val;
		return false;
	}
	if (r->flags & NM_REG_RO) {
		nm_violation(p, NM_VIOL_RO,
			     "write %#x to read-only register %#x", val, offset);
		return false;
	}
	if (!nm_reg_queue_exists(p, r, q)) {
		/* queues the port lacks: plain storage, doorbells refused */
		p->regs[offset / 4] = val;
		if (r->flags & NM_REG_DOORBELL)
			nm_violation(p, NM_VIOL_STATE,
				     "doorbell %#x of a queue the port lacks",
				     offset);
		return true;
	}
	if (r->flags & NM_REG_STORE)
		p->regs[offset / 4] = val;
	if (!r->write)
		return false;
	return r->write(p, offset, q, val);
}

static u32 nm_op_read(void *hw, u32 offset)
{
	struct nm_port *p = hw;
	unsigned long flags;
	u32 val;

	spin_lock_irqsave(&p->lock, flags);
	val = nm_reg_read(p, offset);
	spin_unlock_irqrestore(&p->lock, flags);
	return val;
}

static void nm_op_write(void *hw, u32 offset, u32 val)
{
	struct nm_port *p = hw;
	unsigned long flags;
	bool kick;

	spin_lock_irqsave(&p->lock, flags);
	kick = nm_reg_write(p, offset, val);
	spin_unlock_irqrestore(&p->lock, flags);
	nm_irq_update(p);
	if (kick)
		nm_engine_kick(p->model);
}

/* The accessors the driver finds in struct neta_model_pdata */
const struct neta_model_ops nm_ops = {
	.read	= nm_op_read,
	.write	= nm_op_write,
};
