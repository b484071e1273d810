// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtnetlink for XDP: the messages (built and parsed here, byte-exact and
 * socket-free, so the unit tests and the fuzzer drive them) and the small
 * RtLink interface the commands use (real one over libmnl, fakes in tests).
 */
#pragma once

#include "options.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace xdpctl {

/* One program attached to a device in one mode. */
struct XdpAttachment {
	XdpMode mode;
	uint32_t prog_id;
};

/* What RTM_NEWLINK says about a device and its XDP state. */
struct LinkInfo {
	int ifindex = 0;
	std::string ifname;
	uint8_t attached = 0;	/* IFLA_XDP_ATTACHED, XDP_ATTACHED_* */
	std::vector<XdpAttachment> progs;

	/* prog_id - id attached in @mode, 0 when none */
	uint32_t prog_id(XdpMode mode) const;
};

/* RTM_SETLINK IFLA_XDP request. */
struct XdpSetRequest {
	int ifindex = 0;
	int fd = -1;		/* -1 detaches */
	uint32_t flags = 0;	/* XDP_FLAGS_* */
	bool has_expected_fd = false;	/* sends IFLA_XDP_EXPECTED_FD */
	int expected_fd = -1;
};

/* xdp_mode_flag - XDP_FLAGS_{DRV,SKB,HW}_MODE, 0 for Unspec */
uint32_t xdp_mode_flag(XdpMode m);

/* Builders: return the message length, 0 when @buf is too small. */
size_t build_setlink_xdp(std::span<uint8_t> buf, uint32_t seq,
			 const XdpSetRequest &req);
/* ifindex 0 asks for a dump of every link */
size_t build_getlink(std::span<uint8_t> buf, uint32_t seq, int ifindex);

/* Outcome of reading replies to one request. */
struct NlReply {
	bool done = false;	/* ACK, error or NLMSG_DONE seen */
	int error = 0;		/* negative errno from NLMSG_ERROR */
	std::string extack;	/* NLMSGERR_ATTR_MSG, verbatim */
	std::vector<LinkInfo> links;
};

/*
 * parse_reply - consume one datagram of replies to request @seq (messages
 * with another sequence number are ignored). Returns 0, or -EBADMSG when
 * the datagram is malformed (what was parsed before stays in @r).
 */
int parse_reply(std::span<const uint8_t> buf, uint32_t seq, NlReply &r);

/* parse_link - one RTM_NEWLINK payload (after the nlmsghdr). */
int parse_link(std::span<const uint8_t> msg, LinkInfo &out);

/* Interface to the kernel's link layer, as the commands need it. */
class RtLink {
public:
	virtual ~RtLink() = default;
	/* ifindex of @name (> 0) or -ENODEV */
	virtual int ifindex(const std::string &name) = 0;
	/* apply @req; on error a negative errno and the extack text if any */
	virtual int set_xdp(const XdpSetRequest &req, std::string &extack) = 0;
	/* read one link (ifindex > 0) or all (0) */
	virtual int get_links(int ifindex, std::vector<LinkInfo> &out,
			      std::string &extack) = 0;
};

std::unique_ptr<RtLink> make_mnl_rtlink();

} // namespace xdpctl
