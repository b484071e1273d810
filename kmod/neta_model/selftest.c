// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: built-in self-test (debugfs "selftest").
 *
 * With no driver bound, plays a minimal driver on both ports through the
 * same register accessors and DMA API a driver uses: port 0 transmits, port
 * 1 receives. Checks what the device writes (data, MH, FCS, status bits,
 * data_size, multi-descriptor frames, TX checksum generation, the length
 * error of an oversize frame) and that the checker counts deliberate
 * misuse: a descriptor written while the device owns it, a zero buffer
 * address, a TX chain without FIRST and, under swiotlb=force, a buffer that
 * was never mapped. The violation counters are restored afterwards.
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/swiotlb.h>
#include <linux/udp.h>

#include "nm.h"

#define ST_RING		16
#define ST_BUF		2048
#define ST_OFFSET	64
#define ST_JUMBO	5000

/**
 * struct nm_st - state of one self-test run
 * @m:       the model
 * @tx:      transmitting port (0)
 * @rx:      receiving port (1)
 * @txd:     TX ring (CPU address)
 * @txd_dma: TX ring (DMA address)
 * @rxd:     RX ring (CPU address)
 * @rxd_dma: RX ring (DMA address)
 * @rxbuf:   RX buffers
 * @rxdma:   their DMA addresses
 * @txbuf:   TX buffer
 * @txdma:   its DMA address
 * @ref:     reference frame (checksums as they must arrive)
 * @txi:     next TX descriptor
 * @rxi:     next RX descriptor to read
 * @out:     result text
 * @len:     bytes used in @out
 * @failed:  failed checks
 * @n:       checks run
 */
struct nm_st {
	struct nm_model *m;
	struct nm_port *tx, *rx;
	struct mvneta_tx_desc *txd;
	dma_addr_t txd_dma;
	struct mvneta_rx_desc *rxd;
	dma_addr_t rxd_dma;
	u8 *rxbuf[ST_RING];
	dma_addr_t rxdma[ST_RING];
	u8 *txbuf;
	dma_addr_t txdma;
	u8 *ref;
	unsigned int txi, rxi;
	char *out;
	size_t len;
	unsigned int failed, n;
};

static void st_check(struct nm_st *st, bool ok, const char *name)
{
	st->n++;
	if (!ok)
		st->failed++;
	st->len += scnprintf(st->out + st->len, PAGE_SIZE - st->len,
			     "%s %u %s\n", ok ? "ok" : "not ok", st->n, name);
}

static u32 st_rd(struct nm_port *p, u32 off)
{
	return nm_ops.read(p, off);
}

static void st_wr(struct nm_port *p, u32 off, u32 val)
{
	nm_ops.write(p, off, val);
}

