package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// Table is the loaded school table.
type Table struct {
	File    string   // as named in messages, e.g. data/schools.csv
	Schools []School // in the table's order
	Present map[string]bool
}

// Has reports whether the table has the column with the given key. A column that is absent
// makes what depends on it 待补充 rather than an error.
func (t *Table) Has(key string) bool { return t.Present[key] }

// rowReader yields the records of a table with their 1-based row numbers. An error of type
// rowError is about one row, and reading goes on; any other error ends the table.
type rowReader interface {
	next() (record []string, row int, err error)
	// issues returns the problems with single cells of the record next returned.
	issues() []cellIssue
	// fixedWidth reports whether every row has as many fields as the header (CSV), rather
	// than ending at its last non-blank cell (XLSX).
	fixedWidth() bool
	sizeHint() int // how many records there are at most
}

// recordAppender is a rowReader that can append the cells of the next record to a slice of
// the caller's, sparing the copy of a record it would reuse.
type recordAppender interface {
	// appendNext is next, appending the record to dst: it returns dst extended by the record,
	// or dst itself on an error.
	appendNext(dst []string) (out []string, row int, err error)
}

// cellIssue is a cell that cannot be read as it is: it is reported, and taken as unreadable.
type cellIssue struct {
	col     int // 0-based
	value   string
	message string
}

// rowError is a row that cannot be read; the rows after it can.
type rowError struct{ message string }

func (e rowError) Error() string { return e.message }

// Caps on the problems listed for a table: a junk sheet gives the same message on every row.
const (
	maxProblemsPerColumn = 20
	maxProblemsPerFile   = 200
	cappingBatch         = 4096 // problems collected before the caps are applied to them
)

// LoadTable reads a school table from a .csv or .xlsx file. name is how messages refer to the
// file. The returned problems hold every error and warning; the table is nil when there are errors.
func LoadTable(path, name string) (*Table, diag.List) {
	return loadSheet(path, name, "学校数据表只支持 .csv 或 .xlsx 文件", ParseCSV, readTable)
}

// loadSheet reads a .csv or .xlsx file, bounded by MaxTableBytes, with parseCSV or readXLSX; other
// extensions get wrongExt.
func loadSheet[T any](path, name, wrongExt string, parseCSV func([]byte, string) (T, diag.List), readXLSX func(rowReader, string) (T, diag.List)) (T, diag.List) {
	fail := func(msg string) (T, diag.List) {
		var zero T
		return zero, diag.List{{File: name, Message: msg}}
	}
	info, err := os.Stat(path)
	if err != nil {
		return fail("无法读取：" + diag.SysError(err))
	}
	if info.Size() > MaxTableBytes {
		return fail(tooBig(info.Size()))
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		src, err := os.ReadFile(path)
		if err != nil {
			return fail("无法读取：" + diag.SysError(err))
		}
		return parseCSV(src, name)
	case ".xlsx":
		x, err := openXLSX(path)
		if err != nil {
			return fail(err.Error())
		}
		defer x.Close()
		return readXLSX(x, name)
	}
	return fail(wrongExt)
}

func tooBig(size int64) string {
	return fmt.Sprintf("文件太大（%s MB），学校数据表不能超过 %d MB", num.Fixed(float64(size)/(1<<20), 1), MaxTableBytes>>20)
}

// ParseCSV reads a school table from CSV bytes in any of the accepted encodings.
func ParseCSV(src []byte, name string) (*Table, diag.List) {
	if len(src) > MaxTableBytes {
		return nil, diag.List{{File: name, Message: tooBig(int64(len(src)))}}
	}
	return readTable(newCSVReader(src), name)
}

type csvReader struct {
	s       *csvScanner
	rec     []string // the record next returns, reused
	err     error    // what makes the whole file unreadable, returned by the first next
	suspect bool     // see text.suspect
	lines   int      // about how many records there are, to size the table once
	offset  int      // where the last record ended
	iss     []cellIssue
}

