// SPDX-License-Identifier: GPL-2.0-only
/*
 * XDP: program attach (ndo_bpf), the verdicts of the RX path, XDP_TX and
 * ndo_xdp_xmit on the TX rings shared with the stack, and the counters.
 *
 *   mvneta_rx_poll()                              (rx.c, NAPI)
 *     complete frame (head + frags) -> mvneta_xdp_run()
 *        PASS      -> rx.c builds the skb on the same pages
 *        DROP, ABORTED, unknown, failed redirect/TX
 *                  -> rx.c recycles the pages into the pool (direct)
 *        TX        -> xdp_frame queued on the TX ring of this CPU under
 *                     the netdev TX queue lock; MVNETA_XDP_F_TX
 *        REDIRECT  -> xdp_do_redirect(); MVNETA_XDP_F_REDIR
 *     end of poll -> mvneta_xdp_finalize(): xdp_do_flush() once, one TX
 *                    doorbell, counters folded into u64_stats once
 *
 *   TX completion (tx.c): XDP_TX pages go back to their RX pool, frames of
 *   ndo_xdp_xmit to their owner with xdp_return_frame().
 *
 * Attaching the first program or removing the last one changes how the
 * pools map pages (DMA_BIDIRECTIONAL for XDP_TX): a running port is then
 * restarted with new rings; replacing a program swaps the pointer only.
 */

#include <linux/bpf_trace.h>
#include <linux/dma-mapping.h>
#include <linux/filter.h>
#include <linux/netdevice.h>
#include <net/xdp.h>

#include "mvneta.h"

/* Largest MTU whose frames fit in one RX buffer (MH and FCS included) */
#define MVNETA_XDP_SB_MAX_MTU \
	(MVNETA_RX_BUF_SIZE - MVNETA_MH_SIZE - MVNETA_VLAN_TAG_LEN - ETH_HLEN - \
	 ETH_FCS_LEN)

static_assert(MVNETA_RX_PKT_SIZE(MVNETA_XDP_SB_MAX_MTU) <= MVNETA_RX_BUF_SIZE);

/* ethtool -S: the verdicts of the RX queues, then ndo_xdp_xmit's TX counters */
static const struct mvneta_stat mvneta_xdp_rx_stats[] = {
	MVNETA_STAT_NAMED("rx_xdp_redirect", struct mvneta_xdp_rxq_stats, redirect),
	MVNETA_STAT_NAMED("rx_xdp_pass", struct mvneta_xdp_rxq_stats, pass),
	MVNETA_STAT_NAMED("rx_xdp_drop", struct mvneta_xdp_rxq_stats, drop),
	MVNETA_STAT_NAMED("rx_xdp_tx", struct mvneta_xdp_rxq_stats, tx),
	MVNETA_STAT_NAMED("rx_xdp_tx_errors", struct mvneta_xdp_rxq_stats, tx_errors),
};

static const struct mvneta_stat mvneta_xdp_tx_stats[] = {
	MVNETA_STAT_NAMED("tx_xdp_xmit", struct mvneta_xdp_txq_stats, xmit),
	MVNETA_STAT_NAMED("tx_xdp_xmit_errors", struct mvneta_xdp_txq_stats,
			  xmit_errors),
};

MVNETA_STATS_COVERED(struct mvneta_xdp_rxq_stats, redirect, mvneta_xdp_rx_stats);
MVNETA_STATS_COVERED(struct mvneta_xdp_txq_stats, xmit, mvneta_xdp_tx_stats);
static_assert(ARRAY_SIZE(mvneta_xdp_rx_stats) + ARRAY_SIZE(mvneta_xdp_tx_stats) ==
	      MVNETA_XDP_STATS_COUNT);

/**
 * mvneta_xdp_stats_strings() - the names of the XDP counters for ethtool -S
 * @data: where to write them (advanced past them)
 */
void mvneta_xdp_stats_strings(u8 **data)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mvneta_xdp_rx_stats); i++)
		ethtool_sprintf(data, "%s", mvneta_xdp_rx_stats[i].name);
	for (i = 0; i < ARRAY_SIZE(mvneta_xdp_tx_stats); i++)
		ethtool_sprintf(data, "%s", mvneta_xdp_tx_stats[i].name);
}

/**
 * mvneta_xdp_init() - XDP state of a new port
 * @pp: port (queues allocated, netdev not registered yet)
 */
