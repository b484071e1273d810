// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA receive path, software buffer management (SWBM).
 *
 * Per RX queue: a ring of descriptors in coherent memory, each owning one
 * buffer of the queue's page pool: a page, or half of one in fragment mode
 * (rxq->frag_size, when frames of the MTU fit; the device is told the
 * smaller buffer size and XDP's frame_sz is the half page, so neither the
 * device nor a program reaches into the other half). The device fills the buffers, sets the
 * descriptors' status and raises the occupied count; mvneta_rx_poll() (NAPI)
 * takes occupied descriptors in order, assembles FIRST..LAST chains into one
 * frame (head page + frags), hands good frames to GRO through build_skb()
 * (zero copy), drops and counts bad ones, then refills all emptied
 * descriptors from the pool and tells the device with one doorbell write
 * (processed + refilled).
 *
 * Frame length semantics follow upstream mvneta: the FIRST descriptor's
 * data_size is the whole frame in the buffers (2-byte Marvell header and
 * 4-byte FCS included); each buffer holds at most rxq->buf_size bytes.
 */

#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/prefetch.h>
#include <linux/skbuff.h>

#include "mvneta.h"

/**
 * mvneta_rxq_doorbell() - tell the device about processed (left the
 *	occupied count) and refilled (joined the free count) descriptors, at
 *	most 255 of each per write
 * @pp: port
 * @rxq: queue
 * @done: processed descriptors
 * @filled: refilled descriptors
 */
void mvneta_rxq_doorbell(struct mvneta_port *pp, struct mvneta_rx_queue *rxq,
			 int done, int filled)
{
	while (done > 0 || filled > 0) {
		u32 d = min(done, MVNETA_RXQ_ADD_NON_OCCUPIED_MAX);
		u32 f = min(filled, MVNETA_RXQ_ADD_NON_OCCUPIED_MAX);

		mvreg_write(pp, MVNETA_RXQ_STATUS_UPDATE_REG(rxq->id),
			    d | (f << MVNETA_RXQ_ADD_NON_OCCUPIED_SHIFT));
		done -= d;
		filled -= f;
	}
}

static int mvneta_rx_refill_one(struct mvneta_rx_queue *rxq, int index,
				gfp_t gfp)
{
	dma_addr_t dma;
	void *buf;

	/* test-only failure injection (debugfs fail_refill) */
	if (unlikely(READ_ONCE(rxq->pp->fail_refill)))
		return -ENOMEM;
	if (rxq->xsk_pool)
		return mvneta_xsk_refill_one(rxq, index);
	buf = mvneta_pool_alloc(rxq, gfp);
	if (unlikely(!buf))
		return -ENOMEM;

	dma = mvneta_pool_buf_dma(rxq, buf) + rxq->headroom;
	mvneta_rx_desc_give(rxq, index, buf, dma);
	return 0;
}

/**
 * mvneta_rx_refill() - give a buffer to every descriptor waiting for one
 * @rxq: queue
 * @gfp: allocation flags
 *
 * Return: descriptors refilled (the caller rings the doorbell).
 */
int mvneta_rx_refill(struct mvneta_rx_queue *rxq, gfp_t gfp)
{
	int filled = 0;

	while (rxq->refill_num > 0) {
		if (mvneta_rx_refill_one(rxq, rxq->first_to_refill, gfp)) {
			unsigned long flags;

			/* also reached from process context (queue setup):
			 * 32-bit writers must not be preempted
			 */
			flags = u64_stats_update_begin_irqsave(&rxq->stats.syncp);
			rxq->stats.refill_errors++;
			u64_stats_update_end_irqrestore(&rxq->stats.syncp, flags);
			break;
		}
		rxq->first_to_refill = mvneta_ring_next(rxq->first_to_refill,
							rxq->size);
		rxq->refill_num--;
		filled++;
	}
	return filled;
}

static void mvneta_rx_buf_free(struct mvneta_rx_queue *rxq, void *addr,
			       bool napi)
{
	if (napi)
		mvneta_pool_recycle_direct(rxq, addr);
	else
		mvneta_pool_put(rxq, addr, false);
}

