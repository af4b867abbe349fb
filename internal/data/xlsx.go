package data

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/youjun-edu/youjun/internal/diag"
)

// The XLSX reader reads the worksheet XML itself, in one streaming pass, with xmlScanner
// (xlsx_scan.go), a byte scanner that gives the tokens of encoding/xml's RawToken at a
// fraction of its cost. excelize's row iterator gives a cell's text only (a logical TRUE
// reads as "1", a formula without a computed value as blank), and only to list the rows of
// 20,000 campuses it allocates 708 MB, twice what reading and checking the whole table took
// with encoding/xml (BenchmarkXLSXRowsExcelize); its per-cell getters unmarshal the whole
// sheet into memory, gigabytes for 200,000 rows. Reading the zip directly also lets the
// sizes of its parts be checked before anything is unpacked.

// notXLSX is the message for a file that is no .xlsx at all.
const notXLSX = "不是有效的 Excel（.xlsx）文件，可能已损坏或只是改了扩展名；如果是 .xls 旧格式或 WPS 的 .et，请在 Excel/WPS 中另存为 .xlsx"

// recalcMessage is said of a formula in a workbook that asks to be recalculated when opened.
const recalcMessage = "是公式，文件要求打开时重新计算（由程序生成的文件常见），其中保存的计算结果可能不是最新的；" +
	"请在 Excel 或 WPS 中打开此文件，确认数值已算出后保存，再重新生成"

// dateMessage is said of a date cell (t="d"): no column of the table holds a date.
const dateMessage = "是日期，学校数据表中没有填日期的列；「建成年份」只填年份，如 2006"

// resave asks for a damaged but openable file to be saved again.
const resave = "请在 Excel/WPS 中打开后重新保存为 .xlsx"

type xlsxReader struct {
	file io.Closer // nil when reading from memory
	zr   *zip.Reader
	part io.ReadCloser
	inf  *inflater   // unpacks part
	sc   *xmlScanner // reads the sheet
	sst  []string
	hint int // rows, from the sheet's dimension
	// recalc is set when the workbook asks to be recalculated when opened (fullCalcOnLoad):
	// the results it holds for formulas may be stale or placeholders.
	recalc bool
	row    int // number of the last row read
	rec    []string
	iss    []cellIssue
	ended  bool

	cell    cell        // the cell being read
	arena   []byte      // the values of the row's cells that are copied from the sheet
	pending []cellValue // the cells of the row, in their order
	// sheetPart and sstPart are the parts read, for tests.
	sheetPart, sstPart *zip.File
}

// cellValue is a cell of the row being read: its text, or its place in the arena. The text
// of a row's cells is made one string when the row ends, rather than one string a cell.
type cellValue struct {
	col        int // 0-based
	text       string
	start, end int // in the arena, when inArena
	inArena    bool
	issue      int // the index of its issue in iss, or -1
}

// openXLSX opens the sheet named 学校, or else the first sheet. Its errors are messages for the
// user.
func openXLSX(file string) (*xlsxReader, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, errors.New("无法读取：" + diag.SysError(err))
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, errors.New("无法读取：" + diag.SysError(err))
	}
	x, err := readXLSX(f, info.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	x.file = f
	return x, nil
}

// readXLSX opens the workbook in r, of the given size.
func readXLSX(r io.ReaderAt, size int64) (*xlsxReader, error) {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	if !bytes.HasPrefix(head[:n], zipMagic) {
		src := make([]byte, size)
		n, _ := r.ReadAt(src, 0)
		return nil, notZip(src[:n])
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, errors.New(notXLSX)
	}
	x := &xlsxReader{zr: zr, hint: 64}
	if err := x.open(size); err != nil {
		return nil, err
	}
	return x, nil
}

