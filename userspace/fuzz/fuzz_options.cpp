// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the command-line parser. The input is argv, words
 * separated by NUL bytes; every command's parser runs on what follows the
 * command word. Invariants: no crash, usage errors are -EINVAL with a
 * message, and a successful parse fills what the command requires.
 */
#include "options.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdlib>

using namespace xdpctl;

namespace {

void check(bool ok)
{
	if (!ok)
		std::abort();
}

void check_status(const Status &st)
{
	if (!st.ok())
		check(st.err == -EINVAL && !st.msg.empty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	std::vector<std::string> argv;
	std::string cur;
	for (size_t i = 0; i < size; i++) {
		if (data[i] == 0) {
			argv.push_back(cur);
			cur.clear();
		} else {
			cur += static_cast<char>(data[i]);
		}
	}
	argv.push_back(cur);

	Invocation inv;
	Status st = parse_invocation(argv, inv);
	check_status(st);
	if (!st.ok())
		return 0;

	const std::string &c = inv.command;
	if (c == "load") {
		LoadOptions o;
		st = parse_load(inv.args, o);
		if (st.ok() && !o.common.help) {
			check(!o.dev.empty() || inv.args.size() >= 2);
			check(o.section.empty() || o.prog.empty());
		}
	} else if (c == "unload") {
		UnloadOptions o;
		st = parse_unload(inv.args, o);
	} else if (c == "show") {
		ShowOptions o;
		st = parse_show(inv.args, o);
	} else if (c == "stats") {
		StatsOptions o;
		st = parse_stats(inv.args, o);
		if (st.ok() && !o.common.help) {
			check(o.interval >= 0.01 && o.interval <= 86400);
			check(o.count == 0 || o.watch);
		}
	} else if (c == "selftest") {
		SelftestOptions o;
		st = parse_selftest(inv.args, o);
	} else {
		/* the generic splitter on the stats table */
		ParsedArgs pa;
		st = parse_args(inv.args, stats_specs(), pa);
		if (st.ok()) {
			/* grouped flags give several options per word */
			size_t chars = 0;
			for (const auto &a : inv.args)
				chars += a.size();
			check(pa.positional.size() <= inv.args.size());
			check(pa.opts.size() <= chars);
		}
	}
	check_status(st);
	return 0;
}
