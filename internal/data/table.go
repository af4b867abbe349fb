package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/width"

	"github.com/youjun-edu/youjun/internal/diag"
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

// rowReader yields the records of a table with their 1-based row numbers.
type rowReader interface {
	next() (record []string, row int, err error)
	sizeHint() int // how many records there are at most
}

// LoadTable reads a school table from a .csv or .xlsx file. name is how messages refer to the
// file. The returned problems hold every error and warning; the table is nil when there are errors.
func LoadTable(path, name string) (*Table, diag.List) {
	var rr rowReader
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, diag.List{{File: name, Message: "无法读取：" + err.Error()}}
		}
		rr = newCSVReader(src)
	case ".xlsx":
		x, err := newXLSXReader(path)
		if err != nil {
			return nil, diag.List{{File: name, Message: err.Error()}}
		}
		rr = x
	default:
		return nil, diag.List{{File: name, Message: "学校数据表只支持 .csv 或 .xlsx 文件"}}
	}
	return readTable(rr, name)
}

// ParseCSV reads a school table from CSV bytes in any of the accepted encodings.
func ParseCSV(src []byte, name string) (*Table, diag.List) {
	return readTable(newCSVReader(src), name)
}

// DecodeText returns src as UTF-8: a UTF-8 BOM is dropped, valid UTF-8 is kept, anything else is
// read as GB18030 (a superset of GBK, what Excel on Chinese Windows saves as "CSV").
func DecodeText(src []byte) []byte {
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		return src[3:]
	}
	if utf8.Valid(src) {
		return src
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
	if err != nil {
		return src
	}
	return out
}

type csvReader struct {
	r     *csv.Reader
	lines int // an upper bound of the records, to size the table once
}

func newCSVReader(src []byte) *csvReader {
	text := DecodeText(src)
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return &csvReader{r: r, lines: bytes.Count(text, []byte{'\n'}) + 1}
}

func (c *csvReader) sizeHint() int { return c.lines }

func (c *csvReader) next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.StartLine, fmt.Errorf("CSV 格式错误（引号不成对或多余）")
		}
		return nil, 0, err
	}
	line, _ := c.r.FieldPos(0)
	return rec, line, nil
}

type xlsxReader struct {
	rows [][]string
	i    int
}

// newXLSXReader reads the sheet named 学校, or else the first sheet, with raw cell values so
// that number formats (thousands separators, percentages) do not change what is read.
func newXLSXReader(path string) (*xlsxReader, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法打开 Excel 文件：%v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("Excel 文件中没有工作表")
	}
	sheet := sheets[0]
	for _, s := range sheets {
		if s == "学校" {
			sheet = s
		}
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("无法读取工作表「%s」：%v", sheet, err)
	}
	return &xlsxReader{rows: rows}, nil
}

func (x *xlsxReader) sizeHint() int { return len(x.rows) }

func (x *xlsxReader) next() ([]string, int, error) {
	if x.i >= len(x.rows) {
		return nil, 0, io.EOF
	}
	x.i++
	return x.rows[x.i-1], x.i, nil
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
	var probs diag.List
	header, headerRow, err := rr.next()
	for err == nil && isBlankRecord(header) {
		header, headerRow, err = rr.next()
	}
	if err != nil {
		if err == io.EOF {
			return nil, diag.List{{File: name, Message: "文件是空的，没有表头行"}}
		}
		return nil, diag.List{{File: name, Line: headerRow, Message: err.Error()}}
	}
	cols, present, hprobs := mapHeader(header, headerRow, name)
	probs = append(probs, hprobs...)
	if probs.Err() != nil {
		return nil, probs
	}
	t := &Table{File: name, Present: present, Schools: make([]School, 0, rr.sizeHint())}
	firstRow := make(map[string]int, rr.sizeHint())
	codeAt := codeIndex(cols)
	for {
		rec, row, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			probs.Add(name, row, "", "", "%v", err)
			break
		}
		if isBlankRecord(rec) {
			continue
		}
		if codeAt >= 0 && codeAt < len(rec) && IsExampleCode(normalizeCell(rec[codeAt])) {
			probs.Warn(name, row, "学校代码", normalizeCell(rec[codeAt]), "是填表示例，已忽略；填好本县数据后请删除这一行")
			continue
		}
		s := School{Row: row}
		parseRecord(&s, rec, cols, name, &probs)
		validateSchool(&s, t, name, &probs)
		if s.Code != "" {
			if first, dup := firstRow[s.Code]; dup {
				probs.Add(name, row, "学校代码", s.Code, "与第%d行重复（每个校区的学校代码必须唯一）", first)
			} else {
				firstRow[s.Code] = row
			}
		}
		t.Schools = append(t.Schools, s)
	}
	if len(t.Schools) == 0 && probs.Err() == nil {
		probs.Warn(name, 0, "", "", "表中还没有学校数据")
	}
	if probs.Err() != nil {
		return nil, probs
	}
	return t, probs
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
		norm := NormalizeHeader(h)
		if norm == "" {
			continue
		}
		ci, ok := headerIndex[norm]
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
	case "生均公用经费":
		return "public_fund_per_student"
	}
	return ""
}

