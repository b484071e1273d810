// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA transmit path: ndo_start_xmit, completion in NAPI, BQL.
 *
 * One descriptor per buffer (skb head, then one per frag), FIRST on the head
 * and LAST on the final piece. Descriptors are announced to the device in
 * MVNETA_TXQ_UPDATE_REG (pending, at most 255 per write), deferred while the
 * stack says more frames follow (xmit_more). The device reports completed
 * descriptors in MVNETA_TXQ_STATUS_REG (sent); the NAPI poll releases them
 * (dec-sent) and frees the skbs.
 *
 * Locking: everything in struct mvneta_tx_queue is protected by the netdev
 * TX queue lock: ndo_start_xmit runs with it held, the completion takes it
 * (__netif_tx_lock), and XDP_TX / ndo_xdp_xmit will take it too.
 */

#include <linux/dma-mapping.h>
#include <linux/error-injection.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/tcp.h>
#include <linux/udp.h>

#include "mvneta.h"

/**
 * mvneta_txq_doorbell() - announce @num filled descriptors to the device
 * @pp: port
 * @txq: queue (its netdev TX lock held)
 * @num: descriptors
 */
void mvneta_txq_doorbell(struct mvneta_port *pp, struct mvneta_tx_queue *txq,
			 int num)
{
	while (num > 0) {
		u32 val = min_t(int, num, MVNETA_TXQ_ADD_PENDING_MASK);

		mvreg_write(pp, MVNETA_TXQ_UPDATE_REG(txq->id), val);
		num -= val;
	}
}

/* Release @num sent descriptors to the device's count. */
static void mvneta_txq_sent_dec(struct mvneta_port *pp,
				struct mvneta_tx_queue *txq, int num)
{
	while (num > 0) {
		u32 val = min_t(int, num, MVNETA_TXQ_DEC_SENT_MASK);

		mvreg_write(pp, MVNETA_TXQ_UPDATE_REG(txq->id),
			    val << MVNETA_TXQ_DEC_SENT_SHIFT);
		num -= val;
	}
}

static int mvneta_txq_sent_get(struct mvneta_port *pp,
			       struct mvneta_tx_queue *txq)
{
	u32 val = mvreg_read(pp, MVNETA_TXQ_STATUS_REG(txq->id));

	return (val & MVNETA_TXQ_SENT_DESC_MASK) >> MVNETA_TXQ_SENT_DESC_SHIFT;
}

/* Checksum offload command bits for @skb: the device computes the IPv4
 * header and TCP/UDP checksums of what it can parse (L3 offset < 128, IP
 * header without IPv6 extension headers); anything else is checksummed here.
 * Returns the command bits, or a negative errno when the software checksum
 * failed.
 */
static s64 mvneta_skb_tx_csum(struct sk_buff *skb)
{
	int l3_offs = skb_network_offset(skb);
	__be16 l3_proto = vlan_get_protocol(skb);
	u32 cmd = 0;
	u8 l4_proto;
	int ihl;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return MVNETA_TX_L4_CSUM_NOT;

	if (l3_proto == htons(ETH_P_IP)) {
		ihl = ip_hdr(skb)->ihl;
		l4_proto = ip_hdr(skb)->protocol;
		cmd |= MVNETA_TXD_IP_CSUM;
	} else if (l3_proto == htons(ETH_P_IPV6)) {
		ihl = skb_network_header_len(skb) >> 2;
		l4_proto = ipv6_hdr(skb)->nexthdr;
		cmd |= MVNETA_TX_L3_IP6;
	} else {
		goto sw_csum;
	}

	if (l3_offs > MVNETA_TX_L3_OFF_MASK || ihl > 0x1f ||
	    skb_checksum_start_offset(skb) != l3_offs + ihl * 4)
		goto sw_csum;
	if (l4_proto == IPPROTO_TCP &&
	    skb->csum_offset == offsetof(struct tcphdr, check))
		cmd |= MVNETA_TX_L4_CSUM_FULL;
	else if (l4_proto == IPPROTO_UDP &&
		 skb->csum_offset == offsetof(struct udphdr, check))
		cmd |= MVNETA_TX_L4_UDP | MVNETA_TX_L4_CSUM_FULL;
	else
		goto sw_csum;

	cmd |= l3_offs << MVNETA_TX_L3_OFF_SHIFT;
	cmd |= ihl << MVNETA_TX_IP_HLEN_SHIFT;
	return cmd;

sw_csum:
	if (skb_checksum_help(skb))
		return -EINVAL;
	return MVNETA_TX_L4_CSUM_NOT;
}

