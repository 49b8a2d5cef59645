#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""decision.py - the decisions near the pass mark recomputed with scipy
from the candidates' totals, against the JSON statistics and the
Statistics sheet's cached values.

usage: decision.py REPORT.xlsx REPORT.json KEY.yaml

Feldt's 95% interval for alpha: 1 - (1 - alpha) F(.975 / .025; n - 1,
(n - 1)(k - 1)) by scipy.stats.f.ppf; the conditional SEM at the pass
mark under Lord's binomial model: total x sqrt(pi (1 - pi) / (k - 1)),
pi = pass / total; Subkoviak's consistency: Kelley's estimate alpha x +
(1 - alpha) mean of each candidate's share, P = P(Binomial(k, that) >=
ceil(pi k)) by scipy.stats.binom.sf, consistency = mean of P^2 + (1 -
P)^2, kappa against p^2 + (1 - p)^2 of the mean P."""
import json
import math
import sys

import yaml
from scipy import stats as sst

from ties import xml_rows

TOL = 1e-9


def main():
    xlsx, js, key_path = sys.argv[1:4]
    with open(js, encoding='utf-8') as f:
        doc = json.load(f)
    st = doc['statistics']
    with open(key_path, encoding='utf-8') as f:
        key = yaml.safe_load(f)
    total, pass_mark = float(key['total']), float(key['pass'])
    k = len(key['questions'])
    t = [c['total'] for c in doc['candidates'] if c['result'] != 'pending']
    n, a = len(t), st['alpha']
    lo = 1 - (1 - a) * sst.f.ppf(0.975, n - 1, (n - 1) * (k - 1))
    hi = 1 - (1 - a) * sst.f.ppf(0.025, n - 1, (n - 1) * (k - 1))
    share = pass_mark / total
    csem = total * math.sqrt(share * (1 - share) / (k - 1))
    c = math.ceil(share * k - 1e-9)
    mean = sum(x / total for x in t) / n
    ps = [sst.binom.sf(c - 1, k, min(1, max(0, a * x / total +
                                            (1 - a) * mean)))
          for x in t]
    p0 = sum(p * p + (1 - p) ** 2 for p in ps) / n
    pbar = sum(ps) / n
    pc = pbar ** 2 + (1 - pbar) ** 2
    kappa = (p0 - pc) / (1 - pc)
    sheet = {}
    for r in xml_rows(xlsx, 4):
        if r and r[0]:
            sheet.setdefault(r[0], r[1:])
    rows = (('alpha 95% lower', st['alpha_ci95'][0],
             sheet['alpha, 95% confidence interval (Feldt)'][0], lo),
            ('alpha 95% upper', st['alpha_ci95'][1],
             sheet['alpha, 95% confidence interval (Feldt)'][1], hi),
            ('conditional SEM at the pass mark', st['csem_at_pass'],
             sheet["conditional SEM at the pass mark (Lord's binomial "
                   "model)"][0], csem),
            ('decision consistency', st['decision_consistency'],
             sheet['decision consistency (Subkoviak)'][0], p0),
            ('kappa', st['decision_kappa'],
             sheet['decision consistency beyond chance (kappa)'][0],
             kappa))
    bad = 0
    for what, j, x, want in rows:
        for src, got in (('json', j), ('sheet', float(x))):
            ok = abs(got - want) <= TOL * max(1, abs(want))
            bad += not ok
            print('%s %s: %.12f, scipy %.12f%s' % (src, what, got, want,
                                                  '' if ok else '  FAIL'))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
