#!/usr/bin/python3
"""Writes the XLSX fixtures of internal/site/testdata/xlsx from the example CSV tables.

Run from the repository root: /usr/bin/python3 internal/site/testdata/xlsx/gen.py OUTDIR
(needs python3-openpyxl, python3-xlsxwriter and LibreOffice; see README.md).
"""
import csv, os, re, shutil, subprocess, sys, tempfile, zipfile

import openpyxl
import xlsxwriter

out = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp()

def rows(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.reader(f))

SOURCES = {'example': 'data/schools.csv', 'hunan': 'examples/hunan/data/schools.csv'}

def number(s):
    """The cell as a spreadsheet would hold a typed number, or None for text."""
    if re.fullmatch(r'[0-9]+', s):
        return int(s)
    if re.fullmatch(r'[0-9]*\.[0-9]+', s):
        return float(s)
    return None

def soffice(src, infilter=None, name=None):
    """Converts src to xlsx with LibreOffice and moves the result to out/name."""
    d = tempfile.mkdtemp(dir=tmp)
    cmd = ['soffice', '--headless', '-env:UserInstallation=file://' + tmp + '/lo-profile']
    if infilter:
        cmd.append('--infilter=' + infilter)
    cmd += ['--convert-to', 'xlsx', '--outdir', d, src]
    subprocess.run(cmd, check=True, capture_output=True)
    base = os.path.splitext(os.path.basename(src))[0] + '.xlsx'
    shutil.move(os.path.join(d, base), os.path.join(out, name))

# (a) LibreOffice's CSV import, as a clerk opening the CSV and saving as .xlsx: UTF-8 (76),
# comma (44), double quote (34), from line 1; column types detected (codes become numbers) or
# column 1 as text ("1/2").
for key, path in SOURCES.items():
    soffice(os.path.abspath(path), 'CSV:44,34,76,1,,0,false,true,false', 'lo-%s.xlsx' % key)
soffice(os.path.abspath(SOURCES['example']), 'CSV:44,34,76,1,1/2,0,false,true,false', 'lo-example-textcodes.xlsx')

# (b) openpyxl: numbers as numbers, codes and names as (shared) strings, blanks left out.
recs = rows(SOURCES['example'])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '学校'
for r, rec in enumerate(recs, 1):
    for c, v in enumerate(rec, 1):
        if v == '':
            continue
        n = number(v) if r > 1 and c > 2 else None
        ws.cell(row=r, column=c, value=v if n is None else n)
wb.save(os.path.join(out, 'openpyxl-example.xlsx'))

# (b) xlsxwriter: shared strings, numbers, a formula with its cached value in a number column
# and in a text column, rich (inline-formatted) school names, booleans in an extra column.
recs = rows(SOURCES['example'])
head = recs[0]
H, I, AH, Z = (head.index(h) for h in ('小学在校生数', '初中在校生数', '公用经费核定学生数', '体育运动场馆面积'))
wb = xlsxwriter.Workbook(os.path.join(out, 'xlsxwriter-example.xlsx'))
ws = wb.add_worksheet('学校')
bold = wb.add_format({'bold': True})
red = wb.add_format({'color': 'red'})
fmt = wb.add_format({'num_format': '#,##0.00'})
for c, h in enumerate(head + ['是否新建']):
    ws.write_string(0, c, h, bold)
for r, rec in enumerate(recs[1:], 1):
    for c, v in enumerate(rec):
        if v == '':
            continue
        n = number(v) if c > 1 else None
        if c == 1 and r % 3 == 0 and '乡' in v:  # rich text: 乡 in red
            a, b = v.split('乡', 1)
            parts = ([a] if a else []) + [red, '乡'] + ([b] if b else [])
            ws.write_rich_string(r, c, *parts)
        elif c == 1 and r % 7 == 0:  # a name computed by a formula
            ws.write_formula(r, c, '="%s"&"%s"' % (v[:2], v[2:]), None, v)
        elif c == AH and n is not None and n == int(rec[H] or 0) + int(rec[I] or 0):
            ws.write_formula(r, c, '=%s+%s' % (xlsxwriter.utility.xl_rowcol_to_cell(r, H), xlsxwriter.utility.xl_rowcol_to_cell(r, I)), None, n)
        elif c == Z and n is not None and r % 2 == 0:
            ws.write_formula(r, c, '=%r+0' % n, fmt, n)
        elif n is None:
            ws.write_string(r, c, v)
        else:
            ws.write_number(r, c, n, fmt if isinstance(n, float) else None)
    ws.write_boolean(r, len(head), r % 4 == 0)
wb.close()

# (c) LibreOffice recalculating a workbook of formulas written without results (openpyxl
# writes none): 公用经费核定学生数 as =H+I where it is their sum, 体育运动场馆面积 as a sum of two
# parts, and an extra column 核算生均 =Z/H, an error (#DIV/0!) where there are no pupils.
for key, path in SOURCES.items():
    recs = rows(path)
    head = recs[0]
    H, I, AH, Z = (head.index(h) for h in ('小学在校生数', '初中在校生数', '公用经费核定学生数', '体育运动场馆面积'))
    col = openpyxl.utils.get_column_letter
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '学校'
    for c, h in enumerate(head + ['核算生均'], 1):
        ws.cell(row=1, column=c, value=h)
    for r, rec in enumerate(recs[1:], 2):
        for c, v in enumerate(rec):
            if v == '':
                continue
            n = number(v) if c > 1 else None
            if c == AH and n is not None and n == int(rec[H] or 0) + int(rec[I] or 0):
                v = '=%s%d+%s%d' % (col(H + 1), r, col(I + 1), r)
            elif c == Z and n is not None:
                whole = int(n)
                frac = round(n - whole, 6)
                # a sum only when it gives the very same double as the CSV's number
                v = '=%d+%r' % (whole, frac) if frac and whole + frac == n else '=%r*1' % n
            elif n is not None:
                v = n
            ws.cell(row=r, column=c + 1, value=v)
        ws.cell(row=r, column=len(head) + 1, value='=%s%d/%s%d' % (col(Z + 1), r, col(H + 1), r))
    src = os.path.join(tmp, 'formulas-%s.xlsx' % key)
    wb.save(src)
    if key == 'example':  # as openpyxl wrote it: formulas without results
        shutil.copy(src, os.path.join(out, 'openpyxl-formulas-example.xlsx'))
    soffice(src, None, 'lo-formulas-%s.xlsx' % key)
# The remedy the reader asks for: the xlsxwriter workbook opened and saved again (by
# LibreOffice here), which recomputes the formulas and drops fullCalcOnLoad.
src = os.path.join(tmp, 'resaved.xlsx')
shutil.copy(os.path.join(out, 'xlsxwriter-example.xlsx'), src)
soffice(src, None, 'lo-resaved-xlsxwriter-example.xlsx')
print('written to', out)
