#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compare what `examgen scan` read with what the simulator drew.

usage: evaluate.py TRUTH_DIR SCAN_CSV [CONDITION]

Every question cell (or essay criterion cell N.k) of every sheet is one of: decided right, sent to
review (written '?...'), or decided wrong without a flag (a silent
misread).  Counts go by the mark type the question was answered with
(marks.csv; 'empty' for a question left blank).  Prints one line per mark
type as CONDITION,mark,cells,right,review,misread and exits 1 when a cell
was misread or a sheet of the truth is missing from the scan.
"""
import csv
import sys
from collections import defaultdict


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def same(a, b):
    """Cells equal as answers: letters in any order, numbers as numbers."""
    try:
        return float(a) == float(b)
    except ValueError:
        return sorted(a) == sorted(b)


def merge_criteria(t, marks, cid, columns):
    """Sum the truth's N.k cells into N where the scan has one column N
    (scan does so when the loaded keys disagree on the criteria)."""
    out = {}
    for q, want in t.items():
        base = q.split(".")[0]
        if "." in q and q not in columns and base in columns:
            prev = out.get(base)
            out[base] = str(float(want) + (float(prev) if prev else 0))
            marks.setdefault((cid, base), marks[(cid, q)])
        else:
            out[q] = want
    return out


def main():
    truth_dir, scan_csv = sys.argv[1], sys.argv[2]
    cond = sys.argv[3] if len(sys.argv) > 3 else "-"
    truth = read(f"{truth_dir}/truth.csv")
    marks = {(r["candidate_id"], r["question"]): r["mark"]
             for r in read(f"{truth_dir}/marks.csv")}
    scanned = {}
    rows = read(scan_csv)
    columns = set(rows[0].keys()) if rows else set()
    for r in rows:
        scanned[r["candidate_id"].lstrip("?")] = r
    stats = defaultdict(lambda: [0, 0, 0, 0])
    missing = 0
    bad = []
    for t in truth:
        cid = t["candidate_id"]
        s = scanned.get(cid)
        if s is None:
            missing += 1
            continue
        for q, want in merge_criteria(t, marks, cid, columns).items():
            if not q.replace(".", "", 1).isdigit():
                continue
            got = s.get(q, "")
            kind = marks[(cid, q)]
            st = stats[kind]
            st[0] += 1
            if got.startswith("?"):
                st[2] += 1
            elif same(got, want):
                st[1] += 1
            else:
                st[3] += 1
                bad.append(f"{cid} q{q}: read '{got}', drawn '{want}' "
                           f"({kind})")
    for kind in sorted(stats):
        n, right, review, wrong = stats[kind]
        print(f"{cond},{kind},{n},{right},{review},{wrong}")
    for b in bad[:20]:
        print("MISREAD " + b, file=sys.stderr)
    if bad:
        print(f"{len(set(b.split(' ')[0] for b in bad))} sheets with a "
              "silent misread", file=sys.stderr)
    if missing:
        print(f"{missing} sheets of the truth not in the scan",
              file=sys.stderr)
    return 1 if bad or missing else 0


if __name__ == "__main__":
    sys.exit(main())