/**
 * mvneta_tx_dma_map() - map one TX buffer for the device
 * @pp: port
 * @page: page holding the buffer (for a linear buffer: virt_to_page())
 * @off: offset of the buffer in @page
 * @len: length in bytes
 * @dma: the device address, set on success
 *
 * Every TX mapping goes through here: stack frames, their fragments and
 * ndo_xdp_xmit frames. It is the one place the kernel's function error
 * injection (CONFIG_FAIL_FUNCTION, /sys/kernel/debug/fail_function) can fail
 * a mapping, so the sanitizer lane drives the unwind paths with it.
 *
 * Return: 0, or -ENOMEM with nothing mapped.
 */
noinline int mvneta_tx_dma_map(struct mvneta_port *pp, struct page *page,
			       unsigned int off, unsigned int len,
			       dma_addr_t *dma)
{
	*dma = dma_map_page(pp->dmadev, page, off, len, DMA_TO_DEVICE);
	if (dma_mapping_error(pp->dmadev, *dma))
		return -ENOMEM;
	return 0;
}

ALLOW_ERROR_INJECTION(mvneta_tx_dma_map, ERRNO);

static void mvneta_tx_unmap(struct mvneta_port *pp, struct mvneta_tx_buf *buf)
{
	if (!buf->dma)
		return;
	dma_unmap_page(pp->dmadev, buf->dma, buf->len, DMA_TO_DEVICE);
	buf->dma = 0;
}

/**
 * mvneta_tx_desc_fill() - write one TX descriptor
 * @txq: queue (its netdev TX lock held)
 * @index: descriptor
 * @dma: buffer address
 * @len: buffer length
 * @cmd: command bits (FIRST/LAST, padding, checksum)
 */
void mvneta_tx_desc_fill(struct mvneta_tx_queue *txq, int index,
			 dma_addr_t dma, u32 len, u32 cmd)
{
	struct mvneta_tx_desc *desc = txq->descs + index;

	desc->buf_phys_addr = cpu_to_le32(lower_32_bits(dma));
	desc->data_size = cpu_to_le16(len);
	desc->csum_l4 = 0;
	desc->hw_cmd = 0;
	desc->command = cpu_to_le32(cmd);
}

/* Map and describe @skb from txq->put on; returns descriptors used or a
 * negative errno with nothing left mapped (the skb is then dropped).
 */
static int mvneta_tx_map_skb(struct mvneta_port *pp,
			     struct mvneta_tx_queue *txq, struct sk_buff *skb)
{
	int nr_frags = skb_shinfo(skb)->nr_frags;
	int index = txq->put, i, used = 0;
	struct mvneta_tx_buf *buf;
	dma_addr_t dma;
	s64 csum;
	u32 len, cmd;

	csum = mvneta_skb_tx_csum(skb);
	if (csum < 0)
		return csum;
	cmd = csum;

	len = skb_headlen(skb);
	if (mvneta_tx_dma_map(pp, virt_to_page(skb->data),
			      offset_in_page(skb->data), len, &dma))
		return -ENOMEM;

	buf = &txq->bufs[index];
	buf->type = MVNETA_TYPE_SKB;
	buf->skb = NULL;
	buf->dma = dma;
	buf->len = len;
	cmd |= MVNETA_TXD_F_DESC;
	if (!nr_frags)
		cmd |= MVNETA_TXD_L_DESC | MVNETA_TXD_Z_PAD;
	mvneta_tx_desc_fill(txq, index, dma, len, cmd);
	used++;

	for (i = 0; i < nr_frags; i++) {
		skb_frag_t *frag = &skb_shinfo(skb)->frags[i];

		index = mvneta_ring_next(index, txq->size);
		len = skb_frag_size(frag);
		if (mvneta_tx_dma_map(pp, skb_frag_page(frag),
				      skb_frag_off(frag), len, &dma))
			goto err_unmap;

		buf = &txq->bufs[index];
		buf->type = MVNETA_TYPE_SKB;
		buf->skb = NULL;
		buf->dma = dma;
		buf->len = len;
		cmd = i == nr_frags - 1 ? MVNETA_TXD_L_DESC | MVNETA_TXD_Z_PAD
					: 0;
		mvneta_tx_desc_fill(txq, index, dma, len, cmd);
		used++;
	}

	/* the skb is freed with its LAST descriptor */
	txq->bufs[index].skb = skb;
	return used;

err_unmap:
	for (index = txq->put; used > 0; used--) {
		mvneta_tx_unmap(pp, &txq->bufs[index]);
		index = mvneta_ring_next(index, txq->size);
	}
	return -ENOMEM;
}

