package docx

import (
	"github.com/youjun-edu/youjun/internal/chart"
)

// workbook is the chart's data as a minimal spreadsheet (SpreadsheetML): one sheet, Sheet1,
// laid out as chartXML refers to it, text as inline strings so that no shared-string table is
// needed. Word and WPS open it to edit the chart's data.
func workbook(c *chart.Chart, p *packer) ([]byte, error) {
	n := len(c.Categories)
	sheet := newXW(1024 + 64*n*(len(c.Series)+len(c.Lines)+1))
	sheet.raw(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	// Row 1: the names of the series and lines.
	sheet.raw(`<row r="1">`)
	col := 1
	for _, s := range c.Series {
		strCell(sheet, col, 1, s.Name)
		col++
	}
	if c.Kind != chart.Radar {
		for _, l := range c.Lines {
			strCell(sheet, col, 1, l.Name)
			col++
		}
	}
	sheet.raw(`</row>`)
	for i, cat := range c.Categories {
		r := i + 2
		sheet.raw(`<row r="`)
		sheet.int(r)
		sheet.raw(`">`)
		strCell(sheet, 0, r, cat)
		col := 1
		for _, s := range c.Series {
			if i < len(s.Values) {
				numCell(sheet, col, r, s.Values[i])
			}
			col++
		}
		if c.Kind != chart.Radar {
			for _, l := range c.Lines {
				numCell(sheet, col, r, l.Value)
				col++
			}
		}
		sheet.raw(`</row>`)
	}
	sheet.raw(`</sheetData></worksheet>`)
	return p.zip([]part{
		{"[Content_Types].xml", []byte(xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)},
		{"_rels/.rels", []byte(xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{"xl/workbook.xml", []byte(xmlDecl + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{"xl/_rels/workbook.xml.rels", []byte(xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)},
		{"xl/worksheets/sheet1.xml", sheet.Bytes()},
	})
}

const xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"

func ref(col, row int) string { return colName(col) + itoa(row) }

func strCell(w *xw, col, row int, s string) {
	w.raw(`<c r="` + ref(col, row) + `" t="inlineStr"><is><t xml:space="preserve">`)
	w.text(s)
	w.raw(`</t></is></c>`)
}

func numCell(w *xw, col, row int, v float64) {
	w.raw(`<c r="` + ref(col, row) + `"><v>` + number(v) + `</v></c>`)
}
