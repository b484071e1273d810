// SPDX-License-Identifier: GPL-2.0-only
/*
 * xsk_tool: an AF_XDP socket for the tests and benchmarks (libxdp's xsk API).
 *
 *   xsk_tool MODE IFNAME QUEUE [-z|-c] [-n COUNT] [-s SIZE] [-d SECS]
 *            [-i IDLE_MS] [-D DST_MAC] [-p] [-B BAD] [-E EMPTY_MS]
 *
 * MODE
 *   rxdrop  receive and give every frame straight back to the fill ring
 *   txonly  send COUNT frames of SIZE bytes (UDP, destination DST_MAC)
 *   l2fwd   send every received frame back out, source and destination
 *           MACs swapped
 * -z / -c   bind in zero-copy (XDP_ZEROCOPY) or copy mode (XDP_COPY, the
 *           default); a driver that cannot do zero-copy on that queue makes
 *           -z fail with the kernel's error, never a silent copy mode
 * -n COUNT  rxdrop/l2fwd: stop after COUNT frames; txonly: frames to send
 *           (0: until -d)
 * -s SIZE   txonly frame size without FCS (60..FRAME_SIZE, default 60)
 * -d SECS   stop after SECS seconds (default: none)
 * -i IDLE   rxdrop/l2fwd: stop when no frame came for IDLE ms (default
 *           3000; before the first frame at least 60 s); txonly: stop when
 *           no frame completed for IDLE ms
 * -D MAC    txonly destination MAC (default ff:ff:ff:ff:ff:ff)
 * -p        let libxdp load its own XDP program; by default the socket goes
 *           into the "xsks_map" of the program already attached to IFNAME
 * -B BAD    txonly: first put BAD invalid descriptors on the TX ring, every
 *           other one with an address past the umem's end, the others with
 *           a length over a umem frame; the kernel must refuse each
 *           (sock_tx_invalid), never send or complete it. COUNT and the
 *           counts printed are the valid frames only
 * -E MS     rxdrop/l2fwd: leave the fill ring empty for MS ms after the
 *           bind, then fill it and print "filled" (a driver must wait
 *           without spinning)
 *
 * Prints "ready" once bound, then one line at the end:
 *   MODE rx N rx_bytes B tx N tx_completed N secs S pps P sock_rx_dropped N
 *   sock_rx_ring_full N sock_fill_empty N sock_tx_invalid N
 * (the sock_ fields: the socket's XDP_STATISTICS, frames it could not take)
 * (rxdrop, l2fwd: secs from the first frame received to the last, pps the
 * frames received in that time; txonly: the whole run, frames completed)
 * When the device goes away under a bound socket (its driver unloaded), the
 * socket reports the error (SO_ERROR, ENETDOWN): rxdrop and l2fwd stop at
 * once and say "device gone" on stderr after the line above.
 * Exit status: 0; 1 with one line on stderr; 2 for a usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_xdp.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <xdp/xsk.h>

#include "xdp_attached_map.h"

#define NUM_FRAMES	8192
#define FRAME_SIZE	XSK_UMEM__DEFAULT_FRAME_SIZE
#define RING_SIZE	4096
#define BATCH		64

enum mode { RXDROP, TXONLY, L2FWD };
static const char *const mode_names[] = { "rxdrop", "txonly", "l2fwd" };

struct opts {
	enum mode mode;
	const char *ifname;
	__u32 queue;
	bool zerocopy;
	bool own_prog;
	unsigned long long count;
	unsigned int size;
	double secs;
	long long idle_ms;
	unsigned char dst[ETH_ALEN];
	unsigned int bad;
	long long empty_ms;
};

struct xsk {
	struct xsk_ring_prod fill, tx;
	struct xsk_ring_cons comp, rx;
	struct xsk_umem *umem;
	struct xsk_socket *sock;
	void *area;
	/* frames not on any ring, owned by this program (txonly, l2fwd) */
	__u64 free[NUM_FRAMES];
	__u32 nfree;
	unsigned long long n_rx, n_rx_bytes, n_tx, n_tx_done;
	__u32 tx_pending;	/* on the TX ring, not completed yet */
	__u32 bad_left;		/* invalid descriptors still to put on it */
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "xsk_tool: %s: %s\n", what, strerror(err < 0 ? -err : err));
	return 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_mac(const char *s, unsigned char *mac)
{
	unsigned int b[ETH_ALEN];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != ETH_ALEN)
		return -EINVAL;
	for (i = 0; i < ETH_ALEN; i++) {
		if (b[i] > 0xff)
			return -EINVAL;
		mac[i] = b[i];
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: xsk_tool rxdrop|txonly|l2fwd IFNAME QUEUE [-z|-c] "
		"[-n COUNT] [-s SIZE] [-d SECS] [-i IDLE_MS] [-D DST_MAC] [-p] "
		"[-B BAD] [-E EMPTY_MS]\n");
	return 2;
}

