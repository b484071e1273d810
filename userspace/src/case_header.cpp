// SPDX-License-Identifier: GPL-2.0-only
#include "case_header.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace xdpctl {

namespace {

const HeaderKey kSchema[] = {
#include "case_header_schema.inc"
};

const char kSpace[] = " \t\r\n\v\f";

std::string strip(const std::string &s)
{
	size_t b = s.find_first_not_of(kSpace);
	if (b == std::string::npos)
		return {};
	return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

/* "value  (a comment)" -> "value": two or more spaces, then "(" */
std::string drop_comment(const std::string &s)
{
	for (size_t i = 0; i + 1 < s.size(); i++) {
		if (s[i] != ' ' || s[i + 1] != ' ')
			continue;
		size_t j = s.find_first_not_of(' ', i);
		if (j != std::string::npos && s[j] == '(')
			return s.substr(0, i);
	}
	return s;
}

/* "#  key : value" -> key, value; false for any other line */
bool key_line(const std::string &line, std::string &key, std::string &val)
{
	size_t i = 1;
	while (i < line.size() && std::strchr(kSpace, line[i]))
		i++;
	if (i >= line.size() || line[i] < 'a' || line[i] > 'z')
		return false;
	size_t b = i;
	while (i < line.size() && ((line[i] >= 'a' && line[i] <= 'z') ||
				   line[i] == '-'))
		i++;
	key = line.substr(b, i - b);
	while (i < line.size() && std::strchr(kSpace, line[i]))
		i++;
	if (i >= line.size() || line[i] != ':')
		return false;
	val = line.substr(i + 1);
	return true;
}

std::string words(const std::string &s)
{
	std::string out, w;
	for (char c : s + " ") {
		if (std::strchr(kSpace, c)) {
			if (!w.empty())
				out += (out.empty() ? "" : " ") + w;
			w.clear();
		} else {
			w += c;
		}
	}
	return out;
}

/* "" when @val suits @k, else what is wrong */
std::string check_value(const HeaderKey &k, std::string &val)
{
	std::string kind = k.kind, allowed = k.allowed;
	if (kind == "int") {
		size_t dots = allowed.find("..");
		unsigned long long lo = std::stoull(allowed.substr(0, dots));
		unsigned long long hi = std::stoull(allowed.substr(dots + 2));
		bool digits = !val.empty() &&
			std::all_of(val.begin(), val.end(),
				    [](char c) { return c >= '0' && c <= '9'; });
		/* more digits than any limit has: out of range, as in Python */
		bool ok = digits && val.size() <= 18 &&
			  std::stoull(val) >= lo && std::stoull(val) <= hi;
		if (!ok)
			return std::string(k.name) + " must be a whole number from " +
			       std::to_string(lo) + " to " + std::to_string(hi) +
			       ", not '" + val + "'";
	} else if (kind == "enum") {
		std::string list, one;
		bool found = false;
		for (char c : allowed + "|") {
			if (c != '|') {
				one += c;
				continue;
			}
			found = found || one == val;
			list += (list.empty() ? "" : ", ") + one;
			one.clear();
		}
		if (!found)
			return std::string(k.name) + " must be one of " + list +
			       ", not '" + val + "'";
	} else if (kind == "words") {
		val = words(val);
	}
	return {};
}

} // namespace

std::span<const HeaderKey> case_header_schema()
{
	return kSchema;
}

bool parse_case_header(std::istream &in, HeaderFields &out, std::string &err)
{
	std::vector<std::pair<std::string, std::string>> got;
	std::string line, key, val;
	out.clear();
	for (int n = 1; std::getline(in, line); n++) {
		if (line.empty() || line[0] != '#')
			break;
		if (!key_line(line, key, val))
			continue;
		const HeaderKey *k = nullptr;
		for (const auto &s : kSchema)
			if (key == s.name)
				k = &s;
		std::string where = "line " + std::to_string(n) + ": ";
		if (!k) {
			err = where + "unknown key '" + key + "'";
			return false;
		}
		for (const auto &g : got)
			if (g.first == key) {
				err = where + key + " given twice";
				return false;
			}
		val = strip(drop_comment(val));
		std::string bad = check_value(*k, val);
		if (!bad.empty()) {
			err = where + bad;
			return false;
		}
		got.emplace_back(key, val);
	}
	for (const auto &k : kSchema) {
		auto it = std::find_if(got.begin(), got.end(),
				       [&](const auto &g) { return g.first == k.name; });
		if (it == got.end()) {
			if (k.required) {
				err = std::string("no ") + k.name + " line";
				return false;
			}
			out.emplace_back(k.name, k.def);
		} else if (k.required && it->second.empty()) {
			err = std::string(k.name) + " is empty";
			return false;
		} else {
			out.emplace_back(k.name, it->second);
		}
	}
	return true;
}

std::string render_case_header(std::istream &in)
{
	HeaderFields f;
	std::string err;
	if (!parse_case_header(in, f, err))
		return "error=" + err + "\n";
	std::string s;
	for (const auto &[k, v] : f)
		s += k + "=" + v + "\n";
	return s;
}

} // namespace xdpctl
