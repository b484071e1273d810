// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: the ports' interrupt line.
 *
 * The model owns a linear irq domain with one hwirq per port. The line is
 * level triggered: asserted while (MVNETA_INTR_NEW_CAUSE &
 * MVNETA_INTR_NEW_MASK) != 0. It is evaluated after every register write,
 * every engine pass and every unmask, and raised through an irq_work so the
 * driver's handler runs in hardirq context, as with a real controller.
 */
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/math64.h>

#include "nm.h"

static u64 nm_coal_ns(u32 cycles)
{
	return div_u64((u64)cycles * NSEC_PER_SEC, NETA_MODEL_CLK_RATE);
}

/*
 * Cause bits of the port, and the time a pending RX time-coalescing
 * deadline expires (lock held).
 */
static u32 nm_cause_next(struct nm_port *p, u64 now, u64 *next_ns)
{
	u32 cause = 0;
	unsigned int q;

	for (q = 0; q < p->txq_num; q++) {
		struct nm_txq *txq = &p->txq[q];

		if (txq->sent && txq->sent >= max(txq->thresh, 1U))
			cause |= BIT(q);
	}
	for (q = 0; q < p->rxq_num; q++) {
		struct nm_rxq *rxq = &p->rxq[q];
		u64 due;

		if (!rxq->occ)
			continue;
		due = rxq->first_ns + nm_coal_ns(rxq->time_coal);
		if (rxq->occ >= max(rxq->thresh, 1U) || now >= due)
			cause |= BIT(q + 8);
		else if (next_ns && due < *next_ns)
			*next_ns = due;
	}
	if (p->misc_cause & p->misc_mask)
		cause |= MVNETA_MISCINTR_INTR_MASK;
	if (p->fault[NM_FAULT_SPURIOUS_IRQ])
		cause |= GENMASK(p->txq_num - 1, 0) |
			 GENMASK(p->rxq_num + 7, 8);
	return cause;
}

/**
 * nm_cause() - value of MVNETA_INTR_NEW_CAUSE
 * @p:   port (lock held)
 * @now: current time (ktime_get_ns())
 *
 * Return: TX sent bits 0..7, RX occupied bits 8..15, misc summary bit 31.
 */
u32 nm_cause(struct nm_port *p, u64 now)
{
	return nm_cause_next(p, now, NULL);
}

/**
 * nm_irq_eval() - evaluate the interrupt line and raise it if asserted
 * @p:       port
 * @now:     current time
 * @next_ns: if not NULL, lowered to the next RX time-coalescing deadline
 */
void nm_irq_eval(struct nm_port *p, u64 now, u64 *next_ns)
{
	unsigned long flags;
	bool level;

	spin_lock_irqsave(&p->lock, flags);
	level = nm_cause_next(p, now, next_ns) & p->new_mask;
	spin_unlock_irqrestore(&p->lock, flags);

	if (level && !READ_ONCE(p->irq_masked))
		irq_work_queue(&p->irq_work);
}

/**
 * nm_irq_update() - evaluate the interrupt line now
 * @p: port
 */
void nm_irq_update(struct nm_port *p)
{
	nm_irq_eval(p, ktime_get_ns(), NULL);
}

static void nm_irq_work(struct irq_work *work)
{
	struct nm_port *p = container_of(work, struct nm_port, irq_work);
	unsigned long flags;
	bool level;

	spin_lock_irqsave(&p->lock, flags);
	level = nm_cause(p, ktime_get_ns()) & p->new_mask;
	/* hostile device: an interrupt lost (the next event raises it) */
	if (level && !READ_ONCE(p->irq_masked) &&
	    nm_fault(p, NM_FAULT_LOST_IRQ))
		level = false;
	spin_unlock_irqrestore(&p->lock, flags);
	if (!level || READ_ONCE(p->irq_masked))
		return;

	atomic64_inc(&p->irqs);
	generic_handle_domain_irq(p->model->domain, p->id);
}

static void nm_irq_mask(struct irq_data *d)
{
	struct nm_port *p = irq_data_get_irq_chip_data(d);

	WRITE_ONCE(p->irq_masked, true);
}

static void nm_irq_unmask(struct irq_data *d)
{
	struct nm_port *p = irq_data_get_irq_chip_data(d);

	WRITE_ONCE(p->irq_masked, false);
	nm_irq_update(p);
}

static struct irq_chip nm_irq_chip = {
	.name		= "neta-model",
	.irq_mask	= nm_irq_mask,
	.irq_unmask	= nm_irq_unmask,
};

static int nm_irq_map(struct irq_domain *d, unsigned int virq,
		      irq_hw_number_t hw)
{
	struct nm_model *m = d->host_data;

	if (hw >= NETA_MODEL_PORTS)
		return -EINVAL;
	irq_set_chip_data(virq, &m->port[hw]);
	irq_set_chip_and_handler(virq, &nm_irq_chip, handle_level_irq);
	return 0;
}

static const struct irq_domain_ops nm_irq_ops = {
	.map	= nm_irq_map,
};

/**
 * nm_irq_init() - create the irq domain and one mapping per port
 * @m: the model
 *
 * Return: 0 or a negative errno.
 */
int nm_irq_init(struct nm_model *m)
{
	unsigned int i;
	int err;

	for (i = 0; i < NETA_MODEL_PORTS; i++) {
		m->port[i].irq_masked = true;
		m->port[i].irq_work = IRQ_WORK_INIT_HARD(nm_irq_work);
	}

	m->fwnode = irq_domain_alloc_named_fwnode("neta-model");
	if (!m->fwnode)
		return -ENOMEM;
	m->domain = irq_domain_create_linear(m->fwnode, NETA_MODEL_PORTS,
					     &nm_irq_ops, m);
	if (!m->domain) {
		err = -ENOMEM;
		goto free_fwnode;
	}
	for (i = 0; i < NETA_MODEL_PORTS; i++) {
		m->port[i].irq = irq_create_mapping(m->domain, i);
		if (!m->port[i].irq) {
			err = -ENOSPC;
			goto dispose_mappings;
		}
	}
	return 0;

dispose_mappings:
	while (i--)
		irq_dispose_mapping(m->port[i].irq);
	irq_domain_remove(m->domain);
free_fwnode:
	irq_domain_free_fwnode(m->fwnode);
	return err;
}

/**
 * nm_irq_exit() - remove the mappings and the irq domain
 * @m: the model
 */
void nm_irq_exit(struct nm_model *m)
{
	unsigned int i;

	for (i = 0; i < NETA_MODEL_PORTS; i++) {
		irq_work_sync(&m->port[i].irq_work);
		irq_dispose_mapping(m->port[i].irq);
	}
	irq_domain_remove(m->domain);
	irq_domain_free_fwnode(m->fwnode);
}
