package sheet

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/report"
	sitepkg "github.com/youjun-edu/youjun/internal/site"
)

const testDate = "2025-10-15"

// exampleTables returns the example county's report tables, and one more with what the
// report's tables lack: text that needs escaping, an OOXML escape, spaces at the ends, a number
// that is not finite, a long text and many columns.
func exampleTables(t *testing.T) []*report.Table {
	t.Helper()
	s, probs := sitepkg.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	tables := report.New(s.Evaluate(), s.Profile, s.County).Tables()
	nan, big, small, neg := math.NaN(), 123456789012345678.0, 0.000012345678901234567, -0.5
	odd := &report.Table{ID: "odd", Title: `<"附表" & 'x'>`, Notes: []string{"a_x0041_b", " 前后有空格 "}}
	for i := range 30 {
		odd.Columns = append(odd.Columns, report.Column{Header: "列" + strconv.Itoa(i), Numeric: i%3 == 0})
	}
	odd.Rows = [][]report.Cell{
		{{Text: "1.23", Value: &big}, {Text: "<b>&amp;</b>"}, {Text: "\ttab"}, {Text: "0.0000123", Value: &small}, {Text: "-50%", Value: &neg},
			{Text: "无法计算", Value: &nan}, {Text: strings.Repeat("长", 40_000)}, {Text: "=1+1"}, {Text: "a\nb\r\nc"}, {Text: ""}},
	}
	return append(tables, odd)
}

// The same table gives the same bytes, run after run.
func TestXLSXIsDeterministic(t *testing.T) {
	tables := exampleTables(t)
	first, err := Files(tables, testDate)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, err := Files(tables, testDate)
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range first {
			if !bytes.Equal(b, again[name]) {
				t.Errorf("%s differs from one run to the next", name)
			}
		}
	}
	// The workers' compressors, reused from workbook to workbook, pack each as a new one does.
	for _, tb := range tables {
		b, err := XLSX(tb, testDate)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, first["data/"+tb.ID+".xlsx"]) {
			t.Errorf("%s differs when written alone", tb.ID)
		}
	}
}

// want is what a spreadsheet should show of a table, row by row from A1: what each cell holds
// (a number as written), its number format and whether it is bold.
type wantCell struct {
	value, format string
	bold, number  bool
}

func wantCells(tb *report.Table) [][]wantCell {
	tb = tb.Data() // the downloads give a table's entries in full
	rows := [][]wantCell{{{value: tb.Title, bold: true}}, {}}
	for _, c := range tb.Columns {
		rows[1] = append(rows[1], wantCell{value: c.Header, bold: true})
	}
	for _, row := range tb.Rows {
		var cells []wantCell
		for _, c := range row {
			if c.Value != nil && !math.IsNaN(*c.Value) && !math.IsInf(*c.Value, 0) {
				v := *c.Value
				if percent(c) {
					v /= 100
				}
				cells = append(cells, wantCell{value: formatFloat(v), format: numFormat(decimalsOf(c.Text), percent(c)), number: true})
			} else {
				cells = append(cells, wantCell{value: truncateUnits(c.Text, maxCellUnits)})
			}
		}
		rows = append(rows, cells)
	}
	if len(tb.Notes) > 0 {
		rows = append(rows, nil)
	}
	for _, n := range tb.Notes {
		rows = append(rows, []wantCell{{value: "注：" + n}})
	}
	return rows
}

