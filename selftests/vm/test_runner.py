#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Host-side unit tests of the runner's log reading (meson test 'runner'):
what fails a case on the sanitizer lane, how a failure of QEMU itself is
told from the guest's, and what the self-test accepts as "failed for the
right reason". The guest side is tested by ./lab test
(--debug-kernel)."""

import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import case_header  # noqa: E402
import cases  # noqa: E402
import checks  # noqa: E402
import guest  # noqa: E402
import job  # noqa: E402
import report  # noqa: E402
import runner  # noqa: E402


def write_files(d, files):
    """A case's results directory: file name -> content."""
    for name, text in files.items():
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)


def problems(console="", files=None):
    with tempfile.TemporaryDirectory() as d:
        write_files(d, files or {})
        return checks.sanitizer_problems(d, console)


BOOT = """[    0.50] DMA-API: preallocated 65536 debug entries
[    0.51] DMA-API: debugging enabled by kernel config
[    0.60] kmemleak: Kernel memory leak detector initialized (mem pool available: 31000)
[    0.70] kfence: initialized - using 2097152 bytes for 255 objects
"""


class CaseHeader(unittest.TestCase):
    """header-examples/: xdpctl's unit tests read the same files and must
    reach the same results (userspace/tests/test_selftest.cpp)."""

    def test_examples(self):
        d = os.path.join(os.path.dirname(os.path.abspath(__file__)), "header-examples")
        names = sorted(f[:-3] for f in os.listdir(d) if f.endswith(".sh"))
        self.assertGreaterEqual(len(names), 9)
        for name in names:
            with self.subTest(example=name):
                with open(os.path.join(d, name + ".expected"), encoding="utf-8") as f:
                    self.assertEqual(case_header.render(os.path.join(d, name + ".sh")), f.read())

    def test_every_case_header_is_accepted(self):
        top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        dirs = [os.path.join(top, x) for x in ("cases", "vm/harness-cases", "vm/sanitizer-cases", "demo")]
        for d in dirs:
            for f in sorted(os.listdir(d)):
                if f.endswith(".sh"):
                    with self.subTest(case=f):
                        self.assertNotIn("error=", case_header.render(os.path.join(d, f)))

    def test_variant_examples(self):
        # variants.tsv rules: userspace/tests/test_selftest.cpp renders the
        # same directory and compares with the same file
        d = os.path.join(os.path.dirname(os.path.abspath(__file__)), "variant-examples")
        with open(os.path.join(d, "expected"), encoding="utf-8") as f:
            self.assertEqual(case_header.render_dir(d), f.read())

    def test_every_variant_is_accepted(self):
        top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        found = cases.dir_cases(os.path.join(top, "cases"))
        variants = [c for c in found if c.env]
        self.assertGreaterEqual(len(variants), 18)
        for c in found:
            with self.subTest(case=c.name):
                self.assertIsNone(c.header_error)
        own = next(c for c in variants if c.name == "402_neta_traffic_own_pool")
        self.assertEqual((os.path.basename(own.path), own.env, own.timeout),
                         ("400_neta_traffic.sh", ["NETA_POOL=own"], 600))

    def test_runner_fails_a_bad_header_unrun(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.sh")
            with open(path, "w", encoding="utf-8") as f:
                f.write("# summary: s\n# timeout: soon\n")
            case = cases.Case(path)
            self.assertIn("line 2: timeout must be a whole number", case.header_error)


class SanitizerProblems(unittest.TestCase):
    def kinds(self, *args, **kw):
        return [what for what, _ in problems(*args, **kw)]

    def test_clean_boot_is_clean(self):
        self.assertEqual(self.kinds(BOOT, {"dmesg": BOOT, "kmemleak": ""}), [])

    def test_each_detector(self):
        cases = {
            "KASAN": "BUG: KASAN: use-after-free in sbug_uaf+0xee/0x110 [sanitizer_bugs]",
            "KFENCE": "BUG: KFENCE: out-of-bounds write in sbug_kfence+0x209/0x290",
            "lockdep": "WARNING: possible circular locking dependency detected",
            "atomic sleep": "BUG: sleeping function called from invalid context at x.c:1",
            "DMA-API": "DMA-API: pci 0000:00:00.0: device driver has pending DMA allocations",
        }
        for kind, line in cases.items():
            with self.subTest(kind=kind):
                got = problems(BOOT + "[    9.1] " + line + "\n[    9.2] next\n")
                self.assertEqual([w for w, _ in got], ["sanitizer report: " + kind])
                self.assertIn(line, got[0][1])

    def test_report_only_in_dmesg_file(self):
        # lockdep at KERN_WARNING may be missing from a quieter console
        self.assertEqual(self.kinds(BOOT, {"dmesg": "WARNING: inconsistent lock state\n"}),
                         ["sanitizer report: lockdep"])

    def test_kmemleak_file(self):
        leak = "unreferenced object 0xffff888004a1c000 (size 256):\n  comm \"sbug_leak\"\n"
        self.assertEqual(self.kinds("", {"kmemleak": leak}), ["sanitizer report: kmemleak"])

    def test_detector_switched_off(self):
        self.assertEqual(self.kinds("INFO: lockdep is turned off.\n"
                                    "turning off the locking correctness validator.\n"),
                         ["sanitizer switched itself off"])
        self.assertEqual(self.kinds("", {"kmemleak": "kmemleak: disabled (cannot read x)\n"}),
                         ["sanitizer switched itself off"])

    def test_dma_entries_left(self):
        self.assertEqual(self.kinds("", {"dma-before": "3\n", "dma-after": "4\n"}),
                         ["sanitizer report: DMA-API"])
        self.assertEqual(self.kinds("", {"dma-before": "3\n", "dma-after": "3\n"}), [])
        # modules still loaded at the end: no after count, no verdict
        self.assertEqual(self.kinds("", {"dma-before": "3\n"}), [])


class QemuProblem(unittest.TestCase):
    def test_clean_exit(self):
        self.assertIsNone(checks.qemu_problem(0, "warning: something harmless\n"))

    def test_assertion(self):
        err = ("qemu-system-x86_64: ../../hw/pci/msix.c:207: msix_table_mmio_read: "
               "Assertion `addr + size <= dev->msix_entries_nr * PCI_MSIX_ENTRY_SIZE' failed.\n")
        got = checks.qemu_problem(-6, err)
        self.assertTrue(got.startswith("QEMU itself failed (killed by SIGABRT): "))
        self.assertIn("msix_table_mmio_read", got)

    def test_exit_status(self):
        self.assertEqual(checks.qemu_problem(1, "qemu: -virtfs: bad option\n\n"),
                         "QEMU itself failed (exit status 1): qemu: -virtfs: bad option")
        self.assertEqual(checks.qemu_problem(1, ""), "QEMU itself failed (exit status 1): no message")


class Watch(unittest.TestCase):
    """Why a guest is killed: a sleep stands in for QEMU."""

    def watch(self, files, limits):
        with tempfile.TemporaryDirectory() as d:
            write_files(d, files)
            proc = subprocess.Popen(["sleep", "60"], start_new_session=True)
            try:
                return guest.watch(proc, time.monotonic(), limits, d, None)[0]
            finally:
                proc.kill()
                proc.wait()

    def test_boot_hang(self):
        self.assertEqual(self.watch({}, (1, 30)), "boot")

    def test_case_timeout(self):
        self.assertEqual(self.watch({"started": "started\n"}, (1, 2)), "timeout")

    def test_stall(self):
        console = "[  40.1] rcu: INFO: rcu_preempt self-detected stall on CPU\n"
        self.assertEqual(self.watch({"started": "", "console.log": console}, (30, 30)), "stall")

    def test_soft_lockup_is_a_stall(self):
        console = "[  40.1] watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [swapper/1:0]\n"
        self.assertEqual(self.watch({"started": "", "console.log": console}, (30, 30)), "stall")

    def test_blocked_task_is_a_deadlock(self):
        console = ("[ 130.2] INFO: task kworker/0:1:33 blocked for more than 120 seconds.\n"
                   "[ 130.2] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables\n")
        self.assertEqual(self.watch({"started": "", "console.log": console}, (30, 30)), "deadlock")


def judged(files, killed=None, returncode=0):
    """checks.judge() on a fake results directory."""
    case = cases.Case.__new__(cases.Case)
    case.name, case.timeout, case.expect, case.expect_detail = "x", 30, "", ""
    with tempfile.TemporaryDirectory() as d:
        write_files(d, files)
        r = report.Result(case)
        r.outdir, r.console = d, os.path.join(d, "console.log")
        checks.judge(r, killed, returncode, (120, 90))
        return r


class Judge(unittest.TestCase):
    """The verdicts on a case; each has a harness case that proves it in a
    guest (selftests/vm/harness-cases)."""

    KTAP = "KTAP version 1\n1..2\nok 1 a\nok 2 b\n"

    def problems(self, **kw):
        return [w for w, _ in judged(**kw).problems]

    def test_clean(self):
        r = judged({"ktap": self.KTAP, "rc": "0\n", "taint": "12288\n"})
        self.assertEqual((r.problems, r.failed, r.counts()), ([], False, (2, 0, 0)))

    def test_too_many_results(self):
        self.assertEqual(self.problems(files={"ktap": self.KTAP + "ok 3 c\n", "rc": "0\n"}),
                         ["plan was 2 tests, 3 reported"])

    def test_too_few_results(self):
        self.assertEqual(self.problems(files={"ktap": "1..3\nok 1 a\n", "rc": "0\n"}),
                         ["plan was 3 tests, 1 reported"])

    def test_silent(self):
        self.assertEqual(self.problems(files={"ktap": "", "rc": "0\n"}), ["no KTAP plan printed"])

    def test_stream_printed_nothing(self):
        case = cases.Case.__new__(cases.Case)
        case.name, case.timeout = "bench", 30
        with tempfile.TemporaryDirectory() as d:
            write_files(d, {"ktap": "", "rc": "0\n"})
            r = report.Result(case)
            r.outdir, r.console = d, os.path.join(d, "console.log")
            checks.judge(r, None, 0, (120, 90), require_ktap=False)
        self.assertEqual([w for w, _ in r.problems], ["printed nothing"])

    def test_exit_status_with_every_result_ok(self):
        self.assertEqual(self.problems(files={"ktap": self.KTAP, "rc": "3\n"}),
                         ["case exited with status 3"])

    def test_no_exit_status(self):
        self.assertEqual(self.problems(files={"ktap": self.KTAP}),
                         ["guest ended without a result (exit status missing)"])

    def test_stall_is_retried_deadlock_is_not(self):
        stall = judged({"ktap": self.KTAP}, killed="stall")
        self.assertEqual(stall.retry, "after a guest stall")
        dead = judged({"ktap": self.KTAP, "console.log": "INFO: task a:1 blocked for more than 2 "
                       "seconds.\n"}, killed="deadlock")
        self.assertIsNone(dead.retry)
        self.assertEqual([w for w, _ in dead.problems],
                         ["guest reported a blocked task (hung_task: deadlock)"])
        self.assertIn("blocked for more than", dead.problems[0][1])


class JUnit(unittest.TestCase):
    def test_retry_and_runner_errors_recorded(self):
        r = judged({"ktap": "1..1\nok 1 a\n", "rc": "0\n"})
        r.retried, r.first_problems = "after a guest stall", [("guest stalled", "")]
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "j.xml")
            report.junit([r], path, "x86_64", ["runner failed: OSError: x"])
            with open(path, encoding="utf-8") as f:
                xml = f.read()
        self.assertIn('name="retried:x" value="after a guest stall (first attempt: guest stalled)"',
                      xml)
        self.assertIn("<system-out>retried after a guest stall", xml)
        self.assertIn('tests="2" failures="1"', xml)


