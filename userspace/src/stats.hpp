// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which driver counters are about XDP, and their per-second rates.
 *
 * Selection rule (documented in xdpctl(8)): the name is split into words at
 * '_', '-', '.' and ' '. A counter is an XDP counter when a word starts with
 * "xdp" (mvneta rx_xdp_drop, tx_xdp_xmit; veth rx_queue_0_xdp_packets,
 * tx_queue_0_xdp_xmit; mlx5 rx_xdp_tx_xmit ...). It is a page_pool counter,
 * shown with --all, when a word is "pp" or the words "page" "pool" follow
 * each other (rx_pp_alloc_fast, rx_pp_recycle_ring ...).
 */
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xdpctl {

/*
 * A per-queue counter, shown with --per-queue, has a word "rxqN" or "txqN"
 * (mvneta_xdp rxq0_packets, txq1_dropped) or the words "queue" N
 * (veth rx_queue_0_bytes); XDP ones among them are XDP counters anyway.
 */
enum class CounterClass { Other, Xdp, PagePool, Queue };

CounterClass classify_counter(std::string_view name);

/* indices into @names of the counters to show, in the driver's order */
std::vector<size_t> select_counters(const std::vector<std::string> &names,
				    bool all, bool per_queue = false);

struct Counter {
	std::string name;
	uint64_t value;
};

struct Sample {
	double time = 0;	/* seconds, monotonic */
	std::vector<Counter> counters;
	double wall = 0;	/* seconds since the epoch, for JSON "time" */
};

struct Rate {
	std::string name;
	uint64_t value = 0;
	bool has_rate = false;	/* false for the first sample or a new name */
	double per_sec = 0;
	bool reset = false;	/* value went down: counted from 0 again */
};

/*
 * compute_rates - per-second rate of every counter of @cur against @prev,
 * matched by name. A counter that went down was reset (driver reloaded,
 * device re-created): its delta is its current value, as if it restarted
 * from zero during the interval. No rates when time did not advance.
 */
std::vector<Rate> compute_rates(const Sample &prev, const Sample &cur);

/*
 * A per-queue counter's name cut in three: the kind of queue ("rxq" for
 * mvneta_xdp's rxq0_packets, "rx_queue" for veth's rx_queue_0_bytes), the
 * queue's number and the field, i.e. the name's other words ("packets",
 * "xdp_drops"). Nothing for a name without a queue word.
 */
struct QueueCounterName {
	std::string kind;
	unsigned id = 0;
	std::string field;
};

std::optional<QueueCounterName> split_queue_counter(std::string_view name);

/*
 * The per-queue view: one table per kind of queue, a row per queue (by
 * number), a column per field in the driver's order; a cell the driver does
 * not have for that queue is empty. @counters that are no queue counter are
 * left out (the caller prints them as a list).
 */
struct QueueTable {
	std::string kind;
	std::vector<unsigned> ids;
	std::vector<std::string> fields;
	/* cells[row][column] */
	std::vector<std::vector<std::optional<uint64_t>>> cells;
};

std::vector<QueueTable> queue_tables(const std::vector<Counter> &counters);

} // namespace xdpctl