/* Return the pages of the frame in assembly to the pool. */
static void mvneta_rx_frame_free(struct mvneta_rx_queue *rxq, bool napi)
{
	struct mvneta_rx_frame *frame = &rxq->frame;
	struct xdp_buff *xdp = &frame->xdp;

	if (!frame->active)
		return;

	if (xdp->data_hard_start) {
		if (xdp_buff_has_frags(xdp)) {
			struct skb_shared_info *sinfo;
			int i;

			sinfo = xdp_get_shared_info_from_buff(xdp);
			for (i = 0; i < sinfo->nr_frags; i++)
				mvneta_rx_buf_free(rxq,
						   skb_frag_address(&sinfo->frags[i]),
						   napi);
		}
		mvneta_rx_buf_free(rxq, xdp->data_hard_start, napi);
	}
	xdp->data_hard_start = NULL;
	frame->active = false;
}

/**
 * mvneta_rx_count_error() - count a bad frame by its descriptor status
 * @acc: the poll's counters
 * @err: a descriptor status with MVNETA_RXD_ERR_SUMMARY set (the device's
 *	error code), or 0 for a length or sequence error found by the driver
 */
void mvneta_rx_count_error(struct mvneta_rx_acc *acc, u32 err)
{
	acc->errors++;
	if (!(err & MVNETA_RXD_ERR_SUMMARY)) {
		acc->len++;
		return;
	}
	switch (err & MVNETA_RXD_ERR_CODE_MASK) {
	case MVNETA_RXD_ERR_CRC:
		acc->crc++;
		break;
	case MVNETA_RXD_ERR_OVERRUN:
		acc->over++;
		break;
	case MVNETA_RXD_ERR_LEN:
		acc->len++;
		break;
	default:
		acc->res++;
		break;
	}
}

/* Mark the frame in assembly bad: @err is a descriptor status with
 * MVNETA_RXD_ERR_SUMMARY set, or 0 for a length/sequence error.
 */
static void mvneta_rx_frame_bad(struct mvneta_rx_frame *frame, u32 err)
{
	if (frame->bad)
		return;
	frame->bad = true;
	frame->err = err;
}

static void mvneta_rx_sync(struct mvneta_rx_queue *rxq, void *buf, int len)
{
	dma_sync_single_range_for_cpu(rxq->pp->dmadev,
				      mvneta_pool_dma(rxq, virt_to_page(buf)),
				      offset_in_page(buf) + rxq->headroom,
				      len, rxq->pool.dma_dir);
}

/* FIRST descriptor: start a frame with @buf as its head. */
static void mvneta_rx_frame_start(struct mvneta_rx_queue *rxq, void *buf,
				  u32 status, int size)
{
	struct mvneta_rx_frame *frame = &rxq->frame;
	struct xdp_buff *xdp = &frame->xdp;
	int len, take;

	frame->active = true;
	frame->bad = false;
	frame->err = 0;
	frame->status = status;
	/* frame_sz: bpf_xdp_adjust_tail() grows up to the buffer's end */
	xdp_init_buff(xdp, rxq->truesize, &rxq->xdp_rxq);
	xdp->data_hard_start = NULL;

	if (status & MVNETA_RXD_ERR_SUMMARY) {
		mvneta_rx_frame_bad(frame, status);
		goto recycle;
	}
	if (size < MVNETA_MH_SIZE + ETH_HLEN + ETH_FCS_LEN ||
	    size > MVNETA_RX_MAX_FRAME) {
		mvneta_rx_frame_bad(frame, 0);
		goto recycle;
	}

	frame->left = size;
	frame->payload = size - MVNETA_MH_SIZE - ETH_FCS_LEN;
	len = min_t(int, size, rxq->buf_size);
	take = min(len - MVNETA_MH_SIZE, frame->payload);
	mvneta_rx_sync(rxq, buf, len);
	prefetch(buf + rxq->headroom);
	xdp_prepare_buff(xdp, buf, rxq->headroom + MVNETA_MH_SIZE, take,
			 true);
	frame->left -= len;
	frame->payload -= take;
	return;

recycle:
	mvneta_pool_recycle_direct(rxq, buf);
}

