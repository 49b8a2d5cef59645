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

The guard: every row also has a figure where lower is better (a ratio to
its baseline, memory, or CPU seconds per form), kept by name in
bench/recorded.json.  Each run compares its figures with the recorded ones
and names every figure more than 20 % worse (exit 1 with --guard);
--record FILE writes this run's figures there instead.
"""

import json
import os
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


WORSE = 1.20   # a figure this much above the recorded one is a regression


def guard(figures, recorded_path, record):
    """Compare figures with the recorded ones (or record them); returns the
    lines naming each figure that got worse by more than WORSE."""
    if record:
        tmp = recorded_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(figures, f, indent=1, sort_keys=True)
            f.write("\n")
        os.replace(tmp, recorded_path)
        return []
    try:
        with open(recorded_path) as f:
            old = json.load(f)
    except FileNotFoundError:
        return ["bench: no recorded figures in %s to compare with" %
                recorded_path]
    worse = []
    for name, fig in sorted(figures.items()):
        was = old.get(name)
        if was and fig > was * WORSE:
            worse.append("bench: '%s' got worse: %.4g, recorded %.4g "
                         "(+%.0f%%)" % (name, fig, was,
                                        100 * (fig / was - 1)))
    return worse


def main():
    args = sys.argv[1:]
    recorded, record, strict = None, False, False
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--record":
            recorded, record = args.pop(0), True
        elif opt == "--compare":
            recorded = args.pop(0)
        elif opt == "--guard":
            strict = True
        else:
            sys.exit("table.py: unknown option '%s'" % opt)
    v = parse(args)
    rows = []
    figures = {}

    def row(task, ours, base, ratio, target, met, key=None, fig=None):
        rows.append((task, ours, base, ratio, target,
                     "yes" if met else "NO"))
        if key is not None:
            figures[key] = fig

    nq, nc = int(v["nq"]), int(v["nc"])
    forms = int(v["forms"])
    bank_mb = v["bank_bytes"] / MB

    r = v["validate"][1] / v["base_yaml"][1]
    row("validate %d-question bank (%.1f MB)" % (nq, bank_mb),
        cpu(v["validate"]), cpu(v["base_yaml"]) + " libyaml events",
        "%.2f×" % r, "≤ 1.5×", r <= 1.5, "validate_ratio", r)
    mem = v["mem_validate"] * 1024 / MB
    r = mem / bank_mb
    row("validate: peak memory", "%.1f MB" % mem, "%.1f MB file" % bank_mb,
        "%.2f×" % r, "≤ 3×", r <= 3, "validate_memory_ratio", r)
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
        "≥ 1000 forms/s", rate >= 1000, "build_cpu_per_form",
        v["build_k"][1] / n)
    rate = n / v["build_k"][2]
    row("build: examgen's own work (user CPU; the rest is the kernel "
        "creating files)",
        "user %.3f s = %.0f forms/s" % (v["build_k"][2], rate),
        "user %.3f s" % v["build_base"][2],
        "%.2f×" % (v["build_k"][2] / max(v["build_base"][2], 1e-6)),
        "≥ 1000 forms/s", rate >= 1000, "build_user_per_form",
        v["build_k"][2] / n)
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
        t[1] <= 2, "roster_cpu", t[1])

    t = v["grade_csv"]
    row("grade %d×60 CSV → CSV" % nc, cpu(t),
        cpu(v["cat_sheets"]) + " cat+wc",
        "%.1f×" % (t[1] / v["cat_sheets"][1]), "≤ 1 s", t[1] <= 1,
        "grade_csv_cpu", t[1])
    r = v["grade_xlsx"][1] / v["base_xlsx"][1]
    row("grade %d×60 CSV → xlsx (%s cells)" % (nc, v["cells"]),
        cpu(v["grade_xlsx"]), cpu(v["base_xlsx"]) + " libxlsxwriter",
        "%.2f×" % r, "≤ 1.3×", r <= 1.3, "grade_xlsx_ratio", r)
    mem = v["mem_xlsx"] / 1024
    row("grade → xlsx: peak memory", "%.1f MB" % mem,
        "%.1f MB libxlsxwriter" % (v["mem_base_xlsx"] / 1024),
        "%.1f×" % (v["mem_xlsx"] / max(v["mem_base_xlsx"], 1)),
        "≤ 256 MB", mem <= 256, "grade_xlsx_memory_mb", mem)

    head = ("task", "examgen", "baseline", "ratio", "target", "met")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    if recorded:
        worse = guard(figures, recorded, record)
        for line in worse:
            print(line, file=sys.stderr)
        if record:
            print("bench: figures recorded in %s" % recorded,
                  file=sys.stderr)
        elif not worse:
            print("bench: no figure more than 20%% worse than %s" %
                  recorded, file=sys.stderr)
        if worse and strict:
            sys.exit(1)


if __name__ == "__main__":
    main()
