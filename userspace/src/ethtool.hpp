// SPDX-License-Identifier: GPL-2.0-only
/*
 * Driver statistics through the ethtool ioctl (what "ethtool -S" shows),
 * behind a small interface so tests use a fake driver.
 */
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace xdpctl {

struct DriverInfo {
	std::string driver;	/* "" when the device reports none */
	std::string version;
	std::string bus_info;
};

class Ethtool {
public:
	virtual ~Ethtool() = default;
	/* ETHTOOL_GDRVINFO; negative errno (-EOPNOTSUPP for e.g. lo) */
	virtual int driver_info(const std::string &dev, DriverInfo &out) = 0;
	/* ETHTOOL_GSSET_INFO + GSTRINGS(ETH_SS_STATS); empty when none */
	virtual int stat_names(const std::string &dev,
			       std::vector<std::string> &out) = 0;
	/* ETHTOOL_GSTATS, in the order of stat_names() */
	virtual int stat_values(const std::string &dev,
				std::vector<uint64_t> &out) = 0;
};

std::unique_ptr<Ethtool> make_ioctl_ethtool();

} // namespace xdpctl
