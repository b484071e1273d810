/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Marvell NETA (Armada 370/XP/3700) register map and DMA descriptor layout.
 *
 * Offsets, field positions and names follow the upstream Linux driver
 * (drivers/net/ethernet/marvell/mvneta.c, v6.1), so that the driver, the
 * register-level model (kmod/neta_model) and the Marvell documentation speak
 * the same language. Offsets are byte offsets in the port's register window;
 * every register is 32 bits wide.
 *
 * Only the software buffer management (SWBM) mode is described: the hardware
 * buffer manager (BM) pool registers are listed for completeness but unused.
 */
#ifndef _MVNETA_REGS_H
#define _MVNETA_REGS_H

#include <linux/bits.h>
#include <linux/types.h>

/* ---------------------------------------------------------------------- */
/* RX queue registers (q = 0..7)                                           */
/* ---------------------------------------------------------------------- */

#define MVNETA_RXQ_CONFIG_REG(q)		(0x1400 + ((q) << 2))
#define   MVNETA_RXQ_HW_BUF_ALLOC		BIT(0)
#define   MVNETA_RXQ_SHORT_POOL_ID_SHIFT	4
#define   MVNETA_RXQ_SHORT_POOL_ID_MASK		0x30
#define   MVNETA_RXQ_LONG_POOL_ID_SHIFT		6
#define   MVNETA_RXQ_LONG_POOL_ID_MASK		0xc0
/* packet offset inside the buffer, in units of 8 bytes (4 bits) */
#define   MVNETA_RXQ_PKT_OFFSET_SHIFT		8
#define   MVNETA_RXQ_PKT_OFFSET_ALL_MASK	(0xf << 8)
#define   MVNETA_RXQ_PKT_OFFSET_MASK(offs)	((offs) << 8)

/* RX descriptor ring base (DMA address, 32 bytes aligned) */
#define MVNETA_RXQ_BASE_ADDR_REG(q)		(0x1480 + ((q) << 2))

/* RX ring size: bits 0..13 descriptors, bits 19..31 buffer size / 8 */
#define MVNETA_RXQ_SIZE_REG(q)			(0x14a0 + ((q) << 2))
#define   MVNETA_RXQ_DESC_NUM_MASK		0x3fff
#define   MVNETA_RXQ_BUF_SIZE_SHIFT		19
#define   MVNETA_RXQ_BUF_SIZE_MASK		(0x1fff << 19)

/* RX interrupt coalescing: occupied (received) descriptors threshold */
#define MVNETA_RXQ_THRESHOLD_REG(q)		(0x14c0 + ((q) << 2))
#define   MVNETA_RXQ_NON_OCCUPIED(v)		((v) << 16)

/* RX status: bits 0..13 occupied (received, not yet processed), 16..29 free */
#define MVNETA_RXQ_STATUS_REG(q)		(0x14e0 + ((q) << 2))
#define   MVNETA_RXQ_OCCUPIED_ALL_MASK		0x3fff
#define   MVNETA_RXQ_NON_OCCUPIED_SHIFT		16
#define   MVNETA_RXQ_NON_OCCUPIED_ALL_MASK	(0x3fff << 16)

/*
 * RX doorbell: bits 0..7 descriptors processed by software (leave the
 * occupied count), bits 16..23 descriptors refilled (join the free count).
 * At most 255 of each per write.
 */
#define MVNETA_RXQ_STATUS_UPDATE_REG(q)		(0x1500 + ((q) << 2))
#define   MVNETA_RXQ_ADD_OCCUPIED_MASK		0xff
#define   MVNETA_RXQ_ADD_NON_OCCUPIED_SHIFT	16
#define   MVNETA_RXQ_ADD_NON_OCCUPIED_MAX	255

/* BM pool buffer sizes (hardware buffer manager, unused in SWBM mode) */
#define MVNETA_PORT_POOL_BUFFER_SZ_REG(pool)	(0x1700 + ((pool) << 2))
#define   MVNETA_PORT_POOL_BUFFER_SZ_SHIFT	3
#define   MVNETA_PORT_POOL_BUFFER_SZ_MASK	0xfff8

#define MVNETA_PORT_RX_RESET			0x1cc0
#define   MVNETA_PORT_RX_DMA_RESET		BIT(0)

