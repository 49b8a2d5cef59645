# A sheet as a library that stores formulas without computing them writes
# it: <f> and no <v>.  Candidate 2026002's answer to question 2 and score
# of question 6 are such formulas; 2026001's formula has its value saved.
import zipfile

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


def cell(ref, v):
    if v.startswith('='):
        return '<c r="%s" t="str"><f>%s</f></c>' % (ref, v[1:].replace(
            '"', '&quot;'))
    if v.startswith('~'):		# a formula with its value saved
        return '<c r="%s" t="str"><f>"%s"</f><v>%s</v></c>' % (ref, v[1:],
                                                              v[1:])
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)


rows = [['candidate_id', 'name', 'form', '1', '2', '3', '4', '5', '6', '7.1',
         '7.2'],
        ['2026001', 'A', 'A', 'T', '~C', 'ACD', 'ACD', 'ABC', '5', '10', '5'],
        ['2026002', 'B', 'A', 'T', '="C"', 'ACD', 'ACD', 'ABC', '=2+3', '10',
         '5']]
xml = ''.join('<row r="%d">%s</row>' % (i + 1, ''.join(
    cell('%s%d' % (chr(65 + j), i + 1), v) for j, v in enumerate(r)))
    for i, r in enumerate(rows))
with zipfile.ZipFile('sheet.xlsx', 'w') as z:
    z.writestr('xl/workbook.xml', '<workbook xmlns="%s" xmlns:r="%s"><sheets>'
               '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
               % (NS, R))
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://'
               'schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
               'Type="%s/worksheet"/></Relationships>' % R)
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="%s"><sheetData>'
               '%s</sheetData></worksheet>' % (NS, xml))
