#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""recompute.py - recompute every figure of examgen's report and JSON
statistics independently on simulated candidates, with the Python
standard library only.

usage: recompute.py EXAMGEN WORKDIR [N] [SEED] [--summary]

Two simulations, each graded with `examgen grade --xlsx --json --lang en`:

  one form   a key of 40 questions (20 true/false, 10 single, 6 multiple
             under the three rules, 4 short) and N candidates (default
             500), a few with an unreadable answer (pending);
  two forms  forms A and B of one paper that share 28 questions (printed
             in another order on B) and have 12 of their own each; one
             shared question is keyed wrong (the simulated candidates know
             the right answer, B, the key says A) and one has a distractor
             nobody is drawn to.

The figures are recomputed here from the answers alone, by the textbook
formulas (docs/grade-report.md), not by following examgen's code: the
cached values of the Summary, Items, Statistics and Distractors sheets are
read straight from the workbook's XML, and the JSON output's statistics
are read too.  Prints a table (figure, independent value, report value,
agreement; --summary: one line per kind of figure) and exits 1 when a
figure differs by more than 1e-9 (relative), or when the wrong key's
distractor or the unused distractor is not flagged."""
import csv
import html
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import zipfile

TOL = 1e-9
LETTERS = 'ABCDE'
# flag texts of the English report
FLAG_TEXT = {
    'too_easy': 'too easy', 'too_hard': 'too hard',
    'negative_discrimination': 'negative discrimination',
    'poor_discrimination': 'poor discrimination',
    'low_item_rest_r': 'low item-rest r',
    'below_chance': 'below chance (check the key)',
}
MIN_N = 10          # no flags on fewer candidates
RARE = ' chosen by under 5%'
POSITIVE = ' goes with a higher score (check the key)'


# ---- simulation -----------------------------------------------------------

def one_form_questions():
    """The 40 questions of the one-form paper (numbered 1..40)."""
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
    for n, q in enumerate(qs, 1):
        q['id'] = 'q%02d' % n
    return qs


def two_form_questions():
    """Forms A and B (lists of questions in printed order): 28 shared,
    12 of each form's own."""
    rng = random.Random(11)

    def tf(qid):
        return {'id': qid, 'type': 'true_false', 'points': 1,
                'answer': rng.choice('TF')}

    def single(qid):
        return {'id': qid, 'type': 'single', 'points': 2, 'options': 4,
                'answer': rng.choice('ABCD')}
    shared = [tf('s%02d' % i) for i in range(1, 13)]
    shared += [single('s%02d' % i) for i in range(13, 19)]
    # keyed A, but the candidates who know the subject answer B
    shared.append({'id': 'wrongkey', 'type': 'single', 'points': 2,
                   'options': 4, 'answer': 'A', 'true': 'B'})
    # wrong answers go to B or C only: distractor D draws no one
    shared.append({'id': 'unused', 'type': 'single', 'points': 2,
                   'options': 4, 'answer': 'A', 'avoid': 'D'})
    for i, rule in enumerate(('exact', 'half', 'per_option', 'half')):
        ans = ''.join(sorted(rng.sample('ABCDE', 2)))
        shared.append({'id': 'm%d' % i, 'type': 'multiple', 'points': 4,
                       'options': 5, 'answer': ans, 'scoring': rule})
    written = [{'id': 'w%d' % i, 'type': 'short', 'points': 5}
               for i in range(4)]
    own_a = [tf('a%02d' % i) for i in range(8)] + [
        single('a%02d' % i) for i in range(8, 12)]
    own_b = [tf('b%02d' % i) for i in range(8)] + [
        single('b%02d' % i) for i in range(8, 12)]
    obj = shared[:24]
    form_a = obj + own_a + written
    form_b = list(reversed(obj)) + own_b + written
    return form_a, form_b


