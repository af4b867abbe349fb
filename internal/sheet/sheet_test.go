package sheet

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/report"
	sitepkg "github.com/youjun-edu/youjun/internal/site"
)

// A school named like a formula must reach a spreadsheet as text: in the CSV with a leading ',
// in the XLSX as a string cell without a formula. Numbers, negative ones included, stay numbers.
func TestDownloadsAreNotFormulas(t *testing.T) {
	s, probs := sitepkg.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	const name = `=HYPERLINK("http://x","y")`
	s.County.Table.Schools[0].Name = name
	rep := report.New(s.Evaluate(), s.Profile, s.County)
	rp, _ := rep.Table("resource-primary")
	minus := -3.5
	extra := []report.Cell{{Text: "+1"}, {Text: "-1"}, {Text: "@SUM(A1)"}, {Text: "\tx"}, {Text: "\r=1"}, {Text: "-3.5", Value: &minus}, {Text: "示例"}, {Text: ""}}
	rp.Rows = append(rp.Rows, extra)
	defer func() { rp.Rows = rp.Rows[:len(rp.Rows)-1] }()

	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(CSV(rp), []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1][1]; got != "'"+name {
		t.Errorf("school name in CSV: %q, want %q", got, "'"+name)
	}
	last := recs[len(recs)-1]
	// encoding/csv drops a lone CR when it writes CRLF lines: "\r=1" would arrive as a formula.
	for i, want := range []string{"'+1", "'-1", "'@SUM(A1)", "'\tx", "'=1", "-3.5", "示例", ""} {
		if last[i] != want {
			t.Errorf("cell %d: %q, want %q", i, last[i], want)
		}
	}

	b, err := XLSX(rp, "2025-10-15")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	check := func(cell, want string, typ excelize.CellType) {
		t.Helper()
		if formula, _ := f.GetCellFormula(sh, cell); formula != "" {
			t.Errorf("%s has the formula %q", cell, formula)
		}
		if v, _ := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true}); v != want {
			t.Errorf("%s = %q, want %q", cell, v, want)
		}
		if got, _ := f.GetCellType(sh, cell); got != typ {
			t.Errorf("%s is of type %v, want %v", cell, got, typ)
		}
	}
	check("B3", name, excelize.CellTypeSharedString)
	row := len(rp.Rows) + 2
	for i, want := range []string{"+1", "-1", "@SUM(A1)"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		check(cell, want, excelize.CellTypeSharedString)
	}
	cell, _ := excelize.CoordinatesToCellName(6, row)
	check(cell, "-3.5", excelize.CellTypeUnset)
}

// The split share is a percentage in both downloads: 56.12…% in the CSV, a fraction formatted as
// 0.00% in the XLSX, so that a spreadsheet shows 56.12% and computes with 0.5612….
func TestSplitShareIsAPercentage(t *testing.T) {
	s, probs := sitepkg.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	rep := report.New(s.Evaluate(), s.Profile, s.County)
	split, _ := rep.Table("split")
	if len(split.Rows) == 0 || split.Rows[0][3].Text != "56.12%" {
		t.Fatalf("split share %v, want 56.12%% in the first row", split.Rows)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(CSV(split), []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1][3]; !strings.HasPrefix(got, "56.122") || !strings.HasSuffix(got, "%") {
		t.Errorf("CSV share %q, want 56.122…%%", got)
	}
	b, err := XLSX(split, "2025-10-15")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	if raw, _ := f.GetCellValue(sh, "D3", excelize.Options{RawCellValue: true}); !strings.HasPrefix(raw, "0.5612") {
		t.Errorf("XLSX share stored as %q, want 0.5612…", raw)
	}
	if shown, _ := f.GetCellValue(sh, "D3"); shown != "56.12%" {
		t.Errorf("XLSX share shown as %q, want 56.12%%", shown)
	}
	// A number with a unit after it counts only its digits: 4.5平方米 has one decimal.
	for s, want := range map[string]int{"3,419.97": 2, "56.12%": 2, "4.5平方米": 1, "2000元": 0} {
		if got := decimalsOf(s); got != want {
			t.Errorf("decimalsOf(%q) = %d, want %d", s, got, want)
		}
	}
}
