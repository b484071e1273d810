// SPDX-License-Identifier: GPL-2.0-only
/*
 * AF_XDP zero-copy on the NETA rings.
 *
 * A socket bound with XDP_ZEROCOPY to queue id Q gives the driver its XSK
 * buffer pool (ndo_bpf XDP_SETUP_XSK_POOL). The pool is mapped for the
 * device once (xsk_pool_dma_map) and taken by the next setup of RX ring Q
 * and TX ring Q; a running port rebuilds these two rings for that, the
 * other queues and the link running on (mvneta_qpair_restart()).
 *
 *   RX ring Q:  descriptors hold umem frames from the fill ring
 *               (xsk_buff_alloc), not pool pages; mvneta_rx_poll_zc()
 *               runs the program on the frame where the device wrote it:
 *     REDIRECT  to the socket: no copy, the frame is the socket's
 *     PASS      copied into a new skb, the frame goes back to the pool
 *     TX        copied into a page by xdp_convert_buff_to_frame(), sent
 *               as an ndo_xdp_xmit frame (mapped, returned at completion)
 *     DROP      the frame goes back to the pool (the fill side)
 *   TX ring Q:  mvneta_xsk_poll() (NAPI) takes descriptors from the
 *               socket's TX ring, sends them from the umem through the
 *               pool's mapping; their completion goes to the completion
 *               ring (xsk_tx_completed) in order, under the TX queue lock
 *               shared with the stack and XDP_TX.
 *
 * An empty fill ring leaves RX descriptors without a buffer: the socket is
 * told (need_wakeup) and its wakeup (ndo_xsk_wakeup) schedules the NAPI,
 * which refills; a ring left without any buffer is retried by the refill
 * timer, never by spinning NAPI.
 */

#include <linux/bpf_trace.h>
#include <linux/etherdevice.h>
#include <linux/filter.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/xdp.h>
#include <net/xdp_sock_drv.h>

#include "mvneta.h"

/* TX descriptors taken from a socket per NAPI poll and queue */
#define MVNETA_XSK_TX_BUDGET	64

/* One frame per umem frame: the device must not split a frame of @mtu
 * over two of them.
 */
static bool mvneta_xsk_fits(struct xsk_buff_pool *pool, int mtu)
{
	return ALIGN_DOWN(xsk_pool_get_rx_frame_size(pool), 8) >=
	       MVNETA_RX_PKT_SIZE(mtu);
}

static void mvneta_xsk_refuse_mtu(struct mvneta_port *pp, u16 qid,
				  struct xsk_buff_pool *pool, int mtu,
				  const char *what)
{
	netdev_warn(pp->dev,
		    "%s refused: queue %u's zero-copy umem frames hold %u bytes after headroom, a frame of MTU %d needs %u\n",
		    what, qid, xsk_pool_get_rx_frame_size(pool), mtu,
		    MVNETA_RX_PKT_SIZE(mtu));
}

/**
 * mvneta_xsk_mtu_check() - can every zero-copy queue take frames of @mtu
 * @pp: port
 * @mtu: the new MTU
 *
 * Context: RTNL held (ndo_change_mtu).
 * Return: 0, or -EINVAL (logged) when a bound umem's frames are too small.
 */
int mvneta_xsk_mtu_check(struct mvneta_port *pp, int mtu)
{
	unsigned int q;

	for (q = 0; q < pp->rxq_number; q++) {
		struct xsk_buff_pool *pool = pp->rxqs[q].xsk_cfg;

		if (pool && !mvneta_xsk_fits(pool, mtu)) {
			mvneta_xsk_refuse_mtu(pp, q, pool, mtu, "MTU change");
			return -EINVAL;
		}
	}
	return 0;
}

static int mvneta_xsk_enable(struct mvneta_port *pp,
			     struct mvneta_rx_queue *rxq,
			     struct xsk_buff_pool *pool)
{
	struct net_device *dev = pp->dev;
	int err;

	if (rxq->xsk_cfg)
		return -EBUSY;
	if (!mvneta_xsk_fits(pool, dev->mtu)) {
		mvneta_xsk_refuse_mtu(pp, rxq->id, pool, dev->mtu,
				      "AF_XDP zero-copy bind");
		return -EINVAL;
	}

	err = xsk_pool_dma_map(pool, pp->dmadev, 0);
	if (err)
		return err;

