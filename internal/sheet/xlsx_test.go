package sheet

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
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
				cells = append(cells, wantCell{value: formatFloat(v), format: formatOf(c), number: true})
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

// wantSheet is the sheet's name a table's workbook should have: its short name, or its title
// when it has none (the odd table's, which is a valid name as it is).
func wantSheet(tb *report.Table) string {
	if tb.Data().Name != "" {
		return tb.Data().Name
	}
	return tb.Data().Title
}

// Every cell of every download reads back through excelize as the table has it: text as
// text, numbers with Excel's 15 digits and the number format of the text shown; the title
// bold and larger, the header bold and wrapped, the table's cells bordered.
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
			sh := wantSheet(tb)
			if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
				t.Fatalf("sheets %q, want %q", got, sh)
			}
			if props, _ := f.GetDocProps(); props.Title != tb.Title || props.Created != "2025-10-15T00:00:00Z" || props.Creator != "youjun" {
				t.Errorf("properties %+v", props)
			}
			rows := wantCells(tb)
			for r, row := range rows {
				for i, want := range row {
					cell, _ := excelize.CoordinatesToCellName(i+1, r+1)
					got, _ := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
					if got != want.value {
						t.Errorf("%s = %.80q, want %.80q", cell, got, want.value)
					}
					typ, _ := f.GetCellType(sh, cell)
					if want.number && typ != excelize.CellTypeUnset || !want.number && want.value != "" && typ != excelize.CellTypeSharedString {
						t.Errorf("%s is of type %v", cell, typ)
					}
					id, _ := f.GetCellStyle(sh, cell)
					style, _ := f.GetStyle(id)
					format := ""
					if style.CustomNumFmt != nil {
						format = *style.CustomNumFmt
					}
					bold := style.Font != nil && style.Font.Bold
					if format != want.format || bold != want.bold {
						t.Errorf("%s has the format %q, bold %v; want %q, %v", cell, format, bold, want.format, want.bold)
					}
					a := style.Alignment
					switch {
					case r == 0:
						if style.Font == nil || style.Font.Size != 14 || a == nil || a.Horizontal != "center" {
							t.Errorf("%s: title font %+v, alignment %+v", cell, style.Font, a)
						}
					case r == 1:
						if a == nil || !a.WrapText || a.Vertical != "center" || a.Horizontal != "center" {
							t.Errorf("%s: header alignment %+v", cell, a)
						}
					}
					// The header's and the rows' cells have a thin border on each side, so that
					// the printed table has its lines; the title and the notes have none.
					inTable := r >= 1 && r < 2+len(tb.Data().Rows)
					if bordered := len(style.Border) == 4; bordered != inTable {
						t.Errorf("%s: borders %+v", cell, style.Border)
					}
					if inTable && r >= 2 && !want.number && (a == nil || !a.WrapText) {
						t.Errorf("%s: text does not wrap (%+v)", cell, a)
					}
				}
			}
			panes, _ := f.GetPanes(sh)
			if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
				t.Errorf("panes %+v", panes)
			}
		})
	}
}

// The layout of the example's tables, hand-checked: each column as wide as its widest cell
// plus 2, a Chinese character counting two, within 6 and 40 (16 for numbers), a long header
// wrapped; a table wider than what A4 portrait holds within its margins (698 pixels, 7 a unit
// and 5 a column) prints landscape.
func TestLayout(t *testing.T) {
	tables := map[string]*report.Table{}
	for _, tb := range exampleTables(t) {
		tables[tb.ID] = tb.Data()
	}
	for _, tt := range []struct {
		id        string
		widths    []int // nil: not checked
		landscape bool
	}{
		// 学段 小学 4+2; 指标 R3 … 60 capped; 标准 2000 4+2; 全县值 3,419.97 8+2; 标准差 667.97 6+2;
		// 差异系数 0.215 5+2; 上限 0.45 4+2; 达标学校 62/62 5+2; 判定 达到（临界） 12+2.
		// 7×104+5×9 = 773 pixels.
		{"cv", []int{6, 40, 6, 10, 8, 7, 6, 7, 14}, true},
		// 调查对象 社区代表？ the widest 8+2; 样本数 a 3-digit count: minimum 6; 认可数 likewise;
		// 认可率 92.71% 6+2; 占样本比例 (10, wrapped in two lines) 100.00% 7+2. 7×39+5×5 = 298.
		{"survey-groups", []int{10, 6, 6, 8, 9}, false},
		// 学校代码 3612340069 10+2; 学校名称 …中等专业学校 11 characters 22+2; 学校类型 特殊教育学校 12+2;
		// 原因 教学点在校生不足50人（23人） 30+2. 7×82+5×4 = 594.
		{"excluded", []int{12, 24, 14, 32}, false},
		// The R headers (62 units) wrap in four lines of 16, not in the width of their numbers.
		{"resource-primary", []int{14, 28, 8, 14, 14, 16, 14, 14, 14, 14, 6, 8}, true},
		{"relaxations", nil, true},
		{"government", nil, true},
		{"survey", nil, false},
		{"odd", nil, true},
	} {
		l := newLayout(tables[tt.id])
		if tt.widths != nil && !slices.Equal(l.widths, tt.widths) {
			t.Errorf("%s: widths %v, want %v", tt.id, l.widths, tt.widths)
		}
		if l.landscape != tt.landscape {
			t.Errorf("%s: landscape %v, want %v", tt.id, l.landscape, tt.landscape)
		}
	}
}

