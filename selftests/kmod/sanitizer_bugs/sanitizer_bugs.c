// SPDX-License-Identifier: GPL-2.0-only
/*
 * sanitizer_bugs: commit one kernel bug on request, so the sanitizer lane
 * (selftests/vm/sanitizer-cases) proves that each bug detector of
 * its debug kernel reports what it exists for. A test module only: it
 * corrupts the kernel on purpose; never load it outside a throw-away guest.
 *
 *   echo WORD >/sys/kernel/debug/sanitizer_bugs/trigger
 *
 *   WORD          bug                                 detector
 *   uaf           read a kmalloc object after kfree   KASAN (use-after-free)
 *   leak          drop 4 zeroed 256-byte objects      kmemleak (next scan)
 *   dma_unmap     unbind a driver whose streaming     DMA-API debug
 *                 mapping was never unmapped
 *   dma_unmap_platform  the same on a platform device    the runner's count
 *                 (dma-debug does not watch that bus) of active mappings
 *   atomic_sleep  GFP_KERNEL allocation under a       DEBUG_ATOMIC_SLEEP
 *                 spinlock
 *   lock_order    take A then B, later B then A       lockdep (circular)
 *   kfence        write one byte past a KFENCE object KFENCE (out-of-bounds)
 *
 * A write of an unknown word fails with -EINVAL; a bug that could not be
 * set up fails the write with its errno (kfence: -ETIMEDOUT when no KFENCE
 * object came within 10 s, dma_unmap: -ENODEV without a free PCI host
 * bridge).
 */

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/kfence.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define SBUG_UAF_SIZE		64
#define SBUG_LEAK_COUNT		4
#define SBUG_LEAK_SIZE		256	/* recognizable in kmemleak's report */
#define SBUG_DMA_SIZE		512
#define SBUG_KFENCE_SIZE	32	/* a multiple of the cache alignment */
#define SBUG_KFENCE_TIMEOUT	(10 * HZ)
#define SBUG_WORD_MAX		32

/**
 * sbug_uaf() - read a kmalloc object after kfree()
 *
 * An object that came from KFENCE is freed and another one taken: KFENCE,
 * not KASAN, would report the read.
 *
 * Return: 0 (if the kernel survives KASAN's report), -ENOMEM.
 */
static int sbug_uaf(void)
{
	u8 *p;

	for (;;) {
		p = kmalloc(SBUG_UAF_SIZE, GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		if (!is_kfence_address(p))
			break;
		kfree(p);
	}
	memset(p, 0x5a, SBUG_UAF_SIZE);
	kfree(p);
	/* The compiler must neither see through p nor drop the read. */
	OPTIMIZER_HIDE_VAR(p);
	(void)READ_ONCE(*p);
	return 0;
}

/**
 * sbug_leak_thread() - allocate the leaked objects and exit
 * @data: completion to signal once the references are dropped
 *
 * kmemleak scans the whole stack of every live task, so a stale copy of a
 * pointer in a dead frame of the writer's stack could keep an object
 * referenced. This thread's stack holds the only copies and is freed when
 * it exits. The objects are zeroed: the checksum of a zero-filled object is
 * 0, as kmemleak's initial one, so it does not count as modified and the
 * first scan past the minimum age reports it.
 *
 * Return: does not return.
 */
static int sbug_leak_thread(void *data)
{
	void *p;
	int i;

	for (i = 0; i < SBUG_LEAK_COUNT; i++) {
		p = kzalloc(SBUG_LEAK_SIZE, GFP_KERNEL);
		/* The reference is dropped right here: the leak. */
		OPTIMIZER_HIDE_VAR(p);
	}
	kthread_complete_and_exit(data, 0);
}

/**
 * sbug_leak() - leak %SBUG_LEAK_COUNT objects of %SBUG_LEAK_SIZE bytes
 *
 * Return: 0, or the errno of kthread_run().
 */
static int sbug_leak(void)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct task_struct *t;

	t = kthread_run(sbug_leak_thread, &done, "sbug_leak");
	if (IS_ERR(t))
		return PTR_ERR(t);
	wait_for_completion(&done);
	return 0;
}

/*
 * dma_unmap: dma-debug looks for the mappings a device still has only when
 * its driver unbinds, from a notifier on the buses registered with
 * dma_debug_add_bus(): in 6.1 the PCI bus (and pSeries VIO), not the
 * platform bus, and the function is not exported. A platform device of ours
 * would be released without a word, so the mapping is made by a PCI driver
 * bound to a host bridge: QEMU's pc and virt machines have one and no
 * driver of the test guest claims it.
 */
