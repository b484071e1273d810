// SPDX-License-Identifier: GPL-2.0-only
/* Option parsing: accepted forms, one options struct per command. */
#include <catch2/catch.hpp>

#include "options.hpp"

using namespace xdpctl;
using Args = std::vector<std::string>;

TEST_CASE("load: accepted command lines fill LoadOptions", "[options]")
{
	struct Row {
		Args args;
		std::string dev, obj, section, prog;
		XdpMode mode;
		bool replace;
	};
	const Row rows[] = {
		{{"eth0", "a.o"}, "eth0", "a.o", "", "", XdpMode::Native, false},
		{{"eth0", "a.o", "--section", "xdp"}, "eth0", "a.o", "xdp", "",
		 XdpMode::Native, false},
		{{"--section=xdp/x", "eth0", "a.o"}, "eth0", "a.o", "xdp/x", "",
		 XdpMode::Native, false},
		{{"eth0", "-s", "xdp", "a.o"}, "eth0", "a.o", "xdp", "",
		 XdpMode::Native, false},
		{{"eth0", "a.o", "-sxdp"}, "eth0", "a.o", "xdp", "",
		 XdpMode::Native, false},
		{{"eth0", "a.o", "--prog-name", "f"}, "eth0", "a.o", "", "f",
		 XdpMode::Native, false},
		{{"eth0", "a.o", "-nf"}, "eth0", "a.o", "", "f",
		 XdpMode::Native, false},
		{{"eth0", "a.o", "--mode", "generic"}, "eth0", "a.o", "", "",
		 XdpMode::Generic, false},
		{{"eth0", "a.o", "--mode=skb"}, "eth0", "a.o", "", "",
		 XdpMode::Generic, false},
		{{"eth0", "a.o", "-m", "drv", "-r"}, "eth0", "a.o", "", "",
		 XdpMode::Native, true},
		{{"eth0", "a.o", "--mode", "offload", "--replace"}, "eth0", "a.o",
		 "", "", XdpMode::Offload, true},
		{{"--", "-odd", "a.o"}, "-odd", "a.o", "", "", XdpMode::Native,
		 false},
	};
	for (const auto &r : rows) {
		CAPTURE(r.args);
		LoadOptions o;
		Status st = parse_load(r.args, o);
		REQUIRE(st.ok());
		CHECK(o.dev == r.dev);
		CHECK(o.obj == r.obj);
		CHECK(o.section == r.section);
		CHECK(o.prog == r.prog);
		CHECK(o.mode == r.mode);
		CHECK(o.replace == r.replace);
	}
}

TEST_CASE("usage errors say what is wrong", "[options]")
{
	struct Row {
		const char *cmd;
		Args args;
		std::string msg;
	};
	const Row rows[] = {
		{"load", {}, "missing DEV"},
		{"load", {"eth0"}, "missing OBJ"},
		{"load", {"eth0", "a.o", "b.o"}, "unexpected argument 'b.o'"},
		{"load", {"eth0", "a.o", "--section"},
		 "option '--section' needs an argument"},
		{"load", {"eth0", "a.o", "--mode", "fast"},
		 "invalid mode 'fast' (expected native, generic or offload)"},
		{"load", {"eth0", "a.o", "-s", "xdp", "-n", "f"},
		 "--section and --prog-name are mutually exclusive"},
		{"load", {"eth0", "a.o", "--prog", "f"},
		 "unknown option '--prog'"},
		{"load", {"eth0", "a.o", "--force"},
		 "--force only goes with --replace"},
		{"stats", {"eth0", "--filter="}, "empty filter pattern"},
		{"load", {"eth0", "id", "x"}, "invalid program id 'x'"},
		{"load", {"eth0", "id", "0"}, "invalid program id '0'"},
		{"load", {"eth0", "pinned", ""}, "empty pinned path"},
		{"load", {"eth0", "a.o", "b"}, "unexpected argument 'b'"},
		{"load", {"eth0", "id", "5", "-s", "xdp"},
		 "--section and --prog-name pick a program of an object, not of "
		 "id or pinned"},
		{"load", {"eth0", "a.o", "--bogus"}, "unknown option '--bogus'"},
		{"load", {"eth0", "a.o", "-x"}, "unknown option '-x'"},
		{"load", {"eth0", "a.o", "-rx"}, "unknown option '-x'"},
		{"load", {"eth0", "a.o", "--replace=1"},
		 "option '--replace' takes no argument"},
		{"load", {"eth0", "a.o", "--section="}, "empty section name"},
		{"unload", {}, "missing DEV"},
		{"unload", {"a", "b"}, "unexpected argument 'b'"},
		{"unload", {"a", "--mode", "x"},
		 "invalid mode 'x' (expected native, generic or offload)"},
		{"show", {"a", "b"}, "unexpected argument 'b'"},
		{"stats", {}, "missing DEV"},
		{"stats", {"eth0", "--watch=0"},
		 "invalid interval '0' (seconds, 0.01 to 86400)"},
		{"stats", {"eth0", "--watch=abc"},
		 "invalid interval 'abc' (seconds, 0.01 to 86400)"},
		{"stats", {"eth0", "--count", "3"}, "--count needs --watch"},
		{"stats", {"eth0", "-w", "--count", "0"}, "invalid count '0'"},
		{"stats", {"eth0", "-w", "--count", "-1"}, "invalid count '-1'"},
		{"stats", {"eth0", "-awc5"},
		 "invalid interval 'c5' (seconds, 0.01 to 86400)"},
	};
	for (const auto &r : rows) {
		CAPTURE(r.cmd, r.args);
		Status st;
		std::string c = r.cmd;
		if (c == "load") {
			LoadOptions o;
			st = parse_load(r.args, o);
		} else if (c == "unload") {
			UnloadOptions o;
			st = parse_unload(r.args, o);
		} else if (c == "show") {
			ShowOptions o;
			st = parse_show(r.args, o);
		} else if (c == "stats") {
			StatsOptions o;
			st = parse_stats(r.args, o);
		} else {
			SelftestOptions o;
			st = parse_selftest(r.args, o);
		}
		CHECK_FALSE(st.ok());
		CHECK(st.err == -EINVAL);
		CHECK(st.msg == r.msg);
	}
}

