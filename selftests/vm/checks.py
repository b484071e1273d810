# SPDX-License-Identifier: GPL-2.0-only
"""The verdicts on a case: what fails it, read from what its guest left in
its results directory (ktap, rc, taint, dmesg, console.log, qemu.stderr,
and on the sanitizer lane dma-before, dma-after, kmemleak).

judge() runs the rows of CHECKS in order; each row is one reason a case
fails, and each has a harness case that proves it in a guest
(selftests/vm/harness-cases) and a unit test (test_runner.py).
"""

import os
import re
import signal

from logs import console_excerpt, read, text_excerpt
from report import parse_ktap

# Taint flags a test guest may carry: O (out-of-tree module, 4096) and
# E (unsigned module, 8192).
TAINT_ALLOWED = 4096 | 8192
TAINT_LETTERS = "PFSRMBUDAWCIOELKXT"

# The emulator's own trouble: TCG can deschedule a vCPU long enough for the
# guest to report a stall or a soft lockup. Retried once.
STALL_RE = re.compile(r"soft lockup|rcu: INFO: rcu_\w+ (self-)?detected stall|"
                      r"rcu_\w+ kthread starved")
# A task blocked in uninterruptible sleep (khungtaskd): a deadlock report, the
# guest's (or the driver's) own failure, never retried.
DEADLOCK_RE = re.compile(r"INFO: task \S+ blocked for more than|hung_task")
PANIC_RE = re.compile(r"Kernel panic - not syncing")


# The sanitizer lane (--debug-kernel): reports of the kernel's bug detectors.
# Any of these in a case's console or kernel log fails the case, with the
# report attached. kmemleak reports come from the scan at the end of the job.
SANITIZER_RES = [
    ("KASAN", re.compile(r"BUG: KASAN: ")),
    ("KFENCE", re.compile(r"BUG: KFENCE: ")),
    ("lockdep", re.compile(r"WARNING: possible (circular|recursive) locking|"
                           r"WARNING: inconsistent lock state|WARNING: suspicious RCU usage|"
                           r"possible irq lock inversion|WARNING: bad unlock balance|"
                           r"(BUG|WARNING): held lock freed|WARNING: lock held when returning|"
                           r"BUG: workqueue leaked lock|WARNING: Nested lock was not taken|"
                           r"BUG: looking up invalid subclass|WARNING: lock held .* at task exit|"
                           r"BUG: Invalid wait context")),
    ("atomic sleep", re.compile(r"BUG: sleeping function called from invalid context|"
                                r"BUG: scheduling while atomic")),
    # err_printk(): "DMA-API: <driver> <device>: <what is wrong>" (boot
    # lines such as "DMA-API: preallocated ..." are information only)
    ("DMA-API", re.compile(r"DMA-API: (\S+ \S+: |exceeded \d+ overlapping|"
                           r"cpu touching an active dma mapped)")),
]
# A detector that switched itself off would make the lane test less than it
# says: that fails the case too.
SANITIZER_OFF_RE = re.compile(r"turning off the locking correctness validator|"
                              r"BUG: MAX_\w+ too low|kmemleak: .*[Dd]isabl|"
                              r"DMA-API: debugging out of memory|kfence: .*disabl", re.I)




def taint_flags(value):
    return "".join(TAINT_LETTERS[i] for i in range(len(TAINT_LETTERS)) if value & (1 << i))


def qemu_problem(returncode, stderr):
    """What went wrong with QEMU itself, or None.

    With -no-reboot QEMU exits 0 however the guest ends (power off, panic,
    triple fault); the runner only kills it after a timeout or a stall, which
    are reported as such. Any other end is the emulator's own failure (an
    assertion of host QEMU, e.g. hw/pci/msix.c under TCG), not the guest's.
    """
    if returncode == 0:
        return None
    lines = [l for l in stderr.splitlines() if l.strip()]
    last = lines[-1] if lines else "no message"
    if returncode < 0:
        try:
            how = "killed by %s" % signal.Signals(-returncode).name
        except ValueError:
            how = "killed by signal %d" % -returncode
    else:
        how = "exit status %d" % returncode
    return "QEMU itself failed (%s): %s" % (how, last)



class Evidence:
    """What a guest left behind and how it ended, read once for the checks."""

    def __init__(self, res, killed, returncode, limits, require_ktap):
        self.outdir, self.console, self.case = res.outdir, res.console, res.case
        self.killed, self.returncode = killed, returncode
        self.boot_limit, self.limit = limits
        self.require_ktap = require_ktap
        self.text = read(os.path.join(self.outdir, "ktap"))
        self.plan, self.leaves = parse_ktap(self.text)
        self.rc = read(os.path.join(self.outdir, "rc")).strip()
        self.taint = read(os.path.join(self.outdir, "taint")).strip()
        self.console_text = read(self.console)
        self.qemu = None if killed else \
            qemu_problem(returncode, read(os.path.join(self.outdir, "qemu.stderr")))
        self.panic = bool(PANIC_RE.search(self.console_text))


