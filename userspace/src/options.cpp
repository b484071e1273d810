// SPDX-License-Identifier: GPL-2.0-only
#include "options.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace xdpctl {

namespace {

enum OptId {
	OPT_HELP = 1,
	OPT_VERBOSE,
	OPT_SECTION,
	OPT_PROG,
	OPT_MODE,
	OPT_REPLACE,
	OPT_JSON,
	OPT_ALL,
	OPT_WATCH,
	OPT_COUNT,
	OPT_LIST,
	OPT_DIR,
};

#define COMMON_SPECS                                                          \
	{"help", 'h', ArgKind::None, OPT_HELP, "", "show this help"},        \
	{"verbose", 'v', ArgKind::None, OPT_VERBOSE, "",                     \
	 "verbose output (libbpf messages, verifier log)"}

constexpr OptSpec kLoadSpecs[] = {
	{"section", 's', ArgKind::Required, OPT_SECTION, "SECTION",
	 "program in ELF section SECTION (e.g. xdp)"},
	{"prog", 'p', ArgKind::Required, OPT_PROG, "NAME",
	 "program named NAME (function name)"},
	{"mode", 'm', ArgKind::Required, OPT_MODE, "MODE",
	 "native (default), generic or offload"},
	{"replace", 'r', ArgKind::None, OPT_REPLACE, "",
	 "atomically replace the program attached now"},
	COMMON_SPECS,
};

constexpr OptSpec kUnloadSpecs[] = {
	{"mode", 'm', ArgKind::Required, OPT_MODE, "MODE",
	 "detach only this mode (default: whatever is attached)"},
	COMMON_SPECS,
};

constexpr OptSpec kShowSpecs[] = {
	{"json", 'j', ArgKind::None, OPT_JSON, "", "JSON output"},
	COMMON_SPECS,
};

constexpr OptSpec kStatsSpecs[] = {
	{"all", 'a', ArgKind::None, OPT_ALL, "",
	 "also page_pool counters (rx_pp_*)"},
	{"watch", 'w', ArgKind::OptionalNumber, OPT_WATCH, "[SECS]",
	 "repeat every SECS seconds (default 1) with per-second rates"},
	{"count", 'c', ArgKind::Required, OPT_COUNT, "N",
	 "with --watch: stop after N samples"},
	{"json", 'j', ArgKind::None, OPT_JSON, "",
	 "JSON output (one object per sample)"},
	COMMON_SPECS,
};

constexpr OptSpec kSelftestSpecs[] = {
	{"list", 'l', ArgKind::None, OPT_LIST, "",
	 "list the cases and their summaries"},
	{"dir", 'd', ArgKind::Required, OPT_DIR, "DIR",
	 "cases directory (default: $SRC/selftests/cases)"},
	COMMON_SPECS,
};

const OptSpec *find_long(std::span<const OptSpec> specs, std::string_view n)
{
	for (const auto &s : specs)
		if (s.long_name == n)
			return &s;
	return nullptr;
}

const OptSpec *find_short(std::span<const OptSpec> specs, char c)
{
	for (const auto &s : specs)
		if (s.short_name && s.short_name == c)
			return &s;
	return nullptr;
}

bool looks_numeric(std::string_view s)
{
	double d;
	return parse_double(s, 0, 1e9, d);
}

Status usage(std::string msg)
{
	return Status::fail(-EINVAL, std::move(msg));
}

/* apply_common - handle -h/-v; true when @o was one of them */
bool apply_common(const ParsedOpt &o, CommonOptions &c)
{
	if (o.id == OPT_HELP) {
		c.help = true;
		return true;
	}
	if (o.id == OPT_VERBOSE) {
		c.verbose = true;
		return true;
	}
	return false;
}

Status positionals(const ParsedArgs &pa, size_t min, size_t max,
		   std::string_view what)
{
	if (pa.positional.size() < min)
		return usage("missing " + std::string(what));
	if (pa.positional.size() > max)
		return usage("unexpected argument '" + pa.positional[max] + "'");
	return Status::success();
}

Status mode_arg(const ParsedOpt &o, XdpMode &m)
{
	if (!parse_mode(o.value, m))
		return usage("invalid mode '" + o.value +
			     "' (expected native, generic or offload)");
	return Status::success();
}

} // namespace

bool parse_double(std::string_view s, double min, double max, double &out)
{
	if (s.empty() || s.size() > 32)
		return false;
	for (char c : s)
		if (!((c >= '0' && c <= '9') || c == '.'))
			return false;
	std::string tmp(s);
	char *end = nullptr;
	errno = 0;
	double d = std::strtod(tmp.c_str(), &end);
	if (errno || end != tmp.c_str() + tmp.size() || !std::isfinite(d) ||
	    d < min || d > max)
		return false;
	out = d;
	return true;
}

