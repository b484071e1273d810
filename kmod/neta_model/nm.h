/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private declarations of the NETA register-level model.
 */
#ifndef _NM_H
#define _NM_H

#include <linux/atomic.h>
#include <linux/irq_work.h>
#include <linux/ktime.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "mvneta_regs.h"
#include "neta_mib.h"
#include "neta_model.h"

/* Size of a port's register window (every MVNETA_* offset is below it) */
#define NM_REG_WINDOW		0x4000
/* Largest frame (without MH and FCS) either side handles */
#define NM_FRAME_MAX		10240
/* Smallest frame on the wire (without FCS) */
#define NM_FRAME_MIN		60
/* Ring sizes the ownership snapshots are allocated for */
#define NM_RING_MAX		(MVNETA_RXQ_DESC_NUM_MASK + 1)
/* Buckets of a port's table of the RX buffers the device owns (log2) */
#define NM_GIVEN_BITS		10
/* Longest descriptor chain of the long_chain fault */
#define NM_CHAIN_MAX		64
/* Frames handled per queue and engine pass */
#define NM_BUDGET		64

/**
 * enum nm_viol - kinds of violations the checker counts
 * @NM_VIOL_OWN:   the driver wrote a descriptor the device owns
 * @NM_VIOL_ADDR:  buffer or ring address zero, outside RAM, in a free page,
 *                 or not a bounce slot under swiotlb=force; an RX buffer
 *                 handed to the device while another descriptor the device
 *                 owns (any RX queue of the port) already has it
 * @NM_VIOL_RING:  doorbell count above ring space or above what the device
 *                 reported (RX occupied, TX sent)
 * @NM_VIOL_BUF:   buffer overrun: RX write past the buffer size the driver
 *                 set, TX frame longer than the model handles,
 *                 RX buffer size or packet offset inconsistent
 * @NM_VIOL_RO:    write to a read-only register
 * @NM_VIOL_REG:   unaligned access or offset outside the register window
 * @NM_VIOL_DESC:  malformed descriptor chain (TX without FIRST, zero size)
 * @NM_VIOL_STATE: queue used or reconfigured in a state that forbids it
 * @NM_VIOL_NUM:   number of kinds
 */
enum nm_viol {
	NM_VIOL_OWN,
	NM_VIOL_ADDR,
	NM_VIOL_RING,
	NM_VIOL_BUF,
	NM_VIOL_RO,
	NM_VIOL_REG,
	NM_VIOL_DESC,
	NM_VIOL_STATE,
	NM_VIOL_NUM,
};

/**
 * enum nm_mib - MIB counters a port keeps (registers, names: neta_mib.h)
 * @NM_MIB_GOOD_OCTETS_RX:  octets of good frames received (with FCS)
 * @NM_MIB_BAD_OCTETS_RX:   octets of bad frames received
 * @NM_MIB_GOOD_FRAMES_RX:  good frames received
 * @NM_MIB_BAD_FRAMES_RX:   frames received with an error
 * @NM_MIB_BCAST_RX:        broadcast frames received
 * @NM_MIB_MCAST_RX:        multicast frames received
 * @NM_MIB_FRAMES_64:       frames of 64 octets (RX and TX)
 * @NM_MIB_FRAMES_65_127:   frames of 65..127 octets
 * @NM_MIB_FRAMES_128_255:  frames of 128..255 octets
 * @NM_MIB_FRAMES_256_511:  frames of 256..511 octets
 * @NM_MIB_FRAMES_512_1023: frames of 512..1023 octets
 * @NM_MIB_FRAMES_1024_MAX: frames of 1024 octets and more
 * @NM_MIB_GOOD_OCTETS_TX:  octets of frames sent (with FCS)
 * @NM_MIB_GOOD_FRAMES_TX:  frames sent
 * @NM_MIB_MCAST_TX:        multicast frames sent
 * @NM_MIB_BCAST_TX:        broadcast frames sent
 * @NM_MIB_OVERSIZE_RX:     frames longer than MVNETA_GMAC_MAX_RX_SIZE
 * @NM_MIB_BAD_CRC:         frames received with a CRC error
 * @NM_MIB_RX_DISCARD:      frames discarded (MVNETA_RX_DISCARD_FRAME_COUNT)
 * @NM_MIB_RX_OVERRUN:      frames dropped for lack of RX descriptors
 *                          (MVNETA_OVERRUN_FRAME_COUNT)
 * @NM_MIB_NUM:             number of counters
 */
