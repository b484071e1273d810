/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel API differences between Linux 6.1 (Debian 12) and 6.12 (Debian 13,
 * in Debian 12's security suite) that the modules other than the driver
 * meet: the NETA model, our page_pool's tests and benchmark, the test
 * modules. The driver has its own kmod/mvneta_xdp/compat.h, which includes
 * this one. Version checks live here and nowhere else.
 */
#ifndef _NETA_COMPAT_H
#define _NETA_COMPAT_H

#include <linux/version.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <linux/swiotlb.h>

/* page_pool: one header up to 6.5, split into types/helpers from 6.6 */
#if KERNEL_VERSION(6, 6, 0) <= LINUX_VERSION_CODE
#include <net/page_pool/helpers.h>
#else
#include <net/page_pool.h>
#endif

/* skb_frag_fill_page_desc() appeared in 6.5, __skb_frag_set_page() went */
#if KERNEL_VERSION(6, 5, 0) > LINUX_VERSION_CODE
static inline void neta_compat_frag_fill(skb_frag_t *frag, struct page *page,
					 int off, int size)
{
	__skb_frag_set_page(frag, page);
	skb_frag_off_set(frag, off);
	skb_frag_size_set(frag, size);
}
#else
#define neta_compat_frag_fill skb_frag_fill_page_desc
#endif

/**
 * neta_compat_pp_release_page() - take a page out of a kernel page_pool
 * @pool: the kernel's page_pool the page came from
 * @page: page; the caller holds a reference that stays its own
 *
 * The pool unmaps the page and forgets it; the page is then an ordinary
 * page freed by put_page(). 6.1 has page_pool_release_page() for this; it
 * went in 6.5, where a page whose reference count is above one and that is
 * put back to its pool is released the same way (unmapped, pool fields
 * cleared, in-flight count dropped, one reference put): take a second
 * reference and put the page back.
 */
static inline void neta_compat_pp_release_page(struct page_pool *pool,
					       struct page *page)
{
#if KERNEL_VERSION(6, 5, 0) > LINUX_VERSION_CODE
	page_pool_release_page(pool, page);
#else
	get_page(page);
	page_pool_put_full_page(pool, page, false);
#endif
}

/**
 * neta_compat_is_swiotlb_buffer() - whether @phys is a swiotlb bounce slot
 * @dev: device that mapped the buffer
 * @phys: physical address
 *
 * is_swiotlb_buffer() became swiotlb_find_pool() in 6.12.
 *
 * Return: true for an address inside @dev's bounce buffer pool.
 */
static inline bool neta_compat_is_swiotlb_buffer(struct device *dev,
						 phys_addr_t phys)
{
#if KERNEL_VERSION(6, 12, 0) <= LINUX_VERSION_CODE
	return !!swiotlb_find_pool(dev, phys);
#else
	return is_swiotlb_buffer(dev, phys);
#endif
}

/*
 * platform_driver.remove returns void from 6.11 (an int nobody looked at
 * before). A driver writes a void remove function fn and sets
 * .remove = NETA_COMPAT_REMOVE(fn) after NETA_COMPAT_DEFINE_REMOVE(fn).
 */
#if KERNEL_VERSION(6, 11, 0) <= LINUX_VERSION_CODE
#define NETA_COMPAT_DEFINE_REMOVE(fn)
#define NETA_COMPAT_REMOVE(fn)	(fn)
#else
#define NETA_COMPAT_DEFINE_REMOVE(fn)					\
	static int fn##_compat(struct platform_device *pdev)		\
	{								\
		fn(pdev);						\
		return 0;						\
	}
#define NETA_COMPAT_REMOVE(fn)	(fn##_compat)
#endif

#endif /* _NETA_COMPAT_H */
