package pack

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func sampleCatalog() *Catalog {
	return &Catalog{County: "测试县", Date: "2025-10-15",
		Entries: []Entry{
			{ID: "R1", Title: "每百名学生拥有高于规定学历教师数"},
			{ID: "G1", Title: "县域内义务教育学校规划布局合理", EvidenceOnly: true},
			{ID: "G2", Title: "城乡“四统一”", EvidenceOnly: true},
		},
		Evidence: &Evidence{Present: true, ByID: map[string][]EvidenceFile{
			"G1": {{Path: "evidence/G1/布局规划.pdf", Bytes: 1234, SHA256: strings.Repeat("a", 64)}},
		}},
	}
}

// Every indicator says how it is judged; a missing file is shown in red only for an indicator
// judged on evidence alone (G2), where it is a gap, not for one judged on data (R1); the short
// columns and the headers are not broken character by character.
func TestCatalogHTML(t *testing.T) {
	h, err := sampleCatalog().HTML()
	if err != nil {
		t.Fatal(err)
	}
	page := string(h)
	for _, want := range []string{
		`<td class="nw" rowspan="1">R1</td><td class="title" rowspan="1">每百名学生拥有高于规定学历教师数</td><td class="nw" rowspan="1">按数据评估</td><td class="none">无</td>`,
		`<td class="nw" rowspan="1">G2</td><td class="title" rowspan="1">城乡“四统一”</td><td class="nw" rowspan="1">凭佐证材料评估</td><td class="none needed">无</td>`,
		`<td class="nw" rowspan="1">G1</td><td class="title" rowspan="1">县域内义务教育学校规划布局合理</td><td class="nw" rowspan="1">凭佐证材料评估</td><td><a href="site/evidence/G1/`,
		`.none{color:#777}`, `.none.needed{color:#a00;font-weight:bold}`, `th{background:#eee;white-space:nowrap}`,
		`<div class="scroll"><table>`,
		"以下凭佐证材料评估的指标尚无佐证材料：G2。",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("catalog page lacks %s", want)
		}
	}
}

// The workbook says how each indicator is judged too.
func TestCatalogXLSX(t *testing.T) {
	x, err := sampleCatalog().XLSX()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"R1", "每百名学生拥有高于规定学历教师数", "按数据评估", "无"},
		{"G1", "县域内义务教育学校规划布局合理", "凭佐证材料评估", "site/evidence/G1/布局规划.pdf", "1,234", strings.Repeat("a", 64)},
		{"G2", "城乡“四统一”", "凭佐证材料评估", "无"},
	}
	for i, w := range want {
		if strings.Join(rows[i+2], "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %q, want %q", i+3, rows[i+2], w)
		}
	}
}
