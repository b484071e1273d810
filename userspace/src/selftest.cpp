// SPDX-License-Identifier: GPL-2.0-only
#include "selftest.hpp"
#include "case_header.hpp"
#include "fd.hpp"
#include "options.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#ifndef XDPCTL_SOURCE_ROOT
#define XDPCTL_SOURCE_ROOT ""
#endif
#ifndef XDPCTL_BUILD_ROOT
#define XDPCTL_BUILD_ROOT ""
#endif

namespace fs = std::filesystem;

namespace xdpctl {

namespace {

std::string env_or(const char *name, const std::string &fallback)
{
	const char *v = std::getenv(name);
	return v && *v ? v : fallback;
}

std::vector<std::string> split_words(const std::string &s)
{
	std::istringstream in(s);
	std::vector<std::string> w;
	std::string x;
	while (in >> x)
		w.push_back(x);
	return w;
}

} // namespace

namespace {

void set_fields(CaseInfo &out, const HeaderFields &f)
{
	out.fields = f;
	for (const auto &[k, v] : f) {
		if (k == "summary")
			out.summary = v;
		else if (k == "timeout")
			out.timeout = std::stoi(v);
		else if (k == "cmdline")
			out.cmdline = v;
		else if (k == "arch")
			out.arch = v;
		else if (k == "smp")
			out.smp = v.empty() ? 0 : std::stoi(v);
		else if (k == "kernel")
			out.kernel = v;
	}
}

/* the rows of @dir/variants.tsv as cases (none without the file) */
void read_variants(const std::string &dir, const CaseHeaders &files,
		   std::vector<CaseInfo> &out)
{
	std::ifstream in(fs::path(dir) / "variants.tsv");
	std::vector<std::string> seen;
	std::string row;
	for (int n = 1; std::getline(in, row); n++) {
		if (row.empty() || row[0] == '#' ||
		    row.find_first_not_of(" \t\r") == std::string::npos)
			continue;
		Variant v;
		std::string err;
		CaseInfo c;
		bool ok = parse_variant(row, files, seen, v, err);
		c.name = v.name.empty() ? "variants.tsv:" + std::to_string(n) : v.name;
		if (!ok) {
			c.path = (fs::path(dir) / "variants.tsv").string();
			c.header_error = dir + ": variants.tsv line " +
					 std::to_string(n) + ": " + err;
		} else {
			c.path = (fs::path(dir) / (v.base + ".sh")).string();
			c.env = v.env;
			set_fields(c, v.fields);
		}
		seen.push_back(c.name);
		out.push_back(std::move(c));
	}
}

/* every case of @dir, sorted by name */
int all_cases(const std::string &dir, std::vector<CaseInfo> &out)
{
	out.clear();
	std::error_code ec;
	fs::directory_iterator it(dir, ec);
	if (ec)
		return -ec.value();
	std::vector<std::string> files;
	for (const auto &e : it)
		if (e.path().extension() == ".sh" && e.is_regular_file())
			files.push_back(e.path().string());
	std::sort(files.begin(), files.end());
	CaseHeaders headers;
	for (const auto &f : files) {
		CaseInfo c;
		if (read_case_header(f, c) != 0)
			continue;
		if (c.header_error.empty())
			headers.emplace_back(c.name, c.fields);
		else
			headers.emplace_back(c.name, std::nullopt);
		out.push_back(std::move(c));
	}
	read_variants(dir, headers, out);
	std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
		return a.name < b.name;
	});
	return 0;
}

} // namespace

int read_case_header(const std::string &path, CaseInfo &out)
{
	std::ifstream in(path);
	if (!in)
		return -errno ? -errno : -ENOENT;
	out = {};
	out.path = path;
	out.name = fs::path(path).stem().string();
	HeaderFields f;
	std::string err;
	if (!parse_case_header(in, f, err)) {
		out.header_error = path + ": " + err;
		return 0;
	}
	set_fields(out, f);
	return 0;
}

int find_cases(const std::string &dir, const std::vector<std::string> &filters,
	       std::vector<CaseInfo> &out)
{
	std::vector<CaseInfo> all;
	int err = all_cases(dir, all);
	out.clear();
	if (err)
		return err;
	for (auto &c : all) {
		bool match = filters.empty();
		for (const auto &f : filters)
			match = match || c.name.find(f) != std::string::npos;
		if (match)
			out.push_back(std::move(c));
	}
	return 0;
}