// notZip tells what a file named .xlsx is when it is no zip: an old .xls, an encrypted
// workbook (both OLE2 files) or a CSV with the wrong name.
func notZip(src []byte) error {
	if bytes.HasPrefix(src, ole2Magic) {
		if bytes.Contains(src, utf16LE("EncryptedPackage")) {
			return errors.New("Excel 文件设置了打开密码，无法读取；请在 Excel/WPS 中取消密码后重新保存")
		}
		return errors.New("这是 Excel 97–2003（.xls）或 WPS（.et）格式的文件，扩展名却是 .xlsx；请在 Excel/WPS 中另存为 .xlsx（Excel 工作簿）")
	}
	if t, err := decodeText(src); err == nil && !t.suspect && bytes.ContainsAny(firstLine(t.src), ",\t") {
		return errors.New("这是文本（CSV）文件，不是 Excel 文件；请把扩展名改为 .csv（data/schools.csv）")
	}
	return errors.New(notXLSX)
}

func firstLine(b []byte) []byte {
	line, _, _ := bytes.Cut(b, []byte{'\n'})
	return line
}

func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// open checks the sizes of the parts, finds the sheet and reads the shared strings. size is
// the size of the file.
func (x *xlsxReader) open(size int64) error {
	files := x.zr.File
	if len(files) > maxXLSXParts {
		return fmt.Errorf("不是正常的 Excel 文件：其中有 %d 个部件；%s", len(files), resave)
	}
	var total uint64
	parts := make(map[string]*zip.File, len(files))
	for _, f := range files {
		size := f.UncompressedSize64
		total += size
		if size > maxXLSXRatioFrom && size/maxXLSXRatio > f.CompressedSize64 {
			return fmt.Errorf("不是正常的 Excel 文件：其中的 %s 解压后有 %d MB，是压缩后的 %d 倍（疑似“压缩炸弹”），已拒绝读取",
				f.Name, size>>20, size/max(f.CompressedSize64, 1))
		}
		parts[partName(f.Name)] = f
	}
	if total > maxXLSXUnpacked {
		return fmt.Errorf("Excel 文件解压后有 %d MB，超过了 %d MB 的上限（学校数据表最多 %d 行）", total>>20, maxXLSXUnpacked>>20, MaxRows)
	}
	if total > minXLSXUnpacked && total/maxXLSXGrowth > uint64(size) {
		return fmt.Errorf("Excel 文件解压后有 %d MB，是文件大小的 %d 倍，超出了正常 Excel 文件的范围（不超过 %d 倍）；"+
			"如果表中有大片空白但设置了格式的行列，请删除它们后重新保存", total>>20, total/uint64(max(size, 1)), maxXLSXGrowth)
	}
	book := "xl/workbook.xml"
	for _, r := range rels(parts, "_rels/.rels", "") {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			book = r.Target
		}
	}
	sheets, recalc, err := readWorkbook(parts[partName(book)])
	if err != nil {
		return err
	}
	x.recalc = recalc
	if len(sheets) == 0 {
		return errors.New("Excel 文件中没有工作表")
	}
	sheet := sheets[0]
	for _, s := range sheets {
		if s.Name == "学校" {
			sheet = s
			break
		}
	}
	sstPath := path.Join(path.Dir(book), "sharedStrings.xml")
	sheetPath := ""
	for _, r := range rels(parts, path.Join(path.Dir(book), "_rels", path.Base(book)+".rels"), path.Dir(book)) {
		switch {
		case r.ID == sheet.ID:
			sheetPath = r.Target
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			sstPath = r.Target
		}
	}
	f := parts[partName(sheetPath)]
	if f == nil {
		return fmt.Errorf("找不到工作表「%s」的内容，文件可能已损坏；%s", sheet.Name, resave)
	}
	x.sheetPart, x.sstPart = f, parts[partName(sstPath)]
	if x.sstPart != nil {
		if x.sst, err = readSharedStrings(x.sstPart); err != nil {
			return err
		}
	}
	if x.part, err = f.Open(); err != nil {
		return fmt.Errorf("无法读取工作表「%s」，文件可能已损坏；%s", sheet.Name, resave)
	}
	x.inf = newInflater(x.part)
	x.sc = newXMLScanner(x.inf)
	x.hint = sizeHintOf(f.UncompressedSize64)
	return nil
}

