/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Marvell NETA driver with XDP and page_pool: private header.
 *
 * One file per concern: main.c (module parameters, probe, remove), hw.c
 * (port registers: interrupts, queue enable/stop, filters, defaults),
 * napi.c (interrupt, NAPI poll, refill and interrupt watchdog timers),
 * netdev.c (net_device ops: open/stop, restart with new rings, MTU),
 * link.c (phylink on silicon, GMAC status on the model), rx.c (SWBM RX),
 * tx.c (xmit, completion, BQL), xdp.c (XDP verdicts, ndo_bpf, xmit),
 * pool.c (kernel or own page_pool), ethtool.c, debugfs.c. Every *_init()
 * that allocates has its *_uninit() counterpart.
 */
#ifndef _MVNETA_H
#define _MVNETA_H

#include <linux/bits.h>
#include <linux/bpf.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/jump_label.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/phylink.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <net/xdp.h>

#include <neta_mib.h>
#include <neta_model.h>

#include "compat.h"
#include "mvneta_regs.h"

#define MVNETA_DRIVER_NAME	"mvneta_xdp"

/* Ring sizes: defaults and limits (ethtool -G) */
#define MVNETA_DEF_RXD		128
#define MVNETA_DEF_TXD		256
#define MVNETA_MIN_RXD		16
/* room for the largest skb (head + MAX_SKB_FRAGS) twice */
#define MVNETA_MIN_TXD		64

/* Descriptors one skb may take: head + frags */
#define MVNETA_MAX_SKB_DESCS	(MAX_SKB_FRAGS + 1)

/* Coalescing defaults (as upstream) */
#define MVNETA_TXDONE_COAL_PKTS	0	/* TX done interrupt per frame */
#define MVNETA_RX_COAL_PKTS	32
#define MVNETA_RX_COAL_USEC	100
/* Retry period of an RX ring the pool could not give a single buffer */
#define MVNETA_RX_REFILL_RETRY_MS	10
/* Period of the lost-interrupt watchdog */
#define MVNETA_IRQ_WATCHDOG_MS		500

/*
 * RX buffer layout, one page per buffer:
 *
 *   | headroom | MH | frame ... | FCS | ... | shinfo |
 *   ^ page     ^ buf_phys_addr                ^ tailroom
 *
 * The device writes at most rxq->buf_size bytes from buf_phys_addr, which
 * leaves room for struct skb_shared_info, so build_skb() works on the page
 * as it is (zero copy). The headroom is one value per port, chosen when the
 * rings are set up: XDP_PACKET_HEADROOM when they are for an XDP program
 * (which may grow the head into it, and redirect needs an xdp_frame there),
 * NET_SKB_PAD otherwise, as bnxt, mlx5 and ice do; attaching or detaching
 * a program restarts the rings anyway (DMA direction, xdp_dma_bidir).
 */
#define MVNETA_RX_XDP_HEADROOM	XDP_PACKET_HEADROOM
#define MVNETA_RX_SKB_HEADROOM	NET_SKB_PAD
#define MVNETA_RX_TAILROOM	SKB_DATA_ALIGN(sizeof(struct skb_shared_info))
/* bytes the device may write in a buffer of @truesize after @headroom */
#define MVNETA_RX_BUF_LEN(truesize, headroom) \
	ALIGN_DOWN((truesize) - (headroom) - MVNETA_RX_TAILROOM, 8)
/* a whole page under a program: what a single-buffer program may see */
#define MVNETA_RX_BUF_SIZE	\
	MVNETA_RX_BUF_LEN(PAGE_SIZE, MVNETA_RX_XDP_HEADROOM)

/*
 * Fragment mode: the same layout in each half of a page, two RX buffers per
 * page, when a frame of the MTU fits in MVNETA_RX_BUF_LEN(MVNETA_RX_FRAG_SIZE,
 * headroom). With 4 KiB pages: MTU up to 1640 without a program (64 B
 * headroom + 1664 B + 320 B shinfo = 2 KiB), so the default MTU 1500 is in
 * fragment mode; up to 1448 with one (256 + 1472 + 320). Larger MTUs (and
 * recycle=0, rx_frag=0) use whole pages.
 */
#define MVNETA_RX_FRAG_SIZE	(PAGE_SIZE / 2)

/* Largest frame on the wire for an MTU: MH + VLAN + Ethernet + FCS */
#define MVNETA_RX_PKT_SIZE(mtu) \
	ALIGN((mtu) + MVNETA_MH_SIZE + MVNETA_VLAN_TAG_LEN + ETH_HLEN + \
	      ETH_FCS_LEN, 8)

/* Bytes the device may put in the buffers of one frame, at most */
#define MVNETA_RX_MAX_FRAME	MVNETA_RX_PKT_SIZE(MVNETA_MAX_MTU)