// Every download opened by excelize is laid out for reading and print: the title merged across
// the table, so are the notes; columns no narrower than their content up to the cap; the
// header frozen; A4, one page wide, the orientation of its width; rows 1–2 printed on every
// page; page numbers in the footer.
func TestXLSXPrintSetup(t *testing.T) {
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
			d := tb.Data()
			sh := wantSheet(tb)
			last, _ := excelize.ColumnNumberToName(len(d.Columns))

			merges, err := f.GetMergeCells(sh)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"A1:" + last + "1"}
			for i := range d.Notes {
				row := strconv.Itoa(len(d.Rows) + 4 + i)
				want = append(want, "A"+row+":"+last+row)
			}
			var got []string
			for _, m := range merges {
				got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
			}
			if !slices.Equal(got, want) {
				t.Errorf("merged %q, want %q", got, want)
			}

			pixels := 0
			for i, c := range d.Columns {
				col, _ := excelize.ColumnNumberToName(i + 1)
				w, _ := f.GetColWidth(sh, col)
				limit := 40.0
				if c.Numeric {
					limit = 16
				}
				widest := 0
				for _, row := range d.Rows {
					if i < len(row) {
						widest = max(widest, uniseg.StringWidth(row[i].Text))
					}
				}
				if w < 6 || w > limit || w < min(float64(widest+2), limit) {
					t.Errorf("column %s is %g wide; its widest cell is %d", col, w, widest)
				}
				pixels += 7*int(w) + 5
			}

			layout, err := f.GetPageLayout(sh)
			if err != nil {
				t.Fatal(err)
			}
			orientation := "portrait"
			if pixels > 698 {
				orientation = "landscape"
			}
			if *layout.Size != 9 || *layout.Orientation != orientation || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
				t.Errorf("page: size %d, %s, fit to %d×%d; want 9 (A4), %s, 1×0", *layout.Size, *layout.Orientation, *layout.FitToWidth, *layout.FitToHeight, orientation)
			}
			if props, _ := f.GetSheetProps(sh); props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("fitToPage not set")
			}
			if hf, _ := f.GetHeaderFooter(sh); hf == nil || hf.OddFooter != "&C第 &P 页，共 &N 页" {
				t.Errorf("header and footer %+v", hf)
			}
			var titles []excelize.DefinedName
			for _, n := range f.GetDefinedName() {
				if n.Name == "_xlnm.Print_Titles" {
					titles = append(titles, n)
				}
			}
			quoted := "'" + strings.ReplaceAll(sh, "'", "''") + "'"
			if len(titles) != 1 || titles[0].Scope != sh || titles[0].RefersTo != quoted+"!$1:$2" {
				t.Errorf("print titles %+v", titles)
			}
			// The header row is as tall as its most wrapped header (16 points a line).
			head := 1
			for i, c := range d.Columns {
				col, _ := excelize.ColumnNumberToName(i + 1)
				w, _ := f.GetColWidth(sh, col)
				head = max(head, (uniseg.StringWidth(c.Header)+int(w)-2)/(int(w)-1))
			}
			if h, _ := f.GetRowHeight(sh, 2); head > 1 && h != float64(16*head) {
				t.Errorf("header row %g high, want %d lines", h, head)
			}
		})
	}
}

