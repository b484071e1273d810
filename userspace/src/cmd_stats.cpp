// SPDX-License-Identifier: GPL-2.0-only
/* stats: the driver's XDP counters, once or with rates (--watch). */
#include "commands.hpp"
#include "json.hpp"
#include "stats.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fnmatch.h>

namespace xdpctl {

namespace {

struct StatsSource {
	Context &ctx;
	const StatsOptions &o;
	std::string driver;
	std::vector<std::string> names;
	std::vector<size_t> idx;

	/* describe - "driver 'veth'" or "the driver" */
	std::string describe() const
	{
		return driver.empty() ? "the driver" : "driver '" + driver + "'";
	}

	int init()
	{
		DriverInfo di;
		if (!ctx.ethtool.driver_info(o.dev, di))
			driver = di.driver;
		int err = ctx.ethtool.stat_names(o.dev, names);
		if (err == -EOPNOTSUPP) {
			names.clear();
		} else if (err) {
			return ctx.fail(o.dev, "cannot read statistics names: " +
					errno_text(err));
		}
		if (names.empty())
			return ctx.fail(o.dev, describe() +
					" exports no statistics (ethtool -S)");
		idx = select_counters(names, o.all, o.per_queue);
		if (idx.empty())
			return ctx.fail(o.dev, describe() +
				" exports no XDP counters (" +
				std::to_string(names.size()) +
				" statistics, none named *xdp*" +
				(o.all ? " or *_pp_*" : "") + ")");
		if (!o.filter.empty()) {
			std::erase_if(idx, [&](size_t i) {
				return fnmatch(o.filter.c_str(),
					       names[i].c_str(), 0) != 0;
			});
			if (idx.empty())
				return ctx.fail(o.dev, "no XDP counter of " +
						describe() + " matches '" +
						o.filter + "'");
		}
		return 0;
	}