/* ---------------------------------------------------------------------- */
/* Port unit: MBUS windows, port configuration, MAC address, SDMA          */
/* ---------------------------------------------------------------------- */

#define MVNETA_PHY_ADDR				0x2000
#define   MVNETA_PHY_ADDR_MASK			0x1f
#define MVNETA_MBUS_RETRY			0x2010
#define MVNETA_UNIT_INTR_CAUSE			0x2080
#define MVNETA_UNIT_CONTROL			0x20b0
#define   MVNETA_PHY_POLLING_ENABLE		BIT(1)
#define MVNETA_WIN_BASE(w)			(0x2200 + ((w) << 3))
#define MVNETA_WIN_SIZE(w)			(0x2204 + ((w) << 3))
#define MVNETA_WIN_REMAP(w)			(0x2280 + ((w) << 2))
#define MVNETA_BASE_ADDR_ENABLE			0x2290
#define MVNETA_ACCESS_PROTECT_ENABLE		0x2294
#define MVNETA_MAX_DECODE_WIN			6

#define MVNETA_PORT_CONFIG			0x2400
#define   MVNETA_UNI_PROMISC_MODE		BIT(0)
#define   MVNETA_DEF_RXQ(q)			((q) << 1)
#define   MVNETA_DEF_RXQ_ARP(q)			((q) << 4)
#define   MVNETA_TX_UNSET_ERR_SUM		BIT(12)
#define   MVNETA_DEF_RXQ_TCP(q)			((q) << 16)
#define   MVNETA_DEF_RXQ_UDP(q)			((q) << 19)
#define   MVNETA_DEF_RXQ_BPDU(q)		((q) << 22)
#define   MVNETA_RX_CSUM_WITH_PSEUDO_HDR	BIT(25)
#define MVNETA_PORT_CONFIG_EXTEND		0x2404

/* MAC address: HIGH = bytes 0..3 (byte 0 in bits 31..24), LOW = bytes 4..5 */
#define MVNETA_MAC_ADDR_LOW			0x2414
#define MVNETA_MAC_ADDR_HIGH			0x2418

#define MVNETA_SDMA_CONFIG			0x241c
#define   MVNETA_SDMA_BRST_SIZE_16		4
#define   MVNETA_RX_BRST_SZ_MASK(burst)		((burst) << 1)
#define   MVNETA_RX_NO_DATA_SWAP		BIT(4)
#define   MVNETA_TX_NO_DATA_SWAP		BIT(5)
#define   MVNETA_DESC_SWAP			BIT(6)
#define   MVNETA_TX_BRST_SZ_MASK(burst)		((burst) << 22)

#define MVNETA_VLAN_PRIO_TO_RXQ			0x2440
#define   MVNETA_VLAN_PRIO_RXQ_MAP(prio, rxq)	((rxq) << ((prio) * 3))
#define MVNETA_PORT_STATUS			0x2444
#define   MVNETA_TX_IN_PRGRS			BIT(0)
#define   MVNETA_TX_FIFO_EMPTY			BIT(8)
#define MVNETA_RX_MIN_FRAME_SIZE		0x247c
/* Only on Armada XP and Armada 370 */
#define MVNETA_SERDES_CFG			0x24a0
#define   MVNETA_SGMII_SERDES_PROTO		0x0cc7
#define   MVNETA_QSGMII_SERDES_PROTO		0x0667
#define   MVNETA_HSGMII_SERDES_PROTO		0x1107
#define MVNETA_TYPE_PRIO			0x24bc
#define   MVNETA_FORCE_UNI			BIT(21)

/* TX queue enable/disable: write BIT(q) to enable, BIT(q) << 8 to disable */
#define MVNETA_TXQ_CMD				0x2448
#define   MVNETA_TXQ_DISABLE_SHIFT		8
#define   MVNETA_TXQ_ENABLE_MASK		0x000000ff
#define MVNETA_TXQ_CMD_1			0x24e4

/* Frame counters outside the MIB block (clear on read) */
#define MVNETA_RX_DISCARD_FRAME_COUNT		0x2484
#define MVNETA_OVERRUN_FRAME_COUNT		0x2488

