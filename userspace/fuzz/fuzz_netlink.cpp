// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the rtnetlink reply parser (message walk, NLMSG_ERROR
 * with extack, RTM_NEWLINK attributes and the IFLA_XDP nest). The sequence
 * number of the first message is the one expected, so the fuzzer reaches
 * the parsers without guessing it.
 */
#include "netlink.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

using namespace xdpctl;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t seq = 0;
	if (size >= 12)
		std::memcpy(&seq, data + 8, sizeof(seq));

	NlReply r;
	int ret = parse_reply({data, size}, seq, r);
	if (ret != 0 && ret != -EBADMSG)
		std::abort();
	if (r.error > 0)
		std::abort();
	for (const auto &l : r.links)
		for (const auto &p : l.progs)
			if (!p.prog_id)
				std::abort();

	LinkInfo li;
	ret = parse_link({data, size}, li);
	if (ret != 0 && ret != -EBADMSG)
		std::abort();
	return 0;
}
