// SPDX-License-Identifier: GPL-2.0-only
#include "json.hpp"

#include <cmath>
#include <cstdio>

namespace xdpctl {

std::string json_escape(std::string_view s)
{
	std::string o;
	o.reserve(s.size() + 2);
	o += '"';
	for (unsigned char c : s) {
		switch (c) {
		case '"': o += "\\\""; break;
		case '\\': o += "\\\\"; break;
		case '\n': o += "\\n"; break;
		case '\r': o += "\\r"; break;
		case '\t': o += "\\t"; break;
		default:
			if (c < 0x20) {
				char buf[8];
				std::snprintf(buf, sizeof(buf), "\\u%04x", c);
				o += buf;
			} else {
				o += static_cast<char>(c);
			}
		}
	}
	o += '"';
	return o;
}

void JsonWriter::separate()
{
	if (after_key_) {
		after_key_ = false;
		return;
	}
	if (!has_elem_.empty()) {
		if (has_elem_.back())
			out_ += ',';
		has_elem_.back() = true;
	}
}

JsonWriter &JsonWriter::begin_object()
{
	separate();
	out_ += '{';
	has_elem_.push_back(false);
	return *this;
}

JsonWriter &JsonWriter::end_object()
{
	out_ += '}';
	has_elem_.pop_back();
	return *this;
}

JsonWriter &JsonWriter::begin_array()
{
	separate();
	out_ += '[';
	has_elem_.push_back(false);
	return *this;
}

JsonWriter &JsonWriter::end_array()
{
	out_ += ']';
	has_elem_.pop_back();
	return *this;
}

JsonWriter &JsonWriter::key(std::string_view k)
{
	separate();
	out_ += json_escape(k);
	out_ += ':';
	after_key_ = true;
	return *this;
}

JsonWriter &JsonWriter::value(std::string_view v)
{
	separate();
	out_ += json_escape(v);
	return *this;
}

JsonWriter &JsonWriter::value(uint64_t v)
{
	separate();
	out_ += std::to_string(v);
	return *this;
}

JsonWriter &JsonWriter::value(int64_t v)
{
	separate();
	out_ += std::to_string(v);
	return *this;
}

JsonWriter &JsonWriter::value(double v, int decimals)
{
	separate();
	if (!std::isfinite(v)) {
		out_ += "null";
		return *this;
	}
	char buf[64];
	std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	out_ += buf;
	return *this;
}

JsonWriter &JsonWriter::value(bool v)
{
	separate();
	out_ += v ? "true" : "false";
	return *this;
}

JsonWriter &JsonWriter::null()
{
	separate();
	out_ += "null";
	return *this;
}

} // namespace xdpctl
