package data

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// csvSeeds are the example tables and the weird inputs of issue 9.
func csvSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, p := range []string{"../../data/schools.csv", "../../examples/hunan/data/schools.csv"} {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, src)
	}
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(header + row2))
	return append(seeds,
		[]byte(header+row2),
		utf16le,
		[]byte(header[:len(header)-1]+"\r"+row2[:len(row2)-1]+"\r"),
		[]byte(header+"A,甲小学\xe9,小学,城区,300,,3,,3000,20,20\n"),
		[]byte(header+"A,\"甲小学,小学"),
		[]byte(header+"A,甲小学,小学,城区,1e300,,3,,1e-300,20,99999999999999999999\n"),
		[]byte(header+"A,甲小学,小学,城区,TRUE,,#DIV/0!,,=B2,20,20,,\n"),
		[]byte("\x00\x01binary"),
		[]byte(header+"A,甲小学,小学,城区,３，０００．５,,\" 3 000 \",,—,20,20\n"),
	)
}

// FuzzParseCSV: any bytes are read without panic, and no number leaves the loader NaN, infinite
// or negative.
func FuzzParseCSV(f *testing.F) {
	for _, s := range csvSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		table, probs := ParseCSV(src, "f.csv")
		if (table == nil) != (probs.Err() != nil) {
			t.Fatalf("table %v with problems %v", table != nil, probs)
		}
		if len(probs) > 2*maxProblemsPerFile {
			t.Fatalf("%d problems", len(probs))
		}
		assertFinite(t, table)
	})
}

// FuzzXLSX: any bytes as an .xlsx are read without panic, and no number leaves the loader NaN,
// infinite or negative.
func FuzzXLSX(f *testing.F) {
	dir := f.TempDir()
	for i, s := range csvSeeds(f)[:2] {
		path := filepath.Join(dir, string(rune('a'+i))+".xlsx")
		writeXLSX(f, s, path)
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, sheet := range []string{
		`<row r="1">` + headerCells() + `</row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="b"><v>1</v></c><c r="D2"><f>1/0</f></c><c r="E2" t="e"><v>#DIV/0!</v></c></row>`,
		`<row r="1">` + headerCells() + `</row><row><c t="inlineStr"><is><t>A</t></is></c><c r="XFD1"><v>1e300</v></c></row>`,
	} {
		src, _ := os.ReadFile(rawXLSX(f, sheet, "A_x0031_"))
		f.Add(src)
	}
	f.Add([]byte(header + row2))
	f.Add(append(append([]byte{}, ole2Magic...), utf16LE("EncryptedPackage")...))
	f.Add([]byte(`<worksheet><sheetData><row r="1">` + headerCells() + `</row><row><c t="s"><v>0</v></c><c t="b"><v>1</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, src []byte) {
		// src as a whole file, and as the sheet of a valid workbook (which reaches the XML
		// reader far more often than a mutated zip does).
		loadXLSX(t, src)
		parts := rawParts("", "A_x0031_", "甲")
		parts["xl/worksheets/sheet1.xml"] = string(src)
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		for name, body := range parts {
			fw, _ := w.Create(name)
			fw.Write([]byte(body))
		}
		w.Close()
		loadXLSX(t, b.Bytes())
	})
}

func loadXLSX(t *testing.T, src []byte) {
	x, err := readXLSX(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return
	}
	defer x.Close()
	table, probs := readTable(x, "f.xlsx")
	if (table == nil) != (probs.Err() != nil) {
		t.Fatalf("table %v with problems %v", table != nil, probs)
	}
	assertFinite(t, table)
}
