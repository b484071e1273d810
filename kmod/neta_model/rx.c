// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: the RX DMA engine.
 *
 * A frame from the wire (the peer's TX or the generator) is written in ring
 * order into the buffers of the descriptors the driver handed over:
 * MVNETA_MH_SIZE zero bytes, the frame, the 4-byte FCS, starting at
 * buf_phys_addr + packet offset, at most (buffer size - packet offset) bytes
 * per buffer. The FIRST descriptor's data_size is the whole frame (MH +
 * frame + FCS), the others' the bytes of their own buffer.
 */
#include <linux/dma-direct.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>

#include "nm.h"

/*
 * The RX queue of a frame, as NETA picks it from the fields upstream mvneta
 * programs: a VLAN-tagged frame by its priority (MVNETA_VLAN_PRIO_TO_RXQ,
 * 3 bits per PCP, what mvneta's mqprio offload writes; 0 after reset, so
 * queue 0), every other frame by MVNETA_DEF_RXQ of MVNETA_PORT_CONFIG.
 * The per-class queues of MVNETA_PORT_CONFIG (ARP, TCP, UDP, BPDU) are not
 * modelled: mvneta sets them all to the default queue. Neither mechanism
 * spreads one class of traffic over queues; rx_hash, a test convenience
 * the silicon lacks, does, as RSS would: an enabled queue by flow hash.
 */
static unsigned int nm_rx_queue(struct nm_port *p, const u8 *frame,
				unsigned int len)
{
	u32 q = (p->regs[MVNETA_PORT_CONFIG / 4] >> 1) & 7;
	unsigned int n = hweight32(p->rxq_en), pick;

	if (p->rx_hash && n >= 2) {
		pick = nm_flow_hash(frame, len) % n;
		for (q = 0; q < p->rxq_num; q++) {
			if (!(p->rxq_en & BIT(q)))
				continue;
			if (!pick--)
				return q;
		}
	}
	if (len >= ETH_HLEN + VLAN_HLEN &&
	    get_unaligned((const __be16 *)(frame + 12)) == htons(ETH_P_8021Q))
		q = (p->regs[MVNETA_VLAN_PRIO_TO_RXQ / 4] >>
		     (frame[14] >> 5) * 3) & 7;
	return q;
}

static u32 nm_rx_cap(const struct nm_rxq *rxq)
{
	return rxq->buf_size > rxq->pkt_offset ?
	       rxq->buf_size - rxq->pkt_offset : 0;
}

static bool nm_rxq_usable(struct nm_port *p, unsigned int q)
{
	return p->enabled && !p->rx_reset && q < p->rxq_num &&
	       (p->rxq_en & BIT(q)) && p->rxq[q].size && p->rxq[q].base &&
	       nm_rx_cap(&p->rxq[q]);
}

/**
 * nm_rx_space() - can a port take a frame now?
 * @p:     port (lock held)
 * @frame: the frame (picks the queue)
 * @len:   frame length without FCS
 *
 * Return: 1 when the queue has room, 0 when it is usable but full (the
 * driver will return descriptors), -1 when it cannot take frames at all.
 */
int nm_rx_space(struct nm_port *p, const u8 *frame, unsigned int len)
{
	unsigned int q = nm_rx_queue(p, frame, len);
	struct nm_rxq *rxq = &p->rxq[q];

	if (!nm_rxq_usable(p, q))
		return -1;
	return rxq->nonocc >= DIV_ROUND_UP(MVNETA_MH_SIZE + len + ETH_FCS_LEN,
					   nm_rx_cap(rxq));
}

