# SPDX-License-Identifier: GPL-2.0-only
"""A guest of one architecture and kernel: where its kernel, initramfs and
modules are, the QEMU command line that boots it for a case, and running
it: watch() streams the case's KTAP and kills the guest on a stall, a boot
hang or a timeout; every guest started is registered until it ends, so a
signal to the runner ends them all (stop_all)."""

import os
import shutil
import signal
import subprocess
import threading
import time

from checks import DEADLOCK_RE, STALL_RE, judge
from job import write_job
from logs import read
from report import Result

BOOT_MARGIN = 60  # seconds allowed for boot and shutdown on top of a case timeout
# A guest that has not started its case script this long after QEMU started
# hangs in boot, before any module of the project is loaded (~5 s idle, ~25 s
# on the debug kernel, x DEBUG_TIMEOUT_SCALE there).
BOOT_LIMIT = 120
# Modules of the project (kmod/, selftests/kmod/): none loaded at the end of
# a case means no DMA mapping may be left.
DEBUG_TIMEOUT_SCALE = 4  # case timeouts on the sanitizer lane's kernel

KERNEL_SERIES = ["6.1", "6.12"]

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



def guest_dir(cache, arch, series):
    """The cache dir of Debian's guest kernel of a series: <arch> for 6.1
    (the default), <arch>-<series> for the others."""
    return os.path.join(cache, "guest", arch if series == "6.1" else "%s-%s" % (arch, series))



# The guests running now (their QEMU processes, each the leader of its own
# session, which a signal to the runner's process group does not reach) and
# whether the run is being stopped: no guest starts after stop_all().
_live = set()
# reentrant: the signal handler (stop_all) may interrupt its own thread
# holding it
_live_lock = threading.RLock()
_stopping = threading.Event()


def stopping():
    return _stopping.is_set()


def stop_all():
    """Kill every running guest; start no other one (SIGTERM, ^C)."""
    with _live_lock:
        _stopping.set()
        for proc in _live:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


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
    proc = None
    try:
        with _live_lock:
            if _stopping.is_set():
                res.problems.append(("not run: the runner was interrupted", ""))
                return res
            with open(os.path.join(outdir, "qemu.stderr"), "w", encoding="utf-8") as err:
                proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=err, start_new_session=True)
            _live.add(proc)
        killed, shown = watch(proc, start, (boot_limit, limit), outdir, echo)
    finally:
        # Interrupted (^C, SIGTERM, closed pipe): never leave a guest running.
        if proc is not None:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            with _live_lock:
                _live.discard(proc)
    proc.wait()
    if killed is None and proc.returncode == -signal.SIGKILL and _stopping.is_set():
        killed = "interrupted"
    res.elapsed = time.monotonic() - start
    text = read(os.path.join(outdir, "ktap"))
    if echo and len(text) > shown:
        for line in text[shown:].splitlines():
            echo("    " + line)
    judge(res, killed, proc.returncode, (boot_limit, limit), require_ktap)
    return res


