#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""recompute.py - recompute every figure of examgen's report independently
on simulated candidates, with the Python standard library only.

usage: recompute.py EXAMGEN WORKDIR [N] [SEED]

Writes a key of 40 questions (20 true/false, 10 single, 6 multiple under
the three rules, 4 short), simulates N candidates (default 500) with an
ability each, a few of them with an unreadable answer (pending), grades
them with `examgen grade --xlsx --csv --lang en`, reads the cached values
of the Summary, Items and Statistics sheets straight from the workbook's
XML, recomputes each figure here from the answers alone, and prints a
table: figure, independent value, report value, agreement.  Exit 1 when a
figure differs by more than 1e-9 (relative)."""
import csv
import math
import os
import random
import re
import statistics
import subprocess
import sys
import zipfile

TOL = 1e-9


def make_key(path):
    """The key (a list of question dicts) and its YAML file."""
    rng = random.Random(7)
    qs = []
    for i in range(20):
        qs.append({'type': 'true_false', 'points': 1,
                   'answer': rng.choice('TF')})
    for i in range(10):
        qs.append({'type': 'single', 'points': 2, 'options': 4,
                   'answer': rng.choice('ABCD')})
    for rule in ('exact', 'half', 'per_option') * 2:
        ans = ''.join(sorted(rng.sample('ABCDE', rng.choice((2, 3)))))
        qs.append({'type': 'multiple', 'points': 4, 'options': 5,
                   'answer': ans, 'scoring': rule})
    for i in range(4):
        qs.append({'type': 'short', 'points': 5})
    total = sum(q['points'] for q in qs)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('paper: SIM\nform: A\ntitle: sim\nlanguage: en\n')
        f.write('total: %d\npass: %d\nsections:\n' % (total, total * 0.6))
        f.write('  - {title: Objective, questions: [%s], points: %d}\n' % (
            ', '.join(str(i + 1) for i in range(36)),
            sum(q['points'] for q in qs[:36])))
        f.write('  - {title: Written, questions: [37, 38, 39, 40], '
                'points: 20}\nquestions:\n')
        for n, q in enumerate(qs, 1):
            q['no'] = n
            q['id'] = 'q%02d' % n
            extra = ''
            if q['type'] in ('single', 'multiple'):
                extra = ', options: %d, answer: %s' % (q['options'],
                                                       q['answer'])
                if q['type'] == 'multiple':
                    extra += ', scoring: ' + q['scoring']
            elif q['type'] == 'true_false':
                extra = ', answer: ' + q['answer']
            f.write('  - {number: %d, id: %s, type: %s, points: %d%s}\n'
                    % (n, q['id'], q['type'], q['points'], extra))
    return qs, total


def respond(q, ability, rng):
    """A simulated answer (text) to question q."""
    if q['type'] == 'short':
        return '%g' % (round(q['points'] * min(1, max(0, rng.gauss(
            ability, 0.2))) * 2) / 2)
    if rng.random() < 0.04:
        return ''
    right = rng.random() < ability
    if q['type'] == 'true_false':
        return q['answer'] if right else ('F' if q['answer'] == 'T' else 'T')
    letters = 'ABCDE'[:q['options']]
    if right:
        return q['answer']
    if q['type'] == 'multiple' and rng.random() < 0.5:
        return q['answer'][:-1]
    return rng.choice([x for x in letters if x not in q['answer']])


def score(q, text):
    """Points for an answer, None when unreadable (the sheet is pending)."""
    text = text.strip()
    if q['type'] == 'short':
        return float(text)
    if not text:
        return 0.0
    if q['type'] == 'true_false':
        if text not in ('T', 'F'):
            return None
        return float(q['points']) if text == q['answer'] else 0.0
    chosen = set(text)
    if not chosen <= set('ABCDE'[:q['options']]):
        return None
    key = set(q['answer'])
    pts = float(q['points'])
    if chosen == key:
        return pts
    right, wrong = len(chosen & key), len(chosen - key)
    rule = q.get('scoring', 'exact')
    if rule == 'half':
        return pts / 2 if right and not wrong else 0.0
    if rule == 'per_option':
        return max(0.0, pts * (right - wrong) / len(key))
    return 0.0


def pearson(x, y):
    """Pearson correlation, None when not defined."""
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx <= 0 or syy <= 0:
        return None
    return sum((a - mx) * (b - my) for a, b in zip(x, y)) / math.sqrt(
        sxx * syy)


def sheet_values(xlsx, index):
    """Cells of worksheet index as {ref: value} (numbers as float)."""
    with zipfile.ZipFile(xlsx) as z:
        xml = z.read('xl/worksheets/sheet%d.xml' % index).decode()
    cells = {}
    for m in re.finditer(r'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>(.*?)</c>)', xml):
        body = m.group(2) or ''
        t = re.search(r'<t[^>]*>(.*?)</t>', body)
        v = re.search(r'<v>(.*?)</v>', body)
        if t:
            cells[m.group(1)] = t.group(1)
        elif v:
            try:
                cells[m.group(1)] = float(v.group(1))
            except ValueError:
                cells[m.group(1)] = v.group(1)
    return cells


def col_letter(i):
    """Column letters of 0-based index i."""
    s = ''
    i += 1
    while i:
        i, m = divmod(i - 1, 26)
        s = chr(65 + m) + s
    return s


def main():
    exe, work = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 2026
    os.makedirs(work, exist_ok=True)
    key_path = os.path.join(work, 'SIM-A.key.yaml')
    qs, total = make_key(key_path)
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        ability = rng.betavariate(4, 3)
        ans = [respond(q, ability, rng) for q in qs]
        if i % 97 == 5:
            ans[rng.randrange(20)] = 'maybe'    # unreadable: pending
        rows.append(['c%04d' % i, 'n%d' % i, 'A'] + ans)
    rng.shuffle(rows)
    sheets = os.path.join(work, 'sheets.csv')
    with open(sheets, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['candidate_id', 'name', 'form'] +
                   [str(q['no']) for q in qs])
        w.writerows(rows)
    xlsx = os.path.join(work, 'report.xlsx')
    subprocess.run([exe, 'grade', '--key', key_path, '--xlsx', xlsx,
                    '--lang', 'en', '--force', sheets],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # independent grading: pending sheets out of every statistic
    cands = []
    for r in rows:
        pts = [score(q, a) for q, a in zip(qs, r[3:])]
        if any(p is None for p in pts):
            continue
        cands.append(pts)
    t = [sum(p) for p in cands]
    m = len(t)
    sd = statistics.stdev(t)
    k = len(qs)
    item_var = [statistics.variance([c[j] for c in cands]) for j in range(k)]
    alpha = k / (k - 1) * (1 - sum(item_var) / statistics.variance(t))
    passmark = int(total * 0.6)
    want = {
        'candidates scored (n)': m, 'mean': statistics.mean(t),
        'median': statistics.median(t), 'sd (sample, n-1)': sd,
        'min': min(t), 'max': max(t),
        'passed': sum(x >= passmark for x in t),
        'pass rate': sum(x >= passmark for x in t) / m,
        "Cronbach's alpha": alpha,
        'SEM = sd * sqrt(1 - alpha)': sd * math.sqrt(1 - alpha),
        'sheets pending (left out of every statistic here and on Items)':
            n - m,
    }
    g = min(max(1, math.floor(0.27 * m + 0.5)), m // 2)
    ranked = sorted(t, reverse=True)
    tu, tl = ranked[g - 1], ranked[m - g]
    up = [i for i in range(m) if (t[i] >= tu if tu > tl else t[i] > tu)]
    lo = [i for i in range(m) if (t[i] <= tl if tu > tl else t[i] < tl)]
    items = {}
    for j, q in enumerate(qs):
        x = [c[j] for c in cands]
        items[q['id']] = {
            'n': m, 'mean': sum(x) / m, 'difficulty (p)': sum(x) / m /
            q['points'],
            'discrimination (27%)': (sum(x[i] for i in up) / len(up) -
                                     sum(x[i] for i in lo) / len(lo)) /
            q['points'],
            'item-rest r': pearson(x, [a - b for a, b in zip(t, x)])}

    # the report's cached values
    stats = sheet_values(xlsx, 4)
    got = {}
    for ref, v in stats.items():
        if ref.startswith('A') and isinstance(v, str):
            got[v] = stats.get('B' + ref[1:])
    isheet = sheet_values(xlsx, 3)
    head = {}
    for c in range(40):
        v = isheet.get(col_letter(c) + '1')
        if isinstance(v, str):
            head[v] = col_letter(c)
    report_items = {}
    for row in range(2, k + 2):
        qid = isheet.get('B%d' % row)
        report_items[qid] = {name: isheet.get(head[name] + str(row))
                             for name in items['q01'] if name in head}

    out, bad = [], 0
    for name, v in want.items():
        out.append((name, v, got.get(name)))
    for qid in sorted(items):
        for name, v in items[qid].items():
            out.append(('%s %s' % (qid, name), v,
                        report_items.get(qid, {}).get(name)))
    print('| figure | independent value | report value | agree |')
    print('|---|---|---|---|')
    for name, v, r in out:
        ok = (v is None and r is None) or (
            v is not None and isinstance(r, float) and
            abs(v - r) <= TOL * max(1, abs(v), abs(r)))
        bad += not ok
        print('| %s | %s | %s | %s |' % (name, 'n/a' if v is None else
                                         '%.10g' % v, r if not isinstance(
                                             r, float) else '%.10g' % r,
                                         'yes' if ok else 'NO'))
    print('\n%d figures, %d differ; %d candidates, %d pending' % (
        len(out), bad, n, n - m))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