/* Register accesses of the model go through its ops (see neta_model.h) */
DECLARE_STATIC_KEY_FALSE(mvneta_model_key);

struct mvneta_port;
struct mvneta_tx_queue;
struct platform_device;

/**
 * enum mvneta_pool_kind - which page_pool implementation feeds an RX queue
 * @MVNETA_POOL_KERNEL: the kernel's built-in page_pool (MEM_TYPE_PAGE_POOL,
 *	skbs marked for recycling)
 * @MVNETA_POOL_OWN: our neta_pp module (MEM_TYPE_PAGE_ORDER0, the stack frees
 *	pages with put_page() and the pool takes them back by refcount)
 */
enum mvneta_pool_kind {
	MVNETA_POOL_KERNEL,
	MVNETA_POOL_OWN,
};

/**
 * struct mvneta_pool - page pool of one RX queue, behind pool.c
 * @kind: implementation
 * @kpp: kernel page_pool (@kind == MVNETA_POOL_KERNEL)
 * @npp: our pool (@kind == MVNETA_POOL_OWN)
 * @dma_dir: direction the pages are mapped with
 */
struct mvneta_pool {
	enum mvneta_pool_kind kind;
	union {
		struct page_pool *kpp;
		struct neta_pp *npp;
	};
	enum dma_data_direction dma_dir;
};

/* rx_pp_* values the driver sums: room for more than either pool names */
#define MVNETA_POOL_STATS_MAX	16

/**
 * struct mvneta_pool_stats - sums of the rx_pp_* counters of a port's pools
 * @v: in the order of the pool's own ethtool names (the kernel's
 *	page_pool_ethtool_stats_get_strings(), our
 *	neta_pp_ethtool_stats_get_strings()), mvneta_pool_stats_count() used
 */
struct mvneta_pool_stats {
	u64 v[MVNETA_POOL_STATS_MAX];
};

/**
 * struct mvneta_rxq_stats - per RX queue counters (written in NAPI only)
 * @syncp: u64 statistics sequence
 * @packets: good frames taken off the ring and delivered (to the stack;
 *	with XDP, whatever the verdict)
 * @bytes: bytes of those frames (Ethernet header to payload, no MH/FCS)
 * @errors: frames dropped for an error reported by the device or an
 *	inconsistent descriptor sequence (sum of the four below)
 * @crc_errors: MVNETA_RXD_ERR_CRC
 * @over_errors: MVNETA_RXD_ERR_OVERRUN
 * @length_errors: MVNETA_RXD_ERR_LEN, bad data_size, broken FIRST/LAST chain
 * @resource_errors: MVNETA_RXD_ERR_RESOURCE
 * @dropped: good frames the driver dropped: no skb, or still on the ring
 *	when the queue was torn down (frames the device delivered =
 *	@packets + @dropped + @errors)
 * @skb_alloc_errors: build_skb() failures
 * @refill_errors: buffers the pool could not give at refill
 * @hw_errors: polls in which the device reported more occupied descriptors
 *	than the driver had handed over (clamped: a broken or hostile device)
 * @ring_empty: polls that left the ring without a single buffer (the pool
 *	gave none): the device can receive nothing, so no interrupt comes and
 *	the refill is retried from a timer
 */
struct mvneta_rxq_stats {
	struct u64_stats_sync syncp;
	u64 packets;
	u64 bytes;
	u64 errors;
	u64 crc_errors;
	u64 over_errors;
	u64 length_errors;
	u64 resource_errors;
	u64 dropped;
	u64 skb_alloc_errors;
	u64 refill_errors;
	u64 hw_errors;
	u64 ring_empty;
};

/**
 * struct mvneta_xdp_rxq_stats - XDP verdicts of one RX queue (NAPI only)
 * @syncp: u64 statistics sequence
 * @redirect: frames xdp_do_redirect() accepted
 * @pass: XDP_PASS
 * @drop: XDP_DROP, XDP_ABORTED, unknown verdicts and failed redirects
 * @tx: XDP_TX frames queued on a TX ring
 * @tx_errors: XDP_TX frames that could not be queued (dropped)
 */
struct mvneta_xdp_rxq_stats {
	struct u64_stats_sync syncp;
	u64 redirect;
	u64 pass;
	u64 drop;
	u64 tx;
	u64 tx_errors;
};

/**
 * struct mvneta_xdp_txq_stats - ndo_xdp_xmit counters of one TX queue
 *	(written under the queue's netdev TX lock)
 * @syncp: u64 statistics sequence
 * @xmit: frames queued
 * @xmit_errors: frames refused for lack of descriptors or a mapping error
 */
struct mvneta_xdp_txq_stats {
	struct u64_stats_sync syncp;
	u64 xmit;
	u64 xmit_errors;
};