// partName is how a zip entry is looked up: some writers use backslashes or other cases.
func partName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// rels reads a relationships part, resolving targets against dir. A missing part has none.
func rels(parts map[string]*zip.File, name, dir string) []relationship {
	var doc struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := decodePart(parts[partName(name)], &doc); err != nil {
		return nil
	}
	for i, r := range doc.Rels {
		if strings.HasPrefix(r.Target, "/") {
			doc.Rels[i].Target = r.Target[1:]
		} else {
			doc.Rels[i].Target = path.Join(dir, r.Target)
		}
	}
	return doc.Rels
}

type sheetEntry struct {
	Name string `xml:"name,attr"`
	ID   string `xml:"id,attr"` // r:id, in the transitional or the strict namespace
}

// readWorkbook reads the sheets of the workbook and whether it asks to be recalculated when
// opened. Programs that write workbooks without computing formulas set that flag (xlsxwriter,
// openpyxl, exceljs, PhpSpreadsheet…), with 0 or the template's old result as the formula's
// value. LibreOffice drops it when it saves the file again (checked with 7.4); so, it seems,
// does Excel (not checked, nor WPS).
func readWorkbook(f *zip.File) (sheets []sheetEntry, recalc bool, err error) {
	var doc struct {
		Sheets []sheetEntry `xml:"sheets>sheet"`
		Calc   struct {
			FullCalcOnLoad string `xml:"fullCalcOnLoad,attr"`
		} `xml:"calcPr"`
	}
	if f == nil {
		return nil, false, errors.New(notXLSX)
	}
	if err := decodePart(f, &doc); err != nil {
		return nil, false, fmt.Errorf("工作簿结构已损坏；%s", resave)
	}
	recalc, _ = strconv.ParseBool(doc.Calc.FullCalcOnLoad)
	return doc.Sheets, recalc, nil
}

// decodePart unmarshals a small part (workbook, relationships).
func decodePart(f *zip.File, v any) error {
	if f == nil {
		return errors.New("missing part")
	}
	if f.UncompressedSize64 > 16<<20 {
		return errors.New("part too large")
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	return xml.NewDecoder(r).Decode(v)
}

// readSharedStrings reads the text of each <si>, leaving out phonetic runs (<rPh>).
func readSharedStrings(f *zip.File) ([]string, error) {
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("共享字符串表已损坏；%s", resave)
	}
	defer r.Close()
	inf := newInflater(r)
	defer inf.Close()
	s := newXMLScanner(inf)
	var (
		out       []string
		text      []byte
		inT, inSI bool
		phonetic  int
	)
	for {
		err := s.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, partError("共享字符串表", err)
		}
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "sst":
				// Room for the strings it says it has, within reason: it may lie.
				if n, err := strconv.Atoi(string(s.attr("uniqueCount"))); err == nil && n > 0 && out == nil {
					out = make([]string, 0, min(n, 1<<16))
				}
			case "si":
				inSI = true
				text = text[:0]
			case "t":
				inT = true
			case "rPh":
				phonetic++
			}
		case tokEnd:
			switch string(s.name) {
			case "si":
				inSI = false
				out = append(out, unescapeOOXML(string(text)))
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		case tokText:
			if inSI && inT && phonetic == 0 {
				text = append(text, s.text...)
			}
		}
	}
}

// partError says that a part could not be read, telling a damaged zip from damaged XML.
func partError(what string, err error) error {
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) && strings.Contains(syntax.Msg, "unexpected EOF") {
		err = io.ErrUnexpectedEOF
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("Excel 文件的%s不完整（文件可能被截断）；%s", what, resave)
	}
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrAlgorithm) {
		return fmt.Errorf("Excel 文件已损坏（%s解压出错）；%s", what, resave)
	}
	return fmt.Errorf("Excel 文件的%s格式有误，文件可能已损坏；%s", what, resave)
}

