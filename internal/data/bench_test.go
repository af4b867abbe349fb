package data_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/synth"
)

// BenchmarkLoadCSV parses and validates a generated table of 200,000 campuses (target ≤ 1 s).
func BenchmarkLoadCSV(b *testing.B) {
	src := synth.CSV(200_000, 1)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		t, probs := data.ParseCSV(src, "synth.csv")
		if probs.Err() != nil || len(t.Schools) != 200_000 {
			b.Fatal(probs)
		}
	}
}

// BenchmarkLoadXLSX reads a generated workbook of 20,000 campuses, written as Excel writes one
// (numbers as numbers).
func BenchmarkLoadXLSX(b *testing.B) {
	path := benchWorkbook(b)
	for b.Loop() {
		t, probs := data.LoadTable(path, "synth.xlsx")
		if probs.Err() != nil || len(t.Schools) != 20_000 {
			b.Fatal(probs)
		}
	}
}

// BenchmarkXLSXRowsExcelize reads the rows of the workbook of BenchmarkLoadXLSX with
// excelize's streaming row iterator, as the issue suggested: the text of the cells only, not
// yet parsed into a table. It is kept to compare with BenchmarkLoadXLSX, which does more.
func BenchmarkXLSXRowsExcelize(b *testing.B) {
	path := benchWorkbook(b)
	for b.Loop() {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != 20_001 {
			b.Fatalf("%d rows", n)
		}
	}
}

// benchWorkbook writes 20,000 generated campuses as an .xlsx with excelize's stream writer.
func benchWorkbook(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "schools.xlsx")
	x, err := synth.XLSX(synth.CSV(20_000, 1))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, x, 0o644); err != nil {
		b.Fatal(err)
	}
	info, _ := os.Stat(path)
	b.SetBytes(info.Size())
	return path
}