/**
 * struct mvneta_xdp_acc - XDP work of one RX poll, finished once at its end
 *	by mvneta_xdp_finalize()
 * @flags: MVNETA_XDP_F_TX (XDP_TX descriptors wait for the doorbell),
 *	MVNETA_XDP_F_REDIR (xdp_do_flush() needed)
 * @txq: TX queue the XDP_TX frames of this poll went to
 * @redirect: verdict counts folded into the queue's xdp_stats
 * @pass: see struct mvneta_xdp_rxq_stats
 * @drop: see struct mvneta_xdp_rxq_stats
 * @tx: see struct mvneta_xdp_rxq_stats
 * @tx_errors: see struct mvneta_xdp_rxq_stats
 */
struct mvneta_xdp_acc {
	u32 flags;
	struct mvneta_tx_queue *txq;
	u32 redirect;
	u32 pass;
	u32 drop;
	u32 tx;
	u32 tx_errors;
};

/**
 * struct mvneta_rx_acc - counters of one RX poll (page pool or zero-copy
 *	queue), folded into the queue's u64_stats once at the end
 * @packets: good frames, whatever their verdict
 * @bytes: their bytes
 * @errors: bad frames
 * @crc: of which CRC errors
 * @over: of which overruns
 * @len: of which length/sequence errors
 * @res: of which resource errors
 * @dropped: good frames dropped (no skb for XDP_PASS)
 * @skb_err: skb allocation (build_skb(), or the zero-copy copy) failures
 * @hw_err: the device reported more occupied descriptors than it was given
 * @empty: the ring is left without a buffer
 * @xdp: XDP verdicts and the work left for the end of the poll
 */
struct mvneta_rx_acc {
	u32 packets;
	u64 bytes;
	u32 errors;
	u32 crc;
	u32 over;
	u32 len;
	u32 res;
	u32 dropped;
	u32 skb_err;
	u32 hw_err;
	u32 empty;
	struct mvneta_xdp_acc xdp;
};

#define MVNETA_XDP_F_TX		BIT(0)
#define MVNETA_XDP_F_REDIR	BIT(1)

/**
 * enum mvneta_xdp_result - what became of a frame after its XDP program
 * @MVNETA_XDP_PASS: build an skb (pages still the driver's)
 * @MVNETA_XDP_CONSUMED: queued for XDP_TX or redirected (pages given away)
 * @MVNETA_XDP_DROPPED: the caller recycles the pages (counted as a verdict)
 * @MVNETA_XDP_REFUSED: multi-buffer frame for a program without frags
 *	support: not run, the caller drops and counts it as dropped
 */
enum mvneta_xdp_result {
	MVNETA_XDP_PASS,
	MVNETA_XDP_CONSUMED,
	MVNETA_XDP_DROPPED,
	MVNETA_XDP_REFUSED,
};

/**
 * struct mvneta_rx_frame - frame being assembled from FIRST..LAST descriptors
 * @xdp: the frame: head buffer, frags in its shared info (XDP multi-buffer
 *	layout, so XDP programs run on it as it is)
 * @status: status of the FIRST descriptor (checksum bits)
 * @left: buffer bytes of the frame still expected (MH and FCS included)
 * @payload: frame bytes still to attach (no MH, no FCS)
 * @active: a FIRST descriptor was seen and @xdp holds pages
 * @bad: the frame is dropped when its LAST descriptor arrives
 * @err: status of the descriptor that made it bad, for the counters
 */
struct mvneta_rx_frame {
	struct xdp_buff xdp;
	u32 status;
	int left;
	int payload;
	bool active;
	bool bad;
	u32 err;
};

/**
 * struct mvneta_rx_queue - one RX queue (SWBM)
 * @pp: port
 * @id: queue number (0..7)
 * @size: descriptors in the ring
 * @descs: descriptor ring (coherent DMA memory)
 * @descs_dma: its DMA address
 * @bufs: buffer (its first byte: page address + fragment offset) given to
 *	the device with each descriptor, NULL when the
 *	descriptor waits for a buffer
 * @next_to_proc: next descriptor the driver processes
 * @first_to_refill: first descriptor waiting for a buffer
 * @refill_num: descriptors waiting for a buffer
 * @pkts_coal: occupied descriptors before an interrupt
 * @time_coal: microseconds before an interrupt
 * @pool: page pool feeding the ring
 * @frag_size: bytes of page per buffer in fragment mode, 0 for whole pages
 * @headroom: bytes of each buffer before buf_phys_addr (mvneta_rx_headroom()
 *	of the port when the ring was set up)
 * @truesize: bytes of page per buffer (XDP frame_sz, skb truesize)
 * @buf_size: bytes the device may write from a buffer's buf_phys_addr
 * @sync_off: offset in a buffer of the range its pool syncs for the
 *	device when the buffer comes back (@headroom; 0 with sync_whole)
 * @sync_len: length of that range (@buf_size; the whole buffer with
 *	sync_whole)
 * @xdp_rxq: XDP queue info (memory model of @pool)
 * @frame: frame in assembly, kept across NAPI polls
 * @stats: counters
 * @xdp_stats: XDP verdict counters (xdp.c)
 * @xsk_pool: AF_XDP zero-copy pool the ring was built with (xsk.c): @bufs
 *	then hold struct xdp_buff pointers of that pool, not pages, and
 *	@pool is unused
 * @xsk_cfg: zero-copy pool bound to queue pair @id (XDP_SETUP_XSK_POOL,
 *	RTNL), taken by the next setup of this RX ring and TX ring @id
 */
