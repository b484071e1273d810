// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_xmit_test: call a device's ndo_xdp_xmit directly, for what no BPF
 * program can provoke (the XDP core only ever passes valid flags).
 *
 *   insmod xdp_xmit_test.ko ifname=DEV [frames=N]
 *
 * Checks, each reported as one KTAP-like line in the kernel log
 * ("xdp_xmit_test: ok|not ok NAME: got X want Y"):
 *   - flags outside XDP_XMIT_FLAGS_MASK: -EINVAL, nothing queued
 *   - N valid 60-byte frames with XDP_XMIT_FLUSH: N queued
 *   - 4 multi-buffer frames (60-byte head + 2 frags of 1000 bytes, 2060
 *     bytes each) with XDP_XMIT_FLUSH: 4 queued (the 6.1 core never
 *     redirects frames with frags to ndo_xdp_xmit, hence this path)
 *   - the same on a device that is down (ifname_down, optional): -ENETDOWN
 * With tx_timeout=1 it only calls the device's ndo_tx_timeout for queue 0
 * as the TX watchdog does (TX locks held), since the watchdog's own
 * WARN_ONCE would panic a guest booted with panic_on_warn.
 * With send_only=1 it only sends the frames (one check: all queued), with
 * XDP_XMIT_FLUSH if flush=1 (default) or without it, so the driver keeps
 * them pending until a later flush.
 * The module load fails (-EINVAL) if a check failed; on success it stays
 * loaded until rmmod. Frames are order-0 pages (MEM_TYPE_PAGE_ORDER0): the
 * driver returns them with xdp_return_frame(), i.e. put_page().
 */

#include <linux/bpf.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/xdp.h>
#include <neta_compat.h>

static char *ifname;
module_param(ifname, charp, 0444);
MODULE_PARM_DESC(ifname, "device whose ndo_xdp_xmit is called (up)");

static char *ifname_down;
module_param(ifname_down, charp, 0444);
MODULE_PARM_DESC(ifname_down, "a device of the same driver that is down");

static unsigned int frames = 16;
module_param(frames, uint, 0444);
MODULE_PARM_DESC(frames, "valid frames to send (1..64)");

static bool send_only;
module_param(send_only, bool, 0444);
MODULE_PARM_DESC(send_only, "only send the frames, no other check");

static bool tx_timeout;
module_param(tx_timeout, bool, 0444);
MODULE_PARM_DESC(tx_timeout, "only call ndo_tx_timeout(dev, 0)");

static bool flush = true;
module_param(flush, bool, 0444);
MODULE_PARM_DESC(flush, "send_only: with XDP_XMIT_FLUSH");

#define XXT_MAX 64

static int xxt_failed;

static void xxt_check(const char *name, int got, int want)
{
	if (got != want)
		xxt_failed++;
	pr_info("xdp_xmit_test: %s %s: got %d want %d\n",
		got == want ? "ok" : "not ok", name, got, want);
}

/* A 60-byte broadcast frame of an unused EtherType, in its own page */
static struct xdp_frame *xxt_frame(struct net_device *dev)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	struct xdp_frame *xdpf;
	struct ethhdr *eth;

	if (!page)
		return NULL;
	xdpf = page_address(page);
	xdpf->headroom = XDP_PACKET_HEADROOM - sizeof(*xdpf);
	xdpf->data = page_address(page) + XDP_PACKET_HEADROOM;
	xdpf->len = ETH_ZLEN;
	xdpf->metasize = 0;
	xdpf->frame_sz = PAGE_SIZE;
	xdpf->flags = 0;
	xdpf->mem.type = MEM_TYPE_PAGE_ORDER0;
	xdpf->mem.id = 0;
	eth = xdpf->data;
	eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = htons(ETH_P_802_3_MIN + 1);	/* nobody's protocol */
	return xdpf;
}

#define XXT_SG_FRAMES	4
#define XXT_SG_FRAGS	2
#define XXT_SG_FRAG_LEN	1000

/* A frame of xxt_frame() with XXT_SG_FRAGS page frags appended */
static struct xdp_frame *xxt_sg_frame(struct net_device *dev)
{
	struct xdp_frame *xdpf = xxt_frame(dev);
	struct skb_shared_info *sinfo;
	int i;

	if (!xdpf)
		return NULL;
	sinfo = xdp_get_shared_info_from_frame(xdpf);
	sinfo->nr_frags = 0;
	sinfo->xdp_frags_size = 0;
	for (i = 0; i < XXT_SG_FRAGS; i++) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
		skb_frag_t *frag = &sinfo->frags[i];

