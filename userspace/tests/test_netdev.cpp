// SPDX-License-Identifier: GPL-2.0-only
/* The netdev netlink family: messages byte-exact, show and stats against a
 * fake family (6.12) and without one (6.1: ethtool stands in).
 */
#include <catch2/catch.hpp>

#include "fakes.hpp"

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <cerrno>
#include <cstring>

using namespace xdpctl;
using namespace xdpctl::test;

namespace {

class FakeNetdev : public NetdevFamily {
public:
	int error = 0;			/* every call fails with this */
	uint64_t features = 0x67;
	std::vector<NetdevPool> pool_list;
	std::vector<NetdevQueueStats> queue_list;

	int xdp_features(int, uint64_t &out) override
	{
		out = features;
		return error;
	}
	int pools(int, std::vector<NetdevPool> &out) override
	{
		out = pool_list;
		return error;
	}
	int qstats(int, std::vector<NetdevQueueStats> &out) override
	{
		out = queue_list;
		return error;
	}
};

/* little-endian byte writer for hand-made replies */
struct Bytes {
	std::vector<uint8_t> b;
	void u16(uint16_t v) { b.push_back(v & 0xff); b.push_back(v >> 8); }
	void u32(uint32_t v) { u16(v & 0xffff); u16(v >> 16); }
	void u64(uint64_t v) { u32(v & 0xffffffff); u32(v >> 32); }
	void attr_u32(uint16_t t, uint32_t v) { u16(8); u16(t); u32(v); }
	void attr_u64(uint16_t t, uint64_t v) { u16(12); u16(t); u64(v); }
	void msg(uint16_t type, uint16_t flags, uint32_t seq, const Bytes &body)
	{
		u32(16 + 4 + body.b.size());
		u16(type);
		u16(flags);
		u32(seq);
		u32(0);
		b.push_back(1);	/* genlmsghdr: cmd, version, reserved */
		b.push_back(1);
		u16(0);
		b.insert(b.end(), body.b.begin(), body.b.end());
	}
	void done(uint32_t seq)
	{
		u32(20);
		u16(NLMSG_DONE);
		u16(NLM_F_MULTI);
		u32(seq);
		u32(0);
		u32(0);
	}
};

} // namespace

TEST_CASE("xdp features by their spec names", "[netdev]")
{
	CHECK(xdp_features_text(0x67) ==
	      "basic redirect ndo-xmit rx-sg ndo-xmit-sg");
	CHECK(xdp_features_text(0) == "none");
	CHECK(xdp_features_text(1ULL << 9) == "bit9");
}

TEST_CASE("genetlink requests byte-exact", "[netdev]")
{
	alignas(nlmsghdr) uint8_t buf[64];
	GenlReqAttr a[] = {{1, 5, {}}, {4, 1, {}}};
	size_t len = build_genl_request(buf, 0x1d, kNetdevCmdQstatsGet, 77,
					true, a);
	REQUIRE(len == 16 + 4 + 8 + 8);
	nlmsghdr h;
	std::memcpy(&h, buf, sizeof(h));
	CHECK(h.nlmsg_len == len);
	CHECK(h.nlmsg_type == 0x1d);
	CHECK(h.nlmsg_flags == (NLM_F_REQUEST | NLM_F_DUMP));
	CHECK(h.nlmsg_seq == 77);
	CHECK(buf[16] == kNetdevCmdQstatsGet);
	uint32_t v;
	std::memcpy(&v, buf + 24, 4);
	CHECK(v == 5);	/* ifindex */
	std::memcpy(&v, buf + 32, 4);
	CHECK(v == 1);	/* scope: queue */

	GenlReqAttr name{CTRL_ATTR_FAMILY_NAME, 0, "netdev"};
	len = build_genl_request(buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1,
				 false, {&name, 1});
	REQUIRE(len == 16 + 4 + 4 + 8);
	CHECK(std::memcmp(buf + 24, "netdev", 7) == 0);
	CHECK(build_genl_request({buf, 20}, 1, 1, 1, false, {&name, 1}) == 0);
}