struct mvneta_rx_queue {
	struct mvneta_port *pp;
	u8 id;
	int size;
	struct mvneta_rx_desc *descs;
	dma_addr_t descs_dma;
	void **bufs;
	int next_to_proc;
	int first_to_refill;
	int refill_num;
	u32 pkts_coal;
	u32 time_coal;
	struct mvneta_pool pool;
	unsigned int frag_size;
	unsigned int headroom;
	unsigned int truesize;
	unsigned int buf_size;
	unsigned int sync_off;
	unsigned int sync_len;
	struct xdp_rxq_info xdp_rxq;
	struct mvneta_rx_frame frame;
	struct mvneta_rxq_stats stats;
	struct mvneta_xdp_rxq_stats xdp_stats;
	struct xsk_buff_pool *xsk_pool;
	struct xsk_buff_pool *xsk_cfg;
};

/**
 * enum mvneta_tx_buf_type - what a TX descriptor carries
 * @MVNETA_TYPE_SKB: (a piece of) an skb from ndo_start_xmit
 * @MVNETA_TYPE_XDP_TX: (a piece of) an XDP_TX frame: pages of our RX pool,
 *	mapped by the pool (nothing to unmap), recycled at completion
 * @MVNETA_TYPE_XDP_NDO: (a piece of) an ndo_xdp_xmit frame: mapped here,
 *	returned with xdp_return_frame() at completion
 * @MVNETA_TYPE_XSK: an AF_XDP zero-copy TX descriptor: umem memory mapped
 *	by the XSK pool (nothing to unmap), its completion goes to the
 *	socket's completion ring (xsk_tx_completed())
 *
 * The completion path in tx.c dispatches on the type.
 */
enum mvneta_tx_buf_type {
	MVNETA_TYPE_SKB,
	MVNETA_TYPE_XDP_TX,
	MVNETA_TYPE_XDP_NDO,
	MVNETA_TYPE_XSK,
};

/**
 * struct mvneta_tx_buf - software state of one TX descriptor
 * @type: what @skb points to
 * @skb: skb, set on the LAST descriptor of the frame only
 * @dma: DMA address mapped for this descriptor (0: nothing to unmap)
 * @len: mapped length
 * @xdpf: XDP frame, set on the LAST descriptor of the frame only
 * @rxq: RX queue whose pool owns the pages of an XDP_TX frame
 */
struct mvneta_tx_buf {
	enum mvneta_tx_buf_type type;
	struct sk_buff *skb;
	dma_addr_t dma;
	u32 len;
	struct xdp_frame *xdpf;
	struct mvneta_rx_queue *rxq;
};

/**
 * struct mvneta_txq_stats - per TX queue counters (written under the queue's
 *	netdev TX lock: xmit and completion)
 * @syncp: u64 statistics sequence
 * @packets: frames the device reported sent
 * @bytes: bytes of those frames
 * @dropped: frames dropped by the driver (mapping error, teardown)
 * @stops: times the queue was stopped for lack of descriptors
 * @wakes: times it was woken again by completion
 * @hw_errors: completions in which the device reported more sent
 *	descriptors than it had been handed (clamped: a broken or hostile
 *	device)
 */
struct mvneta_txq_stats {
	struct u64_stats_sync syncp;
	u64 packets;
	u64 bytes;
	u64 dropped;
	u64 stops;
	u64 wakes;
	u64 hw_errors;
};

/**
 * struct mvneta_tx_queue - one TX queue
 * @pp: port
 * @id: queue number (0..7), also the netdev TX queue index
 * @size: descriptors in the ring
 * @descs: descriptor ring (coherent DMA memory)
 * @descs_dma: its DMA address
 * @bufs: software state per descriptor
 * @put: next descriptor to fill
 * @get: oldest descriptor not completed
 * @count: descriptors in use (filled, not completed)
 * @pending: descriptors filled but not yet announced to the device
 * @stop_threshold: stop the queue when @count reaches it
 * @wake_threshold: wake it when @count falls to it
 * @done_pkts_coal: sent descriptors before a TX done interrupt
 * @stats: counters
 * @xdp_stats: ndo_xdp_xmit counters
 * @xsk_pool: AF_XDP zero-copy pool whose TX ring this queue sends (set at
 *	ring setup from the RX queue of the same id, xsk.c)
 * @closed: the ring is being rebuilt (mvneta_qpair_restart()): XDP_TX and
 *	ndo_xdp_xmit frames are refused (the stack sees the netdev queue
 *	stopped, XDP does not look at it)
 *
 * All fields but @stats readers are protected by the netdev TX queue lock
 * (__netif_tx_lock), which ndo_start_xmit holds, the completion in NAPI
 * takes, and XDP_TX / ndo_xdp_xmit take.
 */