std::string render_cases(const std::string &dir)
{
	std::vector<CaseInfo> cases;
	if (all_cases(dir, cases))
		return "error=cannot read " + dir + "\n";
	std::string s;
	for (const auto &c : cases) {
		s += "[" + c.name + "]\n";
		if (!c.header_error.empty()) {
			/* the runner's words: the row's or the header's error */
			std::string e = c.header_error;
			for (const auto &pre : {dir + ": ", c.path + ": "})
				if (e.compare(0, pre.size(), pre) == 0)
					e.erase(0, pre.size());
			s += "error=" + e + "\n";
			continue;
		}
		std::string env;
		for (const auto &w : c.env)
			env += (env.empty() ? "" : " ") + w;
		s += "script=" + fs::path(c.path).filename().string() + "\n";
		s += "env=" + env + "\n";
		for (const auto &[k, v] : c.fields)
			s += k + "=" + v + "\n";
	}
	return s;
}

std::string skip_reason(const CaseInfo &c, const RunnerEnv &env)
{
	if (c.arch != "any" && c.arch != env.arch)
		return "case is for " + c.arch + ", this is " + env.arch;
	if (c.kernel == "debug" && env.flavour != "debug")
		return "needs the sanitizer lane's debug kernel "
		       "(./lab test --debug-kernel)";
	if (c.smp && env.online_cpus && c.smp != env.online_cpus)
		return "written for " + std::to_string(c.smp) + " CPU(s), " +
		       std::to_string(env.online_cpus) + " online here";
	auto have = split_words(env.proc_cmdline);
	for (const auto &w : split_words(c.cmdline))
		if (std::find(have.begin(), have.end(), w) == have.end())
			return "needs kernel command line '" + c.cmdline +
			       "' (./lab test boots it)";
	return {};
}

namespace {

void set_env(const RunnerEnv &env, const std::string &scratch)
{
	setenv("SRC", env.src.c_str(), 1);
	setenv("BUILD", env.build.c_str(), 1);
	setenv("KMOD", env.kmod.c_str(), 1);
	setenv("KMOD_TEST", env.kmod_test.c_str(), 1);
	setenv("BPF", env.bpf.c_str(), 1);
	setenv("XDPCTL", env.xdpctl.c_str(), 1);
	setenv("TOOLS", env.tools.c_str(), 1);
	setenv("ARCH", env.arch.c_str(), 1);
	setenv("KERNEL_FLAVOUR", env.flavour.c_str(), 1);
	setenv("KERNEL_SERIES", env.series.c_str(), 1);
	setenv("SCRATCH", scratch.c_str(), 1);
}

void emit_lines(std::string &buf, std::ostream &out, bool flush_all)
{
	size_t nl;
	while ((nl = buf.find('\n')) != std::string::npos) {
		out << "    " << buf.substr(0, nl) << '\n';
		buf.erase(0, nl + 1);
	}
	if (flush_all && !buf.empty()) {
		out << "    " << buf << '\n';
		buf.clear();
	}
	out.flush();
}

} // namespace

