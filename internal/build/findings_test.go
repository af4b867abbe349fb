package build

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/scaffold"
	"github.com/youjun-edu/youjun/internal/testsite"
)

// readCSV reads a school table written in UTF-8.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows[0][0] = strings.TrimPrefix(rows[0][0], "\ufeff")
	return rows
}

// check runs what `youjun check` runs and returns its warnings; --strict must report the same.
func check(t *testing.T, dir string) diag.List {
	t.Helper()
	res, probs := Run(Options{Site: dir, DryRun: true, SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	_, strict := Run(Options{Site: dir, DryRun: true, Strict: true, SystemFonts: noSystemFonts})
	for _, w := range res.Warnings {
		if !slices.ContainsFunc(strict, func(p diag.Problem) bool {
			return p.File == w.File && p.Line == w.Line && p.Column == w.Column && p.Message == w.Message && !p.Warning
		}) {
			t.Errorf("--strict does not report %s", w)
		}
	}
	return res.Warnings
}

// A blank 教学及辅助用房面积 makes R4's county value, its CV and P4 待补充: each is reported
// at the blank cell, not at data/county.toml.
func TestFindingsPointAtBlankCell(t *testing.T) {
	dir := testsite.Copy(t, "../../examples/hunan")
	path := filepath.Join(dir, "data", "schools.csv")
	rows := readCSV(t, path)
	col := slices.Index(rows[0], "教学及辅助用房面积")
	const row = 4 // the table's row 4: its third school
	school := rows[row-1][1]
	rows[row-1][col] = ""
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	found := map[string]bool{}
	for _, p := range check(t, dir) {
		for _, want := range []string{"全县值", "差异系数：", "P4", school} {
			if !strings.Contains(p.Message, want) || !strings.Contains(p.Message, "待补充") {
				continue
			}
			found[want] = true
			if p.File != "data/schools.csv" || p.Line != row || p.Column != "教学及辅助用房面积" {
				t.Errorf("reported at %s 第%d行「%s」, want data/schools.csv 第%d行「教学及辅助用房面积」: %s", p.File, p.Line, p.Column, row, p)
			}
		}
		if p.File == "data/county.toml" && (p.Column == "R4" || p.Column == "P4") {
			t.Errorf("guessed position: %s", p)
		}
	}
	for _, want := range []string{"全县值", "差异系数：", "P4", school} {
		if !found[want] {
			t.Errorf("no 待补充 finding mentions %q", want)
		}
	}
}

// In a new site, a blank 音乐专用教室最小面积 in row 12 of schools.xlsx makes G3 待补充 at that
// cell, not at the [G3] line of county.toml.
func TestFindingsPointAtXLSXCell(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "测试县")
	if err := scaffold.New(scaffold.Options{Dir: dir, Year: 2025, Date: "2025-10-15"}); err != nil {
		t.Fatal(err)
	}
	// The example's schools, in a workbook: the header in row 1, schools from row 2.
	rows := readCSV(t, "../../data/schools.csv")
	col := slices.Index(rows[0], "音乐专用教室最小面积")
	const row = 12
	if rows[row-1][col] == "" || rows[row-1][col-1] == "0" {
		t.Fatalf("row %d must have a music room with its area", row)
	}
	rows[row-1][col] = ""
	rows[15-1][col] = "96" // the one school that fails G3 (88 m²) passes, so that G3 is 待补充
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(filepath.Join(dir, "data", "schools.xlsx")); err != nil {
		t.Fatal(err)
	}

	var g3 []diag.Problem
	for _, p := range check(t, dir) {
		if strings.Contains(p.Message, "G3") {
			g3 = append(g3, p)
		}
	}
	if len(g3) != 1 {
		t.Fatalf("want one finding about G3, got %v", g3)
	}
	if got, want := g3[0].String(), "data/schools.xlsx 第12行「音乐专用教室最小面积」: 待补充：G3"; !strings.HasPrefix(got, want) {
		t.Errorf("got  %s\nwant %s…", got, want)
	}
}
