#!/usr/bin/env python3
"""Fill a build folder's responses.csv with plausible answers, for the demo.

Each candidate gets a fixed "ability" from their row number; objective items
are answered right with that probability (otherwise a wrong or partial
choice, sometimes blank), and essays get marker scores near ability x points.
Deterministic: the same folder gives the same answers.

usage: fill-demo.py BUILD_DIR OUT_CSV
"""
import csv
import glob
import os
import random
import sys

import yaml


def load_keys(folder):
    keys = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.key.yaml"))):
        with open(path, encoding="utf-8") as f:
            k = yaml.safe_load(f)
        keys[str(k["form"])] = k
    return keys


def answer(q, ability, rng):
    t = q["type"]
    if t in ("true_false", "single", "multiple") and rng.random() < 0.03:
        return ""                               # omitted
    right = rng.random() < ability
    if t == "true_false":
        a = str(q["answer"])
        return a if right else ("F" if a == "T" else "T")
    if t in ("single", "multiple"):
        letters = [chr(65 + i) for i in range(int(q["options"]))]
        keyed = list(str(q["answer"]))
        if right:
            return "".join(keyed)
        if t == "multiple" and len(keyed) > 1 and rng.random() < 0.5:
            return "".join(keyed[:-1])          # 少选
        return rng.choice([x for x in letters if x not in keyed] or letters)
    pts = float(q["points"])
    score = round(pts * min(1.0, max(0.0, rng.gauss(ability, 0.15))) * 2) / 2
    return ("%g" % score)


def main():
    folder, out = sys.argv[1], sys.argv[2]
    keys = load_keys(folder)
    with open(os.path.join(folder, "responses.csv"), encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    rng = random.Random(2026)
    for n, row in enumerate(body):
        key = keys[row[2]]
        ability = 0.35 + 0.6 * ((n * 37) % 100) / 100
        # a YAML 1.1 reader takes the key `no` for the boolean false
        by_no = {int(q["no"] if "no" in q else q[False]): q
                 for q in key["questions"]}
        for i, col in enumerate(header):
            if col.isdigit():
                row[i] = answer(by_no[int(col)], ability, rng)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header] + body)
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