// A sheet's name is the table's short name as Excel accepts it, which excelize checks.
func TestSheetName(t *testing.T) {
	for _, tt := range []struct {
		name, title, want string
	}{
		{"资源配置指标全县值与差异系数", "附表3 资源配置指标全县值与差异系数", "资源配置指标全县值与差异系数"},
		{"", "附表3 资源配置指标", "附表3 资源配置指标"},
		{"", "", "附表"},
		{`a/b:c?d*e[f]g\h`, "", "a／b：c？d＊e［f］g＼h"},
		{"'引号'", "", "引号"},
		{" ' 'x' ", "", "x"},
		{"it's", "", "it's"},
		{"a\tb\n\x7f", "", "ab"},
		{"History", "", "附表"},
		{"history", "", "附表"},
		{"'", "附表9", "附表"},
		{strings.Repeat("长", 40), "", strings.Repeat("长", 31)},
		{strings.Repeat("😀", 20), "", strings.Repeat("😀", 15)}, // two UTF-16 units each
		{"ab\xffc", "", "abc"},
	} {
		got := sheetName(&report.Table{Name: tt.name, Title: tt.title})
		if got != tt.want {
			t.Errorf("sheetName(%q, %q) = %q, want %q", tt.name, tt.title, got, tt.want)
		}
		f := excelize.NewFile()
		if err := f.SetSheetName("Sheet1", got); err != nil {
			t.Errorf("excelize refuses %q: %v", got, err)
		}
		f.Close()
	}
}

// shown is what a spreadsheet shows of a wanted cell: a number rounded half away from zero
// to the decimals of its format (from the decimal digits stored, as spreadsheets do), with
// thousands separators when its format has them or as a percentage.
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
	if strings.HasPrefix(c.format, "#,##0") {
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

// LibreOffice prints a wide, long table and a narrow one as the page setup says: A4, landscape
// for the wide one and portrait for the narrow one, one page wide (every page has the first and
// the last column, every row is on a page), the title and the header again on page 2, and the
// page's number in the footer.
func TestXLSXPrintsInLibreOffice(t *testing.T) {
	office, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("no libreoffice")
	}
	pdfinfo, err1 := exec.LookPath("pdfinfo")
	pdftotext, err2 := exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		t.Skip("no poppler-utils")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	dir, tables := writeDownloads(t)
	byID := map[string]*report.Table{}
	for _, tb := range tables {
		byID[tb.ID] = tb.Data()
	}
	cases := []struct {
		id        string
		landscape bool
		minPages  int
	}{
		{"resource-primary", true, 2}, // 12 columns, 62 schools
		{"excluded", false, 1},        // 4 columns
	}
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "pdf", "--outdir", filepath.Join(dir, "pdf")}
	for _, c := range cases {
		args = append(args, filepath.Join(dir, c.id+".xlsx"))
	}
	if out, err := exec.Command(office, args...).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, c := range cases {
		tb := byID[c.id]
		pdf := filepath.Join(dir, "pdf", c.id+".pdf")
		info, err := exec.Command(pdfinfo, pdf).Output()
		if err != nil {
			t.Fatal(err)
		}
		var pages int
		var w, h float64
		for line := range strings.Lines(string(info)) {
			if v, ok := strings.CutPrefix(line, "Pages:"); ok {
				pages, _ = strconv.Atoi(strings.TrimSpace(v))
			}
			if v, ok := strings.CutPrefix(line, "Page size:"); ok {
				fmt.Sscanf(strings.TrimSpace(v), "%g x %g", &w, &h)
			}
		}
		// A4 is 595 × 842 points.
		if long, short := max(w, h), min(w, h); math.Abs(long-842) > 1 || math.Abs(short-595) > 1 || (w > h) != c.landscape {
			t.Errorf("%s: page %g × %g, want A4 landscape %v", c.id, w, h, c.landscape)
		}
		if pages < c.minPages {
			t.Errorf("%s: %d pages, want at least %d", c.id, pages, c.minPages)
		}
		first, last := tb.Columns[0].Header, tb.Columns[len(tb.Columns)-1].Header
		var all strings.Builder
		for p := 1; p <= pages; p++ {
			out, err := exec.Command(pdftotext, "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			text := string(out)
			all.WriteString(text)
			footer := fmt.Sprintf("第 %d 页，共 %d 页", p, pages)
			for _, want := range []string{tb.Title, first, last, footer} {
				if !strings.Contains(text, want) {
					t.Errorf("%s page %d lacks %q:\n%.300s", c.id, p, want, text)
				}
			}
		}
		for _, row := range tb.Rows {
			for _, cell := range []report.Cell{row[0], row[len(row)-1]} {
				if !strings.Contains(all.String(), cell.Text) {
					t.Errorf("%s: %q is on no page", c.id, cell.Text)
				}
			}
		}
	}
}

