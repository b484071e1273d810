/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Binding between the NETA register-level model (neta_model.ko) and the
 * NETA driver (mvneta_xdp.ko).
 *
 * The model registers one platform device per simulated port:
 *
 * - name NETA_MODEL_DRV_NAME ("neta-model"), id = port index (0 or 1);
 *   port 0 and port 1 are cabled back to back (what one transmits, the
 *   other receives);
 * - one IORESOURCE_IRQ resource: a Linux irq number of the model's own irq
 *   domain, level triggered, raised from the model's DMA engine thread with
 *   bottom halves disabled (the handler may call napi_schedule());
 * - a 32-bit DMA mask (dma_coerce_mask_and_coherent(DMA_BIT_MASK(32)));
 * - platform data struct neta_model_pdata.
 *
 * Registers are those of the real NETA controller (offsets, bit fields and
 * descriptor layouts of upstream drivers/net/ethernet/marvell/mvneta.c, with
 * the MVNETA_* names of mvneta_regs.h). The driver reaches them through
 * &neta_model_pdata.ops instead of readl()/writel() when platform data is
 * present; every access is a 32-bit access at a byte offset of the port's
 * register window. Doorbell registers act on write, as on silicon.
 *
 * There is no symbol dependency between the two modules: the driver only
 * calls the function pointers it finds in the platform data. The pointers
 * and @hw stay valid until the platform device is unregistered, which
 * unbinds the driver first (rmmod neta_model while the driver is bound
 * removes the driver's instance cleanly).
 *
 * RX data_size (as upstream mvneta reads it): the FIRST descriptor of a
 * frame carries the size of the whole frame, MVNETA_MH_SIZE + frame + 4-byte
 * FCS; the following descriptors carry the bytes held by their own buffer.
 * Each buffer holds at most (MVNETA_RXQ_SIZE_REG buffer size - packet
 * offset) bytes, written at buf_phys_addr + packet offset.
 *
 * See Documentation/neta_model.rst for the semantics, the checker and the
 * debugfs knobs.
 */
#ifndef _NETA_MODEL_H
#define _NETA_MODEL_H

#include <linux/types.h>

/** NETA_MODEL_DRV_NAME - platform device name of a simulated NETA port */
#define NETA_MODEL_DRV_NAME	"neta-model"

/** NETA_MODEL_PORTS - number of simulated ports (0 and 1, back to back) */
#define NETA_MODEL_PORTS	2

/** NETA_MODEL_MAX_RXQ - maximum number of RX queues per port (as silicon) */
#define NETA_MODEL_MAX_RXQ	8

/** NETA_MODEL_MAX_TXQ - maximum number of TX queues per port (as silicon) */
#define NETA_MODEL_MAX_TXQ	8

/**
 * NETA_MODEL_CLK_RATE - core clock rate of a simulated port, in Hz
 *
 * The port has no clk; MVNETA_RXQ_TIME_COAL_REG counts cycles of this clock
 * (upstream: clk_get_rate() / 1000000 * usecs).
 */
#define NETA_MODEL_CLK_RATE	250000000UL

/**
 * struct neta_model_ops - register accessors of a simulated port
 * @read:  read the 32-bit register at byte offset @offset of the port's
 *         register window. Reading an unknown offset returns 0 and is
 *         counted by the model's checker.
 * @write: write @val to the 32-bit register at byte offset @offset.
 *         Doorbells (MVNETA_RXQ_STATUS_UPDATE_REG, MVNETA_TXQ_UPDATE_REG)
 *         act on the write; writes to read-only registers are ignored and
 *         counted by the model's checker.
 *
 * Both may be called from any context (process, softirq, hardirq) and never
 * sleep. The first argument is &neta_model_pdata.hw.
 */
struct neta_model_ops {
	u32 (*read)(void *hw, u32 offset);
	void (*write)(void *hw, u32 offset, u32 val);
};

/**
 * struct neta_model_pdata - platform data of a simulated NETA port
 * @ops:        register accessors (replace readl()/writel())
 * @hw:         opaque port handle, first argument of @ops
 * @rxq_number: number of RX queues the port has (1..NETA_MODEL_MAX_RXQ)
 * @txq_number: number of TX queues the port has (1..NETA_MODEL_MAX_TXQ)
 *
 * The MAC address registers (MVNETA_MAC_ADDR_HIGH/LOW) are preset with a
 * locally administered address distinct per port; MVNETA_GMAC_STATUS reports
 * link up, 1000 Mb/s, full duplex once the port is enabled
 * (MVNETA_GMAC0_PORT_ENABLE in MVNETA_GMAC_CTRL_0).
 */
struct neta_model_pdata {
	const struct neta_model_ops *ops;
	void *hw;
	unsigned int rxq_number;
	unsigned int txq_number;
};

#endif /* _NETA_MODEL_H */
