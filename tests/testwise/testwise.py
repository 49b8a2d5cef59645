#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""testwise.py - a test-wise candidate who knows nothing of the job.

Builds every template given over many seeds and plays, on each form's
marker-free questions, the strategies a test-wise candidate uses
(docs/item-writing.md):
  longest   single choice: the longest option (on multiple choice, marking
            one option alone is rewarded by the 'half' rule whatever its
            length, so that is not a length cue: left to guessing)
  absolute  true/false: false when the statement has an absolute word
  middle    single choice: the middle option
  all       multiple choice: every option
Where a strategy says nothing (a true/false item without an absolute word,
a tie for the longest option), the candidate guesses, scored at its
expected value.  Written answers score 0 for everyone.  Each strategy's
mean score (percent of the paper) must stay within --margin points of
blind guessing; otherwise the script names the strategy, template and
score and exits 1.

usage: testwise.py --examgen BIN [--seeds N] [--margin P] TEMPLATE...
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

import yaml

ABSOLUTE = ("只 一定 所有 总是 總是 绝对 絕對 必须 必須 从不 從不 从来 從來 "
            "任何 永远 永遠 完全 一律 无论 無論 绝不 絕不 决不 決不 一切 凡是 "
            "唯一 全部 每次 务必 務必 肯定").split()


def length(s):
    """Characters that count for length, as validate counts them."""
    return sum(1 for c in s if (ord(c) > 0x7f and c != "\u3000")
               or c.isalnum())


def share(resp, key, rule):
    """Points share of response set resp to key set under rule."""
    right, wrong = len(resp & key), len(resp - key)
    if rule == "half":
        if wrong or not right:
            return 0.0
        return 1.0 if right == len(key) else 0.5
    if rule == "per_option":
        return max(0.0, (right - wrong) / len(key))
    return 1.0 if resp == key else 0.0


def blind(q, k, key, rule):
    """Expected share of a random response."""
    if q == "true_false":
        return 0.5
    if q == "single":
        return 1.0 / k
    subsets = range(1, 1 << k)
    return sum(share({i for i in range(k) if m >> i & 1}, key, rule)
               for m in subsets) / len(subsets)


def load_banks(tpl):
    """id -> question of every bank the template names."""
    t = yaml.safe_load(open(tpl, encoding="utf-8"))
    qs = {}
    for b in t.get("banks", []):
        path = os.path.join(os.path.dirname(tpl), b)
        files = sorted(glob.glob(os.path.join(path, "*.yaml"))) \
            if os.path.isdir(path) else [path]
        for f in files:
            for q in yaml.load(open(f, encoding="utf-8"),
                               Loader=LOADER)["questions"]:
                qs[q["id"]] = q
    return qs


def text(o):
    return o["text"] if isinstance(o, dict) else str(o)


def play(item, q):
    """Share of the item's points for blind guessing and each strategy."""
    typ = item["type"]
    if typ not in ("true_false", "single", "multiple"):
        return None
    rule = item.get("scoring", "exact")
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if typ == "true_false":
        key = item["answer"] == "T"
        g = 0.5
        absolute = any(w in q["stem"] for w in ABSOLUTE)
        res = {"blind": g, "longest": g, "middle": g, "all": g,
               "absolute": (0.0 if key else 1.0) if absolute else g}
        return res
    k = item["options"]
    order = [letters.index(c) for c in item["order"]]
    opts = [text(q["options"][b]) for b in order]      # as printed
    key = {letters.index(c) for c in item["answer"]}
    g = blind(typ, k, key, rule)
    lens = [length(o) for o in opts]
    top = [i for i in range(k) if lens[i] == max(lens)]
    longest = g if typ == "multiple" else \
        sum(i in key for i in top) / len(top)
    res = {"blind": g, "longest": longest, "absolute": g}
    mid = (k - 1) // 2
    res["middle"] = (1.0 if mid in key else 0.0) if typ == "single" else g
    res["all"] = share(set(range(k)), key, rule) if typ == "multiple" else g
    return res


def read_key(path):
    """A key file up to its layout (most of the file, not read)."""
    with open(path, encoding="utf-8") as f:
        head = f.read().split("\nlayout:", 1)[0]
    return yaml.load(head, Loader=LOADER)


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--examgen", required=True)
    ap.add_argument("--seeds", type=int, default=50)
    ap.add_argument("--margin", type=float, default=5.0)
    ap.add_argument("templates", nargs="+")
    a = ap.parse_args()
    bad = 0
    for tpl in a.templates:
        qs = load_banks(tpl)
        sums = {}
        papers = 0
        with tempfile.TemporaryDirectory() as tmp:
            for seed in range(1, a.seeds + 1):
                out = os.path.join(tmp, str(seed))
                subprocess.run([a.examgen, "build", tpl, "--seed", str(seed),
                                "--format", "txt", "--out", out],
                               check=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                for kf in sorted(glob.glob(os.path.join(out, "*.key.yaml"))):
                    key = read_key(kf)
                    total = key["total"]
                    got = {}
                    for item in key["questions"]:
                        r = play(item, qs[item["id"]])
                        for s, v in (r or {}).items():
                            got[s] = got.get(s, 0) + v * item["points"]
                    for s in ("blind", "longest", "absolute", "middle", "all"):
                        sums[s] = sums.get(s, 0) + 100 * got.get(s, 0) / total
                    papers += 1
        mean = {s: v / papers for s, v in sums.items()}
        line = ", ".join("%s %.1f" % (s, mean[s]) for s in mean)
        print("%s: %d papers, percent of the paper: %s" %
              (os.path.basename(tpl), papers, line))
        for s in mean:
            if abs(mean[s] - mean["blind"]) > a.margin:
                print("testwise: %s: strategy '%s' scores %.1f%%, blind "
                      "guessing %.1f%%: more than %g points apart" %
                      (tpl, s, mean[s], mean["blind"], a.margin),
                      file=sys.stderr)
                bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