#define MVNETA_GMAC_CLOCK_DIVIDER		0x24f4
#define   MVNETA_GMAC_1MS_CLOCK_ENABLE		BIT(31)

#define MVNETA_ACC_MODE				0x2500
#define   MVNETA_ACC_MODE_EXT1			1	/* SW buffer mgmt */
#define   MVNETA_ACC_MODE_EXT2			2	/* HW buffer mgmt */
#define MVNETA_BM_ADDRESS			0x2504

#define MVNETA_CPU_MAP(cpu)			(0x2540 + ((cpu) << 2))
#define   MVNETA_CPU_RXQ_ACCESS_ALL_MASK	0x000000ff
#define   MVNETA_CPU_TXQ_ACCESS_ALL_MASK	0x0000ff00
#define   MVNETA_CPU_RXQ_ACCESS(rxq)		BIT(rxq)
#define   MVNETA_CPU_TXQ_ACCESS(txq)		BIT((txq) + 8)

/* RX interrupt time coalescing, in core clock cycles */
#define MVNETA_RXQ_TIME_COAL_REG(q)		(0x2580 + ((q) << 2))

/* ---------------------------------------------------------------------- */
/* Interrupts                                                              */
/* ---------------------------------------------------------------------- */

/*
 * "New" cause/mask: bits 0..7 TXQ sent (one per queue), bits 8..15 RXQ
 * occupied (one per queue), bit 29 old register summary, bit 30 TX error
 * summary, bit 31 misc summary. Level triggered: the line stays asserted
 * while (cause & mask) != 0.
 */
#define MVNETA_INTR_NEW_CAUSE			0x25a0
#define MVNETA_INTR_NEW_MASK			0x25a4
#define   MVNETA_TX_INTR_MASK(nr_txqs)		(((1 << (nr_txqs)) - 1) << 0)
#define   MVNETA_TX_INTR_MASK_ALL		(0xff << 0)
#define   MVNETA_RX_INTR_MASK(nr_rxqs)		(((1 << (nr_rxqs)) - 1) << 8)
#define   MVNETA_RX_INTR_MASK_ALL		(0xff << 8)
#define   MVNETA_MISCINTR_INTR_MASK		BIT(31)
#define   MVNETA_CAUSE_TXQ_SENT_DESC_ALL_MASK	0xff

#define MVNETA_INTR_OLD_CAUSE			0x25a8
#define MVNETA_INTR_OLD_MASK			0x25ac

#define MVNETA_INTR_MISC_CAUSE			0x25b0
#define MVNETA_INTR_MISC_MASK			0x25b4
#define   MVNETA_CAUSE_PHY_STATUS_CHANGE	BIT(0)
#define   MVNETA_CAUSE_LINK_CHANGE		BIT(1)
#define   MVNETA_CAUSE_PTP			BIT(4)
#define   MVNETA_CAUSE_INTERNAL_ADDR_ERR	BIT(7)
#define   MVNETA_CAUSE_RX_OVERRUN		BIT(8)
#define   MVNETA_CAUSE_RX_CRC_ERROR		BIT(9)
#define   MVNETA_CAUSE_RX_LARGE_PKT		BIT(10)
#define   MVNETA_CAUSE_TX_UNDERUN		BIT(11)
#define   MVNETA_CAUSE_PRBS_ERR			BIT(12)
#define   MVNETA_CAUSE_PSC_SYNC_CHANGE		BIT(13)
#define   MVNETA_CAUSE_SERDES_SYNC_ERR		BIT(14)
#define   MVNETA_CAUSE_BMU_ALLOC_ERR_SHIFT	16
#define   MVNETA_CAUSE_BMU_ALLOC_ERR_ALL_MASK	(0xf << 16)
#define   MVNETA_CAUSE_BMU_ALLOC_ERR_MASK(pool)	(1 << (16 + (pool)))
#define   MVNETA_CAUSE_TXQ_ERROR_SHIFT		24
#define   MVNETA_CAUSE_TXQ_ERROR_ALL_MASK	(0xff << 24)
#define   MVNETA_CAUSE_TXQ_ERROR_MASK(q)	(1 << (24 + (q)))

#define MVNETA_INTR_ENABLE			0x25b8
#define   MVNETA_TXQ_INTR_ENABLE_ALL_MASK	0x0000ff00
#define   MVNETA_RXQ_INTR_ENABLE_ALL_MASK	0x000000ff

