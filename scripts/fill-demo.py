#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
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
import re
import sys

# A question line of examgen's own key format (docs: the key file), e.g.
#   - {number: 5, id: "sc-clear-a", type: single, points: 2, options: 4,
#      answer: C, ...}
# Read with the standard library alone, so the demo needs no YAML module.
QUESTION = re.compile(
    r'^\s*- \{(?:no|number): (\d+), id: "?[^",]+"?, type: (\w+), '
    r'points: ([0-9.]+)(?:, options: (\d+))?(?:, answer: "?(\w+)"?)?')
FORM = re.compile(r'^form: "?([A-Z]+)"?\s*$')


def load_keys(folder):
    """The keys of a build folder: form -> {number: question}."""
    keys = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.key.yaml"))):
        form, questions = None, {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = FORM.match(line)
                if m:
                    form = m.group(1)
                m = QUESTION.match(line)
                if m:
                    questions[int(m.group(1))] = {
                        "type": m.group(2), "points": m.group(3),
                        "options": m.group(4), "answer": m.group(5)}
        if form is None or not questions:
            sys.exit("fill-demo: cannot read the key %s" % path)
        keys[form] = questions
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
        by_no = keys[row[header.index("form")]]
        ability = 0.35 + 0.6 * ((n * 37) % 100) / 100
        for i, col in enumerate(header):
            if col.isdigit():
                row[i] = answer(by_no[int(col)], ability, rng)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header] + body)
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