TEST_CASE("stats: --watch takes an optional number", "[options]")
{
	struct Row {
		Args args;
		std::string dev;
		bool watch;
		double interval;
		unsigned long count;
		bool all, json;
	};
	const Row rows[] = {
		{{"eth0"}, "eth0", false, 1.0, 0, false, false},
		{{"eth0", "--watch"}, "eth0", true, 1.0, 0, false, false},
		{{"--watch", "eth0"}, "eth0", true, 1.0, 0, false, false},
		{{"--watch", "2", "eth0"}, "eth0", true, 2.0, 0, false, false},
		{{"eth0", "-w", "0.5", "-c", "3"}, "eth0", true, 0.5, 3, false,
		 false},
		{{"eth0", "--watch=3", "--all", "--json"}, "eth0", true, 3.0, 0,
		 true, true},
		{{"-a", "-j", "eth0"}, "eth0", false, 1.0, 0, true, true},
		{{"-aj", "eth0"}, "eth0", false, 1.0, 0, true, true},
		{{"-ajw", "eth0"}, "eth0", true, 1.0, 0, true, true},
		{{"-jw2", "eth0"}, "eth0", true, 2.0, 0, false, true},
		{{"-aw", "-c5", "eth0"}, "eth0", true, 1.0, 5, true, false},
	};
	for (const auto &r : rows) {
		CAPTURE(r.args);
		StatsOptions o;
		REQUIRE(parse_stats(r.args, o).ok());
		CHECK(o.dev == r.dev);
		CHECK(o.watch == r.watch);
		CHECK(o.interval == Approx(r.interval));
		CHECK(o.count == r.count);
		CHECK(o.all == r.all);
		CHECK(o.json == r.json);
	}
}

TEST_CASE("--help needs no positionals", "[options]")
{
	LoadOptions l;
	REQUIRE(parse_load(Args{"--help"}, l).ok());
	CHECK(l.common.help);
	StatsOptions s;
	REQUIRE(parse_stats(Args{"-h"}, s).ok());
	CHECK(s.common.help);
	UnloadOptions u;
	REQUIRE(parse_unload(Args{"-v", "eth0"}, u).ok());
	CHECK(u.common.verbose);
	CHECK_FALSE(u.common.help);
}

TEST_CASE("show and selftest options", "[options]")
{
	ShowOptions sh;
	REQUIRE(parse_show(Args{}, sh).ok());
	CHECK(sh.dev.empty());
	CHECK_FALSE(sh.json);
	REQUIRE(parse_show(Args{"v0", "--json"}, sh).ok());
	CHECK(sh.dev == "v0");
	CHECK(sh.json);

	SelftestOptions st;
	REQUIRE(parse_selftest(Args{"xdpctl", "--list", "--dir", "/x", "own_pool"}, st).ok());
	CHECK(st.filters == std::vector<std::string>{"xdpctl", "own_pool"});
	CHECK(st.list);
	CHECK(st.dir == "/x");
}

TEST_CASE("global part of the command line", "[options]")
{
	Invocation inv;
	REQUIRE(parse_invocation(Args{"-v", "load", "eth0", "a.o"}, inv).ok());
	CHECK(inv.verbose);
	CHECK(inv.command == "load");
	CHECK(inv.args == Args{"eth0", "a.o"});

	REQUIRE(parse_invocation(Args{"--help"}, inv).ok());
	CHECK(inv.help);
	CHECK(inv.command.empty());

	Status st = parse_invocation(Args{}, inv);
	CHECK(st.msg == "missing command");
	st = parse_invocation(Args{"--frob", "load"}, inv);
	CHECK(st.msg == "unknown option '--frob'");
}

TEST_CASE("numbers and modes", "[options]")
{
	double d;
	CHECK(parse_double("1.5", 0, 10, d));
	CHECK(d == 1.5);
	CHECK_FALSE(parse_double("1e3", 0, 1e9, d));
	CHECK_FALSE(parse_double("-1", -5, 10, d));
	CHECK_FALSE(parse_double("nan", 0, 10, d));
	CHECK_FALSE(parse_double("11", 0, 10, d));
	unsigned long u;
	CHECK(parse_uint("42", 100, u));
	CHECK(u == 42);
	CHECK_FALSE(parse_uint("101", 100, u));
	CHECK_FALSE(parse_uint("4x", 100, u));
	CHECK_FALSE(parse_uint("", 100, u));

	XdpMode m;
	CHECK((parse_mode("hw", m) && m == XdpMode::Offload));
	CHECK((parse_mode("native", m) && m == XdpMode::Native));
	CHECK_FALSE(parse_mode("Native", m));
	CHECK(mode_name(XdpMode::Generic) == "generic");
}

TEST_CASE("option help lists every option", "[options]")
{
	std::string h = format_option_help(stats_specs());
	CHECK(h.find("--watch [SECS]") != std::string::npos);
	CHECK(h.find("-a, --all") != std::string::npos);
	CHECK(h.find("-v, --verbose") != std::string::npos);
}
