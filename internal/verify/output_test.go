package verify

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/pack"
)

func sampleReport() *Report {
	return &Report{Package: "测试县优质均衡申报材料-2025-10-15", Manifest: pack.Manifest{County: "测试县", Year: 2025, Date: "2025-10-15"},
		Checks: []string{"文件清单", "一致性核查"}, Findings: []Finding{
			{Kind: KindSheet, File: "html/data/cv.xlsx", Where: "附表3 D3", Got: "0.99", Want: "6.07", Message: "单元格的值与按包内数据复算的不同"},
			{Kind: KindSheet, File: "html/data/cv.xlsx", Where: "附表3 D4", Got: "", Want: "6.07", Message: "单元格的值与按包内数据复算的不同"},
			{Kind: KindAudit, File: "site/data/schools.csv", Where: "第 72 行「小学最大班额」", Got: "24", Message: "数据自洽：最大班额 24 人，多于小学在校生 23 人", Warning: true},
		}}
}

// A line of the terminal text gives both values of a discrepancy (an empty one as （空）), and
// only the value of a 提示 that has no expected value: never “应为：（空）”.
func TestTextValues(t *testing.T) {
	var b bytes.Buffer
	if err := sampleReport().WriteText(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{"（包内：0.99；应为：6.07）", "（包内：（空）；应为：6.07）", "多于小学在校生 23 人（值：24）"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "应为：（空）") {
		t.Errorf("a 提示 says 应为：（空）:\n%s", text)
	}
}

// The 核查清单 names the county in its heading, in the HTML page and in the workbook, and its
// short columns (序号, 类别, 结论) are not broken character by character.
func TestReportTitleAndColumns(t *testing.T) {
	r := sampleReport()
	h, err := r.HTML()
	if err != nil {
		t.Fatal(err)
	}
	const title = "测试县申报材料核查清单（测试县优质均衡申报材料-2025-10-15）"
	page := string(h)
	if !strings.Contains(page, "<title>"+title+"</title>") || !strings.Contains(page, "<h1>"+title+"</h1>") {
		t.Errorf("HTML heading is not %q", title)
	}
	if !strings.Contains(page, `<td class="nw">1</td><td class="nw">附表（Excel）</td><td class="nw">不一致</td>`) || !strings.Contains(page, `<div class="scroll"><table>`) ||
		!strings.Contains(page, "th,td.nw{white-space:nowrap}") {
		t.Error("the short columns may break")
	}
	x, err := r.XLSX()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(f.GetSheetList()[0], "A1"); v != title {
		t.Errorf("A1 = %q, want %q", v, title)
	}
	r.Manifest.County = ""
	if got := r.title(); got != "核查清单：测试县优质均衡申报材料-2025-10-15" {
		t.Errorf("title without a county: %q", got)
	}
}

// A number in a table is the same figure however it is written: a spreadsheet program that
// saved the workbook again (15 significant digits, no trailing zero) changed no figure.
func TestSameValue(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"6.75492294826280", "6.7549229482628", true},
		{"0.302137032158400", "0.3021370321584", true},
		{"1", "1.0", true},
		{"6.07286084993091", "0.99", false},
		{"达到", "达到", true},
		{"达到", "未达到", false},
		{"", "0", false},
		{"1e-3", "0.001", true},
	} {
		if got := sameValue(c.a, c.b); got != c.same {
			t.Errorf("sameValue(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// The 核查清单 workbook: one sheet named 核查清单, the title and the summary above a frozen
// header row printed on every page, columns wide enough, long text wrapped, A4 landscape one
// page wide; text stays text; the same report gives the same bytes.
func TestReportWorkbook(t *testing.T) {
	r := sampleReport()
	r.Findings = append(r.Findings, Finding{Kind: KindSheet, File: "html/data/cv.xlsx", Where: "附表3 C3", Got: `=HYPERLINK("http://x")`, Want: "0.41", Message: "单元格的值与按包内数据复算的不同"})
	x, err := r.XLSX()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := r.XLSX()
	if !bytes.Equal(x, again) {
		t.Error("two workbooks of one report differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "核查清单" {
		t.Fatalf("sheets %v", got)
	}
	const sh = "核查清单"
	rows, _ := f.GetRows(sh)
	if rows[2][0] != r.Summary() || strings.Join(rows[4], "|") != "序号|类别|结论|文件|位置|包内的值|应为（复算或清单）|说明" {
		t.Errorf("rows %q", rows[:5])
	}
	if len(rows) != 5+len(r.Findings) {
		t.Errorf("%d rows, want %d", len(rows), 5+len(r.Findings))
	}
	for i, row := range rows[5:] {
		if row[0] != fmt.Sprint(i+1) {
			t.Errorf("row %d numbered %q", i+6, row[0])
		}
	}
	found := false
	for i, row := range rows {
		if len(row) > 5 && row[5] == `=HYPERLINK("http://x")` {
			found = true
			if fm, _ := f.GetCellFormula(sh, cellName(6, i+1)); fm != "" {
				t.Errorf("a packaged value became a formula: %q", fm)
			}
		}
	}
	if !found {
		t.Error("the packaged value is not in the workbook")
	}
	for col, want := range map[string]float64{"D": 30, "F": 34, "G": 34, "H": 50} {
		if w, _ := f.GetColWidth(sh, col); w < want {
			t.Errorf("column %s is %v wide, want %v", col, w, want)
		}
	}
	style, _ := f.GetCellStyle(sh, "H6")
	if s, err := f.GetStyle(style); err != nil || s.Alignment == nil || !s.Alignment.WrapText {
		t.Error("the message does not wrap")
	}
	panes, _ := f.GetPanes(sh)
	if !panes.Freeze || panes.YSplit != 5 {
		t.Errorf("panes %+v", panes)
	}
	opts, _ := f.GetPageLayout(sh)
	if opts.Orientation == nil || *opts.Orientation != "landscape" || opts.FitToWidth == nil || *opts.FitToWidth != 1 {
		t.Errorf("page layout %+v", opts)
	}
	titles := false
	for _, d := range f.GetDefinedName() {
		titles = titles || (d.Name == "_xlnm.Print_Titles" && d.RefersTo == "'核查清单'!$5:$5")
	}
	if !titles {
		t.Error("the header row is not printed on every page")
	}
}

// A wrapped cell's lines are counted with a Chinese character as two: the row is made as
// tall as its longest cell.
func TestWrappedLines(t *testing.T) {
	for _, c := range []struct {
		s    string
		w    float64
		want int
	}{
		{"", 10, 1},
		{"abc", 10, 1},
		{"abcdefghij", 10, 2}, // 10 units in 8
		{"打包后被修改过", 10, 2},    // 14 units in 8
		{"SHA-256 " + strings.Repeat("a", 64), 34, 3},
		{"一\n二", 10, 2},
	} {
		if got := wrappedLines(c.s, c.w); got != c.want {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", c.s, c.w, got, c.want)
		}
	}
}