func newCSVReader(src []byte) *csvReader {
	t, err := decodeText(src)
	if err != nil {
		return &csvReader{err: err}
	}
	comma := byte(',')
	if tabSeparated(t.src) {
		comma = '\t'
	}
	// A hint to size the table: a file of blank lines must not reserve room for 200,000 rows.
	hint := min(bytes.Count(t.src, []byte{'\n'})+1, len(t.src)/32+1)
	// The text is made a string once; the cells are substrings of it.
	return &csvReader{s: newCSVScanner(string(t.src), comma), suspect: t.suspect, lines: hint}
}

// tabSeparated reports whether the first line has tabs and no commas: Excel's "Unicode 文本"
// (UTF-16, tab-separated) renamed to .csv.
func tabSeparated(src []byte) bool {
	first, _, _ := bytes.Cut(src, []byte{'\n'})
	return bytes.IndexByte(first, '\t') >= 0 && bytes.IndexByte(first, ',') < 0
}

func (c *csvReader) sizeHint() int       { return min(c.lines, MaxRows+1) }
func (c *csvReader) fixedWidth() bool    { return true }
func (c *csvReader) issues() []cellIssue { return c.iss }

func (c *csvReader) next() ([]string, int, error) {
	rec, line, err := c.appendNext(c.rec[:0])
	if err != nil {
		return nil, line, err
	}
	c.rec = rec
	return rec, line, nil
}

func (c *csvReader) appendNext(dst []string) ([]string, int, error) {
	c.iss = c.iss[:0]
	if c.err != nil {
		err := c.err
		c.err = io.EOF
		return dst, 0, err
	}
	out, line, err := c.s.read(dst)
	if err != nil {
		c.offset = c.s.pos
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return dst, pe.StartLine, rowError{csvErrorMessage(pe)}
		}
		return dst, 0, err
	}
	// No cell can be too long when the whole record is short enough, which it nearly always is.
	long := c.s.pos-c.offset > MaxCellRunes
	c.offset = c.s.pos
	if !long && !c.suspect {
		return out, line, nil
	}
	for i, f := range out[len(dst):] {
		if msg := longCell(f); msg != "" {
			c.iss = append(c.iss, cellIssue{i, f, msg})
		} else if c.suspect {
			if msg := badText(f); msg != "" {
				c.iss = append(c.iss, cellIssue{i, f, msg})
			}
		}
	}
	return out, line, nil
}

// csvErrorMessage says in Chinese what encoding/csv found wrong with a record.
func csvErrorMessage(pe *csv.ParseError) string {
	at := ""
	if pe.Line != pe.StartLine {
		at = fmt.Sprintf("（错误在第%d行）", pe.Line)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return "CSV 格式错误：没有用引号括起的单元格中出现了引号（\"）" + at + "；含引号的单元格须整个用引号括起，其中的引号写成两个（\"\"）"
	case errors.Is(pe.Err, csv.ErrQuote):
		return "CSV 格式错误：引号不成对，带引号的单元格缺少结束的引号，或结束引号后还有字符" + at + "；如果文件在这里被截断，请重新导出"
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return "CSV 格式错误：列数与表头不同" + at
	}
	return "CSV 格式错误" + at
}

// longCell says what is wrong with a cell longer than any cell of a real table, or "". It is
// cheap for the usual short cell, and runs before anything slower looks at the cell.
func longCell(f string) string {
	if len(f) <= MaxCellRunes {
		return ""
	}
	if n := utf8.RuneCountInString(f); n > MaxCellRunes {
		return fmt.Sprintf("单元格太长（%d 个字符），不能超过 %d 个字符", n, MaxCellRunes)
	}
	return ""
}

// NormalizeHeader folds the variations a header gets in Excel/WPS: full-width brackets and
// letters, spaces, and 【】 for brackets.
func NormalizeHeader(h string) string {
	h = width.Narrow.String(h)
	h = strings.Map(func(r rune) rune {
		switch {
		case isSpace(r):
			return -1
		case r == '【':
			return '('
		case r == '】':
			return ')'
		}
		return r
	}, h)
	return h
}

var headerIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range Columns {
		m[NormalizeHeader(c.Header)] = i
		m[c.Key] = i
		for _, a := range c.Aliases {
			m[NormalizeHeader(a)] = i
		}
	}
	return m
}()

func readTable(rr rowReader, name string) (*Table, diag.List) {
	t, probs := readRows(rr, name)
	if t != nil {
		probs = append(probs, guard(t)...)
	}
	probs = probs.Cap(maxProblemsPerColumn, maxProblemsPerFile)
	if probs.Err() != nil {
		return nil, probs
	}
	return t, probs
}

func readRows(rr rowReader, name string) (*Table, diag.List) {
	var probs diag.List
	header, headerRow, err := rr.next()
	for err == nil && len(rr.issues()) == 0 && isBlankRecord(header) {
		header, headerRow, err = rr.next()
	}
	if err != nil {
		if err == io.EOF {
			return nil, diag.List{{File: name, Message: "文件是空的，没有表头行"}}
		}
		return nil, diag.List{{File: name, Line: headerRow, Message: err.Error()}}
	}
	header = slices.Clone(header) // the reader reuses its record
	for _, is := range rr.issues() {
		probs.Add(name, headerRow, fmt.Sprintf("第%d列", is.col+1), is.value, "%s", is.message)
	}
	if n := len(header) - trailingBlanks(header); n > MaxColumns {
		probs.Add(name, headerRow, "", "", "表头超过 %d 列，学校数据表最多 %d 列", MaxColumns, MaxColumns)
	}
	if probs.Err() != nil {
		return nil, probs
	}
	cols, present, hprobs := mapHeader(header, headerRow, name)
	probs = append(probs, hprobs...)
	if probs.Err() != nil {
		return nil, probs
	}
	t := &Table{File: name, Present: present}
	// The workers parse the rows into their places in schools; rows beyond its length, when the
	// hint is short, go into schools of their own and are appended at the end.
	schools := make([]School, rr.sizeHint())
	inPlace, extra := 0, []School(nil)
	firstRow := make(map[string]int, rr.sizeHint())
	// A junk sheet has a problem in every cell: keep the listed few as the rows are read, so
	// that 100,000 bad rows do not hold millions of problems (over 1 GB) until the end.
	capped := diag.NewCapper(maxProblemsPerColumn, maxProblemsPerFile)
	capped.Add(probs...)
	probs = probs[:0]
	// Records are read in one goroutine and parsed in chunks on every core; the chunks are
	// merged in the table's order, so the schools and problems are those of a serial read.
	order := make(chan *chunk, 4)
	work := make(chan *chunk, 4)
	spare := make(chan *chunk, 8) // merged chunks, for the reader to fill again
	go readChunks(rr, cols, name, schools, order, work, spare)
	workers := max(1, min(runtime.GOMAXPROCS(0), 4))
	for range workers {
		go func() {
			for c := range work {
				c.parse(cols, name)
			}
		}()
	}
	for c := range order {
		<-c.done
		for i := range c.entries {
			e := &c.entries[i]
			probs = append(probs, e.probs...)
			if !e.parsed {
				continue
			}
			s := e.school
			if s.Code != "" {
				if first, dup := firstRow[s.Code]; dup {
					probs.Add(name, s.Row, "学校代码", s.Code, "与第%d行重复（每个校区的学校代码必须唯一）", first)
				} else {
					firstRow[s.Code] = s.Row
				}
			}
			if e.inPlace {
				inPlace++
			} else {
				extra = append(extra, *s)
			}
		}
		capped.Add(probs...)
		probs = probs[:0]
		select {
		case spare <- c:
		default:
		}
	}
	t.Schools = append(schools[:inPlace], extra...)
	probs = capped.List()
	if len(t.Schools) == 0 && probs.Err() == nil {
		probs.Warn(name, 0, "", "", "表中还没有学校数据")
	}
	return t, probs
}

// chunkRows is how many records a chunk holds: enough to make handing it to a worker cheap,
// few enough that a junk sheet's problems of one chunk stay small.
const chunkRows = 1024