/* Middle or LAST descriptor of a good frame: attach @buf as a frag. */
static void mvneta_rx_frame_add(struct mvneta_rx_queue *rxq, void *buf,
				u32 status)
{
	struct mvneta_rx_frame *frame = &rxq->frame;
	struct xdp_buff *xdp = &frame->xdp;
	struct skb_shared_info *sinfo;
	int len, take;

	if (frame->bad)
		goto recycle;
	if (status & MVNETA_RXD_ERR_SUMMARY) {
		mvneta_rx_frame_bad(frame, status);
		goto recycle;
	}
	if (frame->left <= 0) {
		/* more descriptors than the FIRST one announced bytes */
		mvneta_rx_frame_bad(frame, 0);
		goto recycle;
	}

	len = min(frame->left, (int)rxq->buf_size);
	take = min(len, frame->payload);
	frame->left -= len;
	frame->payload -= take;
	if (!take)
		goto recycle;	/* only FCS bytes in this buffer */

	sinfo = xdp_get_shared_info_from_buff(xdp);
	if (!xdp_buff_has_frags(xdp)) {
		sinfo->nr_frags = 0;
		sinfo->xdp_frags_size = 0;
		xdp_buff_set_frags_flag(xdp);
	}
	if (sinfo->nr_frags >= MAX_SKB_FRAGS) {
		mvneta_rx_frame_bad(frame, 0);
		goto recycle;
	}

	mvneta_rx_sync(rxq, buf, len);
	mvneta_compat_frag_fill(&sinfo->frags[sinfo->nr_frags++],
				virt_to_page(buf),
				offset_in_page(buf) + rxq->headroom, take);
	sinfo->xdp_frags_size += take;
	if (page_is_pfmemalloc(virt_to_page(buf)))
		xdp_buff_set_frag_pfmemalloc(xdp);
	return;

recycle:
	mvneta_pool_recycle_direct(rxq, buf);
}

/* The FCS may straddle the last two buffers: the head keeps what @take
 * computed; nothing to trim here, the byte accounting above never attaches
 * FCS bytes.
 */
static struct sk_buff *mvneta_rx_build_skb(struct mvneta_port *pp,
					   struct mvneta_rx_queue *rxq,
					   struct xdp_buff *xdp, u32 status)
{
	struct skb_shared_info *sinfo = xdp_get_shared_info_from_buff(xdp);
	u8 nr_frags = 0;
	u32 frags_size = 0;
	bool pfmemalloc = false;
	struct sk_buff *skb;

	if (unlikely(xdp_buff_has_frags(xdp))) {
		nr_frags = sinfo->nr_frags;
		frags_size = sinfo->xdp_frags_size;
		pfmemalloc = xdp_buff_is_frag_pfmemalloc(xdp);
	}

	skb = napi_build_skb(xdp->data_hard_start, rxq->truesize);
	if (unlikely(!skb))
		return NULL;

	skb_reserve(skb, xdp->data - xdp->data_hard_start);
	skb_put(skb, xdp->data_end - xdp->data);
	if (xdp->data_meta < xdp->data)	/* XDP program metadata */
		skb_metadata_set(skb, xdp->data - xdp->data_meta);
	if (nr_frags)
		xdp_update_skb_shared_info(skb, nr_frags, frags_size,
					   nr_frags * rxq->truesize, pfmemalloc);
	mvneta_pool_to_stack(rxq, skb);

	if ((pp->dev->features & NETIF_F_RXCSUM) &&
	    (status & MVNETA_RXD_L3_IP4) && (status & MVNETA_RXD_L4_CSUM_OK))
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	else
		skb->ip_summed = CHECKSUM_NONE;

	skb_record_rx_queue(skb, rxq->id);
	skb->protocol = eth_type_trans(skb, pp->dev);
	return skb;
}

/* LAST descriptor: the frame is complete (or known bad). */
static void mvneta_rx_frame_done(struct mvneta_port *pp,
				 struct mvneta_rx_queue *rxq,
				 struct napi_struct *napi,
				 struct bpf_prog *prog,
				 struct mvneta_rx_acc *acc)
{
	struct mvneta_rx_frame *frame = &rxq->frame;
	struct xdp_buff *xdp = &frame->xdp;
	struct sk_buff *skb;
	u32 len;