static int parse(int argc, char **argv, struct opts *o)
{
	char *end;
	int c, m;

	memset(o, 0, sizeof(*o));
	o->size = 60;
	o->idle_ms = 3000;
	memset(o->dst, 0xff, ETH_ALEN);
	if (argc < 4)
		return usage();
	for (m = 0; m < 3 && strcmp(argv[1], mode_names[m]); m++)
		;
	if (m == 3)
		return usage();
	o->mode = m;
	o->ifname = argv[2];
	o->queue = strtoul(argv[3], &end, 0);
	if (*end)
		return usage();
	optind = 4;
	while ((c = getopt(argc, argv, "zcn:s:d:i:D:pB:E:")) != -1) {
		switch (c) {
		case 'z':
			o->zerocopy = true;
			break;
		case 'c':
			o->zerocopy = false;
			break;
		case 'n':
			o->count = strtoull(optarg, &end, 0);
			if (*end)
				return usage();
			break;
		case 's':
			o->size = strtoul(optarg, &end, 0);
			if (*end || o->size < 60 || o->size > FRAME_SIZE)
				return usage();
			break;
		case 'd':
			o->secs = strtod(optarg, &end);
			if (*end || o->secs < 0)
				return usage();
			break;
		case 'i':
			o->idle_ms = strtoll(optarg, &end, 0);
			if (*end || o->idle_ms <= 0)
				return usage();
			break;
		case 'D':
			if (parse_mac(optarg, o->dst))
				return usage();
			break;
		case 'p':
			o->own_prog = true;
			break;
		case 'B':
			o->bad = strtoul(optarg, &end, 0);
			if (*end || o->mode != TXONLY)
				return usage();
			break;
		case 'E':
			o->empty_ms = strtoll(optarg, &end, 0);
			if (*end || o->empty_ms < 0 || o->mode == TXONLY)
				return usage();
			break;
		default:
			return usage();
		}
	}
	if (optind != argc)
		return usage();
	if (o->mode == TXONLY && !o->count && !o->secs) {
		fprintf(stderr, "xsk_tool: txonly needs -n COUNT or -d SECS\n");
		return 2;
	}
	return 0;
}

static __u16 csum(const void *data, size_t len)
{
	const __u16 *p = data;
	__u32 sum = 0;

	for (; len > 1; len -= 2)
		sum += *p++;
	if (len)
		sum += *(const __u8 *)p;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

/* an Ethernet/IPv4/UDP frame of @size bytes to @dst from the port's MAC */
static int build_frame(unsigned char *buf, unsigned int size,
		       const unsigned char *dst, const char *ifname)
{
	struct ethhdr *eth = (struct ethhdr *)buf;
	struct iphdr *ip = (struct iphdr *)(eth + 1);
	struct udphdr *udp = (struct udphdr *)(ip + 1);
	struct ifreq ifr = {};
	int fd;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
		close(fd);
		return -errno;
	}
	close(fd);
	memset(buf, 0, size);
	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, ifr.ifr_hwaddr.sa_data, ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	ip->version = 4;
	ip->ihl = 5;
	ip->ttl = 64;
	ip->protocol = IPPROTO_UDP;
	ip->tot_len = htons(size - sizeof(*eth));
	ip->saddr = htonl(0xc6120001);	/* 198.18.0.1 */
	ip->daddr = htonl(0xc6120002);	/* 198.18.0.2 */
	ip->check = csum(ip, sizeof(*ip));
	udp->source = htons(9);
	udp->dest = htons(9);
	udp->len = htons(size - sizeof(*eth) - sizeof(*ip));
	return 0;
}