// chunk is a run of consecutive rows, parsed by a worker and merged in order. Once merged, it
// is filled again: a table is read through a few chunks rather than 200 of them, and through a
// few megabytes of cells rather than a hundred.
type chunk struct {
	entries []entry
	cells   []string      // the entries' records
	done    chan struct{} // closed when parsed
}

// entry is one row: the problems found while reading it and, for a row to parse, its record
// and then its school and the problems parsing it found.
type entry struct {
	probs   diag.List
	rec     []string // nil: nothing to parse
	skipped []bool   // the cells reported already, nil when none
	row     int
	school  *School // where the row is parsed to
	inPlace bool    // school is in the table's schools
	parsed  bool    // school holds the row
}

func (c *chunk) parse(cols []int, name string) {
	for i := range c.entries {
		e := &c.entries[i]
		if e.rec == nil {
			continue
		}
		e.school.Row = e.row
		parseRecord(e.school, e.rec, cols, e.skipped, name, &e.probs)
		validateSchool(e.school, name, &e.probs)
		e.rec, e.parsed = nil, true
	}
	close(c.done)
}

// readChunks reads the records after the header into chunks, sends each to order (for the
// merge) and to work (for a worker), and closes both at the end of the table. It takes the
// chunks to fill from spare when there are any.
func readChunks(rr rowReader, cols []int, name string, schools []School, order, work chan<- *chunk, spare <-chan *chunk) {
	defer close(order)
	defer close(work)
	codeAt := codeIndex(cols)
	appender, appends := rr.(recordAppender)
	next := 0 // the place in schools of the next row to parse
	newChunk := func() *chunk {
		select {
		case c := <-spare:
			c.entries, c.cells, c.done = c.entries[:0], c.cells[:0], make(chan struct{})
			return c
		default:
			return &chunk{done: make(chan struct{}), entries: make([]entry, 0, chunkRows), cells: make([]string, 0, (len(cols)+1)*chunkRows)}
		}
	}
	c := newChunk()
	send := func() {
		order <- c
		work <- c
		c = newChunk()
	}
	for rows := 0; ; {
		if len(c.entries) >= chunkRows {
			send()
		}
		// The record is read into the chunk's cells when the reader can; it stays there only
		// when it is kept below.
		var rec []string
		var row int
		var err error
		n := len(c.cells)
		if appends {
			var out []string
			out, row, err = appender.appendNext(c.cells)
			rec, c.cells = out[n:len(out):len(out)], out[:n]
		} else {
			rec, row, err = rr.next()
		}
		if err == io.EOF {
			break
		}
		// The entry is filled in place, not copied.
		c.entries = append(c.entries, entry{})
		e := &c.entries[len(c.entries)-1]
		if _, isRow := err.(rowError); err != nil && !isRow {
			e.probs.Add(name, row, "", "", "%v", err)
			break
		}
		issues := rr.issues()
		if err == nil && len(issues) == 0 && isBlankRecord(rec) {
			c.entries = c.entries[:len(c.entries)-1]
			continue
		}
		if rows++; rows > MaxRows {
			e.probs.Add(name, 0, "", "", "数据超过 %d 行（第%d行起未读取）：学校数据表最多 %d 个校区，每个校区一行", MaxRows, row, MaxRows)
			break
		}
		if err != nil {
			e.probs.Add(name, row, "", "", "%v", err)
			continue
		}
		if rr.fixedWidth() && !checkWidth(rec, cols, row, name, &e.probs) {
			continue
		}
		for _, is := range issues {
			if is.col < len(cols) && cols[is.col] >= 0 { // a cell of an ignored column does not matter
				e.probs.Add(name, row, Columns[cols[is.col]].Header, is.value, "%s", is.message)
				if e.skipped == nil {
					e.skipped = make([]bool, len(cols))
				}
				e.skipped[is.col] = true
			}
		}
		if codeAt >= 0 && codeAt < len(rec) && IsExampleCode(normalizeCell(rec[codeAt])) {
			e.probs.Warn(name, row, "学校代码", normalizeCell(rec[codeAt]), "是填表示例，已忽略；填好本县数据后请删除这一行")
			continue
		}
		if appends {
			c.cells = c.cells[:n+len(rec)] // rec is there
		} else {
			c.cells = append(c.cells, rec...) // the reader reuses its record (the strings are not copied)
		}
		e.rec = c.cells[n:len(c.cells):len(c.cells)]
		e.row = row
		if next < len(schools) {
			e.school, e.inPlace = &schools[next], true
			next++
		} else {
			e.school = new(School)
		}
	}
	if len(c.entries) > 0 {
		order <- c
		work <- c
	}
}

