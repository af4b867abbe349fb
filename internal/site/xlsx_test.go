package site

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The example tables saved as .xlsx by independent spreadsheet programs (LibreOffice,
// openpyxl, xlsxwriter; see testdata/xlsx/README.md) evaluate exactly as the CSV tables they
// were made from: the same schools and a byte-identical evaluation.json. A figure read wrongly
// from a clerk's spreadsheet is the worst bug youjun can have.
func TestXLSXFromOtherWriters(t *testing.T) {
	tests := []struct {
		file, site string
		ignored    []string // extra columns of the file, each warned about once
		edit       []edit   // hand edits of the file's XML, as other programs write it
	}{
		{"lo-example.xlsx", "../..", nil, nil},
		{"lo-example-textcodes.xlsx", "../..", nil, nil},
		{"lo-hunan.xlsx", "../../examples/hunan", nil, nil},
		{"openpyxl-example.xlsx", "../..", nil, nil},
		// xlsxwriter asks for recalculation on load, so its formulas are refused (see
		// TestXLSXWriterFormulas); without the flag, their results are read.
		{"xlsxwriter-example.xlsx", "../..", []string{"是否新建"}, []edit{noRecalc}},
		{"lo-formulas-example.xlsx", "../..", []string{"核算生均"}, nil},
		{"lo-resaved-xlsxwriter-example.xlsx", "../..", []string{"是否新建"}, nil},
		{"lo-formulas-hunan.xlsx", "../../examples/hunan", []string{"核算生均"}, nil},
		{"lo-formulas-example.xlsx", "../..", []string{"核算生均"}, []edit{sharedFormulas}},
		{"lo-example.xlsx", "../..", nil, []edit{noRefs}},
		{"lo-example.xlsx", "../..", nil, []edit{prefixed}},
		{"lo-example.xlsx", "../..", nil, []edit{excelNumbers}},
		{"lo-formulas-hunan.xlsx", "../../examples/hunan", []string{"核算生均"}, []edit{sharedFormulas, excelNumbers, noRefs, prefixed}},
	}
	for _, tt := range tests {
		name := tt.file
		for _, e := range tt.edit {
			name += "+" + e.name
		}
		t.Run(name, func(t *testing.T) {
			csv, csvProbs := Load(tt.site, "")
			if csvProbs.Err() != nil {
				t.Fatal(csvProbs)
			}
			dir := copySite(t, tt.site, editXLSX(t, filepath.Join("testdata", "xlsx", tt.file), tt.edit...))
			xlsx, probs := Load(dir, "")
			if probs.Err() != nil {
				t.Fatal(probs)
			}
			want, got := csv.County.Table, xlsx.County.Table
			if got.File != "data/schools.xlsx" {
				t.Errorf("file %q", got.File)
			}
			if !reflect.DeepEqual(got.Present, want.Present) {
				t.Errorf("columns %v, want %v", got.Present, want.Present)
			}
			if len(got.Schools) != len(want.Schools) {
				t.Fatalf("%d schools, want %d", len(got.Schools), len(want.Schools))
			}
			for i := range want.Schools {
				if !reflect.DeepEqual(got.Schools[i], want.Schools[i]) {
					t.Errorf("row %d:\n got %+v\nwant %+v", want.Schools[i].Row, got.Schools[i], want.Schools[i])
				}
			}
			wantJSON, err := csv.Evaluate().JSON()
			if err != nil {
				t.Fatal(err)
			}
			gotJSON, err := xlsx.Evaluate().JSON()
			if err != nil {
				t.Fatal(err)
			}
			// The same evaluation; only the findings' sources name the other file.
			gotJSON = bytes.ReplaceAll(gotJSON, []byte(`"data/schools.xlsx"`), []byte(`"data/schools.csv"`))
			if !bytes.Equal(gotJSON, wantJSON) {
				t.Errorf("evaluation.json differs from the CSV's")
			}
			// The same warnings, and one for each extra column.
			var wantWarn, gotWarn []string
			for _, p := range csvProbs {
				wantWarn = append(wantWarn, strings.ReplaceAll(p.String(), "schools.csv", "schools.xlsx"))
			}
			for _, h := range tt.ignored {
				wantWarn = append(wantWarn, "data/schools.xlsx 第1行「"+h+"」: 不是学校数据表的列，已忽略")
			}
			for _, p := range probs {
				gotWarn = append(gotWarn, p.String())
			}
			if !sameSet(gotWarn, wantWarn) {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(gotWarn, "\n"), strings.Join(wantWarn, "\n"))
			}
		})
	}
}