static int st_setup(struct nm_st *st)
{
	struct device *rdev = &st->rx->pdev->dev, *tdev = &st->tx->pdev->dev;
	unsigned int i;

	st->rxd = dma_alloc_coherent(rdev, ST_RING * sizeof(*st->rxd),
				     &st->rxd_dma, GFP_KERNEL);
	st->txd = dma_alloc_coherent(tdev, ST_RING * sizeof(*st->txd),
				     &st->txd_dma, GFP_KERNEL);
	st->txbuf = kzalloc(NM_FRAME_MAX, GFP_KERNEL);
	st->ref = kzalloc(NM_FRAME_MAX, GFP_KERNEL);
	if (!st->rxd || !st->txd || !st->txbuf || !st->ref)
		return -ENOMEM;
	st->txdma = dma_map_single(tdev, st->txbuf, NM_FRAME_MAX, DMA_TO_DEVICE);
	if (dma_mapping_error(tdev, st->txdma))
		return -ENOMEM;
	for (i = 0; i < ST_RING; i++) {
		st->rxbuf[i] = kzalloc(ST_BUF, GFP_KERNEL);
		if (!st->rxbuf[i])
			return -ENOMEM;
		st->rxdma[i] = dma_map_single(rdev, st->rxbuf[i], ST_BUF,
					      DMA_FROM_DEVICE);
		if (dma_mapping_error(rdev, st->rxdma[i])) {
			kfree(st->rxbuf[i]);
			st->rxbuf[i] = NULL;
			return -ENOMEM;
		}
		st->rxd[i].buf_phys_addr = cpu_to_le32(st->rxdma[i]);
		st->rxd[i].buf_cookie = cpu_to_le32(i);
	}

	/* RX port: ring, buffer size, offset, enable, give every descriptor */
	st_wr(st->rx, MVNETA_RXQ_BASE_ADDR_REG(0), st->rxd_dma);
	st_wr(st->rx, MVNETA_RXQ_SIZE_REG(0),
	      ST_RING | (ST_BUF >> 3) << MVNETA_RXQ_BUF_SIZE_SHIFT);
	st_wr(st->rx, MVNETA_RXQ_CONFIG_REG(0),
	      MVNETA_RXQ_PKT_OFFSET_MASK(ST_OFFSET >> 3));
	st_wr(st->rx, MVNETA_GMAC_CTRL_0, MVNETA_GMAC0_PORT_ENABLE);
	st_wr(st->rx, MVNETA_RXQ_CMD, BIT(0));
	st_wr(st->rx, MVNETA_RXQ_STATUS_UPDATE_REG(0),
	      ST_RING << MVNETA_RXQ_ADD_NON_OCCUPIED_SHIFT);

	/* TX port */
	st_wr(st->tx, MVNETA_TXQ_BASE_ADDR_REG(0), st->txd_dma);
	st_wr(st->tx, MVNETA_TXQ_SIZE_REG(0), ST_RING);
	st_wr(st->tx, MVNETA_GMAC_CTRL_0, MVNETA_GMAC0_PORT_ENABLE);
	st_wr(st->tx, MVNETA_TXQ_CMD, BIT(0));
	return 0;
}

static void st_teardown(struct nm_st *st)
{
	struct device *rdev, *tdev;
	unsigned int i;

	if (!st->rx->pdev || !st->tx->pdev)
		return;
	rdev = &st->rx->pdev->dev;
	tdev = &st->tx->pdev->dev;
	st_wr(st->rx, MVNETA_RXQ_CMD, BIT(0) << MVNETA_RXQ_DISABLE_SHIFT);
	st_wr(st->tx, MVNETA_TXQ_CMD, BIT(0) << MVNETA_TXQ_DISABLE_SHIFT);
	st_wr(st->rx, MVNETA_PORT_RX_RESET, MVNETA_PORT_RX_DMA_RESET);
	st_wr(st->tx, MVNETA_PORT_TX_RESET, MVNETA_PORT_TX_DMA_RESET);
	for (i = 0; i < ST_RING; i++) {
		if (!st->rxbuf[i])
			continue;
		dma_unmap_single(rdev, st->rxdma[i], ST_BUF, DMA_FROM_DEVICE);
		kfree(st->rxbuf[i]);
	}
	if (st->txbuf && st->txdma && !dma_mapping_error(tdev, st->txdma))
		dma_unmap_single(tdev, st->txdma, NM_FRAME_MAX, DMA_TO_DEVICE);
	kfree(st->txbuf);
	kfree(st->ref);
	if (st->rxd)
		dma_free_coherent(rdev, ST_RING * sizeof(*st->rxd), st->rxd,
				  st->rxd_dma);
	if (st->txd)
		dma_free_coherent(tdev, ST_RING * sizeof(*st->txd), st->txd,
				  st->txd_dma);
}

/* Queue one TX descriptor */
static void st_tx_desc(struct nm_st *st, u32 cmd, u32 size, u32 addr)
{
	struct mvneta_tx_desc *d = st->txd + st->txi;

	memset(d, 0, sizeof(*d));
	d->command = cpu_to_le32(cmd);
	d->data_size = cpu_to_le16(size);
	d->buf_phys_addr = cpu_to_le32(addr);
	st->txi = (st->txi + 1) % ST_RING;
}

static void st_tx_ring(struct nm_st *st, u32 n)
{
	dma_sync_single_for_device(&st->tx->pdev->dev, st->txdma, NM_FRAME_MAX,
				   DMA_TO_DEVICE);
	st_wr(st->tx, MVNETA_TXQ_UPDATE_REG(0), n);
}

