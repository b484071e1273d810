# SPDX-License-Identifier: GPL-2.0-only
"""Case discovery: the *.sh files of the case directories and their
headers (case_header.tsv says which keys, their types and defaults;
xdpctl selftest reads them by the same table)."""

import os

import case_header

SCHEMA = case_header.load_schema()


class Case:
    """A case script and its header."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)[:-3]
        self.header_error = None  # why the header is refused: the case fails unrun
        try:
            fields = case_header.parse_file(path, SCHEMA)
        except case_header.HeaderError as e:
            self.header_error = "%s: %s" % (path, e)
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
        c.path, c.name, c.cmdline, c.smp, c.timeout = "", "shell", "", 2, 0
        return c

    def runs_on(self, arch, flavour):
        return self.arch in ("any", arch) and self.kernel in ("any", flavour)


def discover(dirs, arch, flavour, filters):
    """The cases of dirs, in name order, that run on arch and the kernel
    flavour and whose name contains one of filters (all without filters)."""
    cases = []
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith(".sh"):
                c = Case(os.path.abspath(os.path.join(d, f)))
                if c.runs_on(arch, flavour) and (not filters or any(x in c.name for x in filters)):
                    cases.append(c)
    return cases
