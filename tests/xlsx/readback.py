#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""readback.py - read an examgen Excel report back and check it against
values worked out here, independently of the C code, from the key files
and the CSV sheets that produced it.

usage: readback.py REPORT.xlsx SHEETS.csv KEY.yaml...

Checks the sheet XML (formulas with cached values, text never written as a
formula, frozen header, autofilter, conditional formats, two charts), then
has LibreOffice export every sheet to CSV (showing the cached values) and
compares Summary, Items and Statistics with the expected numbers.  Finally,
on each form, it changes one marker's score and one mistyped response
letter in the Answers sheet XML (found by the bank question's column), converts again with a throw-away LibreOffice profile set
to recalculate on load, and checks that the points, section, total, rank and
result in the Summary followed.
Only simple answers are understood (letters, T/F, 对/错, numbers): it is a
test oracle for small hand-made data sets, not a grader."""
import csv
import math
import os
import re
import shutil
import statistics
import sys
import tempfile
import zipfile

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'lib'))
import calc  # noqa: E402  (tests/lib)

TOL = 1e-9
failures = []


def check(cond, what):
    """Record a failed check."""
    if not cond:
        failures.append(what)


def close(a, b):
    """Numbers equal within a relative tolerance."""
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def num(cell):
    """A CSV cell as LibreOffice shows it, as a number (percent aware)."""
    cell = cell.strip()
    if cell.endswith('%'):
        return float(cell[:-1]) / 100
    return float(cell)


def load_keys(paths):
    """Keys by form letter."""
    keys = {}
    for p in paths:
        with open(p, encoding='utf-8') as f:
            k = yaml.safe_load(f)
        for q in k['questions']:
            if False in q:		# YAML 1.1 reads the key `no` as false
                q['no'] = q.pop(False)
        keys[k['form']] = k
    return keys


def parse_choice(s):
    """Printed letters chosen, None for blank, 'bad' when unreadable."""
    s = s.strip().upper()
    if not s:
        return None
    if not re.fullmatch(r'[A-Z]+', s):
        return 'bad'
    return set(s)


def parse_tf(s):
    """True/False, None for blank, 'bad' when unreadable."""
    s = s.strip()
    if not s:
        return None
    if s in ('T', 't', 'true', '对', '√', 'Y'):
        return True
    if s in ('F', 'f', 'false', '错', '×', 'N'):
        return False
    return 'bad'


def grade(keys, sheets_csv):
    """Candidates in input order: id, name, form, per-item records."""
    cands = []
    with open(sheets_csv, encoding='utf-8-sig', newline='') as f:
        for row in csv.DictReader(f):
            k = keys[row['form']]
            items = []
            for q in k['questions']:
                raw = row[str(q['no'])]
                pts = float(q['points'])
                rec = {'id': q['id'], 'type': q['type'], 'points': pts,
                       'earned': 0.0, 'status': 'ok', 'bank': set()}
                if q['type'] == 'true_false':
                    v = parse_tf(raw)
                    if v is None:
                        rec['status'] = 'blank'
                    elif v == 'bad':
                        rec['status'] = 'invalid'
                    else:
                        rec['bank'] = {'A' if v else 'B'}
                        rec['earned'] = pts if v == (q['answer'] == 'T') \
                            else 0.0
                elif q['type'] in ('single', 'multiple'):
                    v = parse_choice(raw)
                    order = q.get('order') or \
                        [chr(65 + i) for i in range(q['options'])]
                    if v is None:
                        rec['status'] = 'blank'
                    elif v == 'bad' or any(ord(c) - 65 >= q['options']
                                           for c in v):
                        rec['status'] = 'invalid'
                    else:
                        rec['bank'] = {order[ord(c) - 65] for c in v}
                        rec['earned'] = pts if v == set(q['answer']) \
                            else 0.0
                else:
                    rec['earned'] = float(raw)
                items.append(rec)
            total = sum(r['earned'] for r in items)
            secs = []
            for s in k['sections']:
                secs.append(sum(items[n - 1]['earned']
                                for n in s['questions']))
            # SPEC: a sheet with any problem is pending, left out of the
            # item and test statistics
            pending = any(r['status'] == 'invalid' for r in items)
            cands.append({'id': row['candidate_id'], 'name': row['name'],
                          'form': row['form'], 'items': items,
                          'total': total, 'sections': secs,
                          'key': k, 'pending': pending})
    return cands


def pearson(x, y):
    """Pearson correlation, None when not defined."""
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    if sxx <= 0 or syy <= 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def item_analysis(cands):
    """Per id: n, mean, p, discrimination, item-rest r, option counts."""
    n = len(cands)
    g = min(max(1, math.floor(0.27 * n + 0.5)), n // 2)
    ranked = sorted((c['total'] for c in cands), reverse=True)
    tu, tl = ranked[g - 1], ranked[n - g]
    # ties at a group's boundary all join it; if the groups would meet,
    # the tied total is in neither (independent of the row order)
    upper = {i for i, c in enumerate(cands)
             if (c['total'] >= tu if tu > tl else c['total'] > tu)}
    lower = {i for i, c in enumerate(cands)
             if (c['total'] <= tl if tu > tl else c['total'] < tl)}
    out = {}
    for idx, c in enumerate(cands):
        for it in c['items']:
            a = out.setdefault(it['id'], {'x': [], 't': [], 'up': [],
                                          'lo': [], 'points': it['points'],
                                          'counts': {}, 'blank': 0,
                                          'invalid': 0})
            a['x'].append(it['earned'])
            a['t'].append(c['total'])
            if idx in upper:
                a['up'].append(it['earned'])
            if idx in lower:
                a['lo'].append(it['earned'])
            if it['status'] == 'blank':
                a['blank'] += 1
            elif it['status'] == 'invalid':
                a['invalid'] += 1
            for b in it['bank']:
                a['counts'][b] = a['counts'].get(b, 0) + 1
    for a in out.values():
        pts = a['points']
        a['n'] = len(a['x'])
        a['mean'] = sum(a['x']) / a['n']
        a['p'] = a['mean'] / pts
        a['disc'] = (sum(a['up']) / len(a['up']) -
                     sum(a['lo']) / len(a['lo'])) / pts
        a['rpb'] = pearson(a['x'], [t - x for t, x in zip(a['t'], a['x'])])
    return out


def convert(xlsx, outdir, profile, recalc):
    """Every sheet of xlsx as rows of cells, by sheet name; recalc: have
    LibreOffice recalculate every formula on load."""
    return calc.convert(xlsx, outdir, profile, recalc,
                        ('Summary', 'Answers', 'Items', 'Statistics',
                         'Problems'))


def check_xml(xlsx):
    """Structure straight from the zip."""
    with zipfile.ZipFile(xlsx) as z:
        names = set(z.namelist())
        s1 = z.read('xl/worksheets/sheet1.xml').decode()
        s2 = z.read('xl/worksheets/sheet2.xml').decode()
        wb = z.read('xl/workbook.xml').decode()
        styles = z.read('xl/styles.xml').decode()
    for sheet in ('Summary', 'Answers', 'Items', 'Statistics', 'Problems'):
        check('name="%s"' % sheet in wb, 'sheet %s missing' % sheet)
    check('xl/charts/chart1.xml' in names, 'chart1 missing')
    check('xl/charts/chart2.xml' in names, 'chart2 missing')
    check(re.search(r'<pane [^>]*ySplit="1"[^>]*state="frozen"', s1),
          'Summary header not frozen')
    check('<autoFilter ref="A1:' in s1, 'Summary has no autofilter')
    check('<conditionalFormatting' in s1, 'Summary has no pass/fail colours')
    check(re.search(r'<c r="G2"[^>]*><f>SUM\(E2:F2\)</f><v>[0-9.]+</v>', s1),
          'Summary total is not a formula with a cached value')
    check(re.search(r'<f>SUM\(Answers![A-Z]+2(,Answers![A-Z]+2)*\)</f><v>',
                    s1), 'Summary section is not a formula over Answers '
          'points cells')
    check(not re.search(r'<f>SUM\(Answers![A-Z]+\d+:', s1),
          'Summary sums a range over Answers (responses would count)')
    # the ranges span the response columns: their cells must be text
    # (built-in format 49) so that edits stay text, which SUM skips
    text_xfs = [i for i, xf in enumerate(re.findall(
        r'<xf [^>]*>', styles.split('<cellXfs')[1])) if 'numFmtId="49"' in xf]
    resp = re.findall(r'<c r="D(?!1")\d+"( s="(\d+)")?', s2)
    check(resp and all(m[1] and int(m[1]) in text_xfs for m in resp),
          'Answers response cells are not all in the text format')
    for s, what in ((s1, 'Summary'), (s2, 'Answers')):
        check(re.search(r'<c r="[A-Z]+\d+" t="(inlineStr|s)"><is><t>=1\+1<',
                        s), '=1+1 is not a text cell in ' + what)
        check('<f>1+1' not in s and '<f>=1+1' not in s,
              '=1+1 became a formula in ' + what)


def check_summary(rows, cands, ranked=True):
    """Summary rows (in rank order if ranked) with the expected numbers."""
    head = rows[0]
    check(head[:4] == ['rank', 'candidate id', 'name', 'form'],
          'Summary header %r' % head)
    body = [r for r in rows[1:] if any(r)]
    check(len(body) == len(cands), 'Summary has %d rows' % len(body))
    want = sorted(cands, key=lambda c: -c['total'])
    byid = {c['id']: c for c in cands}
    for r, w in zip(body, want):
        c = byid.get(r[1])
        if not c:
            failures.append('Summary: unknown id %r' % r[1])
            continue
        check(not ranked or close(num(r[6]), w['total']),
              'Summary order at %r' % r[1])
        # a pending sheet has no rank and takes no place
        if c['pending']:
            check(r[0] == '', 'rank of pending %s: %r' % (c['id'], r[0]))
        else:
            rank = 1 + sum(o['total'] > c['total'] for o in cands
                           if not o['pending'])
            check(r[0] != '' and int(num(r[0])) == rank,
                  'rank of %s: %s, want %d' % (c['id'], r[0], rank))
        check(r[2] == c['name'] and r[3] == c['form'], 'name of ' + c['id'])
        for j, v in enumerate(c['sections']):
            check(close(num(r[4 + j]), v), 'section %d of %s' % (j, c['id']))
        k = c['key']
        check(close(num(r[6]), c['total']), 'total of ' + c['id'])
        check(close(num(r[7]), c['total'] / float(k['total'])),
              'percent of ' + c['id'])
        res = 'pass' if c['total'] >= float(k['pass']) else 'fail'
        if c['pending']:
            res = 'pending'
        check(r[8] == res, 'result of %s: %s' % (c['id'], r[8]))
        check((int(num(r[9])) > 0) == c['pending'],
              'problems of %s: %s' % (c['id'], r[9]))


def check_items(rows, items):
    """Items rows against the item analysis worked out here."""
    head = rows[0]
    col = {h: i for i, h in enumerate(head)}
    seen = set()
    for r in rows[1:]:
        if not any(r):
            continue
        a = items.get(r[1])
        if a is None:
            failures.append('Items: unknown id %r' % r[1])
            continue
        seen.add(r[1])
        check(int(num(r[col['n']])) == a['n'], 'n of ' + r[1])
        for name, key in (('mean', 'mean'), ('difficulty (p)', 'p'),
                          ('discrimination (27%)', 'disc'),
                          ('item-rest r', 'rpb')):
            got = r[col[name]]
            if a[key] is None:
                check(got == '', '%s of %s should be empty' % (name, r[1]))
            else:
                check(got != '' and close(num(got), a[key]),
                      '%s of %s: %s, want %r' % (name, r[1], got, a[key]))
        for letter, cnt in a['counts'].items():
            h = next(h for h in head if h.split('/')[0] == letter)
            check(int(num(r[col[h]])) == cnt, 'count %s of %s: %s, want %d'
                  % (letter, r[1], r[col[h]], cnt))
        check(int(num(r[col['blank']])) == a['blank'], 'blanks of ' + r[1])
        check(int(num(r[col['invalid']])) == a['invalid'],
              'invalid of ' + r[1])
    check(seen == set(items), 'Items lists %r' % sorted(seen))


def check_statistics(rows, cands, items, live_only=False):
    """Statistics figures against the ones worked out here; live_only:
    only those that are formulas (after an edit)."""
    val = {r[0]: r[1] for r in rows if len(r) > 1 and r[0]}
    cands = [c for c in cands if not c['pending']]
    t = [c['total'] for c in cands]
    ids = list(items)
    k = len(ids)
    var_items = sum(statistics.variance(items[i]['x']) for i in ids)
    alpha = k / (k - 1) * (1 - var_items / statistics.variance(t))
    passed = sum(c['total'] >= float(c['key']['pass']) for c in cands)
    want = {'candidates scored (n)': len(t), 'mean': statistics.mean(t),
            'median': statistics.median(t),
            'sd (sample, n-1)': statistics.stdev(t), 'min': min(t),
            'max': max(t), 'passed': passed, 'pass rate': passed / len(t),
            "Cronbach's alpha": alpha,
            'SEM = sd * sqrt(1 - alpha)':
                statistics.stdev(t) * math.sqrt(1 - alpha)}
    if live_only:
        del want["Cronbach's alpha"], want['SEM = sd * sqrt(1 - alpha)']
    for name, v in want.items():
        got = val.get(name)
        check(got is not None and close(num(got), v),
              'statistic %s: %s, want %r' % (name, got, v))


def cell_ref(answers, cand_id, qid, points):
    """The A1 reference of candidate cand_id's Answers cell of bank
    question qid: its points cell if points, else its response.  Each
    bank question has one pair of columns whatever the form, headed
    "A3 B7" (its number on each form) over its id, and "pts" beside it."""
    heads = [h.split('\n') for h in answers[0]]
    col = next(i for i, h in enumerate(heads)
               if len(h) == 2 and h[1] == qid and h[0] != 'pts')
    check(heads[col + 1] == ['pts'],
          'Answers header beside %s: %r' % (qid, heads[col + 1]))
    col += 1 if points else 0
    row = next(i for i, r in enumerate(answers) if r and r[0] == cand_id)
    letters = ''
    n = col + 1
    while n:
        n, m = divmod(n - 1, 26)
        letters = chr(65 + m) + letters
    return '%s%d' % (letters, row + 1)


def ref_col(ref):
    """The 0-based column of an A1 reference."""
    col = 0
    for ch in re.match('[A-Z]+', ref).group(0):
        col = col * 26 + ord(ch) - 64
    return col - 1


def check_answer_headers(answers, keys):
    """One pair of columns per bank question, headed by the number each
    form printed it under."""
    want = {}
    for form in sorted(keys):
        for q in keys[form]['questions']:
            want.setdefault(q['id'], []).append('%s%d' % (form, q['no']))
    got = [h.split('\n') for h in answers[0][3:]]
    check(len(got) == 2 * len(want), 'Answers has %d question columns, '
          'want %d' % (len(got), 2 * len(want)))
    for resp, pts in zip(got[0::2], got[1::2]):
        qid = resp[-1]
        check(qid in want and resp[0] == ' '.join(want[qid]),
              'Answers header %r, want %r' % (resp, want.get(qid)))
        check(pts == ['pts'], 'Answers points header %r' % pts)


def edit_cells(xlsx, out, scores, responses):
    """Copy xlsx to out with Answers points cells (scores: (ref, value)...)
    and response cells (responses: (ref, text)...) changed."""
    with zipfile.ZipFile(xlsx) as zin, \
            zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == 'xl/worksheets/sheet2.xml':
                s = data.decode()
                for ref, value in scores:
                    s, n = re.subn(r'(<c r="%s"[^>]*><v>)[^<]*(</v>)' % ref,
                                   r'\g<1>%s\g<2>' % value, s)
                    check(n == 1, 'Answers cell %s not found' % ref)
                for ref, text in responses:
                    s, n = re.subn(r'(<c r="%s"[^>]*><is><t>)[^<]*(</t>)'
                                   % ref, r'\g<1>%s\g<2>' % text, s)
                    check(n == 1, 'Answers cell %s not found' % ref)
                data = s.encode()
            zout.writestr(info, data)


def apply_edit(c, n, v):
    """Expected numbers after question n of candidate c earns v."""
    old = c['items'][n - 1]['earned']
    c['items'][n - 1]['earned'] = v
    c['total'] += v - old
    sec = next(j for j, s in enumerate(c['key']['sections'])
               if n in s['questions'])
    c['sections'][sec] += v - old


def main():
    """Run every check; exit 1 listing the failures."""
    report, sheets_csv, key_paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    keys = load_keys(key_paths)
    cands = grade(keys, sheets_csv)
    items = item_analysis([c for c in cands if not c['pending']])
    check_xml(report)
    tmp = tempfile.mkdtemp(prefix='readback.')
    try:
        got = convert(report, os.path.join(tmp, 'a'),
                      os.path.join(tmp, 'cached'), False)
        check_summary(got['Summary'], cands)
        check_items(got['Items'], items)
        check_statistics(got['Statistics'], cands, items)
        check_answer_headers(got['Answers'], keys)
        # on each form, a reviewer corrects the marker (the lowest essay
        # becomes 10) and a mistyped letter (the first clean candidate
        # with a wrong single-choice answer gets the keyed letter)
        scores, responses, fixed = [], [], []
        for form in sorted({c['form'] for c in cands}):
            of_form = [c for c in cands if c['form'] == form]
            low = min(of_form, key=lambda c: (c['total'], c['id']))
            q = next(i + 1 for i, it in enumerate(low['items'])
                     if it['type'] == 'essay')
            fix, fq = next((c, i + 1) for c in of_form if not c['pending']
                           for i, it in enumerate(c['items'])
                           if it['type'] == 'single' and
                           it['status'] == 'ok' and it['earned'] == 0)
            scores.append((cell_ref(got['Answers'], low['id'],
                                    low['items'][q - 1]['id'], True), 10))
            responses.append((cell_ref(got['Answers'], fix['id'],
                                       fix['items'][fq - 1]['id'], False),
                              fix['key']['questions'][fq - 1]['answer']))
            apply_edit(low, q, 10.0)
            apply_edit(fix, fq, fix['items'][fq - 1]['points'])
            fixed.append((fix, fq))
        edited = os.path.join(tmp, 'edited.xlsx')
        edit_cells(report, edited, scores, responses)
        again = convert(edited, os.path.join(tmp, 'b'),
                        os.path.join(tmp, 'recalc'), True)
        check_summary(again['Summary'], cands, False)
        for fix, fq in fixed:
            ref = cell_ref(again['Answers'], fix['id'],
                           fix['items'][fq - 1]['id'], True)
            row = int(re.sub('[A-Z]', '', ref)) - 1
            col = ref_col(ref)
            got_pts = again['Answers'][row][col]
            check(close(num(got_pts), fix['items'][fq - 1]['points']),
                  'points of the corrected letter of %s: %s'
                  % (fix['id'], got_pts))
        check_statistics(again['Statistics'], cands, items, live_only=True)
    finally:
        shutil.rmtree(tmp)
    for f in failures:
        print('readback: ' + f)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
