// SPDX-License-Identifier: GPL-2.0-only
/* selftest: list or run the guest cases on this machine. */
#include "commands.hpp"
#include "selftest.hpp"

#include <unistd.h>

namespace xdpctl {

int cmd_selftest(Context &ctx, const SelftestOptions &o)
{
	RunnerEnv env = default_env();
	std::string dir = o.dir.empty() ? env.src + "/selftests/cases" : o.dir;

	std::vector<CaseInfo> cases;
	int err = find_cases(dir, o.filters, cases);
	if (err)
		return ctx.fail(dir, "cannot read the cases: " + errno_text(err));
	if (cases.empty()) {
		std::string f;
		for (const auto &x : o.filters)
			f += (f.empty() ? "'" : " '") + x + "'";
		return ctx.fail(dir, f.empty() ? "no cases" :
				"no case matches " + f);
	}

	if (o.list) {
		size_t w = 0;
		for (const auto &c : cases)
			w = std::max(w, c.name.size());
		for (const auto &c : cases) {
			std::string n = c.name;
			n.resize(w + 2, ' ');
			ctx.out << n << c.summary << '\n';
		}
		return EXIT_OK;
	}
	if (geteuid() != 0)
		return ctx.fail("selftest", "the cases need root (run them "
				"inside ./lab shell or with ./lab test)");
	int failed = run_cases(cases, env, ctx.out);
	return failed > 125 ? 125 : failed;
}

} // namespace xdpctl
