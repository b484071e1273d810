// SPDX-License-Identifier: GPL-2.0-only
/*
 * neta_pp_test: KTAP tests of neta_page_pool.ko, run when the module is
 * loaded (Debian's 6.1 kernel has no KUnit). The report is read from
 * /sys/kernel/debug/neta_pp_test/ktap; the module loads even when tests
 * fail, so the case script can show which ones.
 *
 * Every test ends with the accounting identity
 *	hold = cached + ring + release + out
 * where each term comes from separate bookkeeping (allocation counter, cache
 * fill, ring stats, release counter, walk of the page table).
 */
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/ethtool.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <neta_pp/helpers.h>

static bool expect_bounce;
module_param(expect_bounce, bool, 0444);
MODULE_PARM_DESC(expect_bounce, "fail the DMA test unless buffers are bounced (swiotlb=force)");

static bool misuse;
module_param(misuse, bool, 0444);
MODULE_PARM_DESC(misuse, "run the misuse tests (load neta_page_pool with misuse_warn=0)");

#define REPORT_SIZE	(64 * 1024)

static char *report;
static size_t report_len;
static struct dentry *dbg_dir;
static struct platform_device *test_pdev;

struct pp_test {
	const char *name;
	bool failed;
	bool skipped;
	const char *skip_reason;
};

static __printf(1, 2) void rep(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_len += vscnprintf(report + report_len, REPORT_SIZE - report_len,
				 fmt, ap);
	va_end(ap);
}

#define EXPECT(t, cond, fmt, ...)					\
	do {								\
		if (!(cond)) {						\
			rep("# %s:%d: expected %s: " fmt "\n",		\
			    __func__, __LINE__, #cond, ##__VA_ARGS__);	\
			(t)->failed = true;				\
		}							\
	} while (0)

/* Run @fn(@arg) in softirq context (a tasklet) and wait for it. */
struct pp_call {
	void (*fn)(void *arg);
	void *arg;
	struct completion done;
	struct tasklet_struct tasklet;
	struct work_struct work;
};

static void pp_call_tasklet(struct tasklet_struct *tl)
{
	struct pp_call *c = from_tasklet(c, tl, tasklet);

	c->fn(c->arg);
	complete(&c->done);
}

static void in_softirq_ctx(void (*fn)(void *), void *arg)
{
	struct pp_call c = { .fn = fn, .arg = arg };

	init_completion(&c.done);
	tasklet_setup(&c.tasklet, pp_call_tasklet);
	tasklet_schedule(&c.tasklet);
	wait_for_completion(&c.done);
	tasklet_kill(&c.tasklet);
}

static void pp_call_work(struct work_struct *w)
{
	struct pp_call *c = container_of(w, struct pp_call, work);

	c->fn(c->arg);
	complete(&c->done);
}

/* Run @fn(@arg) from a workqueue, on another CPU when there is one. */
static int in_other_cpu_wq(void (*fn)(void *), void *arg)
{
	struct pp_call c = { .fn = fn, .arg = arg };
	int cpu, me = get_cpu();

	put_cpu();
	cpu = cpumask_any_but(cpu_online_mask, me);
	if (cpu >= nr_cpu_ids)
		cpu = me;
	init_completion(&c.done);
	INIT_WORK_ONSTACK(&c.work, pp_call_work);
	queue_work_on(cpu, system_wq, &c.work);
	wait_for_completion(&c.done);
	destroy_work_on_stack(&c.work);
	return cpu;
}

static void check_identity(struct pp_test *t, struct neta_pp *pool,
			   const char *when)
{
	struct neta_pp_counts c;

	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.hold == c.cached + c.ring + c.release + c.out,
	       "%s: hold %llu cached %llu ring %llu release %llu out %llu",
	       when, c.hold, c.cached, c.ring, c.release, c.out);
	EXPECT(t, c.inflight == c.hold - c.release, "%s", when);
}

static struct neta_pp *make_pool(struct pp_test *t, unsigned int pool_size,
				 unsigned int order)
{
	struct neta_pp_params p = {
		.order = order,
		.pool_size = pool_size,
		.nid = NUMA_NO_NODE,
		.dma_dir = DMA_FROM_DEVICE,
	};
	struct neta_pp *pool = neta_pp_create(&p);

	EXPECT(t, !IS_ERR(pool), "create: %ld", PTR_ERR(pool));
	return IS_ERR(pool) ? NULL : pool;
}

static void get_stats(struct neta_pp *pool, struct neta_pp_stats *s)
{
	memset(s, 0, sizeof(*s));
	neta_pp_get_stats(pool, s);
}

/* ---- fast path ---------------------------------------------------- */

#define FAST_N	32

struct fast_arg {
	struct pp_test *t;
	struct neta_pp *pool;
	struct page *pages[FAST_N];
	int nr;
	bool recycle;
};

static void fast_alloc(void *a)
{
	struct fast_arg *f = a;
	int i;

	for (i = 0; i < FAST_N; i++) {
		f->pages[i] = neta_pp_dev_alloc_pages(f->pool);
		if (f->pages[i])
			f->nr++;
	}
}

static void fast_recycle(void *a)
{
	struct fast_arg *f = a;
	int i;

	for (i = 0; i < FAST_N; i++)
		if (f->pages[i])
			neta_pp_recycle_direct(f->pool, f->pages[i]);
}