enum nm_mib {
	NM_MIB_GOOD_OCTETS_RX,
	NM_MIB_BAD_OCTETS_RX,
	NM_MIB_GOOD_FRAMES_RX,
	NM_MIB_BAD_FRAMES_RX,
	NM_MIB_BCAST_RX,
	NM_MIB_MCAST_RX,
	NM_MIB_FRAMES_64,
	NM_MIB_FRAMES_65_127,
	NM_MIB_FRAMES_128_255,
	NM_MIB_FRAMES_256_511,
	NM_MIB_FRAMES_512_1023,
	NM_MIB_FRAMES_1024_MAX,
	NM_MIB_GOOD_OCTETS_TX,
	NM_MIB_GOOD_FRAMES_TX,
	NM_MIB_MCAST_TX,
	NM_MIB_BCAST_TX,
	NM_MIB_OVERSIZE_RX,
	NM_MIB_BAD_CRC,
	NM_MIB_RX_DISCARD,
	NM_MIB_RX_OVERRUN,
	NM_MIB_NUM,
};

/**
 * enum nm_fault - fault injection knobs (each a count of next frames hit)
 * @NM_FAULT_DROP:        frame lost on the wire before this port's MAC
 * @NM_FAULT_CORRUPT_LEN: FIRST descriptor data_size claims one buffer more
 * @NM_FAULT_ERR:         frame delivered with MVNETA_RXD_ERR_SUMMARY set
 * @NM_FAULT_NO_LAST:     last descriptor of the frame lacks LAST
 * @NM_FAULT_RING_FULL:   frame dropped as if the RX ring were full
 * @NM_FAULT_RX_OCC_LIE:  hostile device: an RXQ status read reports the
 *                        largest occupied count (more than the driver
 *                        handed over) and the device returns every empty
 *                        descriptor it owns as used, with no data and no
 *                        FIRST/LAST
 * @NM_FAULT_TX_SENT_LIE: hostile device: a TXQ status read of a queue the
 *                        driver uses reports the largest sent count (more
 *                        than was handed over)
 * @NM_FAULT_SPURIOUS_IRQ: hostile device: the interrupt line is raised and
 *                        a read of MVNETA_INTR_NEW_CAUSE reports every queue
 *                        of the port, whatever its state
 * @NM_FAULT_ZERO_SIZE:   FIRST descriptor data_size 0
 * @NM_FAULT_HUGE_SIZE:   FIRST descriptor data_size 0xffff: larger than the
 *                        buffer, the frame and any frame the MAC accepts
 * @NM_FAULT_NO_FIRST:    first descriptor of the frame lacks FIRST (LAST
 *                        without FIRST)
 * @NM_FAULT_FIRST_TWICE: one more descriptor ahead of the frame, FIRST
 *                        without LAST and without data (FIRST twice)
 * @NM_FAULT_LOST_IRQ:    the next interrupt is not raised although its
 *                        cause holds (the next event raises it)
 * @NM_FAULT_LINK_FLAP:   reads of MVNETA_GMAC_STATUS alternate link down /
 *                        up (down while the count left is odd), each one
 *                        raising a new link change interrupt
 * @NM_FAULT_LONG_CHAIN:  the frame is written as a chain of
 *                        fault_chain_len descriptors (FIRST .. LAST), more
 *                        than it needs and more than the driver takes as
 *                        frags; the FIRST data_size says the frame's length
 *                        or, with fault_chain_claim, the chain's
 * @NM_FAULT_OWN_WRITE:   hostile device: at an RXQ status read the device
 *                        returns every empty descriptor it owns as used
 *                        (as rx_occ_lie) and reports one descriptor more,
 *                        one the driver holds; when the driver holds one
 *                        that is not occupied (waiting for a buffer), the
 *                        device writes it as a whole frame (FIRST|LAST)
 * @NM_FAULT_NUM:         number of knobs
 *
 * The frame knobs (drop .. ring_full, zero_size .. first_twice,
 * long_chain) count frames; the others count register reads or
 * interrupts. A frame takes at most one frame knob: a hit is one bad frame.
 */
enum nm_fault {
	NM_FAULT_DROP,
	NM_FAULT_CORRUPT_LEN,
	NM_FAULT_ERR,
	NM_FAULT_NO_LAST,
	NM_FAULT_RING_FULL,
	NM_FAULT_RX_OCC_LIE,
	NM_FAULT_TX_SENT_LIE,
	NM_FAULT_SPURIOUS_IRQ,
	NM_FAULT_ZERO_SIZE,
	NM_FAULT_HUGE_SIZE,
	NM_FAULT_NO_FIRST,
	NM_FAULT_FIRST_TWICE,
	NM_FAULT_LOST_IRQ,
	NM_FAULT_LINK_FLAP,
	NM_FAULT_LONG_CHAIN,
	NM_FAULT_OWN_WRITE,
	NM_FAULT_NUM,
};