	rxq->xsk_cfg = pool;
	/* a port that is down takes the pool when it comes up */
	if (!READ_ONCE(pp->running))
		return 0;
	/* the restart's poll refills from the fill ring (or arms the retry
	 * timer when it is still empty)
	 */
	err = mvneta_qpair_restart(pp, rxq->id);
	if (err) {
		/* the pair runs on the page pool again, without the umem */
		rxq->xsk_cfg = NULL;
		xsk_pool_dma_unmap(pool, 0);
		netdev_warn(dev,
			    "AF_XDP zero-copy bind on queue %u refused: its rings could not be allocated (%d), the queue stays in copy mode\n",
			    rxq->id, err);
	}
	return err;
}

static int mvneta_xsk_disable(struct mvneta_port *pp,
			      struct mvneta_rx_queue *rxq)
{
	struct xsk_buff_pool *pool = rxq->xsk_cfg;

	if (!pool)
		return 0;
	rxq->xsk_cfg = NULL;
	/* the rings give back every umem frame they hold (RX buffers freed,
	 * TX descriptors completed or dropped into the completion ring).
	 * Whatever the restart's outcome (logged), no ring uses the pool
	 * afterwards: page pool rings, the whole port restarted, or stopped.
	 * The unbind cannot be refused (the core WARNs), so it succeeds.
	 */
	if (READ_ONCE(pp->running))
		mvneta_qpair_restart(pp, rxq->id);
	xsk_pool_dma_unmap(pool, 0);
	return 0;
}

/**
 * mvneta_xsk_pool_setup() - ndo_bpf XDP_SETUP_XSK_POOL: bind or unbind a
 *	zero-copy pool to queue pair @qid
 * @dev: netdev
 * @pool: the pool, NULL to unbind
 * @qid: queue id: RX queue and TX queue @qid
 * @extack: unused: the XDP socket core leaves it uninitialized for this
 *	command (refusals are logged instead)
 *
 * Context: RTNL held.
 * Return: 0; -EINVAL for a queue pair that does not exist or umem frames
 * too small for a frame of the MTU; -EBUSY when the queue already has a
 * pool; an errno of the mapping or of the queue pair's restart (the queue
 * then stays in copy mode). An unbind always succeeds.
 */
int mvneta_xsk_pool_setup(struct net_device *dev, struct xsk_buff_pool *pool,
			  u16 qid, struct netlink_ext_ack *extack)
{
	struct mvneta_port *pp = netdev_priv(dev);

	if (qid >= pp->rxq_number || qid >= pp->txq_number) {
		if (pool)
			netdev_warn(dev,
				    "AF_XDP zero-copy on queue %u refused: %u RX and %u TX queues\n",
				    qid, pp->rxq_number, pp->txq_number);
		return -EINVAL;
	}
	if (pool)
		return mvneta_xsk_enable(pp, &pp->rxqs[qid], pool);
	return mvneta_xsk_disable(pp, &pp->rxqs[qid]);
}

/**
 * mvneta_xsk_wakeup() - ndo_xsk_wakeup: the socket has filled its fill ring
 *	or queued TX descriptors
 * @dev: netdev
 * @qid: queue id
 * @flags: XDP_WAKEUP_RX, XDP_WAKEUP_TX (one NAPI serves both)
 *
 * Context: process (sendmsg, poll of the socket).
 * Return: 0; -ENETDOWN when the port is down; -EINVAL when @qid has no
 * zero-copy pool.
 */
int mvneta_xsk_wakeup(struct net_device *dev, u32 qid, u32 flags)
{
	struct mvneta_port *pp = netdev_priv(dev);

	if (!READ_ONCE(pp->running))
		return -ENETDOWN;
	if (qid >= pp->rxq_number || qid >= pp->txq_number ||
	    !READ_ONCE(pp->txqs[qid].xsk_pool))
		return -EINVAL;
	/* a poll in progress runs again (NAPI's missed state) */
	napi_schedule(&pp->napi);
	return 0;
}

/**
 * mvneta_xsk_rxq_init() - a zero-copy RX queue's buffer sizes and memory
 *	model
 * @pp: port
 * @rxq: queue, @rxq->xsk_pool set
 *
 * Return: 0 or a negative errno (nothing registered).
 */
