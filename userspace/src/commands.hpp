// SPDX-License-Identifier: GPL-2.0-only
/*
 * The commands of xdpctl: a table of {name, usage, options, run}, one
 * options struct per command (options.hpp), and the Context the commands
 * run in, so tests substitute the kernel interfaces and the clock.
 */
#pragma once

#include "bpf.hpp"
#include "ethtool.hpp"
#include "netdev_family.hpp"
#include "netlink.hpp"
#include "options.hpp"

#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace xdpctl {

/* Time for stats --watch. */
class Clock {
public:
	virtual ~Clock() = default;
	virtual double now() = 0;		/* monotonic seconds */
	virtual double wall() = 0;		/* seconds since the epoch */
	/* false when interrupted (SIGINT/SIGTERM): stop watching */
	virtual bool sleep(double seconds) = 0;
};

struct Context {
	RtLink &link;
	Ethtool &ethtool;
	Bpf &bpf;
	Clock &clock;
	std::ostream &out;
	std::ostream &err;
	bool verbose = false;
	/* the netdev netlink family; null: not used (older tests) */
	NetdevFamily *netdev = nullptr;
	bool json = false;	/* the command prints JSON: errors too */

	/* fail - print "xdpctl: <subject>: <msg>" on err, or under JSON
	 * {"schema_version":1,"error":{"subject":..,"message":..}} on out;
	 * return EXIT_FAILED */
	int fail(std::string_view subject, std::string_view msg);
};

struct Command {
	std::string_view name;
	std::string_view synopsis;	/* arguments after the name */
	std::string_view summary;
	std::span<const OptSpec> (*specs)();
	int (*run)(Context &ctx, const Command &self,
		   std::span<const std::string> args);
};

std::span<const Command> command_table();

/* run_cli - xdpctl's main: @argv without the program name; exit code */
int run_cli(Context &ctx, std::span<const std::string> argv);

/* The commands, after option parsing. */
int cmd_load(Context &ctx, const LoadOptions &o);
int cmd_unload(Context &ctx, const UnloadOptions &o);
int cmd_show(Context &ctx, const ShowOptions &o);
int cmd_stats(Context &ctx, const StatsOptions &o);
int cmd_selftest(Context &ctx, const SelftestOptions &o);

/* netdev_report.cpp: the netdev family's view, ethtool where it has none */
void show_xdp_features(Context &ctx, int ifindex, const std::string &ifname);
void print_pool_queue_stats(Context &ctx, const std::string &dev, int ifindex);

/* netlink_error_text - extack verbatim, or a sentence for @err */
std::string netlink_error_text(int err, const std::string &extack,
			       XdpMode mode);

} // namespace xdpctl
