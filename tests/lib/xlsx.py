#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Make and fill .xlsx workbooks with the Python standard library only
(zipfile + ElementTree), for the tests of grade's Excel input.

  xlsx.py write OUT.xlsx ROWS.csv [shared|inline|numbers]
      a workbook whose first sheet holds the CSV rows: as shared strings
      (Excel's way), inline strings, or with number cells as numbers (a
      value that starts with ' is text without it, as typed in Excel); in
      every mode a value date:N is the number N in a date format
  xlsx.py fill IN.xlsx OUT.xlsx ANSWERS.csv
      copy a workbook (e.g. build's responses.xlsx), writing into its first
      sheet the cells of ANSWERS.csv: rows 'candidate_id,column,value'
      (column is a header name such as 3 or 5.2), as Excel does when you
      type: numbers as numbers, other text as shared strings
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PR = 'http://schemas.openxmlformats.org/package/2006/relationships'
ET.register_namespace('', NS)
ET.register_namespace('r', R)


def col_name(i):
    s = ''
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def col_index(ref):
    n = 0
    for ch in re.match(r'[A-Z]+', ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n


def is_number(s):
    return re.fullmatch(r'-?\d+(\.\d+)?', s) is not None


def esc(s):
    return (s.replace('&', '&amp;').replace('<', '&lt;')
            .replace('>', '&gt;').replace('"', '&quot;'))


def write(out, rows, mode):
    sst, index, xml = [], {}, []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row, 1):
            if v == '':
                continue
            ref = '%s%d' % (col_name(c), r)
            if v.startswith('date:'):
                cells.append('<c r="%s" s="1"><v>%s</v></c>' % (ref, v[5:]))
                continue
            if mode == 'numbers' and r > 1 and is_number(v):
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
                continue
            if mode == 'numbers' and v.startswith("'"):
                v = v[1:]
            if mode == 'inline':
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is>'
                             '</c>' % (ref, esc(v)))
            else:
                if v not in index:
                    index[v] = len(sst)
                    sst.append(v)
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
        xml.append('<row r="%d">%s</row>' % (r, ''.join(cells)))
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/content-'
                   'types"/>')
        z.writestr('xl/workbook.xml', '<workbook xmlns="%s" xmlns:r="%s">'
                   '<sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
                   '</sheets></workbook>' % (NS, R))
        z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="%s">'
                   '<Relationship Id="rId1" Type="worksheet" Target='
                   '"worksheets/sheet1.xml"/></Relationships>' % PR)
        z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="%s">'
                   '<sheetData>%s</sheetData></worksheet>' % (NS, ''.join(xml)))
        z.writestr('xl/styles.xml', '<styleSheet xmlns="%s"><cellXfs>'
                   '<xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
                   '</styleSheet>' % NS)
        if sst:
            z.writestr('xl/sharedStrings.xml', '<sst xmlns="%s">%s</sst>' % (
                NS, ''.join('<si><t xml:space="preserve">%s</t></si>' % esc(s)
                            for s in sst)))


def first_sheet(z):
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rid = wb.find('{%s}sheets/{%s}sheet' % (NS, NS)).get('{%s}id' % R)
    rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    for rel in rels:
        if rel.get('Id') == rid:
            t = rel.get('Target')
            return t.lstrip('/') if t.startswith('/') else 'xl/' + t
    raise SystemExit('no first sheet')


def fill(src, out, answers):
    zin = zipfile.ZipFile(src)
    part = first_sheet(zin)
    sheet = ET.fromstring(zin.read(part))
    sst_xml = (ET.fromstring(zin.read('xl/sharedStrings.xml'))
               if 'xl/sharedStrings.xml' in zin.namelist()
               else ET.Element('{%s}sst' % NS))
    strings = [''.join(t.text or '' for t in si.iter('{%s}t' % NS))
               for si in sst_xml]

    def text(c):
        t = c.get('t')
        if t == 's':
            return strings[int(c.find('{%s}v' % NS).text)]
        if t == 'inlineStr':
            return ''.join(x.text or '' for x in c.iter('{%s}t' % NS))
        v = c.find('{%s}v' % NS)
        return v.text if v is not None else ''

    data = sheet.find('{%s}sheetData' % NS)
    rows = list(data)
    header = {text(c): col_index(c.get('r')) for c in rows[0]}
    by_id = {text(row[0]): row for row in rows[1:] if len(row)}
    for cid, column, value in answers:
        row = by_id[cid]
        col = header[column]
        ref = '%s%s' % (col_name(col), row.get('r'))
        cell = next((c for c in row if c.get('r') == ref), None)
        if cell is None:
            cell = ET.Element('{%s}c' % NS, r=ref)
            at = sum(1 for c in row if col_index(c.get('r')) < col)
            row.insert(at, cell)
        for child in list(cell):
            cell.remove(child)
        for a in ('t', 's'):
            cell.attrib.pop(a, None)
        v = ET.SubElement(cell, '{%s}v' % NS)
        if is_number(value):
            v.text = value
        else:
            cell.set('t', 's')
            v.text = str(len(strings))
            strings.append(value)
            si = ET.SubElement(sst_xml, '{%s}si' % NS)
            ET.SubElement(si, '{%s}t' % NS).text = value
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == part:
                zout.writestr(item, ET.tostring(sheet, encoding='utf-8'))
            elif item.filename != 'xl/sharedStrings.xml':
                zout.writestr(item, zin.read(item.filename))
        zout.writestr('xl/sharedStrings.xml',
                      ET.tostring(sst_xml, encoding='utf-8'))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == 'write':
        with open(sys.argv[3], encoding='utf-8-sig', newline='') as f:
            rows = list(csv.reader(f))
        write(sys.argv[2], rows, sys.argv[4] if len(sys.argv) > 4 else 'shared')
    elif len(sys.argv) == 5 and sys.argv[1] == 'fill':
        with open(sys.argv[4], encoding='utf-8', newline='') as f:
            fill(sys.argv[2], sys.argv[3], list(csv.reader(f)))
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main()