void mvneta_xdp_init(struct mvneta_port *pp)
{
	unsigned int q;

	for (q = 0; q < pp->rxq_number; q++)
		u64_stats_init(&pp->rxqs[q].xdp_stats.syncp);
	for (q = 0; q < pp->txq_number; q++)
		u64_stats_init(&pp->txqs[q].xdp_stats.syncp);
	pp->xdp_prog = NULL;
	pp->xdp_dma_bidir = false;
	mvneta_compat_xdp_features_set(pp->dev);
}

/* Frames of @mtu fit in one buffer, or @prog handles multi-buffer frames. */
static bool mvneta_xdp_mtu_ok(const struct bpf_prog *prog, int mtu)
{
	return !prog || prog->aux->xdp_has_frags ||
	       mtu <= MVNETA_XDP_SB_MAX_MTU;
}

static int mvneta_xdp_setup(struct net_device *dev, struct bpf_prog *prog,
			    struct netlink_ext_ack *extack)
{
	struct mvneta_port *pp = netdev_priv(dev);
	struct bpf_prog *old = NULL;
	bool bidir = !!prog, restart;
	int err;

	if (!mvneta_xdp_mtu_ok(prog, dev->mtu)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "MTU above the single-buffer limit (3496 with 4 KiB pages): the program must support XDP frags (xdp.frags)");
		return -EOPNOTSUPP;
	}

	restart = netif_running(dev) && bidir != pp->xdp_dma_bidir;

	/* Attach: new rings first, then the program, so that no XDP_TX ever
	 * sends from a page mapped DMA_FROM_DEVICE. Detach: the reverse.
	 */
	if (!prog)
		old = xchg(&pp->xdp_prog, NULL);
	if (restart) {
		/* on failure the port runs on rings of the old direction */
		err = mvneta_reconfigure(dev, pp->rx_ring_size,
					 pp->tx_ring_size, bidir, extack);
		if (err) {
			if (!prog)
				WRITE_ONCE(pp->xdp_prog, old);
			return err;
		}
	} else {
		pp->xdp_dma_bidir = bidir;
	}
	if (prog)
		old = xchg(&pp->xdp_prog, prog);
	if (old)
		bpf_prog_put(old);

	/* a single-buffer program caps the MTU (the core's extack refuses) */
	dev->max_mtu = prog && !prog->aux->xdp_has_frags ?
		       MVNETA_XDP_SB_MAX_MTU : MVNETA_MAX_MTU;
	return 0;
}

/**
 * mvneta_xdp() - ndo_bpf
 * @dev: netdev
 * @bpf: command
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno (with an extack message when refused).
 */
int mvneta_xdp(struct net_device *dev, struct netdev_bpf *bpf)
{
	switch (bpf->command) {
	case XDP_SETUP_PROG:
		return mvneta_xdp_setup(dev, bpf->prog, bpf->extack);
	case XDP_SETUP_XSK_POOL:
		return mvneta_xsk_pool_setup(dev, bpf->xsk.pool,
					     bpf->xsk.queue_id, bpf->extack);
	default:
		return -EINVAL;
	}
}

/* Free descriptors of @txq for a frame of @nr_frags frags. */
static bool mvneta_xdp_room(struct mvneta_tx_queue *txq, int nr_frags)
{
	return txq->size - txq->count >= nr_frags + 1;
}

/* Describe one piece of an XDP frame at txq->put + @i. */
static void mvneta_xdp_piece(struct mvneta_tx_queue *txq, int index,
			     enum mvneta_tx_buf_type type,
			     struct mvneta_rx_queue *rxq, dma_addr_t dma,
			     u32 len, bool map, u32 cmd)
{
	struct mvneta_tx_buf *buf = &txq->bufs[index];

	buf->type = type;
	buf->skb = NULL;
	buf->xdpf = NULL;
	buf->rxq = rxq;
	buf->dma = map ? dma : 0;
	buf->len = len;
	mvneta_tx_desc_fill(txq, index, dma, len, cmd);
}

/*
 * Queue @xdpf on @txq (its netdev TX lock held). XDP_TX frames (@rxq set)
 * live in pages of @rxq's pool, already mapped: sync only. Frames of
 * ndo_xdp_xmit are mapped here. Nothing is queued on failure, nor while
 * the ring is rebuilt (mvneta_qpair_restart()).
 */