struct mvneta_tx_queue {
	struct mvneta_port *pp;
	u8 id;
	int size;
	struct mvneta_tx_desc *descs;
	dma_addr_t descs_dma;
	struct mvneta_tx_buf *bufs;
	int put;
	int get;
	int count;
	int pending;
	int stop_threshold;
	int wake_threshold;
	u32 done_pkts_coal;
	struct mvneta_txq_stats stats;
	struct mvneta_xdp_txq_stats xdp_stats;
	struct xsk_buff_pool *xsk_pool;
	bool closed;
};

/* MIB counters accumulated in software (they clear on read): neta_mib.h */
#define MVNETA_MIB_COUNT	NETA_MIB_NUM

/**
 * struct mvneta_port - one NETA port (netdev private data)
 * @dev: the netdev
 * @dmadev: device used for DMA (the platform device)
 * @base: register window on silicon
 * @model_ops: register accessors of the model, NULL on silicon
 * @model_hw: first argument of @model_ops
 * @rxq_number: RX queues in use
 * @txq_number: TX queues in use
 * @rxq_def: default RX queue
 * @rxqs: RX queues
 * @txqs: TX queues
 * @rings_lock: held while the rings are allocated or freed, so a debugfs
 *	reader sees them whole without taking RTNL, and a link change
 *	(phylink) never enables a queue whose ring is being rebuilt
 * @napi: the port's NAPI context (one interrupt line, as Armada 3700)
 * @irq: interrupt line
 * @cause_rx: RX queues left with work by the previous poll
 * @rx_ring_size: RX descriptors per queue
 * @tx_ring_size: TX descriptors per queue
 * @pkt_size: largest frame for the MTU (MVNETA_RX_PKT_SIZE)
 * @pool_kind: page pool implementation of the RX queues
 * @running: rings, pools and irq are set up (between start and stop)
 * @clk: core clock (silicon)
 * @clk_bus: AXI clock (silicon, optional)
 * @clk_rate: core clock rate, for the RX time coalescing register
 * @phylink: phylink instance (silicon), NULL on the model
 * @phylink_config: its configuration
 * @phy_interface: interface mode from the device tree
 * @tx_csum_limit: largest MTU with TX checksum offload (0: no limit)
 * @mib_lock: serializes the MIB read-and-accumulate
 * @mib: accumulated MIB counters (ethtool.c's table order)
 * @pp_retired: counters of the page pools already destroyed (ring
 *	restarts), so rx_pp_* never go backwards (RTNL)
 * @netpoll_polls: budget 0 polls (netpoll), TX completion only
 * @tx_timeouts: TX watchdog expiries (ndo_tx_timeout)
 * @reset_work: restarts the rings after a TX timeout
 * @fail_ring_alloc: test only (debugfs): the next ring allocations that
 *	fail with -ENOMEM, for the paths that recover from it
 * @fail_refill: test only (debugfs): while not 0, every RX refill
 *	allocation fails, as when the pool has no page to give
 * @fail_xsk_twice: test only (debugfs): the next N zero-copy refills hand
 *	the device the umem frame of the descriptor before instead of their
 *	own, for the model's check of a buffer handed over twice
 * @refill_timer: polls the RX queues in @refill_pending again after
 *	MVNETA_RX_REFILL_RETRY_MS
 * @refill_pending: RX queues left without any buffer (NAPI only)
 * @irq_watchdog: every MVNETA_IRQ_WATCHDOG_MS while running: polls a port
 *	whose device has work pending although no poll ran since the last
 *	tick (an interrupt lost by a broken or hostile device)
 * @polls: NAPI polls so far (NAPI only)
 * @watchdog_polls: @polls at the watchdog's last tick
 * @irq_watchdog_polls: polls the watchdog started
 * @debugfs: debugfs directory of the port
 * @xdp_prog: attached XDP program (READ_ONCE in NAPI, RTNL writers)
 * @xdp_dma_bidir: RX rings are for an XDP program: pools map pages
 *	DMA_BIDIRECTIONAL (XDP_TX sends from them) and buffers have XDP's
 *	headroom (mvneta_rx_headroom()); changing it needs new rings
 */
