// SPDX-License-Identifier: GPL-2.0-only
#include "stats.hpp"

#include <algorithm>
#include <unordered_map>

namespace xdpctl {

namespace {

std::vector<std::string_view> words(std::string_view name)
{
	std::vector<std::string_view> w;
	size_t start = 0;
	for (size_t i = 0; i <= name.size(); i++) {
		if (i == name.size() || name[i] == '_' || name[i] == '-' ||
		    name[i] == '.' || name[i] == ' ') {
			if (i > start)
				w.push_back(name.substr(start, i - start));
			start = i + 1;
		}
	}
	return w;
}

} // namespace

CounterClass classify_counter(std::string_view name)
{
	auto w = words(name);
	for (auto s : w)
		if (s.starts_with("xdp"))
			return CounterClass::Xdp;
	for (size_t i = 0; i < w.size(); i++) {
		if (w[i] == "pp")
			return CounterClass::PagePool;
		if (w[i] == "page" && i + 1 < w.size() && w[i + 1] == "pool")
			return CounterClass::PagePool;
	}
	auto number = [](std::string_view s) {
		return !s.empty() && s.find_first_not_of("0123456789") ==
					     std::string_view::npos;
	};
	for (size_t i = 0; i < w.size(); i++) {
		if ((w[i].starts_with("rxq") || w[i].starts_with("txq")) &&
		    number(w[i].substr(3)))
			return CounterClass::Queue;
		if (w[i] == "queue" && i + 1 < w.size() && number(w[i + 1]))
			return CounterClass::Queue;
	}
	return CounterClass::Other;
}

namespace {

bool all_digits(std::string_view s)
{
	return !s.empty() &&
	       s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string join(const std::vector<std::string_view> &w, size_t skip_from,
		 size_t skip_to)
{
	std::string out;
	for (size_t i = 0; i < w.size(); i++) {
		if (i >= skip_from && i < skip_to)
			continue;
		if (!out.empty())
			out += '_';
		out += w[i];
	}
	return out;
}

} // namespace

std::optional<QueueCounterName> split_queue_counter(std::string_view name)
{
	auto w = words(name);
	for (size_t i = 0; i < w.size(); i++) {
		/* rxq0, txq12 */
		if ((w[i].starts_with("rxq") || w[i].starts_with("txq")) &&
		    all_digits(w[i].substr(3)))
			return QueueCounterName{std::string(w[i].substr(0, 3)),
				static_cast<unsigned>(std::stoul(std::string(w[i].substr(3)))),
				join(w, i, i + 1)};
		/* [rx|tx] queue N */
		if (w[i] == "queue" && i + 1 < w.size() && all_digits(w[i + 1])) {
			bool dir = i > 0 && (w[i - 1] == "rx" || w[i - 1] == "tx");
			size_t from = dir ? i - 1 : i;
			std::string kind = dir ? std::string(w[i - 1]) + "_queue" : "queue";
			return QueueCounterName{kind,
				static_cast<unsigned>(std::stoul(std::string(w[i + 1]))),
				join(w, from, i + 2)};
		}
	}
	return std::nullopt;
}

std::vector<QueueTable> queue_tables(const std::vector<Counter> &counters)
{
	std::vector<QueueTable> tables;
	for (const auto &c : counters) {
		auto q = split_queue_counter(c.name);
		if (!q)
			continue;
		auto t = std::find_if(tables.begin(), tables.end(),
				      [&](const QueueTable &x) { return x.kind == q->kind; });
		if (t == tables.end()) {
			tables.push_back({q->kind, {}, {}, {}});
			t = tables.end() - 1;
		}
		auto col = std::find(t->fields.begin(), t->fields.end(), q->field);
		if (col == t->fields.end()) {
			t->fields.push_back(q->field);
			for (auto &row : t->cells)
				row.emplace_back();
			col = t->fields.end() - 1;
		}
		auto row = std::lower_bound(t->ids.begin(), t->ids.end(), q->id);
		size_t r = row - t->ids.begin();
		if (row == t->ids.end() || *row != q->id) {
			t->ids.insert(row, q->id);
			t->cells.insert(t->cells.begin() + r,
					std::vector<std::optional<uint64_t>>(t->fields.size()));
		}
		t->cells[r][col - t->fields.begin()] = c.value;
	}
	return tables;
}

std::vector<size_t> select_counters(const std::vector<std::string> &names,
				    bool all, bool per_queue)
{
	std::vector<size_t> idx;
	for (size_t i = 0; i < names.size(); i++) {
		CounterClass c = classify_counter(names[i]);
		if (c == CounterClass::Xdp ||
		    (all && c == CounterClass::PagePool) ||
		    (per_queue && c == CounterClass::Queue))
			idx.push_back(i);
	}
	return idx;
}

std::vector<Rate> compute_rates(const Sample &prev, const Sample &cur)
{
	std::unordered_map<std::string_view, uint64_t> before;
	for (const auto &c : prev.counters)
		before.emplace(c.name, c.value);

	double dt = cur.time - prev.time;
	std::vector<Rate> out;
	out.reserve(cur.counters.size());
	for (const auto &c : cur.counters) {
		Rate r;
		r.name = c.name;
		r.value = c.value;
		auto it = before.find(c.name);
		if (it != before.end() && dt > 0) {
			uint64_t delta;
			if (c.value >= it->second) {
				delta = c.value - it->second;
			} else {
				delta = c.value;
				r.reset = true;
			}
			r.has_rate = true;
			r.per_sec = static_cast<double>(delta) / dt;
		}
		out.push_back(std::move(r));
	}
	return out;
}

} // namespace xdpctl