static void test_fast_path(struct pp_test *t)
{
	struct fast_arg f = { .t = t };
	struct page *first[FAST_N];
	struct neta_pp_counts c;
	struct neta_pp_stats s;
	int i, same = 0;

	f.pool = make_pool(t, 64, 0);
	if (!f.pool)
		return;
	in_softirq_ctx(fast_alloc, &f);
	EXPECT(t, f.nr == FAST_N, "allocated %d", f.nr);
	EXPECT(t, f.pages[0] && page_ref_count(f.pages[0]) == 2,
	       "handed-out page count %d (pool + user)",
	       f.pages[0] ? page_ref_count(f.pages[0]) : -1);
	neta_pp_get_counts(f.pool, &c);
	EXPECT(t, c.out == FAST_N, "out %llu", c.out);
	memcpy(first, f.pages, sizeof(first));
	in_softirq_ctx(fast_recycle, &f);
	check_identity(t, f.pool, "after recycle");
	neta_pp_get_counts(f.pool, &c);
	EXPECT(t, c.out == 0 && c.ring == 0, "out %llu ring %llu", c.out, c.ring);

	f.nr = 0;
	in_softirq_ctx(fast_alloc, &f);
	for (i = 0; i < FAST_N; i++)
		same += f.pages[i] == first[FAST_N - 1 - i];
	EXPECT(t, same == FAST_N, "%d of %d pages came back from the cache",
	       same, FAST_N);
	in_softirq_ctx(fast_recycle, &f);

	get_stats(f.pool, &s);
	EXPECT(t, s.alloc_stats.slow == 1, "slow %llu", s.alloc_stats.slow);
	EXPECT(t, s.alloc_stats.fast == 2 * FAST_N - 1, "fast %llu",
	       s.alloc_stats.fast);
	EXPECT(t, s.recycle_stats.cached == 2 * FAST_N, "cached %llu",
	       s.recycle_stats.cached);
	EXPECT(t, s.recycle_stats.ring == 0, "ring %llu", s.recycle_stats.ring);
	neta_pp_get_counts(f.pool, &c);
	EXPECT(t, c.hold == NETA_PP_CACHE_REFILL, "hold %llu", c.hold);
	check_identity(t, f.pool, "end");
	neta_pp_destroy(f.pool);
}

/* ---- ring path ---------------------------------------------------- */

struct ring_arg {
	struct neta_pp *pool;
	struct page **pages;
	int n;
	bool allow_direct;
};

static void ring_put(void *a)
{
	struct ring_arg *r = a;
	int i;

	for (i = 0; i < r->n; i++)
		neta_pp_put_full_page(r->pool, r->pages[i], r->allow_direct);
}

static void test_ring_path(struct pp_test *t)
{
	struct page *pages[16], *extra[NETA_PP_CACHE_REFILL], *p;
	struct ring_arg r = { .pages = pages, .n = 16, .allow_direct = true };
	struct neta_pp_counts c;
	struct neta_pp_stats s;
	int i, n, cpu, found = 0;

	r.pool = make_pool(t, 64, 0);
	if (!r.pool)
		return;
	for (i = 0; i < 16; i++)
		pages[i] = neta_pp_dev_alloc_pages(r.pool);
	/* allow_direct from a workqueue: not in softirq, so the ring */
	cpu = in_other_cpu_wq(ring_put, &r);
	rep("# ring path: pages put from a workqueue on cpu %d\n", cpu);
	get_stats(r.pool, &s);
	EXPECT(t, s.recycle_stats.ring == 16 && s.recycle_stats.cached == 0,
	       "ring %llu cached %llu", s.recycle_stats.ring,
	       s.recycle_stats.cached);
	neta_pp_get_counts(r.pool, &c);
	EXPECT(t, c.ring == 16 && c.out == 0, "ring %llu out %llu", c.ring,
	       c.out);
	check_identity(t, r.pool, "after put");

	/* Empty the cache; the next allocation refills from the ring. */
	n = c.cached;
	for (i = 0; i < n; i++)
		extra[i] = neta_pp_dev_alloc_pages(r.pool);
	p = neta_pp_dev_alloc_pages(r.pool);
	for (i = 0; i < 16; i++)
		found += p == pages[i];
	EXPECT(t, found == 1, "page after refill is not from the ring");
	get_stats(r.pool, &s);
	EXPECT(t, s.alloc_stats.refill == 1 && s.alloc_stats.slow == 1,
	       "refill %llu slow %llu", s.alloc_stats.refill,
	       s.alloc_stats.slow);
	/* every allocation counted once: 16 + n + 1 */
	EXPECT(t, s.alloc_stats.fast + s.alloc_stats.slow +
	       s.alloc_stats.refill == 16 + n + 1, "fast %llu",
	       s.alloc_stats.fast);
	neta_pp_get_counts(r.pool, &c);
	EXPECT(t, c.hold == NETA_PP_CACHE_REFILL && c.ring == 0,
	       "hold %llu ring %llu", c.hold, c.ring);
	check_identity(t, r.pool, "after refill");

	r.pages = extra;
	r.n = n;
	r.allow_direct = false;
	ring_put(&r);
	neta_pp_put_full_page(r.pool, p, false);
	check_identity(t, r.pool, "end");
	neta_pp_destroy(r.pool);
}

/* ---- cache full -> ring -> ring full -> release ------------------- */

#define FULL_RING	16
#define FULL_N		(NETA_PP_CACHE_SIZE + FULL_RING + 8)

struct full_arg {
	struct neta_pp *pool;
	struct page *pages[FULL_N];
};

static void full_alloc(void *a)
{
	struct full_arg *f = a;
	int i;

	for (i = 0; i < FULL_N; i++)
		f->pages[i] = neta_pp_dev_alloc_pages(f->pool);
}

static void full_recycle(void *a)
{
	struct full_arg *f = a;
	int i;

	for (i = 0; i < FULL_N; i++)
		if (f->pages[i])
			neta_pp_recycle_direct(f->pool, f->pages[i]);
}