/* RX queue enable/disable: write BIT(q) to enable, BIT(q) << 8 to disable */
#define MVNETA_RXQ_CMD				0x2680
#define   MVNETA_RXQ_DISABLE_SHIFT		8
#define   MVNETA_RXQ_ENABLE_MASK		0x000000ff

#define MVETH_TXQ_TOKEN_COUNT_REG(q)		(0x2700 + ((q) << 4))
#define MVETH_TXQ_TOKEN_CFG_REG(q)		(0x2704 + ((q) << 4))

/* ---------------------------------------------------------------------- */
/* GMAC                                                                    */
/* ---------------------------------------------------------------------- */

#define MVNETA_GMAC_CTRL_0			0x2c00
#define   MVNETA_GMAC0_PORT_ENABLE		BIT(0)
#define   MVNETA_GMAC0_PORT_1000BASE_X		BIT(1)
/* max RX frame size: ((size - MVNETA_MH_SIZE) / 2) << 2 */
#define   MVNETA_GMAC_MAX_RX_SIZE_SHIFT		2
#define   MVNETA_GMAC_MAX_RX_SIZE_MASK		0x7ffc
#define MVNETA_GMAC_CTRL_2			0x2c08
#define   MVNETA_GMAC2_INBAND_AN_ENABLE		BIT(0)
#define   MVNETA_GMAC2_PCS_ENABLE		BIT(3)
#define   MVNETA_GMAC2_PORT_RGMII		BIT(4)
#define   MVNETA_GMAC2_PORT_RESET		BIT(6)
#define MVNETA_GMAC_AUTONEG_CONFIG		0x2c0c
#define   MVNETA_GMAC_FORCE_LINK_DOWN		BIT(0)
#define   MVNETA_GMAC_FORCE_LINK_PASS		BIT(1)
#define   MVNETA_GMAC_INBAND_AN_ENABLE		BIT(2)
#define   MVNETA_GMAC_AN_BYPASS_ENABLE		BIT(3)
#define   MVNETA_GMAC_INBAND_RESTART_AN		BIT(4)
#define   MVNETA_GMAC_CONFIG_MII_SPEED		BIT(5)
#define   MVNETA_GMAC_CONFIG_GMII_SPEED		BIT(6)
#define   MVNETA_GMAC_AN_SPEED_EN		BIT(7)
#define   MVNETA_GMAC_CONFIG_FLOW_CTRL		BIT(8)
#define   MVNETA_GMAC_ADVERT_SYM_FLOW_CTRL	BIT(9)
#define   MVNETA_GMAC_AN_FLOW_CTRL_EN		BIT(11)
#define   MVNETA_GMAC_CONFIG_FULL_DUPLEX	BIT(12)
#define   MVNETA_GMAC_AN_DUPLEX_EN		BIT(13)
#define MVNETA_GMAC_STATUS			0x2c10
#define   MVNETA_GMAC_LINK_UP			BIT(0)
#define   MVNETA_GMAC_SPEED_1000		BIT(1)
#define   MVNETA_GMAC_SPEED_100			BIT(2)
#define   MVNETA_GMAC_FULL_DUPLEX		BIT(3)
#define   MVNETA_GMAC_RX_FLOW_CTRL_ENABLE	BIT(4)
#define   MVNETA_GMAC_TX_FLOW_CTRL_ENABLE	BIT(5)
#define   MVNETA_GMAC_RX_FLOW_CTRL_ACTIVE	BIT(6)
#define   MVNETA_GMAC_TX_FLOW_CTRL_ACTIVE	BIT(7)
#define   MVNETA_GMAC_AN_COMPLETE		BIT(11)
#define   MVNETA_GMAC_SYNC_OK			BIT(14)
#define MVNETA_GMAC_CTRL_4			0x2c90
#define   MVNETA_GMAC4_SHORT_PREAMBLE_ENABLE	BIT(1)

#define MVNETA_LPI_CTRL_0			0x2cc0
#define MVNETA_LPI_CTRL_1			0x2cc4
#define   MVNETA_LPI_REQUEST_ENABLE		BIT(0)
#define MVNETA_LPI_CTRL_2			0x2cc8
#define MVNETA_LPI_STATUS			0x2ccc

