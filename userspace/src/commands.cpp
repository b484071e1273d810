// SPDX-License-Identifier: GPL-2.0-only
/* Command table, dispatch and --help texts. */
#include "commands.hpp"
#include "json.hpp"

#include <cerrno>

#ifndef XDPCTL_VERSION
#define XDPCTL_VERSION "unknown"
#endif

namespace xdpctl {

int Context::fail(std::string_view subject, std::string_view msg)
{
	if (json) {
		JsonWriter j;
		j.begin_object();
		j.key("schema_version").value(kJsonSchemaVersion);
		j.key("error").begin_object();
		j.key("subject").value(subject);
		j.key("message").value(msg);
		j.end_object().end_object();
		out << j.str() << '\n';
		return EXIT_FAILED;
	}
	err << error_line(subject, msg) << '\n';
	return EXIT_FAILED;
}

namespace {

template <typename Opts, Status (*Parse)(std::span<const std::string>, Opts &),
	  int (*Exec)(Context &, const Opts &)>
int run_cmd(Context &ctx, const Command &self,
	    std::span<const std::string> args);

constexpr Command kCommands[] = {
	{"load", "DEV OBJ|id N|pinned PATH [--section S | --prog-name NAME] [--mode MODE] [--replace [--force]]",
	 "load an XDP program from OBJ (or take one loaded already) and attach it to DEV", load_specs,
	 run_cmd<LoadOptions, parse_load, cmd_load>},
	{"unload", "DEV [--mode MODE] [--force]",
	 "detach the XDP program(s) of DEV", unload_specs,
	 run_cmd<UnloadOptions, parse_unload, cmd_unload>},
	{"show", "[DEV] [--json]",
	 "show what is attached where (mode, id, name, tag)", show_specs,
	 run_cmd<ShowOptions, parse_show, cmd_show>},
	{"stats", "DEV [--all] [--per-queue] [--filter PATTERN] [--nonzero] [--watch [SECS]] [--count N] [--json]",
	 "XDP counters of DEV's driver, per-second rates with --watch",
	 stats_specs, run_cmd<StatsOptions, parse_stats, cmd_stats>},
	{"selftest", "[FILTER...] [--list] [--dir DIR]",
	 "run the guest selftest cases (TAP), exit status = failures",
	 selftest_specs,
	 run_cmd<SelftestOptions, parse_selftest, cmd_selftest>},
};

const Command *find_command(std::string_view name)
{
	for (const auto &c : kCommands)
		if (c.name == name)
			return &c;
	return nullptr;
}

void command_help(std::ostream &out, const Command &c)
{
	out << "Usage: xdpctl " << c.name << ' ' << c.synopsis << "\n"
	    << c.summary << "\n\n"
	    << format_option_help(c.specs())
	    << "\nExit status: 0 ok, 1 operation failed, 2 usage error"
	    << (c.name == "selftest" ? " (selftest: number of failed cases)"
				     : "")
	    << ".\n";
}

void global_help(std::ostream &out)
{
	out << "Usage: xdpctl [-v] [-j] COMMAND [ARGS]\n"
	       "Attach XDP programs, show them and their driver counters.\n\n"
	       "Commands:\n";
	for (const auto &c : kCommands) {
		std::string n(c.name);
		n.resize(10, ' ');
		out << "  " << n << c.summary << '\n';
	}
	out << "\n'xdpctl COMMAND --help' describes a command. Exit status: "
	       "0 ok, 1 operation failed, 2 usage error.\n";
}

template <typename Opts, Status (*Parse)(std::span<const std::string>, Opts &),
	  int (*Exec)(Context &, const Opts &)>
int run_cmd(Context &ctx, const Command &self,
	    std::span<const std::string> args)
{
	Opts o;
	Status st = Parse(args, o);
	if (!st.ok()) {
		ctx.err << error_line(self.name, st.msg) << " (see 'xdpctl "
			<< self.name << " --help')\n";
		return EXIT_USAGE;
	}
	if (o.common.help) {
		command_help(ctx.out, self);
		return EXIT_OK;
	}
	if (o.common.verbose)
		ctx.verbose = true;
	if constexpr (requires { o.json; })
		ctx.json = o.json;
	bpf_set_verbose(ctx.verbose);
	return Exec(ctx, o);
}

} // namespace

std::span<const Command> command_table()
{
	return kCommands;
}

int run_cli(Context &ctx, std::span<const std::string> argv)
{
	Invocation inv;
	Status st = parse_invocation(argv, inv);
	if (!st.ok()) {
		ctx.err << error_line("", st.msg) << " (see 'xdpctl --help')\n";
		return EXIT_USAGE;
	}
	if (inv.version && inv.command.empty()) {
		ctx.out << "xdpctl " XDPCTL_VERSION "\n";
		return EXIT_OK;
	}
	if (inv.command.empty() || inv.command == "help") {
		if (!inv.command.empty() && !inv.args.empty()) {
			if (const Command *c = find_command(inv.args[0])) {
				command_help(ctx.out, *c);
				return EXIT_OK;
			}
		}
		global_help(ctx.out);
		return EXIT_OK;
	}
	const Command *c = find_command(inv.command);
	if (!c) {
		ctx.err << error_line("", "unknown command '" + inv.command +
				      "'") << " (see 'xdpctl --help')\n";
		return EXIT_USAGE;
	}
	if (inv.help) {
		command_help(ctx.out, *c);
		return EXIT_OK;
	}
	ctx.verbose = inv.verbose;
	if (inv.json) {
		/* "xdpctl -j show" as "xdpctl show -j", like ip -j */
		bool has_json = false;
		for (const auto &s : c->specs())
			has_json |= s.long_name == "json";
		if (!has_json) {
			ctx.err << error_line("", "'" + inv.command +
					      "' has no JSON output") << "\n";
			return EXIT_USAGE;
		}
		std::vector<std::string> args{"--json"};
		args.insert(args.end(), inv.args.begin(), inv.args.end());
		return c->run(ctx, *c, args);
	}
	return c->run(ctx, *c, inv.args);
}

} // namespace xdpctl
