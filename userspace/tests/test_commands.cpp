// SPDX-License-Identifier: GPL-2.0-only
/* The commands end to end against fake kernel interfaces. */
#include <catch2/catch.hpp>

#include "fakes.hpp"

#include "stats.hpp"
#include "status.hpp"

#include <bpf/libbpf.h>
#include <linux/if_link.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

using namespace xdpctl;
using namespace xdpctl::test;

namespace {

void setup_veth(Harness &h)
{
	h.link.add("v0", 3);
	h.link.add("v1", 4);
	h.bpf.progs[100] = {100, "xdp_drop_prog", "0123456789abcdef"};
	h.bpf.progs[101] = {101, "xdp_pass_prog", "fedcba9876543210"};
}

} // namespace

TEST_CASE("load attaches natively and refuses to replace silently",
	  "[commands]")
{
	Harness h;
	setup_veth(h);
	CHECK(h.run({"load", "v0", "drop.o", "--section", "xdp"}) == EXIT_OK);
	CHECK(h.err.str().empty());
	CHECK(h.out.str().empty());
	REQUIRE(h.bpf.loads.size() == 1);
	CHECK(h.bpf.loads[0].obj == "drop.o");
	CHECK(h.bpf.loads[0].section == "xdp");
	REQUIRE(h.link.requests.size() == 1);
	const auto &req = h.link.requests[0];
	CHECK(req.ifindex == 3);
	CHECK(req.fd == 42);
	CHECK(req.flags == (XDP_FLAGS_DRV_MODE | XDP_FLAGS_UPDATE_IF_NOEXIST));
	CHECK_FALSE(req.has_expected_fd);
	CHECK(h.link.links["v0"].prog_id(XdpMode::Native) == 100);
}

TEST_CASE("load -v says what it attached", "[commands]")
{
	Harness h;
	setup_veth(h);
	CHECK(h.run({"-v", "load", "v0", "drop.o", "--mode", "generic"}) ==
	      EXIT_OK);
	CHECK(h.out.str() == "v0: attached xdp_drop_prog (section xdp) in "
			     "generic mode, maps: stats\n");
	h.out.str("");
	CHECK(h.run({"unload", "v0", "-v"}) == EXIT_OK);
	CHECK(h.out.str() == "v0: detached generic program\n");
}

TEST_CASE("load --replace expects the attached program", "[commands]")
{
	Harness h;
	setup_veth(h);
	REQUIRE(h.run({"load", "v0", "a.o"}) == EXIT_OK);
	REQUIRE(h.run({"load", "v0", "b.o", "--replace"}) == EXIT_OK);
	REQUIRE(h.link.requests.size() == 2);
	const auto &req = h.link.requests[1];
	CHECK(req.flags == (XDP_FLAGS_DRV_MODE | XDP_FLAGS_REPLACE));
	CHECK(req.has_expected_fd);
	CHECK(req.expected_fd >= 0);
	CHECK(h.link.links["v0"].prog_id(XdpMode::Native) == 101);

	/* nothing attached in generic mode: expect "none" (-1) */
	REQUIRE(h.run({"load", "v1", "b.o", "--replace", "--mode",
		       "generic"}) == EXIT_OK);
	CHECK(h.link.requests[2].flags ==
	      (XDP_FLAGS_SKB_MODE | XDP_FLAGS_REPLACE));
	CHECK(h.link.requests[2].expected_fd == -1);
}