struct mvneta_port {
	struct net_device *dev;
	struct device *dmadev;
	void __iomem *base;
	const struct neta_model_ops *model_ops;
	void *model_hw;
	unsigned int rxq_number;
	unsigned int txq_number;
	unsigned int rxq_def;
	struct mvneta_rx_queue *rxqs;
	struct mvneta_tx_queue *txqs;
	struct mutex rings_lock; /* ring allocation vs debugfs readers */
	struct napi_struct napi;
	int irq;
	u32 cause_rx;
	u16 rx_ring_size;
	u16 tx_ring_size;
	int pkt_size;
	enum mvneta_pool_kind pool_kind;
	bool running;
	struct clk *clk;
	struct clk *clk_bus;
	unsigned long clk_rate;
	struct phylink *phylink;
	struct phylink_config phylink_config;
	phy_interface_t phy_interface;
	unsigned int tx_csum_limit;
	spinlock_t mib_lock; /* MIB read + accumulate */
	u64 mib[MVNETA_MIB_COUNT];
	struct mvneta_pool_stats pp_retired;
	atomic64_t netpoll_polls;
	atomic64_t tx_timeouts;
	struct work_struct reset_work;
	u32 fail_ring_alloc;
	u32 fail_refill;
	u32 fail_xsk_twice;
	struct timer_list refill_timer;
	u32 refill_pending;
	struct timer_list irq_watchdog;
	u32 polls;
	u32 watchdog_polls;
	atomic64_t irq_watchdog_polls;
	struct dentry *debugfs;
	struct bpf_prog *xdp_prog;
	bool xdp_dma_bidir;
};

/* Register accessors: readl/writel on silicon, the model's ops otherwise */
static inline u32 mvreg_read(struct mvneta_port *pp, u32 offset)
{
	if (static_branch_unlikely(&mvneta_model_key) && pp->model_ops)
		return pp->model_ops->read(pp->model_hw, offset);
	return readl(pp->base + offset);
}

static inline void mvreg_write(struct mvneta_port *pp, u32 offset, u32 val)
{
	if (static_branch_unlikely(&mvneta_model_key) && pp->model_ops) {
		pp->model_ops->write(pp->model_hw, offset, val);
		return;
	}
	writel(val, pp->base + offset);
}

/**
 * mvneta_rx_headroom() - RX buffer headroom of rings set up now
 * @pp: port
 *
 * Return: XDP_PACKET_HEADROOM for rings serving an XDP program, else
 * NET_SKB_PAD (which lets MTU 1500 frames fit half a page).
 */
static inline unsigned int mvneta_rx_headroom(const struct mvneta_port *pp)
{
	return pp->xdp_dma_bidir ? MVNETA_RX_XDP_HEADROOM :
				   MVNETA_RX_SKB_HEADROOM;
}

static inline int mvneta_ring_next(int index, int size)
{
	return index + 1 == size ? 0 : index + 1;
}

/* Hand RX descriptor @index to the device with buffer @buf at @dma (the
 * address the device writes MH + frame at); the doorbell comes later.
 */
static inline void mvneta_rx_desc_give(struct mvneta_rx_queue *rxq, int index,
				       void *buf, dma_addr_t dma)
{
	struct mvneta_rx_desc *desc = rxq->descs + index;

	rxq->bufs[index] = buf;
	desc->status = 0;
	desc->data_size = 0;
	desc->buf_phys_addr = cpu_to_le32(lower_32_bits(dma));
	desc->buf_cookie = cpu_to_le32(index);
}

/* hw.c */
void mvneta_intr_mask(struct mvneta_port *pp);
void mvneta_intr_clear(struct mvneta_port *pp);
void mvneta_intr_unmask(struct mvneta_port *pp);
void mvneta_queues_start(struct mvneta_port *pp, u32 rx, u32 tx);
u32 mvneta_rxqs_stop(struct mvneta_port *pp, u32 map);
u32 mvneta_txqs_stop(struct mvneta_port *pp, u32 map);
void mvneta_port_up(struct mvneta_port *pp);
void mvneta_port_down(struct mvneta_port *pp);
void mvneta_port_enable(struct mvneta_port *pp);
void mvneta_port_disable(struct mvneta_port *pp);
void mvneta_max_rx_size_set(struct mvneta_port *pp, int size);
void mvneta_max_tx_size_set(struct mvneta_port *pp, int size);
void mvneta_ucast_set(struct mvneta_port *pp, u8 last_byte, int queue);
void mvneta_mac_addr_write(struct mvneta_port *pp, const u8 *addr);
void mvneta_mac_addr_read(struct mvneta_port *pp, u8 *addr);
void mvneta_set_rx_mode(struct net_device *dev);
void mvneta_defaults_set(struct mvneta_port *pp);
void mvneta_mbus_windows_set(struct mvneta_port *pp);

