#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""table.py - print the benchmark table from bench/run.sh's figures.

Arguments are name=value pairs.  Times are "WALL/CPU/USER" seconds: WALL
the fastest run by the clock, CPU the mean user + system time, USER the
mean user time alone.  Targets are
judged by CPU time: every task runs on one core, CPU time is what a task
costs even when other work shares the machine, and a build's clock time is
mostly waiting for fsync (see docs/performance.md).  Memory in KB, sizes
in bytes.  Prints one
Markdown table, each figure with its baseline, the ratio and the target.
Exits 0 even when a target is missed: the last column says so.
"""

import sys

MB = 1024.0 * 1024.0


def parse(argv):
    """name=value pairs into numbers, (wall, cpu) pairs and text."""
    v = {}
    for arg in argv:
        k, _, val = arg.partition("=")
        if "/" in val:
            v[k] = tuple(float(x) for x in val.split("/"))
        else:
            try:
                v[k] = float(val)
            except ValueError:
                v[k] = val
    return v


def cpu(t):
    """'CPU 0.731 s (0.512 s wall)' for a (wall, cpu) pair."""
    return "CPU %.3f s (%.3f s wall)" % (t[1], t[0])


def main():
    v = parse(sys.argv[1:])
    rows = []

    def row(task, ours, base, ratio, target, met):
        rows.append((task, ours, base, ratio, target,
                     "yes" if met else "NO"))

    nq, nc = int(v["nq"]), int(v["nc"])
    forms = int(v["forms"])
    bank_mb = v["bank_bytes"] / MB

    r = v["validate"][1] / v["base_yaml"][1]
    row("validate %d-question bank (%.1f MB)" % (nq, bank_mb),
        cpu(v["validate"]), cpu(v["base_yaml"]) + " libyaml events",
        "%.2f×" % r, "≤ 1.5×", r <= 1.5)
    mem = v["mem_validate"] * 1024 / MB
    r = mem / bank_mb
    row("validate: peak memory", "%.1f MB" % mem, "%.1f MB file" % bank_mb,
        "%.2f×" % r, "≤ 3×", r <= 3)
    row("validate: against reading the file", cpu(v["validate"]),
        cpu(v["cat_bank"]) + " cat",
        "%.1f×" % (v["validate"][1] / v["cat_bank"][1]), "(I/O floor)",
        True)

    n = forms
    rate = n / v["build_k"][1]
    row("build %d forms, txt+html+key+sheet, 10k bank" % forms,
        "%s = %.0f forms/s" % (cpu(v["build_k"]), rate),
        cpu(v["build_base"]) + " libyaml + cp -r of the output",
        "%.2f×" % (v["build_k"][1] / v["build_base"][1]),
        "≥ 1000 forms/s", rate >= 1000)
    rate = n / v["build_k"][2]
    row("build: examgen's own work (user CPU; the rest is the kernel "
        "creating files)",
        "user %.3f s = %.0f forms/s" % (v["build_k"][2], rate),
        "user %.3f s" % v["build_base"][2],
        "%.2f×" % (v["build_k"][2] / max(v["build_base"][2], 1e-6)),
        "≥ 1000 forms/s", rate >= 1000)
    rate = n / v["build_k"][0]
    row("build: the same by the clock (one sync per build)",
        "%.2f s wall = %.0f forms/s" % (v["build_k"][0], rate),
        "%.2f s wall" % v["build_base"][0],
        "%.2f×" % (v["build_k"][0] / v["build_base"][0]),
        "≥ 1000 forms/s", rate >= 1000)
    per = (v["build_k"][1] - v["build_1"][1]) / (forms - 1)
    rate = 1 / per if per > 0 else float("inf")
    row("build: one more form (%d forms − 1 form)" % forms,
        "CPU %.2f ms = %.0f forms/s" % (per * 1000, rate),
        cpu(v["build_1"]) + " for 1 form",
        "%.1f%%" % (100 * per / v["build_1"][1]), "≥ 1000 forms/s",
        rate >= 1000)

    t = v["roster"]
    row("build --roster: read and check %d candidates" % nc, cpu(t),
        cpu(v["wc_roster"]) + " wc -l",
        "%.1f×" % (t[1] / max(v["wc_roster"][1], 1e-6)), "≤ 2 s",
        t[1] <= 2)

    t = v["grade_csv"]
    row("grade %d×60 CSV → CSV" % nc, cpu(t),
        cpu(v["cat_sheets"]) + " cat+wc",
        "%.1f×" % (t[1] / v["cat_sheets"][1]), "≤ 1 s", t[1] <= 1)
    r = v["grade_xlsx"][1] / v["base_xlsx"][1]
    row("grade %d×60 CSV → xlsx (%s cells)" % (nc, v["cells"]),
        cpu(v["grade_xlsx"]), cpu(v["base_xlsx"]) + " libxlsxwriter",
        "%.2f×" % r, "≤ 1.3×", r <= 1.3)
    mem = v["mem_xlsx"] / 1024
    row("grade → xlsx: peak memory", "%.1f MB" % mem,
        "%.1f MB libxlsxwriter" % (v["mem_base_xlsx"] / 1024),
        "%.1f×" % (v["mem_xlsx"] / max(v["mem_base_xlsx"], 1)),
        "≤ 256 MB", mem <= 256)

    head = ("task", "examgen", "baseline", "ratio", "target", "met")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