// unescapeOOXML turns the _xHHHH_ escapes of OOXML strings into their characters.
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if u, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(u))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func (x *xlsxReader) Close() error {
	if x.inf != nil {
		x.inf.Close()
		x.inf = nil
	}
	if x.part != nil {
		x.part.Close()
		x.part = nil
	}
	if x.file != nil {
		return x.file.Close()
	}
	return nil
}

func (x *xlsxReader) sizeHint() int       { return x.hint }
func (x *xlsxReader) fixedWidth() bool    { return false }
func (x *xlsxReader) issues() []cellIssue { return x.iss }

// cell is the state of the <c> element being read.
type cell struct {
	col                  int // 1-based
	typ                  []byte
	value, formula, text []byte
	hasValue, hasFormula bool
	in                   byte // 'v', 'f' or 't' (inline string text): where character data goes
	phonetic             int
}

// next reads the next <row> of the sheet.
func (x *xlsxReader) next() ([]string, int, error) {
	x.rec, x.iss = x.rec[:0], x.iss[:0]
	x.arena, x.pending = x.arena[:0], x.pending[:0]
	if x.ended {
		return nil, 0, io.EOF
	}
	c, s := &x.cell, x.sc
	inRow, inCell := false, false
	for {
		err := s.next()
		if err == io.EOF { // before </sheetData>: the part is cut short
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			x.ended = true
			return nil, x.row, partError("工作表", err)
		}
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "row":
				inRow = true
				x.row++
				if r, err := strconv.Atoi(string(s.attr("r"))); err == nil && r > 0 {
					x.row = r
				}
			case "c":
				inCell = true
				col := len(x.rec) + 1
				if ref := s.attr("r"); len(ref) > 0 {
					col = columnOf(ref)
				}
				*c = cell{col: col, typ: append(c.typ[:0], s.attr("t")...), value: c.value[:0], formula: c.formula[:0], text: c.text[:0]}
			case "v":
				c.in, c.hasValue = 'v', true
			case "f":
				c.in, c.hasFormula = 'f', true
			case "t":
				c.in = 't'
			case "rPh":
				c.phonetic++
			case "dimension":
				x.hint = dimensionRows(string(s.attr("ref")), x.sheetPart.UncompressedSize64)
			}
		case tokEnd:
			switch string(s.name) {
			case "v", "f", "t":
				c.in = 0
			case "rPh":
				c.phonetic--
			case "c":
				if inCell {
					x.addCell(c)
				}
				inCell = false
			case "row":
				if inCell {
					return nil, x.row, partError("工作表", errors.New("unclosed <c>"))
				}
				x.endRow()
				return x.rec, x.row, nil
			case "sheetData":
				if inCell || inRow {
					return nil, x.row, partError("工作表", errors.New("unclosed <row>"))
				}
				x.ended = true
				return nil, 0, io.EOF
			}
		case tokText:
			switch {
			case !inCell:
			case c.in == 'v':
				c.value = append(c.value, s.text...)
			case c.in == 'f':
				c.formula = append(c.formula, s.text...)
			case c.in == 't' && c.phonetic == 0:
				c.text = append(c.text, s.text...)
			}
		}
	}
}

