# SPDX-License-Identifier: GPL-2.0-only
"""What the runner prints and writes: the leaf results read from a case's
KTAP, one result per case (Result), the nested KTAP of a run, the JUnit
report, and the self-test's "failed for the right reason"."""

import re
import xml.etree.ElementTree as ET

RESULT_RE = re.compile(r"^(\s*)(not ok|ok) (\d+)\s*(?:-\s*)?([^#]*?)\s*(#\s*(\w+)\s*(.*))?$")


class Result:
    def __init__(self, case):
        self.case = case
        self.leaves = []      # (status, name, diag) status: pass|fail|skip
        self.problems = []    # case-level failures (timeout, panic, taint...)
        self.elapsed = 0.0
        self.console = None
        self.outdir = None
        self.retried = None   # why the case was run a second time ("after ...")
        self.first_problems = []  # the first attempt's problems, when retried
        # set when the failure is not the case's (TCG stall, boot hang, QEMU
        # crash): why running it once more is fair, as "after ..."
        self.retry = None

    @property
    def failed(self):
        return bool(self.problems) or any(s == "fail" for s, _, _ in self.leaves)

    def counts(self):
        p = sum(1 for s, _, _ in self.leaves if s == "pass")
        f = sum(1 for s, _, _ in self.leaves if s == "fail") + len(self.problems)
        s = sum(1 for st, _, _ in self.leaves if st == "skip")
        return p, f, s



def parse_ktap(text):
    """Leaf results of a case's KTAP: (status, name, diagnostics)."""
    leaves = []
    plan = None
    diag = []
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("1..") and plan is None and not line.startswith(" "):
            try:
                plan = int(s[3:])
            except ValueError:
                pass
            continue
        if s.startswith("#"):
            diag.append(s)
            continue
        m = RESULT_RE.match(line)
        if not m or m.group(1):
            if s and not s.startswith("KTAP") and not m:
                diag.append(s)
            continue
        ok = m.group(2) == "ok"
        name = m.group(4) or ("test %s" % m.group(3))
        directive = (m.group(6) or "").upper()
        if directive == "SKIP":
            leaves.append(("skip", name, m.group(7) or ""))
        else:
            leaves.append(("pass" if ok else "fail", name, "\n".join(diag[-30:])))
        diag = []
    return plan, leaves



def expected_failure(r):
    """Harness self-test: the case failed, for the reason its header names
    (and, with expect-detail, with a report that names the culprit: a
    detector's report of something else does not count)."""
    if not r.failed:
        return False
    reasons = list(r.problems) + [("not ok " + n, d) for s, n, d in r.leaves if s == "fail"]
    return any(re.search(r.case.expect, what) and
               (not r.case.expect_detail or re.search(r.case.expect_detail, detail))
               for what, detail in reasons)


def junit(results, path, arch, errors=()):
    """errors: the runner's own failures ("no case matches ...", an
    exception), each a failed test of classname "runner"."""
    suite = ET.Element("testsuite", name="vm-" + arch)
    total = fails = skips = 0
    retried = [r for r in results if r.retried]
    if retried:
        # A retried case is visible in the report, with what the first
        # attempt failed on (its logs are in <case>.first).
        props = ET.SubElement(suite, "properties")
        for r in retried:
            ET.SubElement(props, "property", name="retried:" + r.case.name,
                          value="%s (first attempt: %s)" % (r.retried, "; ".join(
                              w for w, _ in r.first_problems)))
    for r in results:
        note = ""
        if r.retried:
            note = "retried %s; first attempt failed: %s\n" % (
                r.retried, "; ".join(w for w, _ in r.first_problems))
        for status, name, diag in r.leaves:
            total += 1
            tc = ET.SubElement(suite, "testcase", classname=r.case.name, name=name)
            if note:
                ET.SubElement(tc, "system-out").text = note
            if status == "fail":
                fails += 1
                ET.SubElement(tc, "failure", message="not ok").text = diag
            elif status == "skip":
                skips += 1
                ET.SubElement(tc, "skipped", message=diag)
        for what, detail in r.problems:
            total += 1
            fails += 1
            tc = ET.SubElement(suite, "testcase", classname=r.case.name, name=what)
            ET.SubElement(tc, "failure", message=what).text = detail
            if note:
                ET.SubElement(tc, "system-out").text = note
    for what in errors:
        total += 1
        fails += 1
        tc = ET.SubElement(suite, "testcase", classname="runner", name=what)
        ET.SubElement(tc, "failure", message=what)
    suite.set("tests", str(total))
    suite.set("failures", str(fails))
    suite.set("skipped", str(skips))
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)



def print_result(i, r, log, expect_fail=False, stream=False):
    """One case's lines of the run's KTAP: its problems, where its console
    log is kept, then "ok N name # time" (--stream: a comment instead)."""
    case = r.case
    for line in log:
        print(line)
    for what, detail in r.problems:
        print("    # problem: %s" % what)
        for line in ([] if expect_fail else detail.splitlines()[-40:]):
            print("    #   " + line)
    if r.failed:
        print("    # console log kept: %s" % r.console)
    if expect_fail:
        status = "ok" if expected_failure(r) else "not ok"
        if status == "not ok":
            print("    # expected a failure matching '%s'" % case.expect)
    else:
        status = "not ok" if r.failed else "ok"
    note = " (retried %s)" % r.retried if r.retried else ""
    if stream:
        print("# %s: %s in %.1fs" % (case.name, "failed" if r.failed else "done", r.elapsed))
    else:
        print("%s %d %s%s # %.1fs" % (status, i, case.name, note, r.elapsed), flush=True)


def totals(results, expect_fail=False):
    """(passed, failed, skipped) of a run; for the self-test each case is one
    result: passed when it failed for the reason its header names."""
    if expect_fail:
        failed = sum(1 for r in results if not expected_failure(r))
        return len(results) - failed, failed, 0
    passed = failed = skipped = 0
    for r in results:
        p, f, s = r.counts()
        passed, failed, skipped = passed + p, failed + f, skipped + s
    return passed, failed, skipped
