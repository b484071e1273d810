// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's "netdev" generic netlink family (Linux 6.3+, more commands
 * up to 6.10): a device's XDP features (dev-get), its kernel page pools
 * and their statistics (page-pool-get, page-pool-stats-get) and per-queue
 * counters (qstats-get). Messages are built and parsed here without a
 * socket (unit tests drive them); the commands use the small NetdevFamily
 * interface (real one over libmnl, a fake in tests).
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace xdpctl {

using NamedCounters = std::vector<std::pair<std::string, uint64_t>>;

/* One kernel page pool serving a device. */
struct NetdevPool {
	uint64_t id = 0;
	uint32_t napi_id = 0;		/* 0: not bound to a NAPI */
	uint64_t inflight = 0;		/* pages out of the page allocator */
	uint64_t inflight_mem = 0;	/* bytes */
	bool has_stats = false;		/* kernel with PAGE_POOL_STATS */
	NamedCounters stats;		/* "alloc-fast", ... as the spec names them */
};

/* Counters of one queue (qstats-get, queue scope). */
struct NetdevQueueStats {
	bool rx = true;
	uint32_t id = 0;
	NamedCounters counters;		/* "packets", "bytes", "alloc-fail", ... */
};

/* The kernel's netdev family, as the commands need it. Every call returns
 * 0 or a negative errno; -EOPNOTSUPP when the kernel has no netdev family
 * or not that command (Linux 6.1 has none).
 */
class NetdevFamily {
public:
	virtual ~NetdevFamily() = default;
	/* NETDEV_XDP_ACT_* bits of the device */
	virtual int xdp_features(int ifindex, uint64_t &out) = 0;
	/* the device's kernel page pools; stats filled where the kernel has
	 * page-pool-stats-get
	 */
	virtual int pools(int ifindex, std::vector<NetdevPool> &out) = 0;
	/* per-queue counters, RX queues first */
	virtual int qstats(int ifindex, std::vector<NetdevQueueStats> &out) = 0;
};

std::unique_ptr<NetdevFamily> make_mnl_netdev_family();

/* xdp_features_text - "basic redirect ndo-xmit ..." ("none" for 0) */
std::string xdp_features_text(uint64_t features);

/* --- socket-free message layer --- */

/* One top-level attribute of a reply. */
struct GenlAttr {
	uint16_t type;
	std::vector<uint8_t> data;
};
using GenlMsg = std::vector<GenlAttr>;

struct GenlReply {
	/* set by the caller: a dump ends only with NLMSG_DONE (the netdev
	 * family's dump messages do not all carry NLM_F_MULTI)
	 */
	bool dump = false;
	bool done = false;		/* ACK, error or NLMSG_DONE seen */
	int error = 0;			/* negative errno */
	std::vector<GenlMsg> msgs;	/* attributes after the genlmsghdr */
};

/* Request attributes: all this client sends are u32 or strings. */
struct GenlReqAttr {
	uint16_t type;
	uint32_t u32 = 0;
	std::string str;		/* non-empty: a NUL-terminated string */
};

/* build_genl_request - message length, 0 when @buf is too small */
size_t build_genl_request(std::span<uint8_t> buf, uint16_t family,
			  uint8_t cmd, uint32_t seq, bool dump,
			  std::span<const GenlReqAttr> attrs);

/* parse_genl_reply - one datagram of replies to @seq; 0 or -EBADMSG */
int parse_genl_reply(std::span<const uint8_t> buf, uint32_t seq,
		     GenlReply &r);

/* Interpreting replies (each returns 0 or -EBADMSG). */
/* CTRL_CMD_GETFAMILY: the family id and the commands it has */
int netdev_family_info(const GenlMsg &m, uint16_t &id,
		       std::vector<uint32_t> &ops);
int netdev_dev_features(const GenlMsg &m, uint64_t &features);
/* a pool of page-pool-get; @ifindex 0 when it serves no device */
int netdev_pool(const GenlMsg &m, int &ifindex, NetdevPool &out);
/* one page-pool-stats-get entry: the pool id and its counters */
int netdev_pool_stats(const GenlMsg &m, uint64_t &id, NamedCounters &out);
int netdev_queue_stats(const GenlMsg &m, NetdevQueueStats &out);

/* Commands of include/uapi/linux/netdev.h */
enum : uint8_t {
	kNetdevCmdDevGet = 1,
	kNetdevCmdPagePoolGet = 5,
	kNetdevCmdPagePoolStatsGet = 9,
	kNetdevCmdQstatsGet = 12,
};

} // namespace xdpctl