def write_key(path, paper, form, qs):
    """Write a key of questions qs (printed in that order); sets q['no']
    per form in the returned list of (no, q).  Sections: Objective (all
    but short) and Written (short)."""
    total = sum(q['points'] for q in qs)
    nos_obj = [n for n, q in enumerate(qs, 1) if q['type'] != 'short']
    nos_wr = [n for n, q in enumerate(qs, 1) if q['type'] == 'short']
    with open(path, 'w', encoding='utf-8') as f:
        f.write('paper: %s\nform: %s\ntitle: sim\nlanguage: en\n' % (
            paper, form))
        f.write('total: %d\npass: %d\nsections:\n' % (total, total * 0.6))
        f.write('  - {title: Objective, questions: [%s], points: %d}\n' % (
            ', '.join(map(str, nos_obj)),
            sum(qs[n - 1]['points'] for n in nos_obj)))
        f.write('  - {title: Written, questions: [%s], points: %d}\n' % (
            ', '.join(map(str, nos_wr)),
            sum(qs[n - 1]['points'] for n in nos_wr)))
        f.write('questions:\n')
        for n, q in enumerate(qs, 1):
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
    return total


def respond(q, ability, rng):
    """A simulated answer (text) to question q."""
    if q['type'] == 'short':
        return '%g' % (round(q['points'] * min(1, max(0, rng.gauss(
            ability, 0.2))) * 2) / 2)
    if rng.random() < 0.04:
        return ''
    right = rng.random() < ability
    truth = q.get('true', q['answer'])
    if q['type'] == 'true_false':
        return truth if right else ('F' if truth == 'T' else 'T')
    letters = LETTERS[:q['options']]
    if right:
        return truth
    if q['type'] == 'multiple' and rng.random() < 0.5:
        return truth[:-1]
    return rng.choice([x for x in letters if x not in truth and
                       x != q.get('avoid')])


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
    if not chosen <= set(LETTERS[:q['options']]):
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


def options_of(q):
    """The option names of a choice or true/false question, else []."""
    if q['type'] == 'true_false':
        return ['T', 'F']
    if q['type'] in ('single', 'multiple'):
        return list(LETTERS[:q['options']])
    return []


def chose(q, text, opt):
    """True if answer text marks option opt."""
    return opt in text.strip()


# ---- independent statistics -----------------------------------------------

def pearson(x, y):
    """Pearson correlation, None when not defined."""
    n = len(x)
    if n < 2:
        return None
    mx, my = math.fsum(x) / n, math.fsum(y) / n
    sxx = math.fsum((a - mx) ** 2 for a in x)
    syy = math.fsum((b - my) ** 2 for b in y)
    if sxx <= 0 or syy <= 0:
        return None
    return math.fsum((a - mx) * (b - my) for a, b in zip(x, y)) / \
        math.sqrt(sxx * syy)


def skew_kurt(x):
    """Sample skewness G1 and excess kurtosis G2 from the population
    moments g1 = m3 / m2^1.5, g2 = m4 / m2^2 - 3 (Joanes & Gill 1998):
    G1 = g1 sqrt(n(n-1)) / (n-2), G2 = ((n+1) g2 + 6)(n-1) / ((n-2)(n-3))."""
    n = len(x)
    m = math.fsum(x) / n
    m2 = math.fsum((v - m) ** 2 for v in x) / n
    m3 = math.fsum((v - m) ** 3 for v in x) / n
    m4 = math.fsum((v - m) ** 4 for v in x) / n
    g1, g2 = m3 / m2 ** 1.5, m4 / m2 ** 2 - 3
    return (g1 * math.sqrt(n * (n - 1)) / (n - 2),
            ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3)))


def alpha(rows):
    """Cronbach's alpha of a candidates x items matrix, None if not
    defined."""
    k = len(rows[0]) if rows else 0
    if len(rows) < 2 or k < 2:
        return None
    tot = [math.fsum(r) for r in rows]
    vt = statistics.variance(tot)
    if vt <= 0:
        return None
    vi = math.fsum(statistics.variance([r[j] for r in rows])
                   for j in range(k))
    return k / (k - 1) * (1 - vi / vt)