/* ---------------------------------------------------------------------- */
/* MIB counters (clear on read); offsets relative to MVNETA_MIB_COUNTERS_BASE */
/* ---------------------------------------------------------------------- */

#define MVNETA_MIB_COUNTERS_BASE		0x3000
/* 64-bit counters: low word at the offset, high word at offset + 4 */
#define   MVNETA_MIB_GOOD_OCTETS_RECEIVED	0x00	/* 64 bit */
#define   MVNETA_MIB_BAD_OCTETS_RECEIVED	0x08
#define   MVNETA_MIB_INTERNAL_MAC_TX_ERR	0x0c
#define   MVNETA_MIB_GOOD_FRAMES_RECEIVED	0x10
#define   MVNETA_MIB_BAD_FRAMES_RECEIVED	0x14
#define   MVNETA_MIB_BROADCAST_FRAMES_RECEIVED	0x18
#define   MVNETA_MIB_MULTICAST_FRAMES_RECEIVED	0x1c
#define   MVNETA_MIB_FRAMES_64_OCTETS		0x20
#define   MVNETA_MIB_FRAMES_65_TO_127_OCTETS	0x24
#define   MVNETA_MIB_FRAMES_128_TO_255_OCTETS	0x28
#define   MVNETA_MIB_FRAMES_256_TO_511_OCTETS	0x2c
#define   MVNETA_MIB_FRAMES_512_TO_1023_OCTETS	0x30
#define   MVNETA_MIB_FRAMES_1024_TO_MAX_OCTETS	0x34
#define   MVNETA_MIB_GOOD_OCTETS_SENT		0x38	/* 64 bit */
#define   MVNETA_MIB_GOOD_FRAMES_SENT		0x40
#define   MVNETA_MIB_EXCESSIVE_COLLISION	0x44
#define   MVNETA_MIB_MULTICAST_FRAMES_SENT	0x48
#define   MVNETA_MIB_BROADCAST_FRAMES_SENT	0x4c
#define   MVNETA_MIB_UNREC_MAC_CONTROL_RECEIVED	0x50
#define   MVNETA_MIB_FC_SENT			0x54
#define   MVNETA_MIB_GOOD_FC_RECEIVED		0x58
#define   MVNETA_MIB_BAD_FC_RECEIVED		0x5c
#define   MVNETA_MIB_UNDERSIZE_RECEIVED		0x60
#define   MVNETA_MIB_FRAGMENTS_RECEIVED		0x64
#define   MVNETA_MIB_OVERSIZE_RECEIVED		0x68
#define   MVNETA_MIB_JABBER_RECEIVED		0x6c
#define   MVNETA_MIB_MAC_RECEIVE_ERROR		0x70
#define   MVNETA_MIB_BAD_CRC_EVENT		0x74
#define   MVNETA_MIB_COLLISION			0x78
#define   MVNETA_MIB_LATE_COLLISION		0x7c

/* Destination address filter tables */
#define MVNETA_DA_FILT_SPEC_MCAST		0x3400
#define MVNETA_DA_FILT_OTH_MCAST		0x3500
#define MVNETA_DA_FILT_UCAST_BASE		0x3600

/* ---------------------------------------------------------------------- */
/* TX queue registers (q = 0..7)                                           */
/* ---------------------------------------------------------------------- */

/* TX descriptor ring base (DMA address, 32 bytes aligned) */
#define MVNETA_TXQ_BASE_ADDR_REG(q)		(0x3c00 + ((q) << 2))

/* TX ring size: bits 0..13 descriptors, bits 16..29 sent-interrupt threshold */
#define MVNETA_TXQ_SIZE_REG(q)			(0x3c20 + ((q) << 2))
#define   MVNETA_TXQ_DESC_NUM_MASK		0x3fff
#define   MVNETA_TXQ_SENT_THRESH_ALL_MASK	0x3fff0000
#define   MVNETA_TXQ_SENT_THRESH_MASK(coal)	((coal) << 16)