static void test_cache_ring_full(struct pp_test *t)
{
	struct neta_pp_counts c0, c;
	struct neta_pp_stats s;
	struct full_arg *f;
	u64 to_cache;
	int i, nr = 0;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f) {
		t->failed = true;
		return;
	}
	f->pool = make_pool(t, FULL_RING, 0);
	if (!f->pool)
		goto free_arg;
	in_softirq_ctx(full_alloc, f);
	for (i = 0; i < FULL_N; i++)
		nr += !!f->pages[i];
	EXPECT(t, nr == FULL_N, "allocated %d", nr);
	neta_pp_get_counts(f->pool, &c0);
	in_softirq_ctx(full_recycle, f);
	neta_pp_get_counts(f->pool, &c);
	get_stats(f->pool, &s);
	to_cache = NETA_PP_CACHE_SIZE - c0.cached;
	rep("# cache had %llu, recycled %d: cached %llu cache_full %llu ring %llu ring_full %llu\n",
	    c0.cached, FULL_N, s.recycle_stats.cached,
	    s.recycle_stats.cache_full, s.recycle_stats.ring,
	    s.recycle_stats.ring_full);
	EXPECT(t, s.recycle_stats.cached == to_cache, "cached %llu",
	       s.recycle_stats.cached);
	EXPECT(t, s.recycle_stats.cache_full == FULL_N - to_cache,
	       "cache_full %llu", s.recycle_stats.cache_full);
	EXPECT(t, s.recycle_stats.ring == FULL_RING, "ring %llu",
	       s.recycle_stats.ring);
	EXPECT(t, s.recycle_stats.ring_full == FULL_N - to_cache - FULL_RING,
	       "ring_full %llu", s.recycle_stats.ring_full);
	EXPECT(t, c.release - c0.release == s.recycle_stats.ring_full,
	       "released %llu", c.release - c0.release);
	EXPECT(t, c.cached == NETA_PP_CACHE_SIZE && c.ring == FULL_RING &&
	       c.out == 0, "cached %llu ring %llu out %llu", c.cached, c.ring,
	       c.out);
	check_identity(t, f->pool, "end");
	neta_pp_destroy(f->pool);
free_arg:
	kfree(f);
}

/* ---- order-2 pages ------------------------------------------------ */

static void test_order2(struct pp_test *t)
{
	struct page *pages[4], *again;
	struct neta_pp_stats s;
	bool ok = true;
	int i;

	struct neta_pp *pool = make_pool(t, 16, 2);

	if (!pool)
		return;
	for (i = 0; i < 4; i++) {
		pages[i] = neta_pp_dev_alloc_pages(pool);
		if (!pages[i]) {
			ok = false;
			continue;
		}
		EXPECT(t, PageHead(pages[i]) && compound_order(pages[i]) == 2,
		       "page %d: head %d order %u", i, PageHead(pages[i]),
		       compound_order(pages[i]));
		memset(page_address(pages[i]), i, PAGE_SIZE << 2);
	}
	EXPECT(t, ok, "allocation failed");
	for (i = 0; i < 4; i++)
		if (pages[i])
			neta_pp_put_full_page(pool, pages[i], false);
	get_stats(pool, &s);
	EXPECT(t, s.alloc_stats.slow_high_order == 4 && s.alloc_stats.slow == 0,
	       "slow_ho %llu slow %llu", s.alloc_stats.slow_high_order,
	       s.alloc_stats.slow);
	again = neta_pp_dev_alloc_pages(pool);
	EXPECT(t, again && compound_order(again) == 2, "realloc");
	get_stats(pool, &s);
	EXPECT(t, s.alloc_stats.refill == 1, "refill %llu",
	       s.alloc_stats.refill);
	if (again)
		neta_pp_put_full_page(pool, again, false);
	check_identity(t, pool, "end");
	neta_pp_destroy(pool);
}

/* ---- DMA: map once, sync [offset, offset + len) on recycle -------- */

#define DMA_OFF		256
#define DMA_MAX		1024

static bool range_is(const u8 *buf, unsigned int from, unsigned int to, u8 v)
{
	unsigned int i;

	for (i = from; i < to; i++)
		if (buf[i] != v)
			return false;
	return true;
}

static void test_dma_sync(struct pp_test *t)
{
	struct neta_pp_params p = {
		.flags = NETA_PP_FLAG_DMA_MAP | NETA_PP_FLAG_DMA_SYNC_DEV,
		.pool_size = 16,
		.nid = NUMA_NO_NODE,
		.dev = &test_pdev->dev,
		.dma_dir = DMA_BIDIRECTIONAL,
		.offset = DMA_OFF,
		.max_len = DMA_MAX,
	};
	struct device *dev = &test_pdev->dev;
	struct neta_pp *pool;
	struct page *pg[2];
	bool bounced;
	u8 *cpu, *devv;
	dma_addr_t dma;
	int i;

	pool = neta_pp_create(&p);
	EXPECT(t, !IS_ERR(pool), "create %ld", PTR_ERR(pool));
	if (IS_ERR(pool))
		return;
	EXPECT(t, neta_pp_get_dma_dir(pool) == DMA_BIDIRECTIONAL, "dir");
	for (i = 0; i < 2; i++)
		pg[i] = neta_pp_dev_alloc_pages(pool);
	if (!pg[0] || !pg[1]) {
		EXPECT(t, false, "allocation failed");
		goto destroy;
	}
	dma = neta_pp_get_dma_addr(pool, pg[0]);
	EXPECT(t, dma != DMA_MAPPING_ERROR, "no DMA address");
	bounced = dma_to_phys(dev, dma) != page_to_phys(pg[0]);
	rep("# DMA buffers %s\n", bounced ? "bounced (swiotlb)" :
	    "not bounced: range checks are trivial");
	if (expect_bounce) {
		EXPECT(t, bounced, "swiotlb=force expected to bounce");
	} else if (!bounced) {
		/*
		 * CPU and device share the bytes: a missing or short sync
		 * passes every check below. Run under swiotlb=force (101).
		 */
		t->skipped = true;
		t->skip_reason = "buffers not bounced: sync range not observable (swiotlb=force)";
		for (i = 0; i < 2; i++)
			neta_pp_put_full_page(pool, pg[i], false);
		goto destroy;
	}

	/* put(len 100): only [offset, offset + 100) reaches the device */
	cpu = page_address(pg[0]);
	devv = phys_to_virt(dma_to_phys(dev, dma));
	memset(devv, 0x11, PAGE_SIZE);
	memset(cpu, 0xa5, PAGE_SIZE);
	neta_pp_put_page(pool, pg[0], 100, false);
	EXPECT(t, range_is(devv, DMA_OFF, DMA_OFF + 100, 0xa5),
	       "synced range not seen by the device");
	if (bounced) {
		EXPECT(t, range_is(devv, 0, DMA_OFF, 0x11),
		       "bytes before offset synced");
		EXPECT(t, range_is(devv, DMA_OFF + 100, PAGE_SIZE, 0x11),
		       "bytes after offset + len synced");
	}

	/* full put: clamped to max_len */
	dma = neta_pp_get_dma_addr(pool, pg[1]);
	cpu = page_address(pg[1]);
	devv = phys_to_virt(dma_to_phys(dev, dma));
	memset(devv, 0x11, PAGE_SIZE);
	memset(cpu, 0xa5, PAGE_SIZE);

	/* device -> CPU, the driver's sync of the received length */
	memset(devv + DMA_OFF, 0x5a, 64);
	dma_sync_single_range_for_cpu(dev, dma, DMA_OFF, 64,
				      neta_pp_get_dma_dir(pool));
	EXPECT(t, range_is(cpu, DMA_OFF, DMA_OFF + 64, 0x5a),
	       "device write not seen by the CPU after sync");
	memset(cpu, 0xa5, PAGE_SIZE);
	neta_pp_put_full_page(pool, pg[1], false);
	EXPECT(t, range_is(devv, DMA_OFF, DMA_OFF + DMA_MAX, 0xa5),
	       "max_len range not seen by the device");
	if (bounced)
		EXPECT(t, range_is(devv, DMA_OFF + DMA_MAX, PAGE_SIZE, 0x11),
		       "bytes after max_len synced");
	check_identity(t, pool, "end");
destroy:
	neta_pp_destroy(pool);
}

