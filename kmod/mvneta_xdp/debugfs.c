// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs: /sys/kernel/debug/mvneta_xdp/<platform device>/
 *
 *   rings   port state (running, ring sizes, page pool kind), then per
 *           queue the ring state as the driver and the device see it, the
 *           pages on the ring and the pages the pool holds, and the
 *           mapping direction of its pages; xsk_zc 1 on an RX or TX
 *           queue whose ring runs on an AF_XDP socket's umem (zero-copy),
 *           so a test can tell zero-copy from copy mode without trusting
 *           the socket's owner
 *   fail_ring_alloc  test only: the next N ring allocations (open, ring
 *           resize, XDP attach/detach restart; in a queue pair's restart
 *           its TX ring, once the RX ring is built) fail with -ENOMEM, so
 *           the recovery paths run without a fault-injection kernel
 *   fail_refill  test only: while not 0, every RX refill allocation fails
 *           (a pool without pages), so the empty-ring retry runs
 *   fail_xsk_twice  test only: the next N zero-copy RX refills give the
 *           device the previous descriptor's umem frame (a buffer handed
 *           over twice, which the NETA model's checker must catch)
 *
 * Root only (0400): reading touches device registers. Readers take the
 * port's rings_lock, not RTNL, so the rings cannot be freed underneath them
 * and a loop reading the file cannot stall every RTNL user.
 */

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "mvneta.h"

static struct dentry *mvneta_debugfs_root;

static void mvneta_debugfs_rxq(struct seq_file *m, struct mvneta_port *pp,
			       struct mvneta_rx_queue *rxq)
{
	u32 status = mvreg_read(pp, MVNETA_RXQ_STATUS_REG(rxq->id));

	seq_printf(m, "rxq%u size %d next_to_proc %d first_to_refill %d refill_num %d pages_on_ring %d pool_pages %llu hw_occupied %u hw_free %u frame_active %d dma_bidir %d frag_size %u headroom %u buf_size %u sync_off %u sync_len %u xsk_zc %d\n",
		   rxq->id, rxq->size, rxq->next_to_proc,
		   rxq->first_to_refill, rxq->refill_num,
		   mvneta_rxq_pages_on_ring(rxq), mvneta_pool_inflight(rxq),
		   status & MVNETA_RXQ_OCCUPIED_ALL_MASK,
		   (status & MVNETA_RXQ_NON_OCCUPIED_ALL_MASK) >>
		   MVNETA_RXQ_NON_OCCUPIED_SHIFT,
		   rxq->frame.active,
		   rxq->pool.dma_dir == DMA_BIDIRECTIONAL,
		   rxq->frag_size, rxq->headroom, rxq->buf_size,
		   rxq->sync_off, rxq->sync_len, !!rxq->xsk_pool);
}

static void mvneta_debugfs_txq(struct seq_file *m, struct mvneta_port *pp,
			       struct mvneta_tx_queue *txq)
{
	u32 status = mvreg_read(pp, MVNETA_TXQ_STATUS_REG(txq->id));

	seq_printf(m, "txq%u size %d put %d get %d count %d pending %d hw_pending %u hw_sent %u stopped %d xsk_zc %d\n",
		   txq->id, txq->size, txq->put, txq->get, txq->count,
		   txq->pending, status & MVNETA_TXQ_PENDING_DESC_MASK,
		   (status & MVNETA_TXQ_SENT_DESC_MASK) >>
		   MVNETA_TXQ_SENT_DESC_SHIFT,
		   netif_tx_queue_stopped(netdev_get_tx_queue(pp->dev,
							      txq->id)),
		   !!txq->xsk_pool);
}

static int mvneta_rings_show(struct seq_file *m, void *unused)
{
	struct mvneta_port *pp = m->private;
	unsigned int q;

	mutex_lock(&pp->rings_lock);
	seq_printf(m, "running %d rx_ring_size %u tx_ring_size %u pool %s\n",
		   READ_ONCE(pp->running), pp->rx_ring_size, pp->tx_ring_size,
		   mvneta_pool_name(pp->pool_kind));
	for (q = 0; q < pp->rxq_number; q++)
		if (pp->rxqs[q].descs)
			mvneta_debugfs_rxq(m, pp, &pp->rxqs[q]);
	for (q = 0; q < pp->txq_number; q++)
		if (pp->txqs[q].descs)
			mvneta_debugfs_txq(m, pp, &pp->txqs[q]);
	mutex_unlock(&pp->rings_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mvneta_rings);

/**
 * mvneta_debugfs_init() - create the port's debugfs directory
 * @pp: port (registered)
 *
 * Failures are ignored, as debugfs allows.
 */
void mvneta_debugfs_init(struct mvneta_port *pp)
{
	pp->debugfs = debugfs_create_dir(dev_name(pp->dmadev),
					 mvneta_debugfs_root);
	debugfs_create_file("rings", 0400, pp->debugfs, pp,
			    &mvneta_rings_fops);
	debugfs_create_u32("fail_ring_alloc", 0600, pp->debugfs,
			   &pp->fail_ring_alloc);
	debugfs_create_u32("fail_refill", 0600, pp->debugfs,
			   &pp->fail_refill);
	debugfs_create_u32("fail_xsk_twice", 0600, pp->debugfs,
			   &pp->fail_xsk_twice);
}

/**
 * mvneta_debugfs_uninit() - remove the port's debugfs directory
 * @pp: port
 *
 * Context: process; removal waits for readers in progress.
 */
void mvneta_debugfs_uninit(struct mvneta_port *pp)
{
	debugfs_remove_recursive(pp->debugfs);
	pp->debugfs = NULL;
}

/**
 * mvneta_debugfs_module_init() - create /sys/kernel/debug/mvneta_xdp
 */
void mvneta_debugfs_module_init(void)
{
	mvneta_debugfs_root = debugfs_create_dir(MVNETA_DRIVER_NAME, NULL);
}

/**
 * mvneta_debugfs_module_uninit() - remove /sys/kernel/debug/mvneta_xdp
 */
void mvneta_debugfs_module_uninit(void)
{
	debugfs_remove_recursive(mvneta_debugfs_root);
	mvneta_debugfs_root = NULL;
}