/* Byte @i of the wire image: MH, frame, FCS (little endian) */
static void nm_rx_copy(u8 *dst, u32 from, u32 n, const u8 *frame,
		       unsigned int len, const u8 *fcs)
{
	u32 i;

	for (i = from; i < from + n && i < MVNETA_MH_SIZE; i++)
		*dst++ = 0;
	if (i < MVNETA_MH_SIZE + len && i < from + n) {
		u32 k = min(from + n, MVNETA_MH_SIZE + len) - i;

		memcpy(dst, frame + i - MVNETA_MH_SIZE, k);
		dst += k;
		i += k;
	}
	for (; i < from + n; i++)
		*dst++ = fcs[i - MVNETA_MH_SIZE - len];
}

static void nm_rx_mib(struct nm_port *p, const u8 *frame, unsigned int len,
		      bool bad)
{
	unsigned int wire = len + ETH_FCS_LEN;

	if (bad) {
		nm_mib_count(p, NM_MIB_BAD_FRAMES_RX, 1);
		nm_mib_count(p, NM_MIB_BAD_OCTETS_RX, wire);
		return;
	}
	nm_mib_count(p, NM_MIB_GOOD_FRAMES_RX, 1);
	nm_mib_count(p, NM_MIB_GOOD_OCTETS_RX, wire);
	if (is_broadcast_ether_addr(frame))
		nm_mib_count(p, NM_MIB_BCAST_RX, 1);
	else if (is_multicast_ether_addr(frame))
		nm_mib_count(p, NM_MIB_MCAST_RX, 1);
	nm_mib_size(p, wire);
}

/*
 * Longer than the MAC accepts? MVNETA_GMAC_MAX_RX_SIZE in MVNETA_GMAC_CTRL_0
 * holds (max size - MVNETA_MH_SIZE) / 2: frame + FCS may be twice that.
 * 0 (power-on) means no limit.
 */
static bool nm_rx_oversize(struct nm_port *p, unsigned int len)
{
	u32 max = (p->regs[MVNETA_GMAC_CTRL_0 / 4] &
		   MVNETA_GMAC_MAX_RX_SIZE_MASK) >> MVNETA_GMAC_MAX_RX_SIZE_SHIFT;

	return max && len + ETH_FCS_LEN > max * 2;
}

/**
 * nm_fault() - take one fault knob if it is armed
 * @p: port (lock held)
 * @f: knob
 *
 * Return: true when the knob was armed (it is then one count lower).
 */
bool nm_fault(struct nm_port *p, enum nm_fault f)
{
	if (!p->fault[f])
		return false;
	p->fault[f]--;
	p->fault_hits[f]++;
	return true;
}

/**
 * nm_fuzz_seed() - restart the fuzz sequence
 * @p: port (lock held)
 * @seed: seed; the same seed and traffic draw the same faults
 */
void nm_fuzz_seed(struct nm_port *p, u32 seed)
{
	p->fuzz_seed = seed;
	p->fuzz_state = seed;
	p->fuzz_prev = NM_FAULT_NUM;
	p->fuzz_frames = 0;
	p->fuzz_descs = 0;
}