/* ---- pages given to the stack come back by reference count -------- */

static void test_reclaim_refcount(struct pp_test *t)
{
	struct page *a[8], **rest;
	struct neta_pp_counts c;
	struct neta_pp_stats s;
	struct neta_pp *pool;
	int i, n, found = 0;

	rest = kcalloc(NETA_PP_CACHE_SIZE, sizeof(*rest), GFP_KERNEL);
	if (!rest) {
		t->failed = true;
		return;
	}
	pool = make_pool(t, 16, 0);
	if (!pool)
		goto free_rest;
	for (i = 0; i < 8; i++)
		a[i] = neta_pp_dev_alloc_pages(pool);
	/* 0..3: the stack consumed them (skb freed, XDP_REDIRECT done) */
	for (i = 0; i < 4; i++)
		put_page(a[i]);
	/* 4..5: put back while the stack still holds a clone */
	for (i = 4; i < 6; i++) {
		get_page(a[i]);
		neta_pp_put_full_page(pool, a[i], false);
		put_page(a[i]);
	}
	/* 6..7: exclusive, recycled */
	for (i = 6; i < 8; i++)
		neta_pp_put_full_page(pool, a[i], false);
	get_stats(pool, &s);
	EXPECT(t, s.recycle_stats.released_refcnt == 2, "released_refcnt %llu",
	       s.recycle_stats.released_refcnt);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.out == 6 && c.ring == 2, "out %llu ring %llu", c.out,
	       c.ring);
	EXPECT(t, page_ref_count(a[0]) == 1, "count %d after the stack's put",
	       page_ref_count(a[0]));
	check_identity(t, pool, "stack holds");

	/* drain cache and ring: the next allocations reclaim 0..5 */
	n = c.cached + 2;
	for (i = 0; i < n; i++)
		rest[i] = neta_pp_dev_alloc_pages(pool);
	for (i = 0; i < 6; i++) {
		struct page *p = neta_pp_dev_alloc_pages(pool);
		int j;

		for (j = 0; j < 6; j++)
			found += p == a[j];
		rest[n++] = p;
	}
	neta_pp_get_counts(pool, &c);
	EXPECT(t, found == 6, "%d of 6 stack pages reclaimed", found);
	EXPECT(t, c.reclaimed == 6 && c.hold == NETA_PP_CACHE_REFILL,
	       "reclaimed %llu hold %llu", c.reclaimed, c.hold);
	for (i = 0; i < n; i++)
		if (rest[i])
			neta_pp_put_full_page(pool, rest[i], false);
	check_identity(t, pool, "end");
	neta_pp_destroy(pool);
free_rest:
	kfree(rest);
}

/* ---- bounded: at most capacity pages, then reclaim or fail -------- */

static void test_table_full(struct pp_test *t)
{
	struct neta_pp_counts c;
	struct neta_pp *pool;
	struct page **pages, *p;
	unsigned int n, i;

	pool = make_pool(t, 1, 0);
	if (!pool)
		return;
	neta_pp_get_counts(pool, &c);
	pages = kvcalloc(c.capacity + 1, sizeof(*pages), GFP_KERNEL);
	if (!pages) {
		t->failed = true;
		goto destroy;
	}
	/* the stack holds every page: the pool stops at its capacity */
	for (n = 0; n <= c.capacity; n++) {
		pages[n] = neta_pp_dev_alloc_pages(pool);
		if (!pages[n])
			break;
	}
	EXPECT(t, n == c.capacity, "allocated %u, capacity %llu", n,
	       c.capacity);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.out == n && c.hold == n, "out %llu hold %llu", c.out,
	       c.hold);
	check_identity(t, pool, "full");
	if (!n)
		goto free_pages;

	/* one comes back from the stack: it is the next allocation */
	put_page(pages[0]);
	p = neta_pp_dev_alloc_pages(pool);
	EXPECT(t, p == pages[0], "reclaimed page %p, freed %p", p, pages[0]);
	if (p)
		pages[0] = p;
	else
		get_page(pages[0]);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.reclaimed == 1 && c.hold == n, "reclaimed %llu hold %llu",
	       c.reclaimed, c.hold);
	for (i = 0; i < n; i++)
		neta_pp_put_full_page(pool, pages[i], false);
	check_identity(t, pool, "end");
free_pages:
	kvfree(pages);
destroy:
	neta_pp_destroy(pool);
}

/* ---- destroy waits for pages in flight ---------------------------- */