/**
 * mvneta_start_xmit() - ndo_start_xmit
 * @skb: frame
 * @dev: netdev
 *
 * Context: BH disabled, the queue's netdev TX lock held.
 * Return: NETDEV_TX_OK (frames that cannot be mapped are dropped and
 * counted); NETDEV_TX_BUSY when XDP frames took the room the queue keeps
 * for one skb (the queue is stopped and counted, the stack requeues).
 */
netdev_tx_t mvneta_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct mvneta_port *pp = netdev_priv(dev);
	u16 qid = skb_get_queue_mapping(skb);
	struct mvneta_tx_queue *txq = &pp->txqs[qid];
	struct netdev_queue *nq = netdev_get_tx_queue(dev, qid);
	int used;

	if (unlikely(txq->size - txq->count < MVNETA_MAX_SKB_DESCS)) {
		/* XDP_TX and ndo_xdp_xmit fill the ring without stopping the
		 * queue. Descriptors filled before (xmit_more, ndo_xdp_xmit
		 * without flush) must reach the device now: their completion
		 * is what wakes the queue again.
		 */
		netif_tx_stop_queue(nq);
		u64_stats_update_begin(&txq->stats.syncp);
		txq->stats.stops++;
		u64_stats_update_end(&txq->stats.syncp);
		if (txq->pending) {
			dma_wmb();
			mvneta_txq_doorbell(pp, txq, txq->pending);
			txq->pending = 0;
		}
		return NETDEV_TX_BUSY;
	}

	used = mvneta_tx_map_skb(pp, txq, skb);
	if (unlikely(used < 0)) {
		u64_stats_update_begin(&txq->stats.syncp);
		txq->stats.dropped++;
		u64_stats_update_end(&txq->stats.syncp);
		dev_kfree_skb_any(skb);
		goto ring;
	}

	txq->put = (txq->put + used) % txq->size;
	txq->count += used;
	txq->pending += used;
	netdev_tx_sent_queue(nq, skb->len);

	if (txq->count >= txq->stop_threshold) {
		netif_tx_stop_queue(nq);
		u64_stats_update_begin(&txq->stats.syncp);
		txq->stats.stops++;
		u64_stats_update_end(&txq->stats.syncp);
	}

ring:
	if (!netdev_xmit_more() || netif_xmit_stopped(nq)) {
		/* descriptors are complete in memory before the doorbell */
		dma_wmb();
		mvneta_txq_doorbell(pp, txq, txq->pending);
		txq->pending = 0;
	}
	return NETDEV_TX_OK;
}

/* Free @num completed descriptors from txq->get on; counts what was sent
 * (@sent) or dropped at teardown.
 */
static void mvneta_txq_reclaim(struct mvneta_port *pp,
			       struct mvneta_tx_queue *txq, int num,
			       bool sent, bool napi)
{
	unsigned int pkts = 0, bytes = 0, xdp_pkts = 0, xdp_bytes = 0;
	u32 xsk = 0;
	int i;

	for (i = 0; i < num; i++) {
		struct mvneta_tx_buf *buf = &txq->bufs[txq->get];

		txq->get = mvneta_ring_next(txq->get, txq->size);
		mvneta_tx_unmap(pp, buf);
		if (buf->skb) {
			pkts++;
			bytes += buf->skb->len;
			napi_consume_skb(buf->skb, napi ? 64 : 0);
			buf->skb = NULL;
		} else if (buf->xdpf) {
			/* XDP frames are not in BQL's count */
			xdp_pkts++;
			xdp_bytes += xdp_get_frame_len(buf->xdpf);
			mvneta_xdp_tx_free(pp, buf, napi);
		} else if (buf->type == MVNETA_TYPE_XSK) {
			/* sent or dropped, the umem frame is the socket's
			 * again
			 */
			xsk++;
			xdp_pkts++;
			xdp_bytes += buf->len;
		}
	}
	txq->count -= num;
	if (xsk)
		mvneta_xsk_tx_completed(txq, xsk);

	netdev_tx_completed_queue(netdev_get_tx_queue(pp->dev, txq->id),
				  pkts, bytes);

	u64_stats_update_begin(&txq->stats.syncp);
	if (sent) {
		txq->stats.packets += pkts + xdp_pkts;
		txq->stats.bytes += bytes + xdp_bytes;
	} else {
		txq->stats.dropped += pkts + xdp_pkts;
	}
	u64_stats_update_end(&txq->stats.syncp);
}