/* TX status: bits 0..13 pending, bits 16..29 sent (transmitted, not released) */
#define MVNETA_TXQ_STATUS_REG(q)		(0x3c40 + ((q) << 2))
#define   MVNETA_TXQ_PENDING_DESC_MASK		0x3fff
#define   MVNETA_TXQ_SENT_DESC_SHIFT		16
#define   MVNETA_TXQ_SENT_DESC_MASK		0x3fff0000

/*
 * TX doorbell: bits 0..7 descriptors added (pending), bits 16..23 sent
 * descriptors released by software. At most 255 of each per write.
 */
#define MVNETA_TXQ_UPDATE_REG(q)		(0x3c60 + ((q) << 2))
#define   MVNETA_TXQ_ADD_PENDING_MASK		0xff
#define   MVNETA_TXQ_DEC_SENT_SHIFT		16
#define   MVNETA_TXQ_DEC_SENT_MASK		0xff

#define MVNETA_PORT_TX_RESET			0x3cf0
#define   MVNETA_PORT_TX_DMA_RESET		BIT(0)
#define MVNETA_TXQ_CMD1_REG			0x3e00
#define   MVNETA_TXQ_CMD1_BW_LIM_SEL_V1		BIT(3)
#define   MVNETA_TXQ_CMD1_BW_LIM_EN		BIT(0)
#define MVNETA_REFILL_NUM_CLK_REG		0x3e08
#define   MVNETA_REFILL_MAX_NUM_CLK		0x0000ffff
#define MVNETA_TX_MTU				0x3e0c
#define   MVNETA_TX_MTU_MAX			0x3ffff
#define MVNETA_TX_TOKEN_SIZE			0x3e14
#define   MVNETA_TX_TOKEN_SIZE_MAX		0xffffffff
#define MVNETA_TXQ_BUCKET_REFILL_REG(q)		(0x3e20 + ((q) << 2))
#define   MVNETA_TXQ_BUCKET_REFILL_PERIOD_MASK	0x3ff00000
#define   MVNETA_TXQ_BUCKET_REFILL_PERIOD_SHIFT	20
#define   MVNETA_TXQ_BUCKET_REFILL_VALUE_MAX	0x0007ffff
#define MVNETA_TXQ_TOKEN_SIZE_REG(q)		(0x3e40 + ((q) << 2))
#define   MVNETA_TXQ_TOKEN_SIZE_MAX		0x7fffffff

/* ---------------------------------------------------------------------- */
/* Constants                                                               */
/* ---------------------------------------------------------------------- */

/*
 * The 2-byte Marvell header the controller puts in front of every received
 * frame (and skips on transmit when not asked for): it makes the IP header
 * 4-byte aligned. RX data_size counts it, and the 4-byte FCS.
 */
#define MVNETA_MH_SIZE				2
#define MVNETA_VLAN_TAG_LEN			4

#define MVNETA_MAX_QUEUES			8
#define MVNETA_MAX_RXD				512
#define MVNETA_MAX_TXD				1024
#define MVNETA_MIN_DESC				16
#define MVNETA_DESC_ALIGNED_SIZE		32
/* Largest MTU the controller accepts (upstream dev->max_mtu) */
#define MVNETA_MAX_MTU				9676

#define MVNETA_TX_CSUM_DEF_SIZE			1600
#define MVNETA_TX_CSUM_MAX_SIZE			9800

/* ---------------------------------------------------------------------- */
/* DMA descriptors (little endian, 32 bytes each)                          */
/* ---------------------------------------------------------------------- */

/* TX descriptor command bits */
#define MVNETA_TX_L3_OFF_SHIFT			0	/* L3 offset, 7 bits */
#define MVNETA_TX_L3_OFF_MASK			0x7f
#define MVNETA_TX_IP_HLEN_SHIFT			8	/* IP hdr len in 32-bit words */
#define MVNETA_TX_IP_HLEN_MASK			(0x1f << 8)
#define MVNETA_TX_L4_UDP			BIT(16)	/* else TCP */
#define MVNETA_TX_L3_IP6			BIT(17)	/* else IPv4 */
#define MVNETA_TXD_IP_CSUM			BIT(18)	/* generate IPv4 csum */
#define MVNETA_TXD_Z_PAD			BIT(19)	/* pad short frames */
#define MVNETA_TXD_L_DESC			BIT(20)	/* last descriptor */
#define MVNETA_TXD_F_DESC			BIT(21)	/* first descriptor */
#define MVNETA_TXD_FLZ_DESC			(MVNETA_TXD_Z_PAD  | \
						 MVNETA_TXD_L_DESC | \
						 MVNETA_TXD_F_DESC)
