// SPDX-License-Identifier: GPL-2.0-only
/*
 * What show and stats print from the netdev netlink family: XDP features,
 * kernel page pools and per-queue counters. Where the kernel has no such
 * answer (Linux 6.1) the driver's ethtool counters stand in: rx_pp_* for
 * the pool, rxqN_* / txqN_* for the queues.
 */
#include "commands.hpp"
#include "netdev_family.hpp"
#include "status.hpp"

#include <cerrno>

namespace xdpctl {

void show_xdp_features(Context &ctx, int ifindex, const std::string &ifname)
{
	if (!ctx.netdev)
		return;
	uint64_t f = 0;
	int err = ctx.netdev->xdp_features(ifindex, f);
	ctx.out << ifname << ": xdp-features ";
	if (!err)
		ctx.out << xdp_features_text(f) << '\n';
	else if (err == -EOPNOTSUPP)
		ctx.out << "not reported by this kernel (netdev netlink family, Linux 6.3+)\n";
	else
		ctx.out << "unreadable: " << errno_text(err) << '\n';
}

namespace {

void print_counters(Context &ctx, const NamedCounters &c)
{
	for (const auto &[name, v] : c)
		ctx.out << ' ' << name << '=' << v;
}

/* the ethtool counters whose names start with @prefix, one line */
bool print_ethtool(Context &ctx, const std::string &title,
		   const std::vector<std::string> &names,
		   const std::vector<uint64_t> &values, const std::string &prefix)
{
	bool any = false;
	for (size_t i = 0; i < names.size() && i < values.size(); i++) {
		if (names[i].rfind(prefix, 0) != 0)
			continue;
		if (!any)
			ctx.out << title << ':';
		any = true;
		ctx.out << ' ' << names[i] << '=' << values[i];
	}
	if (any)
		ctx.out << '\n';
	return any;
}

} // namespace

void print_pool_queue_stats(Context &ctx, const std::string &dev, int ifindex)
{
	std::vector<NetdevPool> pools;
	std::vector<NetdevQueueStats> queues;
	int perr = ctx.netdev ? ctx.netdev->pools(ifindex, pools) : -EOPNOTSUPP;
	int qerr = ctx.netdev ? ctx.netdev->qstats(ifindex, queues) : -EOPNOTSUPP;
	std::vector<std::string> names;
	std::vector<uint64_t> values;
	if (perr || qerr || pools.empty() || !pools[0].has_stats) {
		if (ctx.ethtool.stat_names(dev, names) ||
		    ctx.ethtool.stat_values(dev, values))
			names.clear();
	}

	if (!perr) {
		for (const auto &p : pools) {
			ctx.out << "page-pool " << p.id << ": napi-id="
				<< p.napi_id << " inflight=" << p.inflight
				<< " inflight-mem=" << p.inflight_mem;
			if (p.has_stats)
				print_counters(ctx, p.stats);
			ctx.out << '\n';
		}
		if (pools.empty())
			ctx.out << "page-pool: none of the kernel's (netdev netlink)\n";
	}
	/* pool statistics: netlink, else the driver's rx_pp_* */
	if (perr || pools.empty() || !pools[0].has_stats)
		print_ethtool(ctx, "page-pool (ethtool)", names, values,
			      "rx_pp_");

	if (!qerr) {
		for (const auto &q : queues) {
			ctx.out << (q.rx ? "rx-queue " : "tx-queue ") << q.id
				<< ':';
			print_counters(ctx, q.counters);
			ctx.out << '\n';
		}
		return;
	}
	/* rxqN_* then txqN_*, N from 0 until a queue has none */
	for (const char *kind : {"rx", "tx"})
		for (unsigned q = 0;; q++) {
			std::string id = std::to_string(q);
			if (!print_ethtool(ctx, std::string(kind) + "-queue " + id +
					   " (ethtool)", names, values,
					   std::string(kind) + "q" + id + "_"))
				break;
		}
}

} // namespace xdpctl
