#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""forms.py - the reliability and the description of forms of questions of
their own, recomputed from the sheets and keys (Python with PyYAML, and
scipy for Welch's test), against the report's cached values and the JSON
statistics.

usage: forms.py REPORT.xlsx REPORT.json SHEETS.csv KEY.yaml...

Only true/false and single-choice questions and clean sheets are
understood.  Checks that the SEM shown is sd x sqrt(1 - reliability) for
the sd shown (the cell's own formula), the reliability by the definition
of docs/grade-report.md (the forms' true-score sums of squares over the
total's, a form without alpha none, so that differences between forms
count as error); each form's n, mean, sd and pass rate; Welch's test of
the forms' means by scipy (forms of fewer than 2 left out); the warning
that the forms differ; the equated totals (linear, random groups, onto
the first form)."""
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
    true_ss = 0.0
    everyone = []
    for rows in forms.values():
        x = [r for _, r in rows]
        tot = [math.fsum(r) for r in x]
        everyone += tot
        a = alpha(x)
        if a is not None:
            true_ss += (len(tot) - 1) * statistics.variance(tot) * a
    ss_t = (len(everyone) - 1) * statistics.variance(everyone)
    return true_ss / ss_t, math.sqrt((ss_t - true_ss) /
                                     (len(everyone) - 1))


def welch(groups):
    """Welch's F, df1, df2 and p (scipy's F distribution; two groups:
    scipy's Welch t test)."""
    from scipy import stats as sst
    k = len(groups)
    if k == 2:
        t = sst.ttest_ind(groups[0], groups[1], equal_var=False)
        n = [len(g) for g in groups]
        v = [statistics.variance(g) / len(g) for g in groups]
        df2 = sum(v) ** 2 / sum(x * x / (m - 1) for x, m in zip(v, n))
        return t.statistic ** 2, 1, df2, t.pvalue
    n = [len(g) for g in groups]
    m = [statistics.mean(g) for g in groups]
    w = [len(g) / statistics.variance(g) for g in groups]
    big_w = sum(w)
    mw = sum(a * b for a, b in zip(w, m)) / big_w
    num = sum(a * (b - mw) ** 2 for a, b in zip(w, m)) / (k - 1)
    lam = sum((1 - a / big_w) ** 2 / (b - 1) for a, b in zip(w, n))
    f = num / (1 + 2 * (k - 2) / (k * k - 1) * lam)
    df2 = (k * k - 1) / (3 * lam)
    return f, k - 1, df2, sst.f.sf(f, k - 1, df2)


def statistics_sheet(xlsx):
    """Statistics labels to cached values (column A to B)."""
    out = {}
    for r in xml_rows(xlsx, 4):
        if r and r[0]:
            out.setdefault(r[0], r[1] if len(r) > 1 else '')
    return out


def main():
    xlsx, js, sheets = sys.argv[1:4]
    keys, forms = grade(sheets, sys.argv[4:])
    st = statistics_sheet(xlsx)
    with open(js, encoding='utf-8') as f:
        jst = json.load(f)['statistics']
    sd = float(st['sd (sample, n-1)'])
    rel_label = ('reliability (forms pooled, differences between forms '
                 'as error)')
    rel = float(st[rel_label])
    sem = float(st['SEM = sd * sqrt(1 - reliability)'])
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
    # each form described
    pass_mark = {f: float(k['pass']) for f, k in keys.items()}
    groups = []
    check(jst['coefficient'] == 'pooled_forms', 'coefficient %r' %
          jst['coefficient'])
    for name, rows in forms.items():
        tot = [math.fsum(r) for _, r in rows]
        jf = next(x for x in jst['forms'] if x['form'] == name)
        rw = all(q['type'] in ('true_false', 'single') or
                 q['type'] == 'multiple' and q.get('scoring') == 'exact'
                 for q in keys[name]['questions'])
        check(jf['kr20'] == (rw and len(tot) > 0), 'form %s kr20 %r' %
              (name, jf['kr20']))
        if not tot:
            check(jf['n'] == 0 and jf['mean'] is None and jf['alpha'] is
                  None, 'empty form %s: %r' % (name, jf))
            continue
        passed = sum(t >= pass_mark[name] for t in tot)
        check(jf['n'] == len(tot), 'form %s n %r' % (name, jf['n']))
        check(close(jf['mean'], statistics.mean(tot)),
              'form %s mean %r' % (name, jf['mean']))
        check(close(jf['sd'], statistics.stdev(tot) if len(tot) > 1
                    else None), 'form %s sd %r' % (name, jf['sd']))
        check(jf['passed'] == passed and
              close(jf['pass_rate'], passed / len(tot)),
              'form %s passed %r' % (name, jf['passed']))
        if len(tot) > 1:
            groups.append(tot)
    f, df1, df2, p = welch(groups)
    t = jst['forms_test']
    for what, v in (('f', f), ('df1', df1), ('df2', df2), ('p', p)):
        check(close(t[what], v), 'Welch %s %r, scipy %.12g' %
              (what, t[what], v))
    check(jst['forms_differ'] == (p < 0.05), 'forms_differ %r, p %.4g' %
          (jst['forms_differ'], p))
    warned = any(k.startswith('Warning: the forms draw questions')
                 for k in st)
    check(warned == (p < 0.05), 'Statistics warns %r, p %.4g' %
          (warned, p))
    # linear equating onto the first form (random groups)
    ref = next(tot for tot in ([math.fsum(r) for _, r in rows]
                               for rows in forms.values()) if len(tot) > 1)
    mr, sr = statistics.mean(ref), statistics.stdev(ref)
    byid = {c['candidate_id']: c for c in json.load(open(js))['candidates']}
    neq = 0
    for name, rows in forms.items():
        tot = [math.fsum(r) for _, r in rows]
        for (cid, _), x in zip(rows, tot):
            want = (mr + sr / statistics.stdev(tot) *
                    (x - statistics.mean(tot)) if len(tot) > 1 else None)
            got = byid[cid]['equated_total']
            check(close(got, want), '%s equated %r, want %r' %
                  (cid, got, want))
            neq += want is not None
    # Items: one row per question, its "no" unique; Distractors: a "no"
    # names one question
    items = xml_rows(xlsx, 3)[1:]
    nos = [r[0] for r in items if r]
    check(len(nos) == len(set(nos)), 'Items no repeats: %s' %
          sorted(n for n in set(nos) if nos.count(n) > 1)[:5])
    qid_of = {}
    for r in xml_rows(xlsx, 5)[1:]:
        if r and qid_of.setdefault(r[0], r[1]) != r[1]:
            check(False, 'Distractors no %s names %s and %s' %
                  (r[0], qid_of[r[0]], r[1]))
    for f in failures:
        print('FAIL', f)
    if not failures:
        print('ok: reliability %.10f, SEM %.10f, Welch F %.10f p %.10g, '
              '%d equated totals' % (want_rel, want_sem, f, p, neq))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
