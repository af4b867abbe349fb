package verify

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

func oneSheet(t *testing.T, sheet string, cells map[string]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", sheet)
	for c, v := range cells {
		f.SetCellValue(sheet, c, v)
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A one-sheet workbook is compared cell by cell whatever its sheet is named: a rename is a hint,
// a changed cell a discrepancy at its place.
func TestCompareXLSXRenamedSheet(t *testing.T) {
	want := oneSheet(t, "资源配置指标全县值与差异系数", map[string]any{"A1": "附表3 资源配置", "A2": "学段", "B2": "差异系数", "A3": "小学", "B3": 0.215})
	same := oneSheet(t, "附表", map[string]any{"A1": "附表3 资源配置", "A2": "学段", "B2": "差异系数", "A3": "小学", "B3": 0.215})
	changed := oneSheet(t, "附表", map[string]any{"A1": "附表3 资源配置", "A2": "学段", "B2": "差异系数", "A3": "小学", "B3": 0.199})
	fs := compareXLSX("html/data/cv.xlsx", "附表3 资源配置", same, want)
	if len(fs) != 1 || !fs[0].Warning || fs[0].Got != "附表" {
		t.Errorf("renamed sheet: %+v, want one hint", fs)
	}
	fs = compareXLSX("html/data/cv.xlsx", "附表3 资源配置", changed, want)
	bad := 0
	for _, f := range fs {
		if !f.Warning {
			bad++
			if f.Where != "附表3 B3「差异系数」" || f.Got != "0.199" || f.Want != "0.215" {
				t.Errorf("finding %+v", f)
			}
		}
	}
	if bad != 1 {
		t.Errorf("changed cell: %+v, want one discrepancy", fs)
	}
}