class Summary(unittest.TestCase):
    """A run asked for cases always writes its summary line; running none is
    a failure."""

    def run_runner(self, *args):
        with tempfile.TemporaryDirectory() as d:
            summary = os.path.join(d, "summary")
            p = subprocess.run([sys.executable, runner.__file__, "--build", d,
                                "--summary-file", summary] + list(args),
                               capture_output=True, text=True, check=False)
            with open(summary, encoding="utf-8") as f:
                return p.returncode, f.read()

    def test_no_case_matches(self):
        rc, line = self.run_runner("--cache", "/nonexistent", "no-such-case-name")
        self.assertEqual((rc, line), (2, "0 1 0\n"))

    def test_no_guest_kernel(self):
        rc, line = self.run_runner("--cache", "/nonexistent", "001_")
        self.assertEqual((rc, line), (1, "0 1 0\n"))


class ExpectedFailure(unittest.TestCase):
    def result(self, expect, detail_re, problems_):
        case = cases.Case.__new__(cases.Case)
        case.expect, case.expect_detail = expect, detail_re
        r = report.Result(case)
        r.problems = problems_
        return report.expected_failure(r)

    def test_reason_and_detail(self):
        kasan = ("sanitizer report: KASAN", "BUG: KASAN: use-after-free in sbug_uaf [sanitizer_bugs]")
        boot = ("sanitizer report: KASAN", "BUG: KASAN: wild-memory-access in do_raw_spin_lock")
        exp = "^sanitizer report: KASAN$"
        self.assertTrue(self.result(exp, "sanitizer_bugs|sbug_", [kasan]))
        # a KASAN report of something else is not the bug the case commits
        self.assertFalse(self.result(exp, "sanitizer_bugs|sbug_", [boot]))
        self.assertTrue(self.result(exp, "", [boot]))
        self.assertFalse(self.result(exp, "", [("kernel panic", "")]))
        self.assertFalse(self.result(exp, "", []))