	if (!frame->bad && frame->left != 0)
		mvneta_rx_frame_bad(frame, 0);	/* LAST came too early */

	if (frame->bad) {
		mvneta_rx_count_error(acc, frame->err);
		mvneta_rx_frame_free(rxq, true);
		return;
	}

	len = xdp->data_end - xdp->data;
	if (xdp_buff_has_frags(xdp))
		len += xdp_get_shared_info_from_buff(xdp)->xdp_frags_size;

	/* XDP runs on the complete frame before any skb exists; every
	 * verdict counts the frame in packets/bytes.
	 */
	if (prog) {
		switch (mvneta_xdp_run(rxq, prog, xdp, &acc->xdp)) {
		case MVNETA_XDP_PASS:
			break;
		case MVNETA_XDP_CONSUMED:	/* pages given away */
			xdp->data_hard_start = NULL;
			frame->active = false;
			acc->packets++;
			acc->bytes += len;
			return;
		case MVNETA_XDP_DROPPED:
			mvneta_rx_frame_free(rxq, true);
			acc->packets++;
			acc->bytes += len;
			return;
		case MVNETA_XDP_REFUSED:
			mvneta_rx_frame_free(rxq, true);
			acc->dropped++;
			return;
		}
	}

	skb = mvneta_rx_build_skb(pp, rxq, xdp, frame->status);
	if (unlikely(!skb)) {
		acc->skb_err++;
		acc->dropped++;
		mvneta_rx_frame_free(rxq, true);
		return;
	}
	acc->packets++;
	acc->bytes += len;
	xdp->data_hard_start = NULL;
	frame->active = false;
	napi_gro_receive(napi, skb);
}

/**
 * mvneta_rx_todo() - descriptors the device filled, never more than it was
 *	given
 * @pp: port
 * @rxq: queue
 * @acc: the poll's counters (a device that claims more counts in hw_err)
 *
 * The device cannot have used more descriptors than it was given: a poll
 * never walks past them, or refill_num outgrows the ring and the refill
 * overwrites bufs[] entries still holding buffers.
 *
 * Context: NAPI.
 * Return: descriptors to process; their contents may be read afterwards.
 */
int mvneta_rx_todo(struct mvneta_port *pp, struct mvneta_rx_queue *rxq,
		   struct mvneta_rx_acc *acc)
{
	int todo = mvreg_read(pp, MVNETA_RXQ_STATUS_REG(rxq->id)) &
		   MVNETA_RXQ_OCCUPIED_ALL_MASK;

	/* descriptors are read only after the occupied count */
	dma_rmb();
	if (unlikely(todo > mvneta_rxq_pages_on_ring(rxq))) {
		todo = mvneta_rxq_pages_on_ring(rxq);
		acc->hw_err++;
	}
	return todo;
}

/**
 * mvneta_rx_poll() - receive on one queue, refill, ring the doorbell once
 * @pp: port
 * @rxq: queue
 * @napi: the port's NAPI context
 * @budget: most frames to complete
 *
 * Context: NAPI (softirq). A frame whose descriptors are not all occupied yet
 * stays in assembly in @rxq->frame until a later poll.
 *
 * Return: frames completed (good or bad), at most @budget; less than @budget
 * means the descriptors occupied at the start were all processed.
 */
int mvneta_rx_poll(struct mvneta_port *pp, struct mvneta_rx_queue *rxq,
		   struct napi_struct *napi, int budget)
{
	struct bpf_prog *prog = READ_ONCE(pp->xdp_prog);
	struct mvneta_rx_frame *frame = &rxq->frame;
	struct mvneta_rx_acc acc = {};
	int rx_todo, rx_proc = 0, frames = 0, filled;

	if (rxq->xsk_pool)
		return mvneta_rx_poll_zc(pp, rxq, napi, budget);

	rx_todo = mvneta_rx_todo(pp, rxq, &acc);