CaseResult run_case(const CaseInfo &c, const RunnerEnv &env,
		    std::ostream &out)
{
	if (!c.header_error.empty())
		return {CaseResult::Fail, "bad header: " + c.header_error};
	std::string tmpl = (fs::temp_directory_path() /
			    ("xdpctl-" + c.name + ".XXXXXX")).string();
	if (!mkdtemp(tmpl.data()))
		return {CaseResult::Fail, "cannot create scratch directory: " +
			std::string(std::strerror(errno))};
	std::string scratch = tmpl;

	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return {CaseResult::Fail, std::strerror(errno)};
	UniqueFd rd(p[0]), wr(p[1]);

	pid_t pid = fork();
	if (pid < 0)
		return {CaseResult::Fail, std::strerror(errno)};
	if (pid == 0) {
		setpgid(0, 0);
		dup2(wr.get(), STDOUT_FILENO);
		dup2(wr.get(), STDERR_FILENO);
		int devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, STDIN_FILENO);
		set_env(env, scratch);
		/* a variant's values (variants.tsv), e.g. NETA_POOL=own */
		for (const auto &w : c.env) {
			size_t eq = w.find('=');
			setenv(w.substr(0, eq).c_str(), w.substr(eq + 1).c_str(), 1);
		}
		if (chdir(scratch.c_str()) < 0)
			_exit(127);
		execlp("bash", "bash", c.path.c_str(), static_cast<char *>(nullptr));
		_exit(127);
	}
	setpgid(pid, pid);
	wr.reset();

	auto deadline = std::chrono::steady_clock::now() +
			std::chrono::seconds(c.timeout);
	std::string buf;
	bool timed_out = false;
	for (;;) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
			deadline - std::chrono::steady_clock::now()).count();
		if (left <= 0) {
			timed_out = true;
			break;
		}
		pollfd pfd{rd.get(), POLLIN, 0};
		int r = poll(&pfd, 1, static_cast<int>(std::min<long long>(left, 1000)));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		char chunk[4096];
		ssize_t n = read(rd.get(), chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* every writer closed: the case is done */
		buf.append(chunk, static_cast<size_t>(n));
		emit_lines(buf, out, false);
	}
	if (timed_out)
		kill(-pid, SIGKILL);
	emit_lines(buf, out, true);

	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* background children of the case must not outlive it */
	kill(-pid, SIGKILL);
	std::error_code ec;
	fs::remove_all(scratch, ec);

	if (timed_out)
		return {CaseResult::Fail,
			"timeout after " + std::to_string(c.timeout) + " s"};
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return {CaseResult::Pass, {}};
	if (WIFEXITED(status))
		return {CaseResult::Fail,
			"exit status " + std::to_string(WEXITSTATUS(status))};
	return {CaseResult::Fail,
		"killed by signal " + std::to_string(WTERMSIG(status))};
}

int run_cases(const std::vector<CaseInfo> &cases, const RunnerEnv &env,
	      std::ostream &out)
{
	int failed = 0, skipped = 0;
	out << "KTAP version 1\n1.." << cases.size() << '\n';
	out.flush();
	size_t n = 0;
	for (const auto &c : cases) {
		n++;
		out << "# " << c.name << ": " << c.summary << '\n';
		std::string why = skip_reason(c, env);
		if (!why.empty()) {
			skipped++;
			out << "ok " << n << ' ' << c.name << " # SKIP " << why
			    << '\n';
			continue;
		}
		MachineState before = machine_state(env);
		CaseResult r = run_case(c, env, out);
		MachineState after = machine_state(env);
		std::string left = residue(before, after);
		if (!left.empty()) {
			/* the next case must find the machine as this one did */
			tidy_up(before, after);
			std::string note = "left behind " + left + " (removed)";
			if (r.result == CaseResult::Pass)
				r = {CaseResult::Fail, note};
			else
				r.note += "; " + note;
		}
		if (r.result == CaseResult::Pass) {
			out << "ok " << n << ' ' << c.name << '\n';
		} else {
			failed++;
			if (!r.note.empty())
				out << "# " << c.name << ": " << r.note << '\n';
			out << "not ok " << n << ' ' << c.name << '\n';
		}
		out.flush();
	}
	out << "# " << cases.size() - failed - skipped << " passed, " << failed
	    << " failed, " << skipped << " skipped\n";
	out.flush();
	return failed;
}

namespace {

std::vector<std::string> dir_names(const std::string &dir)
{
	std::vector<std::string> v;
	std::error_code ec;
	for (const auto &e : fs::directory_iterator(dir, ec))
		v.push_back(e.path().filename().string());
	std::sort(v.begin(), v.end());
	return v;
}

std::vector<std::string> added(const std::vector<std::string> &before,
			       const std::vector<std::string> &after)
{
	std::vector<std::string> v;
	for (const auto &x : after)
		if (std::find(before.begin(), before.end(), x) == before.end())
			v.push_back(x);
	return v;
}

/* run - a command, its output thrown away; true when it exited 0 */
bool run(std::vector<std::string> argv)
{
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, STDIN_FILENO);
			dup2(devnull, STDOUT_FILENO);
			dup2(devnull, STDERR_FILENO);
		}
		std::vector<char *> args;
		for (auto &a : argv)
			args.push_back(a.data());
		args.push_back(nullptr);
		execvp(args[0], args.data());
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