/* Wait until the TX queue has @n sent descriptors, release them */
static bool st_tx_done(struct nm_st *st, u32 n)
{
	unsigned int i;
	u32 sent = 0;

	for (i = 0; i < 200; i++) {
		sent = (st_rd(st->tx, MVNETA_TXQ_STATUS_REG(0)) &
			MVNETA_TXQ_SENT_DESC_MASK) >> MVNETA_TXQ_SENT_DESC_SHIFT;
		if (sent >= n)
			break;
		usleep_range(1000, 2000);
	}
	if (sent)
		st_wr(st->tx, MVNETA_TXQ_UPDATE_REG(0),
		      sent << MVNETA_TXQ_DEC_SENT_SHIFT);
	return sent == n;
}

/* Wait for @n occupied RX descriptors */
static bool st_rx_wait(struct nm_st *st, u32 n)
{
	unsigned int i;

	for (i = 0; i < 200; i++) {
		if ((st_rd(st->rx, MVNETA_RXQ_STATUS_REG(0)) &
		     MVNETA_RXQ_OCCUPIED_ALL_MASK) >= n)
			return true;
		usleep_range(1000, 2000);
	}
	return false;
}

/* Return @n RX descriptors to the device with their buffers */
static void st_rx_recycle(struct nm_st *st, u32 n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned int k = (st->rxi + i) % ST_RING;

		st->rxd[k].status = 0;
		st->rxd[k].data_size = 0;
		dma_sync_single_for_device(&st->rx->pdev->dev, st->rxdma[k],
					   ST_BUF, DMA_FROM_DEVICE);
	}
	st->rxi = (st->rxi + n) % ST_RING;
	st_wr(st->rx, MVNETA_RXQ_STATUS_UPDATE_REG(0),
	      n | n << MVNETA_RXQ_ADD_NON_OCCUPIED_SHIFT);
}

/* Read a received frame spanning @n descriptors; compare with st->ref */
static void st_rx_check(struct nm_st *st, unsigned int len, u32 n,
			const char *what)
{
	u32 cap = ST_BUF - ST_OFFSET, total = MVNETA_MH_SIZE + len + 4;
	u32 status0 = le32_to_cpu(st->rxd[st->rxi].status);
	u32 last = le32_to_cpu(st->rxd[(st->rxi + n - 1) % ST_RING].status);
	u8 *img = kzalloc(total + cap, GFP_KERNEL);
	unsigned int i, got = 0;
	bool data_ok, ok;
	__le32 fcs;
	char name[96];

	if (!img) {
		st_check(st, false, "allocation");
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned int k = (st->rxi + i) % ST_RING;
		u32 chunk = min(cap, total - got);

		dma_sync_single_for_cpu(&st->rx->pdev->dev, st->rxdma[k],
					ST_BUF, DMA_FROM_DEVICE);
		memcpy(img + got, st->rxbuf[k] + ST_OFFSET, chunk);
		got += chunk;
		if (i && le16_to_cpu(st->rxd[k].data_size) != chunk)
			got = 0;
	}
	fcs = cpu_to_le32(nm_fcs(st->ref, len));
	data_ok = got == total && !img[0] && !img[1] &&
		  !memcmp(img + MVNETA_MH_SIZE, st->ref, len) &&
		  !memcmp(img + MVNETA_MH_SIZE + len, &fcs, 4);

	snprintf(name, sizeof(name), "%s: MH, frame, FCS at the packet offset",
		 what);
	st_check(st, data_ok, name);
	snprintf(name, sizeof(name), "%s: FIRST data_size is MH + frame + FCS",
		 what);
	st_check(st, le16_to_cpu(st->rxd[st->rxi].data_size) == total, name);
	snprintf(name, sizeof(name), "%s: FIRST/LAST, IPv4 and L4 checksum ok",
		 what);
	ok = (status0 & MVNETA_RXD_FIRST_DESC) &&
	     (status0 & MVNETA_RXD_L3_IP4) &&
	     (status0 & MVNETA_RXD_L4_CSUM_OK) &&
	     !(status0 & MVNETA_RXD_ERR_SUMMARY) &&
	     (last & MVNETA_RXD_LAST_DESC) &&
	     (n == 1 || !(status0 & MVNETA_RXD_LAST_DESC));
	st_check(st, ok, name);
	kfree(img);
}