static void kick_tx(struct xsk *x)
{
	/* copy mode always transmits from sendto(); zero-copy when asked */
	sendto(xsk_socket__fd(x->sock), NULL, 0, MSG_DONTWAIT, NULL, 0);
}

static void complete_tx(struct xsk *x)
{
	__u32 idx, n, i;

	n = xsk_ring_cons__peek(&x->comp, BATCH, &idx);
	for (i = 0; i < n; i++)
		x->free[x->nfree++] = *xsk_ring_cons__comp_addr(&x->comp, idx + i);
	xsk_ring_cons__release(&x->comp, n);
	x->n_tx_done += n;
	x->tx_pending -= n;
}

/* put @n frames from the free list on the fill ring */
static void fill(struct xsk *x, __u32 n)
{
	__u32 idx, i;

	n = xsk_prod_nb_free(&x->fill, n) < n ? xsk_prod_nb_free(&x->fill, n) : n;
	n = xsk_ring_prod__reserve(&x->fill, n, &idx);
	for (i = 0; i < n; i++)
		*xsk_ring_prod__fill_addr(&x->fill, idx + i) = x->free[--x->nfree];
	xsk_ring_prod__submit(&x->fill, n);
}

/*
 * invalid descriptors first (-B): past the umem's end, or longer than a
 * frame; no frame of the umem is given away for them
 */
static void send_bad(struct xsk *x)
{
	__u32 idx = 0, n, i;

	n = xsk_ring_prod__reserve(&x->tx, x->bad_left < BATCH ? x->bad_left : BATCH, &idx);
	for (i = 0; i < n; i++) {
		struct xdp_desc *d = xsk_ring_prod__tx_desc(&x->tx, idx + i);

		if ((x->bad_left - i) % 2) {
			d->addr = (__u64)NUM_FRAMES * FRAME_SIZE;
			d->len = 60;
		} else {
			d->addr = 0;
			d->len = FRAME_SIZE + 1;
		}
	}
	xsk_ring_prod__submit(&x->tx, n);
	x->bad_left -= n;
}

static void send_frames(struct xsk *x, const struct opts *o)
{
	__u32 idx, n, i;

	if (x->bad_left) {
		send_bad(x);
		return;
	}
	n = x->nfree < BATCH ? x->nfree : BATCH;
	if (o->count && x->n_tx + n > o->count)
		n = o->count - x->n_tx;
	n = xsk_ring_prod__reserve(&x->tx, n, &idx);
	for (i = 0; i < n; i++) {
		struct xdp_desc *d = xsk_ring_prod__tx_desc(&x->tx, idx + i);

		d->addr = x->free[--x->nfree];
		d->len = o->size;
	}
	xsk_ring_prod__submit(&x->tx, n);
	x->n_tx += n;
	x->tx_pending += n;
}