static bool wait_pools(int want, unsigned int ms)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);

	while (neta_pp_nr_pools() != want) {
		if (time_after(jiffies, end))
			return false;
		msleep(20);
	}
	return true;
}

static void test_destroy_inflight(struct pp_test *t)
{
	struct neta_pp_params p = {
		.flags = NETA_PP_FLAG_DMA_MAP | NETA_PP_FLAG_DMA_SYNC_DEV,
		.pool_size = 16,
		.nid = NUMA_NO_NODE,
		.dev = &test_pdev->dev,
		.dma_dir = DMA_FROM_DEVICE,
		.offset = 0,
		.max_len = PAGE_SIZE,
	};
	int before = neta_pp_nr_pools();
	struct neta_pp *pool;
	struct page *pg[8];
	int i;

	pool = neta_pp_create(&p);
	EXPECT(t, !IS_ERR(pool), "create %ld", PTR_ERR(pool));
	if (IS_ERR(pool))
		return;
	for (i = 0; i < 8; i++)
		pg[i] = neta_pp_dev_alloc_pages(pool);
	for (i = 0; i < 3; i++)
		neta_pp_put_full_page(pool, pg[i], false);
	check_identity(t, pool, "before destroy");
	EXPECT(t, neta_pp_inflight(pool) == NETA_PP_CACHE_REFILL, "inflight %llu",
	       neta_pp_inflight(pool));
	/* 3..5 held by the stack, 6..7 by the driver */
	neta_pp_destroy(pool);
	msleep(300);
	EXPECT(t, neta_pp_nr_pools() == before + 1,
	       "pool freed with 5 pages in flight");
	for (i = 3; i < 6; i++)
		put_page(pg[i]);
	msleep(300);
	EXPECT(t, neta_pp_nr_pools() == before + 1,
	       "pool freed with 2 pages held by the driver");
	for (i = 6; i < 8; i++)
		neta_pp_put_full_page(pool, pg[i], false);
	EXPECT(t, wait_pools(before, 3000),
	       "pool not freed 3 s after its last page came back");
}

/* ---- fragments: two buffers per page ------------------------------- */

#define FRAG_SZ		(PAGE_SIZE / 2)

static struct neta_pp *make_frag_pool(struct pp_test *t, unsigned int flags,
				      unsigned int offset, unsigned int max_len)
{
	struct neta_pp_params p = {
		.flags = NETA_PP_FLAG_PAGE_FRAG | flags,
		.pool_size = 16,
		.nid = NUMA_NO_NODE,
		.dev = flags ? &test_pdev->dev : NULL,
		.dma_dir = DMA_BIDIRECTIONAL,
		.offset = offset,
		.max_len = max_len,
	};
	struct neta_pp *pool = neta_pp_create(&p);

	EXPECT(t, !IS_ERR(pool), "create: %ld", PTR_ERR(pool));
	return IS_ERR(pool) ? NULL : pool;
}

/* Two fragments of FRAG_SZ, checked to share a page; NULL if not. */
static struct page *two_frags(struct pp_test *t, struct neta_pp *pool,
			      unsigned int off[2])
{
	struct page *a, *b;

	a = neta_pp_alloc_frag(pool, &off[0], FRAG_SZ, GFP_KERNEL);
	b = neta_pp_alloc_frag(pool, &off[1], FRAG_SZ, GFP_KERNEL);
	EXPECT(t, a && a == b, "fragments on pages %p and %p", a, b);
	EXPECT(t, off[0] == 0 && off[1] == FRAG_SZ, "offsets %u and %u",
	       off[0], off[1]);
	return a == b ? a : NULL;
}

static void test_frag_pair(struct pp_test *t)
{
	unsigned int off[2], off2[2], o;
	struct neta_pp_counts c;
	struct neta_pp_stats s;
	struct neta_pp *pool;
	struct page *p, *q, *r;

	pool = make_frag_pool(t, 0, 0, 0);
	if (!pool)
		return;
	p = two_frags(t, pool, off);
	if (!p)
		goto destroy;
	/* a third fragment starts the next page; p keeps its two users */
	q = two_frags(t, pool, off2);
	if (!q)
		goto destroy;
	EXPECT(t, q != p, "third fragment on the full page");
	EXPECT(t, page_ref_count(p) == 3, "count %d of a page with 2 fragments out",
	       page_ref_count(p));

	/* first fragment back: the page stays out, nothing recycled */
	neta_pp_put_frag(pool, p, off[1], UINT_MAX, false);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.ring == 0 && c.out == 2, "after one of two: ring %llu out %llu",
	       c.ring, c.out);
	/* the second: recycled */
	neta_pp_put_frag(pool, p, off[0], UINT_MAX, false);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.ring == 1 && c.out == 1, "after both: ring %llu out %llu",
	       c.ring, c.out);
	EXPECT(t, page_ref_count(p) == 2, "recycled page count %d",
	       page_ref_count(p));
	check_identity(t, pool, "first page back");

	/*
	 * The other order on q, the stack holding one fragment: q is still
	 * the page being split; both fragments back, the next page is q.
	 */
	neta_pp_put_frag(pool, q, off2[0], UINT_MAX, false);
	put_page(q);
	r = neta_pp_alloc_frag(pool, &off[0], FRAG_SZ, GFP_KERNEL);
	EXPECT(t, r == q && off[0] == 0,
	       "page of two returned fragments not reused (%p, offset %u)",
	       r, off[0]);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.ring == 1, "ring %llu", c.ring);
	if (!r || neta_pp_alloc_frag(pool, &off[1], FRAG_SZ, GFP_KERNEL) != r)
		goto destroy_early;

	/* stack first, driver last: the driver's put recycles */
	p = neta_pp_alloc_frag(pool, &o, FRAG_SZ, GFP_KERNEL);
	if (!p)
		goto destroy_early;
	put_page(r);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.ring == 1, "recycled with a fragment out: ring %llu",
	       c.ring);
	neta_pp_put_frag(pool, r, off[1], UINT_MAX, false);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.ring == 2, "driver's last fragment: ring %llu", c.ring);

	/* driver first, stack last: the count falls to the pool's reference */
	if (neta_pp_alloc_frag(pool, &off[1], FRAG_SZ, GFP_KERNEL) != p)
		goto destroy_early;
	q = neta_pp_alloc_frag(pool, &o, FRAG_SZ, GFP_KERNEL);
	neta_pp_put_frag(pool, p, 0, UINT_MAX, false);
	EXPECT(t, page_ref_count(p) == 2, "count %d", page_ref_count(p));
	put_page(p);
	EXPECT(t, page_ref_count(p) == 1, "count %d after the stack's put",
	       page_ref_count(p));
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.ring == 2, "stack's put recycled: ring %llu", c.ring);
	if (q)
		neta_pp_put_frag(pool, q, o, UINT_MAX, false);
	get_stats(pool, &s);
	EXPECT(t, s.recycle_stats.released_refcnt == 0,
	       "fragment puts counted as released_refcnt: %llu",
	       s.recycle_stats.released_refcnt);
	check_identity(t, pool, "end");
	goto destroy;
