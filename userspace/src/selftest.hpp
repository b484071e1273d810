// SPDX-License-Identifier: GPL-2.0-only
/*
 * The selftest runner inside a guest: the selftests/cases/ scripts run one after
 * the other in this machine (no VM per case, the modules may be loaded
 * already), their KTAP nested under one TAP plan.
 */
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace xdpctl {

/* The header of a case file (see Documentation/development.rst). */
struct CaseInfo {
	std::string path;
	std::string name;	/* file name without .sh */
	std::string summary;
	int timeout = 120;	/* seconds */
	std::string cmdline;	/* kernel command line the case needs */
	std::string arch = "any";
};

int read_case_header(const std::string &path, CaseInfo &out);

/* find_cases - *.sh of @dir whose file name contains @filter, sorted */
int find_cases(const std::string &dir, const std::string &filter,
	       std::vector<CaseInfo> &out);

struct RunnerEnv {
	std::string src, build, kmod, bpf, tools, xdpctl, arch;
	std::string proc_cmdline;	/* this kernel's command line */
};

/* skip_reason - why @c cannot run here, "" when it can */
std::string skip_reason(const CaseInfo &c, const RunnerEnv &env);

struct CaseResult {
	enum { Pass, Fail, Skip } result;
	std::string note;
};

/*
 * run_case - run one case with @env in its environment, its output
 * indented on @out; kill its process group after the case's timeout.
 */
CaseResult run_case(const CaseInfo &c, const RunnerEnv &env,
		    std::ostream &out);

/* run_cases - TAP for all of @cases; returns the number of failures */
int run_cases(const std::vector<CaseInfo> &cases, const RunnerEnv &env,
	      std::ostream &out);

/* default_env - from $SRC, $BUILD ..., else the paths xdpctl was built with */
RunnerEnv default_env();

} // namespace xdpctl