/* Descriptors from txq->get on, at most @sent, before the first XDP_TX
 * one: those a netpoll completion may free without touching a page pool.
 */
static int mvneta_txq_netpoll_limit(struct mvneta_tx_queue *txq, int sent)
{
	int i, index = txq->get;

	for (i = 0; i < sent; i++) {
		/* the XSK completion ring has one producer: NAPI */
		if (txq->bufs[index].type == MVNETA_TYPE_XDP_TX ||
		    txq->bufs[index].type == MVNETA_TYPE_XSK)
			return i;
		index = mvneta_ring_next(index, txq->size);
	}
	return sent;
}

/* Completion of one queue; the queue's TX lock held. @netpoll: a budget 0
 * poll, in any context: XDP_TX buffers (and what follows) wait for NAPI.
 */
static void mvneta_txq_done(struct mvneta_port *pp,
			    struct mvneta_tx_queue *txq, bool napi,
			    bool netpoll)
{
	struct netdev_queue *nq = netdev_get_tx_queue(pp->dev, txq->id);
	int sent;

	sent = mvneta_txq_sent_get(pp, txq);
	if (!sent)
		return;
	/* The device was told about count - pending descriptors only: a
	 * larger sent count is no count at all. Nothing is reclaimed on its
	 * word: clamped, it would still free announced descriptors the device
	 * may not have sent yet (it reads them later, from freed buffers).
	 * The next read gives the true count; a queue that stays stuck is
	 * reset by the TX watchdog.
	 */
	if (unlikely(sent > txq->count - txq->pending)) {
		u64_stats_update_begin(&txq->stats.syncp);
		txq->stats.hw_errors++;
		u64_stats_update_end(&txq->stats.syncp);
		return;
	}
	if (netpoll) {
		sent = mvneta_txq_netpoll_limit(txq, sent);
		if (!sent)
			return;
	}
	mvneta_txq_sent_dec(pp, txq, sent);
	mvneta_txq_reclaim(pp, txq, sent, true, napi);

	/* not a queue whose ring is being rebuilt (its teardown completes
	 * it too)
	 */
	if (netif_tx_queue_stopped(nq) && txq->count <= txq->wake_threshold &&
	    READ_ONCE(pp->running) && !txq->closed) {
		netif_tx_wake_queue(nq);
		u64_stats_update_begin(&txq->stats.syncp);
		txq->stats.wakes++;
		u64_stats_update_end(&txq->stats.syncp);
	}
}

/**
 * mvneta_tx_done() - TX completion for the queues flagged in @cause_tx
 * @pp: port
 * @cause_tx: MVNETA_INTR_NEW_CAUSE bits 0..7
 *
 * Context: NAPI poll.
 */
void mvneta_tx_done(struct mvneta_port *pp, u32 cause_tx)
{
	int cpu = smp_processor_id();

	while (cause_tx) {
		int q = __ffs(cause_tx);
		struct mvneta_tx_queue *txq = &pp->txqs[q];
		struct netdev_queue *nq = netdev_get_tx_queue(pp->dev, q);

		cause_tx &= ~BIT(q);
		if (q >= pp->txq_number)
			continue;
		__netif_tx_lock(nq, cpu);
		if (txq->count)
			mvneta_txq_done(pp, txq, true, false);
		__netif_tx_unlock(nq);
	}
}

/**
 * mvneta_tx_done_netpoll() - TX completion of a budget 0 poll
 * @pp: port
 *
 * netpoll (netconsole) polls with budget 0, possibly in hard IRQ context
 * or with interrupts off: complete TX only, free skbs as outside NAPI,
 * touch neither the RX rings nor a page pool, never wait for a TX lock
 * (its holder may be the code this CPU interrupted).
 *
 * Context: any.
 */
void mvneta_tx_done_netpoll(struct mvneta_port *pp)
{
	u32 cause = mvreg_read(pp, MVNETA_INTR_NEW_CAUSE) &
		    MVNETA_TX_INTR_MASK(pp->txq_number);

	atomic64_inc(&pp->netpoll_polls);
	while (cause) {
		int q = __ffs(cause);
		struct mvneta_tx_queue *txq = &pp->txqs[q];
		struct netdev_queue *nq = netdev_get_tx_queue(pp->dev, q);

		cause &= ~BIT(q);
		if (!__netif_tx_trylock(nq))
			continue;
		if (txq->count)
			mvneta_txq_done(pp, txq, false, true);
		__netif_tx_unlock(nq);
	}
}