def check_ending(ev, res):
    """How the guest ended: QEMU's own failure, or killed by watch()."""
    console = ev.console
    if ev.qemu:
        res.problems.append((ev.qemu, console_excerpt(console)))
        res.retry = "after QEMU itself failed"
    elif ev.killed == "stall":
        res.problems.append(("guest stalled (RCU stall / soft lockup)",
                             console_excerpt(console, STALL_RE)))
        res.retry = "after a guest stall"
    elif ev.killed == "deadlock":
        # not retried: an intermittent deadlock must not pass on a second try
        res.problems.append(("guest reported a blocked task (hung_task: deadlock)",
                             console_excerpt(console, DEADLOCK_RE)))
    elif ev.killed == "boot":
        res.problems.append(("guest did not boot: the case had not started after %ds"
                             % ev.boot_limit, console_excerpt(console)))
        res.retry = "after a boot hang"
    elif ev.killed == "interrupted":
        res.problems.append(("guest killed: the runner was interrupted", ""))
    elif ev.killed == "timeout":
        res.problems.append(("timeout after %ds: case did not finish" % ev.limit,
                             console_excerpt(console)))


def check_panic(ev, res):
    if ev.panic:
        res.problems.append(("kernel panic", console_excerpt(ev.console, PANIC_RE, 60)))


def check_rc_written(ev, res):
    if not ev.qemu and not ev.killed and not ev.rc and not ev.panic:
        res.problems.append(("guest ended without a result (exit status missing)",
                             console_excerpt(ev.console)))


def check_rc(ev, res):
    if ev.rc == "137":
        res.problems.append(("case killed by its %ds timeout" % ev.case.timeout, ""))
    elif ev.rc and ev.rc != "0" and not any(s == "fail" for s, _, _ in res.leaves):
        res.problems.append(("case exited with status %s" % ev.rc,
                             ev.text[-2000:] if ev.require_ktap else ""))


def check_plan(ev, res):
    if ev.plan is not None and len(res.leaves) != ev.plan:
        # too few: the case stopped early; too many: a result was counted
        # twice or the plan does not say what the case checks
        res.problems.append(("plan was %d tests, %d reported" % (ev.plan, len(res.leaves)), ""))


def check_plan_printed(ev, res):
    if ev.plan is None and ev.require_ktap and not res.problems:
        res.problems.append(("no KTAP plan printed", ev.text[-2000:]))


def check_printed(ev, res):
    if not ev.require_ktap and not ev.text.strip() and not res.problems:
        # --stream (benchmarks, demo): a run that printed nothing measured nothing
        res.problems.append(("printed nothing", ""))


def check_taint(ev, res):
    if ev.taint:
        t = int(ev.taint)
        if t & ~TAINT_ALLOWED:
            res.problems.append(("kernel tainted %d (%s): only O and E are expected"
                                 % (t, taint_flags(t)),
                                 read(os.path.join(ev.outdir, "dmesg"))[-3000:]))


def check_sanitizers(ev, res):
    res.problems += sanitizer_problems(ev.outdir, ev.console_text)


# In this order: the first rows decide whether a retry is fair, the later
# ones look at what the earlier ones found.
CHECKS = [
    ("guest ended by itself", check_ending),
    ("no kernel panic", check_panic),
    ("exit status written", check_rc_written),
    ("exit status 0", check_rc),
    ("results as planned", check_plan),
    ("KTAP plan printed", check_plan_printed),
    ("something printed (--stream)", check_printed),
    ("no unexpected taint", check_taint),
    ("no sanitizer report", check_sanitizers),
]


def judge(res, killed, returncode, limits, require_ktap=True):
    """The verdicts on a case from what its guest left in res.outdir, how
    watch() ended it (None, "stall", "deadlock", "boot", "timeout", or
    "interrupted" by a signal to the runner) and
    QEMU's exit status: res.leaves, res.problems and res.retry."""
    ev = Evidence(res, killed, returncode, limits, require_ktap)
    res.leaves = ev.leaves
    for _, check in CHECKS:
        check(ev, res)


def sanitizer_problems(outdir, console_text):
    """Reports of the debug kernel's detectors in the case's logs."""
    problems = []
    logs = [console_text, read(os.path.join(outdir, "dmesg"))]
    for kind, pattern in SANITIZER_RES:
        for text in logs:
            excerpt = text_excerpt(text, pattern)
            if excerpt:
                problems.append(("sanitizer report: " + kind, excerpt))
                break
    before = read(os.path.join(outdir, "dma-before")).strip()
    after = read(os.path.join(outdir, "dma-after")).strip()
    if before.isdigit() and after.isdigit() and int(after) > int(before):
        problems.append(("sanitizer report: DMA-API",
                         "%d DMA mapping(s) left after the case with every project module "
                         "unloaded (dma-debug active entries: %s before, %s after); dma-debug "
                         "checks unbinds only on the buses it watches (PCI), not on the "
                         "platform bus" % (int(after) - int(before), before, after)))
    leaks = read(os.path.join(outdir, "kmemleak"))
    if "unreferenced object" in leaks:
        problems.append(("sanitizer report: kmemleak", "\n".join(leaks.splitlines()[:80])))
    for text in logs + [leaks]:
        excerpt = text_excerpt(text, SANITIZER_OFF_RE, 10)
        if excerpt:
            problems.append(("sanitizer switched itself off", excerpt))
            break
    return problems