// Every cell of every download reads back through excelize as the table has it: text as
// text, numbers with Excel's 15 digits and the number format of the text shown; the header
// bold, frozen, the columns as wide as before.
func TestXLSXReadsBack(t *testing.T) {
	for _, tb := range exampleTables(t) {
		t.Run(tb.ID, func(t *testing.T) {
			b, err := XLSX(tb, testDate)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); len(got) != 1 || got[0] != "附表" {
				t.Fatalf("sheets %q", got)
			}
			if props, _ := f.GetDocProps(); props.Title != tb.Title || props.Created != "2025-10-15T00:00:00Z" || props.Creator != "youjun" {
				t.Errorf("properties %+v", props)
			}
			for r, row := range wantCells(tb) {
				for i, want := range row {
					cell, _ := excelize.CoordinatesToCellName(i+1, r+1)
					got, _ := f.GetCellValue("附表", cell, excelize.Options{RawCellValue: true})
					if got != want.value {
						t.Errorf("%s = %.80q, want %.80q", cell, got, want.value)
					}
					typ, _ := f.GetCellType("附表", cell)
					if want.number && typ != excelize.CellTypeUnset || !want.number && want.value != "" && typ != excelize.CellTypeSharedString {
						t.Errorf("%s is of type %v", cell, typ)
					}
					id, _ := f.GetCellStyle("附表", cell)
					style, _ := f.GetStyle(id)
					format := ""
					if style.CustomNumFmt != nil {
						format = *style.CustomNumFmt
					}
					bold := style.Font != nil && style.Font.Bold
					if format != want.format || bold != want.bold {
						t.Errorf("%s has the format %q, bold %v; want %q, %v", cell, format, bold, want.format, want.bold)
					}
					if want.bold && (style.Alignment == nil || !style.Alignment.WrapText || style.Alignment.Vertical != "center") {
						t.Errorf("%s: header alignment %+v", cell, style.Alignment)
					}
				}
			}
			for i, c := range tb.Data().Columns {
				col, _ := excelize.ColumnNumberToName(i + 1)
				want := 10.0
				if !c.Numeric {
					want = 22
				}
				if got, _ := f.GetColWidth("附表", col); got != want {
					t.Errorf("column %s is %g wide, want %g", col, got, want)
				}
			}
			panes, _ := f.GetPanes("附表")
			if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
				t.Errorf("panes %+v", panes)
			}
		})
	}
}

// shown is what a spreadsheet shows of a wanted cell: a number rounded half away from zero
// to the decimals of its format (from the decimal digits stored, as spreadsheets do), with
// thousands separators or as a percentage.
func shown(c wantCell) string {
	if !c.number {
		return c.value
	}
	percent := strings.HasSuffix(c.format, "%")
	decimals := 0
	if _, frac, ok := strings.Cut(strings.TrimSuffix(c.format, "%"), "."); ok {
		decimals = len(frac)
	}
	neg := strings.HasPrefix(c.value, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(c.value, "-"), ".")
	if percent {
		frac += "00"
		whole, frac = whole+frac[:2], frac[2:]
	}
	frac += strings.Repeat("0", decimals+1)
	digits := []byte(whole + frac[:decimals])
	if frac[decimals] >= '5' {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		} else {
			digits[i]++
		}
	}
	whole = strings.TrimLeft(string(digits[:len(digits)-decimals]), "0")
	if whole == "" {
		whole = "0"
	}
	if !percent {
		for i := len(whole) - 3; i > 0; i -= 3 {
			whole = whole[:i] + "," + whole[i:]
		}
	}
	s := whole
	if decimals > 0 {
		s += "." + string(digits[len(digits)-decimals:])
	}
	if neg && strings.Trim(s, "0.,") != "" {
		s = "-" + s
	}
	if percent {
		s += "%"
	}
	return s
}

