// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: reaching memory through DMA addresses, as a device does.
 *
 * A DMA address from a register or descriptor is translated with the
 * port's struct device (dma_to_phys) and reached through the kernel's
 * linear map. Every address is checked first: not zero, inside RAM, in a
 * page that is not free, and under swiotlb=force inside the bounce pool
 * (a buffer the driver did not map is then caught).
 */
#include <linux/dma-direct.h>
#include <linux/jhash.h>
#include <linux/mm.h>
#include <linux/swiotlb.h>
#include <neta_compat.h>

#include "nm.h"

static bool nm_phys_ok(struct nm_port *p, u32 dma, phys_addr_t phys, u32 len,
		       const char *what)
{
	unsigned long pfn, last = PHYS_PFN(phys + len - 1);

	for (pfn = PHYS_PFN(phys); pfn <= last; pfn++) {
		if (!pfn_valid(pfn)) {
			nm_violation(p, NM_VIOL_ADDR,
				     "%s %#x+%u outside RAM", what, dma, len);
			return false;
		}
	}
	/*
	 * Only the first page carries a reference count for every kind of
	 * allocation (non-compound high-order pages keep tails at 0).
	 */
	if (!page_count(pfn_to_page(PHYS_PFN(phys)))) {
		nm_violation(p, NM_VIOL_ADDR, "%s %#x+%u in a free page",
			     what, dma, len);
		return false;
	}
	return true;
}

/**
 * nm_dma_buf() - CPU address of a streaming buffer the driver handed over
 * @p:    port (its platform device translates)
 * @dma:  DMA address from a descriptor
 * @len:  bytes the device accesses from @dma (at least 1)
 * @what: what the address is, for the violation message
 *
 * Return: the buffer's kernel address, or NULL after counting a violation.
 */
void *nm_dma_buf(struct nm_port *p, u32 dma, u32 len, const char *what)
{
	struct device *dev = &p->pdev->dev;
	phys_addr_t phys;

	if (!dma) {
		nm_violation(p, NM_VIOL_ADDR, "%s: DMA address 0", what);
		return NULL;
	}
	phys = dma_to_phys(dev, dma);
	if (!nm_phys_ok(p, dma, phys, max(len, 1U), what))
		return NULL;
	if (is_swiotlb_force_bounce(dev) && !neta_compat_is_swiotlb_buffer(dev, phys)) {
		nm_violation(p, NM_VIOL_ADDR,
			     "%s %#x not mapped (no bounce slot under swiotlb=force)",
			     what, dma);
		return NULL;
	}
	return phys_to_virt(phys);
}

/**
 * nm_dma_ring() - CPU address of a descriptor ring
 * @p:    port
 * @dma:  ring base from MVNETA_[RT]XQ_BASE_ADDR_REG
 * @size: ring size in descriptors
 * @what: "rx ring" or "tx ring", for the violation message
 *
 * Return: the ring's kernel address, or NULL after counting a violation.
 */
void *nm_dma_ring(struct nm_port *p, u32 dma, u32 size, const char *what)
{
	phys_addr_t phys;

	if (!dma || !size) {
		nm_violation(p, NM_VIOL_ADDR, "%s: base %#x size %u", what,
			     dma, size);
		return NULL;
	}
	phys = dma_to_phys(&p->pdev->dev, dma);
	if (!nm_phys_ok(p, dma, phys, size * MVNETA_DESC_ALIGNED_SIZE, what))
		return NULL;
	return phys_to_virt(phys);
}

/**
 * nm_desc_hash() - hash of a 32-byte descriptor, for ownership checks
 * @desc: descriptor in the ring
 *
 * Return: the hash.
 */
u32 nm_desc_hash(const void *desc)
{
	u32 w[MVNETA_DESC_ALIGNED_SIZE / 4];

	memcpy(w, desc, sizeof(w));
	return jhash2(w, ARRAY_SIZE(w), 0);
}
