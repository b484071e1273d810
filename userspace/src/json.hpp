// SPDX-License-Identifier: GPL-2.0-only
/*
 * JsonWriter - a small streaming JSON writer for --json output.
 *
 * Compact output (one document per line), keys in the order written.
 * The caller nests begin/end calls correctly; commas are placed here.
 */
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xdpctl {

/* "schema_version" of stats objects and of errors: raised when a key
 * changes meaning or goes away (new keys do not raise it) */
constexpr int kJsonSchemaVersion = 1;

std::string json_escape(std::string_view s);

class JsonWriter {
public:
	JsonWriter &begin_object();
	JsonWriter &end_object();
	JsonWriter &begin_array();
	JsonWriter &end_array();
	JsonWriter &key(std::string_view k);
	JsonWriter &value(std::string_view v);
	JsonWriter &value(const char *v) { return value(std::string_view(v)); }
	JsonWriter &value(uint64_t v);
	JsonWriter &value(int64_t v);
	JsonWriter &value(int v) { return value(static_cast<int64_t>(v)); }
	JsonWriter &value(unsigned v) { return value(static_cast<uint64_t>(v)); }
	/* fixed-point with @decimals digits after the point */
	JsonWriter &value(double v, int decimals = 3);
	JsonWriter &value(bool v);
	JsonWriter &null();

	const std::string &str() const { return out_; }

private:
	void separate();

	std::string out_;
	/* per open container: true once it holds an element */
	std::vector<bool> has_elem_;
	bool after_key_ = false;
};

} // namespace xdpctl
