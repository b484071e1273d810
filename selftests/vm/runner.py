#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot one QEMU guest per test case and collect its KTAP.

Each selftests/cases/*.sh runs in a fresh guest booting Debian's Linux 6.1
(or 6.12 with --kernel 6.12):
host root read-only over 9p with a tmpfs overlay, the case's output
directory shared read-write, the guest kernel's modules over 9p. The case
prints KTAP; the guest side records its exit status, the taint flags and
the kernel log; the runner fails a case on a failed or missing result, a
non-zero exit, a timeout, a panic, a stall or an unexpected taint.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import case_header  # noqa: E402

SCHEMA = case_header.load_schema()

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
RESULT_RE = re.compile(r"^(\s*)(not ok|ok) (\d+)\s*(?:-\s*)?([^#]*?)\s*(#\s*(\w+)\s*(.*))?$")

BOOT_MARGIN = 60  # seconds allowed for boot and shutdown on top of a case timeout
# A guest that has not started its case script this long after QEMU started
# hangs in boot, before any module of the project is loaded (~5 s idle, ~25 s
# on the debug kernel, x DEBUG_TIMEOUT_SCALE there).
BOOT_LIMIT = 120
# Modules of the project (kmod/, selftests/kmod/): none loaded at the end of
# a case means no DMA mapping may be left.
PROJECT_MODULES = ["mvneta_xdp", "neta_model", "neta_page_pool", "neta_pp_test",
                   "neta_pp_bench", "xdp_xmit_test", "sanitizer_bugs"]
DEBUG_TIMEOUT_SCALE = 4  # case timeouts on the sanitizer lane's kernel

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


class Case:
    """A case script and its header (case_header.tsv says which keys, their
    types and defaults; xdpctl selftest reads it by the same table)."""

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

    def runs_on(self, arch, flavour):
        return self.arch in ("any", arch) and self.kernel in ("any", flavour)


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


def taint_flags(value):
    return "".join(TAINT_LETTERS[i] for i in range(len(TAINT_LETTERS)) if value & (1 << i))


class Guest:
    """What is needed to boot a guest of one architecture."""

    def __init__(self, arch, cache, build, accel, userspace=None, debug_dir=None,
                 extra_cmdline="", series="6.1"):
        self.arch = arch
        self.build = build
        # userspace binaries (xdpctl, userspace/tools) of the guest's
        # architecture: for arm64 a cross build (meson/cross-arm64.ini)
        self.userspace = userspace or build
        self.accel = accel
        self.extra_cmdline = extra_cmdline
        # Debian's 6.1 ("debian") or the sanitizer lane's 6.1 debug kernel
        # built by selftests/debug-kernel/build.sh ("debug"), whose modules
        # are built against it in <build>/kmod/<arch>-debug.
        self.flavour = "debug" if debug_dir else "debian"
        self.kmod = os.path.join(build, "kmod", arch, "ko")
        self.kmod_test = os.path.join(build, "selftests", "kmod", arch + "-debug", "ko")
        self.memory = "1G"
        # Debian's kernel of that series, unpacked by ./lab into a cache
        # dir of its own (6.12: --kernel 6.12, whose modules are built in
        # another build dir, e.g. build-6.12).
        self.series = "6.1" if debug_dir else series
        self.dir = debug_dir or guest_dir(cache, arch, series)
        try:
            with open(os.path.join(self.dir, "kver"), encoding="utf-8") as f:
                self.kver = f.read().strip()
        except OSError as e:
            raise SystemExit("runner: no guest kernel for %s in %s (./lab deps prepares it): %s"
                             % (arch, self.dir, e.strerror)) from e
        self.root = os.path.join(self.dir, "root")
        self.initrd = os.path.join(self.dir, "initramfs.gz")
        if debug_dir:
            if arch != "x86_64":
                raise SystemExit("runner: the debug kernel lane is x86_64 only")
            self.kmod = os.path.join(build, "kmod", arch + "-debug", "ko")
            # KASAN's shadow (1/8), kmemleak and lockdep need room.
            self.memory = "2G"
            self.kernel = os.path.join(self.dir, "bzImage")
            self.console_dev = "ttyS0"
            self.rootfs = "/"
        elif arch == "x86_64":
            # The host's own userland is the guest's (6.1 and 6.12 alike).
            self.kernel = os.path.join(self.dir, "vmlinux")
            self.console_dev = "ttyS0"
            self.rootfs = "/"
        else:
            # A Debian arm64 userland (mkrootfs.sh); the host's tree is
            # mounted at /host and the source/build paths bound from it.
            self.kernel = os.path.join(self.root, "boot", "vmlinuz-" + self.kver)
            self.console_dev = "ttyAMA0"
            # one userland for every kernel series: 6.1's cache dir has it
            self.rootfs = os.path.join(guest_dir(cache, arch, "6.1"), "rootfs")

    def modules_mismatch(self):
        """Why the project's modules cannot load into this guest's kernel
        (built against another kernel's headers, e.g. the 6.1 build dir
        given with --kernel 6.12), or None."""
        ko = os.path.join(self.kmod, "mvneta_xdp.ko")
        if not os.path.exists(ko):
            return None
        try:
            vermagic = subprocess.run(["modinfo", "-F", "vermagic", ko], capture_output=True,
                                      text=True, check=False).stdout.split()
        except FileNotFoundError:
            return None
        if vermagic and vermagic[0] != self.kver:
            return ("%s is built for %s, the guest boots %s (a build dir per kernel: "
                    "./lab --kernel %s uses its own)" % (ko, vermagic[0], self.kver, self.series))
        return None

    def qemu_cmd(self, case, outdir, console, extra_cmdline="", interactive=False):
        # Full poisoning of every slab costs ~7 s of boot under TCG: sanity
        # checks and red zones everywhere, poisoning and owner tracking on
        # the caches the driver and the stack use (kmalloc, skbuff).
        opts = "slub_debug=FZ;FZPU,kmalloc-*,skbuff_head_cache,skbuff_fclone_cache"
        if self.flavour == "debug":
            # KASAN has red zones and a quarantine on every cache: SLUB's
            # own checks would only slow the guest down further.
            opts = ""
            # Under TCG this kernel's ACPI interpreter runs the PCI routing
            # method (_PRT) into its 30 s loop timeout, once per virtio
            # device: route PCI interrupts from the BIOS tables instead.
            opts += " pci=noacpi"
        # The debug kernel logs lockdep and DMA-API reports at KERN_WARNING:
        # the console must show that level.
        level = 5 if self.flavour == "debug" else 4
        append = ("console=%s panic=-1 oops=panic panic_on_warn=1 %s "
                  "loglevel=%d nokaslr %s %s %s" % (self.console_dev, opts, level, case.cmdline,
                                                    self.extra_cmdline, extra_cmdline))
        if self.arch == "x86_64":
            # No 5-level paging (la57=off): 6.1's pgtable_l5_enabled() reads
            # the LA57 feature bit, which identify_cpu() clears and sets
            # again at boot (memset, CPUID, forced caps); an interrupt in
            # that window walks page tables with the wrong number of levels
            # (KASAN "wild-memory-access" on the debug kernel, 2 boots in
            # 15). Without LA57 in CPUID the bit is never set: no window.
            cmd = ["qemu-system-x86_64", "-M", "pc", "-cpu", "max,la57=off"]
        else:
            cmd = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53"]
        if self.accel == "kvm":
            cmd += ["-accel", "kvm"]
        else:
            cmd += ["-accel", "tcg"]
        cmd += ["-smp", str(case.smp), "-m", self.memory, "-nographic", "-no-reboot", "-nic", "none",
                "-kernel", self.kernel, "-initrd", self.initrd, "-append", append,
                "-virtfs", "local,path=%s,mount_tag=hostroot,security_model=none,"
                           "readonly=on,multidevs=remap" % self.rootfs,
                "-virtfs", "local,path=%s,mount_tag=vmout,security_model=none" % outdir,
                "-virtfs", "local,path=%s,mount_tag=kmods,security_model=none,readonly=on"
                           % os.path.join(self.root, "lib", "modules"),
                "-display", "none"]
        if self.rootfs != "/":
            cmd += ["-virtfs", "local,path=/,mount_tag=hostfs,security_model=none,"
                               "readonly=on,multidevs=remap"]
        if interactive:
            cmd += ["-serial", "mon:stdio"]
        else:
            cmd += ["-monitor", "none", "-serial", "file:" + console]
        return cmd


KERNEL_SERIES = ["6.1", "6.12"]


def guest_dir(cache, arch, series):
    """The cache dir of Debian's guest kernel of a series: <arch> for 6.1
    (the default), <arch>-<series> for the others."""
    return os.path.join(cache, "guest", arch if series == "6.1" else "%s-%s" % (arch, series))


def lane_env():
    """NAME=VALUE lines of selftests/debug-kernel/lane.env (the sanitizer
    lane's frame counts)."""
    path = os.path.join(SRC, "selftests", "debug-kernel", "lane.env")
    return [line.strip() for line in read(path).splitlines()
            if re.match(r"^[A-Z_][A-Z0-9_]*=[0-9]+$", line.strip())]


def write_job(outdir, case, guest, interactive=False):
    """The script the guest runs after switch_root (as PID 1)."""
    env = {
        "SRC": SRC,
        "BUILD": guest.build,
        "KMOD": guest.kmod,
        "KMOD_TEST": guest.kmod_test,
        "KERNEL_FLAVOUR": guest.flavour,
        "KERNEL_SERIES": guest.series,
        "BPF": os.path.join(guest.build, "bpf"),
        "XDPCTL": os.path.join(guest.userspace, "userspace", "xdpctl"),
        "TOOLS": os.path.join(guest.userspace, "userspace", "tools"),
        "ARCH": guest.arch,
        "SCRATCH": "/tmp/case",
    }
    lines = ["#!/bin/bash",
             "# generated by selftests/vm/runner.py",
             "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
             "export HOME=/root TERM=${TERM:-dumb}"]
    lines += ["export %s=%s" % (k, v) for k, v in env.items()]
    if guest.flavour == "debug":
        lines += ["export %s" % v for v in lane_env()]
        # dma-debug's active entries: compared after the case (see below)
        lines += ["dma_active() { local d=/sys/kernel/debug/dma-api; "
                  "echo $(($(cat $d/nr_total_entries) - $(cat $d/num_free_entries))); }"]
    if guest.rootfs != "/":
        lines.append("mkdir -p /host && mount -t 9p -o trans=virtio,version=9p2000.L,ro,"
                     "msize=262144 hostfs /host")
        for path in sorted({SRC, guest.build, guest.userspace,
                            os.path.abspath(os.path.join(SRC, ".cache"))}):
            lines.append("mkdir -p %s && mount --bind /host%s %s" % (path, path, path))
    lines += [
        "mount -t tmpfs tmpfs /run",
        "ln -sf /proc/self/fd /dev/fd; ln -sf /proc/self/fd/0 /dev/stdin",
        "ln -sf /proc/self/fd/1 /dev/stdout; ln -sf /proc/self/fd/2 /dev/stderr",
        "mkdir -p /dev/pts /dev/shm; mount -t devpts devpts /dev/pts; mount -t tmpfs tmpfs /dev/shm",
        "mount -t debugfs debugfs /sys/kernel/debug",
        "mount -t bpf bpf /sys/fs/bpf",
        "mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null",
        "mkdir -p /run/netns $SCRATCH; cd $SCRATCH",
        "ip link set lo up",
        "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1",
        "sysctl -qw kernel.sysrq=1",
    ]
    if interactive:
        lines += ["export PATH=$PATH:${XDPCTL%/*}",
                  ". $SRC/userspace/xdpctl.bash-completion 2>/dev/null",
                  "echo 'test guest: exit the shell to power off'",
                  "setsid -c bash -l </dev/%s >/dev/%s 2>&1" % (guest.console_dev, guest.console_dev)]
    else:
        leak = "/sys/kernel/debug/kmemleak"
        if guest.flavour == "debug":
            lines += ["dma_active >/vmout/dma-before 2>/dev/null"]
        lines += [
            "echo started >/vmout/started",
            "timeout -s KILL %d bash %s >/vmout/ktap 2>&1" % (case.timeout, case.path),
            "echo $? >/vmout/rc",
        ]
        if guest.flavour == "debug":
            # kmemleak reports objects unreferenced for 5 s or more: wait
            # that long after the case (its modules are unloaded by now),
            # scan once (~10 s under TCG) and keep the report.
            # Mappings left behind, once no project module holds any.
            lines += ["grep -qE '^(%s) ' /proc/modules || dma_active >/vmout/dma-after 2>/dev/null"
                      % "|".join(PROJECT_MODULES)]
            lines += ["sleep 5; echo scan >%s" % leak,
                      "cat %s >/vmout/kmemleak 2>&1 || echo 'kmemleak: disabled (cannot read %s)'"
                      " >/vmout/kmemleak" % (leak, leak)]
        lines += [
            "cat /proc/sys/kernel/tainted >/vmout/taint",
            "dmesg >/vmout/dmesg",
            "sync",
        ]
    # Power off; PID 1 must outlive the (asynchronous) power-off, with
    # builtins only: the filesystems go away under it.
    lines += ["echo o >/proc/sysrq-trigger",
              "while :; do read -r -t 1 _ </dev/console; done"]
    # One brace group: bash (PID 1) parses all of it before running any, so
    # it never reads the script again from the 9p share, which goes away
    # during the power-off.
    head, body = lines[:2], lines[2:]
    path = os.path.join(outdir, "job.sh")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(head + ["{"] + body + ["}"]) + "\n")


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


def read(path, default=""):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return default


def console_excerpt(console, pattern=None, lines=40):
    text = read(console).splitlines()
    if pattern:
        for i, line in enumerate(text):
            if pattern.search(line):
                return "\n".join(text[max(0, i - 5):i + lines])
    return "\n".join(text[-lines:])


def watch(proc, start, limits, outdir, echo):
    """Stream the case output until QEMU ends, a stall shows or time is up.

    limits: (boot, case) seconds from the start of QEMU: the guest must
    have started the case script by the first, ended by the second.
    Returns (why the guest was killed: None, "stall", "deadlock", "boot" or
    "timeout"; how much of the KTAP was echoed).
    """
    ktap_path = os.path.join(outdir, "ktap")
    console = os.path.join(outdir, "console.log")
    started = os.path.join(outdir, "started")
    shown = 0
    killed = None
    while proc.poll() is None:
        time.sleep(0.5)
        text = read(ktap_path)
        if echo and len(text) > shown:
            chunk = text[shown:]
            cut = chunk.rfind("\n") + 1
            for line in chunk[:cut].splitlines():
                echo("    " + line)
            shown += cut
        elapsed = time.monotonic() - start
        console_text = read(console)
        if DEADLOCK_RE.search(console_text):
            killed = "deadlock"
        elif STALL_RE.search(console_text):
            killed = "stall"
        elif elapsed > limits[0] and not os.path.exists(started):
            killed = "boot"
        elif elapsed > limits[1]:
            killed = "timeout"
        if killed:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    return killed, shown


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


def run_case(case, guest, results_dir, echo, require_ktap=True):
    """Boot a guest for one case; return a Result."""
    res = Result(case)
    outdir = os.path.join(results_dir, case.name)
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    res.outdir = outdir
    console = os.path.join(outdir, "console.log")
    res.console = console
    write_job(outdir, case, guest)
    cmd = guest.qemu_cmd(case, outdir, console)
    with open(os.path.join(outdir, "qemu.cmd"), "w", encoding="utf-8") as f:
        f.write(" ".join(cmd) + "\n")

    start = time.monotonic()
    limit = case.timeout + BOOT_MARGIN
    boot_limit = min(limit, BOOT_LIMIT * (DEBUG_TIMEOUT_SCALE if guest.flavour == "debug" else 1))
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(outdir, "qemu.stderr"), "w"),
                            start_new_session=True)
    ktap_path = os.path.join(outdir, "ktap")
    try:
        killed, shown = watch(proc, start, (boot_limit, limit), outdir, echo)
    finally:
        # Interrupted (^C, closed pipe): never leave a guest running.
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    res.elapsed = time.monotonic() - start
    text = read(ktap_path)
    if echo and len(text) > shown:
        for line in text[shown:].splitlines():
            echo("    " + line)
    judge(res, killed, proc.returncode, (boot_limit, limit), require_ktap)
    return res


def judge(res, killed, returncode, limits, require_ktap=True):
    """The verdicts on a case from what its guest left in res.outdir (ktap,
    rc, taint, dmesg, console.log, qemu.stderr), how watch() ended it and
    QEMU's exit status: res.leaves, res.problems and res.retry."""
    outdir, console, case = res.outdir, res.console, res.case
    boot_limit, limit = limits
    text = read(os.path.join(outdir, "ktap"))
    plan, res.leaves = parse_ktap(text)
    rc = read(os.path.join(outdir, "rc")).strip()
    taint = read(os.path.join(outdir, "taint")).strip()
    console_text = read(console)

    qemu = None if killed else \
        qemu_problem(returncode, read(os.path.join(outdir, "qemu.stderr")))
    if qemu:
        res.problems.append((qemu, console_excerpt(console)))
        res.retry = "after QEMU itself failed"
    elif killed == "stall":
        res.problems.append(("guest stalled (RCU stall / soft lockup)",
                             console_excerpt(console, STALL_RE)))
        res.retry = "after a guest stall"
    elif killed == "deadlock":
        # not retried: an intermittent deadlock must not pass on a second try
        res.problems.append(("guest reported a blocked task (hung_task: deadlock)",
                             console_excerpt(console, DEADLOCK_RE)))
    elif killed == "boot":
        res.problems.append(("guest did not boot: the case had not started after %ds" % boot_limit,
                             console_excerpt(console)))
        res.retry = "after a boot hang"
    elif killed == "timeout":
        res.problems.append(("timeout after %ds: case did not finish" % limit,
                             console_excerpt(console)))
    if PANIC_RE.search(console_text):
        res.problems.append(("kernel panic", console_excerpt(console, PANIC_RE, 60)))
    if not qemu and not killed and not rc and not PANIC_RE.search(console_text):
        res.problems.append(("guest ended without a result (exit status missing)",
                             console_excerpt(console)))
    if rc == "137":
        res.problems.append(("case killed by its %ds timeout" % case.timeout, ""))
    elif rc and rc != "0" and not any(s == "fail" for s, _, _ in res.leaves):
        res.problems.append(("case exited with status %s" % rc,
                             text[-2000:] if require_ktap else ""))
    if plan is not None and len(res.leaves) != plan:
        # too few: the case stopped early; too many: a result was counted
        # twice or the plan does not say what the case checks
        res.problems.append(("plan was %d tests, %d reported" % (plan, len(res.leaves)), ""))
    if plan is None and require_ktap and not res.problems:
        res.problems.append(("no KTAP plan printed", text[-2000:]))
    if not require_ktap and not text.strip() and not res.problems:
        # --stream (benchmarks, demo): a run that printed nothing measured nothing
        res.problems.append(("printed nothing", ""))
    if taint:
        t = int(taint)
        if t & ~TAINT_ALLOWED:
            res.problems.append(("kernel tainted %d (%s): only O and E are expected"
                                 % (t, taint_flags(t)), read(os.path.join(outdir, "dmesg"))[-3000:]))
    res.problems += sanitizer_problems(outdir, console_text)


def text_excerpt(text, pattern, lines=60):
    """The lines of text from a little before the first match of pattern."""
    text = text.splitlines()
    for i, line in enumerate(text):
        if pattern.search(line):
            return "\n".join(text[max(0, i - 3):i + lines])
    return ""


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


def discover(dirs, arch, flavour, filters):
    cases = []
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith(".sh"):
                c = Case(os.path.abspath(os.path.join(d, f)))
                if c.runs_on(arch, flavour) and (not filters or any(x in c.name for x in filters)):
                    cases.append(c)
    return cases


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
    # Turn SIGTERM into an exception so the running guest is killed on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

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

    passed = failed = skipped = 0
    if args.expect_fail:
        failed = sum(1 for r in results if not expected_failure(r))
        passed = len(results) - failed
    else:
        for r in results:
            p, f, s = r.counts()
            passed, failed, skipped = passed + p, failed + f, skipped + s
        if args.junit:
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
    shell_case = Case.__new__(Case)
    shell_case.cmdline, shell_case.smp, shell_case.timeout = "", 2, 0
    write_job(outdir, shell_case, guest, interactive=True)
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
        if r.retry:
            # the first attempt's logs stay next to the retry's
            os.rename(r.outdir, kept)
            log.append("# %s: %s; retrying this case once (first attempt in %s)"
                       % (case.name, r.problems[0][0], kept))
            why, first = r.retry, r.problems
            r = run_case(case, guest, results_dir, echo, not args.stream)
            r.retried = why
            r.first_problems = first
        return r, log

    def report(i, case, r, log):
        for line in log:
            print(line)
        for what, detail in r.problems:
            print("    # problem: %s" % what)
            for line in ([] if args.expect_fail else detail.splitlines()[-40:]):
                print("    #   " + line)
        if r.failed:
            print("    # console log kept: %s" % r.console)
        if args.expect_fail:
            status = "ok" if expected_failure(r) else "not ok"
            if status == "not ok":
                print("    # expected a failure matching '%s'" % case.expect)
        else:
            status = "not ok" if r.failed else "ok"
        note = " (retried %s)" % r.retried if r.retried else ""
        if args.stream:
            print("# %s: %s in %.1fs" % (case.name, "failed" if r.failed else "done", r.elapsed))
        else:
            print("%s %d %s%s # %.1fs" % (status, i, case.name, note, r.elapsed), flush=True)

    if args.jobs > 1 and not args.stream:
        # Several guests at once: each case's output is printed whole, in
        # order, when it and the cases before it are done.
        def quiet(i, case):
            r, log = execute(i, case, None)
            text = read(os.path.join(r.outdir, "ktap")) if r.outdir else ""
            return r, ["# [%d/%d] %s: %s" % (i, len(cases), case.name, case.summary)] + \
                ["    " + line for line in text.splitlines()] + log
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(quiet, i, c) for i, c in enumerate(cases, 1)]
            for i, (case, fut) in enumerate(zip(cases, futures), 1):
                r, log = fut.result()
                results.append(r)
                report(i, case, r, log)
    else:
        for i, case in enumerate(cases, 1):
            if args.stream:
                echo = lambda line: print(line[4:], flush=True)
            else:
                print("# [%d/%d] %s: %s" % (i, len(cases), case.name, case.summary), flush=True)
                echo = lambda line: print(line, flush=True)
            r, log = execute(i, case, echo)
            results.append(r)
            report(i, case, r, log)

    return 0


if __name__ == "__main__":
    sys.exit(main())