/* rxdrop and l2fwd: take what came in */
static __u32 receive(struct xsk *x, const struct opts *o)
{
	__u32 idx, tidx = 0, n, i;

	n = xsk_ring_cons__peek(&x->rx, BATCH, &idx);
	if (!n)
		return 0;
	if (o->mode == L2FWD) {
		while (xsk_ring_prod__reserve(&x->tx, n, &tidx) != n) {
			complete_tx(x);
			kick_tx(x);
		}
	}
	for (i = 0; i < n; i++) {
		const struct xdp_desc *d = xsk_ring_cons__rx_desc(&x->rx, idx + i);
		__u64 addr = xsk_umem__extract_addr(d->addr);

		x->n_rx_bytes += d->len;
		if (o->mode == L2FWD) {
			unsigned char *eth = xsk_umem__get_data(x->area, d->addr);
			unsigned char tmp[ETH_ALEN];
			struct xdp_desc *t = xsk_ring_prod__tx_desc(&x->tx, tidx + i);

			memcpy(tmp, eth, ETH_ALEN);
			memcpy(eth, eth + ETH_ALEN, ETH_ALEN);
			memcpy(eth + ETH_ALEN, tmp, ETH_ALEN);
			t->addr = d->addr;
			t->len = d->len;
		} else {
			x->free[x->nfree++] = addr;
		}
	}
	xsk_ring_cons__release(&x->rx, n);
	x->n_rx += n;
	if (o->mode == L2FWD) {
		xsk_ring_prod__submit(&x->tx, n);
		x->n_tx += n;
		x->tx_pending += n;
	}
	return n;
}

