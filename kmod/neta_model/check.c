// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: the checker's violation counters and log.
 */
#include <linux/device.h>
#include <linux/hash.h>
#include <linux/list.h>

#include "nm.h"

/* debugfs names of enum nm_viol (viol_<name>) */
const char * const nm_viol_name[NM_VIOL_NUM] = {
	[NM_VIOL_OWN]	= "own",
	[NM_VIOL_ADDR]	= "addr",
	[NM_VIOL_RING]	= "ring",
	[NM_VIOL_BUF]	= "buf",
	[NM_VIOL_RO]	= "ro",
	[NM_VIOL_REG]	= "reg",
	[NM_VIOL_DESC]	= "desc",
	[NM_VIOL_STATE]	= "state",
};

/**
 * nm_violation() - count a violation and log it
 * @p:    port
 * @kind: kind of violation
 * @fmt:  message format
 *
 * Callable in any context, with or without the port lock.
 */
void nm_violation(struct nm_port *p, enum nm_viol kind, const char *fmt, ...)
{
	char msg[sizeof(p->log[0])];
	unsigned long flags;
	va_list ap;

	atomic64_inc(&p->viol[kind]);

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	spin_lock_irqsave(&p->log_lock, flags);
	scnprintf(p->log[p->log_head], sizeof(p->log[0]), "%s: %s",
		  nm_viol_name[kind], msg);
	p->log_head = (p->log_head + 1) % ARRAY_SIZE(p->log);
	spin_unlock_irqrestore(&p->log_lock, flags);

	if (p->pdev)
		dev_warn_ratelimited(&p->pdev->dev, "violation (%s): %s\n",
				     nm_viol_name[kind], msg);
}

/**
 * nm_check_rx_write() - may the device write these bytes of an RX buffer?
 * @p:    port
 * @rxq:  queue (buf_size and pkt_offset as the driver set them)
 * @idx:  descriptor, for the message
 * @off:  first byte written, from the descriptor's buf_phys_addr
 * @len:  bytes written
 *
 * The driver gives the device buffers of the size it set in
 * MVNETA_RXQ_SIZE_REG; two buffers may share a page (fragment mode), so a
 * byte past that size may be another buffer's, or the skb_shared_info
 * tailroom. Such a write is a violation (buf) and must not be made.
 *
 * Return: true when [@off, @off + @len) lies within the buffer.
 */
bool nm_check_rx_write(struct nm_port *p, const struct nm_rxq *rxq,
		       unsigned int idx, u32 off, u32 len)
{
	if ((u64)off + len <= rxq->buf_size)
		return true;
	nm_violation(p, NM_VIOL_BUF,
		     "rxq %u desc %u: device write [%u, %u) past the buffer size %u",
		     (unsigned int)(rxq - p->rxq), idx, off, off + len,
		     rxq->buf_size);
	return false;
}

/*
 * RX buffers the device owns. The model cannot see which DMA mappings a
 * driver made (page pool pages, an XSK pool's umem): an address is checked
 * for RAM and a page in use (dma.c). What it can see is one buffer in two
 * descriptors it owns at once, on any RX queue of the port: two frames
 * would land in one buffer, the second while the driver already holds it
 * (a page pool page recycled twice, a umem frame given to the fill ring
 * twice or refilled from a stale address). Each descriptor handed over
 * enters a hash table of the port by its buffer address and leaves it when
 * the device writes the descriptor back or the ring is reset.
 */

static struct hlist_head *nm_given_head(struct nm_port *p, u32 addr)
{
	return &p->given_ht[hash_32(addr, NM_GIVEN_BITS)];
}

/**
 * nm_given_add() - the driver hands descriptor @idx of RX queue @q over
 * @p:    port (lock held)
 * @q:    RX queue
 * @idx:  descriptor
 * @addr: its buffer DMA address
 *
 * A buffer another descriptor the device owns already has is a violation
 * (addr); the device then writes nothing into it (nm_given_twice()).
 */
void nm_given_add(struct nm_port *p, unsigned int q, u32 idx, u32 addr)
{
	struct nm_given *g = &p->rxq[q].given[idx], *o;
	struct hlist_head *h = nm_given_head(p, addr);
	unsigned int oq;

	hlist_del_init(&g->node);
	g->addr = addr;
	g->twice = false;
	hlist_for_each_entry(o, h, node) {
		if (o->addr != addr)
			continue;
		for (oq = 0; oq < p->rxq_num; oq++)
			if (o >= p->rxq[oq].given && o < p->rxq[oq].given + NM_RING_MAX)
				break;
		g->twice = true;
		nm_violation(p, NM_VIOL_ADDR,
			     "rxq %u desc %u: buffer %#x handed to the device twice (rxq %u desc %u has it)",
			     q, idx, addr, oq,
			     oq < p->rxq_num ? (unsigned int)(o - p->rxq[oq].given) : 0);
		break;
	}
	hlist_add_head(&g->node, h);
}

/**
 * nm_given_del() - the device gives descriptor @idx of RX queue @q back
 * @p:   port (lock held)
 * @q:   RX queue
 * @idx: descriptor
 */
void nm_given_del(struct nm_port *p, unsigned int q, u32 idx)
{
	hlist_del_init(&p->rxq[q].given[idx].node);
}

/**
 * nm_given_clear() - RX queue @q reset: the device owns none of its buffers
 * @p: port (lock held)
 * @q: RX queue
 */
void nm_given_clear(struct nm_port *p, unsigned int q)
{
	u32 i;

	/* queues past the port's rxq_num have none */
	if (!p->rxq[q].given)
		return;
	for (i = 0; i < NM_RING_MAX; i++)
		hlist_del_init(&p->rxq[q].given[i].node);
}

/**
 * nm_violations() - total of a port's violation counters
 * @p: port
 *
 * Return: the sum over every kind.
 */
u64 nm_violations(struct nm_port *p)
{
	u64 sum = 0;
	unsigned int k;

	for (k = 0; k < NM_VIOL_NUM; k++)
		sum += atomic64_read(&p->viol[k]);
	return sum;
}

/**
 * nm_violations_reset() - clear a port's violation counters and log
 * @p: port
 */
void nm_violations_reset(struct nm_port *p)
{
	unsigned long flags;
	unsigned int k;

	for (k = 0; k < NM_VIOL_NUM; k++)
		atomic64_set(&p->viol[k], 0);
	spin_lock_irqsave(&p->log_lock, flags);
	memset(p->log, 0, sizeof(p->log));
	p->log_head = 0;
	spin_unlock_irqrestore(&p->log_lock, flags);
}