// checkWidth reports a CSV row with fewer or more fields than the header: a row cut short (a
// truncated file, a lost comma) would otherwise be read with its last cells blank, and extra
// fields mean a comma too many somewhere. Missing fields of ignored columns (a 备注 added to
// the header only) do not matter; extra fields that are all blank only get a warning.
func checkWidth(rec []string, cols []int, row int, name string, probs *diag.List) bool {
	width := len(cols)
	switch {
	case len(rec) < width && slices.ContainsFunc(cols[len(rec):], func(ci int) bool { return ci >= 0 }):
		probs.Add(name, row, "", "", "这一行只有 %d 列，表头有 %d 列：行不完整（文件被截断，或少了逗号？）", len(rec), width)
		return false
	case len(rec) > width && trailingBlanks(rec) >= len(rec)-width:
		probs.Warn(name, row, "", "", "这一行比表头多出 %d 个空白单元格，已忽略", len(rec)-width)
	case len(rec) > width:
		probs.Add(name, row, "", "", "这一行有 %d 列，表头只有 %d 列（多了逗号？含逗号的单元格须用引号括起）", len(rec), width)
		return false
	}
	return true
}

// trailingBlanks counts the blank cells at the end of a record.
func trailingBlanks(rec []string) int {
	n := 0
	for i := len(rec) - 1; i >= 0 && normalizeCell(rec[i]) == ""; i-- {
		n++
	}
	return n
}

// ExamplePrefix starts the 学校代码 of the example rows in the 填报模板 (youjun new); such rows
// are skipped with a warning.
const ExamplePrefix = "示例"

// IsExampleCode reports whether a 学校代码 marks an example row.
func IsExampleCode(code string) bool { return strings.HasPrefix(code, ExamplePrefix) }

func codeIndex(cols []int) int {
	for i, ci := range cols {
		if ci >= 0 && Columns[ci].Key == "code" {
			return i
		}
	}
	return -1
}

func isBlankRecord(rec []string) bool {
	for _, f := range rec {
		if normalizeCell(f) != "" {
			return false
		}
	}
	return true
}

// mapHeader maps each record position to an index into Columns (-1: ignored).
func mapHeader(header []string, row int, name string) ([]int, map[string]bool, diag.List) {
	var probs diag.List
	cols := make([]int, len(header))
	present := map[string]bool{}
	seen := map[int]string{}
	known := make([]string, 0, len(Columns))
	for _, c := range Columns {
		known = append(known, c.Header)
	}
	for i, h := range header {
		cols[i] = -1
		if len(h) > MaxTextRunes && utf8.RuneCountInString(h) > MaxTextRunes {
			probs.Add(name, row, fmt.Sprintf("第%d列", i+1), h, "列名太长（%d 个字符），不能超过 %d 个字符", utf8.RuneCountInString(h), MaxTextRunes)
			continue
		}
		norm := NormalizeHeader(h)
		if norm == "" {
			continue
		}
		ci, ok := headerIndex[norm]
		if !ok {
			var msg string
			if ci, ok, msg = headerWithUnit(norm); msg != "" {
				probs.Add(name, row, h, "", "%s", msg)
				continue
			}
		}
		if !ok {
			if unit := unitColumn(norm); unit != "" {
				probs.Add(name, row, h, "", "请在列名中注明单位，如「%s」", HeaderOf(unit))
			} else if s := suggest.Closest(norm, known); s != "" {
				probs.Add(name, row, h, "", "未知的列名，是否为「%s」？", s)
			} else {
				probs.Warn(name, row, h, "", "不是学校数据表的列，已忽略")
			}
			continue
		}
		c := Columns[ci]
		if prev, dup := seen[ci]; dup {
			probs.Add(name, row, h, "", "与列「%s」重复", prev)
			continue
		}
		if c.Key == "equipment_value" || c.Key == "equipment_value_yuan" {
			other := "equipment_value"
			if c.Key == other {
				other = "equipment_value_yuan"
			}
			if present[other] {
				probs.Add(name, row, h, "", "「教学仪器设备值(万元)」与「教学仪器设备值(元)」只能填一列")
				continue
			}
		}
		seen[ci] = h
		cols[i] = ci
		present[c.Key] = true
	}
	if present["equipment_value_yuan"] {
		present["equipment_value"] = true
	}
	for _, key := range []string{"code", "name", "type"} {
		if !present[key] {
			probs.Add(name, row, "", "", "缺少必需的列「%s」", HeaderOf(key))
		}
	}
	if !present["primary_students"] && !present["junior_students"] {
		probs.Add(name, row, "", "", "缺少必需的列「小学在校生数」或「初中在校生数」")
	}
	return cols, present, probs
}

