#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""./lab one-guest: the verdict of each case run by the VM runner (one guest
per case) next to its verdict from xdpctl selftest (every case in one
guest, in order, 399_fails_on_purpose among them). Prints one line per case
and appends "passed failed skipped" to SUMMARY: a case passes when both
verdicts agree, fails when they differ, is skipped when xdpctl skipped it
(its reason shown: kernel command line, CPU count, debug kernel)."""

import re
import sys

LINE = re.compile(r"^(ok|not ok) \d+ (\S+)(.*)$")
INJECTED = "399_fails_on_purpose"


def verdicts(path):
    """name -> (ok|not ok, rest of the line): the top-level results of a
    KTAP file (each case's own lines are indented)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if m:
                out[m.group(2)] = (m.group(1), m.group(3).strip())
    return out


def main(runner_ktap, one_ktap, summary):
    ran = verdicts(runner_ktap)
    one = verdicts(one_ktap)
    passed = failed = skipped = 0
    inj = one.get(INJECTED, ("missing", ""))
    if inj[0] == "not ok":
        passed += 1
        print("ok      %-32s failed on purpose, as planned" % INJECTED)
    else:
        failed += 1
        print("DIFFERS %-32s should have failed on purpose: %s" % (INJECTED, inj[0]))
    for name in sorted(ran):
        want = ran[name][0]
        got, rest = one.get(name, ("missing", ""))
        rest = re.sub(r"^#\s*[0-9.]+s$", "", rest)
        if "# SKIP" in rest:
            skipped += 1
            print("skip    %-32s runner: %s; one guest: %s" % (name, want, rest.split("# SKIP", 1)[1].strip()))
        elif got == want:
            passed += 1
            print("ok      %-32s %s in both" % (name, want))
        else:
            failed += 1
            print("DIFFERS %-32s runner: %s, one guest: %s" % (name, want, got))
    print("# one guest vs runner: %d agree, %d differ, %d skipped in one guest" % (passed, failed, skipped))
    with open(summary, "a", encoding="utf-8") as f:
        f.write("%d %d %d\n" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: one_guest_compare.py RUNNER.ktap ONE-GUEST.ktap SUMMARY", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