// openpyxl reads every download: the same values, number formats and bold headers, and the
// same sheet name, frozen rows, merges and print setup as excelize reads.
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
    ps = ws.page_setup
    out[name] = {"title": ws.title, "freeze": ws.freeze_panes, "printTitles": ws.print_title_rows or "",
        "print": [str(ps.paperSize), ps.orientation, str(ps.fitToWidth), str(ps.fitToHeight), str(ws.sheet_properties.pageSetUpPr.fitToPage)],
        "footer": ws.oddFooter.center.text or "", "merged": sorted(str(r) for r in ws.merged_cells.ranges), "rows": [[
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
		Title, Freeze, PrintTitles, Footer string
		Print, Merged                      []string
		Rows                               [][][4]any
	}
	if err := json.Unmarshal(out, &books); err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		book := books[filepath.Join(dir, tb.ID+".xlsx")]
		if book.Title != wantSheet(tb) || book.Freeze != "A3" || book.PrintTitles != "$1:$2" || book.Footer != "第 &P 页，共 &N 页" {
			t.Errorf("%s: sheet %q frozen at %q, printed with rows %q on each page, footer %q", tb.ID, book.Title, book.Freeze, book.PrintTitles, book.Footer)
		}
		orientation := "portrait"
		if newLayout(tb.Data()).landscape {
			orientation = "landscape"
		}
		if want := []string{"9", orientation, "1", "0", "True"}; !slices.Equal(book.Print, want) {
			t.Errorf("%s: paper, orientation, fit to width, height, fit to page: %q, want %q", tb.ID, book.Print, want)
		}
		last, _ := excelize.ColumnNumberToName(len(tb.Data().Columns))
		if len(book.Merged) == 0 || !slices.Contains(book.Merged, "A1:"+last+"1") || len(book.Merged) != 1+len(tb.Data().Notes) {
			t.Errorf("%s: merged %q", tb.ID, book.Merged)
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

// Whatever a table's name and title, its workbook opens, under a sheet name Excel accepts, with
// the print titles pointing at that sheet.
func FuzzSheetName(f *testing.F) {
	for _, s := range []string{"资源配置指标", "a/b:c", "'x'", "History", "", "😀", "it's", "_x0041_", "\x00"} {
		f.Add(s, "附表1 "+s)
	}
	f.Fuzz(func(t *testing.T, name, title string) {
		tb := &report.Table{Name: name, Title: title, Columns: []report.Column{{Header: "a"}, {Header: "b"}}}
		sh := sheetName(tb)
		check := excelize.NewFile()
		defer check.Close()
		if err := check.SetSheetName("Sheet1", sh); err != nil {
			t.Fatalf("sheetName(%q, %q) = %q: %v", name, title, sh, err)
		}
		b, err := XLSX(tb, testDate)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if got := x.GetSheetList(); len(got) != 1 || got[0] != sh {
			t.Fatalf("sheets %q, want %q", got, sh)
		}
		names := x.GetDefinedName()
		if len(names) != 1 || names[0].Scope != sh || names[0].RefersTo != quoteSheet(sh)+"!$1:$2" {
			t.Fatalf("defined names %+v", names)
		}
	})
}

// BenchmarkXLSX writes the example's workbooks one after the other, on one core.
func BenchmarkXLSX(b *testing.B) {
	s, probs := sitepkg.Load("../..", "")
	if probs.Err() != nil {
		b.Fatal(probs)
	}
	tables := report.New(s.Evaluate(), s.Profile, s.County).Tables()
	var d deflater
	for b.Loop() {
		for _, t := range tables {
			if _, err := writeXLSX(t, testDate, &d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// A table of one column merges nothing (a merge of one cell is not valid); one of no columns
// still opens, its title in A1.
func TestXLSXNarrowTables(t *testing.T) {
	for _, tb := range []*report.Table{
		{Name: "一列", Title: "附表1 一列", Columns: []report.Column{{Header: "学校"}}, Rows: [][]report.Cell{{{Text: "示例县第一小学"}}}, Notes: []string{"说明"}},
		{Name: "无列", Title: "附表2 无列"},
	} {
		b, err := XLSX(tb, testDate)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if merges, err := f.GetMergeCells(tb.Name); err != nil || len(merges) != 0 {
			t.Errorf("%s: merges %v, %v", tb.Name, merges, err)
		}
		if v, _ := f.GetCellValue(tb.Name, "A1"); v != tb.Title {
			t.Errorf("%s: A1 = %q", tb.Name, v)
		}
		if layout, _ := f.GetPageLayout(tb.Name); *layout.Orientation != "portrait" {
			t.Errorf("%s: %s", tb.Name, *layout.Orientation)
		}
		f.Close()
	}
}
