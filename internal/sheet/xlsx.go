package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"hash/crc32"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/youjun-edu/youjun/internal/report"
)

// The workbook is written as the few parts of a minimal SpreadsheetML package, straight into
// the zip: excelize built each one through its document model, with a theme and a style sheet
// of forty namespaces, and took a third of the example's build to write eleven small tables.
// Everything is in a fixed order and the zip entries carry the report's date, so that the same
// table gives the same bytes.

// Styles of the cell formats (cellXfs): 0 is the default; then the header, the title, a text
// cell and a note; number formats follow, from numStyle0 on, in the order they are first used.
// The table's cells (header, text, numbers) have thin borders, so that the printed table has
// its lines.
const (
	headerStyle = 1
	titleStyle  = 2
	textStyle   = 3
	noteStyle   = 4
	numStyle0   = 5
	numFmt0     = 164 // the first id of a custom number format
	// maxCellUnits is Excel's limit on the text of a cell, in UTF-16 code units: a longer cell
	// makes Excel "repair" the file.
	maxCellUnits = 32_767
)

// XLSX writes one sheet, named after the table, laid out to be read and printed: the title
// over the table's width, a bold header row that stays in view and is printed on every page,
// columns as wide as their content, A4 one page wide (landscape when the table is wide), page
// numbers in the footer. The document's dates are the report's date, not the clock, so that
// the same input gives the same bytes.
func XLSX(t *report.Table, date string) ([]byte, error) {
	return writeXLSX(t, date, new(deflater))
}

// writeXLSX is XLSX with a compressor to reuse.
func writeXLSX(t *report.Table, date string, d *deflater) ([]byte, error) {
	t = t.Data()
	w := book{strings: map[string]int{}, formats: map[string]int{}, name: sheetName(t)}
	w.sheet(t)
	return w.pack(t.Title, date, d)
}

// deflater compresses the parts of workbooks with one flate writer, at deflate's fastest
// level: on parts of a few kilobytes it packs nearly as tightly as the default level, and
// resetting it for the next part costs nothing, where the default level clears 640 KB of
// tables for each part. Its output does not depend on what it compressed before.
//
// Most of the cost of a small part is deflate's, for each part, not for each byte: the parts
// that repeat from workbook to workbook (relationships, content types, the style sheet of the
// same number formats) are compressed once and kept.
type deflater struct {
	fw   *flate.Writer
	buf  bytes.Buffer
	kept map[string]deflated
}

// deflated is a compressed part and what its zip header says of it.
type deflated struct {
	data []byte
	crc  uint32
	size int
}

// deflate compresses body. The data is valid until the next call.
func (d *deflater) deflate(body []byte) (deflated, error) {
	d.buf.Reset()
	if d.fw == nil {
		var err error
		if d.fw, err = flate.NewWriter(&d.buf, flate.BestSpeed); err != nil {
			return deflated{}, err
		}
	} else {
		d.fw.Reset(&d.buf)
	}
	if _, err := d.fw.Write(body); err != nil {
		return deflated{}, err
	}
	if err := d.fw.Close(); err != nil {
		return deflated{}, err
	}
	return deflated{data: d.buf.Bytes(), crc: crc32.ChecksumIEEE(body), size: len(body)}, nil
}

// deflateKept is deflate for a part that repeats: compressed once, kept for the next workbook.
func (d *deflater) deflateKept(body []byte) (deflated, error) {
	if p, ok := d.kept[string(body)]; ok {
		return p, nil
	}
	p, err := d.deflate(body)
	if err != nil {
		return p, err
	}
	p.data = bytes.Clone(p.data)
	if d.kept == nil {
		d.kept = map[string]deflated{}
	}
	d.kept[string(body)] = p
	return p, nil
}

// book collects what the parts of a one-sheet workbook need.
type book struct {
	name       string         // the sheet's
	data       bytes.Buffer   // the worksheet part
	strings    map[string]int // shared strings, to their index
	stringList []string
	formats    map[string]int // number format codes, to their index among formatList
	formatList []string
}