/* Build a UDP frame of @len: st->ref gets valid checksums, the TX buffer none */
static void st_frame(struct nm_st *st, unsigned int len, u32 seq)
{
	u8 dst[ETH_ALEN] = { 0x02, 0x4e, 0x45, 0x54, 0x41, 0x01 };
	struct iphdr *iph = (struct iphdr *)(st->txbuf + ETH_HLEN);
	struct udphdr *udph = (struct udphdr *)(iph + 1);

	nm_gen_build(st->ref, len, dst, 4000, seq);
	memcpy(st->txbuf, st->ref, len);
	iph->check = 0;
	udph->check = 0x1234;	/* garbage: the device must compute it */
}

#define ST_CSUM_CMD	(MVNETA_TXD_IP_CSUM | MVNETA_TX_L4_UDP | \
			 MVNETA_TX_L4_CSUM_FULL | ETH_HLEN | \
			 (5 << MVNETA_TX_IP_HLEN_SHIFT))

static void st_traffic(struct nm_st *st)
{
	u32 cap = ST_BUF - ST_OFFSET, n;

	/* One frame, one descriptor each side, checksums by the device */
	st_frame(st, 128, 1);
	st_tx_desc(st, MVNETA_TXD_FLZ_DESC | ST_CSUM_CMD, 128, st->txdma);
	st_tx_ring(st, 1);
	st_check(st, st_tx_done(st, 1), "TX: one descriptor sent");
	st_check(st, st_rx_wait(st, 1), "RX: frame received");
	st_rx_check(st, 128, 1, "128 B");
	st_rx_recycle(st, 1);

	/* A jumbo frame in two TX descriptors, three RX buffers */
	st_frame(st, ST_JUMBO, 2);
	st_tx_desc(st, MVNETA_TXD_F_DESC | ST_CSUM_CMD, 3000, st->txdma);
	st_tx_desc(st, MVNETA_TXD_L_DESC, ST_JUMBO - 3000, st->txdma + 3000);
	st_tx_ring(st, 2);
	n = DIV_ROUND_UP(MVNETA_MH_SIZE + ST_JUMBO + 4, cap);
	st_check(st, st_tx_done(st, 2), "TX: two-descriptor frame sent");
	st_check(st, st_rx_wait(st, n), "RX: jumbo frame received");
	st_rx_check(st, ST_JUMBO, n, "5000 B in 3 buffers");
	st_rx_recycle(st, n);

	/* Longer than the receiving MAC's maximum (1518): length error */
	st_wr(st->rx, MVNETA_GMAC_CTRL_0, MVNETA_GMAC0_PORT_ENABLE |
	      (1518 / 2) << MVNETA_GMAC_MAX_RX_SIZE_SHIFT);
	st_frame(st, 2000, 3);
	st_tx_desc(st, MVNETA_TXD_FLZ_DESC | ST_CSUM_CMD, 2000, st->txdma);
	st_tx_ring(st, 1);
	st_tx_done(st, 1);
	n = DIV_ROUND_UP(MVNETA_MH_SIZE + 2000 + 4, cap);
	st_check(st, st_rx_wait(st, n) &&
		 (le32_to_cpu(st->rxd[st->rxi].status) &
		  (MVNETA_RXD_ERR_SUMMARY | MVNETA_RXD_ERR_CODE_MASK)) ==
		 (MVNETA_RXD_ERR_SUMMARY | MVNETA_RXD_ERR_LEN),
		 "oversize frame: ERR_SUMMARY with the length error code");
	st_rx_recycle(st, n);
	st_wr(st->rx, MVNETA_GMAC_CTRL_0, MVNETA_GMAC0_PORT_ENABLE);
}

static u64 st_viol(struct nm_port *p, enum nm_viol k)
{
	return atomic64_read(&p->viol[k]);
}