destroy_early:
	EXPECT(t, false, "fragment allocation failed");
destroy:
	neta_pp_destroy(pool);
}

static void test_frag_sync(struct pp_test *t)
{
	struct device *dev = &test_pdev->dev;
	unsigned int off[2];
	struct neta_pp *pool;
	u8 *cpu, *devv;
	dma_addr_t dma;
	struct page *p;

	pool = make_frag_pool(t, NETA_PP_FLAG_DMA_MAP | NETA_PP_FLAG_DMA_SYNC_DEV,
			      DMA_OFF, DMA_MAX);
	if (!pool)
		return;
	p = two_frags(t, pool, off);
	if (!p)
		goto destroy;
	dma = neta_pp_get_dma_addr(pool, p);
	if (dma_to_phys(dev, dma) == page_to_phys(p)) {
		t->skipped = true;
		t->skip_reason = "buffers not bounced: sync range not observable (swiotlb=force)";
		neta_pp_put_frag(pool, p, off[0], UINT_MAX, false);
		neta_pp_put_frag(pool, p, off[1], UINT_MAX, false);
		goto destroy;
	}
	cpu = page_address(p);
	devv = phys_to_virt(dma_to_phys(dev, dma));
	memset(devv, 0x11, PAGE_SIZE);
	memset(cpu, 0xa5, PAGE_SIZE);
	/* second fragment, 100 bytes: [FRAG_SZ + offset, + 100) only */
	neta_pp_put_frag(pool, p, off[1], 100, false);
	EXPECT(t, range_is(devv, FRAG_SZ + DMA_OFF, FRAG_SZ + DMA_OFF + 100, 0xa5),
	       "fragment's range not seen by the device");
	EXPECT(t, range_is(devv, 0, FRAG_SZ + DMA_OFF, 0x11),
	       "bytes before the fragment's range synced");
	EXPECT(t, range_is(devv, FRAG_SZ + DMA_OFF + 100, PAGE_SIZE, 0x11),
	       "bytes after the fragment's range synced");
	/* first fragment, the last: its own range clamped to max_len */
	memset(devv, 0x11, PAGE_SIZE);
	neta_pp_put_frag(pool, p, off[0], UINT_MAX, false);
	EXPECT(t, range_is(devv, DMA_OFF, DMA_OFF + DMA_MAX, 0xa5),
	       "last fragment's range not seen by the device");
	EXPECT(t, range_is(devv, 0, DMA_OFF, 0x11) &&
	       range_is(devv, DMA_OFF + DMA_MAX, PAGE_SIZE, 0x11),
	       "bytes outside the last fragment's range synced");
	check_identity(t, pool, "end");
destroy:
	neta_pp_destroy(pool);
}

static void test_frag_refused(struct pp_test *t)
{
	struct neta_pp_counts c;
	struct neta_pp *pool;
	unsigned int off = 7;
	struct page *p;

	pool = make_frag_pool(t, 0, 0, 0);
	if (!pool)
		return;
	p = neta_pp_alloc_frag(pool, &off, PAGE_SIZE + 1, GFP_KERNEL);
	EXPECT(t, !p, "fragment larger than the page given");
	p = neta_pp_alloc_frag(pool, &off, 0, GFP_KERNEL);
	EXPECT(t, !p, "empty fragment given");
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.misuse == 2 && c.hold == 0, "misuse %llu hold %llu",
	       c.misuse, c.hold);
	/* a whole page is a fragment too */
	p = neta_pp_alloc_frag(pool, &off, PAGE_SIZE, GFP_KERNEL);
	EXPECT(t, p && off == 0, "page-sized fragment refused");
	if (p)
		neta_pp_put_frag(pool, p, off, UINT_MAX, false);
	check_identity(t, pool, "end");
	neta_pp_destroy(pool);

	pool = make_pool(t, 16, 0);
	if (!pool)
		return;
	p = neta_pp_alloc_frag(pool, &off, FRAG_SZ, GFP_KERNEL);
	EXPECT(t, !p, "fragment of a pool without PAGE_FRAG");
	neta_pp_destroy(pool);
}

static void test_frag_destroy(struct pp_test *t)
{
	int before = neta_pp_nr_pools();
	unsigned int off[2];
	struct neta_pp *pool;
	struct page *p;

	pool = make_frag_pool(t, 0, 0, 0);
	if (!pool)
		return;
	p = two_frags(t, pool, off);
	if (!p) {
		neta_pp_destroy(pool);
		return;
	}
	/* one fragment back, the page is still being split: destroy waits */
	neta_pp_put_frag(pool, p, off[0], UINT_MAX, false);
	neta_pp_destroy(pool);
	msleep(300);
	EXPECT(t, neta_pp_nr_pools() == before + 1,
	       "pool freed with a fragment out");
	put_page(p);
	EXPECT(t, wait_pools(before, 3000),
	       "pool not freed 3 s after its last fragment came back");
}

/* ---- parameter validation ----------------------------------------- */

