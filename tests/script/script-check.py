#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""script-check.py - nothing left for OpenCC to convert in built papers.

    script-check.py OUT_DIR TEMPLATE...

OUT_DIR/NAME/SEED/ holds builds of the template NAME.yaml.  Every paper,
guide and key of a Chinese template is compared, character by character,
with what OpenCC's own converter into the paper's script makes of it:
  zh-Hans  opencc -c t2s.json must change nothing;
  zh-Hant  what opencc -c s2t.json and opencc -c s2tw.json both change.
Both t2s and s2t leave the characters of their target script alone, so
what they change is a character of the other script left over.  For
Traditional text a fixed point of s2t is too much: s2t also rewrites
standard forms into ones only it produces (吃 -> 喫, 考核 -> 考覈), and
a check that demanded none pushed authors toward those.  The zh-Hant
papers are in Taiwan usage, which s2tw (s2t plus Taiwan's standard
variants) leaves alone; s2tw alone changes variants (污 -> 汙, 裏 -> 裡),
a choice of variant and not of script.  So a leftover is what both
converters change: a Simplified character (头 -> 頭).  Words of mainland
usage (信息 for 資訊) are vocabulary, not script, and are left to review.
Exit 1 with every leftover as FILE:LINE: 'X' -> 'Y'.
"""

import difflib
import glob
import os
import subprocess
import sys
import tempfile

import yaml

# zh-Hant: a leftover is what every converter listed changes
CHAINS = {"zh-Hans": ["t2s.json"], "zh-Hant": ["s2tw.json", "s2t.json"]}
LANG = {"zh": "zh-Hans", "zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant"}


def opencc(chain, path, tmp):
    """Lines of the file at path through the OpenCC configurations."""
    for i, config in enumerate(chain):
        out = os.path.join(tmp, "conv%d.txt" % i)
        subprocess.run(["opencc", "-c", config, "-i", path, "-o", out],
                       check=True)
        path = out
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def check_template(lang, files, tmp):
    """Leftovers of the other script in one template's outputs."""
    lines, where = [], []
    for path in files:
        with open(path, encoding="utf-8") as f:
            for no, line in enumerate(f.read().split("\n"), 1):
                lines.append(line)
                where.append("%s:%d" % (path, no))
    src = os.path.join(tmp, "in.txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    outs = [opencc([c], src, tmp) for c in CHAINS[lang]]
    if any(len(out) != len(lines) for out in outs):
        sys.exit("script-check: opencc changed the number of lines")
    bad = []
    for i, a in enumerate(lines):
        spans = [changed(a, out[i]) for out in outs]
        for i1, i2, b in spans[0]:
            # a change only one converter makes is not of script
            if all(any(j1 < i2 and i1 < j2 for j1, j2, _ in other)
                   for other in spans[1:]):
                bad.append("%s: '%s' -> '%s'" % (where[i], a[i1:i2], b))
    return bad


def changed(a, b):
    """The spans of a that b changes, with what b has there."""
    if a == b:
        return []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, b[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes()
            if op != "equal"]


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: script-check.py OUT_DIR TEMPLATE...")
    odir, failed, checked = sys.argv[1], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for tpath in sys.argv[2:]:
            name = os.path.splitext(os.path.basename(tpath))[0]
            with open(tpath, encoding="utf-8") as f:
                lang = LANG.get(yaml.safe_load(f).get("language", "zh"))
            files = sorted(
                glob.glob(os.path.join(odir, name, "*", "*.paper.txt")) +
                glob.glob(os.path.join(odir, name, "*", "*.guide.txt")) +
                glob.glob(os.path.join(odir, name, "*", "*.key.yaml")))
            if not lang:
                continue
            if not files:
                sys.exit("script-check: no build of %s in %s" % (name, odir))
            bad = check_template(lang, files, tmp)
            checked += len(files)
            for b in bad:
                print(b)
            failed += len(bad)
    if failed:
        print("script-check: %d leftover(s) of the other script in %d files"
              % (failed, checked))
        sys.exit(1)
    print("script-check: %d files, nothing left to convert" % checked,
          file=sys.stderr)


if __name__ == "__main__":
    main()
