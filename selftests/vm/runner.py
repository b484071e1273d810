#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot one QEMU guest per test case and collect its KTAP.

Each case (a selftests/cases/*.sh, or a row of selftests/cases/variants.tsv:
another case's script run with environment values) runs in a fresh guest
booting Debian's Linux 6.1
(or 6.12 with --kernel 6.12):
host root read-only over 9p with a tmpfs overlay, the case's output
directory shared read-write, the guest kernel's modules over 9p. The case
prints KTAP; the guest side records its exit status, the taint flags and
the kernel log; the runner fails a case on a failed or missing result, a
non-zero exit, a timeout, a panic, a stall or an unexpected taint.

One concern per module beside this one:
  cases.py        case discovery and headers (case_header.py, .tsv)
  guest.py        the guest's kernel and modules, the QEMU command line,
                  booting and watching one guest, stopping them all
  job.py          the guest's job script: guest-job.sh plus the case's values
  checks.py       the verdicts on a case, one row per reason it fails
  report.py       KTAP results, the run's KTAP, JUnit, the self-test verdict
This file: the command line, the order of the cases, the retry, signals.
"""

import argparse
import concurrent.futures
import os
import shutil
import signal
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# pylint: disable=wrong-import-position
from cases import Case, discover  # noqa: E402
from guest import DEBUG_TIMEOUT_SCALE, KERNEL_SERIES, Guest, run_case, stop_all, stopping  # noqa: E402
from job import SRC, write_job  # noqa: E402
from logs import read  # noqa: E402
from report import Result, junit, print_result, totals  # noqa: E402


def on_signal(signum, _frame):
    """SIGTERM or SIGINT: kill the running guests, start no other one, and
    end the run as failed (the summary line still written)."""
    stop_all()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    sys.exit(128 + signum)


def main():
    ap = argparse.ArgumentParser(description="Run guest test cases under QEMU.")
    ap.add_argument("filters", nargs="*", help="substrings of case names to run")
    ap.add_argument("--arch", default="x86_64", choices=["x86_64", "arm64"])
    ap.add_argument("--build", required=True, help="meson build directory")
    ap.add_argument("--cache", required=True, help="lab cache directory (guest kernels)")
    ap.add_argument("--userspace-build",
                    help="meson build directory whose userspace (xdpctl, userspace/tools) the "
                         "guest runs (default --build; arm64: the cross build)")
    ap.add_argument("--kmod", metavar="DIR",
                    help="the project's modules to load (*.ko), instead of <build>/kmod/<arch>/ko")
    ap.add_argument("--cases", action="append", help="case directory (default selftests/cases)")
    ap.add_argument("--results", help="where to keep per-case output")
    ap.add_argument("--accel", default="tcg", choices=["tcg", "kvm"])
    ap.add_argument("--debug-kernel", metavar="DIR",
                    help="boot the sanitizer lane's debug kernel built in DIR "
                         "(selftests/debug-kernel/build.sh) instead of Debian's")
    ap.add_argument("--kernel", default="6.1", choices=KERNEL_SERIES,
                    help="Debian's guest kernel series (default 6.1); --build must hold "
                         "modules built against its headers")
    ap.add_argument("--cmdline", default="", help="extra guest kernel command line")
    ap.add_argument("--global-timeout", type=int, default=3600)
    ap.add_argument("--jobs", type=int, default=1,
                    help="guests run at once (output printed per case, in order)")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--shell", action="store_true", help="interactive guest shell")
    ap.add_argument("--stream", action="store_true",
                    help="print the case output as it comes, without KTAP nesting (demo)")
    ap.add_argument("--expect-fail", action="store_true",
                    help="harness self-test: every case must be reported failed")
    ap.add_argument("--summary-file", help="append 'passed failed skipped' counts here")
    ap.add_argument("--junit", help="write a JUnit XML report here")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    if args.list:
        for c in discover(args.cases or [os.path.join(SRC, "selftests", "cases")], args.arch,
                          "debug" if args.debug_kernel else "debian", args.filters):
            print("%-32s %s" % (c.name, c.summary))
        return 0
    if args.shell:
        return shell(args)

    # Asked to run cases: whatever happens, a summary line is written, and
    # running none (no case matches, no guest kernel, an exception of the
    # runner) is a failure, never an empty green line.
    results, errors = [], []
    rc = 1
    try:
        rc = run(args, results)
    except SystemExit as e:
        # SIGTERM (143) or a refused configuration (SystemExit("runner: ..."))
        code = e.code if isinstance(e.code, int) else 1
        what = e.code if isinstance(e.code, str) else "runner ended by exit status %d" % code
        print(what, file=sys.stderr)
        errors.append(what)
        rc = code or 1
    except KeyboardInterrupt:
        errors.append("runner interrupted")
        rc = 130
    except Exception as e:  # pylint: disable=broad-except
        traceback.print_exc()
        errors.append("runner failed: %s: %s" % (type(e).__name__, e))
        rc = 1
    if isinstance(rc, str):
        # run() could not start any case: rc is why
        print(rc, file=sys.stderr)
        errors.append(rc)
        rc = 2
    if not errors and not results:
        errors.append("runner ran no case")
        rc = 1

    passed, failed, skipped = totals(results, args.expect_fail)
    if args.junit and not args.expect_fail:
        junit(results, args.junit, args.arch, errors)
    failed += len(errors)
    if args.summary_file:
        with open(args.summary_file, "a", encoding="utf-8") as f:
            f.write("%d %d %d\n" % (passed, failed, skipped))
    if not args.stream:
        for what in errors:
            print("# %s" % what)
        print("# vm %s: %d passed, %d failed, %d skipped" % (args.arch, passed, failed, skipped))
    if errors:
        return rc or 1
    return 1 if failed else 0




def shell(args):
    """An interactive guest shell (./lab shell)."""
    guest = Guest(args.arch, args.cache, os.path.abspath(args.build), args.accel,
                  os.path.abspath(args.userspace_build) if args.userspace_build else None,
                  os.path.abspath(args.debug_kernel) if args.debug_kernel else None,
                  args.cmdline)
    results_dir = args.results or os.path.join(args.build, "vm-results", args.arch)
    outdir = os.path.join(results_dir, "shell")
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    shell_case = Case.shell()
    write_job(outdir, shell_case, guest)
    return subprocess.call(guest.qemu_cmd(shell_case, outdir, None, interactive=True))


def run(args, results):
    """Run the selected cases, appending each Result to results as it ends.
    Returns the exit status, or a string saying why no case could run."""
    dirs = args.cases or [os.path.join(SRC, "selftests", "cases")]
    cases = discover(dirs, args.arch, "debug" if args.debug_kernel else "debian", args.filters)
    if not cases:
        return "runner: no case matches %s" % " ".join(args.filters)
    guest = Guest(args.arch, args.cache, os.path.abspath(args.build), args.accel,
                  os.path.abspath(args.userspace_build) if args.userspace_build else None,
                  os.path.abspath(args.debug_kernel) if args.debug_kernel else None,
                  args.cmdline, args.kernel)
    if args.kmod:
        # e.g. the modules DKMS built (fresh-machine check), not <build>'s
        guest.kmod = os.path.abspath(args.kmod)
    mismatch = guest.modules_mismatch()
    if mismatch and not args.list:
        print("runner: %s" % mismatch, file=sys.stderr)
        return 2
    if guest.flavour == "debug":
        # The detectors make the guest 3-10 times slower under TCG: a case's
        # timeout is written for Debian's kernel.
        for c in cases:
            c.timeout *= DEBUG_TIMEOUT_SCALE
    results_dir = args.results or os.path.join(args.build, "vm-results", args.arch)
    os.makedirs(results_dir, exist_ok=True)

    deadline = time.monotonic() + args.global_timeout
    if not args.stream:
        print("KTAP version 1")
        print("1..%d" % len(cases))
    def execute(i, case, echo):
        """Run one case (retrying once after a TCG stall, a boot hang or a
        crash of QEMU itself) -> (Result, log lines)."""
        log = []
        if time.monotonic() > deadline:
            r = Result(case)
            r.problems.append(("not run: global timeout of %ds reached" % args.global_timeout, ""))
            return r, log
        if case.header_error:
            r = Result(case)
            r.problems.append(("bad header: " + case.header_error, ""))
            return r, log
        kept = os.path.join(results_dir, case.name + ".first")
        shutil.rmtree(kept, ignore_errors=True)
        r = run_case(case, guest, results_dir, echo, not args.stream)
        if r.retry and not stopping():
            # the first attempt's logs stay next to the retry's
            os.rename(r.outdir, kept)
            log.append("# %s: %s; retrying this case once (first attempt in %s)"
                       % (case.name, r.problems[0][0], kept))
            why, first = r.retry, r.problems
            r = run_case(case, guest, results_dir, echo, not args.stream)
            r.retried = why
            r.first_problems = first
        return r, log

    if args.jobs > 1 and not args.stream:
        # Several guests at once: each case's output is printed whole, in
        # order, when it and the cases before it are done.
        def quiet(i, case):
            r, log = execute(i, case, None)
            text = read(os.path.join(r.outdir, "ktap")) if r.outdir else ""
            return r, ["# [%d/%d] %s: %s" % (i, len(cases), case.name, case.summary)] + \
                ["    " + line for line in text.splitlines()] + log
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
        try:
            futures = [pool.submit(quiet, i, c) for i, c in enumerate(cases, 1)]
            for i, (case, fut) in enumerate(zip(cases, futures), 1):
                r, log = fut.result()
                results.append(r)
                print_result(i, r, log, args.expect_fail, args.stream)
        finally:
            # A signal (stop_all) killed the running guests: their workers
            # end at once; the cases not started yet are dropped.
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        for i, case in enumerate(cases, 1):
            if args.stream:
                echo = lambda line: print(line[4:], flush=True)
            else:
                print("# [%d/%d] %s: %s" % (i, len(cases), case.name, case.summary), flush=True)
                echo = lambda line: print(line, flush=True)
            r, log = execute(i, case, echo)
            results.append(r)
            print_result(i, r, log, args.expect_fail, args.stream)

    return 0


if __name__ == "__main__":
    sys.exit(main())