/* splitmix64: small, fast, and the same sequence on every kernel */
static u64 nm_fuzz_next(struct nm_port *p)
{
	u64 z = (p->fuzz_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * What the fuzz draws from: every fault a frame can carry that the driver
 * sees in its descriptors (each one bad frame, counted once), a full ring
 * (the next frame is dropped, counted by the MAC's overrun counter), the
 * status counts the driver must not trust (occupied or sent above what it
 * handed over, a descriptor it holds written by the device), and the
 * interrupt faults (lost, spurious), which cost no frame. Lost on the wire
 * never reaches the port: nothing could count it, it is left out.
 */
static const enum nm_fault nm_fuzz_faults[] = {
	NM_FAULT_ERR, NM_FAULT_CORRUPT_LEN, NM_FAULT_NO_LAST,
	NM_FAULT_ZERO_SIZE, NM_FAULT_HUGE_SIZE, NM_FAULT_NO_FIRST,
	NM_FAULT_FIRST_TWICE, NM_FAULT_LONG_CHAIN, NM_FAULT_RING_FULL,
	NM_FAULT_RX_OCC_LIE, NM_FAULT_OWN_WRITE, NM_FAULT_TX_SENT_LIE,
	NM_FAULT_LOST_IRQ, NM_FAULT_SPURIOUS_IRQ,
};

/* Fuzz mode: arm one fault for this frame, maybe (lock held) */
static void nm_fuzz_draw(struct nm_port *p)
{
	u64 r = nm_fuzz_next(p);
	enum nm_fault f;

	p->fuzz_frames++;
	if ((r & 1023) >= p->fuzz_rate) {
		p->fuzz_prev = NM_FAULT_NUM;
		return;
	}
	f = nm_fuzz_faults[(r >> 10) % ARRAY_SIZE(nm_fuzz_faults)];
	/* LAST without FIRST right after FIRST without LAST reads as one
	 * broken frame: no driver can count two
	 */
	if (f == NM_FAULT_NO_FIRST && p->fuzz_prev == NM_FAULT_NO_LAST)
		f = NM_FAULT_ZERO_SIZE;
	if (f == NM_FAULT_ERR)
		p->fault_err_code = (r >> 20) & 3;
	if (f == NM_FAULT_LONG_CHAIN && !p->fault[f]) {
		/* past the driver's frags (MAX_SKB_FRAGS + 1 buffers) */
		p->fault_chain_len = 20 + (r >> 20) % (NM_CHAIN_MAX - 19);
		p->fault_chain_claim = r >> 30 & 1;
	}
	if (!p->fault[f])
		p->fault[f] = 1;
	p->fuzz_prev = f;
}

/* Check the buffers of the next @ndesc descriptors (lock held) */
static bool nm_rx_check(struct nm_port *p, struct nm_rxq *rxq,
			struct mvneta_rx_desc *ring, unsigned int ndesc,
			u32 total, u32 cap)
{
	unsigned int i, idx = rxq->wp, q = rxq - p->rxq;
	bool ok = true;

	for (i = 0; i < ndesc; i++) {
		struct mvneta_rx_desc *d = ring + idx;
		u32 chunk = min(cap, total - i * cap);

		if (nm_desc_hash(d) != rxq->snap[idx])
			nm_violation(p, NM_VIOL_OWN,
				     "rxq %u desc %u written by the driver while owned by the device",
				     q, idx);
		if (!nm_dma_buf(p, le32_to_cpu(READ_ONCE(d->buf_phys_addr)),
				rxq->pkt_offset + chunk, "rx buffer"))
			ok = false;
		/* handed over twice (counted then): nothing written */
		if (rxq->given[idx].twice)
			ok = false;
		idx = idx + 1 == rxq->size ? 0 : idx + 1;
	}
	return ok;
}

/**
 * nm_rx_frame_locked() - receive a frame from the wire
 * @p:     receiving port (lock held)
 * @frame: frame, Ethernet header first, without FCS
 * @len:   frame length
 *
 * Return: 0 when delivered to an RX queue, -ENOSPC when dropped for lack
 * of descriptors (counted in MVNETA_OVERRUN_FRAME_COUNT: port disabled,
 * queue disabled, ring full), -EIO when lost on the wire (fault knob).
 */
int nm_rx_frame_locked(struct nm_port *p, const u8 *frame, unsigned int len)
{
	u32 total = MVNETA_MH_SIZE + len + ETH_FCS_LEN, cap, status, first;
	unsigned int q, ndesc, i;
	struct mvneta_rx_desc *ring;
	bool oversize, err, corrupt, no_last, zero, huge, no_first, twice, ok;
	unsigned int chain;
	struct nm_rxq *rxq;
	__le32 fcs;

	if (nm_fault(p, NM_FAULT_DROP))
		return -EIO;
	if (nm_fault(p, NM_FAULT_RING_FULL))
		goto overrun;

	q = nm_rx_queue(p, frame, len);
	if (!nm_rxq_usable(p, q))
		goto overrun;
	rxq = &p->rxq[q];
	cap = nm_rx_cap(rxq);
	ndesc = DIV_ROUND_UP(total, cap);
	if (ndesc > rxq->nonocc)
		goto overrun;
	ring = nm_dma_ring(p, rxq->base, rxq->size, "rx ring");
	if (!ring)
		goto overrun;

	if (p->fuzz_rate)
		nm_fuzz_draw(p);
	/* At most one fault per frame, taken only by a delivered frame */
	oversize = nm_rx_oversize(p, len);
	err = !oversize && nm_fault(p, NM_FAULT_ERR);
	corrupt = !oversize && !err && nm_fault(p, NM_FAULT_CORRUPT_LEN);
	no_last = !oversize && !err && !corrupt &&
		  nm_fault(p, NM_FAULT_NO_LAST);
	zero = !oversize && !err && !corrupt && !no_last &&
	       nm_fault(p, NM_FAULT_ZERO_SIZE);
	huge = !oversize && !err && !corrupt && !no_last && !zero &&
	       nm_fault(p, NM_FAULT_HUGE_SIZE);
	no_first = !oversize && !err && !corrupt && !no_last && !zero &&
		   !huge && nm_fault(p, NM_FAULT_NO_FIRST);
	twice = !oversize && !err && !corrupt && !no_last && !zero && !huge &&
		!no_first && ndesc < rxq->nonocc &&
		nm_fault(p, NM_FAULT_FIRST_TWICE);
	/* a chain longer than the frame needs: the frame's buffers, then
	 * descriptors without data up to the LAST one
	 */
	chain = clamp_t(u32, p->fault_chain_len, 2, NM_CHAIN_MAX);
	if (!oversize && !err && !corrupt && !no_last && !zero && !huge &&
	    !no_first && !twice && chain > ndesc && chain <= rxq->nonocc &&
	    nm_fault(p, NM_FAULT_LONG_CHAIN))
		ndesc = chain;
	else
		chain = 0;

	ok = nm_rx_check(p, rxq, ring, ndesc + twice, total, cap);
	first = corrupt ? min(total + cap, 0xffffU) : total;
	if (zero)
		first = 0;
	else if (huge)
		first = 0xffff;
	else if (chain && p->fault_chain_claim)
		first = min(chain * cap, 0xffffU);
	fcs = cpu_to_le32(nm_fcs(frame, len));

	if (twice) {
		/* a FIRST that never gets its LAST: the frame follows */
		struct mvneta_rx_desc *d = ring + rxq->wp;

		WRITE_ONCE(d->data_size, cpu_to_le16(total));
		dma_wmb();
		WRITE_ONCE(d->status, cpu_to_le32(MVNETA_RXD_FIRST_DESC));
		nm_given_del(p, rxq - p->rxq, rxq->wp);
		rxq->wp = rxq->wp + 1 == rxq->size ? 0 : rxq->wp + 1;
		rxq->nonocc--;
		if (!rxq->occ++)
			rxq->first_ns = ktime_get_ns();
	}

	for (i = 0; i < ndesc; i++) {
		struct mvneta_rx_desc *d = ring + rxq->wp;
		u32 chunk = min(cap, total - i * cap);

		status = 0;
		if (ok && i * cap < total) {
			u8 *buf = phys_to_virt(dma_to_phys(&p->pdev->dev,
					le32_to_cpu(READ_ONCE(d->buf_phys_addr))));
			u32 extra = READ_ONCE(p->rx_overrun);

			nm_rx_copy(buf + rxq->pkt_offset, i * cap, chunk,
				   frame, len, (const u8 *)&fcs);
			/* hostile device: bytes past the buffer, if allowed */
			if (extra &&
			    nm_check_rx_write(p, rxq, rxq->wp,
					      rxq->pkt_offset + chunk, extra))
				memset(buf + rxq->pkt_offset + chunk, 0xee,
				       extra);
		}
		if (i == 0) {
			status |= nm_rx_csum_status(frame, len);
			if (!no_first)
				status |= MVNETA_RXD_FIRST_DESC;
			if (err)
				status |= MVNETA_RXD_ERR_SUMMARY |
					  (p->fault_err_code << 17 &
					   MVNETA_RXD_ERR_CODE_MASK);
			if (oversize)
				status |= MVNETA_RXD_ERR_SUMMARY |
					  MVNETA_RXD_ERR_LEN;
			if (!ok)
				status |= MVNETA_RXD_ERR_SUMMARY |
					  MVNETA_RXD_ERR_RESOURCE;
		}
		if (i == ndesc - 1 && !no_last)
			status |= MVNETA_RXD_LAST_DESC;
		if (i * cap >= total)
			chunk = 0;	/* long chain: past the frame */
		WRITE_ONCE(d->data_size, cpu_to_le16(i ? chunk : first));
		/* Data before status: the driver reads status first */
		dma_wmb();
		WRITE_ONCE(d->status, cpu_to_le32(status));

		nm_given_del(p, rxq - p->rxq, rxq->wp);
		rxq->wp = rxq->wp + 1 == rxq->size ? 0 : rxq->wp + 1;
		rxq->nonocc--;
		if (!rxq->occ++)
			rxq->first_ns = ktime_get_ns();
	}

	if (p->fuzz_rate)
		p->fuzz_descs += ndesc + twice;
	nm_rx_mib(p, frame, len, err || !ok || oversize);
	if (oversize)
		nm_mib_count(p, NM_MIB_OVERSIZE_RX, 1);
	if (err && !p->fault_err_code)
		nm_mib_count(p, NM_MIB_BAD_CRC, 1);
	return 0;

overrun:
	nm_mib_count(p, NM_MIB_RX_OVERRUN, 1);
	return -ENOSPC;
}

/**
 * nm_rx_frame() - receive a frame from the wire (takes the port lock)
 * @p:     receiving port
 * @frame: frame, Ethernet header first, without FCS
 * @len:   frame length
 *
 * Return: as nm_rx_frame_locked().
 */
int nm_rx_frame(struct nm_port *p, const u8 *frame, unsigned int len)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&p->lock, flags);
	ret = nm_rx_frame_locked(p, frame, len);
	spin_unlock_irqrestore(&p->lock, flags);
	return ret;
}

/**
 * nm_rxq_give() - the driver hands @n empty descriptors to the device
 * @p: port (lock held)
 * @q: RX queue
 * @n: descriptors (MVNETA_RXQ_STATUS_UPDATE_REG bits 16..23)
 *
 * The descriptors follow the ones the device already owns; each is
 * hashed so a later write by the driver is caught when the device uses it.
 */
void nm_rxq_give(struct nm_port *p, unsigned int q, u32 n)
{
	struct nm_rxq *rxq = &p->rxq[q];
	struct mvneta_rx_desc *ring;
	u32 i, idx;

	if (!n)
		return;
	if (!rxq->size || !rxq->base) {
		nm_violation(p, NM_VIOL_STATE,
			     "rxq %u: %u descriptors added to an unconfigured ring",
			     q, n);
		return;
	}
	if (rxq->occ + rxq->nonocc + n > rxq->size) {
		nm_violation(p, NM_VIOL_RING,
			     "rxq %u: %u descriptors added, occupied %u + free %u, ring of %u",
			     q, n, rxq->occ, rxq->nonocc, rxq->size);
		n = rxq->size - rxq->occ - rxq->nonocc;
	}
	ring = nm_dma_ring(p, rxq->base, rxq->size, "rx ring");
	if (!ring)
		return;
	idx = (rxq->wp + rxq->nonocc) % rxq->size;
	for (i = 0; i < n; i++) {
		rxq->snap[idx] = nm_desc_hash(ring + idx);
		nm_given_add(p, q, idx, le32_to_cpu(READ_ONCE(ring[idx].buf_phys_addr)));
		idx = idx + 1 == rxq->size ? 0 : idx + 1;
	}
	rxq->nonocc += n;
}

/**
 * nm_rxq_done() - the driver returns @n processed descriptors
 * @p: port (lock held)
 * @q: RX queue
 * @n: descriptors (MVNETA_RXQ_STATUS_UPDATE_REG bits 0..7)
 */
void nm_rxq_done(struct nm_port *p, unsigned int q, u32 n)
{
	struct nm_rxq *rxq = &p->rxq[q];

	if (!n)
		return;
	if (n > rxq->occ) {
		nm_violation(p, NM_VIOL_RING,
			     "rxq %u: %u descriptors returned, only %u occupied",
			     q, n, rxq->occ);
		n = rxq->occ;
	}
	rxq->occ -= n;
	if (rxq->occ)
		rxq->first_ns = ktime_get_ns();
}

/**
 * nm_rxq_all_used() - hostile device: return every empty descriptor as used
 * @p: port (lock held)
 * @q: RX queue
 *
 * Each non-occupied descriptor becomes occupied with status 0 (no FIRST,
 * no LAST, no error) and data_size 0, as a broken DMA engine would leave
 * them; nothing is written into the buffers.
 */
void nm_rxq_all_used(struct nm_port *p, unsigned int q)
{
	struct nm_rxq *rxq = &p->rxq[q];
	struct mvneta_rx_desc *ring;

	if (!rxq->size || !rxq->base || !rxq->nonocc)
		return;
	ring = nm_dma_ring(p, rxq->base, rxq->size, "rx ring");
	if (!ring)
		return;
	if (!rxq->occ)
		rxq->first_ns = ktime_get_ns();
	while (rxq->nonocc) {
		struct mvneta_rx_desc *d = ring + rxq->wp;

		WRITE_ONCE(d->data_size, 0);
		dma_wmb();
		WRITE_ONCE(d->status, 0);
		nm_given_del(p, rxq - p->rxq, rxq->wp);
		rxq->wp = rxq->wp + 1 == rxq->size ? 0 : rxq->wp + 1;
		rxq->nonocc--;
		rxq->occ++;
	}
}

/**
 * nm_rxq_own_write() - hostile device: use a descriptor the driver holds
 * @p: port (lock held)
 * @q: RX queue (configured)
 *
 * Every empty descriptor the device owns is returned as used
 * (nm_rxq_all_used()); then the device reports one descriptor more, the
 * next one, which the driver holds. When the driver holds it without a
 * frame (it waits for a buffer: not occupied), the device writes it as a
 * whole frame of the smallest size, FIRST and LAST, without touching its
 * buffer (the device never got one). The device's own state stays as
 * it was: the extra descriptor is a lie the driver must not act on.
 *
 * Return: the occupied count the status read reports.
 */
u32 nm_rxq_own_write(struct nm_port *p, unsigned int q)
{
	struct nm_rxq *rxq = &p->rxq[q];
	struct mvneta_rx_desc *ring;

	nm_rxq_all_used(p, q);
	ring = nm_dma_ring(p, rxq->base, rxq->size, "rx ring");
	if (ring && rxq->occ < rxq->size) {
		struct mvneta_rx_desc *d = ring + rxq->wp;

		WRITE_ONCE(d->data_size, cpu_to_le16(MVNETA_MH_SIZE +
						     NM_FRAME_MIN +
						     ETH_FCS_LEN));
		dma_wmb();
		WRITE_ONCE(d->status, cpu_to_le32(MVNETA_RXD_FIRST_DESC |
						  MVNETA_RXD_LAST_DESC));
	}
	return min_t(u32, rxq->occ + 1, MVNETA_RXQ_OCCUPIED_ALL_MASK);
}
