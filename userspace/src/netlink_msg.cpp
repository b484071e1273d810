// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building and parsing the rtnetlink messages of XDP attach/query.
 * No sockets here: everything works on caller-provided bytes.
 */
#include "netlink.hpp"

#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace xdpctl {

uint32_t LinkInfo::prog_id(XdpMode mode) const
{
	for (const auto &p : progs)
		if (p.mode == mode)
			return p.prog_id;
	return 0;
}

uint32_t xdp_mode_flag(XdpMode m)
{
	switch (m) {
	case XdpMode::Native: return XDP_FLAGS_DRV_MODE;
	case XdpMode::Generic: return XDP_FLAGS_SKB_MODE;
	case XdpMode::Offload: return XDP_FLAGS_HW_MODE;
	case XdpMode::Unspec: break;
	}
	return 0;
}

namespace {

constexpr size_t kLinkHdr = MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(ifinfomsg));

nlmsghdr *put_link_header(std::span<uint8_t> buf, uint16_t type,
			  uint16_t flags, uint32_t seq, int ifindex)
{
	if (buf.size() < kLinkHdr)
		return nullptr;
	nlmsghdr *nlh = mnl_nlmsg_put_header(buf.data());
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = 0;
	auto *ifi = static_cast<ifinfomsg *>(
		mnl_nlmsg_put_extra_header(nlh, sizeof(ifinfomsg)));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	return nlh;
}

} // namespace

size_t build_setlink_xdp(std::span<uint8_t> buf, uint32_t seq,
			 const XdpSetRequest &req)
{
	nlmsghdr *nlh = put_link_header(buf, RTM_SETLINK,
					NLM_F_REQUEST | NLM_F_ACK, seq,
					req.ifindex);
	if (!nlh)
		return 0;
	size_t len = buf.size();
	nlattr *nest = mnl_attr_nest_start_check(nlh, len, IFLA_XDP);
	if (!nest)
		return 0;
	if (!mnl_attr_put_u32_check(nlh, len, IFLA_XDP_FD,
				    static_cast<uint32_t>(req.fd)))
		return 0;
	if (req.flags &&
	    !mnl_attr_put_u32_check(nlh, len, IFLA_XDP_FLAGS, req.flags))
		return 0;
	if (req.has_expected_fd &&
	    !mnl_attr_put_u32_check(nlh, len, IFLA_XDP_EXPECTED_FD,
				    static_cast<uint32_t>(req.expected_fd)))
		return 0;
	mnl_attr_nest_end(nlh, nest);
	return nlh->nlmsg_len;
}

size_t build_getlink(std::span<uint8_t> buf, uint32_t seq, int ifindex)
{
	/* one link: its RTM_NEWLINK then an ACK; all: a dump ending in DONE */
	uint16_t flags = NLM_F_REQUEST;
	flags |= ifindex == 0 ? NLM_F_DUMP : NLM_F_ACK;
	nlmsghdr *nlh = put_link_header(buf, RTM_GETLINK, flags, seq, ifindex);
	return nlh ? nlh->nlmsg_len : 0;
}

namespace {

int parse_xdp_nest(const nlattr *nest, LinkInfo &out)
{
	uint32_t any_id = 0;
	auto *begin = static_cast<const char *>(mnl_attr_get_payload(nest));
	const char *end = begin + mnl_attr_get_payload_len(nest);

	for (auto *a = reinterpret_cast<const nlattr *>(begin);
	     mnl_attr_ok(a, static_cast<int>(end -
					 reinterpret_cast<const char *>(a)));
	     a = mnl_attr_next(a)) {
		uint16_t type = mnl_attr_get_type(a);
		XdpMode mode = XdpMode::Unspec;

		switch (type) {
		case IFLA_XDP_ATTACHED:
			if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
				return -EBADMSG;
			out.attached = mnl_attr_get_u8(a);
			continue;
		case IFLA_XDP_PROG_ID:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -EBADMSG;
			any_id = mnl_attr_get_u32(a);
			continue;
		case IFLA_XDP_DRV_PROG_ID:
			mode = XdpMode::Native;
			break;
		case IFLA_XDP_SKB_PROG_ID:
			mode = XdpMode::Generic;
			break;
		case IFLA_XDP_HW_PROG_ID:
			mode = XdpMode::Offload;
			break;
		default:
			continue;
		}
		if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
			return -EBADMSG;
		uint32_t id = mnl_attr_get_u32(a);
		if (id && !out.prog_id(mode))
			out.progs.push_back({mode, id});
	}

	/* Kernels always send the per-mode ids; older ones only PROG_ID. */
	if (out.progs.empty() && any_id) {
		XdpMode m = XdpMode::Unspec;
		switch (out.attached) {
		case XDP_ATTACHED_DRV: m = XdpMode::Native; break;
		case XDP_ATTACHED_SKB: m = XdpMode::Generic; break;
		case XDP_ATTACHED_HW: m = XdpMode::Offload; break;
		default: break;
		}
		out.progs.push_back({m, any_id});
	}
	return 0;
}

/* for_each_attr - walk the attributes of @nlh's payload from @offset */
template <typename F>
int for_each_attr(const nlmsghdr *nlh, size_t offset, F &&fn)
{
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	if (MNL_ALIGN(offset) > plen)
		return 0;
	auto *tail = static_cast<const char *>(mnl_nlmsg_get_payload_tail(nlh));
	for (auto *a = static_cast<const nlattr *>(
		     mnl_nlmsg_get_payload_offset(nlh, offset));
	     mnl_attr_ok(a, static_cast<int>(
			     tail - reinterpret_cast<const char *>(a)));
	     a = mnl_attr_next(a)) {
		int ret = fn(a);
		if (ret)
			return ret;
	}
	return 0;
}

int parse_link_msg(const nlmsghdr *nlh, LinkInfo &out)
{
	out = {};
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(ifinfomsg))
		return -EBADMSG;
	ifinfomsg ifi;
	std::memcpy(&ifi, mnl_nlmsg_get_payload(nlh), sizeof(ifi));
	out.ifindex = ifi.ifi_index;