/**
 * struct nm_rxq - state of one RX queue
 * @base:      descriptor ring DMA address (MVNETA_RXQ_BASE_ADDR_REG)
 * @size:      ring size in descriptors
 * @buf_size:  buffer size in bytes (MVNETA_RXQ_SIZE_REG bits 19..31 * 8)
 * @pkt_offset: packet offset in bytes (MVNETA_RXQ_CONFIG_REG)
 * @config:    raw MVNETA_RXQ_CONFIG_REG
 * @size_reg:  raw MVNETA_RXQ_SIZE_REG
 * @thresh:    occupied descriptors threshold of the RX cause bit
 * @time_coal: raw MVNETA_RXQ_TIME_COAL_REG (core clock cycles)
 * @wp:        next descriptor the device fills
 * @occ:       occupied descriptors (filled, not yet returned)
 * @nonocc:    non-occupied descriptors (owned by the device, empty)
 * @first_ns:  time the oldest unsignalled occupied descriptor was filled
 * @snap:      per descriptor hash taken when it was handed to the device
 * @given:     per descriptor, its buffer while the device owns it (in the
 *             port's @given_ht)
 */
struct nm_rxq {
	u32 base;
	u32 size;
	u32 buf_size;
	u32 pkt_offset;
	u32 config;
	u32 size_reg;
	u32 thresh;
	u32 time_coal;
	u32 wp;
	u32 occ;
	u32 nonocc;
	u64 first_ns;
	u32 *snap;
	struct nm_given *given;
};

/**
 * struct nm_given - an RX buffer the device owns
 * @node: in the port's table, hashed by @addr
 * @addr: buffer DMA address of the descriptor when it was handed over
 * @twice: @addr was already in another descriptor the device owned: the
 *         device writes nothing into it (a resource error)
 */
struct nm_given {
	struct hlist_node node;
	u32 addr;
	bool twice;
};

/**
 * struct nm_txq - state of one TX queue
 * @base:     descriptor ring DMA address (MVNETA_TXQ_BASE_ADDR_REG)
 * @size:     ring size in descriptors
 * @size_reg: raw MVNETA_TXQ_SIZE_REG
 * @thresh:   sent descriptors threshold of the TX done cause bit
 * @rp:       next descriptor the device reads
 * @pending:  descriptors handed to the device, not yet sent
 * @sent:     descriptors sent, not yet released by the driver
 * @snap:     per descriptor hash taken when it was handed to the device
 */
struct nm_txq {
	u32 base;
	u32 size;
	u32 size_reg;
	u32 thresh;
	u32 rp;
	u32 pending;
	u32 sent;
	u32 *snap;
};

/**
 * struct nm_gen - built-in traffic generator of a port
 * @size:    frame size without FCS (60..NM_FRAME_MAX)
 * @count:   frames to inject per run (0: until stopped)
 * @rate:    frames per second (0: as fast as the RX ring takes them)
 * @flows:   distinct UDP source ports (1..65535)
 * @running: a run is in progress
 * @start_ns: start time of the run
 * @done:    frames handled in this run (sent + overrun)
 * @sent:    frames delivered to the RX ring (cumulative)
 * @overrun: frames dropped because the ring was full (cumulative)
 */
struct nm_gen {
	u32 size;
	u32 count;
	u32 rate;
	u32 flows;
	bool running;
	u64 start_ns;
	u64 done;
	u64 sent;
	u64 overrun;
};

struct nm_model;