static int setup(struct xsk *x, const struct opts *o)
{
	struct xsk_umem_config ucfg = {
		.fill_size = RING_SIZE,
		.comp_size = RING_SIZE,
		.frame_size = FRAME_SIZE,
	};
	struct xsk_socket_config cfg = {
		.rx_size = RING_SIZE,
		.tx_size = RING_SIZE,
		.xdp_flags = XDP_FLAGS_DRV_MODE,
		.bind_flags = (o->zerocopy ? XDP_ZEROCOPY : XDP_COPY) |
			      XDP_USE_NEED_WAKEUP,
	};
	int err, map_fd = -1, ifindex;
	__u32 i;

	ifindex = if_nametoindex(o->ifname);
	if (!ifindex)
		return fail(o->ifname, errno);
	if (!o->own_prog) {
		cfg.libxdp_flags = XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD;
		if (o->mode != TXONLY) {
			map_fd = xdp_map_fd(ifindex, "xsks_map");
			if (map_fd < 0)
				return fail("xsks_map of the attached program", map_fd);
		}
	}
	x->area = mmap(NULL, (size_t)NUM_FRAMES * FRAME_SIZE,
		       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (x->area == MAP_FAILED)
		return fail("mmap", errno);
	err = xsk_umem__create(&x->umem, x->area, (size_t)NUM_FRAMES * FRAME_SIZE,
			       &x->fill, &x->comp, &ucfg);
	if (err)
		return fail("xsk_umem__create", err);
	err = xsk_socket__create(&x->sock, o->ifname, o->queue, x->umem,
				 &x->rx, &x->tx, &cfg);
	if (err)
		return fail(o->zerocopy ? "bind in zero-copy mode" :
			    "bind in copy mode", err);
	if (map_fd >= 0) {
		err = xsk_socket__update_xskmap(x->sock, map_fd);
		close(map_fd);
		if (err)
			return fail("xsks_map update", err);
	}
	for (i = 0; i < NUM_FRAMES; i++)
		x->free[x->nfree++] = (__u64)(NUM_FRAMES - 1 - i) * FRAME_SIZE;
	if (o->mode == TXONLY) {
		for (i = 0; i < NUM_FRAMES; i++) {
			err = build_frame((unsigned char *)x->area + (size_t)i * FRAME_SIZE,
					  o->size, o->dst, o->ifname);
			if (err)
				return fail("source MAC of the port", err);
		}
		x->bad_left = o->bad;
	} else if (!o->empty_ms) {
		/* half the umem to the fill ring, the rest for l2fwd's TX */
		fill(x, NUM_FRAMES / 2);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct xsk x;
	double t0, t_end, last, first = 0, secs;
	int sock_err = 0;
	bool filled;
	struct xdp_statistics st = {};
	socklen_t stlen = sizeof(st);
	struct opts o;
	int err;

	err = parse(argc, argv, &o);
	if (err)
		return err;
	if (setup(&x, &o))
		return 1;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	printf("ready\n");
	fflush(stdout);

	t0 = last = now();
	t_end = o.secs ? t0 + o.secs : 0;
	filled = o.mode == TXONLY || !o.empty_ms;
	while (!stop && (!t_end || now() < t_end)) {
		struct pollfd pfd = { .fd = xsk_socket__fd(x.sock), .events = POLLIN };

		if (o.mode == TXONLY) {
			unsigned long long done = x.n_tx_done;

			complete_tx(&x);
			if (o.count && x.n_tx_done == o.count)
				break;
			if (x.n_tx_done != done)
				last = now();
			/* completions stopped: say so with the counts, never hang */
			else if ((now() - last) * 1000 >= o.idle_ms)
				break;
			if (!o.count || x.n_tx < o.count)
				send_frames(&x, &o);
			/*
			 * copy mode sends at most 32 descriptors per sendto():
			 * kick while any wait on the ring
			 */
			if (x.tx_pending &&
			    (!o.zerocopy || xsk_ring_prod__needs_wakeup(&x.tx)))
				kick_tx(&x);
			continue;
		}
		if (!filled) {
			if ((now() - t0) * 1000 < o.empty_ms) {
				usleep(10000);
				continue;
			}
			fill(&x, NUM_FRAMES / 2);
			filled = true;
			last = now();
			printf("filled\n");
			fflush(stdout);
		}
		if (o.mode == L2FWD) {
			complete_tx(&x);
			if (x.tx_pending)
				kick_tx(&x);
			if (x.nfree)
				fill(&x, x.nfree);
		}
		if (xsk_ring_prod__needs_wakeup(&x.fill))
			poll(&pfd, 1, 100);
		if (receive(&x, &o)) {
			last = now();
			if (!first)
				first = last;
			if (o.mode == RXDROP)
				fill(&x, x.nfree);
			if (o.count && x.n_rx >= o.count)
				break;
		} else {
			socklen_t len = sizeof(sock_err);

			if (o.mode == RXDROP)
				poll(&pfd, 1, 10);
			/* idle: has the device gone away under the socket? */
			if (!getsockopt(pfd.fd, SOL_SOCKET, SO_ERROR, &sock_err, &len) &&
			    sock_err)
				break;
		}
		if ((now() - last) * 1000 >= (x.n_rx || o.idle_ms > 60000 ? o.idle_ms : 60000))
			break;
	}
	/* l2fwd: what was forwarded goes out before the count is printed */
	for (int i = 0; i < 300 && x.tx_pending; i++) {
		complete_tx(&x);
		if (x.tx_pending) {
			kick_tx(&x);
			usleep(10000);
		}
	}
	/* received: from the first frame to the last; sent: the whole run */
	secs = o.mode == TXONLY ? now() - t0 : last - first;
	if (getsockopt(xsk_socket__fd(x.sock), SOL_XDP, XDP_STATISTICS, &st, &stlen))
		return fail("XDP_STATISTICS", errno);
	printf("%s rx %llu rx_bytes %llu tx %llu tx_completed %llu secs %.3f pps %.0f "
	       "sock_rx_dropped %llu sock_rx_ring_full %llu sock_fill_empty %llu "
	       "sock_tx_invalid %llu\n",
	       mode_names[o.mode], x.n_rx, x.n_rx_bytes, x.n_tx, x.n_tx_done, secs,
	       (o.mode == TXONLY ? x.n_tx_done : x.n_rx) / (secs > 0 ? secs : 1),
	       (unsigned long long)st.rx_dropped, (unsigned long long)st.rx_ring_full,
	       (unsigned long long)st.rx_fill_ring_empty_descs,
	       (unsigned long long)st.tx_invalid_descs);
	xsk_socket__delete(x.sock);
	xsk_umem__delete(x.umem);
	if (sock_err) {
		fprintf(stderr, "xsk_tool: device gone: %s\n", strerror(sock_err));
		return 1;
	}
	return 0;
}
