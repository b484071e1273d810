#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Report of selftests/bench/xdp_driver.sh: medians, ratios, chart.

Input: the TSV of runs (group, mode, size, rep, pps, tx_err_pps) and the
ratio definitions ("title|numerator run|denominator run", a run being
"GROUP MODE SIZE"). Prints the median pps of every run, then each ratio as
the ratio of the medians and the median of the per-repetition ratios (the
two runs of one repetition are seconds apart, so this one cancels slow
phases of a loaded host). With --chart, draws the medians as a clustered
bar chart (one cluster per mode and size, one bar per pool/recycling
variant) with gnuplot (Debian package gnuplot-nox) into a PNG.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

LABELS = {"kernel/on": "kernel page_pool", "kernel/off": "kernel pool, no recycling",
          "own/on": "own pool (neta_pp)", "own/off": "own pool, no recycling"}
MODES = {"drop": "XDP_DROP", "pass": "XDP_PASS", "tx": "XDP_TX",
         "redirect": "XDP_REDIRECT", "tc": "tc drop"}


def frame_bytes(size):
    return "%d B" % (int(size) + 4)   # generator size is without the FCS


def goal_mark(title, med):
    """'  goal >= X met' (or NOT met) for a title naming its goal.

    The goal is read from "(goal >= X)" or "(goal <= X)" in the title and
    judged on the median of the per-repetition ratios.
    """
    m = re.search(r"goal (>=|<=) ([0-9.]+)", title)
    if not m:
        return ""
    t = float(m.group(2))
    ok = med >= t if m.group(1) == ">=" else med <= t
    return "  goal %s %s %s" % (m.group(1), m.group(2), "met" if ok else "NOT met")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tsv")
    ap.add_argument("ratios")
    ap.add_argument("--chart")
    ap.add_argument("--table")
    a = ap.parse_args()

    runs = {}      # (group, mode, size) -> {rep: pps}
    errs = {}
    with open(a.tsv, encoding="utf-8") as f:
        next(f)
        for line in f:
            g, m, s, rep, pps, err = line.split()
            runs.setdefault((g, m, s), {})[int(rep)] = float(pps)
            errs.setdefault((g, m, s), []).append(float(err))
    out = []
    out.append("%-28s %-13s %6s %10s %10s %10s %s" % (
        "variant", "mode", "frame", "median", "min", "max", "pps per repetition"))
    for key in sorted(runs, key=lambda k: (k[1], int(k[2]), k[0])):
        v = runs[key]
        vals = [v[r] for r in sorted(v)]
        note = ""
        if max(errs[key]) > 0:
            note = "  (TX ring full: median %.0f errors/s)" % statistics.median(errs[key])
        out.append("%-28s %-13s %6s %10.0f %10.0f %10.0f %s%s" % (
            LABELS.get(key[0], key[0]), MODES.get(key[1], key[1]), frame_bytes(key[2]),
            statistics.median(vals), min(vals), max(vals),
            " ".join("%.0f" % x for x in vals), note))
    out.append("")
    out.append("%-48s %12s %12s %s" % ("ratio", "of medians", "median of", "per repetition"))
    out.append("%-48s %12s %12s" % ("", "", "rep. ratios"))
    seen = set()
    missing = 0    # a ratio without its figure fails the benchmark
    with open(a.ratios, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line in seen:
                continue
            seen.add(line)
            title, num, den = line.split("|")
            kn, kd = tuple(num.split()), tuple(den.split())
            if kn not in runs or kd not in runs or not statistics.median(runs[kd].values()):
                out.append("%-48s missing runs" % title)
                missing += 1
                continue
            n, d = runs[kn], runs[kd]
            common = sorted(set(n) & set(d))
            per = [n[r] / d[r] for r in common if d[r] > 0]
            rom = statistics.median(n.values()) / statistics.median(d.values())
            med = statistics.median(per)
            out.append("%-48s %12.2f %12.2f %s%s" % (
                title, rom, med, " ".join("%.2f" % x for x in per), goal_mark(title, med)))
    text = "\n".join(out)
    print(text)
    if a.table:
        with open(a.table, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    if not seen or missing:
        print("xdp_report: %d of %d ratios without figures" % (missing, len(seen)))
        return 1
    if a.chart:
        return chart(runs, a.chart)
    return 0


def chart(runs, png):
    gp = shutil.which("gnuplot")
    if not gp:
        print("xdp_report: gnuplot not found (Debian package gnuplot-nox): no chart")
        return 0
    groups = sorted({k[0] for k in runs}, key=lambda g: list(LABELS).index(g)
                    if g in LABELS else 99)
    cats = sorted({(k[1], k[2]) for k in runs},
                  key=lambda c: (list(MODES).index(c[0]) if c[0] in MODES else 99, int(c[1])))
    with tempfile.TemporaryDirectory() as tmp:
        dat = os.path.join(tmp, "medians.dat")
        with open(dat, "w", encoding="utf-8") as f:
            f.write("mode " + " ".join('"%s"' % LABELS.get(g, g) for g in groups) + "\n")
            for m, s in cats:
                row = []
                for g in groups:
                    v = runs.get((g, m, s))
                    row.append("%.1f" % (statistics.median(v.values()) / 1000) if v else "-")
                f.write('"%s %s" %s\n' % (MODES.get(m, m), frame_bytes(s), " ".join(row)))
        script = os.path.join(tmp, "chart.gp")
        with open(script, "w", encoding="utf-8") as f:
            f.write("""set terminal pngcairo size 1100,600 noenhanced font ",10"
set output "%s"
set title "mvneta_xdp on the NETA model (QEMU TCG): median kpps per verdict and page pool"
set ylabel "kpps (median of repetitions)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set datafile missing "-"
set key top right
set grid ytics
set yrange [0:*]
set xtics rotate by -20
plot for [i=2:%d] "%s" using i:xtic(1) title columnheader(i)
""" % (png, len(groups) + 1, dat))
        r = subprocess.run([gp, script], capture_output=True, text=True)
        if r.returncode:
            print("xdp_report: gnuplot failed: " + r.stderr.strip())
            return 1
    print("chart: %s" % png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