/**
 * struct nm_port - one simulated NETA port
 * @model:      the model this port belongs to
 * @id:         port index (0 or 1)
 * @lock:       protects every field below that registers or the engine touch
 * @regs:       storage of the plain registers
 * @rxq:        RX queues
 * @txq:        TX queues
 * @rxq_num:    number of RX queues
 * @txq_num:    number of TX queues
 * @rxq_en:     enabled RX queues (MVNETA_RXQ_CMD)
 * @txq_en:     enabled TX queues (MVNETA_TXQ_CMD)
 * @rx_reset:   MVNETA_PORT_RX_DMA_RESET held
 * @tx_reset:   MVNETA_PORT_TX_DMA_RESET held
 * @enabled:    MVNETA_GMAC0_PORT_ENABLE set (link up)
 * @new_mask:   MVNETA_INTR_NEW_MASK
 * @misc_cause: MVNETA_INTR_MISC_CAUSE
 * @misc_mask:  MVNETA_INTR_MISC_MASK
 * @mib:        MIB counters since the last reset (cumulative)
 * @mib_read:   value of @mib at the last clear-on-read register read
 * @mib_hi:     latched high words of the 64-bit MIB counters
 * @rx_hash:    spread flows over the enabled RX queues
 * @fault:      fault injection knobs
 * @fault_err_code: MVNETA_RXD_ERR_CODE_MASK value (0..3) of @fault ERR frames
 * @fault_chain_len: descriptors of a long_chain frame (2..NM_CHAIN_MAX)
 * @fault_chain_claim: a long_chain FIRST claims the chain's length
 * @fault_hits: faults applied so far
 * @link_down:  hostile device: while not 0, MVNETA_GMAC_STATUS reports the
 *              link down (stuck link); every change raises a link change
 * @rx_overrun: hostile device: bytes written past the end of each RX
 *              buffer (the size the driver set in MVNETA_RXQ_SIZE_REG);
 *              the checker refuses such a write and counts it (buf)
 * @fuzz_rate:  fuzz mode: frames in 1024 that draw a fault (0: off)
 * @fuzz_seed:  seed of the fuzz draws (writing it restarts the sequence)
 * @fuzz_state: state of the fuzz generator (splitmix64)
 * @fuzz_prev:  fault the previous frame drew (NM_FAULT_NUM: none)
 * @fuzz_frames: frames that drew, fuzz on
 * @fuzz_descs: descriptors written for them
 * @gen:        traffic generator
 * @irq:        Linux irq number of the port
 * @irq_masked: irq_chip mask state
 * @irq_work:   raises the port's irq in hardirq context
 * @irqs:       interrupts raised
 * @viol:       violation counters
 * @log_lock:   protects @log and @log_head
 * @log:        last violation messages
 * @log_head:   next slot of @log
 * @given_ht:   the RX buffers the device owns, every queue (lock)
 * @reg_addr:   register offset used by the debugfs register test interface
 * @pdev:       the platform device of the port
 * @pdata:      platform data handed to the driver
 * @dir:        debugfs directory of the port
 */
struct nm_port {
	struct nm_model *model;
	unsigned int id;
	spinlock_t lock;	/* registers, queues, MIB, faults, generator */
	u32 regs[NM_REG_WINDOW / 4];
	struct nm_rxq rxq[NETA_MODEL_MAX_RXQ];
	struct nm_txq txq[NETA_MODEL_MAX_TXQ];
	unsigned int rxq_num;
	unsigned int txq_num;
	u32 rxq_en;
	u32 txq_en;
	bool rx_reset;
	bool tx_reset;
	bool enabled;
	u32 new_mask;
	u32 misc_cause;
	u32 misc_mask;
	u64 mib[NM_MIB_NUM];
	u64 mib_read[NM_MIB_NUM];
	u32 mib_hi[NM_MIB_NUM];
	u32 rx_hash;
	u32 fault[NM_FAULT_NUM];
	u32 fault_err_code;
	u32 fault_chain_len;
	bool fault_chain_claim;
	u64 fault_hits[NM_FAULT_NUM];
	u32 link_down;
	u32 rx_overrun;
	u32 fuzz_rate;
	u32 fuzz_seed;
	u64 fuzz_state;
	enum nm_fault fuzz_prev;
	u64 fuzz_frames;
	u64 fuzz_descs;
	struct nm_gen gen;
	unsigned int irq;
	bool irq_masked;
	struct irq_work irq_work;
	atomic64_t irqs;
	atomic64_t viol[NM_VIOL_NUM];
	spinlock_t log_lock;	/* violation log */
	char log[16][96];
	unsigned int log_head;
	struct hlist_head given_ht[1 << NM_GIVEN_BITS];
	u32 reg_addr;
	struct platform_device *pdev;
	struct neta_model_pdata pdata;
	struct dentry *dir;
};

/**
 * struct nm_model - the model: two ports, irq domain, DMA engine
 * @port:     the ports
 * @fwnode:   fwnode of the irq domain
 * @domain:   irq domain (one hwirq per port)
 * @engine:   DMA engine thread
 * @kick:     work may be pending for the engine
 * @frame:    engine's frame buffer
 * @nb:       platform bus notifier (driver bind/unbind resets the port)
 * @dir:      debugfs root
 */