MachineState machine_state(const RunnerEnv &env)
{
	MachineState m;
	std::ifstream mods("/proc/modules");
	std::string line;
	while (std::getline(mods, line)) {
		std::string name = line.substr(0, line.find(' '));
		std::error_code ec;
		for (const auto &dir : {env.kmod, env.kmod_test})
			if (!dir.empty() && fs::exists(dir + "/" + name + ".ko", ec))
				m.modules.push_back(name);
	}
	std::sort(m.modules.begin(), m.modules.end());
	m.modules.erase(std::unique(m.modules.begin(), m.modules.end()),
			m.modules.end());
	m.netns = dir_names("/run/netns");
	m.links = dir_names("/sys/class/net");
	return m;
}

std::string residue(const MachineState &before, const MachineState &after)
{
	std::string s;
	auto add = [&](const char *what, const std::vector<std::string> &v) {
		for (const auto &x : v)
			s += (s.empty() ? "" : ", ") + std::string(what) + " " + x;
	};
	add("module", added(before.modules, after.modules));
	add("netns", added(before.netns, after.netns));
	add("link", added(before.links, after.links));
	return s;
}

void tidy_up(const MachineState &before, const MachineState &after)
{
	for (const auto &l : added(before.links, after.links))
		run({"ip", "link", "del", "dev", l});
	for (const auto &n : added(before.netns, after.netns))
		run({"ip", "netns", "del", n});
	/* users first: a module unloads once nothing depends on it; one
	 * can stay busy for a while after its users went (a destroyed page
	 * pool holds its module until the last page is back): up to 10 s */
	auto left = added(before.modules, after.modules);
	for (int round = 0; round < 40 && !left.empty(); round++) {
		if (round)
			usleep(250000);
		std::vector<std::string> still;
		for (const auto &m : left)
			if (!run({"rmmod", m}))
				still.push_back(m);
		left = std::move(still);
	}
}

RunnerEnv default_env()
{
	RunnerEnv e;
	utsname u{};
	uname(&u);
	std::string machine = u.machine;
	e.arch = env_or("ARCH", machine == "aarch64" ? "arm64" : machine);
#ifdef XDPCTL_PKG_DIR
	/* installed (Debian package): everything under one directory, the
	 * modules where DKMS installs them */
	e.src = env_or("SRC", XDPCTL_PKG_DIR);
	e.build = env_or("BUILD", XDPCTL_PKG_DIR);
	e.kmod = env_or("KMOD", std::string("/lib/modules/") + u.release +
				"/updates/dkms");
	e.tools = env_or("TOOLS", e.build + "/tools");
#else
	e.src = env_or("SRC", XDPCTL_SOURCE_ROOT);
	e.build = env_or("BUILD", XDPCTL_BUILD_ROOT);
	e.kmod = env_or("KMOD", e.build + "/kmod/" + e.arch + "/ko");
	e.tools = env_or("TOOLS", e.build + "/userspace/tools");
#endif
	e.kmod_test = env_or("KMOD_TEST", e.build + "/selftests/kmod/" +
			     e.arch + "-debug/ko");
	e.bpf = env_or("BPF", e.build + "/bpf");
	/* the VM runner says which; elsewhere Debian's (or a board's) kernel */
	e.flavour = env_or("KERNEL_FLAVOUR", "debian");
	std::string rel = u.release;
	size_t dot = rel.find('.');
	size_t end = dot == std::string::npos ? dot :
		     rel.find_first_not_of("0123456789", dot + 1);
	e.series = env_or("KERNEL_SERIES", rel.substr(0, end));
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	e.online_cpus = cpus > 0 ? static_cast<int>(cpus) : 0;
	std::error_code ec;
	auto self = fs::read_symlink("/proc/self/exe", ec);
	e.xdpctl = env_or("XDPCTL", ec ? "xdpctl" : self.string());
	std::ifstream cl("/proc/cmdline");
	std::getline(cl, e.proc_cmdline);
	return e;
}

} // namespace xdpctl