TEST_CASE("each bad input is one clear line and a fixed exit code",
	  "[commands]")
{
	struct Row {
		const char *what;
		std::vector<std::string> argv;
		int set_error;		/* kernel refuses set_xdp */
		const char *extack;
		Status load;		/* bpf load result */
		int exit;
		std::string line;
	};
	const Row rows[] = {
		{"unknown device", {"load", "nope0", "a.o"}, 0, "", {}, 1,
		 "xdpctl: nope0: no such device"},
		{"extack printed verbatim", {"load", "v0", "a.o"}, -EOPNOTSUPP,
		 "Underlying driver does not support XDP in native mode.", {},
		 1, "xdpctl: v0: Underlying driver does not support XDP in "
		 "native mode."},
		{"driver without XDP, no extack", {"load", "v0", "a.o"},
		 -EOPNOTSUPP, "", {}, 1,
		 "xdpctl: v0: driver does not support XDP in native mode"},
		{"permission denied", {"load", "v0", "a.o"}, -EPERM, "", {}, 1,
		 "xdpctl: v0: permission denied (needs root or CAP_NET_ADMIN)"},
		{"object without that section",
		 {"load", "v0", "a.o", "--section", "foo"}, 0, "",
		 Status::fail(-ENOENT, "a.o: no program in section 'foo' "
			      "(programs: xdp_drop_prog in 'xdp')"), 1,
		 "xdpctl: v0: a.o: no program in section 'foo' (programs: "
		 "xdp_drop_prog in 'xdp')"},
		{"unknown mode", {"load", "v0", "a.o", "--mode", "turbo"}, 0, "",
		 {}, 2, "xdpctl: load: invalid mode 'turbo' (expected native, "
		 "generic or offload) (see 'xdpctl load --help')"},
		{"unknown command", {"frob"}, 0, "", {}, 2,
		 "xdpctl: unknown command 'frob' (see 'xdpctl --help')"},
		{"missing argument", {"unload"}, 0, "", {}, 2,
		 "xdpctl: unload: missing DEV (see 'xdpctl unload --help')"},
		{"unload with nothing attached", {"unload", "v0"}, 0, "", {}, 1,
		 "xdpctl: v0: no XDP program attached"},
		{"unload of a mode not attached",
		 {"unload", "v0", "--mode", "generic"}, 0, "", {}, 1,
		 "xdpctl: v0: no XDP program attached in generic mode"},
		{"show of an unknown device", {"show", "x9"}, 0, "", {}, 1,
		 "xdpctl: x9: no such device"},
		{"stats of an unknown device", {"stats", "x9"}, 0, "", {}, 1,
		 "xdpctl: x9: no such device"},
	};
	for (const auto &r : rows) {
		CAPTURE(r.what);
		Harness h;
		setup_veth(h);
		h.link.set_error = r.set_error;
		h.link.set_extack = r.extack;
		h.bpf.load_status = r.load;
		CHECK(h.run(r.argv) == r.exit);
		CHECK(h.err.str() == r.line + "\n");
		CHECK(h.out.str().empty());
	}
}

TEST_CASE("unload detaches every attached mode", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.link.links["v0"].progs = {{XdpMode::Native, 100},
				    {XdpMode::Generic, 101}};
	REQUIRE(h.run({"unload", "v0"}) == EXIT_OK);
	REQUIRE(h.link.requests.size() == 2);
	CHECK(h.link.requests[0].fd == -1);
	CHECK(h.link.requests[0].flags == XDP_FLAGS_DRV_MODE);
	CHECK(h.link.requests[1].flags == XDP_FLAGS_SKB_MODE);
	CHECK(h.link.links["v0"].progs.empty());
}

