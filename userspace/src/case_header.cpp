// SPDX-License-Identifier: GPL-2.0-only
#include "case_header.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <sstream>

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

namespace {

bool variant_name(const std::string &s)
{
	return !s.empty() &&
	       std::all_of(s.begin(), s.end(), [](char c) {
		       return std::isalnum(static_cast<unsigned char>(c)) ||
			      c == '_' || c == '.' || c == '-';
	       });
}

/* NAME=VALUE, NAME [A-Z_][A-Z0-9_]* */
bool env_word(const std::string &w)
{
	size_t eq = w.find('=');
	if (eq == std::string::npos || eq == 0 || (w[0] >= '0' && w[0] <= '9'))
		return false;
	return std::all_of(w.begin(), w.begin() + static_cast<long>(eq), [](char c) {
		return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
	});
}

const HeaderFields *find_base(const CaseHeaders &files, const std::string &name,
			      bool &found)
{
	for (const auto &[n, f] : files)
		if (n == name) {
			found = true;
			return f ? &*f : nullptr;
		}
	found = false;
	return nullptr;
}

} // namespace

bool parse_variant(const std::string &row, const CaseHeaders &files,
		   const std::vector<std::string> &seen, Variant &out,
		   std::string &err)
{
	std::vector<std::string> cols;
	size_t b = 0, e;
	std::string r = row;
	while (!r.empty() && (r.back() == '\n' || r.back() == '\r'))
		r.pop_back();
	while ((e = r.find('\t', b)) != std::string::npos) {
		cols.push_back(r.substr(b, e - b));
		b = e + 1;
	}
	cols.push_back(r.substr(b));

	out = {};
	out.name = strip(cols[0]);
	if (cols.size() < 4) {
		err = "needs 4 or more tab-separated columns (variant, base, "
		      "environment, summary: ...), not " + std::to_string(cols.size());
		return false;
	}
	std::string base = strip(cols[1]);
	if (!variant_name(out.name)) {
		err = "variant name '" + out.name + "' is not a case name";
		out.name.clear();
		return false;
	}
	bool found;
	find_base(files, out.name, found);
	if (found || std::find(seen.begin(), seen.end(), out.name) != seen.end()) {
		err = out.name + " is already a case of this directory";
		out.name.clear();
		return false;
	}
	const HeaderFields *bf = find_base(files, base, found);
	if (!found) {
		err = "base '" + base + "' is no case script of this directory";
		return false;
	}
	if (!bf) {
		err = "base " + base + " has a refused header";
		return false;
	}
	std::istringstream envs(cols[2]);
	std::vector<std::string> env;
	for (std::string w; envs >> w;)
		env.push_back(w);
	if (env.size() == 1 && env[0] == "-")
		env.clear();
	for (const auto &w : env)
		if (!env_word(w)) {
			err = "environment word '" + w + "' is not NAME=VALUE";
			return false;
		}
	HeaderFields got;
	for (size_t i = 3; i < cols.size(); i++) {
		std::string key, val;
		const HeaderKey *k = nullptr;
		if (key_line("# " + cols[i], key, val))
			for (const auto &s : kSchema)
				if (key == s.name)
					k = &s;
		if (!k) {
			err = "column '" + cols[i] + "' is not a 'key: value' of case_header.tsv";
			return false;
		}
		for (const auto &g : got)
			if (g.first == key) {
				err = key + " given twice";
				return false;
			}
		val = strip(drop_comment(val));
		std::string bad = check_value(*k, val);
		if (!bad.empty()) {
			err = bad;
			return false;
		}
		got.emplace_back(key, val);
	}
	auto summary = std::find_if(got.begin(), got.end(),
				    [](const auto &g) { return g.first == "summary"; });
	if (summary == got.end() || summary->second.empty()) {
		err = "no summary: a variant says what it changes";
		return false;
	}
	out.base = base;
	out.env = std::move(env);
	out.fields = *bf;
	for (auto &[k, v] : out.fields)
		for (const auto &g : got)
			if (g.first == k)
				v = g.second;
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
