// SPDX-License-Identifier: GPL-2.0-only
#include <catch2/catch.hpp>

#include "json.hpp"

using namespace xdpctl;

TEST_CASE("strings are escaped", "[json]")
{
	CHECK(json_escape("a") == "\"a\"");
	CHECK(json_escape("q\"b\\") == "\"q\\\"b\\\\\"");
	CHECK(json_escape("\n\t\x01") == "\"\\n\\t\\u0001\"");
	CHECK(json_escape("é") == "\"é\"");
}

TEST_CASE("nested documents get their commas", "[json]")
{
	JsonWriter j;
	j.begin_array();
	j.begin_object().key("a").value(1).key("b").value("x").end_object();
	j.begin_object().key("c").begin_array().value(uint64_t{2}).value(true)
		.null().end_array().key("d").begin_object().end_object()
		.end_object();
	j.value(0.34).value(2.0, 1).value(1.0 / 3, 6);
	j.end_array();
	CHECK(j.str() ==
	      "[{\"a\":1,\"b\":\"x\"},{\"c\":[2,true,null],\"d\":{}},0.340,2.0,0.333333]");
}

TEST_CASE("empty containers and big numbers", "[json]")
{
	JsonWriter j;
	j.begin_object().key("l").begin_array().end_array()
		.key("max").value(UINT64_MAX).key("neg").value(int64_t{-3})
		.end_object();
	CHECK(j.str() ==
	      "{\"l\":[],\"max\":18446744073709551615,\"neg\":-3}");
}
