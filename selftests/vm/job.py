# SPDX-License-Identifier: GPL-2.0-only
"""The guest's job script: guest-job.sh (checked in) with one case's values
put in front of it as shell variables, written to the case's results
directory as job.sh, which guest-init runs as PID 1."""

import os
import re
import shlex

from logs import read

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
TEMPLATE = os.path.join(HERE, "guest-job.sh")

# Modules of the project (kmod/, selftests/kmod/): none loaded at the end of
# a case means no DMA mapping may be left.
PROJECT_MODULES = ["mvneta_xdp", "neta_model", "neta_page_pool", "neta_pp_test",
                   "neta_pp_bench", "xdp_xmit_test", "sanitizer_bugs"]


def lane_env():
    """NAME=VALUE lines of selftests/debug-kernel/lane.env (the sanitizer
    lane's frame counts)."""
    path = os.path.join(SRC, "selftests", "debug-kernel", "lane.env")
    return [line.strip() for line in read(path).splitlines()
            if re.match(r"^[A-Z_][A-Z0-9_]*=[0-9]+$", line.strip())]


def job_values(case, guest):
    """(exported, job) variables of one case's job: the first for the case
    script, the second for guest-job.sh only."""
    exported = {
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
    if guest.flavour == "debug":
        exported.update(line.split("=", 1) for line in lane_env())
    # a variant's values (variants.tsv), e.g. NETA_POOL=own
    exported.update(word.split("=", 1) for word in case.env)
    binds = []
    if guest.rootfs != "/":
        binds = sorted({SRC, guest.build, guest.userspace,
                        os.path.abspath(os.path.join(SRC, ".cache"))})
    job = {
        "JOB_CASE": case.path,
        "JOB_TIMEOUT": str(case.timeout),
        "JOB_CONSOLE": guest.console_dev,
        "JOB_HOST_BINDS": " ".join(binds),
        "JOB_MODULES": "|".join(PROJECT_MODULES),
    }
    return exported, job


def job_script(case, guest):
    """The text of job.sh: the values, then guest-job.sh, in one brace
    group (see guest-job.sh)."""
    exported, job = job_values(case, guest)
    lines = ["#!/bin/bash",
             "# written by selftests/vm/job.py: this case's values, then guest-job.sh",
             "{"]
    lines += ["export %s=%s" % (k, shlex.quote(v)) for k, v in exported.items()]
    lines += ["%s=%s" % (k, shlex.quote(v)) for k, v in job.items()]
    with open(TEMPLATE, encoding="utf-8") as f:
        lines += [f.read().rstrip("\n"), "}"]
    return "\n".join(lines) + "\n"


def write_job(outdir, case, guest):
    """Write the script the guest runs after switch_root (as PID 1)."""
    with open(os.path.join(outdir, "job.sh"), "w", encoding="utf-8") as f:
        f.write(job_script(case, guest))
