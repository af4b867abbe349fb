package rollsheet

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/rollup"
)

func workbook(t *testing.T) (*excelize.File, []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "run", "testdata", "examples.rollup.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := rollup.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	b, err := XLSX(r, "2025-11-20")
	if err != nil {
		t.Fatal(err)
	}
	again, err := XLSX(r, "2025-11-20")
	if err != nil || !bytes.Equal(b, again) {
		t.Fatalf("two workbooks of one rollup differ (%v)", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, b
}

// Every sheet prints on A4 landscape, one page wide, its header row repeated on every page;
// the header is wrapped so that a long header does not widen its column.
func TestPrintSetup(t *testing.T) {
	f, _ := workbook(t)
	names := map[string]bool{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			names[d.Scope] = d.RefersTo == "'"+d.Scope+"'!$1:$1"
		}
	}
	for _, sheet := range f.GetSheetList() {
		opts, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if opts.Orientation == nil || *opts.Orientation != "landscape" || opts.Size == nil || *opts.Size != 9 ||
			opts.FitToWidth == nil || *opts.FitToWidth != 1 || opts.FitToHeight == nil || *opts.FitToHeight != 0 {
			t.Errorf("%s: page layout %+v", sheet, opts)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: not fitted to the page (%v)", sheet, err)
		}
		if !names[sheet] {
			t.Errorf("%s: the header row is not printed on every page", sheet)
		}
		style, _ := f.GetCellStyle(sheet, "A1")
		s, err := f.GetStyle(style)
		if err != nil || !s.Font.Bold || s.Alignment == nil || !s.Alignment.WrapText {
			t.Errorf("%s: header A1 not bold and wrapped (%v)", sheet, err)
		}
	}
}

// The columns are as wide as what they hold: names and codes are not cut at the default width.
func TestColumnWidths(t *testing.T) {
	f, _ := workbook(t)
	for _, c := range []struct {
		sheet, col string
		min        float64
	}{
		{"总览", "C", 14}, {"总览", "D", 14}, {"总览", "E", 13}, {"总览", "T", 40},
		{"差异系数", "A", 14}, {"差异系数", "B", 13}, {"差异系数", "C", 14},
		{"公示名单", "B", 16}, {"公示名单", "E", 14},
		{"问题清单", "A", 14}, {"问题清单", "G", 90},
	} {
		if w, err := f.GetColWidth(c.sheet, c.col); err != nil || w < c.min {
			t.Errorf("%s column %s is %v wide, want at least %v (%v)", c.sheet, c.col, w, c.min, err)
		}
	}
}

// A school's line in the 问题清单 says its level and that it covers R1–R7, not a bare "R"; its
// text wraps in its column.
func TestProblemLines(t *testing.T) {
	f, _ := workbook(t)
	rows, err := f.GetRows("问题清单")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"县（市、区）", "行政区划代码", "类别", "学段", "指标", "学校代码", "问题"}
	for i, h := range want {
		if rows[0][i] != h {
			t.Fatalf("header %v, want %v", rows[0], want)
		}
	}
	schools := 0
	for i, r := range rows[1:] {
		if r[2] != "学校" {
			continue
		}
		schools++
		if r[4] != "R1–R7" || (r[3] != "小学" && r[3] != "初中") {
			t.Errorf("row %d: %v", i+2, r[:6])
		}
		style, _ := f.GetCellStyle("问题清单", "G"+itoa(i+2))
		if s, err := f.GetStyle(style); err != nil || s.Alignment == nil || !s.Alignment.WrapText {
			t.Errorf("row %d: the problem's text does not wrap", i+2)
		}
	}
	if schools == 0 {
		t.Error("no school in the 问题清单")
	}
}

func itoa(n int) string {
	name, _ := excelize.CoordinatesToCellName(1, n)
	return name[1:]
}

// The workbook's heat fills darken from 低 to 超限 in grey too, as the PDF's and the HTML's.
func TestHeatFillsDarkenInGrey(t *testing.T) {
	grey := func(hex string) float64 {
		var r, g, b int
		fmt.Sscanf(hex, "%02X%02X%02X", &r, &g, &b)
		return 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)
	}
	order := []string{"low", "mid", "high", "critical", "fail"}
	for i := 1; i < len(order); i++ {
		if a, b := grey(fills[order[i-1]]), grey(fills[order[i]]); b >= a-5 {
			t.Errorf("%s (grey %.0f) is not clearly darker than %s (grey %.0f)", order[i], b, order[i-1], a)
		}
	}
}
