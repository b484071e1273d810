/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The maps of the XDP program attached to a device, for the test tools that
 * join a program the case attached (an AF_XDP socket into its xsks_map).
 */
#ifndef XDP_ATTACHED_MAP_H
#define XDP_ATTACHED_MAP_H

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <linux/if_link.h>

/* fd of the map named @name of the XDP program attached to @ifindex */
static inline int xdp_map_fd(int ifindex, const char *name)
{
	struct bpf_prog_info pinfo = {};
	__u32 plen = sizeof(pinfo), prog_id = 0, ids[16], i;
	int pfd, err;

	err = bpf_xdp_query_id(ifindex, XDP_FLAGS_DRV_MODE, &prog_id);
	if (err)
		return err;
	if (!prog_id)
		return -ENOENT;
	pfd = bpf_prog_get_fd_by_id(prog_id);
	if (pfd < 0)
		return -errno;
	pinfo.nr_map_ids = 16;
	pinfo.map_ids = (__u64)(unsigned long)ids;
	err = bpf_obj_get_info_by_fd(pfd, &pinfo, &plen);
	close(pfd);
	if (err)
		return -errno;
	for (i = 0; i < pinfo.nr_map_ids && i < 16; i++) {
		struct bpf_map_info minfo = {};
		__u32 mlen = sizeof(minfo);
		int mfd = bpf_map_get_fd_by_id(ids[i]);

		if (mfd < 0)
			continue;
		if (!bpf_obj_get_info_by_fd(mfd, &minfo, &mlen) &&
		    !strcmp(minfo.name, name))
			return mfd;
		close(mfd);
	}
	return -ENOENT;
}

#endif /* XDP_ATTACHED_MAP_H */
