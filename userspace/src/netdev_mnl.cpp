// SPDX-License-Identifier: GPL-2.0-only
/* NetdevFamily over a libmnl NETLINK_GENERIC socket. */
#include "netdev_family.hpp"

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <ctime>

namespace xdpctl {

namespace {

/* include/uapi/linux/netdev.h */
constexpr uint16_t kDevIfindex = 1;
constexpr uint16_t kQstatsIfindex = 1, kQstatsScope = 4;
constexpr uint32_t kQstatsScopeQueue = 1;

struct MnlSocketCloser {
	void operator()(mnl_socket *s) const { mnl_socket_close(s); }
};

class MnlNetdevFamily final : public NetdevFamily {
public:
	int xdp_features(int ifindex, uint64_t &out) override
	{
		std::vector<GenlMsg> msgs;
		GenlReqAttr a{kDevIfindex, static_cast<uint32_t>(ifindex), {}};
		if (int ret = call(kNetdevCmdDevGet, false, {&a, 1}, msgs))
			return ret;
		if (msgs.empty())
			return -EBADMSG;
		return netdev_dev_features(msgs[0], out);
	}

	int pools(int ifindex, std::vector<NetdevPool> &out) override
	{
		std::vector<GenlMsg> msgs;
		out.clear();
		if (int ret = call(kNetdevCmdPagePoolGet, true, {}, msgs))
			return ret;
		for (const auto &m : msgs) {
			NetdevPool p;
			int dev;
			if (int ret = netdev_pool(m, dev, p))
				return ret;
			if (dev == ifindex)
				out.push_back(std::move(p));
		}
		/* page-pool-stats-get exists only with PAGE_POOL_STATS */
		int ret = call(kNetdevCmdPagePoolStatsGet, true, {}, msgs);
		if (ret == -EOPNOTSUPP)
			return 0;
		if (ret)
			return ret;
		for (const auto &m : msgs) {
			uint64_t id;
			NamedCounters c;
			if (int err = netdev_pool_stats(m, id, c))
				return err;
			for (auto &p : out) {
				if (p.id == id) {
					p.has_stats = true;
					p.stats = c;
				}
			}
		}
		return 0;
	}

	int qstats(int ifindex, std::vector<NetdevQueueStats> &out) override
	{
		std::vector<GenlMsg> msgs;
		GenlReqAttr a[] = {
			{kQstatsIfindex, static_cast<uint32_t>(ifindex), {}},
			{kQstatsScope, kQstatsScopeQueue, {}},
		};
		out.clear();
		if (int ret = call(kNetdevCmdQstatsGet, true, a, msgs))
			return ret;
		for (const auto &m : msgs) {
			NetdevQueueStats q;
			if (int ret = netdev_queue_stats(m, q))
				return ret;
			out.push_back(std::move(q));
		}
		std::stable_sort(out.begin(), out.end(),
				 [](const auto &x, const auto &y) {
					 return x.rx != y.rx ? x.rx : x.id < y.id;
				 });
		return 0;
	}

private:
	int open()
	{
		if (sock_)
			return family_ ? 0 : -EOPNOTSUPP;
		std::unique_ptr<mnl_socket, MnlSocketCloser> s(
			mnl_socket_open(NETLINK_GENERIC));
		if (!s)
			return -errno;
		if (mnl_socket_bind(s.get(), 0, MNL_SOCKET_AUTOPID) < 0)
			return -errno;
		sock_ = std::move(s);
		GenlReqAttr name{CTRL_ATTR_FAMILY_NAME, 0, "netdev"};
		std::vector<GenlMsg> msgs;
		int ret = transact(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, false,
				   {&name, 1}, msgs);
		/* no such family: Linux before 6.3 */
		if (ret == -ENOENT || (!ret && msgs.empty()))
			return -EOPNOTSUPP;
		if (ret)
			return ret;
		uint16_t id;
		if ((ret = netdev_family_info(msgs[0], id, ops_)))
			return ret;
		family_ = id;
		return 0;
	}

	int call(uint8_t cmd, bool dump, std::span<const GenlReqAttr> attrs,
		 std::vector<GenlMsg> &msgs)
	{
		if (int ret = open())
			return ret;
		if (std::find(ops_.begin(), ops_.end(), cmd) == ops_.end())
			return -EOPNOTSUPP;
		return transact(family_, cmd, dump, attrs, msgs);
	}

	int transact(uint16_t family, uint8_t cmd, bool dump,
		     std::span<const GenlReqAttr> attrs,
		     std::vector<GenlMsg> &msgs)
	{
		alignas(nlmsghdr) uint8_t buf[256];
		if (!seq_)
			seq_ = static_cast<uint32_t>(time(nullptr));
		uint32_t seq = ++seq_;
		size_t len = build_genl_request(buf, family, cmd, seq, dump,
						attrs);
		if (!len)
			return -EMSGSIZE;
		if (mnl_socket_sendto(sock_.get(), buf, len) < 0)
			return -errno;
		GenlReply r;
		r.dump = dump;
		std::vector<uint32_t> rx(65536 / 4);
		while (!r.done) {
			ssize_t n = mnl_socket_recvfrom(sock_.get(), rx.data(),
							rx.size() * 4);
			if (n < 0)
				return -errno;
			int ret = parse_genl_reply(
				{reinterpret_cast<uint8_t *>(rx.data()),
				 static_cast<size_t>(n)}, seq, r);
			if (ret)
				return ret;
		}
		msgs = std::move(r.msgs);
		return r.error;
	}

	std::unique_ptr<mnl_socket, MnlSocketCloser> sock_;
	uint16_t family_ = 0;
	std::vector<uint32_t> ops_;
	uint32_t seq_ = 0;
};

} // namespace

std::unique_ptr<NetdevFamily> make_mnl_netdev_family()
{
	return std::make_unique<MnlNetdevFamily>();
}

} // namespace xdpctl