static int mvneta_xdp_submit(struct mvneta_port *pp,
			     struct mvneta_tx_queue *txq,
			     struct xdp_frame *xdpf,
			     struct mvneta_rx_queue *rxq)
{
	struct skb_shared_info *sinfo = xdp_get_shared_info_from_frame(xdpf);
	int nr_frags = xdp_frame_has_frags(xdpf) ? sinfo->nr_frags : 0;
	enum mvneta_tx_buf_type type = rxq ? MVNETA_TYPE_XDP_TX :
					     MVNETA_TYPE_XDP_NDO;
	int index = txq->put, i, done = 0;

	if (unlikely(txq->closed))
		return -ENETDOWN;
	if (!mvneta_xdp_room(txq, nr_frags))
		return -EBUSY;

	for (i = 0; i <= nr_frags; i++) {
		u32 cmd = MVNETA_TX_L4_CSUM_NOT;
		struct page *page;
		dma_addr_t dma;
		u32 len, off;

		if (i == 0) {
			page = virt_to_page(xdpf->data);
			off = offset_in_page(xdpf->data);
			len = xdpf->len;
			cmd |= MVNETA_TXD_F_DESC;
		} else {
			skb_frag_t *frag = &sinfo->frags[i - 1];

			page = skb_frag_page(frag);
			off = skb_frag_off(frag);
			len = skb_frag_size(frag);
		}
		if (i == nr_frags)
			cmd |= MVNETA_TXD_L_DESC | MVNETA_TXD_Z_PAD;

		if (rxq) {
			dma = mvneta_pool_dma(rxq, page) + off;
			dma_sync_single_for_device(pp->dmadev, dma, len,
						   DMA_BIDIRECTIONAL);
		} else {
			if (mvneta_tx_dma_map(pp, page, off, len, &dma))
				goto err_unmap;
		}
		mvneta_xdp_piece(txq, index, type, rxq, dma, len, !rxq, cmd);
		done++;
		if (i < nr_frags)
			index = mvneta_ring_next(index, txq->size);
	}

	/* the frame is returned with its LAST descriptor */
	txq->bufs[index].xdpf = xdpf;
	txq->put = mvneta_ring_next(index, txq->size);
	txq->count += done;
	txq->pending += done;
	return 0;

err_unmap:
	for (index = txq->put; done > 0; done--) {
		struct mvneta_tx_buf *buf = &txq->bufs[index];

		if (buf->dma)
			dma_unmap_page(pp->dmadev, buf->dma, buf->len,
				       DMA_TO_DEVICE);
		buf->dma = 0;
		index = mvneta_ring_next(index, txq->size);
	}
	return -ENOMEM;
}

static struct mvneta_tx_queue *mvneta_xdp_txq(struct mvneta_port *pp,
					      int cpu)
{
	return &pp->txqs[cpu % pp->txq_number];
}

/**
 * mvneta_xdp_tx_free() - return the XDP frame of a completed (or dropped)
 *	LAST TX descriptor
 * @pp: port
 * @buf: descriptor state, @buf->xdpf set
 * @napi: called from the port's NAPI poll
 *
 * XDP_TX frames are pages of our own RX pool: recycled into it (directly
 * from NAPI). ndo_xdp_xmit frames belong to whoever sent them.
 */
void mvneta_xdp_tx_free(struct mvneta_port *pp, struct mvneta_tx_buf *buf,
			bool napi)
{
	struct xdp_frame *xdpf = buf->xdpf;

	buf->xdpf = NULL;
	if (buf->type == MVNETA_TYPE_XDP_TX) {
		if (xdp_frame_has_frags(xdpf)) {
			struct skb_shared_info *sinfo;
			int i;

			sinfo = xdp_get_shared_info_from_frame(xdpf);
			for (i = 0; i < sinfo->nr_frags; i++)
				mvneta_pool_put(buf->rxq,
						skb_frag_address(&sinfo->frags[i]),
						napi);
		}
		mvneta_pool_put(buf->rxq, xdpf->data, napi);
		return;
	}
	/* not ours: never recycle directly into another device's pool */
	xdp_return_frame(xdpf);
}

