// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command-line parsing: a small table-driven getopt replacement and one
 * options struct per command. Each command's options are declared once, in
 * a table of OptionDef (options.cpp) that binds every option to the field
 * of the command's struct it sets (as xdp-tools' DEFINE_OPTION tables do);
 * --help, the parser and the bash completion's check (unit test) all read
 * that table.
 *
 * Accepted forms: "--name VALUE", "--name=VALUE", "-x VALUE", "-x", "--"
 * (ends options), options and positionals in any order. An option whose
 * argument is ArgKind::OptionalNumber consumes the next word only when it is
 * a number ("--watch 2", "--watch=2", "--watch").
 */
#pragma once

#include "status.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xdpctl {

enum class ArgKind { None, Required, OptionalNumber };

struct OptSpec {
	std::string_view long_name;	/* without "--" */
	char short_name;		/* 0 = none */
	ArgKind arg;
	std::string_view metavar;	/* shown in --help, "" when no argument */
	std::string_view help;
};

struct ParsedOpt {
	size_t index;		/* into the specs given to parse_args */
	bool has_value;
	std::string value;
};

struct ParsedArgs {
	std::vector<ParsedOpt> opts;
	std::vector<std::string> positional;
};

/* parse_args - split @args by @specs; usage errors come back as Status. */
Status parse_args(std::span<const std::string> args,
		  std::span<const OptSpec> specs, ParsedArgs &out);

/* parse_number - a decimal number in [min, max]; false when it is not one. */
bool parse_double(std::string_view s, double min, double max, double &out);
bool parse_uint(std::string_view s, unsigned long max, unsigned long &out);

enum class XdpMode { Unspec, Native, Generic, Offload };

std::string_view mode_name(XdpMode m);
/* parse_mode - "native"/"drv", "generic"/"skb", "offload"/"hw" */
bool parse_mode(std::string_view s, XdpMode &out);

/* Options every command accepts. */
struct CommonOptions {
	bool help = false;
	bool verbose = false;
};

struct LoadOptions {
	CommonOptions common;
	std::string dev;
	std::string obj;
	std::string section;	/* "" = not given */
	std::string prog;	/* -n/--prog-name, "" = not given */
	/* instead of OBJ, a program loaded already (bpftool's words):
	 * "id N" or "pinned PATH"; obj is then "" */
	uint32_t prog_id = 0;
	std::string pinned;
	XdpMode mode = XdpMode::Native;
	bool replace = false;
	bool force = false;	/* also over a libxdp dispatcher */
};

struct UnloadOptions {
	CommonOptions common;
	std::string dev;
	XdpMode mode = XdpMode::Unspec;	/* Unspec = whatever is attached */
	bool force = false;	/* also a libxdp dispatcher */
};

struct ShowOptions {
	CommonOptions common;
	std::string dev;	/* "" = every device */
	bool json = false;
};

struct StatsOptions {
	CommonOptions common;
	std::string dev;
	bool all = false;
	bool json = false;
	bool watch = false;
	double interval = 1.0;	/* seconds, with --watch */
	unsigned long count = 0;	/* samples with --watch, 0 = until ^C */
	std::string filter;	/* glob on counter names, "" = all */
	bool nonzero = false;	/* only counters that are not 0 */
	bool per_queue = false;	/* also the per-queue counters */
};

struct SelftestOptions {
	CommonOptions common;
	std::vector<std::string> filters;	/* substrings of case names */
	bool list = false;
	std::string dir;	/* cases directory, "" = default */
};

/* Option tables, also used by --help and the tests. */
std::span<const OptSpec> load_specs();
std::span<const OptSpec> unload_specs();
std::span<const OptSpec> show_specs();
std::span<const OptSpec> stats_specs();
std::span<const OptSpec> selftest_specs();

Status parse_load(std::span<const std::string> args, LoadOptions &o);
Status parse_unload(std::span<const std::string> args, UnloadOptions &o);
Status parse_show(std::span<const std::string> args, ShowOptions &o);
Status parse_stats(std::span<const std::string> args, StatsOptions &o);
Status parse_selftest(std::span<const std::string> args, SelftestOptions &o);

/* Global part of the command line: "xdpctl [-v] [-h] [--version] CMD ARGS" */
struct Invocation {
	bool verbose = false;
	bool help = false;
	bool version = false;
	bool json = false;	/* -j before the command, as ip -j */
	std::string command;
	std::vector<std::string> args;	/* after the command word */
};

Status parse_invocation(std::span<const std::string> argv, Invocation &inv);

/* format_option_help - the "Options:" block of a command's --help. */
std::string format_option_help(std::span<const OptSpec> specs);

} // namespace xdpctl