TEST_CASE("show as a table and as JSON", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.link.links["v0"].progs = {{XdpMode::Native, 100}};
	h.link.links["v1"].progs = {{XdpMode::Generic, 555}};	/* unknown id */

	REQUIRE(h.run({"show", "--json"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "[{\"ifname\":\"v0\",\"ifindex\":3,\"mode\":\"native\","
	      "\"id\":100,\"name\":\"xdp_drop_prog\","
	      "\"tag\":\"0123456789abcdef\"},"
	      "{\"ifname\":\"v1\",\"ifindex\":4,\"mode\":\"generic\","
	      "\"id\":555,\"name\":null,\"tag\":null}]\n");

	h.out.str("");
	REQUIRE(h.run({"show", "v0"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "DEV   IFINDEX  MODE     ID      NAME              TAG\n"
	      "v0    3        native   100     xdp_drop_prog     "
	      "0123456789abcdef\n");

	h.out.str("");
	h.link.links["v0"].progs.clear();
	REQUIRE(h.run({"show", "v0"}) == EXIT_OK);
	CHECK(h.out.str() == "v0: no XDP program attached\n");
	h.out.str("");
	REQUIRE(h.run({"show", "v0", "--json"}) == EXIT_OK);
	CHECK(h.out.str() == "[]\n");
}

TEST_CASE("stats picks the XDP counters of the driver", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.ethtool.driver = "veth";
	h.ethtool.names = {"peer_ifindex", "rx_queue_0_bytes",
			   "rx_queue_0_xdp_packets", "rx_queue_0_xdp_drops",
			   "tx_queue_0_xdp_xmit"};
	h.ethtool.values = {4, 999, 10, 7, 3};

	REQUIRE(h.run({"stats", "v0"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "rx_queue_0_xdp_packets  10\n"
	      "rx_queue_0_xdp_drops    7\n"
	      "tx_queue_0_xdp_xmit     3\n");

	h.out.str("");
	REQUIRE(h.run({"stats", "v0", "--json"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "{\"schema_version\":1,\"ifname\":\"v0\",\"driver\":\"veth\","
	      "\"time\":1800000000.000,\"interval\":null,\"counters\":{"
	      "\"rx_queue_0_xdp_packets\":{\"value\":10,\"rate\":null},"
	      "\"rx_queue_0_xdp_drops\":{\"value\":7,\"rate\":null},"
	      "\"tx_queue_0_xdp_xmit\":{\"value\":3,\"rate\":null}}}\n");
}

TEST_CASE("stats --all adds page_pool counters", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.ethtool.driver = "mvneta";
	h.ethtool.names = {"rx_xdp_drop", "skb_alloc_errors",
			   "rx_pp_alloc_fast"};
	h.ethtool.values = {5, 0, 64};
	REQUIRE(h.run({"stats", "v0", "--all", "--json"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "{\"schema_version\":1,\"ifname\":\"v0\",\"driver\":\"mvneta\","
	      "\"time\":1800000000.000,\"interval\":null,\"counters\":{"
	      "\"rx_xdp_drop\":{\"value\":5,\"rate\":null},"
	      "\"rx_pp_alloc_fast\":{\"value\":64,\"rate\":null}}}\n");
}

TEST_CASE("stats says clearly when a driver exports none", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.ethtool.driver = "e1000";
	h.ethtool.names = {"rx_packets", "tx_packets"};
	h.ethtool.values = {1, 2};
	CHECK(h.run({"stats", "v0"}) == EXIT_FAILED);
	CHECK(h.err.str() == "xdpctl: v0: driver 'e1000' exports no XDP "
			     "counters (2 statistics, none named *xdp*)\n");

	Harness lo;
	setup_veth(lo);
	lo.ethtool.driver = "";
	lo.ethtool.names_error = -EOPNOTSUPP;
	CHECK(lo.run({"stats", "v0"}) == EXIT_FAILED);
	CHECK(lo.err.str() ==
	      "xdpctl: v0: the driver exports no statistics (ethtool -S)\n");
}

TEST_CASE("stats --watch prints per-second rates", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.ethtool.driver = "mvneta";
	h.ethtool.names = {"rx_xdp_drop", "rx_xdp_pass"};
	h.ethtool.values = {100, 10};
	int step = 0;
	h.clock.on_sleep = [&] {
		step++;
		if (step == 1)
			h.ethtool.values = {300, 10};
		else
			h.ethtool.values = {50, 14};	/* drop counter reset */
	};
	REQUIRE(h.run({"stats", "v0", "--watch", "2", "--count", "2",
		       "--json"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "{\"schema_version\":1,\"ifname\":\"v0\",\"driver\":\"mvneta\","
	      "\"time\":1800000002.000,\"interval\":2.000000,"
	      "\"counters\":{\"rx_xdp_drop\":{\"value\":300,\"rate\":100.000},"
	      "\"rx_xdp_pass\":{\"value\":10,\"rate\":0.000}}}\n"
	      "{\"schema_version\":1,\"ifname\":\"v0\",\"driver\":\"mvneta\","
	      "\"time\":1800000004.000,\"interval\":2.000000,"
	      "\"counters\":{\"rx_xdp_drop\":{\"value\":50,\"rate\":25.000,"
	      "\"reset\":true},\"rx_xdp_pass\":{\"value\":14,\"rate\":2.000}}}\n");

	Harness t;
	setup_veth(t);
	t.ethtool.names = {"rx_xdp_drop"};
	t.ethtool.values = {1};
	t.clock.on_sleep = [&] { t.ethtool.values = {3}; };
	REQUIRE(t.run({"stats", "v0", "-w", "-c", "1"}) == EXIT_OK);
	CHECK(t.out.str() ==
	      "COUNTER" + std::string(17, ' ') + "VALUE" +
	      std::string(7, ' ') + "PER SEC\n"
	      "rx_xdp_drop" + std::string(17, ' ') + "3" +
	      std::string(11, ' ') + "2.0\n\n");
}

TEST_CASE("help texts", "[commands]")
{
	Harness h;
	REQUIRE(h.run({"--help"}) == EXIT_OK);
	for (auto c : command_table())
		CHECK(h.out.str().find(std::string("  ") + std::string(c.name)) !=
		      std::string::npos);
	h.out.str("");
	REQUIRE(h.run({"stats", "--help"}) == EXIT_OK);
	CHECK(h.out.str().rfind("Usage: xdpctl stats DEV", 0) == 0);
	h.out.str("");
	REQUIRE(h.run({"help", "load"}) == EXIT_OK);
	CHECK(h.out.str().rfind("Usage: xdpctl load DEV OBJ", 0) == 0);
	CHECK(h.err.str().empty());
}

TEST_CASE("libbpf's own error codes are words, not 'Unknown error'", "[commands]")
{
	/* what bpf_object__open_file() leaves in errno for a file that is
	 * not an ELF object, e.g. /etc/passwd */
	std::string t = errno_text(-LIBBPF_ERRNO__FORMAT);
	CHECK(t.find("Unknown error") == std::string::npos);
	CHECK(t.find("format") != std::string::npos);
	CHECK(errno_text(-ENOENT) == std::strerror(ENOENT));
}

TEST_CASE("-j before the command, as ip -j", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.link.links["v0"].progs = {{XdpMode::Native, 100}};

	REQUIRE(h.run({"show", "v0", "--json"}) == EXIT_OK);
	std::string after = h.out.str();
	h.out.str("");
	REQUIRE(h.run({"-j", "show", "v0"}) == EXIT_OK);
	CHECK(h.out.str() == after);
	h.out.str("");
	REQUIRE(h.run({"--json", "show"}) == EXIT_OK);
	CHECK(h.out.str().front() == '[');

	/* a command without JSON output says so instead of ignoring -j */
	CHECK(h.run({"-j", "unload", "v0"}) == EXIT_USAGE);
	CHECK(h.err.str() == "xdpctl: 'unload' has no JSON output\n");
	CHECK(!h.link.links["v0"].progs.empty());
}

TEST_CASE("load over an attached program says to use --replace", "[commands]")
{
	/* the kernel's own words (extack) come with the hint too */
	for (const char *extack : {"", "XDP program already attached"}) {
		CAPTURE(extack);
		Harness h;
		setup_veth(h);
		h.link.set_error = -EBUSY;
		h.link.set_extack = extack;
		CHECK(h.run({"load", "v0", "a.o"}) == EXIT_FAILED);
		CHECK(h.err.str().find("(use --replace)\n") != std::string::npos);
	}
	/* with --replace the hint would be wrong */
	Harness r;
	setup_veth(r);
	r.link.set_error = -EBUSY;
	r.link.set_extack = "XDP program already attached";
	CHECK(r.run({"load", "v0", "a.o", "--replace"}) == EXIT_FAILED);
	CHECK(r.err.str() == "xdpctl: v0: XDP program already attached\n");
}

TEST_CASE("-n/--prog-name as xdp-loader spells it; -p is its --pin-path",
	  "[commands]")
{
	Harness h;
	setup_veth(h);
	CHECK(h.run({"load", "v0", "a.o", "-n", "xdp_drop_prog"}) == EXIT_OK);
	CHECK(h.run({"load", "v0", "a.o", "--prog-name=xdp_pass_prog",
		     "--replace"}) == EXIT_OK);
	REQUIRE(h.bpf.loads.size() == 2);
	CHECK(h.bpf.loads[0].prog == "xdp_drop_prog");
	CHECK(h.bpf.loads[1].prog == "xdp_pass_prog");

	Harness p;
	setup_veth(p);
	CHECK(p.run({"load", "v0", "a.o", "-p", "/sys/fs/bpf/x"}) == EXIT_USAGE);
	CHECK(p.err.str() == "xdpctl: load: -p/--pin-path (xdp-loader's) is "
			     "not supported: xdpctl does not pin; a program "
			     "by name is -n/--prog-name (see 'xdpctl load "
			     "--help')\n");
	CHECK(p.bpf.loads.empty());
}

TEST_CASE("stats JSON: one shape once and with --watch", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.ethtool.driver = "mvneta";
	h.ethtool.names = {"rx_xdp_drop", "rx_xdp_pass"};
	h.ethtool.values = {100, 10};
	h.clock.on_sleep = [&] { h.ethtool.values = {300, 10}; };
	REQUIRE(h.run({"stats", "v0", "--json"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "{\"schema_version\":1,\"ifname\":\"v0\",\"driver\":\"mvneta\","
	      "\"time\":1800000000.000,\"interval\":null,\"counters\":{"
	      "\"rx_xdp_drop\":{\"value\":100,\"rate\":null},"
	      "\"rx_xdp_pass\":{\"value\":10,\"rate\":null}}}\n");
	h.out.str("");
	REQUIRE(h.run({"stats", "v0", "--json", "-w", "2", "-c", "1"}) ==
		EXIT_OK);
	CHECK(h.out.str() ==
	      "{\"schema_version\":1,\"ifname\":\"v0\",\"driver\":\"mvneta\","
	      "\"time\":1800000002.000,\"interval\":2.000000,\"counters\":{"
	      "\"rx_xdp_drop\":{\"value\":300,\"rate\":100.000},"
	      "\"rx_xdp_pass\":{\"value\":10,\"rate\":0.000}}}\n");
}

TEST_CASE("stats --filter PATTERN and --nonzero", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.ethtool.names = {"rx_xdp_drop", "rx_xdp_pass", "rx_xdp_tx",
			   "tx_xdp_xmit", "rx_pp_alloc_fast"};
	h.ethtool.values = {5, 0, 7, 0, 64};
	REQUIRE(h.run({"stats", "v0", "--filter", "rx_*"}) == EXIT_OK);
	CHECK(h.out.str() == "rx_xdp_drop  5\nrx_xdp_pass  0\nrx_xdp_tx    7\n");
	h.out.str("");
	REQUIRE(h.run({"stats", "v0", "-z"}) == EXIT_OK);
	CHECK(h.out.str() == "rx_xdp_drop  5\nrx_xdp_tx    7\n");
	h.out.str("");
	REQUIRE(h.run({"stats", "v0", "--all", "--nonzero", "-f", "*pp*"}) ==
		EXIT_OK);
	CHECK(h.out.str() == "rx_pp_alloc_fast  64\n");
	/* a pattern that matches nothing is an error, not an empty list */
	CHECK(h.run({"stats", "v0", "--filter", "nope*"}) == EXIT_FAILED);
	CHECK(h.err.str() == "xdpctl: v0: no XDP counter of driver 'fakedrv' "
			     "matches 'nope*'\n");
}

TEST_CASE("errors are JSON under -j", "[commands]")
{
	Harness h;
	setup_veth(h);
	CHECK(h.run({"-j", "stats", "x9"}) == EXIT_FAILED);
	CHECK(h.out.str() == "{\"schema_version\":1,\"error\":{\"subject\":"
			     "\"x9\",\"message\":\"no such device\"}}\n");
	CHECK(h.err.str().empty());
	Harness s;
	setup_veth(s);
	CHECK(s.run({"show", "x9", "--json"}) == EXIT_FAILED);
	CHECK(s.out.str() == "{\"schema_version\":1,\"error\":{\"subject\":"
			     "\"x9\",\"message\":\"no such device\"}}\n");
}

TEST_CASE("a libxdp dispatcher is left to xdp-loader without --force",
	  "[commands]")
{
	const std::string refusal =
		"xdpctl: v0: the program attached (id 200) is a libxdp "
		"dispatcher: use xdp-loader (or --force)\n";
	Harness h;
	setup_veth(h);
	h.bpf.progs[200] = {200, "xdp_dispatcher", "00112233445566ff"};
	h.link.links["v0"].progs = {{XdpMode::Native, 200}};
	CHECK(h.run({"unload", "v0"}) == EXIT_FAILED);
	CHECK(h.err.str() == refusal);
	CHECK(h.link.requests.empty());
	h.err.str("");
	CHECK(h.run({"load", "v0", "a.o", "--replace"}) == EXIT_FAILED);
	CHECK(h.err.str() == refusal);
	CHECK(h.link.requests.empty());
	h.err.str("");
	CHECK(h.run({"load", "v0", "a.o", "--replace", "--force"}) == EXIT_OK);
	CHECK(h.run({"unload", "v0", "--force"}) == EXIT_OK);
	CHECK(h.link.links["v0"].progs.empty());
}

TEST_CASE("bash completion matches the option tables", "[commands]")
{
	std::ifstream f(XDPCTL_SOURCE_ROOT "/userspace/xdpctl.bash-completion");
	REQUIRE(f);
	std::string text((std::istreambuf_iterator<char>(f)),
			 std::istreambuf_iterator<char>());
	auto words = [](const std::string &s, char sep) {
		std::set<std::string> w;
		std::istringstream in(s);
		std::string t;
		while (std::getline(in, t, sep)) {
			t.erase(0, t.find_first_not_of(' '));
			t.erase(t.find_last_not_of(' ') + 1);
			if (!t.empty())
				w.insert(t);
		}
		return w;
	};
	std::set<std::string> with_arg;
	for (const auto &c : command_table()) {
		CAPTURE(c.name);
		std::set<std::string> want;
		for (const auto &s : c.specs()) {
			want.insert("--" + std::string(s.long_name));
			if (s.arg == ArgKind::Required) {
				with_arg.insert("--" + std::string(s.long_name));
				if (s.short_name)
					with_arg.insert(std::string("-") + s.short_name);
			}
		}
		std::string key = "\t" + std::string(c.name) + ") opts=\"";
		size_t at = text.find(key);
		REQUIRE(at != std::string::npos);
		at += key.size();
		CHECK(words(text.substr(at, text.find('"', at) - at), ' ') == want);
	}
	/* the options whose argument is the next word */
	size_t end = text.find(") skip=1");
	REQUIRE(end != std::string::npos);
	size_t start = text.rfind('\t', end) + 1;
	CHECK(words(text.substr(start, end - start), '|') == with_arg);
}

TEST_CASE("load attaches a loaded program by id N or pinned PATH", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.bpf.pinned["/sys/fs/bpf/p"] = 101;
	CHECK(h.run({"load", "v0", "id", "100"}) == EXIT_OK);
	CHECK(h.run({"load", "v1", "pinned", "/sys/fs/bpf/p"}) == EXIT_OK);
	CHECK(h.err.str().empty());
	CHECK(h.bpf.loads.empty());	/* no object opened */
	REQUIRE(h.link.requests.size() == 2);
	CHECK(h.link.requests[0].fd >= 0);
	CHECK(h.link.requests[0].flags ==
	      (XDP_FLAGS_DRV_MODE | XDP_FLAGS_UPDATE_IF_NOEXIST));
	CHECK(h.link.requests[1].ifindex == 4);

	Harness e;
	setup_veth(e);
	CHECK(e.run({"load", "v0", "id", "999"}) == EXIT_FAILED);
	CHECK(e.err.str() == "xdpctl: v0: no program with id 999\n");
	e.err.str("");
	CHECK(e.run({"load", "v0", "pinned", "/sys/fs/bpf/nope"}) == EXIT_FAILED);
	CHECK(e.err.str() == "xdpctl: v0: /sys/fs/bpf/nope: nothing pinned there\n");
	e.err.str("");
	/* the kernel refuses a program of another type without extack */
	e.link.set_error = -EINVAL;
	CHECK(e.run({"load", "v0", "id", "101"}) == EXIT_FAILED);
	CHECK(e.err.str() == "xdpctl: v0: program id 101 is not an XDP "
			     "program the device takes (Invalid argument)\n");
	CHECK(e.link.requests.size() == 1);
}

TEST_CASE("stats --per-queue adds the per-queue counters", "[commands]")
{
	Harness h;
	setup_veth(h);
	h.ethtool.driver = "mvneta";
	h.ethtool.names = {"rx_xdp_drop", "good_frames_received",
			   "rxq0_packets", "rxq0_dropped", "rxq1_packets",
			   "txq0_packets", "rxqueue_bytes"};
	h.ethtool.values = {5, 9, 3, 0, 4, 2, 1};
	/* a table per kind of queue; --nonzero drops all-zero rows and columns */
	REQUIRE(h.run({"stats", "v0", "--per-queue", "--nonzero"}) == EXIT_OK);
	CHECK(h.out.str() == "rx_xdp_drop  5\n"
			     "\nrxq  packets\n  0        3\n  1        4\n"
			     "\ntxq  packets\n  0        2\n");
	h.out.str("");
	REQUIRE(h.run({"stats", "v0", "--per-queue"}) == EXIT_OK);
	CHECK(h.out.str() == "rx_xdp_drop  5\n"
			     "\nrxq  packets  dropped\n  0        3        0\n"
			     "  1        4        -\n"
			     "\ntxq  packets\n  0        2\n");
	h.out.str("");
	REQUIRE(h.run({"stats", "v0", "-q", "-f", "rxq1_*"}) == EXIT_OK);
	CHECK(h.out.str() == "\nrxq  packets\n  1        4\n");
	h.out.str("");
	/* with --watch the per-queue counters are rows of the rate table */
	REQUIRE(h.run({"stats", "v0", "-q", "-f", "rxq1_*", "--watch", "--count", "1"}) == EXIT_OK);
	CHECK(h.out.str().find("rxq1_packets") != std::string::npos);
	CHECK(classify_counter("rx_queue_3_bytes") == CounterClass::Queue);
	CHECK(classify_counter("rx_queue_3_xdp_packets") == CounterClass::Xdp);
	CHECK(classify_counter("rxqx_packets") == CounterClass::Other);
}