	while (frames < budget && rx_proc < rx_todo) {
		int index = rxq->next_to_proc;
		struct mvneta_rx_desc *desc = rxq->descs + index;
		void *buf = rxq->bufs[index];
		u32 status = le32_to_cpu(desc->status);

		rxq->next_to_proc = mvneta_ring_next(index, rxq->size);
		rx_proc++;
		if (likely(buf)) {
			rxq->bufs[index] = NULL;
			rxq->refill_num++;
		}

		if (unlikely(!buf)) {
			/* a descriptor that never got a buffer (it already
			 * waits in refill_num): out of reach while rx_todo is
			 * clamped, kept against a corrupted ring state
			 */
			if (frame->active) {
				mvneta_rx_frame_bad(frame, 0);
			} else if (status & MVNETA_RXD_LAST_DESC) {
				mvneta_rx_count_error(&acc, 0);
				frames++;
				continue;
			}
		} else if (status & MVNETA_RXD_FIRST_DESC) {
			if (unlikely(frame->active)) {
				/* previous frame never got its LAST */
				mvneta_rx_count_error(&acc, 0);
				mvneta_rx_frame_free(rxq, true);
				frames++;
			}
			mvneta_rx_frame_start(rxq, buf, status,
					      le16_to_cpu(desc->data_size));
		} else if (unlikely(!frame->active)) {
			/* middle/LAST without FIRST: drop, count at LAST */
			mvneta_pool_recycle_direct(rxq, buf);
			if (status & MVNETA_RXD_LAST_DESC) {
				mvneta_rx_count_error(&acc, 0);
				frames++;
			}
			continue;
		} else {
			mvneta_rx_frame_add(rxq, buf, status);
		}

		if (!(status & MVNETA_RXD_LAST_DESC) || !frame->active)
			continue;

		mvneta_rx_frame_done(pp, rxq, napi, prog, &acc);
		frames++;
	}

	if (prog)
		mvneta_xdp_finalize(rxq, &acc.xdp);

	filled = mvneta_rx_refill(rxq, GFP_ATOMIC);
	mvneta_rxq_doorbell(pp, rxq, rx_proc, filled);

	if (unlikely(mvneta_rx_ring_empty(pp, rxq)))
		acc.empty++;
	mvneta_rx_acc_commit(rxq, &acc);
	return frames;
}

/**
 * mvneta_rx_ring_empty() - arm the refill retry for a ring left without any
 *	buffer
 * @pp: port
 * @rxq: queue, just refilled
 *
 * No buffer left: the device can receive nothing, so no interrupt comes for
 * this queue. Polling again at once would spin NAPI for as long as the pool
 * (or the socket's fill ring) has nothing to give (100 % CPU, nothing
 * received): the queue is polled again from a timer, as buffers come back
 * on their own time.
 *
 * Context: NAPI.
 * Return: true when the ring is empty (the caller counts it).
 */
bool mvneta_rx_ring_empty(struct mvneta_port *pp, struct mvneta_rx_queue *rxq)
{
	if (likely(rxq->refill_num != rxq->size))
		return false;
	pp->refill_pending |= BIT(rxq->id);
	if (!timer_pending(&pp->refill_timer))
		mod_timer(&pp->refill_timer,
			  jiffies + msecs_to_jiffies(MVNETA_RX_REFILL_RETRY_MS));
	return true;
}

/**
 * mvneta_rx_acc_commit() - fold one poll's counters into the queue's stats
 * @rxq: queue
 * @acc: the poll's counters
 *
 * Context: NAPI (the only writer of @rxq->stats).
 */
void mvneta_rx_acc_commit(struct mvneta_rx_queue *rxq,
			  const struct mvneta_rx_acc *acc)
{
	struct mvneta_rxq_stats *s = &rxq->stats;

	if (!(acc->packets || acc->errors || acc->dropped || acc->hw_err ||
	      acc->empty))
		return;
	u64_stats_update_begin(&s->syncp);
	s->packets += acc->packets;
	s->bytes += acc->bytes;
	s->errors += acc->errors;
	s->crc_errors += acc->crc;
	s->over_errors += acc->over;
	s->length_errors += acc->len;
	s->resource_errors += acc->res;
	s->dropped += acc->dropped;
	s->skb_alloc_errors += acc->skb_err;
	s->hw_errors += acc->hw_err;
	s->ring_empty += acc->empty;
	u64_stats_update_end(&s->syncp);
}

