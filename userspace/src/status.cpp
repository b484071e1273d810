// SPDX-License-Identifier: GPL-2.0-only
#include "status.hpp"

#include <bpf/libbpf.h>

#include <cstring>

namespace xdpctl {

std::string errno_text(int err)
{
	if (err < 0)
		err = -err;
	/* libbpf's own codes (object format, relocation, ...) sit above the
	 * errno range: strerror() would say "Unknown error 4001". */
	if (err >= __LIBBPF_ERRNO__START) {
		char buf[128];

		libbpf_strerror(err, buf, sizeof(buf));
		return buf;
	}
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
