// SPDX-License-Identifier: GPL-2.0-only
/*
 * Marvell NETA: interrupt and NAPI. One interrupt line per port masks
 * itself and schedules the port's NAPI; the poll reads the cause register
 * once and serves link changes, TX completion and the RX queues that have
 * work, within the budget. Two timers keep a port alive when no interrupt
 * will come: an RX ring left without buffers, and a device that did work
 * without raising its interrupt.
 */

#include <linux/interrupt.h>
#include <linux/netdevice.h>

#include "mvneta.h"

/**
 * mvneta_isr() - the port's interrupt: mask it and schedule NAPI
 * @irq: interrupt number
 * @dev_id: port
 *
 * Return: IRQ_HANDLED.
 */
irqreturn_t mvneta_isr(int irq, void *dev_id)
{
	struct mvneta_port *pp = dev_id;

	/* level triggered: mask until the poll is done */
	mvreg_write(pp, MVNETA_INTR_NEW_MASK, 0);
	napi_schedule(&pp->napi);
	return IRQ_HANDLED;
}

/* An RX ring without buffers: poll it again (mvneta_rx_poll() armed us) */
static void mvneta_refill_retry(struct timer_list *t)
{
	struct mvneta_port *pp = from_timer(pp, t, refill_timer);

	napi_schedule(&pp->napi);
}

/*
 * A device may fail to raise an interrupt for work it has done (a broken or
 * hostile one): with a full RX ring, or TX descriptors never completed, no
 * later event would ever raise one. Every MVNETA_IRQ_WATCHDOG_MS, a port
 * that has not polled since the last tick and whose cause register shows
 * work is polled.
 */
static void mvneta_irq_watchdog(struct timer_list *t)
{
	struct mvneta_port *pp = from_timer(pp, t, irq_watchdog);
	u32 polls = READ_ONCE(pp->polls);

	if (!READ_ONCE(pp->running))
		return;
	if (polls == pp->watchdog_polls &&
	    (mvreg_read(pp, MVNETA_INTR_NEW_CAUSE) &
	     (MVNETA_TX_INTR_MASK(pp->txq_number) |
	      MVNETA_RX_INTR_MASK(pp->rxq_number)))) {
		atomic64_inc(&pp->irq_watchdog_polls);
		napi_schedule(&pp->napi);
	}
	pp->watchdog_polls = polls;
	mod_timer(&pp->irq_watchdog,
		  jiffies + msecs_to_jiffies(MVNETA_IRQ_WATCHDOG_MS));
}

static int mvneta_poll(struct napi_struct *napi, int budget)
{
	struct mvneta_port *pp = container_of(napi, struct mvneta_port, napi);
	u32 cause, rx, left = 0;
	int done = 0;

	WRITE_ONCE(pp->polls, pp->polls + 1);

	if (unlikely(!budget)) {
		/* netpoll: TX completion only, interrupts stay as they are */
		mvneta_tx_done_netpoll(pp);
		return 0;
	}

	cause = mvreg_read(pp, MVNETA_INTR_NEW_CAUSE);
	if (cause & MVNETA_MISCINTR_INTR_MASK) {
		u32 misc = mvreg_read(pp, MVNETA_INTR_MISC_CAUSE);

		mvreg_write(pp, MVNETA_INTR_MISC_CAUSE, 0);
		if (misc & (MVNETA_CAUSE_PHY_STATUS_CHANGE |
			    MVNETA_CAUSE_LINK_CHANGE))
			mvneta_link_change(pp);
	}

	if (cause & MVNETA_TX_INTR_MASK(pp->txq_number))
		mvneta_tx_done(pp, cause & MVNETA_TX_INTR_MASK(pp->txq_number));

	/* queues left without buffers get no interrupt: retried here */
	rx = ((cause & MVNETA_RX_INTR_MASK(pp->rxq_number)) >> 8) |
	     pp->cause_rx | pp->refill_pending;
	pp->refill_pending = 0;
	while (rx) {
		int q = fls(rx) - 1;

		rx &= ~BIT(q);
		done += mvneta_rx_poll(pp, &pp->rxqs[q], napi, budget - done);
		if (done >= budget) {
			left = rx | BIT(q);
			break;
		}
	}
	pp->cause_rx = left;

	/* AF_XDP zero-copy: fill rings, TX rings; poll again while a socket
	 * has more to send
	 */
	if (mvneta_xsk_poll(pp) && done < budget)
		done = budget;

	if (done < budget && napi_complete_done(napi, done))
		mvneta_intr_unmask(pp);
	return min(done, budget);
}

/**
 * mvneta_napi_init() - the port's NAPI and its two timers
 * @pp: port (probe; the netdev is not registered yet)
 */
void mvneta_napi_init(struct mvneta_port *pp)
{
	netif_napi_add(pp->dev, &pp->napi, mvneta_poll);
	timer_setup(&pp->refill_timer, mvneta_refill_retry, 0);
	timer_setup(&pp->irq_watchdog, mvneta_irq_watchdog, 0);
	mvneta_compat_napi_irq(&pp->napi, pp->irq);
}
