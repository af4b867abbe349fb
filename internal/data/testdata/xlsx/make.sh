#!/bin/sh
# Writes the workbooks that TestXLSXFixtures reads, with the programs that wrote them:
# LibreOffice 7.4 (from a CSV, and re-saving the openpyxl workbook), openpyxl 3.0 and
# xlsxwriter 3.0 (make.py). Run from this directory; the outputs are committed.
set -e
tmp=$(mktemp -d)
/usr/bin/python3 make.py
cp ../../../../data/schools.csv "$tmp/example.csv"
cp cells.csv "$tmp/libreoffice.csv"
cp openpyxl.xlsx "$tmp/libreoffice-resaved.xlsx"
profile="-env:UserInstallation=file://$tmp/profile"
libreoffice "$profile" --headless --infilter='CSV:44,34,76,1' --convert-to xlsx --outdir . "$tmp/example.csv" "$tmp/libreoffice.csv" >/dev/null
libreoffice "$profile" --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$tmp/out" "$tmp/libreoffice-resaved.xlsx" >/dev/null
cp "$tmp/out/libreoffice-resaved.xlsx" .
rm -rf "$tmp"
