// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: the TX DMA engine.
 *
 * Pending descriptors are read in ring order; FIRST..LAST make one frame,
 * gathered through each descriptor's buf_phys_addr/data_size. Checksums are
 * generated as the FIRST descriptor's command asks, short frames padded to
 * 60 bytes, and the frame goes to the peer port's RX. Sent descriptors stay
 * counted in MVNETA_TXQ_STATUS_REG until the driver releases them. The
 * device writes nothing back into TX descriptors.
 */
#include <linux/etherdevice.h>

#include "nm.h"

static void nm_tx_mib(struct nm_port *p, const u8 *frame, unsigned int len)
{
	unsigned int wire = len + ETH_FCS_LEN;

	nm_mib_count(p, NM_MIB_GOOD_FRAMES_TX, 1);
	nm_mib_count(p, NM_MIB_GOOD_OCTETS_TX, wire);
	if (is_broadcast_ether_addr(frame))
		nm_mib_count(p, NM_MIB_BCAST_TX, 1);
	else if (is_multicast_ether_addr(frame))
		nm_mib_count(p, NM_MIB_MCAST_TX, 1);
	nm_mib_size(p, wire);
}

/*
 * Gather the next frame of @txq into @frame (lock held). Returns the number
 * of descriptors it used (0: the frame is not complete yet) and sets *len
 * (0 when the frame is malformed and must be dropped).
 */
static u32 nm_tx_gather(struct nm_port *p, struct nm_txq *txq, u8 *frame,
			unsigned int *len, u32 *cmd0)
{
	unsigned int q = txq - p->txq;
	struct mvneta_tx_desc *ring;
	u32 used, idx = txq->rp;
	bool ok = true;

	*len = 0;
	ring = nm_dma_ring(p, txq->base, txq->size, "tx ring");
	if (!ring)
		return txq->pending;	/* drop everything pending */

	for (used = 0; used < txq->pending; used++) {
		struct mvneta_tx_desc *d = ring + idx;
		u32 cmd = le32_to_cpu(READ_ONCE(d->command));
		u32 size = le16_to_cpu(READ_ONCE(d->data_size));
		u32 addr = le32_to_cpu(READ_ONCE(d->buf_phys_addr));
		void *buf;

		if (nm_desc_hash(d) != txq->snap[idx])
			nm_violation(p, NM_VIOL_OWN,
				     "txq %u desc %u written by the driver while owned by the device",
				     q, idx);
		if (!used) {
			*cmd0 = cmd;
			if (!(cmd & MVNETA_TXD_F_DESC)) {
				nm_violation(p, NM_VIOL_DESC,
					     "txq %u desc %u: frame without FIRST",
					     q, idx);
				ok = false;
			}
		} else if (cmd & MVNETA_TXD_F_DESC) {
			nm_violation(p, NM_VIOL_DESC,
				     "txq %u desc %u: FIRST before the previous frame's LAST",
				     q, idx);
			*len = 0;
			return used;
		}

		if (!size) {
			nm_violation(p, NM_VIOL_DESC,
				     "txq %u desc %u: data_size 0", q, idx);
			ok = false;
		} else if (*len + size > NM_FRAME_MAX) {
			nm_violation(p, NM_VIOL_BUF,
				     "txq %u desc %u: frame longer than %u bytes",
				     q, idx, NM_FRAME_MAX);
			ok = false;
		} else if (ok) {
			buf = nm_dma_buf(p, addr, size, "tx buffer");
			if (buf) {
				memcpy(frame + *len, buf, size);
				*len += size;
			} else {
				ok = false;
			}
		}

		idx = idx + 1 == txq->size ? 0 : idx + 1;
		if (cmd & MVNETA_TXD_L_DESC) {
			if (!ok)
				*len = 0;
			return used + 1;
		}
	}

	/* No LAST yet: wait for the rest, unless the ring cannot hold it */
	if (txq->pending + txq->sent < txq->size)
		return 0;
	nm_violation(p, NM_VIOL_DESC, "txq %u: ring full of a frame without LAST",
		     q);
	*len = 0;
	return txq->pending;
}