// writeDownloads writes the example's workbooks into a directory, for other programs.
func writeDownloads(t *testing.T) (dir string, tables []*report.Table) {
	dir = t.TempDir()
	tables = exampleTables(t)
	for _, tb := range tables {
		b, err := XLSX(tb, testDate)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tb.ID+".xlsx"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, tables
}

// LibreOffice opens every download and shows what the report shows: converted to CSV with
// the cells as shown, each cell is the table's text, each number formatted as in the report.
func TestXLSXInLibreOffice(t *testing.T) {
	office, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("no libreoffice")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	dir, tables := writeDownloads(t)
	var files []string
	for _, tb := range tables {
		files = append(files, filepath.Join(dir, tb.ID+".xlsx"))
	}
	// Its own profile, so as not to wait on a LibreOffice already running; the filter options
	// are: comma, double quote, UTF-8, from row 1, …, cells as shown.
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", filepath.Join(dir, "csv")}, files...)
	if out, err := exec.Command(office, args...).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, tb := range tables {
		src, err := os.ReadFile(filepath.Join(dir, "csv", tb.ID+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(src))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := wantCells(tb)
		if len(recs) != len(want) {
			t.Errorf("%s: %d rows, want %d", tb.ID, len(recs), len(want))
			continue
		}
		for i, row := range want {
			for j, c := range row {
				got := ""
				if j < len(recs[i]) {
					got = recs[i][j]
				}
				// LibreOffice writes a line break inside a cell as LF.
				if w := strings.ReplaceAll(shown(c), "\r\n", "\n"); got != w {
					t.Errorf("%s row %d column %d: %.60q, want %.60q", tb.ID, i+1, j+1, got, w)
				}
			}
		}
	}
}

// openpyxl reads every download: the same values, number formats and bold headers.
func TestXLSXInOpenpyxl(t *testing.T) {
	python := "/usr/bin/python3"
	if exec.Command(python, "-c", "import openpyxl").Run() != nil {
		t.Skip("no python3 with openpyxl")
	}
	dir, tables := writeDownloads(t)
	const script = `
import json, sys, openpyxl
out = {}
for name in sys.argv[1:]:
    ws = openpyxl.load_workbook(name).active
    out[name] = {"title": ws.title, "freeze": ws.freeze_panes, "rows": [[
        [("" if c.value is None else repr(c.value) if isinstance(c.value, float) else str(c.value)),
         c.number_format, bool(c.font.b), isinstance(c.value, (int, float))] for c in row] for row in ws.iter_rows()]}
json.dump(out, sys.stdout)
`
	args := []string{"-c", script}
	for _, tb := range tables {
		args = append(args, filepath.Join(dir, tb.ID+".xlsx"))
	}
	out, err := exec.Command(python, args...).Output()
	if err != nil {
		t.Fatal(err)
	}
	var books map[string]struct {
		Title, Freeze string
		Rows          [][][4]any
	}
	if err := json.Unmarshal(out, &books); err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		book := books[filepath.Join(dir, tb.ID+".xlsx")]
		if book.Title != "附表" || book.Freeze != "A3" {
			t.Errorf("%s: sheet %q frozen at %q", tb.ID, book.Title, book.Freeze)
		}
		for i, row := range wantCells(tb) {
			for j, want := range row {
				if i >= len(book.Rows) || j >= len(book.Rows[i]) {
					t.Errorf("%s: no cell at row %d column %d", tb.ID, i+1, j+1)
					continue
				}
				got := book.Rows[i][j]
				value, format, bold, number := got[0].(string), got[1].(string), got[2].(bool), got[3].(bool)
				if want.number {
					v, _ := strconv.ParseFloat(value, 64)
					w, _ := strconv.ParseFloat(want.value, 64)
					if v != w || format != want.format || !number {
						t.Errorf("%s row %d column %d: %s %q (number %v), want %s %q", tb.ID, i+1, j+1, value, format, number, want.value, want.format)
					}
				} else if value != want.value || number || format != "General" {
					t.Errorf("%s row %d column %d: %.60q %q, want %.60q", tb.ID, i+1, j+1, value, format, want.value)
				}
				if bold != want.bold {
					t.Errorf("%s row %d column %d: bold %v", tb.ID, i+1, j+1, bold)
				}
			}
		}
	}
}

// BenchmarkFiles writes the example's downloads, CSV and XLSX.
func BenchmarkFiles(b *testing.B) {
	s, probs := sitepkg.Load("../..", "")
	if probs.Err() != nil {
		b.Fatal(probs)
	}
	tables := report.New(s.Evaluate(), s.Profile, s.County).Tables()
	for b.Loop() {
		if _, err := Files(tables, testDate); err != nil {
			b.Fatal(err)
		}
	}
}