def fake_guest(flavour="debian", rootfs="/"):
    """The guest values job.py reads."""
    g = guest.Guest.__new__(guest.Guest)
    g.build, g.userspace, g.kmod, g.kmod_test = "/b", "/u", "/b/kmod", "/b/kmod-test"
    g.flavour, g.series, g.arch, g.console_dev, g.rootfs = flavour, "6.1", "x86_64", "ttyS0", rootfs
    return g


class Job(unittest.TestCase):
    """The guest's job script: guest-job.sh after the case's values."""

    def script(self, case_path="/src/selftests/cases/001_x.sh", env=(), **kw):
        case = cases.Case.__new__(cases.Case)
        case.path, case.timeout, case.env = case_path, 42, list(env)
        return job.job_script(case, fake_guest(**kw))

    def test_bash_parses_it(self):
        for kw in ({}, {"flavour": "debug"}, {"rootfs": "/rootfs"}, {"case_path": ""}):
            with self.subTest(**kw):
                p = subprocess.run(["bash", "-n"], input=self.script(**kw), text=True,
                                   capture_output=True, check=False)
                self.assertEqual((p.returncode, p.stderr), (0, ""))

    def test_one_brace_group(self):
        # bash must parse the whole job before running any of it
        lines = self.script().splitlines()
        self.assertEqual((lines[2], lines[-1]), ("{", "}"))

    def test_case_values(self):
        s = self.script(case_path="/a b/001_x.sh")
        self.assertIn("JOB_CASE='/a b/001_x.sh'\n", s)
        self.assertIn("JOB_TIMEOUT=42\n", s)
        self.assertIn("export XDPCTL=/u/userspace/xdpctl\n", s)
        self.assertIn("JOB_HOST_BINDS=''\n", s)
        self.assertNotIn("export FRAMES", s)
        self.assertNotIn("export NETA_POOL", s)

    def test_variant_values_exported(self):
        s = self.script(env=["NETA_POOL=own", "NETA_MODEL_PARAMS=coherent=0"])
        self.assertIn("export NETA_POOL=own\n", s)
        self.assertIn("export NETA_MODEL_PARAMS=coherent=0\n", s)

    def test_sanitizer_lane_and_foreign_userland(self):
        lane = job.lane_env()
        self.assertTrue(lane, "selftests/debug-kernel/lane.env has no NAME=NUMBER line")
        self.assertIn("export %s\n" % lane[0], self.script(flavour="debug"))
        binds = sorted([job.SRC, "/b", "/u", os.path.join(job.SRC, ".cache")])
        self.assertIn("JOB_HOST_BINDS='%s'\n" % " ".join(binds), self.script(rootfs="/r"))


