#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check a printed HTML paper or guide page by page.

The HTML file says what is a heading and what belongs to a question (its
h2, .instr, .qh, .opts, .lines, .key and .sheetpage elements); the PDF that
a browser printed from it says where each line landed (pdftotext
-bbox-layout) and where the ruled answer lines are (pdftoppm at 72 dpi, a
ruled line being a long dark run in a pixel row).  A page fails when

- its last text is a section heading or a section's instructions (the
  section's first question is on the next page);
- its last text is a question's number and stem while the question's body
  (options, the guide's answers, or its first two ruled lines) is on the
  next page;
- it is not the last page before the answer sheet and less than half of it
  is used (a question was pushed over that could have started there);
- (papers) the first page lacks the name / candidate ID line and the 得分
  box, or the answer-sheet pages are not where the HTML puts them.

usage: pages.py HTML PDF [--candidate NAME ID]...
With --candidate, the HTML holds one paper per candidate, in that order,
each starting on a new page; each candidate's name and id must be on the
first page of their paper and nowhere else.
"""
import html.parser
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HEADER = 44.0      # points: text centred above this is the running header
FOOTER = 44.0      # ... or below page height minus this: the page number
MIN_RUN = 250      # pixels (72 dpi): a dark run this long is a ruled line
MIN_USED = 0.5     # of the page height, on a page that is not the last
SHEET_PAGE = re.compile(r"(?:答题卡|答題卡|Answersheet)(\d+)/\d+$")


def flat(text):
    return re.sub(r"\s+", "", text)


class Structure(html.parser.HTMLParser):
    """The blocks of the HTML in order: (kind, text, question-or-None)."""

    KINDS = {"h1", "h2", "instr", "qh", "opts", "lines", "key", "sheetpage",
             "cand", "copy"}

    def __init__(self):
        super().__init__()
        self.blocks = []          # [kind, text, extra]
        self.stack = []           # (tag, kind or None)
        self.lines = 0            # <i> rules in the current .lines

    def handle_starttag(self, tag, attrs):
        cls = (dict(attrs).get("class") or "").split()
        kind = None
        if tag in ("h1", "h2"):
            kind = tag
        for c in cls:
            if c in self.KINDS:
                kind = c
        if tag == "i" and self.inside("lines"):
            self.blocks[-1][2] += 1
        if kind:
            self.blocks.append([kind, "", 0])
        if tag not in ("br", "meta", "i", "img", "input", "link", "rect",
                       "circle", "path"):
            self.stack.append((tag, kind))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def inside(self, kind):
        return any(k == kind for _, k in self.stack)

    def handle_data(self, data):
        for _, kind in reversed(self.stack):
            if kind and kind not in ("copy",):
                if self.blocks and self.blocks[-1][0] == kind:
                    self.blocks[-1][1] += data
                break


def pdf_lines(pdf):
    """Per page: (height, [(y_top, y_bottom, flat_text)] of the body text,
    [flat_text] of every line)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"],
                         capture_output=True, check=True).stdout
    out = re.sub(rb"<!DOCTYPE[^>]*>", b"", out)
    root = ET.fromstring(out)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        h = float(page.get("height"))
        lines, raw = [], []
        for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
            y0, y1 = float(line.get("yMin")), float(line.get("yMax"))
            mid = (y0 + y1) / 2
            text = "".join(w.text or "" for w in line.findall("x:word", ns))
            raw.append(flat(text))
            if mid < HEADER or mid > h - FOOTER or not flat(text):
                continue
            lines.append((y0, y1, flat(text)))
        lines.sort()
        pages.append((h, lines, raw))
    return pages


def ruled_rows(pdf, page):
    """The y (points) of the ruled lines of one page."""
    img = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page),
                          "-r", "72", "-gray", pdf],
                         capture_output=True, check=True).stdout
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", img)
    w, h = int(m.group(1)), int(m.group(2))
    px = img[m.end():]
    rows, last = [], -2
    for y in range(h):
        row = px[y * w:(y + 1) * w]
        run = best = 0
        for v in row:
            run = run + 1 if v < 235 else 0
            best = max(best, run)
        if best >= MIN_RUN:
            if y != last + 1:
                rows.append(float(y))
            last = y
    return rows