	return for_each_attr(nlh, sizeof(ifinfomsg), [&](const nlattr *a) {
		switch (mnl_attr_get_type(a)) {
		case IFLA_IFNAME: {
			auto *s = static_cast<const char *>(
				mnl_attr_get_payload(a));
			out.ifname.assign(s, strnlen(s,
				mnl_attr_get_payload_len(a)));
			return 0;
		}
		case IFLA_XDP:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
				return -EBADMSG;
			return parse_xdp_nest(a, out);
		default:
			return 0;
		}
	});
}

int parse_error_msg(const nlmsghdr *nlh, NlReply &r)
{
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	if (plen < sizeof(int))
		return -EBADMSG;
	int error;
	std::memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	r.done = true;
	r.error = error > 0 ? -error : error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;

	/* TLVs follow the echoed request, or just its header when capped. */
	size_t offset;
	if (nlh->nlmsg_flags & NLM_F_CAPPED || r.error == 0) {
		offset = sizeof(nlmsgerr);
	} else {
		if (plen < sizeof(nlmsgerr))
			return -EBADMSG;
		nlmsghdr orig;
		std::memcpy(&orig, static_cast<const uint8_t *>(
			mnl_nlmsg_get_payload(nlh)) + sizeof(int), sizeof(orig));
		offset = sizeof(int) + static_cast<size_t>(orig.nlmsg_len);
	}
	return for_each_attr(nlh, offset, [&](const nlattr *a) {
		if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG) {
			auto *s = static_cast<const char *>(
				mnl_attr_get_payload(a));
			r.extack.assign(s, strnlen(s,
				mnl_attr_get_payload_len(a)));
		}
		return 0;
	});
}

} // namespace

int parse_link(std::span<const uint8_t> msg, LinkInfo &out)
{
	/* wrap the payload in a header so the message walkers apply */
	std::vector<uint32_t> tmp((MNL_NLMSG_HDRLEN + msg.size() + 3) / 4);
	auto *nlh = reinterpret_cast<nlmsghdr *>(tmp.data());
	nlh->nlmsg_len = static_cast<uint32_t>(MNL_NLMSG_HDRLEN + msg.size());
	nlh->nlmsg_type = RTM_NEWLINK;
	if (!msg.empty())
		std::memcpy(reinterpret_cast<uint8_t *>(tmp.data()) +
			    MNL_NLMSG_HDRLEN, msg.data(), msg.size());
	return parse_link_msg(nlh, out);
}

int parse_reply(std::span<const uint8_t> buf, uint32_t seq, NlReply &r)
{
	/* the walkers read fields in place: make sure they are aligned */
	std::vector<uint32_t> copy;
	const void *data = buf.data();
	if (reinterpret_cast<uintptr_t>(data) % alignof(nlmsghdr)) {
		copy.resize((buf.size() + 3) / 4);
		std::memcpy(copy.data(), buf.data(), buf.size());
		data = copy.data();
	}
	if (buf.size() > INT32_MAX)
		return -EBADMSG;
	int len = static_cast<int>(buf.size());
	auto *nlh = static_cast<const nlmsghdr *>(data);

	/*
	 * mnl_nlmsg_ok() casts nlmsg_len to int, so a length above INT_MAX
	 * would pass it: check the unsigned length as well.
	 */
	while (mnl_nlmsg_ok(nlh, len) &&
	       nlh->nlmsg_len <= static_cast<uint32_t>(len)) {
		if (nlh->nlmsg_seq == seq) {
			int ret = 0;
			switch (nlh->nlmsg_type) {
			case NLMSG_ERROR:
				ret = parse_error_msg(nlh, r);
				break;
			case NLMSG_DONE:
				r.done = true;
				break;
			case RTM_NEWLINK: {
				LinkInfo li;
				ret = parse_link_msg(nlh, li);
				if (!ret)
					r.links.push_back(std::move(li));
				break;
			}
			default:
				break;
			}
			if (ret)
				return ret;
			if (r.done)
				return 0;
		}
		nlh = mnl_nlmsg_next(nlh, &len);
	}
	/* trailing bytes that are not a whole message */
	if (len > 0 && static_cast<size_t>(len) >= sizeof(nlmsghdr))
		return -EBADMSG;
	return 0;
}

} // namespace xdpctl