FAKE_QEMU = """#!/bin/sh
# stands in for QEMU: records that a guest started, then runs long
echo $$ >>"$FAKE_QEMU_LOG"
exec sleep 120
"""


class Signals(unittest.TestCase):
    """SIGTERM or SIGINT (a CI job cancelled, ^C) ends the runner at once with
    a non-zero status: the running guests are killed, no other one starts."""

    def interrupt(self, sig, jobs):
        with tempfile.TemporaryDirectory() as d:
            bindir, cases, cache = (os.path.join(d, x) for x in ("bin", "cases", "cache"))
            for x in (bindir, cases, os.path.join(cache, "guest", "x86_64")):
                os.makedirs(x)
            write_files(os.path.join(cache, "guest", "x86_64"), {"kver": "6.1.0-test\n"})
            write_files(bindir, {"qemu-system-x86_64": FAKE_QEMU})
            os.chmod(os.path.join(bindir, "qemu-system-x86_64"), 0o755)
            for i in range(4):
                write_files(cases, {"00%d_c.sh" % i: "# summary: case %d\n# timeout: 100\n" % i})
            log = os.path.join(d, "started")
            env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"],
                       FAKE_QEMU_LOG=log)
            p = subprocess.Popen([sys.executable, runner.__file__, "--build", d, "--cache", cache,
                                  "--cases", cases, "--jobs", str(jobs),
                                  "--results", os.path.join(d, "results"),
                                  "--summary-file", os.path.join(d, "summary")],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                end = time.monotonic() + 30
                while time.monotonic() < end and len(runner_read(log).split()) < jobs:
                    time.sleep(0.1)
                guests = [int(x) for x in runner_read(log).split()]
                self.assertEqual(len(guests), jobs, "guests started before the signal")
                p.send_signal(sig)
                try:
                    rc = p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    rc = None
                time.sleep(1)
                alive = [pid for pid in guests + [int(x) for x in runner_read(log).split()]
                         if pid_alive(pid)]
                started = len(runner_read(log).split())
            finally:
                if p.poll() is None:
                    p.kill()
                    p.wait()
                for pid in (int(x) for x in runner_read(log).split()):
                    if pid_alive(pid):
                        os.kill(pid, signal.SIGKILL)
            self.assertIsNotNone(rc, "runner still running 20 s after the signal")
            self.assertNotEqual(rc, 0)
            self.assertEqual(alive, [], "guests left running")
            self.assertEqual(started, jobs, "guests started after the signal")
            # passed failed skipped: an interrupted run counts as failed
            self.assertNotEqual(runner_read(os.path.join(d, "summary")).split()[1], "0")

    def test_sigterm_one_job(self):
        self.interrupt(signal.SIGTERM, 1)

    def test_sigterm_two_jobs(self):
        self.interrupt(signal.SIGTERM, 2)

    def test_sigint_two_jobs(self):
        self.interrupt(signal.SIGINT, 2)


def runner_read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def pid_alive(pid):
    """A process that exists and is not a zombie."""
    try:
        with open("/proc/%d/stat" % pid, encoding="utf-8") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


if __name__ == "__main__":
    unittest.main()