int mvneta_xsk_rxq_init(struct mvneta_port *pp, struct mvneta_rx_queue *rxq)
{
	struct xsk_buff_pool *pool = rxq->xsk_pool;
	int err;

	rxq->frag_size = 0;
	rxq->truesize = xsk_pool_get_rx_frame_size(pool);
	rxq->buf_size = min_t(u32, ALIGN_DOWN(rxq->truesize, 8),
			      MVNETA_RX_BUF_SIZE);

	err = __xdp_rxq_info_reg(&rxq->xdp_rxq, pp->dev, rxq->id, 0,
				 rxq->truesize);
	if (err)
		return err;
	err = xdp_rxq_info_reg_mem_model(&rxq->xdp_rxq,
					 MEM_TYPE_XSK_BUFF_POOL, NULL);
	if (err) {
		xdp_rxq_info_unreg(&rxq->xdp_rxq);
		return err;
	}
	xsk_pool_set_rxq_info(pool, &rxq->xdp_rxq);
	return 0;
}

/**
 * mvneta_xsk_rxq_uninit() - undo mvneta_xsk_rxq_init()
 * @rxq: queue, every umem frame of the ring already freed
 */
void mvneta_xsk_rxq_uninit(struct mvneta_rx_queue *rxq)
{
	if (xdp_rxq_info_is_reg(&rxq->xdp_rxq))
		xdp_rxq_info_unreg(&rxq->xdp_rxq);
}

/**
 * mvneta_xsk_refill_one() - give descriptor @index a frame of the fill ring
 * @rxq: zero-copy queue
 * @index: descriptor waiting for a buffer
 *
 * Return: 0, or -ENOMEM when the fill ring is empty.
 */
int mvneta_xsk_refill_one(struct mvneta_rx_queue *rxq, int index)
{
	struct xdp_buff *xdp = xsk_buff_alloc(rxq->xsk_pool);
	struct mvneta_port *pp = rxq->pp;
	dma_addr_t dma;

	if (!xdp)
		return -ENOMEM;
	/* the device writes MH + frame where the frame's data starts */
	dma = xsk_buff_xdp_get_dma(xdp);
	/*
	 * test only (debugfs fail_xsk_twice): the previous descriptor's
	 * frame instead, a driver bug the model must refuse
	 */
	if (unlikely(READ_ONCE(pp->fail_xsk_twice)) && index) {
		pp->fail_xsk_twice--;
		dma = le32_to_cpu(rxq->descs[index - 1].buf_phys_addr);
	}
	mvneta_rx_desc_give(rxq, index, xdp, dma);
	return 0;
}

/* XDP_PASS (or no program): the stack gets a copy, the umem frame goes
 * back to the pool at once.
 */
static void mvneta_xsk_pass(struct mvneta_port *pp,
			    struct mvneta_rx_queue *rxq,
			    struct napi_struct *napi, struct xdp_buff *xdp,
			    u32 status, struct mvneta_rx_acc *acc)
{
	unsigned int meta = xdp->data - xdp->data_meta;
	unsigned int len = xdp->data_end - xdp->data;
	struct sk_buff *skb;

	skb = napi_alloc_skb(napi, meta + len);
	if (unlikely(!skb)) {
		acc->skb_err++;
		acc->dropped++;
		xsk_buff_free(xdp);
		return;
	}
	skb_put_data(skb, xdp->data_meta, meta + len);
	if (meta) {
		__skb_pull(skb, meta);
		skb_metadata_set(skb, meta);
	}
	xsk_buff_free(xdp);

	if ((pp->dev->features & NETIF_F_RXCSUM) &&
	    (status & MVNETA_RXD_L3_IP4) && (status & MVNETA_RXD_L4_CSUM_OK))
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb_record_rx_queue(skb, rxq->id);
	skb->protocol = eth_type_trans(skb, pp->dev);
	acc->packets++;
	acc->bytes += len;
	napi_gro_receive(napi, skb);
}

/* XDP_TX of a umem frame: the core copies it into a page of its own (and
 * frees the umem frame); that copy is sent as an ndo_xdp_xmit frame.
 */
static bool mvneta_xsk_tx(struct mvneta_rx_queue *rxq, struct xdp_buff *xdp,
			  struct mvneta_xdp_acc *acc)
{
	struct xdp_frame *xdpf = xdp_convert_buff_to_frame(xdp);

	if (unlikely(!xdpf)) {
		xsk_buff_free(xdp);
		return false;
	}
	if (unlikely(!mvneta_xdp_tx_frame(rxq->pp, xdpf, NULL, acc))) {
		xdp_return_frame(xdpf);
		return false;
	}
	return true;
}

/* Run the program on a complete frame and act on its verdict. */
static void mvneta_xsk_frame(struct mvneta_port *pp,
			     struct mvneta_rx_queue *rxq,
			     struct napi_struct *napi, struct bpf_prog *prog,
			     struct xdp_buff *xdp, u32 status,
			     struct mvneta_rx_acc *acc)
{
	u32 len = xdp->data_end - xdp->data, act;