func parseRecord(s *School, rec []string, cols []int, name string, probs *diag.List) {
	for i, ci := range cols {
		if ci < 0 {
			continue
		}
		c := &Columns[ci]
		raw := ""
		if i < len(rec) {
			raw = rec[i]
		}
		cell := normalizeCell(raw)
		if c.text != nil {
			if c.Kind == Choice && cell != "" {
				cell = parseChoice(c, cell, s.Row, name, probs)
			}
			*c.text(s) = cell
			continue
		}
		n := c.number(s)
		if cell == "" || (c.Blank != Missing && noneMarks[cell]) {
			if c.Blank != Missing {
				*n = Num(0)
			}
			continue
		}
		if noneMarks[cell] {
			probs.Add(name, s.Row, c.Header, raw, "不是数字（此列不能用“-”表示无，确无请填 0，未知请留空）")
			continue
		}
		v, perr := parseNumber(cell, c.Kind == Count || c.Kind == Year)
		if perr != 0 {
			probs.Add(name, s.Row, c.Header, raw, "%s", perr.message())
			continue
		}
		if c.Kind == Year && (v < 1900 || v > 2100) {
			probs.Add(name, s.Row, c.Header, raw, "不是有效的年份")
			continue
		}
		if c.Scale != 0 {
			v *= c.Scale
		}
		*n = Num(v)
	}
}

func parseChoice(c *Column, cell string, row int, name string, probs *diag.List) string {
	choices := Choices(c.Key)
	for _, ch := range choices {
		if cell == ch {
			return cell
		}
	}
	if alias, ok := choiceAliases[c.Key][cell]; ok {
		return alias
	}
	msg := fmt.Sprintf("不是有效的%s（可填：%s）", c.Header, strings.Join(choices, "、"))
	if s := suggest.Closest(cell, choices); s != "" {
		msg += "，是否为「" + s + "」？"
	}
	probs.Add(name, row, c.Header, cell, "%s", msg)
	return ""
}

// validateSchool checks what makes a row inconsistent as a whole.
func validateSchool(s *School, t *Table, name string, probs *diag.List) {
	if s.Code == "" {
		probs.Add(name, s.Row, "学校代码", "", "不能为空")
	}
	if s.Name == "" {
		probs.Add(name, s.Row, "学校名称", "", "不能为空")
	}
	students := s.CompulsoryStudents() + s.SeniorStudents.Value
	if s.Type == "" {
		if students > 0 {
			probs.Add(name, s.Row, "学校类型", "", "有在校生但未填学校类型")
		}
		return
	}
	if s.Type == "九年一贯制学校" && (s.PrimaryStudents.Value == 0 || s.JuniorStudents.Value == 0) {
		probs.Add(name, s.Row, "学校类型", s.Type, "九年一贯制学校须同时有小学和初中在校生（小学%s人，初中%s人）",
			fmtCount(s.PrimaryStudents.Value), fmtCount(s.JuniorStudents.Value))
	}
	for _, l := range standard.Levels {
		// A student cell that could not be read is reported already; do not infer "no students".
		if s.Students(l) > 0 || !studentsKnown(s, l) {
			continue
		}
		for _, n := range []struct {
			key string
			v   Number
		}{
			{string(l) + "_qualified_teachers", s.QualifiedTeachers(l)},
			{string(l) + "_backbone_teachers", s.BackboneTeachers(l)},
			{string(l) + "_pe_art_teachers", s.PEArtTeachers(l)},
			{string(l) + "_classes", s.Classes(l)},
			{string(l) + "_max_class", s.MaxClass(l)},
		} {
			if n.v.Value > 0 {
				probs.Add(name, s.Row, HeaderOf(n.key), fmtCount(n.v.Value), "%s在校生为0，不应有%s", l.Chinese(), strings.TrimPrefix(HeaderOf(n.key), l.Chinese()))
			}
		}
	}
	if s.CertifiedTeachers.Valid && s.Teachers.Valid && s.CertifiedTeachers.Value > s.Teachers.Value {
		probs.Add(name, s.Row, "持证专任教师数", fmtCount(s.CertifiedTeachers.Value), "大于专任教师数 %s", fmtCount(s.Teachers.Value))
	}
	if s.MigrantStudents.Valid && s.MigrantStudents.Value > students && studentsKnown(s, standard.Primary) && studentsKnown(s, standard.Junior) && s.SeniorStudents.Valid {
		probs.Add(name, s.Row, "随迁子女数", fmtCount(s.MigrantStudents.Value), "大于在校生总数 %s", fmtCount(students))
	}
	if s.Type != "特殊教育学校" && s.Type != "职业学校" && s.CompulsoryStudents() == 0 && s.PrimaryStudents.Valid && s.JuniorStudents.Valid {
		probs.Warn(name, s.Row, "", "", "%s没有义务教育阶段在校生，不参与评估", s.Name)
	}
}

func studentsKnown(s *School, l standard.Level) bool {
	if l == standard.Junior {
		return s.JuniorStudents.Valid
	}
	return s.PrimaryStudents.Valid
}

func fmtCount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
