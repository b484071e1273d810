#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The header of a guest test case, read by the rules of case_header.tsv.

The same table is compiled into xdpctl (``--cxx OUT`` writes it as a C++
array for meson), so the VM runner and ``xdpctl selftest`` accept, default
and refuse exactly the same headers; both test suites check that on the
files of header-examples/.
"""

import os
import re
import sys

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "case_header.tsv")
KEY_RE = re.compile(r"^#\s*([a-z][a-z-]*)\s*:(.*)$")
COMMENT_RE = re.compile(r"  +\(.*$")


class HeaderError(Exception):
    """A header the rules refuse; str() is "line N: what is wrong" (a
    variants.tsv row: args[1] is the row's variant name)."""

    def __str__(self):
        return self.args[0] if self.args else ""


class Key:
    def __init__(self, name, kind, default, allowed, meaning):
        self.name = name
        self.kind = kind
        self.required = default == "!"
        self.default = "" if self.required else default
        self.allowed = allowed
        self.meaning = meaning


def load_schema(path=SCHEMA):
    keys = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 5:
                raise SystemExit("%s: a row needs 5 tab-separated fields: %r" % (path, line))
            keys.append(Key(*fields))
    return keys


def check_value(key, val):
    """The value as the key's type wants it, or HeaderError's text."""
    if key.kind == "int":
        lo, hi = (int(x) for x in key.allowed.split(".."))
        if not re.fullmatch(r"[0-9]+", val) or not lo <= int(val) <= hi:
            raise HeaderError("%s must be a whole number from %d to %d, not '%s'"
                              % (key.name, lo, hi, val))
        return val
    if key.kind == "enum":
        if val not in key.allowed.split("|"):
            raise HeaderError("%s must be one of %s, not '%s'"
                              % (key.name, key.allowed.replace("|", ", "), val))
        return val
    if key.kind == "words":
        return " ".join(val.split())
    return val


def parse(lines, schema=None):
    """key -> value (a string, defaults filled in) of the header in
    @lines; raises HeaderError."""
    schema = schema or load_schema()
    by_name = {k.name: k for k in schema}
    got = {}
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.startswith("#"):
            break
        m = KEY_RE.match(line)
        if not m:
            continue
        name = m.group(1)
        key = by_name.get(name)
        if key is None:
            raise HeaderError("line %d: unknown key '%s'" % (n, name))
        if name in got:
            raise HeaderError("line %d: %s given twice" % (n, name))
        val = COMMENT_RE.sub("", m.group(2)).strip()
        try:
            got[name] = check_value(key, val)
        except HeaderError as e:
            raise HeaderError("line %d: %s" % (n, e)) from None
    for key in schema:
        if key.name not in got:
            if key.required:
                raise HeaderError("no %s line" % key.name)
            got[key.name] = key.default
        elif key.required and not got[key.name]:
            raise HeaderError("%s is empty" % key.name)
    return got


def parse_file(path, schema=None):
    with open(path, encoding="utf-8") as f:
        return parse(f.readlines(), schema)


VARIANTS = "variants.tsv"
NAME_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
ENV_RE = re.compile(r"^[A-Z_][A-Z0-9_]*=\S*$")


class Variant:
    """One row of a case directory's variants.tsv: the case @name runs the
    script @base.sh of the same directory with @env (NAME=VALUE words)
    exported, under @base's header with the row's keys replacing its
    values. @error: why the row is refused (the case fails unrun)."""

    def __init__(self, name, base="", env=None, fields=None, error=None):
        self.name = name
        self.base = base
        self.env = env or []
        self.fields = fields
        self.error = error


def parse_variant(row, files, seen, schema=None):
    """The Variant of one line of variants.tsv (see its comment); @files:
    case name -> header fields (None: refused) of the directory's scripts,
    @seen: the variant names of the rows above. Raises HeaderError with
    the row's name (or "") as its second argument."""
    schema = schema or load_schema()
    by_name = {k.name: k for k in schema}
    cols = row.rstrip("\n").split("\t")
    name = cols[0].strip()
    if len(cols) < 4:
        raise HeaderError("needs 4 or more tab-separated columns (variant, base, "
                          "environment, summary: ...), not %d" % len(cols), name)
    base, env = cols[1].strip(), cols[2].split()
    if not NAME_RE.match(name):
        raise HeaderError("variant name '%s' is not a case name" % name, "")
    if name in files or name in seen:
        raise HeaderError("%s is already a case of this directory" % name, "")
    if base not in files:
        raise HeaderError("base '%s' is no case script of this directory" % base, name)
    if files[base] is None:
        raise HeaderError("base %s has a refused header" % base, name)
    if env == ["-"]:
        env = []
    for word in env:
        if not ENV_RE.match(word):
            raise HeaderError("environment word '%s' is not NAME=VALUE" % word, name)
    got = {}
    for col in cols[3:]:
        m = KEY_RE.match("# " + col)
        if not m or m.group(1) not in by_name:
            raise HeaderError("column '%s' is not a 'key: value' of case_header.tsv" % col, name)
        key = by_name[m.group(1)]
        if key.name in got:
            raise HeaderError("%s given twice" % key.name, name)
        try:
            got[key.name] = check_value(key, COMMENT_RE.sub("", m.group(2)).strip())
        except HeaderError as e:
            raise HeaderError(str(e), name) from None
    if not got.get("summary"):
        raise HeaderError("no summary: a variant says what it changes", name)
    fields = dict(files[base])
    fields.update(got)
    return Variant(name, base, env, fields)


def read_variants(directory, files, schema=None):
    """The Variants of @directory/variants.tsv (none without the file), in
    the table's order; @files as parse_variant wants it."""
    path = os.path.join(directory, VARIANTS)
    if not os.path.exists(path):
        return []
    out = []
    with open(path, encoding="utf-8") as f:
        for n, row in enumerate(f, 1):
            if row.startswith("#") or not row.strip():
                continue
            try:
                out.append(parse_variant(row, files, {v.name for v in out}, schema))
            except HeaderError as e:
                name = e.args[1] if len(e.args) > 1 and e.args[1] else "%s:%d" % (VARIANTS, n)
                out.append(Variant(name, error="%s line %d: %s" % (VARIANTS, n, e.args[0])))
    return out


def render_dir(directory, schema=None):
    """What variant-examples/expected holds for a case directory: every
    case (scripts and variants, in name order) as a "[name]" line, then
    "script=", "env=" and the header's "key=value" lines, or one
    "error=..." line. xdpctl's unit tests render the same."""
    schema = schema or load_schema()
    files, errors = {}, {}
    for f in sorted(os.listdir(directory)):
        if f.endswith(".sh"):
            try:
                files[f[:-3]] = parse_file(os.path.join(directory, f), schema)
            except HeaderError as e:
                files[f[:-3]], errors[f[:-3]] = None, str(e)
    cases = {n: ("%s.sh" % n, [], fields, errors.get(n)) for n, fields in files.items()}
    for v in read_variants(directory, files, schema):
        cases[v.name] = ("%s.sh" % v.base, v.env, v.fields, v.error)
    out = []
    for name in sorted(cases):
        script, env, fields, error = cases[name]
        out.append("[%s]\n" % name)
        if error:
            out.append("error=%s\n" % error)
            continue
        out.append("script=%s\nenv=%s\n" % (script, " ".join(env)))
        out += ["%s=%s\n" % (k.name, fields[k.name]) for k in schema]
    return "".join(out)


def render(path, schema=None):
    """What header-examples/NAME.expected holds for NAME.sh: "key=value"
    lines in the table's order, or one "error=..." line."""
    try:
        return "".join("%s=%s\n" % kv for kv in parse_file(path, schema).items())
    except HeaderError as e:
        return "error=%s\n" % e


def cxx(schema, out):
    """The table as C++ (meson: case_header_schema.inc)."""
    def s(v):
        return '"%s"' % v.replace("\\", "\\\\").replace('"', '\\"')
    rows = ["\t{%s, %s, %s, %s, %s}," % (s(k.name), s(k.kind), "true" if k.required else "false",
                                          s(k.default), s(k.allowed)) for k in schema]
    out.write("/* generated from selftests/vm/case_header.tsv by case_header.py */\n")
    out.write("\n".join(rows) + "\n")


def main(argv):
    if len(argv) == 4 and argv[1] == "--cxx":
        with open(argv[3], "w", encoding="utf-8") as out:
            cxx(load_schema(argv[2]), out)
        return 0
    if len(argv) >= 2:
        bad = 0
        for path in argv[1:]:
            try:
                fields = parse_file(path)
                print("%s: %s" % (path, " ".join("%s=%r" % kv for kv in fields.items())))
            except HeaderError as e:
                print("%s: %s" % (path, e))
                bad += 1
        return 1 if bad else 0
    print("usage: case_header.py CASE.sh... | --cxx SCHEMA.tsv OUT.inc", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
