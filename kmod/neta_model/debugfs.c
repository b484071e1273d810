// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: debugfs interface (/sys/kernel/debug/neta_model/).
 *
 *   violations            total of both ports; write anything: reset both
 *   portN/violations      total of the port; write anything: reset
 *   portN/viol_<kind>     one counter per kind (own addr ring buf ro reg
 *                         desc state)
 *   portN/violation_log   last 16 violation messages
 *   portN/mib             cumulative MIB counters; write anything: reset
 *   portN/queues          queue state (ring base/size, indexes, counts)
 *   portN/irqs            interrupts raised
 *   portN/fault_<knob>    count of next frames hit: drop corrupt_len err
 *                         no_last ring_full zero_size huge_size no_first
 *                         first_twice long_chain; fault_err_code (0..3),
 *                         fault_chain_len (2..64), fault_chain_claim;
 *                         hostile device, count of next register reads
 *                         hit: rx_occ_lie own_write tx_sent_lie
 *                         spurious_irq link_flap;
 *                         of interrupts not raised: lost_irq;
 *                         fault_link_down: while not 0 the link is down
 *   portN/fault_hits      faults applied per knob; write anything: reset
 *   portN/rx_hash         1: spread flows over the enabled RX queues
 *   portN/rx_overrun      hostile device: bytes written past each RX
 *                         buffer's size (refused by the checker: buf)
 *   portN/gen_size gen_count gen_rate gen_flows   generator settings (size
 *                         and flows checked on every write: EINVAL)
 *   portN/gen_start       write 1 to start a run, 0 to stop; read: running
 *   portN/gen_sent gen_overrun                    generator counters
 *   portN/fuzz_rate       fuzz mode: frames in 1024 that draw a random
 *                         fault among err (random error code) corrupt_len
 *                         no_last zero_size huge_size no_first first_twice
 *                         long_chain (random length, 20..64) ring_full
 *                         rx_occ_lie own_write tx_sent_lie lost_irq
 *                         spurious_irq (0: off; above 1024: EINVAL)
 *   portN/fuzz_seed       seed of the draws; a write restarts the sequence
 *                         and zeroes fuzz_frames / fuzz_descs
 *   portN/fuzz_frames fuzz_descs  frames drawn for, descriptors written
 *   portN/reg_addr reg_val  register test access (as the driver's accessors)
 *   portN/reset           write anything: reset violations, MIB, fault hits
 *                         and generator counters
 *   selftest              write 1 (no driver bound): run the built-in
 *                         self-test; read: its result lines
 */
#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>

#include "nm.h"

static const char * const nm_fault_name[NM_FAULT_NUM] = {
	[NM_FAULT_DROP]		= "drop",
	[NM_FAULT_CORRUPT_LEN]	= "corrupt_len",
	[NM_FAULT_ERR]		= "err",
	[NM_FAULT_NO_LAST]	= "no_last",
	[NM_FAULT_RING_FULL]	= "ring_full",
	[NM_FAULT_RX_OCC_LIE]	= "rx_occ_lie",
	[NM_FAULT_TX_SENT_LIE]	= "tx_sent_lie",
	[NM_FAULT_SPURIOUS_IRQ]	= "spurious_irq",
	[NM_FAULT_ZERO_SIZE]	= "zero_size",
	[NM_FAULT_HUGE_SIZE]	= "huge_size",
	[NM_FAULT_NO_FIRST]	= "no_first",
	[NM_FAULT_FIRST_TWICE]	= "first_twice",
	[NM_FAULT_LOST_IRQ]	= "lost_irq",
	[NM_FAULT_LINK_FLAP]	= "link_flap",
	[NM_FAULT_LONG_CHAIN]	= "long_chain",
	[NM_FAULT_OWN_WRITE]	= "own_write",
};

/* Arming the spurious interrupt raises the line at once */
static int nm_spurious_get(void *data, u64 *val)
{
	struct nm_port *p = data;

	*val = READ_ONCE(p->fault[NM_FAULT_SPURIOUS_IRQ]);
	return 0;
}

static int nm_spurious_set(void *data, u64 val)
{
	struct nm_port *p = data;
	unsigned long flags;

	if (val > U32_MAX)
		return -EINVAL;
	spin_lock_irqsave(&p->lock, flags);
	p->fault[NM_FAULT_SPURIOUS_IRQ] = val;
	spin_unlock_irqrestore(&p->lock, flags);
	nm_irq_update(p);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_spurious_fops, nm_spurious_get, nm_spurious_set,
			 "%llu\n");

/* Link knobs: a change of the reported link raises a link change interrupt */
static int nm_link_knob_get(void *data, u64 *val)
{
	*val = READ_ONCE(*(u32 *)data);
	return 0;
}

static int nm_link_knob_set(struct nm_port *p, u32 *knob, u64 val)
{
	unsigned long flags;

	if (val > U32_MAX)
		return -EINVAL;
	spin_lock_irqsave(&p->lock, flags);
	*knob = val;
	p->misc_cause |= MVNETA_CAUSE_LINK_CHANGE;
	spin_unlock_irqrestore(&p->lock, flags);
	nm_irq_update(p);
	return 0;
}

static int nm_link_down_set(void *data, u64 val)
{
	struct nm_port *p = container_of(data, struct nm_port, link_down);

	return nm_link_knob_set(p, &p->link_down, val);
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_link_down_fops, nm_link_knob_get,
			 nm_link_down_set, "%llu\n");

static int nm_link_flap_set(void *data, u64 val)
{
	struct nm_port *p = container_of(data, struct nm_port,
					 fault[NM_FAULT_LINK_FLAP]);

	return nm_link_knob_set(p, &p->fault[NM_FAULT_LINK_FLAP], val);
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_link_flap_fops, nm_link_knob_get,
			 nm_link_flap_set, "%llu\n");

static int nm_viol_total_get(void *data, u64 *val)
{
	struct nm_model *m = data;
	unsigned int i;

	*val = 0;
	for (i = 0; i < NETA_MODEL_PORTS; i++)
		*val += nm_violations(&m->port[i]);
	return 0;
}

static int nm_viol_total_set(void *data, u64 val)
{
	struct nm_model *m = data;
	unsigned int i;

	for (i = 0; i < NETA_MODEL_PORTS; i++)
		nm_violations_reset(&m->port[i]);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_viol_total_fops, nm_viol_total_get,
			 nm_viol_total_set, "%llu\n");

static int nm_viol_port_get(void *data, u64 *val)
{
	*val = nm_violations(data);
	return 0;
}

static int nm_viol_port_set(void *data, u64 val)
{
	nm_violations_reset(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_viol_port_fops, nm_viol_port_get,
			 nm_viol_port_set, "%llu\n");

static int nm_atomic64_get(void *data, u64 *val)
{
	*val = atomic64_read(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_atomic64_fops, nm_atomic64_get, NULL, "%llu\n");

static int nm_log_show(struct seq_file *s, void *unused)
{
	struct nm_port *p = s->private;
	unsigned long flags;
	unsigned int i, n = ARRAY_SIZE(p->log);
	char (*copy)[sizeof(p->log[0])];
	unsigned int head;

	copy = kmalloc(sizeof(p->log), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	spin_lock_irqsave(&p->log_lock, flags);
	memcpy(copy, p->log, sizeof(p->log));
	head = p->log_head;
	spin_unlock_irqrestore(&p->log_lock, flags);
	for (i = 0; i < n; i++) {
		const char *msg = copy[(head + i) % n];

		if (*msg)
			seq_printf(s, "%s\n", msg);
	}
	kfree(copy);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(nm_log);

static int nm_mib_show(struct seq_file *s, void *unused)
{
	struct nm_port *p = s->private;
	u64 mib[NM_MIB_NUM];
	unsigned long flags;
	unsigned int c;

	spin_lock_irqsave(&p->lock, flags);
	memcpy(mib, p->mib, sizeof(mib));
	spin_unlock_irqrestore(&p->lock, flags);
	for (c = 0; c < NM_MIB_NUM; c++)
		seq_printf(s, "%s %llu\n", nm_mib_counter(c)->name, mib[c]);
	return 0;
}

static int nm_mib_open(struct inode *inode, struct file *file)
{
	return single_open(file, nm_mib_show, inode->i_private);
}

static void nm_mib_reset(struct nm_port *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	memset(p->mib, 0, sizeof(p->mib));
	memset(p->mib_read, 0, sizeof(p->mib_read));
	memset(p->mib_hi, 0, sizeof(p->mib_hi));
	spin_unlock_irqrestore(&p->lock, flags);
}

static ssize_t nm_mib_write(struct file *file, const char __user *buf,
			    size_t len, loff_t *ppos)
{
	struct seq_file *s = file->private_data;

	nm_mib_reset(s->private);
	return len;
}

static const struct file_operations nm_mib_fops = {
	.owner		= THIS_MODULE,
	.open		= nm_mib_open,
	.read		= seq_read,
	.write		= nm_mib_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static int nm_faults_show(struct seq_file *s, void *unused)
{
	struct nm_port *p = s->private;
	u64 hits[NM_FAULT_NUM];
	unsigned long flags;
	unsigned int f;

	spin_lock_irqsave(&p->lock, flags);
	memcpy(hits, p->fault_hits, sizeof(hits));
	spin_unlock_irqrestore(&p->lock, flags);
	for (f = 0; f < NM_FAULT_NUM; f++)
		seq_printf(s, "%s %llu\n", nm_fault_name[f], hits[f]);
	return 0;
}

static int nm_faults_open(struct inode *inode, struct file *file)
{
	return single_open(file, nm_faults_show, inode->i_private);
}

static void nm_faults_reset(struct nm_port *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	memset(p->fault_hits, 0, sizeof(p->fault_hits));
	spin_unlock_irqrestore(&p->lock, flags);
}

static ssize_t nm_faults_write(struct file *file, const char __user *buf,
			       size_t len, loff_t *ppos)
{
	struct seq_file *s = file->private_data;

	nm_faults_reset(s->private);
	return len;
}

static const struct file_operations nm_faults_fops = {
	.owner		= THIS_MODULE,
	.open		= nm_faults_open,
	.read		= seq_read,
	.write		= nm_faults_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static int nm_queues_show(struct seq_file *s, void *unused)
{
	struct nm_port *p = s->private;
	unsigned long flags;
	unsigned int q;

	spin_lock_irqsave(&p->lock, flags);
	seq_printf(s, "port %u enabled %d rx_reset %d tx_reset %d rxq_en %#x txq_en %#x mask %#x cause %#x misc %#x/%#x\n",
		   p->id, p->enabled, p->rx_reset, p->tx_reset, p->rxq_en,
		   p->txq_en, p->new_mask, nm_cause(p, ktime_get_ns()),
		   p->misc_cause, p->misc_mask);
	for (q = 0; q < p->rxq_num; q++) {
		struct nm_rxq *r = &p->rxq[q];

		seq_printf(s, "rxq %u base %#x size %u buf %u offset %u thresh %u coal %u wp %u occupied %u free %u\n",
			   q, r->base, r->size, r->buf_size, r->pkt_offset,
			   r->thresh, r->time_coal, r->wp, r->occ, r->nonocc);
	}
	for (q = 0; q < p->txq_num; q++) {
		struct nm_txq *t = &p->txq[q];

		seq_printf(s, "txq %u base %#x size %u thresh %u rp %u pending %u sent %u\n",
			   q, t->base, t->size, t->thresh, t->rp, t->pending,
			   t->sent);
	}
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(nm_queues);

static int nm_gen_start_get(void *data, u64 *val)
{
	struct nm_port *p = data;

	*val = READ_ONCE(p->gen.running);
	return 0;
}

static int nm_gen_start_set(void *data, u64 val)
{
	nm_gen_start(data, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_gen_start_fops, nm_gen_start_get,
			 nm_gen_start_set, "%llu\n");

/*
 * Generator settings the engine uses as they are (frame buffer size,
 * divisor): every write is checked, a run may be going on.
 */
static int nm_gen_u32_set(struct nm_port *p, u32 *field, u64 val, u32 min,
			  u32 max)
{
	unsigned long flags;

	if (val < min || val > max)
		return -EINVAL;
	spin_lock_irqsave(&p->lock, flags);
	*field = val;
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static int nm_gen_size_get(void *data, u64 *val)
{
	struct nm_port *p = data;

	*val = READ_ONCE(p->gen.size);
	return 0;
}

static int nm_gen_size_set(void *data, u64 val)
{
	struct nm_port *p = data;

	return nm_gen_u32_set(p, &p->gen.size, val, NM_FRAME_MIN,
			      NM_FRAME_MAX);
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_gen_size_fops, nm_gen_size_get, nm_gen_size_set,
			 "%llu\n");

static int nm_gen_flows_get(void *data, u64 *val)
{
	struct nm_port *p = data;

	*val = READ_ONCE(p->gen.flows);
	return 0;
}

static int nm_gen_flows_set(void *data, u64 val)
{
	struct nm_port *p = data;

	return nm_gen_u32_set(p, &p->gen.flows, val, 1, 65535);
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_gen_flows_fops, nm_gen_flows_get,
			 nm_gen_flows_set, "%llu\n");

static int nm_reg_val_get(void *data, u64 *val)
{
	struct nm_port *p = data;

	*val = nm_ops.read(p, READ_ONCE(p->reg_addr));
	return 0;
}

static int nm_reg_val_set(void *data, u64 val)
{
	struct nm_port *p = data;

	nm_ops.write(p, READ_ONCE(p->reg_addr), val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_reg_val_fops, nm_reg_val_get, nm_reg_val_set,
			 "0x%08llx\n");

/* Fuzz knobs: the seed restarts the sequence, the rate is checked */
static int nm_fuzz_seed_get(void *data, u64 *val)
{
	struct nm_port *p = data;

	*val = READ_ONCE(p->fuzz_seed);
	return 0;
}

static int nm_fuzz_seed_set(void *data, u64 val)
{
	struct nm_port *p = data;
	unsigned long flags;

	if (val > U32_MAX)
		return -EINVAL;
	spin_lock_irqsave(&p->lock, flags);
	nm_fuzz_seed(p, val);
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_fuzz_seed_fops, nm_fuzz_seed_get,
			 nm_fuzz_seed_set, "%llu\n");

static int nm_fuzz_rate_get(void *data, u64 *val)
{
	struct nm_port *p = data;

	*val = READ_ONCE(p->fuzz_rate);
	return 0;
}

static int nm_fuzz_rate_set(void *data, u64 val)
{
	struct nm_port *p = data;
	unsigned long flags;

	if (val > 1024)
		return -EINVAL;
	spin_lock_irqsave(&p->lock, flags);
	p->fuzz_rate = val;
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_fuzz_rate_fops, nm_fuzz_rate_get,
			 nm_fuzz_rate_set, "%llu\n");

static int nm_reset_set(void *data, u64 val)
{
	struct nm_port *p = data;
	unsigned long flags;

	nm_violations_reset(p);
	nm_mib_reset(p);
	nm_faults_reset(p);
	spin_lock_irqsave(&p->lock, flags);
	p->gen.sent = 0;
	p->gen.overrun = 0;
	spin_unlock_irqrestore(&p->lock, flags);
	atomic64_set(&p->irqs, 0);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(nm_reset_fops, NULL, nm_reset_set, "%llu\n");

static DEFINE_MUTEX(nm_st_lock);
static char *nm_st_out;

static ssize_t nm_st_write(struct file *file, const char __user *buf,
			   size_t len, loff_t *ppos)
{
	struct nm_model *m = file->private_data;
	int err;

	mutex_lock(&nm_st_lock);
	if (!nm_st_out)
		nm_st_out = (char *)get_zeroed_page(GFP_KERNEL);
	if (!nm_st_out) {
		mutex_unlock(&nm_st_lock);
		return -ENOMEM;
	}
	nm_st_out[0] = 0;
	err = nm_selftest(m, nm_st_out);
	if (err && err != -EIO)
		snprintf(nm_st_out, PAGE_SIZE, "# self-test not run: %d\n", err);
	mutex_unlock(&nm_st_lock);
	return err == -EIO ? len : err ? err : len;
}

static ssize_t nm_st_read(struct file *file, char __user *buf, size_t len,
			  loff_t *ppos)
{
	ssize_t ret = 0;

	mutex_lock(&nm_st_lock);
	if (nm_st_out)
		ret = simple_read_from_buffer(buf, len, ppos, nm_st_out,
					      strlen(nm_st_out));
	mutex_unlock(&nm_st_lock);
	return ret;
}

static const struct file_operations nm_st_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.read	= nm_st_read,
	.write	= nm_st_write,
	.llseek	= default_llseek,
};

static void nm_debugfs_port(struct nm_port *p, struct dentry *root)
{
	char name[32];
	unsigned int i;
	struct dentry *d;

	snprintf(name, sizeof(name), "port%u", p->id);
	d = debugfs_create_dir(name, root);
	p->dir = d;

	debugfs_create_file_unsafe("violations", 0600, d, p,
				   &nm_viol_port_fops);
	for (i = 0; i < NM_VIOL_NUM; i++) {
		snprintf(name, sizeof(name), "viol_%s", nm_viol_name[i]);
		debugfs_create_file_unsafe(name, 0400, d, &p->viol[i],
					   &nm_atomic64_fops);
	}
	debugfs_create_file("violation_log", 0400, d, p, &nm_log_fops);
	debugfs_create_file("mib", 0600, d, p, &nm_mib_fops);
	debugfs_create_file("queues", 0400, d, p, &nm_queues_fops);
	debugfs_create_file_unsafe("irqs", 0400, d, &p->irqs,
				   &nm_atomic64_fops);

	for (i = 0; i < NM_FAULT_NUM; i++) {
		snprintf(name, sizeof(name), "fault_%s", nm_fault_name[i]);
		if (i == NM_FAULT_SPURIOUS_IRQ)
			debugfs_create_file_unsafe(name, 0600, d, p,
						   &nm_spurious_fops);
		else if (i == NM_FAULT_LINK_FLAP)
			debugfs_create_file_unsafe(name, 0600, d, &p->fault[i],
						   &nm_link_flap_fops);
		else
			debugfs_create_u32(name, 0600, d, &p->fault[i]);
	}
	debugfs_create_u32("fault_err_code", 0600, d, &p->fault_err_code);
	debugfs_create_u32("fault_chain_len", 0600, d, &p->fault_chain_len);
	debugfs_create_bool("fault_chain_claim", 0600, d,
			    &p->fault_chain_claim);
	debugfs_create_file_unsafe("fault_link_down", 0600, d, &p->link_down,
				   &nm_link_down_fops);
	debugfs_create_file("fault_hits", 0600, d, p, &nm_faults_fops);
	debugfs_create_u32("rx_hash", 0600, d, &p->rx_hash);
	debugfs_create_u32("rx_overrun", 0600, d, &p->rx_overrun);

	debugfs_create_file_unsafe("gen_size", 0600, d, p, &nm_gen_size_fops);
	debugfs_create_u32("gen_count", 0600, d, &p->gen.count);
	debugfs_create_u32("gen_rate", 0600, d, &p->gen.rate);
	debugfs_create_file_unsafe("gen_flows", 0600, d, p,
				   &nm_gen_flows_fops);
	debugfs_create_file_unsafe("gen_start", 0600, d, p,
				   &nm_gen_start_fops);
	debugfs_create_u64("gen_sent", 0400, d, &p->gen.sent);
	debugfs_create_u64("gen_overrun", 0400, d, &p->gen.overrun);
	debugfs_create_file_unsafe("fuzz_seed", 0600, d, p, &nm_fuzz_seed_fops);
	debugfs_create_file_unsafe("fuzz_rate", 0600, d, p, &nm_fuzz_rate_fops);
	debugfs_create_u64("fuzz_frames", 0400, d, &p->fuzz_frames);
	debugfs_create_u64("fuzz_descs", 0400, d, &p->fuzz_descs);

	debugfs_create_x32("reg_addr", 0600, d, &p->reg_addr);
	debugfs_create_file_unsafe("reg_val", 0600, d, p, &nm_reg_val_fops);
	debugfs_create_file_unsafe("reset", 0200, d, p, &nm_reset_fops);
}

/**
 * nm_debugfs_init() - create /sys/kernel/debug/neta_model/
 * @m: the model
 */
void nm_debugfs_init(struct nm_model *m)
{
	unsigned int i;

	m->dir = debugfs_create_dir("neta_model", NULL);
	debugfs_create_file_unsafe("violations", 0600, m->dir, m,
				   &nm_viol_total_fops);
	debugfs_create_file("selftest", 0600, m->dir, m, &nm_st_fops);
	for (i = 0; i < NETA_MODEL_PORTS; i++)
		nm_debugfs_port(&m->port[i], m->dir);
}

/**
 * nm_debugfs_exit() - remove /sys/kernel/debug/neta_model/
 * @m: the model
 */
void nm_debugfs_exit(struct nm_model *m)
{
	debugfs_remove_recursive(m->dir);
	free_page((unsigned long)nm_st_out);
	nm_st_out = NULL;
}
