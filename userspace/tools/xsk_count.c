// SPDX-License-Identifier: GPL-2.0-only
/*
 * xsk_count: count the frames an AF_XDP socket (copy mode) receives.
 *
 *   xsk_count IFNAME QUEUE IDLE_MS [zerocopy]
 *
 * Binds a socket to QUEUE of IFNAME in copy mode (XDP_COPY; with
 * "zerocopy": XDP_ZEROCOPY, which a driver without AF_XDP zero-copy must
 * refuse, so that is what a test asks it for), puts it in the
 * "xsks_map" of the XDP program already attached to IFNAME (no program is
 * loaded), prints "ready" once it can receive, then counts frames until none
 * came for IDLE_MS milliseconds (before the first frame: at least 60 s)
 * or until SIGTERM/SIGINT (then it takes what the RX ring holds), and
 * prints "received N bytes B". A test that knows when its traffic is over
 * stops it with SIGTERM instead of relying on a silence that a pause
 * between its steps could also make.
 * Exit status: 0, or 1 with one line on stderr.
 */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>
#include <linux/if_xdp.h>
#include <xdp/xsk.h>

#include "xdp_attached_map.h"

/* room for a whole test burst even if this process is not scheduled:
 * a frame the socket has no buffer for is a failed redirect in the driver
 */
#define NUM_FRAMES	32768
#define FRAME_SIZE	2048
#define BATCH		64

static int fail(const char *what, int err)
{
	fprintf(stderr, "xsk_count: %s: %s\n", what, strerror(err < 0 ? -err : err));
	return 1;
}

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

/* Take up to BATCH frames off the RX ring, their buffers back to the fill
 * ring; returns how many.
 */
static __u32 take(struct xsk_ring_cons *rx, struct xsk_ring_prod *fill,
		  unsigned long long *bytes)
{
	__u32 n, idx, fidx, i;

	n = xsk_ring_cons__peek(rx, BATCH, &idx);
	if (!n)
		return 0;
	while (xsk_ring_prod__reserve(fill, n, &fidx) != n)
		;
	for (i = 0; i < n; i++) {
		const struct xdp_desc *d = xsk_ring_cons__rx_desc(rx, idx + i);

		*bytes += d->len;
		*xsk_ring_prod__fill_addr(fill, fidx + i) =
			xsk_umem__extract_addr(d->addr);
	}
	xsk_ring_prod__submit(fill, n);
	xsk_ring_cons__release(rx, n);
	return n;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	struct xsk_umem_config ucfg = {
		.fill_size = NUM_FRAMES,
		.comp_size = XSK_RING_CONS__DEFAULT_NUM_DESCS,
		.frame_size = FRAME_SIZE,
		.frame_headroom = 0,
		.flags = 0,
	};
	struct xsk_socket_config cfg = {
		.rx_size = NUM_FRAMES,
		.tx_size = XSK_RING_PROD__DEFAULT_NUM_DESCS,
		.libxdp_flags = XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD,
		.xdp_flags = XDP_FLAGS_DRV_MODE,
		.bind_flags = XDP_COPY,
	};
	/* libxdp leaves the cached indexes of the fill ring as they are */
	struct xsk_ring_prod fill = {}, tx = {};
	struct xsk_ring_cons comp = {}, rx = {};
	unsigned long long count = 0, bytes = 0;
	struct xsk_umem *umem;
	struct xsk_socket *xsk;
	long long idle_ms, last;
	int ifindex, map_fd, err;
	__u32 queue, idx, i;
	void *area;

	if (argc == 5 && !strcmp(argv[4], "zerocopy")) {
		cfg.bind_flags = XDP_ZEROCOPY;
	} else if (argc != 4) {
		fprintf(stderr, "usage: xsk_count IFNAME QUEUE IDLE_MS [zerocopy]\n");
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex)
		return fail(argv[1], errno);
	queue = strtoul(argv[2], NULL, 0);
	idle_ms = strtoll(argv[3], NULL, 0);

	map_fd = xdp_map_fd(ifindex, "xsks_map");
	if (map_fd < 0)
		return fail("xsks_map of the attached program", map_fd);

	area = mmap(NULL, NUM_FRAMES * FRAME_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED)
		return fail("mmap", errno);
	err = xsk_umem__create(&umem, area, NUM_FRAMES * FRAME_SIZE, &fill,
			       &comp, &ucfg);
	if (err)
		return fail("xsk_umem__create", err);
	err = xsk_socket__create(&xsk, argv[1], queue, umem, &rx, &tx, &cfg);
	if (err)
		return fail(cfg.bind_flags == XDP_ZEROCOPY ?
			    "xsk_socket__create (zero-copy mode)" :
			    "xsk_socket__create (copy mode)", err);
	err = xsk_socket__update_xskmap(xsk, map_fd);
	if (err)
		return fail("xsks_map update", err);

	/* every frame of the umem to the fill ring */
	if (xsk_ring_prod__reserve(&fill, NUM_FRAMES, &idx) != NUM_FRAMES)
		return fail("fill ring", ENOSPC);
	for (i = 0; i < NUM_FRAMES; i++)
		*xsk_ring_prod__fill_addr(&fill, idx + i) = (__u64)i * FRAME_SIZE;
	xsk_ring_prod__submit(&fill, NUM_FRAMES);

	printf("ready\n");
	fflush(stdout);

	/*
	 * IDLE_MS counts from the last frame; before the first one, wait at
	 * least 60 s (a slow guest, e.g. arm64 under TCG, may take seconds
	 * to start the sender).
	 */
	signal(SIGTERM, on_stop);
	signal(SIGINT, on_stop);
	last = now_ms();
	while (!stop &&
	       now_ms() - last < (count || idle_ms > 60000 ? idle_ms : 60000)) {
		struct pollfd pfd = { .fd = xsk_socket__fd(xsk), .events = POLLIN };
		__u32 n;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = take(&rx, &fill, &bytes);
		if (!n)
			continue;
		count += n;
		last = now_ms();
	}
	if (stop) {
		__u32 n;

		while ((n = take(&rx, &fill, &bytes)))
			count += n;
	}

	printf("received %llu bytes %llu\n", count, bytes);
	xsk_socket__delete(xsk);
	xsk_umem__delete(umem);
	close(map_fd);
	return 0;
}
