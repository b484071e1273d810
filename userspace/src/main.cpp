// SPDX-License-Identifier: GPL-2.0-only
/* xdpctl: wire the real kernel interfaces to the command table. */
#include "commands.hpp"

#include <signal.h>
#include <time.h>

#include <cerrno>
#include <cmath>
#include <iostream>

namespace {

volatile sig_atomic_t g_stop;

void on_signal(int)
{
	g_stop = 1;
}

class SystemClock final : public xdpctl::Clock {
public:
	SystemClock()
	{
		struct sigaction sa {};
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		/* no SA_RESTART: interrupt the sleep */
		sigaction(SIGINT, &sa, nullptr);
		sigaction(SIGTERM, &sa, nullptr);
	}

	double wall() override
	{
		timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
	}

	double now() override
	{
		timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
	}

	bool sleep(double seconds) override
	{
		timespec ts;
		ts.tv_sec = static_cast<time_t>(seconds);
		ts.tv_nsec = static_cast<long>((seconds - std::floor(seconds)) * 1e9);
		while (!g_stop && nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		return !g_stop;
	}
};

} // namespace

int main(int argc, char **argv)
{
	std::vector<std::string> args(argv + 1, argv + argc);
	auto link = xdpctl::make_mnl_rtlink();
	auto ethtool = xdpctl::make_ioctl_ethtool();
	auto bpf = xdpctl::make_libbpf();
	auto netdev = xdpctl::make_mnl_netdev_family();
	SystemClock clock;
	xdpctl::bpf_set_verbose(false);

	xdpctl::Context ctx{*link, *ethtool, *bpf, clock, std::cout, std::cerr};
	ctx.netdev = netdev.get();
	int ret = xdpctl::run_cli(ctx, args);
	std::cout.flush();
	return ret;
}
