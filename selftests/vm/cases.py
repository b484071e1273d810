# SPDX-License-Identifier: GPL-2.0-only
"""Case discovery: the *.sh files of the case directories and their
headers (case_header.tsv says which keys, their types and defaults), and
the variants of those scripts a directory's variants.tsv declares (the
same script run with other environment values, e.g. NETA_POOL=own).
xdpctl selftest reads both by the same rules."""

import os

import case_header

SCHEMA = case_header.load_schema()


class Case:
    """A case: a script, the environment it runs with (a variant's) and its
    header."""

    def __init__(self, path, name=None, env=None, fields=None, error=None):
        self.path = path
        self.name = name or os.path.basename(path)[:-3]
        self.env = env or []  # NAME=VALUE words exported to the script (variants)
        self.header_error = error  # why the header is refused: the case fails unrun
        if fields is None and error is None:
            try:
                fields = case_header.parse_file(path, SCHEMA)
            except case_header.HeaderError as e:
                self.header_error = "%s: %s" % (path, e)
        if fields is None:
            fields = {k.name: k.default for k in SCHEMA}
        self.summary = fields["summary"]
        self.timeout = int(fields["timeout"])
        self.cmdline = fields["cmdline"]
        self.arch = fields["arch"]
        self.smp = int(fields["smp"] or 2)
        self.expect = fields["expect"]
        self.expect_detail = fields["expect-detail"]  # --expect-fail: the report must match this too
        self.kernel = fields["kernel"]  # any | debug (only on the sanitizer lane's kernel)

    @classmethod
    def shell(cls):
        """No case: the interactive guest shell (./lab shell)."""
        c = cls.__new__(cls)
        c.path, c.name, c.cmdline, c.smp, c.timeout, c.env = "", "shell", "", 2, 0, []
        return c

    def runs_on(self, arch, flavour):
        return self.arch in ("any", arch) and self.kernel in ("any", flavour)


def dir_cases(d):
    """The cases of directory d: its scripts, then its variants.tsv rows
    (a refused row is a case that fails unrun), in name order."""
    files, cases = {}, {}
    for f in sorted(os.listdir(d)):
        if f.endswith(".sh"):
            c = Case(os.path.abspath(os.path.join(d, f)))
            cases[c.name] = c
            files[c.name] = None if c.header_error else case_header.parse_file(c.path, SCHEMA)
    for v in case_header.read_variants(d, files, SCHEMA):
        path = os.path.abspath(os.path.join(d, v.base + ".sh")) if v.base else \
            os.path.abspath(os.path.join(d, case_header.VARIANTS))
        cases[v.name] = Case(path, v.name, v.env, v.fields,
                             "%s: %s" % (d, v.error) if v.error else None)
    return [cases[n] for n in sorted(cases)]


def discover(dirs, arch, flavour, filters):
    """The cases of dirs, in name order, that run on arch and the kernel
    flavour and whose name contains one of filters (all without filters)."""
    cases = []
    for d in dirs:
        for c in dir_cases(d):
            if c.runs_on(arch, flavour) and (not filters or any(x in c.name for x in filters)):
                cases.append(c)
    return cases