def check(html_path, pdf, candidates):
    st = Structure()
    with open(html_path, encoding="utf-8") as f:
        st.feed(f.read())
    blocks = st.blocks
    pages = pdf_lines(pdf)
    nsheet = sum(1 for b in blocks if b[0] == "sheetpage")
    ncopies = max(1, len(candidates))
    errs = []
    name = html_path.rsplit("/", 1)[-1]

    # heads: a block that must not end a page without what follows it
    heads = []
    for i, (kind, text, _) in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else ["", "", 0]
        if kind in ("h2", "instr"):
            heads.append((flat(text), "section heading", 0))
        elif kind == "qh" and nxt[0] in ("opts", "key"):
            heads.append((flat(text), "question " + flat(text)[:6], -1))
        elif kind == "qh" and nxt[0] == "lines":
            heads.append((flat(text), "question " + flat(text)[:6],
                          min(2, nxt[2])))

    # the answer-sheet pages say "答题卡 k / n" by their QR code
    sheet_pages, sheets = set(), 0
    for i, (_, _, raw) in enumerate(pages):
        for t in raw:
            m = SHEET_PAGE.search(t)
            if m:
                sheet_pages.add(i)
                sheets += m.group(1) == "1"
                break
    if sheets != (ncopies if nsheet else 0) or len(sheet_pages) != nsheet:
        errs.append("%s: %d answer sheets on %d pages printed, %d on %d "
                    "expected" % (name, sheets, len(sheet_pages),
                                  ncopies if nsheet else 0, nsheet))

    for pi, (height, lines, _) in enumerate(pages):
        if pi in sheet_pages or not lines:
            continue
        last_body = pi + 1 >= len(pages) or pi + 1 in sheet_pages
        tail = "".join(t for _, _, t in lines[-3:])
        bottom = lines[-1][1]
        for text, what, need in heads:
            probe = text[-24:]
            if not probe or not tail.endswith(probe):
                continue
            if need == 0:
                errs.append("%s: page %d ends with a %s" %
                            (name, pi + 1, what))
            elif need < 0:
                errs.append("%s: page %d ends with %s, its body overleaf"
                            % (name, pi + 1, what))
            else:
                rules = [y for y in ruled_rows(pdf, pi + 1)
                         if lines[-1][0] < y < height - FOOTER]
                if len(rules) < need:
                    errs.append("%s: page %d ends with %s and %d of its "
                                "ruled lines" % (name, pi + 1, what,
                                                 len(rules)))
                elif rules:
                    bottom = max(bottom, rules[-1])
            break
        else:
            if not last_body and bottom < height * MIN_USED:
                rules = ruled_rows(pdf, pi + 1)
                if rules:
                    bottom = max(bottom, rules[-1])
        if not last_body and bottom < height * MIN_USED:
            errs.append("%s: page %d is used only to %.0f%% of its height"
                        % (name, pi + 1, 100 * bottom / height))

    if nsheet and len(pages) > len(sheet_pages) and not candidates and "得分" not in "".join(
            t for _, _, t in pages[0][1]) and "Score" not in "".join(
            t for _, _, t in pages[0][1]):
        errs.append("%s: no score box on page 1" % name)

    # each candidate's paper starts on a new page with their name and id
    if candidates:
        firsts = [i for i in range(len(pages))
                  if i not in sheet_pages and (i == 0 or i - 1 in
                                               sheet_pages)]
        if len(firsts) != len(candidates):
            errs.append("%s: %d papers for %d candidates"
                        % (name, len(firsts), len(candidates)))
        for (cname, cid), first in zip(candidates, firsts):
            text = "".join(t for _, _, t in pages[first][1])
            if flat(cname) not in text or flat(cid) not in text:
                errs.append("%s: page %d does not name %s %s"
                            % (name, first + 1, cname, cid))
    return errs, len(pages)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cands, rest = [], argv[3:]
    while rest:
        if rest[0] != "--candidate" or len(rest) < 3:
            print(__doc__, file=sys.stderr)
            return 2
        cands.append((rest[1], rest[2]))
        rest = rest[3:]
    errs, n = check(argv[1], argv[2], cands)
    for e in errs:
        print("FAIL " + e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