static void test_validation(struct pp_test *t)
{
	static const struct {
		const char *what;
		struct neta_pp_params p;
		int err;
	} cases[] = {
		{ "unknown flag", { .flags = BIT(7), .pool_size = 16 }, -EINVAL },
		{ "pool_size 0", { .pool_size = 0 }, -EINVAL },
		{ "pool_size 32769", { .pool_size = 32769 }, -E2BIG },
		{ "order 4", { .pool_size = 16, .order = 4 }, -EINVAL },
		{ "DMA_MAP without device",
		  { .flags = NETA_PP_FLAG_DMA_MAP, .pool_size = 16 }, -EINVAL },
		{ "DMA_SYNC_DEV without DMA_MAP",
		  { .flags = NETA_PP_FLAG_DMA_SYNC_DEV, .pool_size = 16,
		    .max_len = 64 }, -EINVAL },
	};
	struct neta_pp_params p = {
		.flags = NETA_PP_FLAG_DMA_MAP | NETA_PP_FLAG_DMA_SYNC_DEV,
		.pool_size = 16,
		.nid = NUMA_NO_NODE,
		.dev = &test_pdev->dev,
		.dma_dir = DMA_FROM_DEVICE,
		.max_len = 1024,
	};
	int before = neta_pp_nr_pools();
	struct neta_pp *pool;
	const char *why;
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct neta_pp_params q = cases[i].p;

		q.nid = NUMA_NO_NODE;
		pool = neta_pp_create(&q);
		EXPECT(t, IS_ERR(pool) && PTR_ERR(pool) == cases[i].err,
		       "%s: got %ld", cases[i].what, PTR_ERR(pool));
		if (!IS_ERR(pool))
			neta_pp_destroy(pool);
		err = neta_pp_params_check(&q, &why);
		EXPECT(t, err == cases[i].err && why, "%s: check %d", cases[i].what,
		       err);
		if (why)
			rep("# %s: %d (%s)\n", cases[i].what, err, why);
	}

	p.dma_dir = DMA_TO_DEVICE;
	EXPECT(t, neta_pp_params_check(&p, &why) == -EINVAL, "dma_dir to device");
	p.dma_dir = DMA_FROM_DEVICE;
	p.max_len = 0;
	EXPECT(t, neta_pp_params_check(&p, &why) == -EINVAL, "max_len 0");
	p.max_len = PAGE_SIZE;
	p.offset = 1;
	EXPECT(t, neta_pp_params_check(&p, &why) == -EINVAL, "offset + max_len");
	p.offset = 0;
	EXPECT(t, neta_pp_params_check(&p, &why) == 0 && !why, "valid: %s",
	       why ? why : "");

	/* the limits themselves are accepted */
	p.pool_size = NETA_PP_MAX_POOL_SIZE;
	p.order = NETA_PP_MAX_ORDER;
	pool = neta_pp_create(&p);
	EXPECT(t, !IS_ERR(pool), "pool_size 32768 order 3: %ld", PTR_ERR(pool));
	neta_pp_destroy(pool);
	EXPECT(t, neta_pp_nr_pools() == before, "pools %d, expected %d",
	       neta_pp_nr_pools(), before);
}

/* ---- misuse: double free, foreign page ---------------------------- */

static void test_misuse(struct pp_test *t)
{
	struct neta_pp *pool, *other;
	struct neta_pp_counts c;
	struct page *pg, *foreign, *theirs, *again;

	if (!misuse) {
		t->skipped = true;
		t->skip_reason = "needs misuse=1 and neta_page_pool misuse_warn=0";
		return;
	}
	pool = make_pool(t, 16, 0);
	other = make_pool(t, 16, 0);
	foreign = alloc_page(GFP_KERNEL);
	if (!pool || !other || !foreign) {
		t->failed = true;
		goto free_pools;
	}
	pg = neta_pp_dev_alloc_pages(pool);
	theirs = neta_pp_dev_alloc_pages(other);

	neta_pp_put_full_page(pool, pg, false);
	neta_pp_put_full_page(pool, pg, false);		/* double free */
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.misuse == 1, "double free: misuse %llu", c.misuse);
	check_identity(t, pool, "double free");

	neta_pp_put_full_page(pool, foreign, false);	/* never ours */
	EXPECT(t, page_ref_count(foreign) == 1 && !page_private(foreign),
	       "foreign page touched");
	neta_pp_put_full_page(pool, theirs, false);	/* another pool's */
	neta_pp_release_page(pool, theirs);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.misuse == 4, "foreign: misuse %llu", c.misuse);
	EXPECT(t, neta_pp_get_dma_addr(pool, foreign) == DMA_MAPPING_ERROR,
	       "dma address of a foreign page");

	/* the stack freed it, then the driver puts it again */
	again = neta_pp_dev_alloc_pages(pool);
	put_page(again);
	neta_pp_put_full_page(pool, again, false);
	neta_pp_get_counts(pool, &c);
	EXPECT(t, c.misuse == 5, "put after the stack's free: misuse %llu",
	       c.misuse);
	check_identity(t, pool, "end");

	/* the other pool is intact and takes its page back */
	neta_pp_put_full_page(other, theirs, false);
	neta_pp_get_counts(other, &c);
	EXPECT(t, c.misuse == 0 && c.out == 0, "other pool: misuse %llu out %llu",
	       c.misuse, c.out);
	check_identity(t, other, "other pool");
free_pools:
	if (foreign)
		__free_page(foreign);
	neta_pp_destroy(other);
	neta_pp_destroy(pool);
}

/* ---- ethtool names ------------------------------------------------ */