TEST_CASE("a qstats dump parsed into queues", "[netdev]")
{
	Bytes rx, tx, d;
	rx.attr_u32(1, 5);		/* ifindex */
	rx.attr_u32(2, 0);		/* type rx */
	rx.attr_u32(3, 0);		/* queue 0 */
	rx.attr_u64(8, 2000);		/* rx-packets */
	rx.attr_u64(9, 120000);		/* rx-bytes */
	rx.attr_u32(14, 3);		/* rx-hw-drop-overruns */
	tx.attr_u32(1, 5);
	tx.attr_u32(2, 1);
	tx.attr_u32(3, 7);
	tx.attr_u64(10, 9);		/* tx-packets */
	tx.attr_u64(34, 1);		/* tx-wake */
	/* qstats-get builds its dump messages with genlmsg_iput(): no
	 * NLM_F_MULTI, the dump still goes on until NLMSG_DONE
	 */
	d.msg(0x1d, 0, 9, rx);
	d.msg(0x1d, NLM_F_MULTI, 8, tx);	/* another request's: ignored */
	d.msg(0x1d, 0, 9, tx);
	d.done(9);

	GenlReply r;
	r.dump = true;
	REQUIRE(parse_genl_reply(d.b, 9, r) == 0);
	CHECK(r.done);
	CHECK(r.error == 0);
	REQUIRE(r.msgs.size() == 2);
	NetdevQueueStats q;
	REQUIRE(netdev_queue_stats(r.msgs[0], q) == 0);
	CHECK(q.rx);
	CHECK(q.id == 0);
	CHECK(q.counters == NamedCounters{{"packets", 2000},
					  {"bytes", 120000},
					  {"hw-drop-overruns", 3}});
	REQUIRE(netdev_queue_stats(r.msgs[1], q) == 0);
	CHECK(!q.rx);
	CHECK(q.id == 7);
	CHECK(q.counters == NamedCounters{{"packets", 9}, {"wake", 1}});

	/* a truncated datagram is refused, not read past its end */
	GenlReply bad;
	bad.dump = true;
	std::vector<uint8_t> cut(d.b.begin(), d.b.begin() + 30);
	CHECK(parse_genl_reply(cut, 9, bad) == -EBADMSG);
}

TEST_CASE("page pools and their statistics parsed", "[netdev]")
{
	Bytes pool, info, st;
	pool.attr_u32(1, 7);		/* id */
	pool.attr_u32(2, 5);		/* ifindex */
	pool.attr_u32(3, 8193);		/* napi-id */
	pool.attr_u64(4, 512);		/* inflight */
	pool.attr_u64(5, 512 * 4096);	/* inflight-mem */
	GenlReply r;
	Bytes d;
	d.msg(0x1d, 0, 1, pool);
	REQUIRE(parse_genl_reply(d.b, 1, r) == 0);
	REQUIRE(r.msgs.size() == 1);
	NetdevPool p;
	int ifindex = 0;
	REQUIRE(netdev_pool(r.msgs[0], ifindex, p) == 0);
	CHECK(ifindex == 5);
	CHECK(p.id == 7);
	CHECK(p.napi_id == 8193);
	CHECK(p.inflight == 512);
	CHECK(p.inflight_mem == 512 * 4096);

	info.attr_u32(1, 7);		/* nested: id, ifindex */
	info.attr_u32(2, 5);
	st.u16(4 + info.b.size());
	st.u16(1 | NLA_F_NESTED);
	st.b.insert(st.b.end(), info.b.begin(), info.b.end());
	st.attr_u64(8, 100);		/* alloc-fast */
	st.attr_u64(18, 2);		/* recycle-released-refcnt */
	Bytes d2;
	d2.msg(0x1d, 0, 2, st);
	GenlReply r2;
	REQUIRE(parse_genl_reply(d2.b, 2, r2) == 0);
	REQUIRE(r2.msgs.size() == 1);
	uint64_t id = 0;
	NamedCounters c;
	REQUIRE(netdev_pool_stats(r2.msgs[0], id, c) == 0);
	CHECK(id == 7);
	CHECK(c == NamedCounters{{"alloc-fast", 100},
				 {"recycle-released-refcnt", 2}});
	/* a pool without its id is malformed */
	CHECK(netdev_pool(GenlMsg{}, ifindex, p) == -EBADMSG);
}