/**
 * nm_tx_step() - transmit what a port's TX queues hold
 * @p:     port
 * @frame: engine buffer of NM_FRAME_MAX bytes
 *
 * Up to NM_BUDGET frames per queue; each goes to the peer port's RX.
 *
 * Return: frames handled.
 */
int nm_tx_step(struct nm_port *p, u8 *frame)
{
	unsigned long flags;
	unsigned int q, len;
	int done = 0, n;
	u32 used, cmd0;

	spin_lock_irqsave(&p->lock, flags);
	for (q = 0; q < p->txq_num; q++) {
		struct nm_txq *txq = &p->txq[q];

		for (n = 0; n < NM_BUDGET; n++) {
			if (!p->enabled || p->tx_reset ||
			    !(p->txq_en & BIT(q)) || !txq->pending)
				break;
			cmd0 = 0;
			used = nm_tx_gather(p, txq, frame, &len, &cmd0);
			if (!used)
				break;
			txq->pending -= used;
			txq->sent += used;
			txq->rp = (txq->rp + used) % txq->size;
			done++;
			if (!len)
				continue;

			nm_tx_csum(frame, len, cmd0);
			if (len < NM_FRAME_MIN) {
				memset(frame + len, 0, NM_FRAME_MIN - len);
				len = NM_FRAME_MIN;
			}
			nm_tx_mib(p, frame, len);

			spin_unlock_irqrestore(&p->lock, flags);
			nm_rx_frame(nm_peer(p), frame, len);
			spin_lock_irqsave(&p->lock, flags);
		}
	}
	spin_unlock_irqrestore(&p->lock, flags);
	return done;
}

/**
 * nm_txq_add() - the driver hands @n filled descriptors to the device
 * @p: port (lock held)
 * @q: TX queue
 * @n: descriptors (MVNETA_TXQ_UPDATE_REG bits 0..7)
 */
void nm_txq_add(struct nm_port *p, unsigned int q, u32 n)
{
	struct nm_txq *txq = &p->txq[q];
	struct mvneta_tx_desc *ring;
	u32 i, idx;

	if (!n)
		return;
	if (!txq->size || !txq->base) {
		nm_violation(p, NM_VIOL_STATE,
			     "txq %u: %u descriptors added to an unconfigured ring",
			     q, n);
		return;
	}
	if (txq->pending + txq->sent + n > txq->size) {
		nm_violation(p, NM_VIOL_RING,
			     "txq %u: %u descriptors added, pending %u + sent %u, ring of %u",
			     q, n, txq->pending, txq->sent, txq->size);
		n = txq->size - txq->pending - txq->sent;
	}
	ring = nm_dma_ring(p, txq->base, txq->size, "tx ring");
	if (!ring)
		return;
	idx = (txq->rp + txq->pending) % txq->size;
	for (i = 0; i < n; i++) {
		txq->snap[idx] = nm_desc_hash(ring + idx);
		idx = idx + 1 == txq->size ? 0 : idx + 1;
	}
	txq->pending += n;
}

/**
 * nm_txq_release() - the driver releases @n sent descriptors
 * @p: port (lock held)
 * @q: TX queue
 * @n: descriptors (MVNETA_TXQ_UPDATE_REG bits 16..23)
 */
void nm_txq_release(struct nm_port *p, unsigned int q, u32 n)
{
	struct nm_txq *txq = &p->txq[q];

	if (!n)
		return;
	if (n > txq->sent) {
		nm_violation(p, NM_VIOL_RING,
			     "txq %u: %u descriptors released, only %u sent",
			     q, n, txq->sent);
		n = txq->sent;
	}
	txq->sent -= n;
}