static void test_ethtool(struct pp_test *t)
{
	static const char * const names[] = {
		"rx_pp_alloc_fast", "rx_pp_alloc_slow", "rx_pp_alloc_slow_ho",
		"rx_pp_alloc_empty", "rx_pp_alloc_refill", "rx_pp_alloc_waive",
		"rx_pp_recycle_cached", "rx_pp_recycle_cache_full",
		"rx_pp_recycle_ring", "rx_pp_recycle_ring_full",
		"rx_pp_recycle_released_ref",
	};
	u8 strings[ARRAY_SIZE(names) * ETH_GSTRING_LEN];
	u64 data[ARRAY_SIZE(names)];
	struct neta_pp_stats s = {};
	unsigned int i;
	u64 *end;

	EXPECT(t, neta_pp_ethtool_stats_get_count() == ARRAY_SIZE(names),
	       "count %d", neta_pp_ethtool_stats_get_count());
	if (neta_pp_ethtool_stats_get_count() != ARRAY_SIZE(names))
		return;
	EXPECT(t, neta_pp_ethtool_stats_get_strings(strings) ==
	       strings + sizeof(strings), "strings end");
	for (i = 0; i < ARRAY_SIZE(names); i++)
		EXPECT(t, !strcmp((char *)strings + i * ETH_GSTRING_LEN, names[i]),
		       "name %u: %s", i, strings + i * ETH_GSTRING_LEN);
	s.alloc_stats.fast = 1;
	s.alloc_stats.waive = 6;
	s.recycle_stats.cached = 7;
	s.recycle_stats.released_refcnt = 11;
	end = neta_pp_ethtool_stats_get(data, &s);
	EXPECT(t, end == data + ARRAY_SIZE(names), "values end");
	EXPECT(t, data[0] == 1 && data[5] == 6 && data[6] == 7 && data[10] == 11,
	       "order of values");
}

static const struct {
	const char *name;
	void (*fn)(struct pp_test *t);
} tests[] = {
	{ "fast_path", test_fast_path },
	{ "ring_path_other_cpu", test_ring_path },
	{ "cache_full_ring_full_release", test_cache_ring_full },
	{ "order2", test_order2 },
	{ "dma_sync_range", test_dma_sync },
	{ "reclaim_by_refcount", test_reclaim_refcount },
	{ "capacity_bounded", test_table_full },
	{ "destroy_waits_for_inflight", test_destroy_inflight },
	{ "validation", test_validation },
	{ "misuse_detected", test_misuse },
	{ "ethtool_names", test_ethtool },
	{ "frag_two_per_page_either_order", test_frag_pair },
	{ "frag_dma_sync_range", test_frag_sync },
	{ "frag_size_refused", test_frag_refused },
	{ "frag_destroy_waits", test_frag_destroy },
};

static void run_tests(void)
{
	unsigned int i;

	rep("KTAP version 1\n1..%zu\n", ARRAY_SIZE(tests));
	for (i = 0; i < ARRAY_SIZE(tests); i++) {
		struct pp_test t = { .name = tests[i].name };

		tests[i].fn(&t);
		if (t.skipped && !t.failed)
			rep("ok %u %s # SKIP %s\n", i + 1, t.name, t.skip_reason);
		else
			rep("%s %u %s\n", t.failed ? "not ok" : "ok", i + 1,
			    t.name);
	}
}

/*
 * debugfs "hold": writing 1 creates a pool, takes a page and destroys the
 * pool with the page still out, as a driver unloaded while the stack holds a
 * frame; writing 0 puts the page as the stack would. The case watches
 * neta_page_pool's module reference count meanwhile.
 */
static struct page *held_page;
static DEFINE_MUTEX(hold_lock);

static ssize_t hold_write(struct file *f, const char __user *buf, size_t len,
			  loff_t *pos)
{
	struct neta_pp_params p = {
		.pool_size = 16,
		.nid = NUMA_NO_NODE,
		.dma_dir = DMA_FROM_DEVICE,
	};
	struct neta_pp *pool;
	bool on;
	int err;

	err = kstrtobool_from_user(buf, len, &on);
	if (err)
		return err;
	mutex_lock(&hold_lock);
	if (on && !held_page) {
		pool = neta_pp_create(&p);
		if (IS_ERR(pool)) {
			err = PTR_ERR(pool);
			goto unlock;
		}
		held_page = neta_pp_alloc_pages(pool, GFP_KERNEL);
		neta_pp_destroy(pool);
		if (!held_page)
			err = -ENOMEM;
	} else if (!on && held_page) {
		put_page(held_page);
		held_page = NULL;
	}
unlock:
	mutex_unlock(&hold_lock);
	return err ? err : len;
}

static const struct file_operations hold_fops = {
	.owner = THIS_MODULE,
	.write = hold_write,
};

static ssize_t ktap_read(struct file *f, char __user *buf, size_t len,
			 loff_t *pos)
{
	return simple_read_from_buffer(buf, len, pos, report, report_len);
}

static const struct file_operations ktap_fops = {
	.owner = THIS_MODULE,
	.read = ktap_read,
	.llseek = default_llseek,
};

static int __init neta_pp_test_init(void)
{
	int err;

	report = vzalloc(REPORT_SIZE);
	if (!report)
		return -ENOMEM;
	test_pdev = platform_device_register_simple("neta_pp_test", -1, NULL, 0);
	if (IS_ERR(test_pdev)) {
		err = PTR_ERR(test_pdev);
		goto free_report;
	}
	err = dma_coerce_mask_and_coherent(&test_pdev->dev, DMA_BIT_MASK(64));
	if (err)
		goto unregister_pdev;

	run_tests();

	dbg_dir = debugfs_create_dir("neta_pp_test", NULL);
	debugfs_create_file("ktap", 0444, dbg_dir, NULL, &ktap_fops);
	debugfs_create_file("hold", 0200, dbg_dir, NULL, &hold_fops);
	return 0;

unregister_pdev:
	platform_device_unregister(test_pdev);
free_report:
	vfree(report);
	return err;
}

static void __exit neta_pp_test_exit(void)
{
	debugfs_remove_recursive(dbg_dir);
	if (held_page)
		put_page(held_page);
	platform_device_unregister(test_pdev);
	vfree(report);
}

module_init(neta_pp_test_init);
module_exit(neta_pp_test_exit);
MODULE_DESCRIPTION("KTAP tests of neta_page_pool");
MODULE_LICENSE("GPL");