/**
 * mvneta_rxq_pages_on_ring() - buffers the device currently owns or may fill
 * @rxq: queue
 *
 * Return: descriptors holding a page.
 */
int mvneta_rxq_pages_on_ring(struct mvneta_rx_queue *rxq)
{
	return rxq->size - rxq->refill_num;
}

/**
 * mvneta_rxq_coal_set() - program the queue's interrupt coalescing
 * @pp: port
 * @rxq: queue
 */
void mvneta_rxq_coal_set(struct mvneta_port *pp, struct mvneta_rx_queue *rxq)
{
	mvreg_write(pp, MVNETA_RXQ_THRESHOLD_REG(rxq->id),
		    rxq->pkts_coal | MVNETA_RXQ_NON_OCCUPIED(0));
	mvreg_write(pp, MVNETA_RXQ_TIME_COAL_REG(rxq->id),
		    (pp->clk_rate / USEC_PER_SEC) * rxq->time_coal);
}

static void mvneta_rxq_hw_init(struct mvneta_port *pp,
			       struct mvneta_rx_queue *rxq)
{
	u32 val;

	mvreg_write(pp, MVNETA_RXQ_BASE_ADDR_REG(rxq->id),
		    lower_32_bits(rxq->descs_dma));
	mvreg_write(pp, MVNETA_RXQ_SIZE_REG(rxq->id),
		    rxq->size |
		    ((rxq->buf_size >> 3) << MVNETA_RXQ_BUF_SIZE_SHIFT));

	/* SWBM: packet offset 0 (the headroom is in buf_phys_addr), no BM */
	val = mvreg_read(pp, MVNETA_RXQ_CONFIG_REG(rxq->id));
	val &= ~(MVNETA_RXQ_PKT_OFFSET_ALL_MASK | MVNETA_RXQ_HW_BUF_ALLOC);
	mvreg_write(pp, MVNETA_RXQ_CONFIG_REG(rxq->id), val);

	mvneta_rxq_coal_set(pp, rxq);
}

static void mvneta_rxq_hw_uninit(struct mvneta_port *pp,
				 struct mvneta_rx_queue *rxq)
{
	int occupied, i, index = rxq->next_to_proc;
	u32 dropped = rxq->frame.active;

	/* frames received but never processed: counted dropped, and their
	 * descriptors leave the occupied count
	 */
	occupied = mvreg_read(pp, MVNETA_RXQ_STATUS_REG(rxq->id)) &
		   MVNETA_RXQ_OCCUPIED_ALL_MASK;
	dma_rmb();
	for (i = 0; i < occupied && i < rxq->size; i++) {
		if (le32_to_cpu(rxq->descs[index].status) &
		    MVNETA_RXD_FIRST_DESC)
			dropped++;
		index = mvneta_ring_next(index, rxq->size);
	}
	if (dropped) {
		/* NAPI is disabled: the only writer; BH off as in NAPI */
		local_bh_disable();
		u64_stats_update_begin(&rxq->stats.syncp);
		rxq->stats.dropped += dropped;
		u64_stats_update_end(&rxq->stats.syncp);
		local_bh_enable();
	}
	mvneta_rxq_doorbell(pp, rxq, occupied, 0);

	mvreg_write(pp, MVNETA_RXQ_BASE_ADDR_REG(rxq->id), 0);
	mvreg_write(pp, MVNETA_RXQ_SIZE_REG(rxq->id), 0);
}

/**
 * mvneta_rxq_init() - allocate a queue's ring and pool, fill it, start it
 * @pp: port (rx_ring_size set)
 * @rxq: queue (id and pp set)
 *
 * Context: process, RTNL held, device RX queues disabled.
 * Return: 0 or a negative errno (nothing left allocated).
 */