struct nm_model {
	struct nm_port port[NETA_MODEL_PORTS];
	struct fwnode_handle *fwnode;
	struct irq_domain *domain;
	struct task_struct *engine;
	atomic_t kick;
	u8 *frame;
	struct notifier_block nb;
	struct dentry *dir;
};

/* regs.c */
extern const struct neta_model_ops nm_ops;
u32 nm_reg_read(struct nm_port *p, u32 offset);
bool nm_reg_write(struct nm_port *p, u32 offset, u32 val);
void nm_port_power_on(struct nm_port *p);
void nm_port_reset_rx(struct nm_port *p);
void nm_port_reset_tx(struct nm_port *p);
u32 nm_mac_high(const struct nm_port *p);
u32 nm_mac_low(const struct nm_port *p);
void nm_mib_count(struct nm_port *p, enum nm_mib c, u64 n);
void nm_mib_size(struct nm_port *p, unsigned int len);
const struct neta_mib_counter *nm_mib_counter(unsigned int c);

/* irq.c */
int nm_irq_init(struct nm_model *m);
void nm_irq_exit(struct nm_model *m);
void nm_irq_update(struct nm_port *p);
void nm_irq_eval(struct nm_port *p, u64 now, u64 *next_ns);
u32 nm_cause(struct nm_port *p, u64 now);

/* engine.c */
int nm_engine_start(struct nm_model *m);
void nm_engine_stop(struct nm_model *m);
void nm_engine_kick(struct nm_model *m);

/* rx.c */
int nm_rx_space(struct nm_port *p, const u8 *frame, unsigned int len);
int nm_rx_frame_locked(struct nm_port *p, const u8 *frame, unsigned int len);
int nm_rx_frame(struct nm_port *p, const u8 *frame, unsigned int len);
void nm_rxq_give(struct nm_port *p, unsigned int q, u32 n);
void nm_rxq_done(struct nm_port *p, unsigned int q, u32 n);
bool nm_fault(struct nm_port *p, enum nm_fault f);
void nm_fuzz_seed(struct nm_port *p, u32 seed);
void nm_rxq_all_used(struct nm_port *p, unsigned int q);
u32 nm_rxq_own_write(struct nm_port *p, unsigned int q);

/* tx.c */
int nm_tx_step(struct nm_port *p, u8 *frame);
void nm_txq_add(struct nm_port *p, unsigned int q, u32 n);
void nm_txq_release(struct nm_port *p, unsigned int q, u32 n);

/* frame.c */
u32 nm_rx_csum_status(const u8 *frame, unsigned int len);
void nm_tx_csum(u8 *frame, unsigned int len, u32 cmd);
u32 nm_flow_hash(const u8 *frame, unsigned int len);
u32 nm_fcs(const u8 *frame, unsigned int len);
unsigned int nm_gen_build(u8 *frame, unsigned int size, const u8 *dst,
			  u16 sport, u32 seq);

/* dma.c */
void *nm_dma_buf(struct nm_port *p, u32 dma, u32 len, const char *what);
void *nm_dma_ring(struct nm_port *p, u32 dma, u32 size, const char *what);
u32 nm_desc_hash(const void *desc);

/* check.c */
__printf(3, 4)
void nm_violation(struct nm_port *p, enum nm_viol kind, const char *fmt, ...);
u64 nm_violations(struct nm_port *p);
void nm_given_add(struct nm_port *p, unsigned int q, u32 idx, u32 addr);
void nm_given_del(struct nm_port *p, unsigned int q, u32 idx);
void nm_given_clear(struct nm_port *p, unsigned int q);
bool nm_check_rx_write(struct nm_port *p, const struct nm_rxq *rxq,
		       unsigned int idx, u32 off, u32 len);
void nm_violations_reset(struct nm_port *p);
extern const char * const nm_viol_name[NM_VIOL_NUM];

/* gen.c */
int nm_gen_step(struct nm_port *p, u8 *frame, u64 now, u64 *next_ns);
void nm_gen_start(struct nm_port *p, bool start);

/* selftest.c */
int nm_selftest(struct nm_model *m, char *out);

/* debugfs.c */
void nm_debugfs_init(struct nm_model *m);
void nm_debugfs_exit(struct nm_model *m);

/**
 * nm_peer() - the port cabled to @p
 * @p: a port
 *
 * Return: the other port.
 */
static inline struct nm_port *nm_peer(struct nm_port *p)
{
	return &p->model->port[p->id ^ 1];
}

#endif /* _NM_H */