// unitColumn returns the column a header names without its unit ("教学仪器设备值"), or "".
func unitColumn(norm string) string {
	switch norm {
	case "教学仪器设备值":
		return "equipment_value"
	case "公用经费预算":
		return "public_fund_budget"
	case "教师培训经费":
		return "training_fund"
	case "公用经费决算":
		return "public_fund_final"
	case "教师培训经费决算":
		return "training_fund_final"
	case "生均公用经费":
		return "public_fund_per_student"
	}
	return ""
}

// parseRecord reads the cells of a record into s. Cells marked in skip are reported already
// and stay unread.
func parseRecord(s *School, rec []string, cols []int, skip []bool, name string, probs *diag.List) {
	for i, ci := range cols {
		if ci < 0 {
			continue
		}
		c := &Columns[ci]
		raw := ""
		if i < len(rec) {
			raw = rec[i]
		}
		if skip != nil && skip[i] {
			if c.text != nil { // keep the text, so that the row is not said to lack it
				*c.text(s) = raw
			}
			continue
		}
		cell := normalizeCell(raw)
		if c.text != nil {
			if c.Kind == Text && len(cell) > MaxTextRunes && utf8.RuneCountInString(cell) > MaxTextRunes {
				probs.Add(name, s.Row, c.Header, raw, "太长（%d 个字符），不能超过 %d 个字符", utf8.RuneCountInString(cell), MaxTextRunes)
				continue
			}
			if c.Kind == Choice && cell != "" {
				cell = parseChoice(c, cell, s.Row, name, probs)
			}
			*c.text(s) = cell
			continue
		}
		n := c.number(s)
		if cell == "" || (c.Blank != Missing && isNoneMark(cell)) {
			if c.Blank != Missing {
				*n = Num(0)
			}
			continue
		}
		if isNoneMark(cell) {
			probs.Add(name, s.Row, c.Header, raw, "不是数字（此列不能用“-”表示无，确无请填 0，未知请留空）")
			continue
		}
		v, perr := parseNumber(cell, c.Kind == Count || c.Kind == Year)
		if perr == tooLarge && c.rng != nil {
			probs.Add(name, s.Row, c.Header, raw, "超出合理范围（%s）", c.rng)
			continue
		}
		if perr != 0 {
			probs.Add(name, s.Row, c.Header, raw, "%s", notNumberMessage(cell, perr))
			continue
		}
		if msg := checkRange(c, v); msg != "" {
			probs.Add(name, s.Row, c.Header, raw, "%s", msg)
			continue
		}
		if c.Scale != 0 {
			v *= c.Scale
		}
		*n = Num(v)
	}
}

