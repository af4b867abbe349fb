package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/testsite"
)

// The latest year before the evaluation's with a schools.csv or .xlsx is taken; later years,
// folders without a table and names that are no year are not.
func TestPreviousFile(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../data/schools.csv")
	if err != nil {
		t.Fatal(err)
	}
	put := func(rel string, b []byte) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if name, y := data.PreviousFile(dir, 2025); name != "" || y != 0 {
		t.Errorf("no data/history/: %s %d", name, y)
	}
	put("data/history/2022/schools.csv", src)
	put("data/history/2023/schools.xlsx", []byte("not a workbook"))
	put("data/history/2024/readme.txt", nil)      // no table
	put("data/history/2026/schools.csv", src)     // after the evaluation year
	put("data/history/02023/schools.csv", src)    // no year
	put("data/history/2025.csv/schools.csv", src) // no year
	put("data/history/基本均衡综合差异系数.csv", nil)
	for _, c := range []struct {
		year int
		want string
		y    int
	}{
		{2025, "data/history/2023/schools.xlsx", 2023},
		{2023, "data/history/2022/schools.csv", 2022},
		{2022, "", 0},
		{0, "data/history/2026/schools.csv", 2026},
	} {
		if name, y := data.PreviousFile(dir, c.year); name != c.want || y != c.y {
			t.Errorf("year %d: %s %d, want %s %d", c.year, name, y, c.want, c.y)
		}
	}
	// A table that cannot be read gives its problems, and no table.
	prev, probs := data.LoadPrevious(dir, 2025)
	if prev != nil || !strings.Contains(probs.Error(), "data/history/2023/schools.xlsx") {
		t.Errorf("%v %v", prev, probs)
	}
	prev, probs = data.LoadPrevious(dir, 2023)
	if probs.Err() != nil || prev == nil || prev.Year != 2022 || len(prev.Table.Schools) != 82 || prev.Table.File != "data/history/2022/schools.csv" {
		t.Fatalf("%+v %v", prev, probs)
	}
}

// The year folders leave the history of the coefficients (data/history/*.csv) as it was.
func TestHistoryBesideYears(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	src, _ := os.ReadFile(filepath.Join(dir, "data", "schools.csv"))
	os.MkdirAll(filepath.Join(dir, "data", "history", "2024"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "history", "2024", "schools.csv"), src, 0o644)
	p, err := standard.Load("national-2017")
	if err != nil {
		t.Fatal(err)
	}
	c, probs := data.Load(dir, p)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	want, _ := data.Load("../..", p)
	if c.History == nil || len(c.History.Years) != len(want.History.Years) {
		t.Errorf("history %+v, want %+v", c.History, want.History)
	}
}
