package verify

import (
	"bytes"
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
