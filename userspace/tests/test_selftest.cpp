// SPDX-License-Identifier: GPL-2.0-only
/* The selftest runner on throw-away case scripts. */
#include <catch2/catch.hpp>

#include "selftest.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace xdpctl;
namespace fs = std::filesystem;

namespace {

struct CaseDir {
	fs::path dir;

	CaseDir()
	{
		std::string t = (fs::temp_directory_path() /
				  "xdpctl-cases.XXXXXX").string();
		REQUIRE(mkdtemp(t.data()));
		dir = t;
	}
	~CaseDir() { fs::remove_all(dir); }

	void add(const std::string &name, const std::string &body)
	{
		std::ofstream(dir / name) << body;
	}
};

RunnerEnv test_env()
{
	RunnerEnv e;
	e.src = "/src";
	e.build = "/build";
	e.kmod = "/build/kmod/x86_64/ko";
	e.bpf = "/build/bpf";
	e.xdpctl = "/build/userspace/xdpctl";
	e.arch = "x86_64";
	e.proc_cmdline = "console=ttyS0 swiotlb=force panic=-1";
	return e;
}

} // namespace

TEST_CASE("case headers", "[selftest]")
{
	CaseDir d;
	d.add("100_a.sh", "#!/bin/bash\n"
			  "# SPDX-License-Identifier: GPL-2.0-only\n"
			  "# summary: proves a thing\n"
			  "# timeout: 30\n"
			  "# cmdline: swiotlb=force  (extra kernel command line)\n"
			  "# arch: arm64\n");
	d.add("200_b.sh", "# summary: other\n# timeout: bogus\n");
	d.add("README", "# summary: not a case\n");

	std::vector<CaseInfo> cases;
	REQUIRE(find_cases(d.dir, "", cases) == 0);
	REQUIRE(cases.size() == 2);
	CHECK(cases[0].name == "100_a");
	CHECK(cases[0].summary == "proves a thing");
	CHECK(cases[0].timeout == 30);
	CHECK(cases[0].cmdline == "swiotlb=force");
	CHECK(cases[0].arch == "arm64");
	CHECK(cases[1].name == "200_b");
	CHECK(cases[1].timeout == 120);
	CHECK(cases[1].arch == "any");

	REQUIRE(find_cases(d.dir, "_b", cases) == 0);
	REQUIRE(cases.size() == 1);
	CHECK(cases[0].name == "200_b");
	REQUIRE(find_cases(d.dir, "zzz", cases) == 0);
	CHECK(cases.empty());
	CHECK(find_cases((d.dir / "missing").string(), "", cases) == -ENOENT);
}

TEST_CASE("skip reasons", "[selftest]")
{
	RunnerEnv env = test_env();
	CaseInfo c;
	CHECK(skip_reason(c, env).empty());
	c.arch = "arm64";
	CHECK(skip_reason(c, env) == "case is for arm64, this is x86_64");
	c.arch = "x86_64";
	c.cmdline = "swiotlb=force";
	CHECK(skip_reason(c, env).empty());
	c.cmdline = "swiotlb=force nokaslr";
	CHECK(skip_reason(c, env) ==
	      "needs kernel command line 'swiotlb=force nokaslr' "
	      "(./lab test boots it)");
}

TEST_CASE("cases run with the environment, TAP out, failures counted",
	  "[selftest]")
{
	CaseDir d;
	d.add("1_pass.sh", "# summary: passes\n"
			   "echo \"KTAP version 1\"\necho 1..1\n"
			   "echo \"ok 1 env $XDPCTL $BPF $ARCH\"\n"
			   "test -d \"$SCRATCH\" && test -w \"$SCRATCH\"\n");
	d.add("2_fail.sh", "# summary: fails\necho 'not ok 1 x'\nexit 3\n");
	d.add("3_arch.sh", "# summary: elsewhere\n# arch: arm64\nexit 1\n");
	d.add("4_slow.sh", "# summary: hangs\n# timeout: 1\n"
			   "echo start\nsleep 30 &\nwait\n");
	std::vector<CaseInfo> cases;
	REQUIRE(find_cases(d.dir, "", cases) == 0);
	REQUIRE(cases.size() == 4);

	std::ostringstream out;
	int failed = run_cases(cases, test_env(), out);
	CHECK(failed == 2);
	CHECK(out.str() ==
	      "KTAP version 1\n"
	      "1..4\n"
	      "# 1_pass: passes\n"
	      "    KTAP version 1\n"
	      "    1..1\n"
	      "    ok 1 env /build/userspace/xdpctl /build/bpf x86_64\n"
	      "ok 1 1_pass\n"
	      "# 2_fail: fails\n"
	      "    not ok 1 x\n"
	      "# 2_fail: exit status 3\n"
	      "not ok 2 2_fail\n"
	      "# 3_arch: elsewhere\n"
	      "ok 3 3_arch # SKIP case is for arm64, this is x86_64\n"
	      "# 4_slow: hangs\n"
	      "    start\n"
	      "# 4_slow: timeout after 1 s\n"
	      "not ok 4 4_slow\n"
	      "# 1 passed, 2 failed, 1 skipped\n");
}