// sheet writes the worksheet of t: the title in A1, the headers in row 2, the rows from row 3,
// then the notes after a blank row. The title and each note are merged across the table's
// columns and wrap there.
func (w *book) sheet(t *report.Table) {
	l := newLayout(t)
	ncols := max(len(t.Columns), 1)
	b := &w.data
	b.WriteString(xml.Header)
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	last := 2 + len(t.Rows)
	if len(t.Notes) > 0 {
		last = len(t.Rows) + 3 + len(t.Notes)
	}
	b.WriteString(`<dimension ref="A1:`)
	b.WriteString(cellRef(ncols, last))
	b.WriteString(`"/>`)
	b.WriteString(`<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	w.cols(l.widths)
	b.WriteString(`<sheetData>`)
	// The title is scaled from 11 to 14 points; the merged cell is the table's width.
	across := l.total
	if len(t.Columns) == 0 {
		across = 9 // Excel's default column
	}
	w.startRow(1, rowHeight(wrapped(int(float64(textWidth(t.Title))*titleScale+0.5), across), titleLineHeight))
	w.text(1, 1, t.Title, titleStyle)
	b.WriteString(`</row>`)
	head := 1
	for i, c := range t.Columns {
		head = max(head, lines(c.Header, l.widths[i]))
	}
	w.startRow(2, rowHeight(head, lineHeight))
	for i, c := range t.Columns {
		w.text(i+1, 2, c.Header, headerStyle)
	}
	b.WriteString(`</row>`)
	for r, row := range t.Rows {
		n := 1
		for i, c := range row {
			if (c.Value == nil || !finite(*c.Value)) && i < len(l.widths) {
				n = max(n, lines(c.Text, l.widths[i]))
			}
		}
		w.startRow(r+3, rowHeight(n, lineHeight))
		for i, c := range row {
			if c.Value != nil && finite(*c.Value) {
				// A percentage is stored as the fraction a spreadsheet formats as one: 0.5612… shown as 56.12%.
				v := *c.Value
				if percent(c) {
					v /= 100
				}
				w.number(i+1, r+3, v, w.numStyle(formatOf(c)))
			} else {
				// A string cell: stored as text, never as a formula, whatever it begins with.
				w.text(i+1, r+3, c.Text, textStyle)
			}
		}
		for i := len(row); i < len(t.Columns); i++ { // a short row still has the table's borders
			w.text(i+1, r+3, "", textStyle)
		}
		b.WriteString(`</row>`)
	}
	for i, n := range t.Notes {
		row := len(t.Rows) + 4 + i
		note := "注：" + n
		w.startRow(row, rowHeight(lines(note, across), lineHeight))
		w.text(1, row, note, noteStyle)
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData>`)
	if ncols > 1 {
		w.merges(t, ncols)
	}
	w.pageSetup(l.landscape)
	b.WriteString(`</worksheet>`)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// merges merges the title's row and each note's across the table's columns.
func (w *book) merges(t *report.Table, ncols int) {
	b := &w.data
	merge := func(row int) {
		b.WriteString(`<mergeCell ref="A`)
		b.WriteString(strconv.Itoa(row))
		b.WriteString(`:`)
		b.WriteString(cellRef(ncols, row))
		b.WriteString(`"/>`)
	}
	b.WriteString(`<mergeCells count="` + strconv.Itoa(1+len(t.Notes)) + `">`)
	merge(1)
	for i := range t.Notes {
		merge(len(t.Rows) + 4 + i)
	}
	b.WriteString(`</mergeCells>`)
}

// pageSetup prints the sheet on A4, one page wide, centred, with the page's number and the
// count of pages in the footer. The title and header rows are repeated on every page by the
// workbook's _xlnm.Print_Titles.
func (w *book) pageSetup(landscape bool) {
	orientation := "portrait"
	if landscape {
		orientation = "landscape"
	}
	w.data.WriteString(`<printOptions horizontalCentered="1"/>` +
		`<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.7" header="0.3" footer="0.3"/>` +
		`<pageSetup paperSize="9" orientation="` + orientation + `" fitToWidth="1" fitToHeight="0"/>` +
		`<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>`)
}

// cols sets the column widths, one <col> for each run of columns of the same width.
func (w *book) cols(widths []int) {
	if len(widths) == 0 {
		return
	}
	b := &w.data
	b.WriteString(`<cols>`)
	for i := 0; i < len(widths); {
		j := i + 1
		for j < len(widths) && widths[j] == widths[i] {
			j++
		}
		b.WriteString(`<col min="` + strconv.Itoa(i+1) + `" max="` + strconv.Itoa(j) + `" width="` + strconv.Itoa(widths[i]) + `" customWidth="1"/>`)
		i = j
	}
	b.WriteString(`</cols>`)
}

// startRow opens row r, of its program's height when height is 0.
func (w *book) startRow(r int, height float64) {
	w.data.WriteString(`<row r="`)
	w.data.WriteString(strconv.Itoa(r))
	if height > 0 {
		w.data.WriteString(`" ht="`)
		w.data.WriteString(strconv.FormatFloat(height, 'f', -1, 64))
		w.data.WriteString(`" customHeight="1`)
	}
	w.data.WriteString(`">`)
}

// text writes a shared-string cell. An empty text is no cell at all, or an empty one with its
// style (the table's borders) when it has one.
func (w *book) text(col, row int, s string, style int) {
	if s == "" {
		if style != 0 {
			w.data.WriteString(`<c r="` + cellRef(col, row) + `" s="` + strconv.Itoa(style) + `"/>`)
		}
		return
	}
	s = truncateUnits(s, maxCellUnits)
	i, ok := w.strings[s]
	if !ok {
		i = len(w.stringList)
		w.strings[s] = i
		w.stringList = append(w.stringList, s)
	}
	w.cell(col, row, style, `" t="s`, strconv.Itoa(i))
}

// number writes a number cell, with at most 15 significant digits as Excel keeps them.
func (w *book) number(col, row int, v float64, style int) {
	w.cell(col, row, style, "", formatFloat(v))
}

// cell writes <c r="ref" s="style"{typ}><v>v</v></c>; typ closes the s attribute's quote.
func (w *book) cell(col, row, style int, typ, v string) {
	b := &w.data
	b.WriteString(`<c r="`)
	b.WriteString(cellRef(col, row))
	if style != 0 {
		b.WriteString(`" s="`)
		b.WriteString(strconv.Itoa(style))
	}
	b.WriteString(typ)
	b.WriteString(`"><v>`)
	b.WriteString(v)
	b.WriteString(`</v></c>`)
}

// formatOf is the number format that shows a number cell as the report does: its decimals,
// as a percentage, with thousands separators when its text has them (3,419.97, not 2028年).
func formatOf(c report.Cell) string {
	return numFormat(decimalsOf(c.Text), percent(c), strings.Contains(c.Text, ","))
}

// numFormat is the format code of a number showing decimals places, as a percentage or with
// thousands separators: 0.00%, #,##0.00 or 0.00.
func numFormat(decimals int, percent, grouped bool) string {
	format := "0"
	if grouped && !percent {
		format = "#,##0"
	}
	if decimals > 0 {
		format += "." + strings.Repeat("0", decimals)
	}
	if percent {
		format += "%"
	}
	return format
}

// numStyle returns the cell format of a number format code, adding it when first used.
func (w *book) numStyle(format string) int {
	i, ok := w.formats[format]
	if !ok {
		i = len(w.formatList)
		w.formats[format] = i
		w.formatList = append(w.formatList, format)
	}
	return numStyle0 + i
}

// cellRef names the cell at a 1-based column and row: cellRef(28, 3) is AB3.
func cellRef(col, row int) string {
	var name [8]byte
	i := len(name)
	for ; col > 0; col = (col - 1) / 26 {
		i--
		name[i] = byte('A' + (col-1)%26)
	}
	return string(name[i:]) + strconv.Itoa(row)
}

// formatFloat writes v as excelize does and Excel keeps numbers: the shortest decimal that
// reads back as v, cut (not rounded) to 15 significant digits.
func formatFloat(v float64) string {
	const maxDigits = 15
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return s
	}
	point := strings.IndexByte(s, '.')
	significant := 0
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' || significant == 0 && s[i] == '0' {
			continue
		}
		if significant++; significant <= maxDigits {
			continue
		}
		if point >= 0 && i > point {
			return strings.TrimSuffix(s[:i], ".")
		}
		if point < 0 {
			point = len(s)
		}
		cut := []byte(s[:point])
		for ; i < len(cut); i++ {
			cut[i] = '0'
		}
		return string(cut)
	}
	return s
}