		if (!page)
			break;
		neta_compat_frag_fill(frag, page, 0, XXT_SG_FRAG_LEN);
		sinfo->nr_frags++;
		sinfo->xdp_frags_size += XXT_SG_FRAG_LEN;
	}
	xdpf->flags |= XDP_FLAGS_HAS_FRAGS;
	if (sinfo->nr_frags < XXT_SG_FRAGS) {
		xdp_return_frame(xdpf);
		return NULL;
	}
	return xdpf;
}

static int xxt_xmit(struct net_device *dev, int n, struct xdp_frame **f,
		    u32 flags)
{
	int ret;

	/* ndo_xdp_xmit runs from the devmap flush: softirq, RCU */
	local_bh_disable();
	rcu_read_lock();
	ret = dev->netdev_ops->ndo_xdp_xmit(dev, n, f, flags);
	rcu_read_unlock();
	local_bh_enable();
	return ret;
}

static void xxt_free(struct xdp_frame **f, int from, int n)
{
	for (; from < n; from++)
		put_page(virt_to_page(f[from]));
}

static int xxt_run(struct net_device *dev, struct net_device *down)
{
	struct xdp_frame *f[XXT_MAX];
	int n = clamp_t(int, frames, 1, XXT_MAX), i, ret;

	for (i = 0; i < n; i++) {
		f[i] = xxt_frame(dev);
		if (!f[i]) {
			xxt_free(f, 0, i);
			return -ENOMEM;
		}
	}

	if (send_only) {
		ret = xxt_xmit(dev, n, f, flush ? XDP_XMIT_FLUSH : 0);
		xxt_check("frames queued", ret, n);
		xxt_free(f, ret < 0 ? 0 : ret, n);
		return 0;
	}

	ret = xxt_xmit(dev, n, f, ~XDP_XMIT_FLAGS_MASK);
	xxt_check("unknown flags refused", ret, -EINVAL);
	ret = xxt_xmit(dev, n, f, XDP_XMIT_FLUSH | BIT(1));
	xxt_check("XDP_XMIT_FLUSH with an unknown flag refused", ret, -EINVAL);

	if (down) {
		ret = xxt_xmit(down, n, f, XDP_XMIT_FLUSH);
		xxt_check("device down", ret, -ENETDOWN);
	}

	ret = xxt_xmit(dev, n, f, XDP_XMIT_FLUSH);
	xxt_check("valid frames with XDP_XMIT_FLUSH queued", ret, n);
	/* frames not queued are the caller's to free */
	xxt_free(f, ret < 0 ? 0 : ret, n);

	for (i = 0; i < XXT_SG_FRAMES; i++) {
		f[i] = xxt_sg_frame(dev);
		if (!f[i]) {
			for (n = 0; n < i; n++)
				xdp_return_frame(f[n]);
			return -ENOMEM;
		}
	}
	ret = xxt_xmit(dev, XXT_SG_FRAMES, f, XDP_XMIT_FLUSH);
	xxt_check("multi-buffer frames with XDP_XMIT_FLUSH queued", ret,
		  XXT_SG_FRAMES);
	for (i = ret < 0 ? 0 : ret; i < XXT_SG_FRAMES; i++)
		xdp_return_frame(f[i]);
	return 0;
}

static int __init xxt_init(void)
{
	struct net_device *dev, *down = NULL;
	int err;

	if (!ifname)
		return -EINVAL;
	dev = dev_get_by_name(&init_net, ifname);
	if (!dev)
		return -ENODEV;
	if (ifname_down)
		down = dev_get_by_name(&init_net, ifname_down);
	err = -EOPNOTSUPP;
	if (tx_timeout) {
		if (dev->netdev_ops->ndo_tx_timeout) {
			netif_tx_lock_bh(dev);
			dev->netdev_ops->ndo_tx_timeout(dev, 0);
			netif_tx_unlock_bh(dev);
			err = 0;
		}
	} else if (dev->netdev_ops->ndo_xdp_xmit &&
	    (!down || down->netdev_ops->ndo_xdp_xmit == dev->netdev_ops->ndo_xdp_xmit))
		err = xxt_run(dev, down);
	if (down)
		dev_put(down);
	dev_put(dev);
	if (err)
		return err;
	return xxt_failed ? -EINVAL : 0;
}
module_init(xxt_init);

static void __exit xxt_exit(void)
{
}
module_exit(xxt_exit);

MODULE_DESCRIPTION("Calls ndo_xdp_xmit with bad flags, on a down device and with valid frames");
MODULE_LICENSE("GPL");