static bool sbug_dma_bound;

/**
 * sbug_dma_probe() - map a buffer for the first free host bridge
 * @pdev: a PCI host bridge without a driver
 * @id: the matching entry of sbug_dma_ids
 *
 * Return: 0, -ENODEV for every host bridge after the first, -ENOMEM.
 */
static int sbug_dma_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	dma_addr_t addr;
	void *buf;
	int err;

	if (sbug_dma_bound)
		return -ENODEV;
	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));
	if (err)
		return err;
	buf = kzalloc(SBUG_DMA_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	addr = dma_map_single(&pdev->dev, buf, SBUG_DMA_SIZE, DMA_TO_DEVICE);
	if (dma_mapping_error(&pdev->dev, addr)) {
		kfree(buf);
		return -ENOMEM;
	}
	pci_set_drvdata(pdev, buf);
	sbug_dma_bound = true;
	return 0;
}

/**
 * sbug_dma_remove() - release the device without unmapping its buffer
 * @pdev: the host bridge sbug_dma_probe() took
 */
static void sbug_dma_remove(struct pci_dev *pdev)
{
	/* The bug: no dma_unmap_single(). The buffer itself is freed. */
	kfree(pci_get_drvdata(pdev));
}

static const struct pci_device_id sbug_dma_ids[] = {
	{ PCI_DEVICE_CLASS(PCI_CLASS_BRIDGE_HOST << 8, 0xffff00) },
	{ }
};

static struct pci_driver sbug_dma_driver = {
	.name = "sanitizer_bugs",
	.id_table = sbug_dma_ids,
	.probe = sbug_dma_probe,
	.remove = sbug_dma_remove,
};

/**
 * sbug_dma_unmap() - bind, map, unbind: leave a streaming mapping behind
 *
 * Return: 0, -ENODEV if no host bridge was free, or the errno of
 * pci_register_driver().
 */
static int sbug_dma_unmap(void)
{
	int err;

	sbug_dma_bound = false;
	err = pci_register_driver(&sbug_dma_driver);
	if (err)
		return err;
	err = sbug_dma_bound ? 0 : -ENODEV;
	/* The driver unbinds here: dma-debug finds the pending mapping. */
	pci_unregister_driver(&sbug_dma_driver);
	return err;
}

/* the buffer sbug_dma_unmap_platform() leaves mapped, freed at exit */
static void *sbug_dma_buf;

/**
 * sbug_dma_unmap_platform() - leave a mapping of a platform device behind
 *
 * dma-debug checks for pending mappings only on the buses it watches (not
 * the platform bus, where the NETA ports and the model live), so this bug
 * stays silent in the kernel log: the runner counts dma-debug's active
 * entries before and after each case instead, once every project module
 * is unloaded. The buffer stays allocated (freed at module exit) so that
 * kmemleak does not report it first.
 *
 * Return: 0, or a negative errno if the device or mapping failed.
 */
static int sbug_dma_unmap_platform(void)
{
	struct platform_device *pdev;
	dma_addr_t addr;
	int err;

	if (sbug_dma_buf)
		return -EBUSY;
	pdev = platform_device_register_simple("sanitizer_bugs", PLATFORM_DEVID_AUTO,
					       NULL, 0);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);
	err = dma_coerce_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));
	if (err)
		goto out_unregister;
	sbug_dma_buf = kzalloc(SBUG_DMA_SIZE, GFP_KERNEL);
	if (!sbug_dma_buf) {
		err = -ENOMEM;
		goto out_unregister;
	}
	addr = dma_map_single(&pdev->dev, sbug_dma_buf, SBUG_DMA_SIZE,
			      DMA_TO_DEVICE);
	if (dma_mapping_error(&pdev->dev, addr)) {
		kfree(sbug_dma_buf);
		sbug_dma_buf = NULL;
		err = -ENOMEM;
	}
	/* The bug: the device goes away without dma_unmap_single(). */
out_unregister:
	platform_device_unregister(pdev);
	return err;
}

static DEFINE_SPINLOCK(sbug_spin);

/**
 * sbug_atomic_sleep() - allocate with GFP_KERNEL under a spinlock
 *
 * The allocation is small and memory is plenty: it does not really sleep,
 * might_alloc() reports it all the same.
 *
 * Return: 0, -ENOMEM.
 */
static int sbug_atomic_sleep(void)
{
	void *p;

	spin_lock(&sbug_spin);
	p = kmalloc(SBUG_UAF_SIZE, GFP_KERNEL);	/* the bug: may sleep */
	spin_unlock(&sbug_spin);
	if (!p)
		return -ENOMEM;
	kfree(p);
	return 0;
}