func parseChoice(c *Column, cell string, row int, name string, probs *diag.List) string {
	choices := c.choices
	if choices == nil {
		choices = Choices(c.Key)
	}
	if slices.Contains(choices, cell) {
		return cell
	}
	if alias, ok := choiceAliases[c.Key][cell]; ok {
		return alias
	}
	msg := fmt.Sprintf("不是有效的%s（可填：%s）", c.Header, strings.Join(choices, "、"))
	msg += suggest.Hint(cell, choices)
	probs.Add(name, row, c.Header, cell, "%s", msg)
	return ""
}

// reported tells whether a cell of the row has a problem already (the row's problems are the
// last ones): a 学校类型 "小雪" that is no type is not also reported as left blank.
func reported(probs diag.List, row int, column string) bool {
	for i := len(probs) - 1; i >= 0 && probs[i].Line == row; i-- {
		if probs[i].Column == column {
			return true
		}
	}
	return false
}

// validateSchool checks what makes a row inconsistent as a whole.
func validateSchool(s *School, name string, probs *diag.List) {
	if s.Code == "" && !reported(*probs, s.Row, "学校代码") {
		probs.Add(name, s.Row, "学校代码", "", "不能为空")
	}
	if s.Name == "" && !reported(*probs, s.Row, "学校名称") {
		probs.Add(name, s.Row, "学校名称", "", "不能为空")
	}
	students := s.CompulsoryStudents() + s.SeniorStudents.Value
	if s.Type == "" {
		if students > 0 && !reported(*probs, s.Row, "学校类型") {
			probs.Add(name, s.Row, "学校类型", "", "有在校生但未填学校类型")
		}
		return
	}
	if s.Is(standard.TypeNineYear) && (s.PrimaryStudents.Value == 0 || s.JuniorStudents.Value == 0) {
		probs.Add(name, s.Row, "学校类型", string(s.Type), "九年一贯制学校须同时有小学和初中在校生（小学%s人，初中%s人）",
			fmtCount(s.PrimaryStudents.Value), fmtCount(s.JuniorStudents.Value))
	}
	for _, l := range standard.Levels {
		// A student cell that could not be read is reported already; do not infer "no students".
		if s.Students(l) > 0 || !studentsKnown(s, l) {
			continue
		}
		// The keys are made only for a cell to report: this runs for most rows.
		for _, n := range []struct {
			key string // without the level prefix
			v   Number
		}{
			{"qualified_teachers", s.QualifiedTeachers(l)},
			{"backbone_teachers", s.BackboneTeachers(l)},
			{"pe_art_teachers", s.PEArtTeachers(l)},
			{"classes", s.Classes(l)},
			{"max_class", s.MaxClass(l)},
		} {
			if n.v.Value > 0 {
				h := HeaderOf(string(l) + "_" + n.key)
				probs.Add(name, s.Row, h, fmtCount(n.v.Value), "%s在校生为0，不应有%s", l.Chinese(), strings.TrimPrefix(h, l.Chinese()))
			}
		}
	}
	if s.CertifiedTeachers.Valid && s.Teachers.Valid && s.CertifiedTeachers.Value > s.Teachers.Value {
		probs.Add(name, s.Row, "持证专任教师数", fmtCount(s.CertifiedTeachers.Value), "大于专任教师数 %s", fmtCount(s.Teachers.Value))
	}
	if s.MigrantStudents.Valid && s.MigrantStudents.Value > students && studentsKnown(s, standard.Primary) && studentsKnown(s, standard.Junior) && s.SeniorStudents.Valid {
		probs.Add(name, s.Row, "随迁子女数", fmtCount(s.MigrantStudents.Value), "大于在校生总数 %s", fmtCount(students))
	}
	if !s.Is(standard.TypeSpecial) && !s.Is(standard.TypeVocational) && s.CompulsoryStudents() == 0 && s.PrimaryStudents.Valid && s.JuniorStudents.Valid {
		probs.Warn(name, s.Row, "", "", "%s没有义务教育阶段在校生，不参与评估", s.Name)
	}
}

func studentsKnown(s *School, l standard.Level) bool {
	if l == standard.Junior {
		return s.JuniorStudents.Valid
	}
	return s.PrimaryStudents.Valid
}

func fmtCount(v float64) string { return num.Exact(v) }
