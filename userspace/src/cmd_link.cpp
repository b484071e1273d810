// SPDX-License-Identifier: GPL-2.0-only
/* load, unload, show: XDP attachment through rtnetlink. */
#include "commands.hpp"
#include "json.hpp"

#include <linux/if_link.h>

#include <cerrno>
#include <iomanip>

namespace xdpctl {

std::string netlink_error_text(int err, const std::string &extack,
			       XdpMode mode)
{
	if (!extack.empty())
		return extack;
	switch (-err) {
	case EPERM:
	case EACCES:
		return "permission denied (needs root or CAP_NET_ADMIN)";
	case EOPNOTSUPP:
		return "driver does not support XDP in " +
		       std::string(mode_name(mode)) + " mode";
	case ENODEV:
		return "no such device";
	case EBUSY:
		return "an XDP program is already attached (use --replace)";
	case EEXIST:
		return "the attached program changed meanwhile";
	default:
		return errno_text(err);
	}
}

namespace {

/* resolve - ifindex of @dev, or report "no such device" */
int resolve(Context &ctx, const std::string &dev, int &ifindex)
{
	ifindex = ctx.link.ifindex(dev);
	if (ifindex > 0)
		return 0;
	ctx.fail(dev, "no such device");
	return EXIT_FAILED;
}

int read_link(Context &ctx, const std::string &dev, int ifindex,
	      LinkInfo &out)
{
	std::vector<LinkInfo> links;
	std::string extack;
	int err = ctx.link.get_links(ifindex, links, extack);
	if (err)
		return ctx.fail(dev, netlink_error_text(err, extack,
							XdpMode::Unspec));
	for (auto &l : links) {
		if (l.ifindex == ifindex) {
			out = std::move(l);
			return 0;
		}
	}
	return ctx.fail(dev, "no such device");
}

/*
 * refuse_dispatcher - a libxdp dispatcher (what xdp-loader and libxdp
 * attach to run several programs) is theirs: detaching or replacing it
 * behind their back leaves their pinned state in bpffs describing programs
 * that no longer run. Refused unless --force; 0 when @id is not one.
 */
int refuse_dispatcher(Context &ctx, const std::string &dev, uint32_t id,
		      bool force)
{
	ProgInfo pi;
	if (force || !id || ctx.bpf.prog_info(id, pi) || pi.name != "xdp_dispatcher")
		return 0;
	return ctx.fail(dev, "the program attached (id " + std::to_string(id) +
			") is a libxdp dispatcher: use xdp-loader (or --force)");
}

} // namespace

int cmd_load(Context &ctx, const LoadOptions &o)
{
	int ifindex;
	if (int ret = resolve(ctx, o.dev, ifindex))
		return ret;

	std::unique_ptr<LoadedProgram> prog;	/* from OBJ, or */
	UniqueFd given;				/* id N, pinned PATH */
	std::string what;	/* how the program was named */
	if (o.prog_id || !o.pinned.empty()) {
		int err;
		if (o.prog_id) {
			what = "program id " + std::to_string(o.prog_id);
			err = ctx.bpf.prog_fd_by_id(o.prog_id, given);
			if (err == -ENOENT)
				return ctx.fail(o.dev, "no program with id " +
						std::to_string(o.prog_id));
		} else {
			what = o.pinned;
			err = ctx.bpf.prog_fd_pinned(o.pinned, given);
			if (err == -ENOENT)
				return ctx.fail(o.dev, o.pinned +
						": nothing pinned there");
		}
		if (err)
			return ctx.fail(o.dev, what + ": " + errno_text(err));
	} else {
		LoadRequest lr{o.obj, o.section, o.prog, o.mode, ifindex};
		Status st = ctx.bpf.load(lr, prog);
		if (!st.ok())
			return ctx.fail(o.dev, st.msg);
		what = prog->name();
	}

	XdpSetRequest req;
	req.ifindex = ifindex;
	req.fd = prog ? prog->fd() : given.get();
	req.flags = xdp_mode_flag(o.mode);

	UniqueFd expected;
	if (o.replace) {
		/* replace exactly what is attached now, or fail */
		LinkInfo li;
		if (int ret = read_link(ctx, o.dev, ifindex, li))
			return ret;
		uint32_t cur = li.prog_id(o.mode);
		if (int ret = refuse_dispatcher(ctx, o.dev, cur, o.force))
			return ret;
		if (cur) {
			int err = ctx.bpf.prog_fd_by_id(cur, expected);
			if (err)
				return ctx.fail(o.dev,
					"cannot open attached program id " +
					std::to_string(cur) + ": " +
					netlink_error_text(err, "", o.mode));
		}
		req.flags |= XDP_FLAGS_REPLACE;
		req.has_expected_fd = true;
		req.expected_fd = expected.valid() ? expected.get() : -1;
	} else {
		req.flags |= XDP_FLAGS_UPDATE_IF_NOEXIST;
	}

	std::string extack;
	int err = ctx.link.set_xdp(req, extack);
	if (err) {
		std::string msg = netlink_error_text(err, extack, o.mode);
		/* the kernel's extack ("XDP program already attached") does
		 * not know about our option */
		if (err == -EBUSY && !o.replace &&
		    msg.find("--replace") == std::string::npos)
			msg += " (use --replace)";
		/* a pinned map, or a program of another type */
		if (err == -EINVAL && !prog && extack.empty())
			msg = what + " is not an XDP program the device takes (" +
			      msg + ")";
		return ctx.fail(o.dev, msg);
	}
	if (ctx.verbose && !prog) {
		ctx.out << o.dev << ": attached " << what << " in "
			<< mode_name(o.mode) << " mode\n";
	} else if (ctx.verbose) {
		ctx.out << o.dev << ": attached " << prog->name()
			<< " (section " << prog->section() << ") in "
			<< mode_name(o.mode) << " mode";
		std::string sep = ", maps: ";
		for (const auto &m : prog->maps()) {
			ctx.out << sep << m;
			sep = " ";
		}
		ctx.out << '\n';
	}
	return EXIT_OK;
}

int cmd_unload(Context &ctx, const UnloadOptions &o)
{
	int ifindex;
	if (int ret = resolve(ctx, o.dev, ifindex))
		return ret;
	LinkInfo li;
	if (int ret = read_link(ctx, o.dev, ifindex, li))
		return ret;

	std::vector<XdpMode> modes;
	if (o.mode != XdpMode::Unspec) {
		if (!li.prog_id(o.mode))
			return ctx.fail(o.dev, "no XDP program attached in " +
					std::string(mode_name(o.mode)) +
					" mode");
		modes.push_back(o.mode);
	} else {
		for (const auto &p : li.progs)
			modes.push_back(p.mode);
		if (modes.empty())
			return ctx.fail(o.dev, "no XDP program attached");
	}

	for (XdpMode m : modes)
		if (int ret = refuse_dispatcher(ctx, o.dev, li.prog_id(m), o.force))
			return ret;
	for (XdpMode m : modes) {
		XdpSetRequest req;
		req.ifindex = ifindex;
		req.fd = -1;
		req.flags = xdp_mode_flag(m);
		std::string extack;
		int err = ctx.link.set_xdp(req, extack);
		if (err)
			return ctx.fail(o.dev, netlink_error_text(err, extack, m));
		if (ctx.verbose)
			ctx.out << o.dev << ": detached " << mode_name(m)
				<< " program\n";
	}
	return EXIT_OK;
}

namespace {

struct ShowRow {
	std::string ifname;
	int ifindex;
	XdpMode mode;
	uint32_t id;
	bool known;	/* name and tag could be read */
	std::string name;
	std::string tag;
};

std::string pad(std::string s, size_t w)
{
	if (s.size() < w)
		s.resize(w, ' ');
	return s;
}

} // namespace

int cmd_show(Context &ctx, const ShowOptions &o)
{
	int ifindex = 0;
	if (!o.dev.empty()) {
		if (int ret = resolve(ctx, o.dev, ifindex))
			return ret;
	}
	std::vector<LinkInfo> links;
	std::string extack;
	int err = ctx.link.get_links(ifindex, links, extack);
	if (err)
		return ctx.fail(o.dev, netlink_error_text(err, extack,
							  XdpMode::Unspec));

	std::vector<ShowRow> rows;
	for (const auto &l : links) {
		if (ifindex && l.ifindex != ifindex)
			continue;
		for (const auto &p : l.progs) {
			ShowRow r{l.ifname, l.ifindex, p.mode, p.prog_id,
				  false, {}, {}};
			ProgInfo pi;
			if (!ctx.bpf.prog_info(p.prog_id, pi)) {
				r.known = true;
				r.name = pi.name;
				r.tag = pi.tag;
			}
			rows.push_back(std::move(r));
		}
	}

	if (o.json) {
		JsonWriter j;
		j.begin_array();
		for (const auto &r : rows) {
			j.begin_object();
			j.key("ifname").value(r.ifname);
			j.key("ifindex").value(r.ifindex);
			j.key("mode").value(mode_name(r.mode));
			j.key("id").value(r.id);
			if (r.known) {
				j.key("name").value(r.name);
				j.key("tag").value(r.tag);
			} else {
				j.key("name").null();
				j.key("tag").null();
			}
			j.end_object();
		}
		j.end_array();
		ctx.out << j.str() << '\n';
		return EXIT_OK;
	}

	if (ifindex)
		show_xdp_features(ctx, ifindex, o.dev);
	if (rows.empty()) {
		if (!o.dev.empty())
			ctx.out << o.dev << ": no XDP program attached\n";
		else
			ctx.out << "no XDP program attached\n";
		return EXIT_OK;
	}
	size_t w = 6;
	for (const auto &r : rows)
		w = std::max(w, r.ifname.size() + 2);
	ctx.out << pad("DEV", w) << pad("IFINDEX", 9) << pad("MODE", 9)
		<< pad("ID", 8) << pad("NAME", 18) << "TAG\n";
	for (const auto &r : rows)
		ctx.out << pad(r.ifname, w) << pad(std::to_string(r.ifindex), 9)
			<< pad(std::string(mode_name(r.mode)), 9)
			<< pad(std::to_string(r.id), 8)
			<< pad(r.known ? r.name : "?", 18)
			<< (r.known ? r.tag : "?") << '\n';
	return EXIT_OK;
}

} // namespace xdpctl
