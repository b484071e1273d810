// SPDX-License-Identifier: GPL-2.0-only
#include "options.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace xdpctl {

namespace {

Status usage(std::string msg)
{
	return Status::fail(-EINVAL, std::move(msg));
}

/*
 * OptionDef - one option of a command: what it looks like (spec) and what
 * it does to the command's options struct O (apply: set the field it is
 * bound to, or refuse the value).
 */
template <typename O> struct OptionDef {
	OptSpec spec;
	Status (*apply)(O &o, const ParsedOpt &p);
};

/* Setters binding an option to a field of O. */
template <typename O, bool O::*F> Status set_flag(O &o, const ParsedOpt &)
{
	o.*F = true;
	return Status::success();
}

template <typename O> Status set_help(O &o, const ParsedOpt &)
{
	o.common.help = true;
	return Status::success();
}

template <typename O> Status set_verbose(O &o, const ParsedOpt &)
{
	o.common.verbose = true;
	return Status::success();
}

template <typename O, std::string O::*F> Status set_text(O &o, const ParsedOpt &p)
{
	o.*F = p.value;
	return Status::success();
}

template <typename O, XdpMode O::*F> Status set_mode(O &o, const ParsedOpt &p)
{
	if (!parse_mode(p.value, o.*F))
		return usage("invalid mode '" + p.value +
			     "' (expected native, generic or offload)");
	return Status::success();
}

Status set_section(LoadOptions &o, const ParsedOpt &p)
{
	if (p.value.empty())
		return usage("empty section name");
	o.section = p.value;
	return Status::success();
}

Status set_prog_name(LoadOptions &o, const ParsedOpt &p)
{
	if (p.value.empty())
		return usage("empty program name");
	o.prog = p.value;
	return Status::success();
}

/* xdp-loader's -p/--pin-path: refused with a sentence, not "unknown" */
Status refuse_pin_path(LoadOptions &, const ParsedOpt &)
{
	return usage("-p/--pin-path (xdp-loader's) is not supported: xdpctl "
		     "does not pin; a program by name is -n/--prog-name");
}

Status set_watch(StatsOptions &o, const ParsedOpt &p)
{
	o.watch = true;
	if (p.has_value && !parse_double(p.value, 0.01, 86400, o.interval))
		return usage("invalid interval '" + p.value +
			     "' (seconds, 0.01 to 86400)");
	return Status::success();
}

Status set_count(StatsOptions &o, const ParsedOpt &p)
{
	if (!parse_uint(p.value, 1000000000UL, o.count) || o.count == 0)
		return usage("invalid count '" + p.value + "'");
	return Status::success();
}

Status set_filter(StatsOptions &o, const ParsedOpt &p)
{
	if (p.value.empty())
		return usage("empty filter pattern");
	o.filter = p.value;
	return Status::success();
}

#define COMMON_OPTIONS(O)                                                     \
	{{"help", 'h', ArgKind::None, "", "show this help"}, set_help<O>},   \
	{{"verbose", 'v', ArgKind::None, "",                                  \
	  "verbose output (libbpf messages, verifier log)"}, set_verbose<O>}

constexpr OptionDef<LoadOptions> kLoadOpts[] = {
	{{"section", 's', ArgKind::Required, "SECTION",
	  "program in ELF section SECTION (e.g. xdp)"}, set_section},
	{{"prog-name", 'n', ArgKind::Required, "NAME",
	  "program named NAME (function name), as xdp-loader -n"},
	 set_prog_name},
	{{"pin-path", 'p', ArgKind::Required, "PATH",
	  "not supported (xdp-loader's pinning): xdpctl does not pin"},
	 refuse_pin_path},
	{{"mode", 'm', ArgKind::Required, "MODE",
	  "native (default), generic or offload"},
	 set_mode<LoadOptions, &LoadOptions::mode>},
	{{"replace", 'r', ArgKind::None, "",
	  "atomically replace the program attached now"},
	 set_flag<LoadOptions, &LoadOptions::replace>},
	{{"force", 'F', ArgKind::None, "",
	  "with --replace: also over a libxdp dispatcher (xdp-loader's)"},
	 set_flag<LoadOptions, &LoadOptions::force>},
	COMMON_OPTIONS(LoadOptions),
};

constexpr OptionDef<UnloadOptions> kUnloadOpts[] = {
	{{"mode", 'm', ArgKind::Required, "MODE",
	  "detach only this mode (default: whatever is attached)"},
	 set_mode<UnloadOptions, &UnloadOptions::mode>},
	{{"force", 'F', ArgKind::None, "",
	  "also a libxdp dispatcher (xdp-loader's)"},
	 set_flag<UnloadOptions, &UnloadOptions::force>},
	COMMON_OPTIONS(UnloadOptions),
};

constexpr OptionDef<ShowOptions> kShowOpts[] = {
	{{"json", 'j', ArgKind::None, "", "JSON output"},
	 set_flag<ShowOptions, &ShowOptions::json>},
	COMMON_OPTIONS(ShowOptions),
};

constexpr OptionDef<StatsOptions> kStatsOpts[] = {
	{{"all", 'a', ArgKind::None, "", "also page_pool counters (rx_pp_*)"},
	 set_flag<StatsOptions, &StatsOptions::all>},
	{{"filter", 'f', ArgKind::Required, "PATTERN",
	  "only counters whose name matches PATTERN (glob: *, ?, [...])"},
	 set_filter},
	{{"nonzero", 'z', ArgKind::None, "", "only counters that are not 0"},
	 set_flag<StatsOptions, &StatsOptions::nonzero>},
	{{"per-queue", 'q', ArgKind::None, "",
	  "also the per-queue counters (rxqN_*, txqN_*, *_queue_N_*)"},
	 set_flag<StatsOptions, &StatsOptions::per_queue>},
	{{"watch", 'w', ArgKind::OptionalNumber, "[SECS]",
	  "repeat every SECS seconds (default 1) with per-second rates"},
	 set_watch},
	{{"count", 'c', ArgKind::Required, "N",
	  "with --watch: stop after N samples"}, set_count},
	{{"json", 'j', ArgKind::None, "",
	  "JSON output (one object per sample, the same with --watch)"},
	 set_flag<StatsOptions, &StatsOptions::json>},
	COMMON_OPTIONS(StatsOptions),
};

constexpr OptionDef<SelftestOptions> kSelftestOpts[] = {
	{{"list", 'l', ArgKind::None, "", "list the cases and their summaries"},
	 set_flag<SelftestOptions, &SelftestOptions::list>},
	{{"dir", 'd', ArgKind::Required, "DIR",
	  "cases directory (default: $SRC/selftests/cases)"},
	 set_text<SelftestOptions, &SelftestOptions::dir>},
	COMMON_OPTIONS(SelftestOptions),
};

/* spec_view - the OptSpec column of a command's table (one per O) */
template <typename O, size_t N>
std::span<const OptSpec> spec_view(const OptionDef<O> (&defs)[N])
{
	static const std::array<OptSpec, N> specs = [&] {
		std::array<OptSpec, N> a{};
		for (size_t i = 0; i < N; i++)
			a[i] = defs[i].spec;
		return a;
	}();
	return specs;
}

/* parse_table - split @args by @defs' specs and apply each option to @o */
template <typename O, size_t N>
Status parse_table(std::span<const std::string> args,
		   const OptionDef<O> (&defs)[N], O &o, ParsedArgs &pa)
{
	Status st = parse_args(args, spec_view(defs), pa);
	if (!st.ok())
		return st;
	for (const auto &po : pa.opts) {
		st = defs[po.index].apply(o, po);
		if (!st.ok())
			return st;
	}
	return Status::success();
}

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

Status positionals(const ParsedArgs &pa, size_t min, size_t max,
		   std::string_view what)
{
	if (pa.positional.size() < min)
		return usage("missing " + std::string(what));
	if (pa.positional.size() > max)
		return usage("unexpected argument '" + pa.positional[max] + "'");
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
				out.opts.push_back({static_cast<size_t>(spec - specs.data()), false, {}});
				k++;
			}
			if (spec && k + 1 < a.size()) {
				inline_val = true;
				val = a.substr(k + 1);
			}
		}
		if (!spec)
			return usage("unknown option '" + shown + "'");

		ParsedOpt po{static_cast<size_t>(spec - specs.data()), false, {}};
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

