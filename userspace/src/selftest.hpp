// SPDX-License-Identifier: GPL-2.0-only
/*
 * The selftest runner inside a guest: the selftests/cases/ scripts run one after
 * the other in this machine (no VM per case, the modules may be loaded
 * already), their KTAP nested under one TAP plan.
 */
#pragma once

#include "case_header.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace xdpctl {

/*
 * A case: a script of the cases directory, or a row of its variants.tsv
 * (another script's with environment values), and its header, read by the
 * tables the VM runner reads too (case_header.hpp,
 * selftests/vm/case_header.tsv).
 */
struct CaseInfo {
	std::string path;	/* the script that runs (a variant's base) */
	std::string name;	/* file name without .sh, or the variant's */
	std::vector<std::string> env;	/* NAME=VALUE exported (a variant's) */
	HeaderFields fields;	/* the whole header, the table's order */
	std::string summary;
	int timeout = 120;	/* seconds */
	std::string cmdline;	/* kernel command line the case needs */
	std::string arch = "any";
	int smp = 0;		/* CPUs the case is written for, 0: any */
	std::string kernel = "any";	/* any | debug */
	std::string header_error;	/* why the header is refused: fails unrun */
};

int read_case_header(const std::string &path, CaseInfo &out);

/*
 * find_cases - the cases of @dir (its *.sh and the rows of its
 * variants.tsv) whose name contains one of @filters (all when empty),
 * sorted by name; a refused header or row is a case with header_error.
 */
int find_cases(const std::string &dir, const std::vector<std::string> &filters,
	       std::vector<CaseInfo> &out);

/*
 * render_cases - every case of @dir as the VM runner's
 * case_header.render_dir() writes it (selftests/vm/variant-examples)
 */
std::string render_cases(const std::string &dir);

/* What a case finds in its environment (selftests/lib/ktap.sh). */
struct RunnerEnv {
	std::string src, build, kmod, kmod_test, bpf, xdpctl, tools, arch;
	std::string flavour = "debian";	/* debian | debug (sanitizer lane) */
	std::string series;	/* 6.1, 6.12: the running kernel's */
	std::string proc_cmdline;	/* this kernel's command line */
	int online_cpus = 0;
};

/*
 * What a case may leave behind and must not: project modules (those built
 * in KMOD / KMOD_TEST), network namespaces and network devices.
 */
struct MachineState {
	std::vector<std::string> modules, netns, links;
};

MachineState machine_state(const RunnerEnv &env);

/* residue - what @after has that @before had not, as "module x, netns y" */
std::string residue(const MachineState &before, const MachineState &after);

/* tidy_up - remove what @after has beyond @before (links, netns, modules) */
void tidy_up(const MachineState &before, const MachineState &after);

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
