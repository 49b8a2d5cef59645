#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ties.py - ranks, percentile ranks, results and score bands of a report
whose totals are thirds (per_option points), against exact fractions.

usage: ties.py REPORT.xlsx SHEETS.csv KEY.yaml REPORT.json

The oracle adds each candidate's points as fractions (fractions.Fraction),
so totals equal on paper are equal here, whatever order the report adds
them in.  Only multiple-choice questions under the per_option rule and
answers of letters (a cell beginning with '?' makes the sheet pending) are
understood.  Checks the cached values of the Summary (rank, result,
percentile rank) and of the Statistics score bands, then has LibreOffice
recalculate every formula and checks the recalculated ones: ties share a
rank (1 + sheets not pending with a higher total), a pending sheet has no
rank and takes no place.  The JSON totals are the exact fractions to the
last bits (a third is not cut to four decimals) and those equal to a whole
number are written as it."""
import csv
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from fractions import Fraction

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'lib'))
import calc  # noqa: E402  (tests/lib)

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
failures = []


def check(cond, what):
    """Record a failed check."""
    if not cond:
        failures.append(what)


def oracle(sheets_csv, key_path):
    """Per candidate id: exact total and whether the sheet is pending."""
    with open(key_path, encoding='utf-8') as f:
        key = yaml.safe_load(f)
    qs = {str(q['number']): q for q in key['questions']}
    out = {}
    with open(sheets_csv, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            total, pending = Fraction(0), False
            for no, q in qs.items():
                cell = row[no].strip()
                if cell.startswith('?'):
                    pending = True
                    continue
                right = set(q['answer'])
                chosen = set(cell)
                got = len(chosen & right) - len(chosen - right)
                total += max(Fraction(0),
                             Fraction(q['points']) * got / len(right))
            out[row['candidate_id']] = (total, pending)
    return out, Fraction(key['pass']), Fraction(key['total'])


def cell_text(c, strings):
    """Cached value of a sheet XML cell as text."""
    t = c.get('t')
    if t == 'inlineStr':
        return ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))
    v = c.find('m:v', NS)
    if v is None or v.text is None:
        return ''
    if t == 's':
        return strings[int(v.text)]
    return v.text


def xml_rows(xlsx, n):
    """Rows of worksheet n (1-based) as lists of cached texts."""
    with zipfile.ZipFile(xlsx) as z:
        strings = []
        if 'xl/sharedStrings.xml' in z.namelist():
            sst = ET.fromstring(z.read('xl/sharedStrings.xml'))
            strings = [''.join(t.text or '' for t in si.iter(
                '{%s}t' % NS['m'])) for si in sst.findall('m:si', NS)]
        root = ET.fromstring(z.read('xl/worksheets/sheet%d.xml' % n))
    rows = []
    for r in root.iter('{%s}row' % NS['m']):
        cells = {}
        for c in r.findall('m:c', NS):
            col = re.match(r'[A-Z]+', c.get('r')).group(0)
            idx = 0
            for ch in col:
                idx = idx * 26 + ord(ch) - 64
            cells[idx - 1] = cell_text(c, strings)
        rows.append([cells.get(i, '') for i in range(max(cells) + 1)]
                    if cells else [])
    return rows


def recalculated(xlsx, work):
    """Summary and Statistics as LibreOffice shows them after
    recalculating every formula."""
    return calc.convert(xlsx, work, os.path.join(work, 'profile'), True,
                        ('Summary', 'Statistics'))


def expected(cands, pass_mark):
    """Per id: rank ('' when pending), result, percentile rank."""
    counted = [t for t, p in cands.values() if not p]
    exp = {}
    for cid, (t, pend) in cands.items():
        if pend:
            exp[cid] = ('', 'pending', '')
            continue
        rank = 1 + sum(1 for u in counted if u > t)
        below = sum(1 for u in counted if u < t)
        equal = sum(1 for u in counted if u == t)
        pr = Fraction(100) * (below + Fraction(equal, 2)) / len(counted)
        exp[cid] = (str(rank), 'pass' if t >= pass_mark else 'fail',
                    float(pr))
    return exp


def check_summary(rows, exp, how):
    """Summary rows (header first) against the expected values."""
    hdr = rows[0]
    col = {h: i for i, h in enumerate(hdr)}
    seen = set()
    for row in rows[1:]:
        if len(row) <= col['result'] or not row[col['candidate id']
                                                 if 'candidate id' in col
                                                 else 1]:
            continue
        cid = row[1]
        if cid not in exp:
            continue
        seen.add(cid)
        rank, res, pr = exp[cid]
        check(row[col['rank']] == rank, '%s: %s rank %r, expected %r' %
              (how, cid, row[col['rank']], rank))
        check(row[col['result']] == res, '%s: %s result %r, expected %r' %
              (how, cid, row[col['result']], res))
        got = row[col['percentile rank']]
        if pr == '':
            check(got == '', '%s: %s percentile rank %r, expected none' %
                  (how, cid, got))
        else:
            check(got != '' and abs(float(got) - pr) < 1e-9,
                  '%s: %s percentile rank %r, expected %.12g' %
                  (how, cid, got, pr))
    check(seen == set(exp), '%s: candidates %s missing' %
          (how, sorted(set(exp) - seen)))


def check_bands(rows, cands, total, how):
    """Score-band counts on Statistics: a total on an edge is in the band
    that starts there."""
    counted = [t for t, p in cands.values() if not p]
    start = next(i for i, r in enumerate(rows) if r and r[0] == 'score band')
    nbands = 0
    for r in rows[start + 1:]:
        if not r or not r[0]:
            break
        m = re.match(r'([\d.]+)–(<?)([\d.]+)$', r[0])
        check(m is not None, '%s: band label %r' % (how, r[0]))
        if not m:
            continue
        lo, hi = Fraction(m.group(1)), Fraction(m.group(3))
        last = hi == total
        n = sum(1 for t in counted
                if t >= lo and (t <= hi if last else t < hi))
        check(r[1] == str(n), '%s: band %s holds %r, expected %d' %
              (how, r[0], r[1], n))
        nbands += 1
    check(nbands > 0, '%s: no score bands' % how)


def main():
    xlsx, sheets, key = sys.argv[1:4]
    cands, pass_mark, total = oracle(sheets, key)
    exp = expected(cands, pass_mark)
    check_summary(xml_rows(xlsx, 1), exp, 'cached')
    stats = xml_rows(xlsx, 4)
    check_bands(stats, cands, total, 'cached')
    with tempfile.TemporaryDirectory() as work:
        live = recalculated(os.path.abspath(xlsx), work)
    check_summary(live['Summary'], exp, 'recalculated')
    check_bands(live['Statistics'], cands, total, 'recalculated')
    with open(sys.argv[4], encoding='utf-8') as f:
        for c in json.load(f)['candidates']:
            want = cands[c['candidate_id']][0]
            got = c['total']
            check(abs(Fraction(got) - want) <= Fraction(1, 10 ** 12),
                  'JSON total of %s: %r, exactly %s' %
                  (c['candidate_id'], got, want))
            check(want.denominator != 1 or got == int(want),
                  'JSON total of %s: %r, not the whole %s' %
                  (c['candidate_id'], got, want))
    for f in failures:
        print('FAIL', f)
    if not failures:
        print('ok: %d candidates, ranks, results, percentile ranks and '
              'bands agree, cached and recalculated' % len(exp))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
