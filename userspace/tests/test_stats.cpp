// SPDX-License-Identifier: GPL-2.0-only
/* Counter selection across drivers and rate arithmetic. */
#include <catch2/catch.hpp>

#include "stats.hpp"

using namespace xdpctl;

TEST_CASE("which counters are XDP or page_pool ones", "[stats]")
{
	struct Row {
		const char *name;
		CounterClass cls;
	};
	const Row rows[] = {
		/* mvneta */
		{"rx_xdp_redirect", CounterClass::Xdp},
		{"rx_xdp_pass", CounterClass::Xdp},
		{"rx_xdp_drop", CounterClass::Xdp},
		{"rx_xdp_tx", CounterClass::Xdp},
		{"rx_xdp_tx_errors", CounterClass::Xdp},
		{"tx_xdp_xmit", CounterClass::Xdp},
		{"tx_xdp_xmit_errors", CounterClass::Xdp},
		{"rx_pp_alloc_fast", CounterClass::PagePool},
		{"rx_pp_alloc_slow_ho", CounterClass::PagePool},
		{"rx_pp_recycle_released_ref", CounterClass::PagePool},
		{"skb_alloc_errors", CounterClass::Other},
		{"refill_errors", CounterClass::Other},
		{"good_octets_received", CounterClass::Other},
		/* veth */
		{"rx_queue_0_xdp_packets", CounterClass::Xdp},
		{"rx_queue_0_xdp_drops", CounterClass::Xdp},
		{"rx_queue_3_xdp_tx_errors", CounterClass::Xdp},
		{"tx_queue_0_xdp_xmit", CounterClass::Xdp},
		{"rx_queue_0_drops", CounterClass::Queue},	/* --per-queue */
		{"peer_ifindex", CounterClass::Other},
		/* others */
		{"rx0_xdp_tx_xmit", CounterClass::Xdp},
		{"xdp_redirect", CounterClass::Xdp},
		{"rx_page_pool_alloc", CounterClass::PagePool},
		{"rx_ppp_frames", CounterClass::Other},
		{"rx_noxdp", CounterClass::Other},
		{"", CounterClass::Other},
		{"___", CounterClass::Other},
	};
	for (const auto &r : rows) {
		CAPTURE(r.name);
		CHECK(classify_counter(r.name) == r.cls);
	}
}

TEST_CASE("selection keeps the driver's order", "[stats]")
{
	std::vector<std::string> names = {
		"rx_packets", "rx_xdp_drop", "rx_pp_alloc_fast", "tx_xdp_xmit",
		"rx_pp_recycle_ring", "tx_bytes",
	};
	CHECK(select_counters(names, false) == std::vector<size_t>{1, 3});
	CHECK(select_counters(names, true) ==
	      std::vector<size_t>{1, 2, 3, 4});
	CHECK(select_counters({"rx_packets"}, true).empty());
}

TEST_CASE("rates per second, resets and new counters", "[stats]")
{
	Sample a{10.0, {{"drop", 1000}, {"pass", 50}, {"tx", 7},
			{"gone", 1}}};
	Sample b{12.0, {{"drop", 3000}, {"pass", 50}, {"tx", 3},
			{"new", 9}}};
	auto r = compute_rates(a, b);
	REQUIRE(r.size() == 4);

	CHECK(r[0].name == "drop");
	CHECK(r[0].value == 3000);
	CHECK(r[0].has_rate);
	CHECK(r[0].per_sec == Approx(1000.0));
	CHECK_FALSE(r[0].reset);

	CHECK(r[1].per_sec == Approx(0.0));
	CHECK(r[1].has_rate);

	/* 7 -> 3: reset during the interval, counted from 0 */
	CHECK(r[2].reset);
	CHECK(r[2].has_rate);
	CHECK(r[2].per_sec == Approx(1.5));

	CHECK(r[3].name == "new");
	CHECK_FALSE(r[3].has_rate);
}

TEST_CASE("rate arithmetic table", "[stats]")
{
	struct Row {
		uint64_t before, after;
		double dt, rate;
		bool reset;
	};
	const Row rows[] = {
		{0, 0, 1.0, 0.0, false},
		{0, 1, 0.5, 2.0, false},
		{100, 250, 3.0, 50.0, false},
		{5, 0, 1.0, 0.0, true},
		{UINT64_MAX - 10, UINT64_MAX, 1.0, 10.0, false},
		{UINT64_MAX, 4, 2.0, 2.0, true},
		{1ULL << 40, (1ULL << 40) + 1000000, 0.25, 4000000.0, false},
	};
	for (const auto &row : rows) {
		CAPTURE(row.before, row.after, row.dt);
		Sample a{1.0, {{"c", row.before}}};
		Sample b{1.0 + row.dt, {{"c", row.after}}};
		auto r = compute_rates(a, b);
		REQUIRE(r.size() == 1);
		CHECK(r[0].has_rate);
		CHECK(r[0].per_sec == Approx(row.rate));
		CHECK(r[0].reset == row.reset);
	}
}

TEST_CASE("no rate when time did not advance", "[stats]")
{
	Sample a{5.0, {{"c", 1}}};
	Sample b{5.0, {{"c", 2}}};
	auto r = compute_rates(a, b);
	REQUIRE(r.size() == 1);
	CHECK_FALSE(r[0].has_rate);
}

TEST_CASE("per-queue counter names cut into kind, queue and field", "[stats]")
{
	auto q = split_queue_counter("rxq3_packets");
	REQUIRE(q);
	CHECK(q->kind == "rxq");
	CHECK(q->id == 3);
	CHECK(q->field == "packets");
	q = split_queue_counter("tx_queue_12_xdp_xmit");
	REQUIRE(q);
	CHECK(q->kind == "tx_queue");
	CHECK(q->id == 12);
	CHECK(q->field == "xdp_xmit");
	q = split_queue_counter("queue_1_drops");
	REQUIRE(q);
	CHECK(q->kind == "queue");
	CHECK(q->field == "drops");
	CHECK(!split_queue_counter("rx_xdp_drop"));
	CHECK(!split_queue_counter("rxqx_packets"));
	CHECK(!split_queue_counter("rx_queue_x_bytes"));
}

TEST_CASE("queue tables: rows by queue number, columns in the driver's order", "[stats]")
{
	std::vector<Counter> c = {{"rx_xdp_drop", 1}, {"rxq1_packets", 4},
				  {"rxq1_bytes", 40}, {"rxq0_packets", 3},
				  {"txq0_packets", 2}, {"rxq0_dropped", 7}};
	auto t = queue_tables(c);
	REQUIRE(t.size() == 2);
	CHECK(t[0].kind == "rxq");
	CHECK(t[0].ids == std::vector<unsigned>{0, 1});
	CHECK(t[0].fields == std::vector<std::string>{"packets", "bytes", "dropped"});
	CHECK(t[0].cells[0][0] == 3);
	CHECK(!t[0].cells[0][1]);
	CHECK(t[0].cells[0][2] == 7);
	CHECK(t[0].cells[1][0] == 4);
	CHECK(t[0].cells[1][1] == 40);
	CHECK(!t[0].cells[1][2]);
	CHECK(t[1].kind == "txq");
	CHECK(t[1].cells[0][0] == 2);
}
