// SPDX-License-Identifier: GPL-2.0-only
/*
 * Messages of the netdev generic netlink family: built and parsed on
 * caller-provided bytes, no sockets (netdev_mnl.cpp sends them).
 */
#include "netdev_family.hpp"

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <cerrno>
#include <cstring>

namespace xdpctl {

namespace {

/* include/uapi/linux/netdev.h (6.12); the names are the spec's */
constexpr uint16_t kDevXdpFeatures = 3;
constexpr uint16_t kPoolId = 1, kPoolIfindex = 2, kPoolNapiId = 3,
		   kPoolInflight = 4, kPoolInflightMem = 5;
constexpr uint16_t kPoolStatsInfo = 1;
constexpr uint16_t kQstatsType = 2, kQstatsQueueId = 3;

constexpr const char *kXdpAct[] = {
	"basic", "redirect", "ndo-xmit", "xsk-zerocopy", "hw-offload",
	"rx-sg", "ndo-xmit-sg",
};

/* page-pool-stats-get counters, attribute 8 onwards */
constexpr const char *kPoolStatNames[] = {
	"alloc-fast", "alloc-slow", "alloc-slow-high-order", "alloc-empty",
	"alloc-refill", "alloc-waive", "recycle-cached", "recycle-cache-full",
	"recycle-ring", "recycle-ring-full", "recycle-released-refcnt",
};

/* qstats-get counters, attribute 8 onwards */
constexpr const char *kQstatNames[] = {
	"rx-packets", "rx-bytes", "tx-packets", "tx-bytes", "rx-alloc-fail",
	"rx-hw-drops", "rx-hw-drop-overruns", "rx-csum-complete",
	"rx-csum-unnecessary", "rx-csum-none", "rx-csum-bad",
	"rx-hw-gro-packets", "rx-hw-gro-bytes", "rx-hw-gro-wire-packets",
	"rx-hw-gro-wire-bytes", "rx-hw-drop-ratelimits", "tx-hw-drops",
	"tx-hw-drop-errors", "tx-csum-none", "tx-needs-csum",
	"tx-hw-gso-packets", "tx-hw-gso-bytes", "tx-hw-gso-wire-packets",
	"tx-hw-gso-wire-bytes", "tx-hw-drop-ratelimits", "tx-stop", "tx-wake",
};
constexpr uint16_t kCountersFrom = 8;

/* a netlink "uint": 4 or 8 bytes */
bool get_uint(const std::vector<uint8_t> &d, uint64_t &v)
{
	if (d.size() == 4) {
		uint32_t x;
		std::memcpy(&x, d.data(), 4);
		v = x;
		return true;
	}
	if (d.size() == 8) {
		std::memcpy(&v, d.data(), 8);
		return true;
	}
	return false;
}

const std::vector<uint8_t> *find(const GenlMsg &m, uint16_t type)
{
	for (const auto &a : m)
		if (a.type == type)
			return &a.data;
	return nullptr;
}

/* the attributes of @len bytes at @p; false when malformed */
bool split_attrs(const uint8_t *p, size_t len, GenlMsg &out)
{
	while (len >= sizeof(nlattr)) {
		nlattr a;
		std::memcpy(&a, p, sizeof(a));
		if (a.nla_len < sizeof(nlattr) || a.nla_len > len)
			return false;
		out.push_back({static_cast<uint16_t>(a.nla_type & NLA_TYPE_MASK),
			       std::vector<uint8_t>(p + sizeof(nlattr),
						    p + a.nla_len)});
		size_t step = MNL_ALIGN(a.nla_len);
		if (step >= len)
			return true;
		p += step;
		len -= step;
	}
	return len == 0;
}

} // namespace

std::string xdp_features_text(uint64_t features)
{
	std::string s;
	for (size_t i = 0; i < 64; i++) {
		if (!(features & (1ULL << i)))
			continue;
		if (!s.empty())
			s += ' ';
		s += i < std::size(kXdpAct) ? kXdpAct[i] :
			"bit" + std::to_string(i);
	}
	return s.empty() ? "none" : s;
}

size_t build_genl_request(std::span<uint8_t> buf, uint16_t family,
			  uint8_t cmd, uint32_t seq, bool dump,
			  std::span<const GenlReqAttr> attrs)
{
	size_t need = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(genlmsghdr));
	for (const auto &a : attrs)
		need += MNL_ATTR_HDRLEN +
			MNL_ALIGN(a.str.empty() ? 4 : a.str.size() + 1);
	if (buf.size() < need)
		return 0;
	std::memset(buf.data(), 0, need);
	nlmsghdr *nlh = mnl_nlmsg_put_header(buf.data());
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | (dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = seq;
	auto *g = static_cast<genlmsghdr *>(
		mnl_nlmsg_put_extra_header(nlh, sizeof(genlmsghdr)));
	g->cmd = cmd;
	g->version = 1;
	for (const auto &a : attrs) {
		if (a.str.empty())
			mnl_attr_put_u32(nlh, a.type, a.u32);
		else
			mnl_attr_put_strz(nlh, a.type, a.str.c_str());
	}
	return nlh->nlmsg_len;
}

int parse_genl_reply(std::span<const uint8_t> buf, uint32_t seq,
		     GenlReply &r)
{
	const uint8_t *p = buf.data();
	size_t len = buf.size();
	while (len >= sizeof(nlmsghdr) && !r.done) {
		nlmsghdr h;
		std::memcpy(&h, p, sizeof(h));
		if (h.nlmsg_len < sizeof(nlmsghdr) || h.nlmsg_len > len)
			return -EBADMSG;
		size_t body = h.nlmsg_len - sizeof(nlmsghdr);
		const uint8_t *b = p + sizeof(nlmsghdr);
		if (h.nlmsg_seq != seq) {
			/* not ours */
		} else if (h.nlmsg_type == NLMSG_ERROR) {
			int err;
			if (body < sizeof(err))
				return -EBADMSG;
			std::memcpy(&err, b, sizeof(err));
			r.error = err;
			r.done = true;
		} else if (h.nlmsg_type == NLMSG_DONE) {
			int err = 0;
			if (body >= sizeof(err))
				std::memcpy(&err, b, sizeof(err));
			r.error = err;
			r.done = true;
		} else if (h.nlmsg_type >= NLMSG_MIN_TYPE) {
			if (body < sizeof(genlmsghdr))
				return -EBADMSG;
			GenlMsg m;
			if (!split_attrs(b + MNL_ALIGN(sizeof(genlmsghdr)),
					 body - MNL_ALIGN(sizeof(genlmsghdr)), m))
				return -EBADMSG;
			r.msgs.push_back(std::move(m));
			if (!r.dump)
				r.done = true;
		}
		size_t step = MNL_ALIGN(h.nlmsg_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return 0;
}

int netdev_family_info(const GenlMsg &m, uint16_t &id,
		       std::vector<uint32_t> &ops)
{
	const auto *fid = find(m, CTRL_ATTR_FAMILY_ID);
	if (!fid || fid->size() != 2)
		return -EBADMSG;
	std::memcpy(&id, fid->data(), 2);
	ops.clear();
	if (const auto *o = find(m, CTRL_ATTR_OPS)) {
		GenlMsg list;
		if (!split_attrs(o->data(), o->size(), list))
			return -EBADMSG;
		for (const auto &op : list) {
			GenlMsg f;
			uint64_t v;
			if (!split_attrs(op.data.data(), op.data.size(), f))
				return -EBADMSG;
			const auto *oid = find(f, CTRL_ATTR_OP_ID);
			if (!oid || !get_uint(*oid, v))
				return -EBADMSG;
			ops.push_back(static_cast<uint32_t>(v));
		}
	}
	return 0;
}

int netdev_dev_features(const GenlMsg &m, uint64_t &features)
{
	const auto *f = find(m, kDevXdpFeatures);
	return f && get_uint(*f, features) ? 0 : -EBADMSG;
}

int netdev_pool(const GenlMsg &m, int &ifindex, NetdevPool &out)
{
	uint64_t v = 0;
	const auto *id = find(m, kPoolId);
	if (!id || !get_uint(*id, out.id))
		return -EBADMSG;
	ifindex = 0;
	if (const auto *d = find(m, kPoolIfindex)) {
		if (!get_uint(*d, v))
			return -EBADMSG;
		ifindex = static_cast<int>(v);
	}
	out.napi_id = 0;
	if (const auto *d = find(m, kPoolNapiId)) {
		if (!get_uint(*d, v))
			return -EBADMSG;
		out.napi_id = static_cast<uint32_t>(v);
	}
	const auto *in = find(m, kPoolInflight);
	const auto *mem = find(m, kPoolInflightMem);
	out.inflight = out.inflight_mem = 0;
	if ((in && !get_uint(*in, out.inflight)) ||
	    (mem && !get_uint(*mem, out.inflight_mem)))
		return -EBADMSG;
	return 0;
}

int netdev_pool_stats(const GenlMsg &m, uint64_t &id, NamedCounters &out)
{
	const auto *info = find(m, kPoolStatsInfo);
	GenlMsg inner;
	if (!info || !split_attrs(info->data(), info->size(), inner))
		return -EBADMSG;
	const auto *pid = find(inner, kPoolId);
	if (!pid || !get_uint(*pid, id))
		return -EBADMSG;
	out.clear();
	for (const auto &a : m) {
		size_t i = a.type - kCountersFrom;
		uint64_t v;
		if (a.type < kCountersFrom || i >= std::size(kPoolStatNames))
			continue;
		if (!get_uint(a.data, v))
			return -EBADMSG;
		out.push_back({kPoolStatNames[i], v});
	}
	return 0;
}

int netdev_queue_stats(const GenlMsg &m, NetdevQueueStats &out)
{
	uint64_t type, qid;
	const auto *t = find(m, kQstatsType);
	const auto *q = find(m, kQstatsQueueId);
	if (!t || !q || !get_uint(*t, type) || !get_uint(*q, qid) || type > 1)
		return -EBADMSG;
	out.rx = type == 0;
	out.id = static_cast<uint32_t>(qid);
	out.counters.clear();
	std::string prefix = out.rx ? "rx-" : "tx-";
	for (const auto &a : m) {
		size_t i = a.type - kCountersFrom;
		uint64_t v;
		if (a.type < kCountersFrom || i >= std::size(kQstatNames))
			continue;
		if (!get_uint(a.data, v))
			return -EBADMSG;
		std::string name = kQstatNames[i];
		/* per queue: the name without the queue type */
		if (name.rfind(prefix, 0) == 0)
			name.erase(0, prefix.size());
		out.counters.push_back({name, v});
	}
	return 0;
}

} // namespace xdpctl
