// SPDX-License-Identifier: GPL-2.0-only
#include "status.hpp"

#include <cstring>

namespace xdpctl {

std::string errno_text(int err)
{
	if (err < 0)
		err = -err;
	return std::strerror(err);
}

std::string error_line(std::string_view subject, std::string_view msg)
{
	std::string line = "xdpctl: ";
	if (!subject.empty()) {
		line += subject;
		line += ": ";
	}
	line += msg;
	return line;
}

} // namespace xdpctl