#define MVNETA_TX_L4_CSUM_FULL			BIT(30)
#define MVNETA_TX_L4_CSUM_NOT			BIT(31)	/* no L4 csum */

/* RX descriptor status bits */
/*
 * L3 offset and IP header length (32-bit words) sit where the TX command has
 * them (Marvell LSP layout, not used by upstream mvneta nor by this driver,
 * which takes checksum results from MVNETA_RXD_L3_IP4 / MVNETA_RXD_L4_CSUM_OK).
 */
#define MVNETA_RXD_L3_OFF_MASK			0x7f
#define MVNETA_RXD_IP_HLEN_SHIFT		8
#define MVNETA_RXD_IP_HLEN_MASK			(0x1f << 8)
#define MVNETA_RXD_ERR_CRC			0x0	/* error code values */
#define MVNETA_RXD_BM_POOL_SHIFT		13
#define MVNETA_RXD_BM_POOL_MASK			(BIT(13) | BIT(14))
#define MVNETA_RXD_ERR_SUMMARY			BIT(16)
#define MVNETA_RXD_ERR_OVERRUN			BIT(17)
#define MVNETA_RXD_ERR_LEN			BIT(18)
#define MVNETA_RXD_ERR_RESOURCE			(BIT(17) | BIT(18))
#define MVNETA_RXD_ERR_CODE_MASK		(BIT(17) | BIT(18))
#define MVNETA_RXD_L3_IP4			BIT(25)
#define MVNETA_RXD_LAST_DESC			BIT(26)
#define MVNETA_RXD_FIRST_DESC			BIT(27)
#define MVNETA_RXD_FIRST_LAST_DESC		(MVNETA_RXD_FIRST_DESC | \
						 MVNETA_RXD_LAST_DESC)
#define MVNETA_RXD_L4_CSUM_OK			BIT(30)

/**
 * struct mvneta_tx_desc - NETA transmit descriptor (hardware layout)
 * @command:       MVNETA_TXD_* / MVNETA_TX_* command bits
 * @csum_l4:       reserved (L4 checksum seed, unused)
 * @data_size:     number of bytes in the buffer
 * @buf_phys_addr: DMA address of the buffer
 * @hw_cmd:        reserved (PTP/PMT commands, unused)
 * @reserved:      reserved, written as 0
 *
 * The controller reads descriptors from the ring in little-endian order
 * (MVNETA_DESC_SWAP clear in MVNETA_SDMA_CONFIG).
 */
struct mvneta_tx_desc {
	__le32 command;
	__le16 csum_l4;
	__le16 data_size;
	__le32 buf_phys_addr;
	__le32 hw_cmd;
	__le32 reserved[4];
};

/**
 * struct mvneta_rx_desc - NETA receive descriptor (hardware layout)
 * @status:        MVNETA_RXD_* status bits, written by the controller
 * @pnc_info:      reserved (parser info, unused)
 * @data_size:     bytes received in this buffer, including the Marvell
 *                 header and, on the last descriptor, the 4-byte FCS
 * @buf_phys_addr: DMA address of the buffer, written by software at refill
 * @pnc_flow_id:   reserved (parser flow id, unused)
 * @buf_cookie:    software cookie written at refill, left untouched by the
 *                 controller (the driver keeps its buffer bookkeeping here)
 * @prefetch_cmd:  reserved
 * @csum_l4:       reserved (L4 checksum, unused)
 * @pnc_extra:     reserved
 * @hw_cmd:        reserved
 */
struct mvneta_rx_desc {
	__le32 status;
	__le16 pnc_info;
	__le16 data_size;
	__le32 buf_phys_addr;
	__le32 pnc_flow_id;
	__le32 buf_cookie;
	__le16 prefetch_cmd;
	__le16 csum_l4;
	__le32 pnc_extra;
	__le32 hw_cmd;
};

/* ---------------------------------------------------------------------- */
/* Registers added by the model engineer (keep this block at the end)      */
/* ---------------------------------------------------------------------- */

#endif /* _MVNETA_REGS_H */
