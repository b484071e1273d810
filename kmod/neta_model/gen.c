// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: the built-in traffic generator.
 *
 * Injects UDP/IPv4 frames into a port's RX as if they came from the wire:
 * gen_size bytes (without FCS), valid checksums, gen_flows distinct UDP
 * source ports (1024 + n), addressed to the port's MAC. With gen_rate > 0
 * frames arrive at that rate and a full ring drops them (overrun, as the
 * MAC counts it); with gen_rate 0 they arrive as fast as the ring takes
 * them (none dropped while the queue is usable). The RX queue is chosen as
 * for any frame from the wire (nm_rx_queue(): the default queue, or with
 * rx_hash the flows spread over the enabled queues); with gen_rate 0 a full
 * queue holds back the frames behind it, whatever their queue.
 */
#include <linux/etherdevice.h>
#include <linux/math64.h>

#include "nm.h"

/**
 * nm_gen_start() - start or stop a generator run
 * @p:     port
 * @start: start a new run (true) or stop the current one
 */
void nm_gen_start(struct nm_port *p, bool start)
{
	struct nm_gen *g = &p->gen;
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	if (start) {
		g->size = clamp_t(u32, g->size, NM_FRAME_MIN, NM_FRAME_MAX);
		g->flows = clamp_t(u32, g->flows, 1, 65535);
		g->done = 0;
		g->start_ns = ktime_get_ns();
	}
	g->running = start;
	spin_unlock_irqrestore(&p->lock, flags);
	nm_engine_kick(p->model);
}

/**
 * nm_gen_step() - inject the frames that are due
 * @p:       port
 * @frame:   engine buffer of NM_FRAME_MAX bytes
 * @now:     current time
 * @next_ns: lowered to the time the next frame is due (rate mode)
 *
 * Return: frames handled (delivered or dropped).
 */
int nm_gen_step(struct nm_port *p, u8 *frame, u64 now, u64 *next_ns)
{
	struct nm_gen *g = &p->gen;
	unsigned long flags;
	u8 dst[ETH_ALEN];
	u64 due = U64_MAX;
	int n = 0, space;
	u32 flow;

	spin_lock_irqsave(&p->lock, flags);
	if (!g->running)
		goto out;
	if (g->rate) {
		due = mul_u64_u32_div(now - g->start_ns, g->rate, NSEC_PER_SEC);
		if (g->count && due > g->count)
			due = g->count;
	}
	put_unaligned_be32(nm_mac_high(p), dst);
	put_unaligned_be16(nm_mac_low(p), dst + 4);

	while (n < NM_BUDGET) {
		if (g->count && g->done >= g->count) {
			g->running = false;
			break;
		}
		if (g->done >= due)
			break;
		div_u64_rem(g->done, g->flows, &flow);
		nm_gen_build(frame, g->size, dst, 1024 + flow, g->done);
		if (!g->rate) {
			space = nm_rx_space(p, frame, g->size);
			if (!space)
				break;	/* the driver's refill kicks us */
		}
		if (nm_rx_frame_locked(p, frame, g->size) == -ENOSPC)
			g->overrun++;
		else
			g->sent++;
		g->done++;
		n++;
	}
	if (g->running && g->rate) {
		u64 t = g->start_ns + div_u64((g->done + 1) * NSEC_PER_SEC,
					      g->rate);

		if (t < *next_ns)
			*next_ns = t;
	}
out:
	spin_unlock_irqrestore(&p->lock, flags);
	return n;
}