static DEFINE_MUTEX(sbug_lock_a);
static DEFINE_MUTEX(sbug_lock_b);

/**
 * sbug_lock_order() - take two locks in one order, then in the other
 *
 * One thread, so nothing deadlocks: lockdep reports the inversion when B
 * is held and A is taken.
 *
 * Return: 0.
 */
static int sbug_lock_order(void)
{
	mutex_lock(&sbug_lock_a);
	mutex_lock(&sbug_lock_b);
	mutex_unlock(&sbug_lock_b);
	mutex_unlock(&sbug_lock_a);

	mutex_lock(&sbug_lock_b);
	mutex_lock(&sbug_lock_a);	/* the bug: B -> A after A -> B */
	mutex_unlock(&sbug_lock_a);
	mutex_unlock(&sbug_lock_b);
	return 0;
}

/**
 * sbug_kfence() - write one byte past the end of a KFENCE object
 *
 * KFENCE hands out one allocation per sample interval (100 ms in the debug
 * kernel), placed at random against the start or the end of its page. Only
 * an object that ends at the end of its page has the guard page right
 * after it, where the write faults and is reported at once as
 * out-of-bounds (past an object placed at the start it would only damage
 * a canary, reported at kfree() as memory corruption). Small objects are
 * allocated and freed until such a one comes.
 *
 * Return: 0 (if the kernel survives KFENCE's report), -ETIMEDOUT after
 * %SBUG_KFENCE_TIMEOUT without one, -EINTR, -ENOMEM.
 */
static int sbug_kfence(void)
{
	unsigned long deadline = jiffies + SBUG_KFENCE_TIMEOUT;
	u8 *p;

	for (;;) {
		p = kmalloc(SBUG_KFENCE_SIZE, GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		if (is_kfence_address(p) &&
		    offset_in_page(p) + SBUG_KFENCE_SIZE == PAGE_SIZE)
			break;
		kfree(p);
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	/* Hidden from the compiler, which knows the size of the object. */
	OPTIMIZER_HIDE_VAR(p);
	WRITE_ONCE(p[SBUG_KFENCE_SIZE], 0x5a);
	kfree(p);
	return 0;
}

/**
 * struct sbug - one bug the module commits on request
 * @name: the word written to the trigger file
 * @commit: commits the bug; 0, or a negative errno when it could not be set
 *          up (the write fails with it)
 */
struct sbug {
	const char *name;
	int (*commit)(void);
};

static const struct sbug sbug_table[] = {
	{ "uaf",		sbug_uaf },
	{ "leak",		sbug_leak },
	{ "dma_unmap",		sbug_dma_unmap },
	{ "dma_unmap_platform",	sbug_dma_unmap_platform },
	{ "atomic_sleep",	sbug_atomic_sleep },
	{ "lock_order",		sbug_lock_order },
	{ "kfence",		sbug_kfence },
};

/**
 * sbug_trigger_write() - commit the bug named by the word written
 * @file: the trigger file
 * @ubuf: the word, a trailing newline allowed
 * @count: its length
 * @ppos: unused
 *
 * Return: @count, -EINVAL for an unknown word, or the bug's errno.
 */
static ssize_t sbug_trigger_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	char word[SBUG_WORD_MAX];
	size_t i;
	int err;

	if (count >= sizeof(word))
		return -EINVAL;
	if (copy_from_user(word, ubuf, count))
		return -EFAULT;
	word[count] = '\0';
	for (i = 0; i < ARRAY_SIZE(sbug_table); i++) {
		if (!sysfs_streq(word, sbug_table[i].name))
			continue;
		err = sbug_table[i].commit();
		return err ? err : count;
	}
	return -EINVAL;
}

static const struct file_operations sbug_trigger_fops = {
	.owner = THIS_MODULE,
	.write = sbug_trigger_write,
	.llseek = noop_llseek,
};

static struct dentry *sbug_dir;

static int __init sbug_init(void)
{
	sbug_dir = debugfs_create_dir("sanitizer_bugs", NULL);
	if (IS_ERR(sbug_dir))
		return PTR_ERR(sbug_dir);
	debugfs_create_file("trigger", 0200, sbug_dir, NULL, &sbug_trigger_fops);
	return 0;
}
module_init(sbug_init);

static void __exit sbug_exit(void)
{
	debugfs_remove_recursive(sbug_dir);
	kfree(sbug_dma_buf);
}
module_exit(sbug_exit);

MODULE_DESCRIPTION("Test module, corrupts the kernel on purpose: never load it outside a test guest");
MODULE_LICENSE("GPL");
