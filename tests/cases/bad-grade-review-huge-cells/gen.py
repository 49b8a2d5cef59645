# A review workbook that costs little to store and a lot to read
# naively: every decision row of 待复核 refers to one shared string of
# a megabyte (2,000 rows: each copied whole would take 2 GB), and 100,000
# decisions name a column the first worksheet does not have (each looked
# for through a header of 2,000 columns would take about a minute).
import zipfile

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


heads = ['candidate_id', 'name', 'form', '1', '2', '3', '4', '5', '6',
         '7.1', '7.2'] + ['x%d' % i for i in range(2000)]
first = ['<row r="1">' + ''.join(inline(col(j + 1) + '1', h)
                                 for j, h in enumerate(heads)) + '</row>']
for i, cells in enumerate((['2026001', 'A', 'A', '?T', 'C', 'ACD', 'ABC',
                            'ABC', '4', '8', '5'],
                           ['2026002', 'B', 'A', 'T', '?', 'ACD', 'ACD',
                            'ABC', '5', '10', '5'])):
    r = i + 2
    first.append('<row r="%d">' % r + ''.join(
        inline(col(j + 1) + str(r), v) for j, v in enumerate(cells)) +
        '</row>')
review = ['<row r="1">' + inline('A1', '考生编号') + inline('B1', '题号') +
          inline('C1', '复核结果') + '</row>']
r = 2
for i in range(2000):		# a megabyte decision, 2,000 times
    review.append('<row r="%d"><c r="A%d" t="s"><v>0</v></c>'
                  '<c r="B%d" t="s"><v>0</v></c><c r="C%d" t="s"><v>0</v>'
                  '</c></row>' % (r, r, r, r))
    r += 1
for i in range(100000):		# a column nobody has
    review.append('<row r="%d">' % r + inline('A%d' % r, '2026001') +
                  inline('B%d' % r, 'nosuch%d' % i) + inline('C%d' % r, 'T')
                  + '</row>')
    r += 1
review.append('<row r="%d">' % r + inline('A%d' % r, '2026001') +
              inline('B%d' % r, '1') + inline('C%d' % r, 'T') + '</row>')


def sheet(rows):
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s">'
            '<sheetData>%s</sheetData></worksheet>' % (NS, ''.join(rows)))


with zipfile.ZipFile('review.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="%s" '
               'xmlns:r="%s"><sheets><sheet name="答卷" sheetId="1" r:id="rId1"/>'
               '<sheet name="待复核" sheetId="2" r:id="rId2"/></sheets>'
               '</workbook>' % (NS, R))
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships"><Relationship Id="rId1" '
               'Target="worksheets/sheet1.xml" Type="%s/worksheet"/>'
               '<Relationship Id="rId2" Target="worksheets/sheet2.xml" '
               'Type="%s/worksheet"/></Relationships>' % (R, R))
    z.writestr('xl/sharedStrings.xml', '<?xml version="1.0"?><sst xmlns="%s">'
               '<si><t>%s</t></si></sst>' % (NS, 'B' * ((1 << 20) - 64)))
    z.writestr('xl/worksheets/sheet1.xml', sheet(first))
    z.writestr('xl/worksheets/sheet2.xml', sheet(review))