	if (!prog) {
		mvneta_xsk_pass(pp, rxq, napi, xdp, status, acc);
		return;
	}

	act = bpf_prog_run_xdp(prog, xdp);
	switch (act) {
	case XDP_PASS:
		acc->xdp.pass++;
		mvneta_xsk_pass(pp, rxq, napi, xdp, status, acc);
		return;
	case XDP_REDIRECT:
		if (likely(!xdp_do_redirect(pp->dev, xdp, prog))) {
			acc->xdp.flags |= MVNETA_XDP_F_REDIR;
			acc->xdp.redirect++;
		} else {
			/* socket RX ring full, or no socket: traced */
			xsk_buff_free(xdp);
			acc->xdp.drop++;
		}
		break;
	case XDP_TX:
		if (likely(mvneta_xsk_tx(rxq, xdp, &acc->xdp))) {
			acc->xdp.tx++;
		} else {
			acc->xdp.tx_errors++;
			trace_xdp_exception(pp->dev, prog, act);
		}
		break;
	default:
		bpf_warn_invalid_xdp_action(pp->dev, prog, act);
		fallthrough;
	case XDP_ABORTED:
		trace_xdp_exception(pp->dev, prog, act);
		fallthrough;
	case XDP_DROP:
		xsk_buff_free(xdp);
		acc->xdp.drop++;
		break;
	}
	acc->packets++;
	acc->bytes += len;
}

/* Fill the descriptors waiting for a frame; tell the socket whether it
 * must wake us when it fills its fill ring. Returns descriptors refilled.
 */
static int mvneta_xsk_refill(struct mvneta_rx_queue *rxq)
{
	struct xsk_buff_pool *pool = rxq->xsk_pool;
	int filled = mvneta_rx_refill(rxq, GFP_ATOMIC);

	if (xsk_uses_need_wakeup(pool)) {
		if (rxq->refill_num)
			xsk_set_rx_need_wakeup(pool);
		else
			xsk_clear_rx_need_wakeup(pool);
	}
	return filled;
}

/**
 * mvneta_rx_poll_zc() - receive on a zero-copy queue, refill from the fill
 *	ring, ring the doorbell once
 * @pp: port
 * @rxq: queue with an XSK pool
 * @napi: the port's NAPI context
 * @budget: most frames to complete
 *
 * A frame must fit one umem frame (checked against the MTU at bind time):
 * a frame the device spread over several descriptors is dropped and
 * counted as a length error.
 *
 * Context: NAPI.
 * Return: frames completed, at most @budget.
 */
int mvneta_rx_poll_zc(struct mvneta_port *pp, struct mvneta_rx_queue *rxq,
		      struct napi_struct *napi, int budget)
{
	struct bpf_prog *prog = READ_ONCE(pp->xdp_prog);
	struct xsk_buff_pool *pool = rxq->xsk_pool;
	struct mvneta_rx_acc acc = {};
	int rx_todo, rx_proc = 0, frames = 0, filled;

	rx_todo = mvneta_rx_todo(pp, rxq, &acc);

	while (frames < budget && rx_proc < rx_todo) {
		int index = rxq->next_to_proc;
		struct mvneta_rx_desc *desc = rxq->descs + index;
		struct xdp_buff *xdp = rxq->bufs[index];
		u32 status = le32_to_cpu(desc->status);
		u32 whole = MVNETA_RXD_FIRST_DESC | MVNETA_RXD_LAST_DESC;
		int size = le16_to_cpu(desc->data_size);

		rxq->next_to_proc = mvneta_ring_next(index, rxq->size);
		rx_proc++;
		if (unlikely(!xdp)) {
			/* out of reach while rx_todo is clamped */
			if (status & MVNETA_RXD_LAST_DESC) {
				mvneta_rx_count_error(&acc, 0);
				frames++;
			}
			continue;
		}
		rxq->bufs[index] = NULL;
		rxq->refill_num++;

		if (unlikely((status & whole) != whole ||
			     (status & MVNETA_RXD_ERR_SUMMARY) ||
			     size < MVNETA_MH_SIZE + ETH_HLEN + ETH_FCS_LEN ||
			     size > rxq->buf_size)) {
			xsk_buff_free(xdp);
			/* one count per frame: at its LAST descriptor */
			if (status & MVNETA_RXD_LAST_DESC) {
				mvneta_rx_count_error(&acc,
						      (status & whole) == whole ?
						      status : 0);
				frames++;
			}
			continue;
		}

		/* data: the frame after the Marvell header, FCS left out */
		xsk_buff_set_size(xdp, size - ETH_FCS_LEN);
		mvneta_compat_xsk_sync_for_cpu(xdp, pool);
		xdp->data += MVNETA_MH_SIZE;
		xdp->data_meta = xdp->data;

		mvneta_xsk_frame(pp, rxq, napi, prog, xdp, status, &acc);
		frames++;
	}