bool parse_uint(std::string_view s, unsigned long max, unsigned long &out)
{
	unsigned long v = 0;
	if (s.empty())
		return false;
	auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (ec != std::errc() || p != s.data() + s.size() || v > max)
		return false;
	out = v;
	return true;
}

std::string_view mode_name(XdpMode m)
{
	switch (m) {
	case XdpMode::Native: return "native";
	case XdpMode::Generic: return "generic";
	case XdpMode::Offload: return "offload";
	case XdpMode::Unspec: break;
	}
	return "unspec";
}

bool parse_mode(std::string_view s, XdpMode &out)
{
	if (s == "native" || s == "drv")
		out = XdpMode::Native;
	else if (s == "generic" || s == "skb")
		out = XdpMode::Generic;
	else if (s == "offload" || s == "hw")
		out = XdpMode::Offload;
	else
		return false;
	return true;
}

Status parse_args(std::span<const std::string> args,
		  std::span<const OptSpec> specs, ParsedArgs &out)
{
	out = {};
	bool only_pos = false;

	for (size_t i = 0; i < args.size(); i++) {
		const std::string &a = args[i];

		if (only_pos || a.size() < 2 || a[0] != '-') {
			out.positional.push_back(a);
			continue;
		}
		if (a == "--") {
			only_pos = true;
			continue;
		}

		const OptSpec *spec;
		std::string shown;
		bool inline_val = false;
		std::string val;

		if (a[1] == '-') {
			std::string_view body(a);
			body.remove_prefix(2);
			size_t eq = body.find('=');
			std::string_view name = body.substr(0, eq);
			if (eq != std::string_view::npos) {
				inline_val = true;
				val = std::string(body.substr(eq + 1));
			}
			spec = find_long(specs, name);
			shown = "--" + std::string(name);
		} else {
			/* "-x", "-xVALUE" or flags grouped: "-aj" */
			size_t k = 1;
			for (;;) {
				spec = find_short(specs, a[k]);
				shown = std::string("-") + a[k];
				if (!spec || spec->arg != ArgKind::None ||
				    k + 1 == a.size())
					break;
				out.opts.push_back({spec->id, false, {}});
				k++;
			}
			if (spec && k + 1 < a.size()) {
				inline_val = true;
				val = a.substr(k + 1);
			}
		}
		if (!spec)
			return usage("unknown option '" + shown + "'");

		ParsedOpt po{spec->id, false, {}};
		switch (spec->arg) {
		case ArgKind::None:
			if (inline_val)
				return usage("option '" + shown +
					     "' takes no argument");
			break;
		case ArgKind::Required:
			if (inline_val) {
				po.value = val;
			} else if (i + 1 < args.size()) {
				po.value = args[++i];
			} else {
				return usage("option '" + shown +
					     "' needs an argument");
			}
			po.has_value = true;
			break;
		case ArgKind::OptionalNumber:
			if (inline_val) {
				po.value = val;
				po.has_value = true;
			} else if (i + 1 < args.size() &&
				   looks_numeric(args[i + 1])) {
				po.value = args[++i];
				po.has_value = true;
			}
			break;
		}
		out.opts.push_back(std::move(po));
	}
	return Status::success();
}

std::span<const OptSpec> load_specs() { return kLoadSpecs; }
std::span<const OptSpec> unload_specs() { return kUnloadSpecs; }
std::span<const OptSpec> show_specs() { return kShowSpecs; }
std::span<const OptSpec> stats_specs() { return kStatsSpecs; }
std::span<const OptSpec> selftest_specs() { return kSelftestSpecs; }

Status parse_load(std::span<const std::string> args, LoadOptions &o)
{
	ParsedArgs pa;
	Status st = parse_args(args, kLoadSpecs, pa);
	if (!st.ok())
		return st;
	for (const auto &po : pa.opts) {
		if (apply_common(po, o.common))
			continue;
		switch (po.id) {
		case OPT_SECTION:
			if (po.value.empty())
				return usage("empty section name");
			o.section = po.value;
			break;
		case OPT_PROG:
			if (po.value.empty())
				return usage("empty program name");
			o.prog = po.value;
			break;
		case OPT_MODE:
			st = mode_arg(po, o.mode);
			if (!st.ok())
				return st;
			break;
		case OPT_REPLACE:
			o.replace = true;
			break;
		}
	}
	if (o.common.help)
		return Status::success();
	if (!o.section.empty() && !o.prog.empty())
		return usage("--section and --prog are mutually exclusive");
	st = positionals(pa, 2, 2, pa.positional.empty() ? "DEV" : "OBJ");
	if (!st.ok())
		return st;
	o.dev = pa.positional[0];
	o.obj = pa.positional[1];
	return Status::success();
}