// addCell puts the value of a cell into the record, as Excel shows it, noting the cells whose
// value the file does not hold.
func (x *xlsxReader) addCell(c *cell) {
	if c.col < 1 || c.col > MaxColumns+1 {
		return // beyond any header: a cell there is in no column
	}
	v := cellValue{col: c.col - 1, issue: -1}
	msg := ""
	switch string(c.typ) {
	case "s":
		i, err := strconv.Atoi(string(bytes.TrimSpace(c.value)))
		if err != nil || i < 0 || i >= len(x.sst) {
			msg = "共享字符串编号无效，文件可能已损坏；" + resave
		} else {
			v.text = x.sst[i]
		}
	case "inlineStr":
		v.text = unescapeOOXML(string(c.text))
	case "str":
		v.text = unescapeOOXML(string(c.value))
	case "b":
		switch string(c.value) {
		case "1":
			v.text = "TRUE"
		case "0":
			v.text = "FALSE"
		default:
			v.inArena = true
		}
	case "d": // an ISO 8601 date, which some writers store as such
		v.inArena, msg = true, dateMessage
	case "e":
		v.text = string(c.value)
		if msg = ExcelErrorMessage(v.text); msg == "" {
			msg = "是 Excel 的错误值 " + v.text + "，不是数据；请修正公式，或直接填写数值"
		}
	default:
		v.inArena = true
	}
	if c.hasFormula {
		// An empty <v> holds no result unless the formula gives text (openpyxl writes
		// <v></v> for every formula; Excel writes t="str" for a formula giving "").
		uncomputed := !c.hasValue || len(c.value) == 0 && !bytes.Equal(c.typ, []byte("str"))
		if uncomputed || x.recalc {
			v.text, v.inArena, msg = "="+string(c.formula), false, formulaMessage
			if len(c.formula) == 0 {
				v.text = "（共享公式）"
			}
			if !uncomputed {
				msg = recalcMessage
			}
		}
	}
	if v.inArena {
		v.start, v.end = len(x.arena), len(x.arena)+len(c.value)
		x.arena = append(x.arena, c.value...)
		if msg == "" && len(c.value) > MaxCellRunes {
			msg = longCell(string(c.value))
		}
	} else if msg == "" {
		msg = longCell(v.text)
	}
	for len(x.rec) < c.col {
		x.rec = append(x.rec, "")
	}
	if msg != "" {
		v.issue = len(x.iss)
		x.iss = append(x.iss, cellIssue{c.col - 1, v.text, msg})
	}
	x.pending = append(x.pending, v)
}

// endRow puts the row's values into the record, in the order of the cells: a later cell of
// the same column wins, as it did when each was put in at once.
func (x *xlsxReader) endRow() {
	row := string(x.arena)
	for _, v := range x.pending {
		if v.inArena && v.end > v.start {
			v.text = row[v.start:v.end]
		}
		x.rec[v.col] = v.text
		if v.issue >= 0 {
			x.iss[v.issue].value = v.text
		}
	}
}

// columnOf returns the 1-based column of a cell reference such as "AB12", or 0.
func columnOf(ref []byte) int {
	col := 0
	for i := 0; i < len(ref) && col <= MaxColumns+1; i++ {
		switch c := ref[i]; {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a') + 1
		default:
			return col
		}
	}
	return min(col, MaxColumns+2) // keep far columns far without overflowing
}

// Bytes of sheet XML a data row takes, at least and about: the dimension is believed up
// to one row per minRowBytes, and a sheet without one is taken to hold one row per
// rowBytes. A school's row of a few dozen cells takes 1–1.5 KB.
const (
	minRowBytes = 64
	rowBytes    = 1024
)

// sizeHintOf guesses the rows of a sheet of partSize bytes of XML, as a hint to size the
// table: a hint is no promise, so it is kept small enough to cost little when it is wrong.
func sizeHintOf(partSize uint64) int {
	return int(max(64, min(partSize/rowBytes, MaxRows+1)))
}

// dimensionRows reads the last row of a dimension such as "A1:AL301", believed up to what a
// sheet of partSize bytes can hold. Without a range (excelize's streaming writer leaves "A1"),
// it guesses from the size.
func dimensionRows(ref string, partSize uint64) int {
	_, last, _ := strings.Cut(ref, ":")
	i := strings.IndexAny(last, "0123456789")
	if i < 0 {
		return sizeHintOf(partSize)
	}
	n, err := strconv.Atoi(last[i:])
	if err != nil || n < 1 {
		return sizeHintOf(partSize)
	}
	return int(max(64, min(uint64(n), partSize/minRowBytes, MaxRows+1)))
}