std::span<const OptSpec> load_specs() { return spec_view(kLoadOpts); }
std::span<const OptSpec> unload_specs() { return spec_view(kUnloadOpts); }
std::span<const OptSpec> show_specs() { return spec_view(kShowOpts); }
std::span<const OptSpec> stats_specs() { return spec_view(kStatsOpts); }
std::span<const OptSpec> selftest_specs() { return spec_view(kSelftestOpts); }

Status parse_load(std::span<const std::string> args, LoadOptions &o)
{
	ParsedArgs pa;
	Status st = parse_table(args, kLoadOpts, o, pa);
	if (!st.ok() || o.common.help)
		return st;
	if (!o.section.empty() && !o.prog.empty())
		return usage("--section and --prog-name are mutually exclusive");
	if (o.force && !o.replace)
		return usage("--force only goes with --replace");
	/* DEV OBJ, DEV id N or DEV pinned PATH */
	const auto &pos = pa.positional;
	bool loaded = pos.size() >= 2 && (pos[1] == "id" || pos[1] == "pinned");
	st = positionals(pa, loaded ? 3 : 2, loaded ? 3 : 2,
			 pos.empty() ? "DEV" : loaded ? pos[1] == "id" ? "N" : "PATH" : "OBJ");
	if (!st.ok())
		return st;
	o.dev = pos[0];
	if (!loaded) {
		o.obj = pos[1];
		return Status::success();
	}
	if (!o.section.empty() || !o.prog.empty())
		return usage("--section and --prog-name pick a program of an "
			     "object, not of id or pinned");
	if (pos[1] == "pinned") {
		if (pos[2].empty())
			return usage("empty pinned path");
		o.pinned = pos[2];
		return Status::success();
	}
	unsigned long id;
	if (!parse_uint(pos[2], UINT32_MAX, id) || !id)
		return usage("invalid program id '" + pos[2] + "'");
	o.prog_id = static_cast<uint32_t>(id);
	return Status::success();
}

Status parse_unload(std::span<const std::string> args, UnloadOptions &o)
{
	ParsedArgs pa;
	Status st = parse_table(args, kUnloadOpts, o, pa);
	if (!st.ok() || o.common.help)
		return st;
	st = positionals(pa, 1, 1, "DEV");
	if (!st.ok())
		return st;
	o.dev = pa.positional[0];
	return Status::success();
}

Status parse_show(std::span<const std::string> args, ShowOptions &o)
{
	ParsedArgs pa;
	Status st = parse_table(args, kShowOpts, o, pa);
	if (!st.ok() || o.common.help)
		return st;
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
	Status st = parse_table(args, kStatsOpts, o, pa);
	if (!st.ok() || o.common.help)
		return st;
	if (o.count && !o.watch)
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
	Status st = parse_table(args, kSelftestOpts, o, pa);
	if (!st.ok() || o.common.help)
		return st;
	o.filters = pa.positional;
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