func sameSet(a, b []string) bool {
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		count[s]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// copySite copies the site.toml and data/ of the site at dir into a temporary folder, with
// table in place of data/schools.csv.
func copySite(t *testing.T, dir, table string) string {
	t.Helper()
	tmp := t.TempDir()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			if rel == "." || rel == "data" || strings.HasPrefix(rel, "data/") {
				return nil
			}
			return filepath.SkipDir
		case rel == "site.toml" || strings.HasPrefix(rel, "data/") && rel != "data/schools.csv":
			return copyFile(path, filepath.Join(tmp, rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := copyFile(table, filepath.Join(tmp, "data", "schools.xlsx")); err != nil {
		t.Fatal(err)
	}
	return tmp
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// An edit rewrites the parts of a workbook, the way some program other than the fixture's
// would have written it.
type edit struct {
	name string
	fn   func(parts map[string]string)
}

// editXLSX returns the path of a copy of the workbook at path with the edits applied.
func editXLSX(t *testing.T, path string, edits ...edit) string {
	t.Helper()
	if len(edits) == 0 {
		return path
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string]string{}
	var names []string
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
		names = append(names, f.Name)
	}
	for _, e := range edits {
		e.fn(parts)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "edited.xlsx")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

const sheetPart = "xl/worksheets/sheet1.xml"

var (
	calcPrFlag = regexp.MustCompile(` fullCalcOnLoad="[^"]*"`)
	rowElem    = regexp.MustCompile(`<row\b([^>]*)>(.*?)</row>`)
	cellElem   = regexp.MustCompile(`<c r="([A-Z]+)[0-9]+"([^>]*?)(?:/>|>(.*?)</c>)`)
	rowRef     = regexp.MustCompile(` r="[0-9]+"`)
	formula    = regexp.MustCompile(`<c r="([A-Z]+)([0-9]+)"([^>]*)><f aca="false">([^<]*)</f>`)
	number     = regexp.MustCompile(`(<c r="([A-Z]+)[0-9]+"[^>]*t="n"[^>]*><v>)([^<]*)(</v>)`)
	element    = regexp.MustCompile(`<(/?)([A-Za-z][A-Za-z0-9]*)([\s/>])`)
)

// noRecalc removes the request to recalculate when the workbook is opened.
var noRecalc = edit{"noRecalc", func(parts map[string]string) {
	parts["xl/workbook.xml"] = calcPrFlag.ReplaceAllString(parts["xl/workbook.xml"], "")
}}

// sharedFormulas turns LibreOffice's formulas into Excel's shared formulas: the first cell of
// a column holds the formula and its range, the cells below only refer to it, each with its
// own result.
var sharedFormulas = edit{"sharedFormulas", func(parts map[string]string) {
	sheet := parts[sheetPart]
	first := map[string]string{} // column → the row of its master formula
	si := map[string]int{}
	last := map[string]string{}
	for _, m := range formula.FindAllStringSubmatch(sheet, -1) {
		if _, ok := first[m[1]]; !ok {
			first[m[1]], si[m[1]] = m[2], len(si)
		}
		last[m[1]] = m[2]
	}
	sheet = formula.ReplaceAllStringFunc(sheet, func(s string) string {
		m := formula.FindStringSubmatch(s)
		col, row := m[1], m[2]
		if row == first[col] {
			return fmt.Sprintf(`<c r="%s%s"%s><f t="shared" ref="%s%s:%s%s" si="%d">%s</f>`, col, row, m[3], col, row, col, last[col], si[col], m[4])
		}
		return fmt.Sprintf(`<c r="%s%s"%s><f t="shared" si="%d"/>`, col, row, m[3], si[col])
	})
	if !strings.Contains(sheet, `<f t="shared" si="0"/>`) {
		panic("no shared formula written")
	}
	parts[sheetPart] = sheet
}}

// noRefs leaves out the r attributes of rows and cells, as some writers do: every cell of a
// row up to its last is then written, a blank one as a style-only <c s="0"/> or with an empty
// <v/>.
var noRefs = edit{"noRefs", func(parts map[string]string) {
	parts[sheetPart] = rowElem.ReplaceAllStringFunc(parts[sheetPart], func(row string) string {
		m := rowElem.FindStringSubmatch(row)
		var b strings.Builder
		b.WriteString("<row" + rowRef.ReplaceAllString(m[1], "") + ">")
		col := 0
		for _, c := range cellElem.FindAllStringSubmatch(m[2], -1) {
			for col++; col < columnNumber(c[1]); col++ {
				if col%2 == 0 {
					b.WriteString(`<c s="0"/>`)
				} else {
					b.WriteString(`<c s="0" t="n"><v/></c>`)
				}
			}
			b.WriteString("<c" + c[2] + ">" + c[3] + "</c>")
		}
		b.WriteString("</row>")
		return b.String()
	})
}}

func columnNumber(ref string) int {
	n := 0
	for _, c := range ref {
		n = n*26 + int(c-'A') + 1
	}
	return n
}

// excelNumbers writes numbers as Excel does, with 17 significant digits (82.4 as
// 82.400000000000006), and some in exponent form (9611.5 as 9.6115E+3).
var excelNumbers = edit{"excelNumbers", func(parts map[string]string) {
	parts[sheetPart] = number.ReplaceAllStringFunc(parts[sheetPart], func(s string) string {
		m := number.FindStringSubmatch(s)
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			panic(err)
		}
		text := strconv.FormatFloat(v, 'G', 17, 64)
		if m[2] == "Y" { // 教学及辅助用房面积
			text = strings.Replace(strconv.FormatFloat(v, 'E', -1, 64), "E+0", "E+", 1)
		}
		return m[1] + text + m[4]
	})
}}

// prefixed writes the SpreadsheetML elements of the workbook, the shared strings and the sheet
// with a namespace prefix (<x:c>), as the Open XML SDK and some exporters do.
var prefixed = edit{"prefixed", func(parts map[string]string) {
	const main = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	for _, name := range []string{"xl/workbook.xml", "xl/sharedStrings.xml", sheetPart} {
		s := parts[name]
		if !strings.Contains(s, main) {
			panic(name + " has no default namespace")
		}
		s = strings.Replace(s, main, strings.Replace(main, "xmlns=", "xmlns:x=", 1), 1)
		parts[name] = element.ReplaceAllString(s, "<${1}x:$2$3")
	}
}}

// Workbooks whose formula results cannot be trusted are refused, cell by cell, rather than
// read as blank (openpyxl writes no results) or as xlsxwriter's results, which Excel is told to
// recompute. Nothing else in them is reported: the columns ignored hold formulas too.
func TestXLSXWriterFormulas(t *testing.T) {
	tests := []struct {
		file    string
		message string
		columns []string // the columns with formulas
	}{
		{"openpyxl-formulas-example.xlsx", "是公式，但文件中没有保存它的计算结果", []string{"体育运动场馆面积", "公用经费核定学生数"}},
		{"xlsxwriter-example.xlsx", "是公式，文件要求打开时重新计算", []string{"学校名称", "体育运动场馆面积", "公用经费核定学生数"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := copySite(t, "../..", filepath.Join("testdata", "xlsx", tt.file))
			s, probs := Load(dir, "")
			if s != nil || probs.Err() == nil {
				t.Fatalf("loaded; problems: %v", probs)
			}
			seen := map[string]bool{}
			for _, p := range probs {
				if p.Warning || p.Line == 0 && strings.HasPrefix(p.Message, "另有") { // the rest of a long column
					continue
				}
				if p.File != "data/schools.xlsx" || !strings.HasPrefix(p.Value, "=") && p.Value != "（共享公式）" || !strings.HasPrefix(p.Message, tt.message) {
					t.Errorf("unexpected problem %s", p)
				}
				seen[p.Column] = true
			}
			for _, c := range tt.columns {
				if !seen[c] {
					t.Errorf("no problem in「%s」", c)
				}
			}
			if len(seen) != len(tt.columns) {
				t.Errorf("problems in columns %v, want %v", seen, tt.columns)
			}
		})
	}
}
