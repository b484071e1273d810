// SPDX-License-Identifier: GPL-2.0-only
/* RtLink over a libmnl NETLINK_ROUTE socket, with extended ACKs. */
#include "netlink.hpp"

#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace xdpctl {

namespace {

struct MnlSocketCloser {
	void operator()(mnl_socket *s) const { mnl_socket_close(s); }
};

class MnlRtLink final : public RtLink {
public:
	int ifindex(const std::string &name) override
	{
		if (name.empty() || name.size() >= IFNAMSIZ)
			return -ENODEV;
		unsigned idx = if_nametoindex(name.c_str());
		return idx ? static_cast<int>(idx) : -ENODEV;
	}

	int set_xdp(const XdpSetRequest &req, std::string &extack) override
	{
		alignas(nlmsghdr) uint8_t buf[256];
		uint32_t seq = next_seq();
		size_t len = build_setlink_xdp(buf, seq, req);
		if (!len)
			return -EMSGSIZE;
		NlReply r;
		int ret = transact(buf, len, seq, r);
		extack = r.extack;
		return ret;
	}

	int get_links(int ifindex, std::vector<LinkInfo> &out,
		      std::string &extack) override
	{
		alignas(nlmsghdr) uint8_t buf[64];
		uint32_t seq = next_seq();
		size_t len = build_getlink(buf, seq, ifindex);
		if (!len)
			return -EMSGSIZE;
		NlReply r;
		int ret = transact(buf, len, seq, r);
		extack = r.extack;
		out = std::move(r.links);
		return ret;
	}

private:
	uint32_t next_seq()
	{
		if (!seq_)
			seq_ = static_cast<uint32_t>(time(nullptr));
		return ++seq_;
	}

	int open()
	{
		if (sock_)
			return 0;
		std::unique_ptr<mnl_socket, MnlSocketCloser> s(
			mnl_socket_open(NETLINK_ROUTE));
		if (!s)
			return -errno;
		int one = 1;
		/* extack text, and no echo of our request in errors */
		mnl_socket_setsockopt(s.get(), NETLINK_EXT_ACK, &one,
				      sizeof(one));
		mnl_socket_setsockopt(s.get(), NETLINK_CAP_ACK, &one,
				      sizeof(one));
		if (mnl_socket_bind(s.get(), 0, MNL_SOCKET_AUTOPID) < 0)
			return -errno;
		sock_ = std::move(s);
		return 0;
	}

	int transact(const uint8_t *msg, size_t len, uint32_t seq, NlReply &r)
	{
		int ret = open();
		if (ret)
			return ret;
		if (mnl_socket_sendto(sock_.get(), msg, len) < 0)
			return -errno;

		std::vector<uint32_t> rx(32768 / 4);
		while (!r.done) {
			ssize_t n = mnl_socket_recvfrom(sock_.get(), rx.data(),
							rx.size() * 4);
			if (n < 0)
				return errno == ENOSPC ? -EMSGSIZE : -errno;
			ret = parse_reply({reinterpret_cast<uint8_t *>(
						   rx.data()),
					   static_cast<size_t>(n)},
					  seq, r);
			if (ret)
				return ret;
		}
		return r.error;
	}

	std::unique_ptr<mnl_socket, MnlSocketCloser> sock_;
	uint32_t seq_ = 0;
};

} // namespace

std::unique_ptr<RtLink> make_mnl_rtlink()
{
	return std::make_unique<MnlRtLink>();
}

} // namespace xdpctl
