// SPDX-License-Identifier: GPL-2.0-only
/*
 * neta_pp_bench: micro-benchmark of neta_page_pool against the kernel's
 * built-in page_pool, in the same guest run (like bench_page_pool_simple):
 *
 *   fast  alloc + recycle_direct in softirq (a tasklet): the lockless cache
 *   ring  alloc + put from process context: the ptr_ring and its refill
 *   slow  alloc + release_page + put_page: the page allocator every page
 *
 * Runs when loaded. The variants are interleaved (own and kernel one after
 * the other, the order swapped every repetition) and repeated; the report
 * in /sys/kernel/debug/neta_pp_bench/results gives every run, the medians,
 * the ratio of medians (own / kernel) and, less sensitive to the host's
 * load drifting during the run, the median of the per-repetition ratios.
 * Timings are ns per operation.
 */
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>
#include <neta_compat.h>
#include <neta_pp/helpers.h>

static unsigned int loops_fast = 100000;
module_param(loops_fast, uint, 0444);
MODULE_PARM_DESC(loops_fast, "operations per fast-path run");
static unsigned int loops_ring = 50000;
module_param(loops_ring, uint, 0444);
MODULE_PARM_DESC(loops_ring, "operations per ptr_ring-path run");
static unsigned int loops_slow = 10000;
module_param(loops_slow, uint, 0444);
MODULE_PARM_DESC(loops_slow, "operations per slow-path run");
static unsigned int reps = 21;
module_param(reps, uint, 0444);
MODULE_PARM_DESC(reps, "repetitions of every variant (medians reported)");

#define MAX_REPS	63
#define REPORT_SIZE	(16 * 1024)
#define POOL_SIZE	1024
#define WARMUP		1024

enum bench_path { PATH_FAST, PATH_RING, PATH_SLOW, NR_PATHS };
enum bench_impl { IMPL_OWN, IMPL_KERNEL, NR_IMPLS };

static const char * const path_names[NR_PATHS] = { "fast", "ring", "slow" };
static const char * const impl_names[NR_IMPLS] = { "own", "kernel" };

/* picoseconds per operation, per path, implementation and repetition */
static u64 results[NR_PATHS][NR_IMPLS][MAX_REPS];
static char *report;
static size_t report_len;
static struct dentry *dbg_dir;

static __printf(1, 2) void rep(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_len += vscnprintf(report + report_len, REPORT_SIZE - report_len,
				 fmt, ap);
	va_end(ap);
}

struct bench_run {
	enum bench_path path;
	enum bench_impl impl;
	unsigned int loops;
	struct neta_pp *own;
	struct page_pool *kern;
	u64 ns;
	bool failed;
	struct completion done;
	struct tasklet_struct tasklet;
};

static void loop_own(struct bench_run *b, unsigned int n)
{
	struct neta_pp *pool = b->own;
	struct page *page;
	unsigned int i;

	for (i = 0; i < n; i++) {
		page = neta_pp_alloc_pages(pool, GFP_ATOMIC);
		if (unlikely(!page)) {
			b->failed = true;
			return;
		}
		switch (b->path) {
		case PATH_FAST:
			neta_pp_recycle_direct(pool, page);
			break;
		case PATH_RING:
			neta_pp_put_full_page(pool, page, false);
			break;
		default:
			neta_pp_release_page(pool, page);
			put_page(page);
			break;
		}
	}
}

static void loop_kernel(struct bench_run *b, unsigned int n)
{
	struct page_pool *pool = b->kern;
	struct page *page;
	unsigned int i;

	for (i = 0; i < n; i++) {
		page = page_pool_alloc_pages(pool, GFP_ATOMIC);
		if (unlikely(!page)) {
			b->failed = true;
			return;
		}
		switch (b->path) {
		case PATH_FAST:
			page_pool_recycle_direct(pool, page);
			break;
		case PATH_RING:
			page_pool_put_full_page(pool, page, false);
			break;
		default:
			neta_compat_pp_release_page(pool, page);
			put_page(page);
			break;
		}
	}
}

static void bench_loop(struct bench_run *b)
{
	void (*fn)(struct bench_run *b, unsigned int n);
	u64 t0;

	fn = b->impl == IMPL_OWN ? loop_own : loop_kernel;
	fn(b, WARMUP);
	t0 = ktime_get_ns();
	fn(b, b->loops);
	b->ns = ktime_get_ns() - t0;
}

static void bench_tasklet(struct tasklet_struct *t)
{
	struct bench_run *b = from_tasklet(b, t, tasklet);

	bench_loop(b);
	complete(&b->done);
}