// truncateUnits cuts s to at most n UTF-16 code units, at a character boundary.
func truncateUnits(s string, n int) string {
	if len(s) <= n { // every UTF-8 byte is at most one UTF-16 unit
		return s
	}
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > n {
			return s[:i]
		}
	}
	return s
}

// escapeText writes s as XML character data: & < > " ' and control characters escaped, and
// text that looks like an OOXML escape (_x0041_, which Excel reads as A) escaped as such, so
// that it reads back as written.
func escapeText(b *bytes.Buffer, s string) {
	if strings.Contains(s, "_x") {
		s = escapeOOXML(s)
	}
	xml.EscapeText(b, []byte(s))
}

// escapeOOXML escapes the underscore that begins every _xHHHH_ in s as _x005F_.
func escapeOOXML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && i+7 <= len(s) && s[i+1] == 'x' && s[i+6] == '_' && isHex(s[i+2:i+6]) {
			b.WriteString("_x005F_")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(s string) bool {
	for i := range len(s) {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// sharedStrings writes the shared string table.
func (w *book) sharedStrings() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	n := strconv.Itoa(len(w.stringList))
	b.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="` + n + `" uniqueCount="` + n + `">`)
	for _, s := range w.stringList {
		b.WriteString(`<si><t`)
		if strings.IndexByte("\t\n\r ", s[0]) >= 0 || strings.IndexByte("\t\n\r ", s[len(s)-1]) >= 0 {
			b.WriteString(` xml:space="preserve"`)
		}
		b.WriteString(`>`)
		escapeText(&b, s)
		b.WriteString(`</t></si>`)
	}
	b.WriteString(`</sst>`)
	return b.Bytes()
}

// styles writes the style sheet: the default font (Calibri 11, as Excel's), a bold one and the
// title's (bold, 14); no border and a thin one on every side; and the cell formats (see
// headerStyle).
func (w *book) styles() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if len(w.formatList) > 0 {
		b.WriteString(`<numFmts count="` + strconv.Itoa(len(w.formatList)) + `">`)
		for i, f := range w.formatList {
			b.WriteString(`<numFmt numFmtId="` + strconv.Itoa(numFmt0+i) + `" formatCode="`)
			xml.EscapeText(&b, []byte(f))
			b.WriteString(`"/>`)
		}
		b.WriteString(`</numFmts>`)
	}
	const thin = `<color indexed="64"/>`
	b.WriteString(`<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
		`<border><left style="thin">` + thin + `</left><right style="thin">` + thin + `</right><top style="thin">` + thin + `</top><bottom style="thin">` + thin + `</bottom><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	b.WriteString(`<cellXfs count="` + strconv.Itoa(numStyle0+len(w.formatList)) + `">` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
		`<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
		`<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`)
	for i := range w.formatList {
		b.WriteString(`<xf numFmtId="` + strconv.Itoa(numFmt0+i) + `" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>`)
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return b.Bytes()
}

// core writes the document properties: title, author and the report's date.
func core(title, stamp string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString(`<dc:title>`)
	escapeText(&b, title)
	b.WriteString(`</dc:title><dc:creator>youjun</dc:creator>`)
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`)
	return b.Bytes()
}

// The parts that are the same in every workbook.
const (
	contentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`
	packageRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`
	app          = xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>youjun</Application></Properties>`
	workbookRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
)

// workbook writes the workbook part: the one sheet, and the rows printed on every page (the
// title and the header, rows 1 and 2).
func (w *book) workbook() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<bookViews><workbookView/></bookViews><sheets><sheet name="`)
	xml.EscapeText(&b, []byte(w.name))
	b.WriteString(`" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">`)
	xml.EscapeText(&b, []byte(quoteSheet(w.name)+"!$1:$2"))
	b.WriteString(`</definedName></definedNames></workbook>`)
	return b.Bytes()
}