def pooled(groups):
    """Reliability and SEM pooled over forms: groups is a list of
    candidates x items matrices (one per form).  Each form with alpha
    defined holds true-score sum of squares (n - 1) var(total) alpha
    (none without); reliability = their sum / the sum of squares of every
    total about the mean of all (so differences between the forms' means
    are error), SEM = sqrt((SS_T - true) / (N - 1))."""
    true_ss = 0.0
    totals = []
    for rows in groups:
        tot = [math.fsum(r) for r in rows]
        totals += tot
        a = alpha(rows)
        if a is not None:
            true_ss += (len(rows) - 1) * statistics.variance(tot) * a
    if not true_ss and all(alpha(rows) is None for rows in groups):
        return None, None
    if len(totals) < 2 or statistics.variance(totals) <= 0:
        return None, None
    ss_t = (len(totals) - 1) * statistics.variance(totals)
    return true_ss / ss_t, math.sqrt((ss_t - true_ss) / (len(totals) - 1))


def groups_27(t):
    """Indices of the upper and lower 27% groups of totals t (ties at
    the boundary join; if the boundaries meet, the tied total is in
    neither)."""
    m = len(t)
    g = min(max(1, math.floor(0.27 * m + 0.5)), m // 2)
    ranked = sorted(t, reverse=True)
    tu, tl = ranked[g - 1], ranked[m - g]
    up = [i for i in range(m) if (t[i] >= tu if tu > tl else t[i] > tu)]
    lo = [i for i in range(m) if (t[i] <= tl if tu > tl else t[i] < tl)]
    return up, lo


# ---- reading the outputs --------------------------------------------------

def sheets_by_name(xlsx):
    """{sheet name: {ref: value}} of every worksheet (numbers as float)."""
    out = {}
    with zipfile.ZipFile(xlsx) as z:
        wb = z.read('xl/workbook.xml').decode()
        rels = z.read('xl/_rels/workbook.xml.rels').decode()
        target = dict(re.findall(r'<Relationship Id="([^"]+)"[^>]*?'
                                 r'Target="([^"]+)"', rels))
        target.update({k: v for v, k in re.findall(
            r'<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"',
            rels)})
        for name, rid in re.findall(r'<sheet name="([^"]+)"[^>]*?'
                                    r'r:id="([^"]+)"', wb):
            xml = z.read('xl/' + target[rid].lstrip('/').replace(
                'xl/', '', 1)).decode()
            cells = {}
            for m in re.finditer(r'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>(.*?)'
                                 r'</c>)', xml):
                body = m.group(2) or ''
                t = re.search(r'<t[^>]*>(.*?)</t>', body)
                v = re.search(r'<v>(.*?)</v>', body)
                if t:
                    cells[m.group(1)] = html.unescape(t.group(1))
                elif v:
                    try:
                        cells[m.group(1)] = float(v.group(1))
                    except ValueError:
                        cells[m.group(1)] = html.unescape(v.group(1))
            out[html.unescape(name)] = cells
    return out


def col_letter(i):
    """Column letters of 0-based index i."""
    s = ''
    i += 1
    while i:
        i, m = divmod(i - 1, 26)
        s = chr(65 + m) + s
    return s


def table_rows(cells):
    """Rows of a sheet as {header: value} dicts (header in row 1)."""
    head = {}
    for c in range(60):
        v = cells.get(col_letter(c) + '1')
        if isinstance(v, str):
            head[col_letter(c)] = v
    rows = []
    r = 2
    while any(col_letter(c) + str(r) in cells for c in range(60)):
        rows.append({h: cells.get(c + str(r)) for c, h in head.items()})
        r += 1
    return rows


def block(cells, header):
    """Rows under the row whose column A reads header (a block on the
    Statistics sheet) as {column A: [B, C, ..., I]} until an empty row."""
    r = next(int(ref[1:]) for ref, v in cells.items()
             if ref[0] == 'A' and ref[1:].isdigit() and v == header)
    out = {}
    r += 1
    while ('A%d' % r) in cells:
        out[cells['A%d' % r]] = [cells.get('%s%d' % (c, r)) for c in 'BCDEFGHI']
        r += 1
    return out


# ---- one simulation -------------------------------------------------------

def simulate(exe, work, name, forms, n, seed, out):
    """Simulate n candidates over forms {form: [questions]}, grade them
    and append (figure, independent, report) to out.  Returns (number
    pending, checks that failed)."""
    os.makedirs(work, exist_ok=True)
    keys, totals = [], {}
    paper = 'SIM' if len(forms) == 1 else 'SIM2'
    for form, qs in forms.items():
        keys.append(os.path.join(work, '%s-%s.key.yaml' % (paper, form)))
        totals[form] = write_key(keys[-1], paper, form, qs)
    rng = random.Random(seed)
    rows = []
    names = sorted(forms)
    for i in range(n):
        ability = rng.betavariate(4, 3)
        form = names[i % len(names)]
        ans = [respond(q, ability, rng) for q in forms[form]]
        if i % 97 == 5:
            ans[rng.randrange(20)] = 'maybe'    # unreadable: pending
        rows.append(['c%04d' % i, 'n%d' % i, form] + ans)
    rng.shuffle(rows)
    sheets = os.path.join(work, 'sheets.csv')
    nq = max(len(qs) for qs in forms.values())
    with open(sheets, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['candidate_id', 'name', 'form'] +
                   [str(i + 1) for i in range(nq)])
        w.writerows(rows)
    xlsx = os.path.join(work, 'report.xlsx')
    js = os.path.join(work, 'report.json')
    args = [exe, 'grade', '--xlsx', xlsx, '--json', js, '--lang', 'en',
            '--force', sheets]
    for k in keys:
        args[2:2] = ['--key', k]
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # independent grading: pending sheets out of every statistic
    cands = []          # (id, form, {qid: points}, {qid: text}, total)
    for r in rows:
        qs = forms[r[2]]
        pts = [score(q, a) for q, a in zip(qs, r[3:])]
        if any(p is None for p in pts):
            continue
        cands.append((r[0], r[2], {q['id']: p for q, p in zip(qs, pts)},
                      {q['id']: a for q, a in zip(qs, r[3:])},
                      math.fsum(pts)))
    m = len(cands)
    t = [c[4] for c in cands]
    passmark = {f: int(tot * 0.6) for f, tot in totals.items()}
    qinfo = {}
    for qs in forms.values():
        for q in qs:
            qinfo.setdefault(q['id'], q)
    order = []
    for form in names:
        for q in forms[form]:
            if q['id'] not in order:
                order.append(q['id'])

    same = len({frozenset(q['id'] for q in qs)
                for qs in forms.values()}) == 1

    def by_form(ids_of_form):
        """Candidates x items matrices of the items chosen: one of every
        candidate when all forms have the same questions, else one per
        form."""
        if same:
            ids = ids_of_form(names[0])
            return [[[c[2][qid] for qid in ids] for c in cands]]
        return [[[c[2][qid] for qid in ids_of_form(form)]
                 for c in cands if c[1] == form] for form in names]

    def all_ids(form):
        return [q['id'] for q in forms[form]]
    rel, sem = pooled(by_form(all_ids))
    sk, ku = skew_kurt(t)
    passed = sum(c[4] >= passmark[c[1]] for c in cands)
    want = {
        'candidates scored (n)': m, 'mean': statistics.mean(t),
        'median': statistics.median(t), 'sd (sample, n-1)':
            statistics.stdev(t), 'min': min(t), 'max': max(t),
        'skewness': sk, 'kurtosis (excess)': ku,
        'passed': passed, 'pass rate': passed / m,
        ("Cronbach's alpha" if same else
         "reliability (forms pooled, differences between forms as error)"):
            rel,
        ('SEM = sd * sqrt(1 - alpha)' if same else
         'SEM = sd * sqrt(1 - reliability)'): sem,
        'sheets pending (left out of every statistic here and on Items)':
            n - m,
    }
    book = sheets_by_name(xlsx)
    with open(js, encoding='utf-8') as f:
        jdoc = json.load(f)
    jst = jdoc['statistics']
    st = book['Statistics']
    got = {v: st.get('B' + ref[1:]) for ref, v in st.items()
           if ref[0] == 'A' and isinstance(v, str)}
    jname = {'candidates scored (n)': 'n', 'mean': 'mean', 'median':
             'median', 'sd (sample, n-1)': 'sd', 'min': 'min', 'max': 'max',
             'skewness': 'skewness', 'kurtosis (excess)': 'kurtosis',
             'SEM = sd * sqrt(1 - alpha)': 'sem',
             'SEM = sd * sqrt(1 - reliability)': 'sem'}
    for k, v in want.items():
        out.append(('statistics', name, k, v, got.get(k)))
        if k in jname:
            out.append(('json statistics', name, k, v, jst[jname[k]]))
        elif 'alpha' in k or 'reliability' in k:
            out.append(('json statistics', name, 'alpha', v, jst['alpha']))

    # per form
    forms_got = block(st, 'form')
    for form in names:
        rows_f = [[c[2][q['id']] for q in forms[form]] for c in cands
                  if c[1] == form]
        a = alpha(rows_f)
        tot = [math.fsum(r) for r in rows_f]
        fsem = math.sqrt(statistics.variance(tot) * (1 - a))
        g = forms_got.get(form, [None] * 8)
        jf = next(x for x in jst['forms'] if x['form'] == form)
        fpass = sum(c[4] >= passmark[form] for c in cands if c[1] == form)
        for what, v, r, j in (('n', len(rows_f), g[0], jf['n']),
                              ('mean', statistics.mean(tot), g[1],
                               jf['mean']),
                              ('sd', statistics.stdev(tot), g[2], jf['sd']),
                              ('pass rate', fpass / len(tot), g[3],
                               jf['pass_rate']),
                              ('alpha', a, g[4], jf['alpha']),
                              ('SEM', fsem, g[5], jf['sem'])):
            out.append(('forms', name, 'form %s %s' % (form, what), v, r))
            out.append(('json forms', name, 'form %s %s' % (form, what), v,
                        j))
    # per section
    secs_got = block(st, 'section')
    for title, is_sec in (('Objective', lambda q: q['type'] != 'short'),
                          ('Written', lambda q: q['type'] == 'short')):
        r, _ = pooled(by_form(lambda form: [q['id'] for q in forms[form]
                                            if is_sec(q)]))
        js_ = next(x for x in jst['sections'] if x['title'] == title)
        out.append(('section alpha', name, title, r,
                    secs_got.get(title, [None] * 4)[3]))
        out.append(('json section alpha', name, title, r, js_['alpha']))

    # items and options
    items_got = {r['id']: r for r in table_rows(book['Items'])}
    opts_got = {(r['id'], r['option']): r
                for r in table_rows(book['Distractors'])}
    jitems = {x['id']: x for x in jst['items']}
    failed = []
    for qid in order:
        q = qinfo[qid]
        have = [c for c in cands if qid in c[2]]
        x = [c[2][qid] for c in have]
        tt = [c[4] for c in have]
        k = len(x)
        up, lo = groups_27(tt)
        rest = [a - b for a, b in zip(tt, x)]
        p = math.fsum(x) / k / q['points']
        d = (math.fsum(x[i] for i in up) / len(up) -
             math.fsum(x[i] for i in lo) / len(lo)) / q['points']
        r = pearson(x, rest)
        ad, _ = pooled(by_form(lambda form: [i for i in all_ids(form)
                                             if i != qid]))
        flags = []
        if k < MIN_N:
            pass
        elif p > 0.9:
            flags.append('too_easy')
        elif p < 0.2:
            flags.append('too_hard')
        if k < MIN_N:
            pass
        elif d < 0:
            flags.append('negative_discrimination')
        elif d < 0.2:
            flags.append('poor_discrimination')
        if k >= MIN_N and r is not None and r < 0.2:
            flags.append('low_item_rest_r')
        chance = (0.5 if q['type'] == 'true_false' else
                  1 / q['options'] if q['type'] == 'single' else 0)
        if k >= MIN_N and p < chance:
            flags.append('below_chance')
        text = [FLAG_TEXT[f] for f in flags]
        ji = jitems.get(qid, {})
        gi = items_got.get(qid, {})
        for what, v, jk in (('n', k, 'n'), ('mean', math.fsum(x) / k,
                                             'mean'),
                            ('difficulty (p)', p, 'p'),
                            ('discrimination (27%)', d, 'discrimination'),
                            ('item-rest r', r, 'item_rest_r'),
                            ('alpha if deleted', ad, 'alpha_if_deleted')):
            out.append(('items', name, '%s %s' % (qid, what), v,
                        gi.get(what)))
            out.append(('json items', name, '%s %s' % (qid, what), v,
                        ji.get(jk)))
        for o in options_of(q):
            ind = [1.0 if chose(q, c[3][qid], o) else 0.0 for c in have]
            keyed = o in q['answer']
            share = math.fsum(ind) / k
            orpb = pearson(ind, rest)
            oflags = []
            if not keyed and q['type'] != 'true_false' and k >= MIN_N:
                # above chance: r > .05 and above the one-sided 5% point
                # 1.645 / sqrt(m - 1), chosen by 5 or more
                if orpb is not None and math.fsum(ind) >= 5 and \
                        orpb > 0.05 and orpb > 1.645 / math.sqrt(k - 1):
                    oflags.append('positive_option_rest_r')
                    text.append('distractor ' + o + POSITIVE)
                if share < 0.05:
                    oflags.append('rare')
                    text.append('distractor ' + o + RARE)
            go = opts_got.get((qid, o), {})
            jo = next((y for y in ji.get('options', [])
                       if y['option'] == o), {})
            for what, v, jk in (
                    ('chosen (n)', math.fsum(ind), 'n'),
                    ('chosen (%)', share, 'share'),
                    ('upper 27% chose', math.fsum(ind[i] for i in up) /
                     len(up), 'upper'),
                    ('lower 27% chose', math.fsum(ind[i] for i in lo) /
                     len(lo), 'lower'),
                    ('option-rest r', orpb, 'option_rest_r')):
                out.append(('options', name, '%s %s %s' % (qid, o, what), v,
                            go.get(what)))
                out.append(('json options', name, '%s %s %s' % (qid, o,
                                                                what),
                            v, jo.get(jk)))
            otext = ['distractor ' + o + (POSITIVE if f == 'positive_option'
                                          '_rest_r' else RARE)
                     for f in oflags]
            out.append(('option flags', name, '%s %s flags' % (qid, o),
                        '; '.join(otext), go.get('flags') or ''))
            out.append(('json option flags', name, '%s %s flags' % (qid, o),
                        ','.join(oflags), ','.join(jo.get('flags', []))))
            if qid == 'wrongkey' and o == 'B' and \
                    'positive_option_rest_r' not in jo.get('flags', []):
                failed.append('the wrong key (B chosen by the able, '
                              'keyed A) is not flagged')
            if qid == 'unused' and o == 'D' and \
                    'rare' not in jo.get('flags', []):
                failed.append('distractor D of unused is not flagged')
        out.append(('item flags', name, '%s flags' % qid, '; '.join(text),
                    gi.get('flags') or ''))
        out.append(('json item flags', name, '%s flags' % qid,
                    ','.join(flags), ','.join(ji.get('flags', []))))

    # percentile rank and the band of one SEM around the pass mark per
    # candidate (Summary and JSON)
    jc = {c['candidate_id']: c for c in jdoc['candidates']}
    summary = {r['candidate id']: r for r in table_rows(book['Summary'])}
    form_sem = {}
    for form in names:
        rows_f = [[c[2][q['id']] for q in forms[form]] for c in cands
                  if c[1] == form]
        tot = [math.fsum(r) for r in rows_f]
        form_sem[form] = math.sqrt(statistics.variance(tot) *
                                   (1 - alpha(rows_f)))
    for c in cands:
        below = sum(v < c[4] for v in t)
        same = sum(v == c[4] for v in t)
        pr = 100 * (below + same / 2) / m
        row = summary.get(c[0], {})
        out.append(('percentile rank', name, c[0], pr,
                    row.get('percentile rank')))
        out.append(('json percentile rank', name, c[0], pr,
                    jc[c[0]]['percentile_rank']))
        near = abs(c[4] - passmark[c[1]]) <= form_sem[c[1]]
        out.append(('borderline (pass mark +- 1 SEM)', name, c[0],
                    'borderline' if near else '',
                    row.get('within 1 SEM of the pass mark') or ''))
    for r in summary.values():
        if r['result'] == 'pending':
            out.append(('pending: no percentile rank or band', name,
                        r['candidate id'], '', (r.get('percentile rank') or
                                                '') + (r.get(
                                                    'within 1 SEM of the '
                                                    'pass mark') or '')))
    return n - m, failed


def agree(v, r):
    """True if the report's value r is the independent value v."""
    if isinstance(v, str) or isinstance(r, str):
        return v == r
    if v is None or r is None:
        return v is None and r is None
    return abs(v - r) <= TOL * max(1, abs(v), abs(r))


def main():
    args = [a for a in sys.argv[1:] if a != '--summary']
    summary = '--summary' in sys.argv
    exe, work = args[0], args[1]
    n = int(args[2]) if len(args) > 2 else 500
    seed = int(args[3]) if len(args) > 3 else 2026
    out = []
    pend1, failed1 = simulate(exe, os.path.join(work, 'one'), 'one form',
                              {'A': [dict(q) for q in one_form_questions()]},
                              n, seed, out)
    fa, fb = two_form_questions()
    n2 = n * 4 // 5
    pend2, failed2 = simulate(exe, os.path.join(work, 'two'), 'two forms',
                              {'A': fa, 'B': fb}, n2, seed + 1, out)
    bad = [o for o in out if not agree(o[3], o[4])]

    def fmt(v):
        if v is None:
            return 'n/a'
        if isinstance(v, str):
            return v or '(none)'
        return '%.10g' % v
    if summary:
        print('| figures | simulation | count | largest difference | '
              'example: independent / report |')
        print('|---|---|---|---|---|')
        kinds = []
        for o in out:
            if (o[0], o[1]) not in kinds:
                kinds.append((o[0], o[1]))
        for kind in kinds:
            rows = [o for o in out if (o[0], o[1]) == kind]
            diffs = [abs(o[3] - o[4]) for o in rows
                     if isinstance(o[3], (int, float)) and
                     isinstance(o[4], (int, float))]
            ex = next((o for o in rows if isinstance(o[3], float) and
                       o[3] not in (0.0, 1.0)), rows[0])
            print('| %s | %s | %d | %s | %s: %s / %s |' % (
                kind[0], kind[1], len(rows),
                '%.1e' % max(diffs) if diffs else 'equal text'
                if not [o for o in rows if not agree(o[3], o[4])]
                else 'DIFFERS', ex[2], fmt(ex[3]), fmt(ex[4])))
    else:
        print('| figure | simulation | independent value | report value | '
              'agree |')
        print('|---|---|---|---|---|')
        for kind, sim, fig, v, r in out:
            print('| %s: %s | %s | %s | %s | %s |' % (
                kind, fig, sim, fmt(v), fmt(r),
                'yes' if agree(v, r) else 'NO'))
    for f in failed1 + failed2:
        print('FAIL: ' + f)
    print('\n%d figures, %d differ; one form: %d candidates, %d pending; '
          'two forms: %d candidates, %d pending' % (
              len(out), len(bad), n, pend1, n2, pend2))
    return 1 if bad or failed1 or failed2 else 0


if __name__ == '__main__':
    sys.exit(main())
