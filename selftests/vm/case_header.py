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
    """A header the rules refuse; str() is "line N: what is wrong"."""


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
