// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: the DMA engine thread.
 *
 * One kthread serves both ports: it transmits what the TX queues hold (and
 * delivers it to the peer's RX queues), runs the traffic generators and
 * evaluates the interrupt lines. It sleeps until a doorbell kicks it or the
 * next timed event (generator rate, RX time coalescing) is due.
 */
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/sched.h>

#include "nm.h"

/**
 * nm_engine_kick() - tell the engine it has work
 * @m: the model
 */
void nm_engine_kick(struct nm_model *m)
{
	atomic_set(&m->kick, 1);
	if (m->engine)
		wake_up_process(m->engine);
}

static void nm_engine_sleep(struct nm_model *m, u64 now, u64 next)
{
	ktime_t t;

	set_current_state(TASK_INTERRUPTIBLE);
	if (atomic_read(&m->kick) || kthread_should_stop()) {
		__set_current_state(TASK_RUNNING);
		return;
	}
	if (next == U64_MAX) {
		schedule();
	} else {
		t = ns_to_ktime(next > now ? next - now : 0);
		schedule_hrtimeout_range(&t, 20 * NSEC_PER_USEC,
					 HRTIMER_MODE_REL);
	}
	__set_current_state(TASK_RUNNING);
}

static int nm_engine_fn(void *data)
{
	struct nm_model *m = data;

	while (!kthread_should_stop()) {
		u64 now = ktime_get_ns(), next = U64_MAX;
		unsigned int i;
		int work = 0;

		atomic_set(&m->kick, 0);
		for (i = 0; i < NETA_MODEL_PORTS; i++)
			work += nm_tx_step(&m->port[i], m->frame);
		for (i = 0; i < NETA_MODEL_PORTS; i++)
			work += nm_gen_step(&m->port[i], m->frame, now, &next);
		now = ktime_get_ns();
		for (i = 0; i < NETA_MODEL_PORTS; i++)
			nm_irq_eval(&m->port[i], now, &next);

		if (work)
			cond_resched();
		else
			nm_engine_sleep(m, now, next);
	}
	return 0;
}

/**
 * nm_engine_start() - start the DMA engine thread
 * @m: the model
 *
 * Return: 0 or a negative errno.
 */
int nm_engine_start(struct nm_model *m)
{
	struct task_struct *t;

	t = kthread_run(nm_engine_fn, m, "neta-model");
	if (IS_ERR(t))
		return PTR_ERR(t);
	m->engine = t;
	return 0;
}

/**
 * nm_engine_stop() - stop the DMA engine thread
 * @m: the model
 */
void nm_engine_stop(struct nm_model *m)
{
	struct task_struct *t = m->engine;

	if (!t)
		return;
	kthread_stop(t);
	m->engine = NULL;
}
