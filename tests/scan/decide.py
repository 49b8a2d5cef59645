#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Play the reviewer of a review.xlsx written by `examgen scan --review`.

usage: decide.py REVIEW_XLSX TRUTH_DIR OUT_XLSX [skip=N] [wrong=N] [mistype=N]

For every row of worksheet 待复核, write into its 复核结果 cell what the
simulator really drew (truth.csv; '-' for a question left blank), as a
person reading the crop would, and save the workbook as OUT_XLSX.  The
sheets of 答卷 are matched to the truth by order (the simulator's pages
are scanned in order).  skip=N leaves the first N decisions empty;
wrong=N also adds N decisions for a candidate id that is not in the
workbook; mistype=N changes the 题号 of the first N rows to another
column of that row that is not doubtful, as a slip of the keyboard
would.  The workbook of a zh-Hant paper (待複核, 題號, ...) is read
alike.  The XML is edited directly, as a spreadsheet program saves it:
a decision cell becomes an inline string.
"""
import csv
import re
import sys
import zipfile
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet_parts(z):
    """Worksheet name -> part name, from the workbook and its rels."""
    book = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets.update({i: t for t, i in
                    re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    out = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)"[^>]*r:id="([^"]+)"',
                                book):
        out[name] = "xl/" + targets[rid].lstrip("/").replace("xl/", "", 1)
    return out


def shared_strings(z):
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    xml = z.read("xl/sharedStrings.xml").decode()
    return [re.sub(r"<[^>]+>", "", si)
            for si in re.findall(r"<si>(.*?)</si>", xml, re.S)]


def cells(xml, sst):
    """{(row, col letters): text} of a worksheet part."""
    out = {}
    for attrs, body in re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", xml, re.S):
        ref = re.search(r'r="([A-Z]+)(\d+)"', attrs)
        v = re.search(r"<v>(.*?)</v>", body or "")
        t = re.search(r'\bt="(\w+)"', attrs)
        text = ""
        if t and t.group(1) == "s" and v:
            text = sst[int(v.group(1))]
        elif t and t.group(1) == "inlineStr":
            text = re.sub(r"<[^>]+>", "", body)
        elif v:
            text = v.group(1)
        out[(int(ref.group(2)), ref.group(1))] = text
    return out


def unescape(s):
    return (s.replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&amp;", "&"))


def main():
    src, truth_dir, dst = sys.argv[1:4]
    opts = dict(a.split("=", 1) for a in sys.argv[4:])
    skip, wrong = int(opts.get("skip", 0)), int(opts.get("wrong", 0))
    mistype = int(opts.get("mistype", 0))
    with open(f"{truth_dir}/truth.csv", encoding="utf-8", newline="") as f:
        truth = list(csv.DictReader(f))
    z = zipfile.ZipFile(src)
    parts = sheet_parts(z)
    sst = shared_strings(z)
    answers = cells(z.read(parts["答卷"]).decode(), sst)
    ids = [unescape(answers[(r, "A")]) for r in sorted(
        r for r, c in answers if c == "A" and r > 1)]
    by_id = dict(zip(ids, truth))
    review_part = parts.get("待复核") or parts["待複核"]
    xml = z.read(review_part).decode()
    rev = cells(xml, sst)
    heads = {unescape(v): c for (r, c), v in rev.items() if r == 2}
    def head(*names):
        return next(heads[n] for n in names if n in heads)
    idc = head("考生编号", "考生編號")
    colc = head("题号", "題號")
    decc = head("复核结果", "複核結果")
    anshead = {c: unescape(v) for (r, c), v in answers.items() if r == 1}
    rows = sorted(r for r, c in rev if r > 2 and c == idc)
    decided = 0
    for n, r in enumerate(rows):
        if n < skip:
            continue
        t = by_id[unescape(rev[(r, idc)])]
        column = unescape(rev[(r, colc)])
        value = t[column] if column in t else ""
        value = value if value != "" else "-"
        ref = f"{decc}{r}"
        new = (f'<c r="{ref}"\\1 t="inlineStr"><is><t>{escape(value)}'
               f"</t></is></c>")
        xml, k = re.subn(rf'<c r="{ref}"((?: s="\d+")?)\s*/>', new, xml)
        assert k == 1, f"no empty decision cell {ref}"
        decided += 1
        if n < mistype:
            row = next(r2 for r2, c in answers if c == "A" and
                       unescape(answers[(r2, c)]) == unescape(rev[(r, idc)]))
            other = next(h for c, h in sorted(anshead.items())
                         if h[:1].isdigit() and h != column and
                         not answers.get((row, c), "").startswith("?"))
            xml, k = re.subn(
                rf'(<c r="{colc}{r}"[^>]*>)(.*?)(</c>)',
                lambda m: (m.group(1).replace('t="s"', 't="inlineStr"')
                           + f"<is><t>{other}</t></is>" + m.group(3)),
                xml, count=1)
            assert k == 1, f"no question number cell {colc}{r}"
    for i in range(wrong):
        r = (rows[-1] if rows else 2) + 1 + i
        xml = xml.replace(
            "</sheetData>",
            f'<row r="{r}"><c r="{idc}{r}" t="inlineStr"><is><t>NOSUCH{i}'
            f'</t></is></c><c r="{colc}{r}" t="inlineStr"><is><t>1</t>'
            f'</is></c><c r="{decc}{r}" t="inlineStr"><is><t>A</t></is>'
            f"</c></row></sheetData>")
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename == review_part:
                data = xml.encode()
            out.writestr(item, data)
    print(f"{decided} decided, {min(skip, len(rows))} left empty")


if __name__ == "__main__":
    main()