/**
 * mvneta_xdp_tx_frame() - XDP_TX: queue a frame on this CPU's TX queue, the
 *	doorbell waits for mvneta_xdp_finalize()
 * @pp: port
 * @xdpf: the frame
 * @rxq: RX queue whose pool holds the frame's pages, or NULL for a frame
 *	in memory of its own (a zero-copy frame's copy): mapped here and
 *	returned with xdp_return_frame()
 * @acc: this poll's XDP work
 *
 * Context: NAPI.
 * Return: true if queued; false if the ring has no room (the caller keeps
 * the frame).
 */
bool mvneta_xdp_tx_frame(struct mvneta_port *pp, struct xdp_frame *xdpf,
			 struct mvneta_rx_queue *rxq,
			 struct mvneta_xdp_acc *acc)
{
	int cpu = smp_processor_id();
	struct mvneta_tx_queue *txq = mvneta_xdp_txq(pp, cpu);
	struct netdev_queue *nq = netdev_get_tx_queue(pp->dev, txq->id);
	int err;

	__netif_tx_lock(nq, cpu);
	txq_trans_cond_update(nq);
	err = mvneta_xdp_submit(pp, txq, xdpf, rxq);
	__netif_tx_unlock(nq);
	if (err)
		return false;

	acc->flags |= MVNETA_XDP_F_TX;
	acc->txq = txq;
	return true;
}

/* XDP_TX of a frame in pages of @rxq's pool. */
static bool mvneta_xdp_tx(struct mvneta_rx_queue *rxq, struct xdp_buff *xdp,
			  struct mvneta_xdp_acc *acc)
{
	struct xdp_frame *xdpf;

	xdpf = xdp_convert_buff_to_frame(xdp);
	if (unlikely(!xdpf))
		return false;
	return mvneta_xdp_tx_frame(rxq->pp, xdpf, rxq, acc);
}

/**
 * mvneta_xdp_run() - run @prog on a complete frame and act on its verdict
 * @rxq: queue the frame came from
 * @prog: the port's program (read once per poll)
 * @xdp: the frame (head page, frags in its shared info)
 * @acc: this poll's XDP work and counters
 *
 * Context: NAPI.
 * Return: what the caller does with the pages, see enum mvneta_xdp_result.
 */
enum mvneta_xdp_result mvneta_xdp_run(struct mvneta_rx_queue *rxq,
				      struct bpf_prog *prog,
				      struct xdp_buff *xdp,
				      struct mvneta_xdp_acc *acc)
{
	struct net_device *dev = rxq->pp->dev;
	u32 act;

	if (unlikely(xdp_buff_has_frags(xdp) && !prog->aux->xdp_has_frags))
		return MVNETA_XDP_REFUSED;

	act = bpf_prog_run_xdp(prog, xdp);
	switch (act) {
	case XDP_PASS:
		acc->pass++;
		return MVNETA_XDP_PASS;
	case XDP_TX:
		if (likely(mvneta_xdp_tx(rxq, xdp, acc))) {
			acc->tx++;
			return MVNETA_XDP_CONSUMED;
		}
		acc->tx_errors++;
		trace_xdp_exception(dev, prog, act);
		return MVNETA_XDP_DROPPED;
	case XDP_REDIRECT:
		if (likely(!xdp_do_redirect(dev, xdp, prog))) {
			acc->flags |= MVNETA_XDP_F_REDIR;
			acc->redirect++;
			return MVNETA_XDP_CONSUMED;
		}
		/* xdp_do_redirect() traced the failure */
		acc->drop++;
		return MVNETA_XDP_DROPPED;
	default:
		bpf_warn_invalid_xdp_action(dev, prog, act);
		fallthrough;
	case XDP_ABORTED:
		trace_xdp_exception(dev, prog, act);
		fallthrough;
	case XDP_DROP:
		acc->drop++;
		return MVNETA_XDP_DROPPED;
	}
}

/**
 * mvneta_xdp_finalize() - end of an RX poll: flush redirects, ring the TX
 *	doorbell once, fold the verdict counters into the queue's statistics
 * @rxq: queue
 * @acc: this poll's XDP work
 *
 * Context: NAPI.
 */
void mvneta_xdp_finalize(struct mvneta_rx_queue *rxq,
			 struct mvneta_xdp_acc *acc)
{
	struct mvneta_xdp_rxq_stats *s = &rxq->xdp_stats;

	if (acc->flags & MVNETA_XDP_F_REDIR)
		xdp_do_flush();

