// SPDX-License-Identifier: GPL-2.0-only
/* Ethtool over the SIOCETHTOOL ioctl. */
#include "ethtool.hpp"
#include "fd.hpp"

#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace xdpctl {

namespace {

class IoctlEthtool final : public Ethtool {
public:
	int driver_info(const std::string &dev, DriverInfo &out) override
	{
		ethtool_drvinfo info{};
		info.cmd = ETHTOOL_GDRVINFO;
		int ret = call(dev, &info);
		if (ret)
			return ret;
		out.driver = cstr(info.driver, sizeof(info.driver));
		out.version = cstr(info.version, sizeof(info.version));
		out.bus_info = cstr(info.bus_info, sizeof(info.bus_info));
		return 0;
	}

	int stat_names(const std::string &dev,
		       std::vector<std::string> &out) override
	{
		out.clear();
		uint32_t n;
		int ret = count(dev, n);
		if (ret || n == 0)
			return ret;

		std::vector<uint8_t> buf(sizeof(ethtool_gstrings) +
					 size_t(n) * ETH_GSTRING_LEN);
		auto *gs = reinterpret_cast<ethtool_gstrings *>(buf.data());
		gs->cmd = ETHTOOL_GSTRINGS;
		gs->string_set = ETH_SS_STATS;
		gs->len = n;
		ret = call(dev, gs);
		if (ret)
			return ret;
		if (gs->len != n)
			return -EAGAIN;
		for (uint32_t i = 0; i < n; i++)
			out.push_back(cstr(reinterpret_cast<char *>(gs->data) +
					   size_t(i) * ETH_GSTRING_LEN,
					   ETH_GSTRING_LEN));
		return 0;
	}

	int stat_values(const std::string &dev,
			std::vector<uint64_t> &out) override
	{
		out.clear();
		uint32_t n;
		int ret = count(dev, n);
		if (ret || n == 0)
			return ret;
		/*
		 * The kernel writes as many counters as the driver has now;
		 * leave room in case that grew since count().
		 */
		size_t room = size_t(n) + 256;
		std::vector<uint64_t> buf(room + sizeof(ethtool_stats) / 8 + 1);
		auto *st = reinterpret_cast<ethtool_stats *>(buf.data());
		st->cmd = ETHTOOL_GSTATS;
		st->n_stats = n;
		ret = call(dev, st);
		if (ret)
			return ret;
		if (st->n_stats != n)
			return -EAGAIN;
		out.assign(st->data, st->data + n);
		return 0;
	}

private:
	static std::string cstr(const char *s, size_t max)
	{
		return std::string(s, strnlen(s, max));
	}

	int count(const std::string &dev, uint32_t &n)
	{
		/* header + one u32 for the one set asked for */
		uint64_t buf[sizeof(ethtool_sset_info) / 8 + 1] = {};
		auto *info = reinterpret_cast<ethtool_sset_info *>(buf);
		info->cmd = ETHTOOL_GSSET_INFO;
		info->sset_mask = 1ULL << ETH_SS_STATS;
		n = 0;
		int ret = call(dev, info);
		if (ret)
			return ret;
		/* a driver without statistics leaves the bit cleared */
		if (info->sset_mask & (1ULL << ETH_SS_STATS))
			n = info->data[0];
		return 0;
	}

	int call(const std::string &dev, void *data)
	{
		if (dev.empty() || dev.size() >= IFNAMSIZ)
			return -ENODEV;
		if (!sock_.valid()) {
			sock_.reset(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC,
					     0));
			if (!sock_.valid())
				return -errno;
		}
		ifreq ifr{};
		std::memcpy(ifr.ifr_name, dev.c_str(), dev.size());
		ifr.ifr_data = static_cast<char *>(data);
		if (::ioctl(sock_.get(), SIOCETHTOOL, &ifr) < 0)
			return -errno;
		return 0;
	}

	UniqueFd sock_;
};

} // namespace

std::unique_ptr<Ethtool> make_ioctl_ethtool()
{
	return std::make_unique<IoctlEthtool>();
}

} // namespace xdpctl
