// SPDX-License-Identifier: GPL-2.0-only
/* The selftest runner on throw-away case scripts. */
#include <catch2/catch.hpp>

#include "case_header.hpp"
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
	e.tools = "/build/userspace/tools";
	e.kmod_test = "/build/selftests/kmod/x86_64-debug/ko";
	e.arch = "x86_64";
	e.series = "6.1";
	e.online_cpus = 2;
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
	REQUIRE(find_cases(d.dir, {}, cases) == 0);
	REQUIRE(cases.size() == 2);
	CHECK(cases[0].name == "100_a");
	CHECK(cases[0].summary == "proves a thing");
	CHECK(cases[0].timeout == 30);
	CHECK(cases[0].cmdline == "swiotlb=force");
	CHECK(cases[0].arch == "arm64");
	CHECK(cases[1].name == "200_b");
	CHECK(cases[1].timeout == 120);
	CHECK(cases[1].arch == "any");

	REQUIRE(find_cases(d.dir, {"_b"}, cases) == 0);
	REQUIRE(cases.size() == 1);
	CHECK(cases[0].name == "200_b");
	REQUIRE(find_cases(d.dir, {"zzz"}, cases) == 0);
	CHECK(cases.empty());
	CHECK(find_cases((d.dir / "missing").string(), {}, cases) == -ENOENT);
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
	c.cmdline.clear();
	c.kernel = "debug";
	CHECK(skip_reason(c, env) == "needs the sanitizer lane's debug kernel "
				     "(./lab test --debug-kernel)");
	env.flavour = "debug";
	CHECK(skip_reason(c, env).empty());
	c.smp = 1;
	CHECK(skip_reason(c, env) == "written for 1 CPU(s), 2 online here");
	c.smp = 2;
	CHECK(skip_reason(c, env).empty());
}

/* The VM runner's unit tests read the same files (selftests/vm). */
TEST_CASE("case headers read as the VM runner reads them", "[selftest]")
{
	fs::path d = fs::path(XDPCTL_SOURCE_ROOT) / "selftests/vm/header-examples";
	int n = 0;
	for (const auto &e : fs::directory_iterator(d)) {
		if (e.path().extension() != ".sh")
			continue;
		n++;
		std::ifstream sh(e.path());
		std::ifstream exp(fs::path(e.path()).replace_extension(".expected"));
		std::stringstream want;
		want << exp.rdbuf();
		INFO(e.path().filename().string());
		CHECK(render_case_header(sh) == want.str());
	}
	CHECK(n >= 9);
}

/* The same rows as the VM runner's test_variant_examples. */
TEST_CASE("variants.tsv read as the VM runner reads it", "[selftest]")
{
	fs::path d = fs::path(XDPCTL_SOURCE_ROOT) / "selftests/vm/variant-examples";
	std::ifstream exp(d / "expected");
	std::stringstream want;
	want << exp.rdbuf();
	CHECK(want.str().size() > 100);
	CHECK(render_cases(d.string()) == want.str());
}

TEST_CASE("a variant runs its base's script with its values", "[selftest]")
{
	CaseDir d;
	d.add("1_base.sh", "# summary: base\n# timeout: 5\n"
			   "echo \"ok 1 pool=${POOL:-kernel}\"\n");
	d.add("variants.tsv", "# variant\tbase\tenvironment\theader\n"
			      "2_own\t1_base\tPOOL=own\tsummary: base, own pool\n"
			      "3_bad\t9_none\t-\tsummary: no base\n");
	std::vector<CaseInfo> cases;
	REQUIRE(find_cases(d.dir, {"1_", "2_"}, cases) == 0);
	REQUIRE(cases.size() == 2);
	CHECK(cases[1].name == "2_own");
	CHECK(cases[1].timeout == 5);
	CHECK(fs::path(cases[1].path).filename() == "1_base.sh");

	std::ostringstream out;
	CHECK(run_cases(cases, test_env(), out) == 0);
	CHECK(out.str() == "KTAP version 1\n1..2\n"
			   "# 1_base: base\n    ok 1 pool=kernel\nok 1 1_base\n"
			   "# 2_own: base, own pool\n    ok 1 pool=own\nok 2 2_own\n"
			   "# 2 passed, 0 failed, 0 skipped\n");

	REQUIRE(find_cases(d.dir, {"3_"}, cases) == 0);
	REQUIRE(cases.size() == 1);
	CHECK(cases[0].header_error == d.dir.string() + ": variants.tsv line 3: "
	      "base '9_none' is no case script of this directory");
}

TEST_CASE("every case of the suite has a header the table accepts", "[selftest]")
{
	fs::path d = fs::path(XDPCTL_SOURCE_ROOT) / "selftests/cases";
	std::vector<CaseInfo> cases;
	REQUIRE(find_cases(d.string(), {}, cases) == 0);
	CHECK(cases.size() > 40);
	size_t variants = 0;
	for (const auto &c : cases) {
		variants += !c.env.empty();
		INFO(c.name);
		CHECK(c.header_error.empty());
		CHECK(!c.summary.empty());
	}
	CHECK(variants >= 18);
}

TEST_CASE("what a case leaves behind", "[selftest]")
{
	MachineState before{{"neta_page_pool"}, {}, {"eth0", "lo"}};
	MachineState after{{"mvneta_xdp", "neta_model", "neta_page_pool"},
			   {"remote"}, {"eth0", "eth1", "lo"}};
	CHECK(residue(before, before).empty());
	CHECK(residue(before, after) ==
	      "module mvneta_xdp, module neta_model, netns remote, link eth1");
	/* something the case removed is not residue */
	CHECK(residue(after, before).empty());
}

TEST_CASE("cases run with the environment, TAP out, failures counted",
	  "[selftest]")
{
	CaseDir d;
	d.add("1_pass.sh", "# summary: passes\n"
			   "echo \"KTAP version 1\"\necho 1..1\n"
			   "echo \"ok 1 env $XDPCTL $BPF $ARCH $TOOLS $KERNEL_FLAVOUR $KERNEL_SERIES $KMOD_TEST\"\n"
			   "test -d \"$SCRATCH\" && test -w \"$SCRATCH\"\n");
	d.add("2_fail.sh", "# summary: fails\necho 'not ok 1 x'\nexit 3\n");
	d.add("3_arch.sh", "# summary: elsewhere\n# arch: arm64\nexit 1\n");
	d.add("4_slow.sh", "# summary: hangs\n# timeout: 1\n"
			   "echo start\nsleep 30 &\nwait\n");
	d.add("5_typo.sh", "# summary: misspelt\n# timout: 1\ntouch ran\n");
	std::vector<CaseInfo> cases;
	REQUIRE(find_cases(d.dir, {}, cases) == 0);
	REQUIRE(cases.size() == 5);

	std::ostringstream out;
	int failed = run_cases(cases, test_env(), out);
	CHECK(failed == 3);
	CHECK(out.str() ==
	      "KTAP version 1\n"
	      "1..5\n"
	      "# 1_pass: passes\n"
	      "    KTAP version 1\n"
	      "    1..1\n"
	      "    ok 1 env /build/userspace/xdpctl /build/bpf x86_64 "
	      "/build/userspace/tools debian 6.1 "
	      "/build/selftests/kmod/x86_64-debug/ko\n"
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
	      "# 5_typo: \n"
	      "# 5_typo: bad header: " + (d.dir / "5_typo.sh").string() +
	      ": line 2: unknown key 'timout'\n"
	      "not ok 5 5_typo\n"
	      "# 1 passed, 3 failed, 1 skipped\n");
}