/* napi.c */
irqreturn_t mvneta_isr(int irq, void *dev_id);
void mvneta_napi_init(struct mvneta_port *pp);

/* netdev.c */
void mvneta_netdev_init(struct mvneta_port *pp);
int mvneta_reconfigure(struct net_device *dev, u16 rx_size, u16 tx_size,
		       bool bidir, struct netlink_ext_ack *extack);
int mvneta_qpair_restart(struct mvneta_port *pp, unsigned int q);

/* link.c */
int mvneta_link_init(struct mvneta_port *pp, struct platform_device *pdev);
void mvneta_link_uninit(struct mvneta_port *pp);
void mvneta_link_start(struct mvneta_port *pp);
void mvneta_link_stop(struct mvneta_port *pp);
void mvneta_link_change(struct mvneta_port *pp);
int mvneta_link_ksettings_get(struct mvneta_port *pp,
			      struct ethtool_link_ksettings *cmd);
int mvneta_link_ksettings_set(struct mvneta_port *pp,
			      const struct ethtool_link_ksettings *cmd);
int mvneta_link_nway_reset(struct mvneta_port *pp);

/* rx.c */
int mvneta_rxq_init(struct mvneta_port *pp, struct mvneta_rx_queue *rxq);
void mvneta_rxq_uninit(struct mvneta_port *pp, struct mvneta_rx_queue *rxq);
int mvneta_rx_poll(struct mvneta_port *pp, struct mvneta_rx_queue *rxq,
		   struct napi_struct *napi, int budget);
void mvneta_rxq_coal_set(struct mvneta_port *pp, struct mvneta_rx_queue *rxq);
int mvneta_rxq_pages_on_ring(struct mvneta_rx_queue *rxq);
void mvneta_rx_count_error(struct mvneta_rx_acc *acc, u32 err);
int mvneta_rx_todo(struct mvneta_port *pp, struct mvneta_rx_queue *rxq,
		   struct mvneta_rx_acc *acc);
bool mvneta_rx_ring_empty(struct mvneta_port *pp, struct mvneta_rx_queue *rxq);
void mvneta_rx_acc_commit(struct mvneta_rx_queue *rxq,
			  const struct mvneta_rx_acc *acc);

/* tx.c */
int mvneta_txq_init(struct mvneta_port *pp, struct mvneta_tx_queue *txq);
void mvneta_txq_uninit(struct mvneta_port *pp, struct mvneta_tx_queue *txq);
netdev_tx_t mvneta_start_xmit(struct sk_buff *skb, struct net_device *dev);
void mvneta_tx_done(struct mvneta_port *pp, u32 cause_tx);
void mvneta_tx_done_netpoll(struct mvneta_port *pp);
void mvneta_txq_coal_set(struct mvneta_port *pp, struct mvneta_tx_queue *txq);
void mvneta_txq_doorbell(struct mvneta_port *pp, struct mvneta_tx_queue *txq,
			 int num);
void mvneta_tx_desc_fill(struct mvneta_tx_queue *txq, int index,
			 dma_addr_t dma, u32 len, u32 cmd);
int mvneta_tx_dma_map(struct mvneta_port *pp, struct page *page,
		      unsigned int off, unsigned int len, dma_addr_t *dma);

/* pool.c */
int mvneta_pool_parse(const char *list, unsigned int port,
		      enum mvneta_pool_kind *kind);
const char *mvneta_pool_name(enum mvneta_pool_kind kind);
int mvneta_pool_init(struct mvneta_port *pp, struct mvneta_rx_queue *rxq);
void mvneta_pool_uninit(struct mvneta_port *pp, struct mvneta_rx_queue *rxq);
unsigned int mvneta_pool_frag_size(struct mvneta_port *pp);
void *mvneta_pool_alloc(struct mvneta_rx_queue *rxq, gfp_t gfp);
dma_addr_t mvneta_pool_dma(struct mvneta_rx_queue *rxq, struct page *page);
dma_addr_t mvneta_pool_buf_dma(struct mvneta_rx_queue *rxq, void *buf);
void mvneta_pool_recycle_direct(struct mvneta_rx_queue *rxq, void *addr);
void mvneta_pool_put(struct mvneta_rx_queue *rxq, void *addr, bool napi);
void mvneta_pool_to_stack(struct mvneta_rx_queue *rxq, struct sk_buff *skb);
u64 mvneta_pool_inflight(struct mvneta_rx_queue *rxq);
unsigned int mvneta_pool_stats_count(struct mvneta_port *pp);
void mvneta_pool_stats_strings(struct mvneta_port *pp, u8 **data);
void mvneta_pool_stats_add(struct mvneta_rx_queue *rxq,
			   struct mvneta_pool_stats *stats);