	int sample(Sample &s)
	{
		std::vector<uint64_t> v;
		int err = ctx.ethtool.stat_values(o.dev, v);
		if (err == -EAGAIN || (!err && v.size() != names.size())) {
			/* the set of counters changed: read names again */
			if (int ret = init())
				return ret;
			err = ctx.ethtool.stat_values(o.dev, v);
			if (!err && v.size() != names.size())
				err = -EAGAIN;
		}
		if (err)
			return ctx.fail(o.dev, "cannot read statistics: " +
					errno_text(err));
		s.time = ctx.clock.now();
		s.wall = ctx.clock.wall();
		s.counters.clear();
		for (size_t i : idx)
			s.counters.push_back({names[i], v[i]});
		return 0;
	}
};

std::string pad(std::string s, size_t w, bool right = false)
{
	if (s.size() < w)
		s.insert(right ? 0 : s.size(), w - s.size(), ' ');
	return s;
}

size_t name_width(const Sample &s)
{
	size_t w = 8;
	for (const auto &c : s.counters)
		w = std::max(w, c.name.size() + 2);
	return w;
}

std::string format_rate(double r)
{
	char buf[48];
	std::snprintf(buf, sizeof(buf), "%.1f", r);
	return buf;
}

/*
 * print_json - one object per sample, the same keys once and with --watch:
 * {"schema_version":1,"ifname":..,"driver":..,"time":<epoch s>,
 *  "interval":<s>|null,"counters":{NAME:{"value":N,"rate":R|null}}}
 * (rate and interval are null for a single sample; "reset":true when a
 * counter went down).
 */
void print_json(Context &ctx, const StatsSource &src, const Sample &cur,
		const std::vector<Rate> &rates, const Sample *prev)
{
	JsonWriter j;
	j.begin_object();
	j.key("schema_version").value(kJsonSchemaVersion);
	j.key("ifname").value(src.o.dev);
	j.key("driver").value(src.driver);
	j.key("time").value(cur.wall, 3);
	j.key("interval");
	if (prev)
		j.value(cur.time - prev->time, 6);
	else
		j.null();
	j.key("counters").begin_object();
	for (const auto &r : rates) {
		if (src.o.nonzero && !r.value)
			continue;
		j.key(r.name).begin_object();
		j.key("value").value(r.value);
		j.key("rate");
		if (r.has_rate)
			j.value(r.per_sec);
		else
			j.null();
		if (r.reset)
			j.key("reset").value(true);
		j.end_object();
	}
	j.end_object().end_object();
	ctx.out << j.str() << std::endl;
}

/*
 * print_queue_table - one kind of queue as a table: a row per queue, a
 * column per field; "-" where the driver has no such counter for that
 * queue. --nonzero leaves out the rows and columns that are all 0.
 */
void print_queue_table(Context &ctx, const StatsSource &src, const QueueTable &t)
{
	auto shown = [&](std::optional<uint64_t> v) { return !src.o.nonzero || v.value_or(0); };
	std::vector<size_t> rows, cols;
	for (size_t r = 0; r < t.ids.size(); r++)
		if (std::any_of(t.cells[r].begin(), t.cells[r].end(), shown))
			rows.push_back(r);
	for (size_t c = 0; c < t.fields.size(); c++)
		if (std::any_of(rows.begin(), rows.end(),
				[&](size_t r) { return shown(t.cells[r][c]); }))
			cols.push_back(c);
	if (rows.empty() || cols.empty())
		return;
	auto cell = [&](size_t r, size_t c) {
		const auto &v = t.cells[r][c];
		return v ? std::to_string(*v) : std::string("-");
	};
	size_t idw = t.kind.size();
	for (size_t r : rows)
		idw = std::max(idw, std::to_string(t.ids[r]).size());
	std::vector<size_t> width;
	for (size_t c : cols) {
		size_t w = t.fields[c].size();
		for (size_t r : rows)
			w = std::max(w, cell(r, c).size());
		width.push_back(w);
	}
	ctx.out << '\n' << pad(t.kind, idw);
	for (size_t i = 0; i < cols.size(); i++)
		ctx.out << "  " << pad(t.fields[cols[i]], width[i], true);
	ctx.out << '\n';
	for (size_t r : rows) {
		ctx.out << pad(std::to_string(t.ids[r]), idw, true);
		for (size_t i = 0; i < cols.size(); i++)
			ctx.out << "  " << pad(cell(r, cols[i]), width[i], true);
		ctx.out << '\n';
	}
}

/*
 * print_values - text of a single sample: NAME VALUE; with --per-queue the
 * per-queue counters follow as a table per kind of queue
 */
void print_values(Context &ctx, const StatsSource &src, const Sample &s)
{
	Sample rest;
	for (const auto &c : s.counters)
		if (!src.o.per_queue || !split_queue_counter(c.name))
			rest.counters.push_back(c);
	size_t w = name_width(rest);
	for (const auto &c : rest.counters)
		if (!src.o.nonzero || c.value)
			ctx.out << pad(c.name, w) << c.value << '\n';
	if (src.o.per_queue)
		for (const auto &t : queue_tables(s.counters))
			print_queue_table(ctx, src, t);
}

/* print_rates - text of a --watch sample: NAME VALUE PER SEC */
void print_rates(Context &ctx, const StatsSource &src, const Sample &cur,
		 const std::vector<Rate> &rates)
{
	size_t w = name_width(cur);
	ctx.out << pad("COUNTER", w) << pad("VALUE", 16, true)
		<< pad("PER SEC", 14, true) << '\n';
	for (const auto &r : rates) {
		if (src.o.nonzero && !r.value)
			continue;
		std::string rate = r.has_rate ? format_rate(r.per_sec) : "-";
		if (r.reset)
			rate += " (reset)";
		ctx.out << pad(r.name, w) << pad(std::to_string(r.value), 16, true)
			<< pad(rate, 14, true) << '\n';
	}
	ctx.out << std::endl;
}

/* print_sample - @cur, with rates against @prev when there is one */
void print_sample(Context &ctx, const StatsSource &src, const Sample &cur,
		  const Sample *prev)
{
	std::vector<Rate> rates;
	if (prev) {
		rates = compute_rates(*prev, cur);
	} else {
		for (const auto &c : cur.counters)
			rates.push_back({c.name, c.value, false, 0, false});
	}
	if (src.o.json)
		print_json(ctx, src, cur, rates, prev);
	else if (prev)
		print_rates(ctx, src, cur, rates);
	else
		print_values(ctx, src, cur);
}

} // namespace

int cmd_stats(Context &ctx, const StatsOptions &o)
{
	if (ctx.link.ifindex(o.dev) <= 0)
		return ctx.fail(o.dev, "no such device");

	StatsSource src{ctx, o, {}, {}, {}};
	if (int ret = src.init())
		return ret;

	Sample prev;
	if (int ret = src.sample(prev))
		return ret;
	if (!o.watch) {
		print_sample(ctx, src, prev, nullptr);
		/* the netlink view is whole: not with a selection of counters */
		if (o.all && !o.json && o.filter.empty() && !o.nonzero)
			print_pool_queue_stats(ctx, o.dev, ctx.link.ifindex(o.dev));
		return EXIT_OK;
	}
	for (unsigned long n = 0; o.count == 0 || n < o.count; n++) {
		if (!ctx.clock.sleep(o.interval))
			break;
		Sample cur;
		if (int ret = src.sample(cur))
			return ret;
		print_sample(ctx, src, cur, &prev);
		prev = std::move(cur);
	}
	return EXIT_OK;
}

} // namespace xdpctl