TEST_CASE("show prints the XDP features the kernel reports", "[netdev]")
{
	Harness h;
	FakeNetdev nd;
	h.ctx.netdev = &nd;
	h.link.add("v0", 3);
	REQUIRE(h.run({"show", "v0"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "v0: xdp-features basic redirect ndo-xmit rx-sg ndo-xmit-sg\n"
	      "v0: no XDP program attached\n");
	h.out.str("");
	nd.error = -EOPNOTSUPP;
	REQUIRE(h.run({"show", "v0"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "v0: xdp-features not reported by this kernel (netdev netlink family, Linux 6.3+)\n"
	      "v0: no XDP program attached\n");
	/* JSON output stays what it was */
	h.out.str("");
	REQUIRE(h.run({"show", "v0", "--json"}) == EXIT_OK);
	CHECK(h.out.str() == "[]\n");
}

TEST_CASE("stats --all: pools and queues from netlink, else ethtool", "[netdev]")
{
	Harness h;
	FakeNetdev nd;
	h.ctx.netdev = &nd;
	h.link.add("v0", 3);
	h.ethtool.names = {"rx_xdp_drop", "rx_pp_alloc_fast", "rxq0_packets",
			   "rxq0_bytes", "txq0_packets"};
	h.ethtool.values = {5, 64, 10, 600, 4};
	NetdevPool p;
	p.id = 7;
	p.napi_id = 8193;
	p.inflight = 512;
	p.inflight_mem = 2097152;
	nd.pool_list = {p};
	nd.queue_list = {{true, 0, {{"packets", 10}, {"bytes", 600}}},
			 {false, 0, {{"packets", 4}}}};

	/* 6.12 without PAGE_POOL_STATS: pool from netlink, its counters
	 * from the driver
	 */
	REQUIRE(h.run({"stats", "v0", "--all"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "rx_xdp_drop       5\n"
	      "rx_pp_alloc_fast  64\n"
	      "page-pool 7: napi-id=8193 inflight=512 inflight-mem=2097152\n"
	      "page-pool (ethtool): rx_pp_alloc_fast=64\n"
	      "rx-queue 0: packets=10 bytes=600\n"
	      "tx-queue 0: packets=4\n");

	/* with PAGE_POOL_STATS: everything from netlink */
	h.out.str("");
	nd.pool_list[0].has_stats = true;
	nd.pool_list[0].stats = {{"alloc-fast", 64}};
	REQUIRE(h.run({"stats", "v0", "--all"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "rx_xdp_drop       5\n"
	      "rx_pp_alloc_fast  64\n"
	      "page-pool 7: napi-id=8193 inflight=512 inflight-mem=2097152 alloc-fast=64\n"
	      "rx-queue 0: packets=10 bytes=600\n"
	      "tx-queue 0: packets=4\n");

	/* 6.1: no netdev family, ethtool only */
	h.out.str("");
	nd.error = -EOPNOTSUPP;
	REQUIRE(h.run({"stats", "v0", "--all"}) == EXIT_OK);
	CHECK(h.out.str() ==
	      "rx_xdp_drop       5\n"
	      "rx_pp_alloc_fast  64\n"
	      "page-pool (ethtool): rx_pp_alloc_fast=64\n"
	      "rx-queue 0 (ethtool): rxq0_packets=10 rxq0_bytes=600\n"
	      "tx-queue 0 (ethtool): txq0_packets=4\n");
}