static void st_misuse(struct nm_st *st)
{
	struct device *tdev = &st->tx->pdev->dev;
	u64 before;

	/* RX descriptor written while the device owns it */
	before = st_viol(st->rx, NM_VIOL_OWN);
	st->rxd[st->rxi].buf_cookie = cpu_to_le32(0xdead);
	st_frame(st, 100, 3);
	st_tx_desc(st, MVNETA_TXD_FLZ_DESC | ST_CSUM_CMD, 100, st->txdma);
	st_tx_ring(st, 1);
	st_tx_done(st, 1);
	st_rx_wait(st, 1);
	st_check(st, st_viol(st->rx, NM_VIOL_OWN) == before + 1,
		 "checker: RX descriptor written while owned (own)");
	st_rx_recycle(st, 1);

	/* TX buffer address 0 */
	before = st_viol(st->tx, NM_VIOL_ADDR);
	st_tx_desc(st, MVNETA_TXD_FLZ_DESC, 100, 0);
	st_tx_ring(st, 1);
	st_tx_done(st, 1);
	st_check(st, st_viol(st->tx, NM_VIOL_ADDR) == before + 1,
		 "checker: TX buffer address 0 (addr)");

	/* TX chain without FIRST */
	before = st_viol(st->tx, NM_VIOL_DESC);
	st_tx_desc(st, MVNETA_TXD_L_DESC, 100, st->txdma);
	st_tx_ring(st, 1);
	st_tx_done(st, 1);
	st_check(st, st_viol(st->tx, NM_VIOL_DESC) == before + 1,
		 "checker: TX frame without FIRST (desc)");

	/* Buffer never mapped: only visible when every mapping bounces */
	if (is_swiotlb_force_bounce(tdev)) {
		before = st_viol(st->tx, NM_VIOL_ADDR);
		st_tx_desc(st, MVNETA_TXD_FLZ_DESC, 100, virt_to_phys(st->ref));
		st_tx_ring(st, 1);
		st_tx_done(st, 1);
		st_check(st, st_viol(st->tx, NM_VIOL_ADDR) == before + 1,
			 "checker: unmapped TX buffer under swiotlb=force (addr)");
	}
	usleep_range(5000, 10000);
	st_check(st, !(st_rd(st->rx, MVNETA_RXQ_STATUS_REG(0)) &
		       MVNETA_RXQ_OCCUPIED_ALL_MASK),
		 "bad TX frames never reach the peer");
}

static void st_power_on(struct nm_port *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	nm_port_power_on(p);
	spin_unlock_irqrestore(&p->lock, flags);
}

/**
 * nm_selftest() - run the self-test
 * @m:   the model
 * @out: PAGE_SIZE buffer for the KTAP-like result lines
 *
 * Return: 0 when every check passed, -EBUSY when a driver is bound,
 * -EIO when a check failed, another negative errno on setup failure.
 */
int nm_selftest(struct nm_model *m, char *out)
{
	u64 saved[NETA_MODEL_PORTS][NM_VIOL_NUM];
	struct nm_st st = { .m = m, .out = out };
	unsigned int i, k;
	int err;

	st.tx = &m->port[0];
	st.rx = &m->port[1];
	if (!st.tx->pdev || !st.rx->pdev || st.tx->pdev->dev.driver ||
	    st.rx->pdev->dev.driver)
		return -EBUSY;

	for (i = 0; i < NETA_MODEL_PORTS; i++)
		for (k = 0; k < NM_VIOL_NUM; k++)
			saved[i][k] = atomic64_read(&m->port[i].viol[k]);
	st_power_on(st.tx);
	st_power_on(st.rx);

	err = st_setup(&st);
	if (!err) {
		st_traffic(&st);
		st_misuse(&st);
	}
	st_teardown(&st);
	st_power_on(st.tx);
	st_power_on(st.rx);

	for (i = 0; i < NETA_MODEL_PORTS; i++)
		for (k = 0; k < NM_VIOL_NUM; k++)
			atomic64_set(&m->port[i].viol[k], saved[i][k]);

	if (err)
		return err;
	st.len += scnprintf(out + st.len, PAGE_SIZE - st.len,
			    "# %u checks, %u failed\n", st.n, st.failed);
	return st.failed ? -EIO : 0;
}