	if (prog)
		mvneta_xdp_finalize(rxq, &acc.xdp);

	filled = mvneta_xsk_refill(rxq);
	mvneta_rxq_doorbell(pp, rxq, rx_proc, filled);
	if (mvneta_rx_ring_empty(pp, rxq))
		acc.empty++;
	mvneta_rx_acc_commit(rxq, &acc);
	return frames;
}

/* Send what the socket queued on TX ring @txq, leaving the stack room for
 * one skb. Returns true if descriptors are left for the next poll.
 */
static bool mvneta_xsk_xmit(struct mvneta_port *pp,
			    struct mvneta_tx_queue *txq)
{
	struct netdev_queue *nq = netdev_get_tx_queue(pp->dev, txq->id);
	struct xsk_buff_pool *pool = txq->xsk_pool;
	struct xdp_desc desc;
	bool more = false;
	int sent = 0;

	__netif_tx_lock(nq, smp_processor_id());
	while (txq->size - txq->count > MVNETA_MAX_SKB_DESCS) {
		struct mvneta_tx_buf *buf = &txq->bufs[txq->put];
		dma_addr_t dma;

		if (sent == MVNETA_XSK_TX_BUDGET) {
			more = true;
			break;
		}
		/* the core checked the address and length against the umem */
		if (!xsk_tx_peek_desc(pool, &desc))
			break;
		dma = xsk_buff_raw_get_dma(pool, desc.addr);
		xsk_buff_raw_dma_sync_for_device(pool, dma, desc.len);

		buf->type = MVNETA_TYPE_XSK;
		buf->skb = NULL;
		buf->xdpf = NULL;
		buf->rxq = NULL;
		buf->dma = 0;
		buf->len = desc.len;
		mvneta_tx_desc_fill(txq, txq->put, dma, desc.len,
				    MVNETA_TX_L4_CSUM_NOT | MVNETA_TXD_F_DESC |
				    MVNETA_TXD_L_DESC | MVNETA_TXD_Z_PAD);
		txq->put = mvneta_ring_next(txq->put, txq->size);
		txq->count++;
		txq->pending++;
		sent++;
	}
	if (sent) {
		xsk_tx_release(pool);
		txq_trans_cond_update(nq);
		/* descriptors are complete in memory before the doorbell */
		dma_wmb();
		mvneta_txq_doorbell(pp, txq, txq->pending);
		txq->pending = 0;
	}
	__netif_tx_unlock(nq);

	/* completions keep the poll going while frames are in flight; an
	 * idle socket must kick us with sendto()
	 */
	if (xsk_uses_need_wakeup(pool))
		xsk_set_tx_need_wakeup(pool);
	return more;
}

/**
 * mvneta_xsk_poll() - zero-copy work of a NAPI poll besides received frames:
 *	refill RX rings from their fill rings, send from the sockets' TX rings
 * @pp: port
 *
 * Context: NAPI.
 * Return: true if a socket has TX descriptors left (poll again).
 */
bool mvneta_xsk_poll(struct mvneta_port *pp)
{
	unsigned int q, n = min(pp->rxq_number, pp->txq_number);
	bool more = false;

	for (q = 0; q < n; q++) {
		struct mvneta_rx_queue *rxq = &pp->rxqs[q];
		struct mvneta_tx_queue *txq = &pp->txqs[q];

		if (rxq->xsk_pool && rxq->refill_num) {
			int filled = mvneta_xsk_refill(rxq);

			if (filled)
				mvneta_rxq_doorbell(pp, rxq, 0, filled);
			/* the retry polls the queue, which counts it */
			mvneta_rx_ring_empty(pp, rxq);
		}
		if (txq->xsk_pool && mvneta_xsk_xmit(pp, txq))
			more = true;
	}
	return more;
}

/**
 * mvneta_xsk_tx_completed() - zero-copy TX descriptors sent (or dropped at
 *	teardown): their umem frames go to the completion ring
 * @txq: queue (its TX lock held)
 * @num: descriptors
 */
void mvneta_xsk_tx_completed(struct mvneta_tx_queue *txq, u32 num)
{
	xsk_tx_completed(txq->xsk_pool, num);
}