// pack zips the parts, in a fixed order, dated with the report's date.
func (w *book) pack(title, date string, d *deflater) ([]byte, error) {
	stamp := fixedTime(date)
	parts := []struct {
		name string
		body []byte
		kept bool // the same in other workbooks
	}{
		{"[Content_Types].xml", []byte(contentTypes), true},
		{"_rels/.rels", []byte(packageRels), true},
		{"docProps/core.xml", core(title, stamp.Format(time.RFC3339)), false},
		{"docProps/app.xml", []byte(app), true},
		{"xl/workbook.xml", w.workbook(), false},
		{"xl/_rels/workbook.xml.rels", []byte(workbookRels), true},
		{"xl/styles.xml", w.styles(), true},
		{"xl/sharedStrings.xml", w.sharedStrings(), false},
		{"xl/worksheets/sheet1.xml", w.data.Bytes(), false},
	}
	var out bytes.Buffer
	z := zip.NewWriter(&out)
	msDate, msTime := msDosTime(stamp)
	for _, p := range parts {
		deflate := d.deflate
		if p.kept {
			deflate = d.deflateKept
		}
		c, err := deflate(p.body)
		if err != nil {
			return nil, err
		}
		// Written raw, the sizes and checksum are in the entry's header, not in a descriptor
		// after its data.
		f, err := z.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CreatorVersion: 20, ReaderVersion: 20,
			ModifiedDate: msDate, ModifiedTime: msTime, CRC32: c.crc, CompressedSize64: uint64(len(c.data)), UncompressedSize64: uint64(c.size)})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(c.data); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// msDosTime is t as a zip entry's header dates it: the day, and the time in two seconds.
func msDosTime(t time.Time) (date, clock uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}