static int bench_one(enum bench_path path, enum bench_impl impl, u64 *ps)
{
	static const unsigned int *loops[NR_PATHS] = {
		&loops_fast, &loops_ring, &loops_slow,
	};
	struct bench_run b = { .path = path, .impl = impl,
			       .loops = max(*loops[path], 1U) };
	struct neta_pp_params own = {
		.pool_size = POOL_SIZE,
		.nid = NUMA_NO_NODE,
		.dma_dir = DMA_FROM_DEVICE,
	};
	struct page_pool_params kern = {
		.pool_size = POOL_SIZE,
		.nid = NUMA_NO_NODE,
		.dma_dir = DMA_FROM_DEVICE,
	};

	if (impl == IMPL_OWN) {
		b.own = neta_pp_create(&own);
		if (IS_ERR(b.own))
			return PTR_ERR(b.own);
	} else {
		b.kern = page_pool_create(&kern);
		if (IS_ERR(b.kern))
			return PTR_ERR(b.kern);
	}

	if (path == PATH_FAST) {
		/* softirq, like a NAPI poll */
		init_completion(&b.done);
		tasklet_setup(&b.tasklet, bench_tasklet);
		tasklet_schedule(&b.tasklet);
		wait_for_completion(&b.done);
		tasklet_kill(&b.tasklet);
	} else {
		bench_loop(&b);
	}

	if (impl == IMPL_OWN)
		neta_pp_destroy(b.own);
	else
		page_pool_destroy(b.kern);
	if (b.failed)
		return -ENOMEM;
	*ps = div_u64(b.ns * 1000, b.loops);
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 median(const u64 *v, unsigned int n)
{
	u64 s[MAX_REPS];

	memcpy(s, v, n * sizeof(*s));
	sort(s, n, sizeof(*s), cmp_u64, NULL);
	return n & 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static int run_bench(void)
{
	unsigned int r, p, k;
	int err;

	rep("# neta_pp_bench: own neta_page_pool vs kernel page_pool, ns/op\n");
	rep("# loops fast %u ring %u slow %u, %u repetitions, interleaved\n",
	    loops_fast, loops_ring, loops_slow, reps);
	for (r = 0; r < reps; r++) {
		for (p = 0; p < NR_PATHS; p++) {
			for (k = 0; k < NR_IMPLS; k++) {
				/* swap who goes first every repetition */
				unsigned int impl = (k + r) % NR_IMPLS;

				err = bench_one(p, impl, &results[p][impl][r]);
				if (err) {
					rep("# %s %s: error %d\n", path_names[p],
					    impl_names[impl], err);
					return err;
				}
			}
			rep("run %u %s own %llu.%03llu kernel %llu.%03llu\n", r + 1,
			    path_names[p],
			    results[p][IMPL_OWN][r] / 1000,
			    results[p][IMPL_OWN][r] % 1000,
			    results[p][IMPL_KERNEL][r] / 1000,
			    results[p][IMPL_KERNEL][r] % 1000);
		}
	}
	rep("%-6s %14s %14s %10s %10s\n", "path", "own_ns_med",
	    "kernel_ns_med", "own/kern", "med_ratio");
	for (p = 0; p < NR_PATHS; p++) {
		u64 own = median(results[p][IMPL_OWN], reps);
		u64 kern = median(results[p][IMPL_KERNEL], reps);
		u64 ratio = kern ? div64_u64(own * 1000, kern) : 0;
		u64 pair[MAX_REPS], pmed;

		for (r = 0; r < reps; r++)
			pair[r] = results[p][IMPL_KERNEL][r] ?
				  div64_u64(results[p][IMPL_OWN][r] * 1000,
					    results[p][IMPL_KERNEL][r]) : 0;
		pmed = median(pair, reps);
		rep("%-6s %10llu.%03llu %10llu.%03llu %6llu.%03llu %6llu.%03llu\n",
		    path_names[p], own / 1000, own % 1000, kern / 1000,
		    kern % 1000, ratio / 1000, ratio % 1000, pmed / 1000,
		    pmed % 1000);
	}
	return 0;
}

static ssize_t results_read(struct file *f, char __user *buf, size_t len,
			    loff_t *pos)
{
	return simple_read_from_buffer(buf, len, pos, report, report_len);
}

static const struct file_operations results_fops = {
	.owner = THIS_MODULE,
	.read = results_read,
	.llseek = default_llseek,
};

static int __init neta_pp_bench_init(void)
{
	if (!reps || reps > MAX_REPS)
		return -EINVAL;
	report = vzalloc(REPORT_SIZE);
	if (!report)
		return -ENOMEM;
	/* A failed run is in the report; the module loads to show it. */
	run_bench();
	dbg_dir = debugfs_create_dir("neta_pp_bench", NULL);
	debugfs_create_file("results", 0444, dbg_dir, NULL, &results_fops);
	return 0;
}

static void __exit neta_pp_bench_exit(void)
{
	debugfs_remove_recursive(dbg_dir);
	vfree(report);
}

module_init(neta_pp_bench_init);
module_exit(neta_pp_bench_exit);
MODULE_DESCRIPTION("neta_page_pool vs kernel page_pool micro-benchmark");
MODULE_LICENSE("GPL");