Status parse_unload(std::span<const std::string> args, UnloadOptions &o)
{
	ParsedArgs pa;
	Status st = parse_args(args, kUnloadSpecs, pa);
	if (!st.ok())
		return st;
	for (const auto &po : pa.opts) {
		if (apply_common(po, o.common))
			continue;
		if (po.id == OPT_MODE) {
			st = mode_arg(po, o.mode);
			if (!st.ok())
				return st;
		}
	}
	if (o.common.help)
		return Status::success();
	st = positionals(pa, 1, 1, "DEV");
	if (!st.ok())
		return st;
	o.dev = pa.positional[0];
	return Status::success();
}

Status parse_show(std::span<const std::string> args, ShowOptions &o)
{
	ParsedArgs pa;
	Status st = parse_args(args, kShowSpecs, pa);
	if (!st.ok())
		return st;
	for (const auto &po : pa.opts) {
		if (apply_common(po, o.common))
			continue;
		if (po.id == OPT_JSON)
			o.json = true;
	}
	if (o.common.help)
		return Status::success();
	st = positionals(pa, 0, 1, "DEV");
	if (!st.ok())
		return st;
	if (!pa.positional.empty())
		o.dev = pa.positional[0];
	return Status::success();
}

Status parse_stats(std::span<const std::string> args, StatsOptions &o)
{
	ParsedArgs pa;
	Status st = parse_args(args, kStatsSpecs, pa);
	if (!st.ok())
		return st;
	bool count_given = false;
	for (const auto &po : pa.opts) {
		if (apply_common(po, o.common))
			continue;
		switch (po.id) {
		case OPT_ALL:
			o.all = true;
			break;
		case OPT_JSON:
			o.json = true;
			break;
		case OPT_WATCH:
			o.watch = true;
			if (po.has_value &&
			    !parse_double(po.value, 0.01, 86400, o.interval))
				return usage("invalid interval '" + po.value +
					     "' (seconds, 0.01 to 86400)");
			break;
		case OPT_COUNT:
			if (!parse_uint(po.value, 1000000000UL, o.count) ||
			    o.count == 0)
				return usage("invalid count '" + po.value + "'");
			count_given = true;
			break;
		}
	}
	if (o.common.help)
		return Status::success();
	if (count_given && !o.watch)
		return usage("--count needs --watch");
	st = positionals(pa, 1, 1, "DEV");
	if (!st.ok())
		return st;
	o.dev = pa.positional[0];
	return Status::success();
}

Status parse_selftest(std::span<const std::string> args, SelftestOptions &o)
{
	ParsedArgs pa;
	Status st = parse_args(args, kSelftestSpecs, pa);
	if (!st.ok())
		return st;
	for (const auto &po : pa.opts) {
		if (apply_common(po, o.common))
			continue;
		if (po.id == OPT_LIST)
			o.list = true;
		else if (po.id == OPT_DIR)
			o.dir = po.value;
	}
	if (o.common.help)
		return Status::success();
	st = positionals(pa, 0, 1, "FILTER");
	if (!st.ok())
		return st;
	if (!pa.positional.empty())
		o.filter = pa.positional[0];
	return Status::success();
}

Status parse_invocation(std::span<const std::string> argv, Invocation &inv)
{
	inv = {};
	size_t i = 0;
	for (; i < argv.size(); i++) {
		const std::string &a = argv[i];
		if (a == "-v" || a == "--verbose")
			inv.verbose = true;
		else if (a == "-h" || a == "--help")
			inv.help = true;
		else if (a == "--version")
			inv.version = true;
		else if (a == "-j" || a == "--json")
			inv.json = true;
		else if (!a.empty() && a[0] == '-')
			return usage("unknown option '" + a + "'");
		else
			break;
	}
	if (i < argv.size()) {
		inv.command = argv[i];
		inv.args.assign(argv.begin() + static_cast<long>(i) + 1,
				argv.end());
	} else if (!inv.help && !inv.version) {
		return usage("missing command");
	}
	return Status::success();
}

std::string format_option_help(std::span<const OptSpec> specs)
{
	std::string o = "Options:\n";
	for (const auto &s : specs) {
		std::string left = "  ";
		if (s.short_name) {
			left += '-';
			left += s.short_name;
			left += ", ";
		} else {
			left += "    ";
		}
		left += "--";
		left += s.long_name;
		if (!s.metavar.empty()) {
			left += ' ';
			left += s.metavar;
		}
		if (left.size() < 26)
			left.resize(26, ' ');
		else
			left += "  ";
		o += left;
		o += s.help;
		o += '\n';
	}
	return o;
}

} // namespace xdpctl
