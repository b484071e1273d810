// SPDX-License-Identifier: GPL-2.0-only
/*
 * The header of a guest test case ("# key: value" lines at the top of
 * selftests/cases/NNN_*.sh), read by the table in
 * selftests/vm/case_header.tsv, which meson compiles in. The VM runner reads
 * the same table (selftests/vm/case_header.py): both accept, default and
 * refuse the same headers, checked on selftests/vm/header-examples/.
 */
#pragma once

#include <istream>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace xdpctl {

/* One row of case_header.tsv. */
struct HeaderKey {
	const char *name;
	const char *kind;	/* text, words, regex, int, enum */
	bool required;
	const char *def;	/* default value */
	const char *allowed;	/* int: "MIN..MAX"; enum: "a|b|c" */
};

std::span<const HeaderKey> case_header_schema();

/* Every key of the table with its value, in the table's order. */
using HeaderFields = std::vector<std::pair<std::string, std::string>>;

/*
 * parse_case_header - read the header at the top of @in into @out (defaults
 * filled in). Returns false with @err = "line N: what is wrong" (the VM
 * runner's words) when the rules refuse it.
 */
bool parse_case_header(std::istream &in, HeaderFields &out, std::string &err);

/* render_case_header - "key=value" lines, or "error=..." (header-examples) */
std::string render_case_header(std::istream &in);

/*
 * A row of a case directory's variants.tsv (see selftests/cases/variants.tsv):
 * the case @name runs @base.sh of the same directory with @env exported,
 * under the base's header with the row's keys replacing its values.
 */
struct Variant {
	std::string name;
	std::string base;
	std::vector<std::string> env;	/* NAME=VALUE */
	HeaderFields fields;
};

/* Header fields of the directory's scripts by case name; none: refused. */
using CaseHeaders = std::vector<std::pair<std::string, std::optional<HeaderFields>>>;

/*
 * parse_variant - one line of variants.tsv into @out, the header fields of
 * the scripts in @files, the variants of the rows above in @seen. False
 * with @err (the VM runner's words) and @out.name = the row's name, or ""
 * when the name cannot be one (then "variants.tsv:LINE" names the case).
 */
bool parse_variant(const std::string &row, const CaseHeaders &files,
		   const std::vector<std::string> &seen, Variant &out,
		   std::string &err);

} // namespace xdpctl