/**
 * mvneta_txq_coal_set() - program the TX done interrupt threshold
 * @pp: port
 * @txq: queue
 */
void mvneta_txq_coal_set(struct mvneta_port *pp, struct mvneta_tx_queue *txq)
{
	u32 val = mvreg_read(pp, MVNETA_TXQ_SIZE_REG(txq->id));

	val &= ~MVNETA_TXQ_SENT_THRESH_ALL_MASK;
	val |= MVNETA_TXQ_SENT_THRESH_MASK(txq->done_pkts_coal);
	mvreg_write(pp, MVNETA_TXQ_SIZE_REG(txq->id), val);
}

/**
 * mvneta_txq_init() - allocate a TX ring and hand it to the device
 * @pp: port (tx_ring_size set)
 * @txq: queue (id and pp set)
 *
 * Context: process, RTNL held, device TX queues disabled.
 * Return: 0 or a negative errno (nothing left allocated).
 */
int mvneta_txq_init(struct mvneta_port *pp, struct mvneta_tx_queue *txq)
{
	txq->size = pp->tx_ring_size;
	txq->put = 0;
	txq->get = 0;
	txq->count = 0;
	txq->pending = 0;
	/* always room for one more skb of the largest kind */
	txq->stop_threshold = txq->size - MVNETA_MAX_SKB_DESCS;
	txq->wake_threshold = txq->stop_threshold / 2;
	txq->done_pkts_coal = MVNETA_TXDONE_COAL_PKTS;
	/* AF_XDP zero-copy: the pool bound to the queue pair of this id */
	txq->xsk_pool = txq->id < pp->rxq_number ? pp->rxqs[txq->id].xsk_cfg :
						   NULL;

	txq->descs = dma_alloc_coherent(pp->dmadev,
					txq->size * MVNETA_DESC_ALIGNED_SIZE,
					&txq->descs_dma, GFP_KERNEL);
	if (!txq->descs)
		return -ENOMEM;

	txq->bufs = kcalloc(txq->size, sizeof(*txq->bufs), GFP_KERNEL);
	if (!txq->bufs) {
		dma_free_coherent(pp->dmadev,
				  txq->size * MVNETA_DESC_ALIGNED_SIZE,
				  txq->descs, txq->descs_dma);
		txq->descs = NULL;
		return -ENOMEM;
	}

	/* no bandwidth limit */
	mvreg_write(pp, MVETH_TXQ_TOKEN_CFG_REG(txq->id), 0x03ffffff);
	mvreg_write(pp, MVETH_TXQ_TOKEN_COUNT_REG(txq->id), 0x3fffffff);
	mvreg_write(pp, MVNETA_TXQ_BASE_ADDR_REG(txq->id),
		    lower_32_bits(txq->descs_dma));
	mvreg_write(pp, MVNETA_TXQ_SIZE_REG(txq->id), txq->size);
	mvneta_txq_coal_set(pp, txq);

	netdev_tx_reset_queue(netdev_get_tx_queue(pp->dev, txq->id));
	return 0;
}

/**
 * mvneta_txq_uninit() - complete what the device sent, drop the rest, free
 *	the ring
 * @pp: port
 * @txq: queue (device TX stopped, NAPI disabled, netdev queue stopped)
 *
 * Context: process.
 */
void mvneta_txq_uninit(struct mvneta_port *pp, struct mvneta_tx_queue *txq)
{
	struct netdev_queue *nq = netdev_get_tx_queue(pp->dev, txq->id);

	if (!txq->descs)
		return;

	__netif_tx_lock_bh(nq);
	mvneta_txq_done(pp, txq, false, false);
	if (txq->count)
		mvneta_txq_reclaim(pp, txq, txq->count, false, false);
	txq->pending = 0;
	__netif_tx_unlock_bh(nq);
	netdev_tx_reset_queue(nq);

	mvreg_write(pp, MVETH_TXQ_TOKEN_CFG_REG(txq->id), 0);
	mvreg_write(pp, MVETH_TXQ_TOKEN_COUNT_REG(txq->id), 0);
	mvreg_write(pp, MVNETA_TXQ_BASE_ADDR_REG(txq->id), 0);
	mvreg_write(pp, MVNETA_TXQ_SIZE_REG(txq->id), 0);

	kfree(txq->bufs);
	txq->bufs = NULL;
	dma_free_coherent(pp->dmadev, txq->size * MVNETA_DESC_ALIGNED_SIZE,
			  txq->descs, txq->descs_dma);
	txq->descs = NULL;
	txq->xsk_pool = NULL;
}
