# SPDX-License-Identifier: GPL-3.0-or-later
"""The worksheets of a workbook as LibreOffice shows them, for the tests
that check the report's live formulas: soffice converts each worksheet to
CSV, after recalculating every formula on load when asked (a profile of
its own holds that setting, so the user's is never touched)."""
import csv
import os
import subprocess

# every worksheet, UTF-8, comma-separated, quoted text, formulas' values
FILTER = ('csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,'
          'false,false,false,-1')
RECALC_XCU = '''<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
</oor:items>
'''


def convert(xlsx, outdir, profile, recalc, names):
    """The worksheets called names of xlsx as rows of cells, by name;
    recalc: have LibreOffice recalculate every formula on load."""
    os.makedirs(outdir, exist_ok=True)
    user = os.path.join(profile, 'user')
    os.makedirs(user, exist_ok=True)
    xcu = os.path.join(user, 'registrymodifications.xcu')
    if recalc and not os.path.exists(xcu):
        with open(xcu, 'w', encoding='utf-8') as f:
            f.write(RECALC_XCU)
    subprocess.run(['soffice', '-env:UserInstallation=file://' + profile,
                    '--headless', '--convert-to', FILTER,
                    '--outdir', outdir, xlsx], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = os.path.splitext(os.path.basename(xlsx))[0]
    sheets = {}
    for name in names:
        path = os.path.join(outdir, '%s-%s.csv' % (base, name))
        with open(path, encoding='utf-8', newline='') as f:
            sheets[name] = list(csv.reader(f))
    return sheets
