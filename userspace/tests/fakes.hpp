// SPDX-License-Identifier: GPL-2.0-only
/* Fakes of the kernel interfaces: a scripted link table, driver, BPF. */
#pragma once

#include "commands.hpp"

#include <linux/if_link.h>

#include <cerrno>
#include <functional>
#include <map>
#include <sstream>

namespace xdpctl::test {

class FakeLink : public RtLink {
public:
	std::map<std::string, LinkInfo> links;	/* by name */
	std::vector<XdpSetRequest> requests;	/* every set_xdp call */
	int set_error = 0;		/* next set_xdp fails with this */
	std::string set_extack;
	uint32_t next_id = 100;		/* id given to attached programs */

	void add(const std::string &name, int ifindex)
	{
		LinkInfo l;
		l.ifname = name;
		l.ifindex = ifindex;
		links[name] = l;
	}

	int ifindex(const std::string &name) override
	{
		auto it = links.find(name);
		return it == links.end() ? -ENODEV : it->second.ifindex;
	}

	int set_xdp(const XdpSetRequest &req, std::string &extack) override
	{
		requests.push_back(req);
		if (set_error) {
			extack = set_extack;
			return set_error;
		}
		for (auto &[n, l] : links) {
			if (l.ifindex != req.ifindex)
				continue;
			XdpMode m = req.flags & XDP_FLAGS_SKB_MODE ? XdpMode::Generic :
				    req.flags & XDP_FLAGS_HW_MODE ? XdpMode::Offload :
				    XdpMode::Native;
			std::erase_if(l.progs, [&](const XdpAttachment &a) {
				return a.mode == m;
			});
			if (req.fd >= 0)
				l.progs.push_back({m, next_id++});
			return 0;
		}
		return -ENODEV;
	}

	int get_links(int ifindex, std::vector<LinkInfo> &out,
		      std::string &) override
	{
		out.clear();
		for (auto &[n, l] : links)
			if (!ifindex || l.ifindex == ifindex)
				out.push_back(l);
		return 0;
	}
};

class FakeEthtool : public Ethtool {
public:
	std::string driver = "fakedrv";
	std::vector<std::string> names;
	std::vector<uint64_t> values;
	int names_error = 0;

	int driver_info(const std::string &, DriverInfo &out) override
	{
		out.driver = driver;
		return 0;
	}
	int stat_names(const std::string &, std::vector<std::string> &out) override
	{
		if (names_error)
			return names_error;
		out = names;
		return 0;
	}
	int stat_values(const std::string &, std::vector<uint64_t> &out) override
	{
		out = values;
		return 0;
	}
};

class FakeProgram : public LoadedProgram {
public:
	int fd() const override { return 42; }
	std::string name() const override { return "xdp_drop_prog"; }
	std::string section() const override { return "xdp"; }
	std::vector<std::string> maps() const override { return {"stats"}; }
};

class FakeBpf : public Bpf {
public:
	Status load_status;		/* what load() returns */
	std::vector<LoadRequest> loads;
	std::map<uint32_t, ProgInfo> progs;	/* known program ids */
	std::map<std::string, uint32_t> pinned;	/* bpffs path -> id */
	int info_error = 0;

	Status load(const LoadRequest &req,
		    std::unique_ptr<LoadedProgram> &out) override
	{
		loads.push_back(req);
		if (!load_status.ok())
			return load_status;
		out = std::make_unique<FakeProgram>();
		return Status::success();
	}
	int prog_info(uint32_t id, ProgInfo &out) override
	{
		if (info_error)
			return info_error;
		auto it = progs.find(id);
		if (it == progs.end())
			return -ENOENT;
		out = it->second;
		return 0;
	}
	int prog_fd_by_id(uint32_t id, UniqueFd &out) override
	{
		if (!progs.count(id))
			return -ENOENT;
		out.reset(::dup(0));	/* any real fd */
		return 0;
	}
	int prog_fd_pinned(const std::string &path, UniqueFd &out) override
	{
		auto it = pinned.find(path);
		if (it == pinned.end())
			return -ENOENT;
		return prog_fd_by_id(it->second, out);
	}
};

/* Clock that advances by the time slept; stops after a number of sleeps. */
class FakeClock : public Clock {
public:
	double t = 1000.0;
	int sleeps_left = 1000;
	std::function<void()> on_sleep;	/* e.g. bump counters */

	double now() override { return t; }
	double wall() override { return t - 1000.0 + 1.8e9; }
	bool sleep(double s) override
	{
		if (sleeps_left-- <= 0)
			return false;
		t += s;
		if (on_sleep)
			on_sleep();
		return true;
	}
};

struct Harness {
	FakeLink link;
	FakeEthtool ethtool;
	FakeBpf bpf;
	FakeClock clock;
	std::ostringstream out, err;
	Context ctx{link, ethtool, bpf, clock, out, err};

	int run(std::vector<std::string> argv)
	{
		return run_cli(ctx, argv);
	}
};

} // namespace xdpctl::test