int mvneta_rxq_init(struct mvneta_port *pp, struct mvneta_rx_queue *rxq)
{
	int err, filled;

	rxq->size = pp->rx_ring_size;
	rxq->next_to_proc = 0;
	rxq->first_to_refill = 0;
	rxq->refill_num = rxq->size;
	rxq->frame.active = false;
	rxq->frame.xdp.data_hard_start = NULL;
	rxq->pkts_coal = MVNETA_RX_COAL_PKTS;
	rxq->time_coal = MVNETA_RX_COAL_USEC;
	/* one layout per ring, all from the port's headroom: the device's
	 * buffer size, the DMA address, the pool's sync area, XDP's frame_sz
	 * and the skb's truesize
	 */
	rxq->headroom = mvneta_rx_headroom(pp);
	rxq->frag_size = mvneta_pool_frag_size(pp);
	rxq->truesize = rxq->frag_size ?: PAGE_SIZE;
	rxq->buf_size = MVNETA_RX_BUF_LEN(rxq->truesize, rxq->headroom);
	/* AF_XDP zero-copy: umem frames instead of pool pages (xsk.c) */
	rxq->xsk_pool = rxq->xsk_cfg;

	rxq->descs = dma_alloc_coherent(pp->dmadev,
					rxq->size * MVNETA_DESC_ALIGNED_SIZE,
					&rxq->descs_dma, GFP_KERNEL);
	if (!rxq->descs)
		return -ENOMEM;

	rxq->bufs = kcalloc(rxq->size, sizeof(*rxq->bufs), GFP_KERNEL);
	if (!rxq->bufs) {
		err = -ENOMEM;
		goto err_free_descs;
	}

	err = rxq->xsk_pool ? mvneta_xsk_rxq_init(pp, rxq) :
			      mvneta_pool_init(pp, rxq);
	if (err)
		goto err_free_bufs;

	/* a zero-copy ring starts empty when the socket's fill ring is: it
	 * fills as the application fills (wakeup, refill timer)
	 */
	filled = mvneta_rx_refill(rxq, GFP_KERNEL);
	if (!filled && !rxq->xsk_pool) {
		err = -ENOMEM;
		goto err_uninit_pool;
	}

	mvneta_rxq_hw_init(pp, rxq);
	mvneta_rxq_doorbell(pp, rxq, 0, filled);
	return 0;

err_uninit_pool:
	mvneta_pool_uninit(pp, rxq);
err_free_bufs:
	rxq->xsk_pool = NULL;
	kfree(rxq->bufs);
	rxq->bufs = NULL;
err_free_descs:
	dma_free_coherent(pp->dmadev, rxq->size * MVNETA_DESC_ALIGNED_SIZE,
			  rxq->descs, rxq->descs_dma);
	rxq->descs = NULL;
	return err;
}

/**
 * mvneta_rxq_uninit() - return every page of a stopped queue, free the ring
 * @pp: port
 * @rxq: queue (device RX stopped, NAPI disabled)
 *
 * Context: process. Pages still held by the stack go back to the pool when
 * the stack frees them; the pool's teardown accounts for them.
 */
void mvneta_rxq_uninit(struct mvneta_port *pp, struct mvneta_rx_queue *rxq)
{
	int i;

	if (!rxq->descs)
		return;

	mvneta_rxq_hw_uninit(pp, rxq);
	mvneta_rx_frame_free(rxq, false);
	for (i = 0; i < rxq->size; i++) {
		if (!rxq->bufs[i])
			continue;
		if (rxq->xsk_pool)
			xsk_buff_free(rxq->bufs[i]);
		else
			mvneta_pool_put(rxq, rxq->bufs[i], false);
		rxq->bufs[i] = NULL;
	}
	if (rxq->xsk_pool)
		mvneta_xsk_rxq_uninit(rxq);
	else
		mvneta_pool_uninit(pp, rxq);
	rxq->xsk_pool = NULL;

	kfree(rxq->bufs);
	rxq->bufs = NULL;
	dma_free_coherent(pp->dmadev, rxq->size * MVNETA_DESC_ALIGNED_SIZE,
			  rxq->descs, rxq->descs_dma);
	rxq->descs = NULL;
}
