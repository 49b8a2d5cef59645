#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""No marking material on anything the candidate holds.

Builds every bundled template (and once with a roster) in every format and
searches every printable output that is not a guide -- papers, answer sheets,
print files -- for the marking text of the banks: rubric
criteria, reference answers, keys (高分关键), deductions (扣分项) and
explanations (解析).  PDFs are read with pdftotext, HTML with its tags
stripped.  Texts are compared without white space, in the bank's script and
converted both ways with OpenCC, a fragment at a time (split at punctuation),
leaving out fragments that the candidate legitimately sees (stems, options,
template titles and instructions).

usage: check.py EXAMGEN ROOT
"""
import glob
import html
import os
import re
import subprocess
import sys
import tempfile

import yaml

MIN_FRAGMENT = 5          # characters; shorter pieces are common words
SPLIT = re.compile(r"[\s,.;:!?()\[\]{}<>\"'/|、，。；：！？（）【】《》“”‘’…—·-]+")


def squeeze(text):
    return re.sub(r"\s+", "", text)


def texts(value):
    """Every string inside a bank value (string, list or mapping)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (int, float)):
        return []
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    return [t for v in value for t in texts(v)]


def load_banks(root):
    marking, visible = [], []
    for path in sorted(glob.glob(os.path.join(root, "bank", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        for q in doc.get("questions", []):
            for r in q.get("rubric") or []:
                marking += texts(r.get("criterion") if isinstance(r, dict)
                                 else r)
            for key in ("reference", "keys", "deductions", "explanation"):
                marking += texts(q.get(key))
            visible += texts(q.get("stem")) + texts(q.get("options"))
    for path in sorted(glob.glob(os.path.join(root, "templates", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        visible += texts(doc.get("title"))
        for s in doc.get("sections") or []:
            visible += texts(s.get("title")) + texts(s.get("instructions"))
    return marking, visible


def opencc(lines, config):
    try:
        out = subprocess.run(["opencc", "-c", config], check=True,
                             input="\n".join(lines) + "\n",
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return out.split("\n")[:len(lines)]


def fragments(marking, visible):
    """Distinct marking fragments (with their source text) that never
    occur in candidate-visible text, in every script."""
    seen = {}
    for text in marking:
        for piece in SPLIT.split(text):
            if len(piece) >= MIN_FRAGMENT and piece not in seen:
                seen[piece] = text
    pieces = list(seen)
    variants = {p: {p} for p in pieces}
    for config in ("s2t.json", "t2s.json"):
        for p, v in zip(pieces, opencc(pieces, config)):
            if v:
                variants[p].add(v)
    shown = squeeze("\u0000".join(visible))
    shown_all = {shown}
    for config in ("s2t.json", "t2s.json"):
        conv = opencc(visible, config)
        if conv:
            shown_all.add(squeeze("\u0000".join(conv)))
    result = []
    for p in pieces:
        if any(v in s for v in variants[p] for s in shown_all):
            continue
        result.append((p, variants[p], seen[p]))
    return result


def candidate_text(path):
    if path.endswith(".pdf"):
        out = subprocess.run(["pdftotext", "-q", path, "-"], check=True,
                             capture_output=True, text=True).stdout
        return out
    with open(path, encoding="utf-8", errors="replace") as f:
        data = f.read()
    if path.endswith(".html"):
        data = re.sub(r"(?s)<style.*?</style>", " ", data)
        data = html.unescape(re.sub(r"<[^>]*>", " ", data))
    return data


def candidate_files(out):
    for dirpath, _, names in os.walk(out):
        for name in sorted(names):
            if ".guide." in name or name.endswith(".key.yaml"):
                continue
            # printable outputs; the .yaml/.csv sheets are data-entry
            # files for the office, not handed to candidates
            if name.endswith((".txt", ".md", ".html", ".pdf")):
                yield os.path.join(dirpath, name)


def main():
    examgen, root = sys.argv[1], sys.argv[2]
    marking, visible = load_banks(root)
    frags = fragments(marking, visible)
    if len(frags) < 50:
        print(f"only {len(frags)} marking fragments found in the banks")
        return 1
    leaks, searched = 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        roster = os.path.join(tmp, "roster.csv")
        with open(roster, "w", encoding="utf-8") as f:
            f.write("id,name\n2026001,张三\n2026002,李四\n2026003,王五\n")
        runs = []
        for tpl in sorted(glob.glob(os.path.join(root, "templates",
                                                 "*.yaml"))):
            runs.append([tpl])
        runs.append([runs[0][0], "--roster", roster])
        for i, args in enumerate(runs):
            out = os.path.join(tmp, f"out{i}")
            cmd = [examgen, "build", args[0], "--seed", "5", "--format",
                   "txt,md,html,pdf", "--out", out] + args[1:]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"{' '.join(cmd)}: exit {r.returncode}\n{r.stderr}")
                return 1
            for path in candidate_files(out):
                body = squeeze(candidate_text(path))
                searched += 1
                for piece, variants, source in frags:
                    if any(v in body for v in variants):
                        leaks += 1
                        if leaks <= 20:
                            name = os.path.relpath(path, out)
                            print(f"{os.path.basename(args[0])}: {name}: "
                                  f"marking text '{piece}' (from "
                                  f"'{source[:40]}')")
    if searched < 20:
        print(f"only {searched} candidate files searched")
        return 1
    if leaks:
        print(f"{leaks} pieces of marking text on candidate outputs")
        return 1
    print(f"no marking text: {len(frags)} fragments, {searched} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
