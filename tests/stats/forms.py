#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""forms.py - the reliability and the description of forms of questions of
their own, recomputed from the sheets and keys (Python standard library
and PyYAML), against the report's cached values and the JSON statistics.

usage: forms.py REPORT.xlsx REPORT.json SHEETS.csv KEY.yaml...

Only true/false and single-choice questions and clean sheets are
understood.  Checks that the SEM shown is sd x sqrt(1 - reliability) for
the sd shown (the cell's own formula), and the reliability by the
definition of docs/grade-report.md, every form counted (a form whose alpha
is not defined counts its whole variance as error)."""
import csv
import json
import math
import statistics
import sys

import yaml

from ties import xml_rows

TOL = 1e-9
failures = []


def check(cond, what):
    """Record a failed check."""
    if not cond:
        failures.append(what)


def close(a, b):
    """a and b agree within TOL (relative), or are both missing."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def grade(sheets_csv, key_paths):
    """Per form: list of (id, item scores in key order)."""
    keys = {}
    for p in key_paths:
        with open(p, encoding='utf-8') as f:
            k = yaml.safe_load(f)
        keys[k['form']] = k
    forms = {f: [] for f in sorted(keys)}
    with open(sheets_csv, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            k = keys[row['form']]
            x = []
            for q in k['questions']:
                a = row[str(q['number'])].strip()
                x.append(float(q['points']) if a == str(q['answer'])
                         else 0.0)
            forms[row['form']].append((row['candidate_id'], x))
    return keys, forms


def alpha(rows):
    """Cronbach's alpha of candidates x items, None if not defined."""
    k = len(rows[0]) if rows else 0
    if len(rows) < 2 or k < 2:
        return None
    vt = statistics.variance([math.fsum(r) for r in rows])
    if vt <= 0:
        return None
    vi = math.fsum(statistics.variance([r[j] for r in rows])
                   for j in range(k))
    return k / (k - 1) * (1 - vi / vt)


def reliability(forms):
    """Pooled reliability and SEM over every form, by the docs."""
    err = df = 0.0
    everyone = []
    for rows in forms.values():
        x = [r for _, r in rows]
        tot = [math.fsum(r) for r in x]
        everyone += tot
        if len(tot) < 2:
            continue
        ss = (len(tot) - 1) * statistics.variance(tot)
        a = alpha(x)
        err += ss * (1 - a) if a is not None else ss
        df += len(tot) - 1
    e = err / df
    return 1 - e / statistics.variance(everyone), math.sqrt(e)


def statistics_sheet(xlsx):
    """Statistics labels to cached values (column A to B)."""
    out = {}
    for r in xml_rows(xlsx, 4):
        if len(r) >= 2 and r[0]:
            out.setdefault(r[0], r[1])
    return out


def main():
    xlsx, js, sheets = sys.argv[1:4]
    keys, forms = grade(sheets, sys.argv[4:])
    st = statistics_sheet(xlsx)
    with open(js, encoding='utf-8') as f:
        jst = json.load(f)['statistics']
    sd = float(st['sd (sample, n-1)'])
    rel_label = next(k for k in st if k.startswith('reliability') or
                     'alpha' in k and 'pooled' in k)
    rel = float(st[rel_label])
    sem = float(st['SEM = sd * sqrt(1 - alpha)'])
    check(close(sem, sd * math.sqrt(1 - rel)),
          'SEM %.12g is not sd %.12g x sqrt(1 - %.12g) = %.12g' %
          (sem, sd, rel, sd * math.sqrt(1 - rel)))
    want_rel, want_sem = reliability(forms)
    check(close(rel, want_rel), 'reliability %.12g, recomputed %.12g' %
          (rel, want_rel))
    check(close(sem, want_sem), 'SEM %.12g, recomputed %.12g' %
          (sem, want_sem))
    check(close(jst['alpha'], want_rel), 'JSON reliability %r, recomputed '
          '%.12g' % (jst['alpha'], want_rel))
    check(close(jst['sem'], want_sem), 'JSON SEM %r, recomputed %.12g' %
          (jst['sem'], want_sem))
    for f in failures:
        print('FAIL', f)
    if not failures:
        print('ok: reliability %.10f, SEM %.10f' % (want_rel, want_sem))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