/**
 * struct mvneta_stat - one ethtool counter: its name and where its value is
 * @name: the ethtool -S name (per queue: without the rxqN_/txqN_ prefix)
 * @offset: offset of the u64 counter in the statistics structure the
 *	table is about (struct mvneta_rxq_stats, ...)
 *
 * Counters are tables of these (MVNETA_STAT()), so a name and its value
 * cannot drift apart: the strings and the values of ethtool -S are both
 * produced by walking the same table.
 */
struct mvneta_stat {
	char name[ETH_GSTRING_LEN];
	u16 offset;
};

#define MVNETA_STAT(type, field)	{ #field, offsetof(type, field) }
#define MVNETA_STAT_NAMED(name, type, field) { name, offsetof(type, field) }

/*
 * A statistics structure covered by a table: its u64 counters follow the
 * u64_stats_sync and the table has a row for each of them.
 */
#define MVNETA_STATS_COVERED(type, first, table) \
	static_assert(sizeof(type) - offsetof(type, first) == \
		      ARRAY_SIZE(table) * sizeof(u64))

/**
 * mvneta_stats_read() - a consistent snapshot of the counters of a table
 * @syncp: the u64_stats_sync of the statistics structure
 * @base: the statistics structure
 * @table: its rows
 * @n: rows in @table
 * @v: @n values, in the order of @table
 */
static inline void mvneta_stats_read(const struct u64_stats_sync *syncp,
				     const void *base,
				     const struct mvneta_stat *table,
				     unsigned int n, u64 *v)
{
	unsigned int start, i;

	do {
		start = u64_stats_fetch_begin(syncp);
		for (i = 0; i < n; i++)
			v[i] = *(const u64 *)((const u8 *)base + table[i].offset);
	} while (u64_stats_fetch_retry(syncp, start));
}

/* ethtool.c */
extern const struct ethtool_ops mvneta_ethtool_ops;
void mvneta_qstats_init(struct net_device *dev);
void mvneta_mib_update(struct mvneta_port *pp);
void mvneta_mib_clear(struct mvneta_port *pp);
u64 mvneta_mib_get(struct mvneta_port *pp, u32 offset);

/* xdp.c */
#define MVNETA_XDP_STATS_COUNT	7
void mvneta_xdp_init(struct mvneta_port *pp);
int mvneta_xdp(struct net_device *dev, struct netdev_bpf *bpf);
int mvneta_xdp_xmit(struct net_device *dev, int num,
		    struct xdp_frame **frames, u32 flags);
enum mvneta_xdp_result mvneta_xdp_run(struct mvneta_rx_queue *rxq,
				      struct bpf_prog *prog,
				      struct xdp_buff *xdp,
				      struct mvneta_xdp_acc *acc);
void mvneta_xdp_finalize(struct mvneta_rx_queue *rxq,
			 struct mvneta_xdp_acc *acc);
void mvneta_xdp_tx_free(struct mvneta_port *pp, struct mvneta_tx_buf *buf,
			bool napi);
void mvneta_xdp_stats_get(struct mvneta_port *pp, u64 *v);
void mvneta_xdp_stats_strings(u8 **data);

/* rx.c, for xsk.c */
void mvneta_rxq_doorbell(struct mvneta_port *pp, struct mvneta_rx_queue *rxq,
			 int done, int filled);
int mvneta_rx_refill(struct mvneta_rx_queue *rxq, gfp_t gfp);

/* xdp.c, for xsk.c */
bool mvneta_xdp_tx_frame(struct mvneta_port *pp, struct xdp_frame *xdpf,
			 struct mvneta_rx_queue *rxq,
			 struct mvneta_xdp_acc *acc);

/* xsk.c */
int mvneta_xsk_pool_setup(struct net_device *dev, struct xsk_buff_pool *pool,
			  u16 qid, struct netlink_ext_ack *extack);
int mvneta_xsk_wakeup(struct net_device *dev, u32 qid, u32 flags);
int mvneta_xsk_rxq_init(struct mvneta_port *pp, struct mvneta_rx_queue *rxq);
void mvneta_xsk_rxq_uninit(struct mvneta_rx_queue *rxq);
int mvneta_xsk_refill_one(struct mvneta_rx_queue *rxq, int index);
int mvneta_rx_poll_zc(struct mvneta_port *pp, struct mvneta_rx_queue *rxq,
		      struct napi_struct *napi, int budget);
bool mvneta_xsk_poll(struct mvneta_port *pp);
int mvneta_xsk_mtu_check(struct mvneta_port *pp, int mtu);
void mvneta_xsk_tx_completed(struct mvneta_tx_queue *txq, u32 num);

/* debugfs.c */
void mvneta_debugfs_module_init(void);
void mvneta_debugfs_module_uninit(void);
void mvneta_debugfs_init(struct mvneta_port *pp);
void mvneta_debugfs_uninit(struct mvneta_port *pp);

#endif /* _MVNETA_H */