	if (acc->flags & MVNETA_XDP_F_TX) {
		struct mvneta_tx_queue *txq = acc->txq;
		struct netdev_queue *nq;

		nq = netdev_get_tx_queue(rxq->pp->dev, txq->id);
		__netif_tx_lock(nq, smp_processor_id());
		/* descriptors are complete in memory before the doorbell */
		dma_wmb();
		mvneta_txq_doorbell(rxq->pp, txq, txq->pending);
		txq->pending = 0;
		__netif_tx_unlock(nq);
	}

	if (!(acc->redirect | acc->pass | acc->drop | acc->tx | acc->tx_errors))
		return;
	u64_stats_update_begin(&s->syncp);
	s->redirect += acc->redirect;
	s->pass += acc->pass;
	s->drop += acc->drop;
	s->tx += acc->tx;
	s->tx_errors += acc->tx_errors;
	u64_stats_update_end(&s->syncp);
}

/**
 * mvneta_xdp_xmit() - ndo_xdp_xmit: queue redirected frames on the TX ring
 *	of this CPU
 * @dev: netdev
 * @num: frames
 * @frames: the frames
 * @flags: XDP_XMIT_FLUSH rings the doorbell
 *
 * Context: softirq (devmap flush), RCU read side.
 * Return: frames queued (the caller frees the others), -ENETDOWN when the
 * port is down, -EINVAL for unknown flags.
 */
int mvneta_xdp_xmit(struct net_device *dev, int num,
		    struct xdp_frame **frames, u32 flags)
{
	struct mvneta_port *pp = netdev_priv(dev);
	int cpu = smp_processor_id(), i, sent = 0;
	struct mvneta_tx_queue *txq;
	struct netdev_queue *nq;

	if (unlikely(flags & ~XDP_XMIT_FLAGS_MASK))
		return -EINVAL;
	if (unlikely(!READ_ONCE(pp->running)))
		return -ENETDOWN;

	txq = mvneta_xdp_txq(pp, cpu);
	nq = netdev_get_tx_queue(dev, txq->id);

	__netif_tx_lock(nq, cpu);
	/* stop_dev clears running before it takes this lock to disable */
	if (unlikely(!READ_ONCE(pp->running))) {
		__netif_tx_unlock(nq);
		return -ENETDOWN;
	}
	txq_trans_cond_update(nq);
	for (i = 0; i < num; i++) {
		if (mvneta_xdp_submit(pp, txq, frames[i], NULL))
			break;
		sent++;
	}
	if (flags & XDP_XMIT_FLUSH) {
		dma_wmb();
		mvneta_txq_doorbell(pp, txq, txq->pending);
		txq->pending = 0;
	}

	u64_stats_update_begin(&txq->xdp_stats.syncp);
	txq->xdp_stats.xmit += sent;
	txq->xdp_stats.xmit_errors += num - sent;
	u64_stats_update_end(&txq->xdp_stats.syncp);
	__netif_tx_unlock(nq);

	return sent;
}

/**
 * mvneta_xdp_stats_get() - XDP counters summed over the queues, in the
 *	order of mvneta_xdp_stats_strings()
 * @pp: port
 * @v: MVNETA_XDP_STATS_COUNT values
 */
void mvneta_xdp_stats_get(struct mvneta_port *pp, u64 *v)
{
	u64 *tx = v + ARRAY_SIZE(mvneta_xdp_rx_stats);
	u64 r[ARRAY_SIZE(mvneta_xdp_rx_stats)];
	u64 t[ARRAY_SIZE(mvneta_xdp_tx_stats)];
	unsigned int q, i;

	memset(v, 0, MVNETA_XDP_STATS_COUNT * sizeof(*v));
	for (q = 0; q < pp->rxq_number; q++) {
		const struct mvneta_xdp_rxq_stats *s = &pp->rxqs[q].xdp_stats;

		mvneta_stats_read(&s->syncp, s, mvneta_xdp_rx_stats,
				  ARRAY_SIZE(r), r);
		for (i = 0; i < ARRAY_SIZE(r); i++)
			v[i] += r[i];
	}
	for (q = 0; q < pp->txq_number; q++) {
		const struct mvneta_xdp_txq_stats *s = &pp->txqs[q].xdp_stats;

		mvneta_stats_read(&s->syncp, s, mvneta_xdp_tx_stats,
				  ARRAY_SIZE(t), t);
		for (i = 0; i < ARRAY_SIZE(t); i++)
			tx[i] += t[i];
	}
}
