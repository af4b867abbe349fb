package data

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"archive/zip"

	"github.com/xuri/excelize/v2"
)

// sheetRows reads every row of a sheet as text to compare: records, row numbers, cell issues
// and the error that ends it.
func sheetRows(next func() ([]string, int, error), issues func() []cellIssue) string {
	var b strings.Builder
	for {
		rec, row, err := next()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			fmt.Fprintf(&b, "row %d: error %s\n", row, err)
			return b.String()
		}
		fmt.Fprintf(&b, "row %d: %q %v\n", row, rec, issues())
	}
}

// readBothXLSX reads the workbook src with the reader of xlsx.go and with the former reader on
// encoding/xml. ok is false when src is no workbook whose sheet either could read.
func readBothXLSX(t testing.TB, src []byte) (got, want string, ok bool) {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return "", "", false
	}
	x := &xlsxReader{zr: zr, hint: 64}
	openErr := x.open(int64(len(src)))
	if x.sheetPart == nil {
		return "", "", false
	}
	old, closer, err := oldSheet(x)
	switch {
	case err != nil && openErr != nil:
		return openErr.Error(), err.Error(), true
	case err != nil || openErr != nil:
		return fmt.Sprint(openErr), fmt.Sprint(err), true
	}
	defer closer.Close()
	defer x.Close()
	return sheetRows(x.next, x.issues), sheetRows(old.next, func() []cellIssue { return old.iss }), true
}

func checkBoth(t *testing.T, name string, src []byte) string {
	t.Helper()
	got, want, ok := readBothXLSX(t, src)
	if !ok {
		t.Fatalf("%s: not read", name)
	}
	if got != want {
		t.Errorf("%s: read as\n%s\nthe former reader read\n%s", name, got, want)
	}
	return got
}

// Workbooks written by LibreOffice, openpyxl, xlsxwriter and excelize read as the former
// reader read them, cell by cell; and the example's table reads from an .xlsx as from its CSV.
func TestXLSXFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/xlsx/*.xlsx")
	if len(files) < 5 {
		t.Fatalf("fixtures %v", files)
	}
	read := map[string]string{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		read[filepath.Base(file)] = checkBoth(t, file, src)
	}
	// What each writer does that the others do not, read as Excel shows it.
	for file, want := range map[string][]string{
		// openpyxl does not escape text that looks like an OOXML escape: _x0041_ reads A.
		"openpyxl.xlsx": {`"  前后有空格  "`, `"两行\n文字"`, `"中文\t学校"`, `"TRUE"`, `"1e+20"`, `"A 转义"`, `"-0"`,
			`{3 =100*3 是公式，但文件中没有保存它的计算结果`},
		"xlsxwriter.xlsx": {`"甲小学 部"`, `"A&B<C>"`, `"_x0041_ 转义"`, `"1.2E-05"`, `"38961"`,
			`{3 =100*3 是公式，文件要求打开时重新计算`, `{4 ="3"&"000" 是公式，文件要求打开时重新计算`},
		// LibreOffice reads the CSV as a user would: 0012 as 12, =1+1 as 2.
		"libreoffice.xlsx":         {`"含逗号, 和\"引号\""`, `["12" "  前后有空格  "`, `"A&B<C>" "2"`, `"1.2E-005"`, `"#N/A"`},
		"libreoffice-resaved.xlsx": {`"  前后有空格  "`, `"1E+020"`, `"300" "3000" "38961"`, `"rich"`},
	} {
		for _, w := range want {
			if !strings.Contains(read[file], w) {
				t.Errorf("%s lacks %s:\n%s", file, w, read[file])
			}
		}
	}

	csv, probs := LoadTable("../../data/schools.csv", "schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	xlsx, probs := LoadTable("testdata/xlsx/example.xlsx", "example.xlsx")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if len(xlsx.Schools) != len(csv.Schools) || len(csv.Schools) == 0 {
		t.Fatalf("%d schools from the xlsx, %d from the csv", len(xlsx.Schools), len(csv.Schools))
	}
	for i := range csv.Schools {
		if !reflect.DeepEqual(xlsx.Schools[i], csv.Schools[i]) {
			t.Errorf("school %d: xlsx %+v\ncsv %+v", i, xlsx.Schools[i], csv.Schools[i])
		}
	}
}

// Workbooks excelize writes, cell by cell and streamed, read as before.
func TestXLSXExcelize(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "学校")
	cells := []any{"学校代码", " 名称 ", "A&B<C>\r\n", 1443, 9611.5, 1e-7, true, false, "", "_x0041_", "=1", nil, "最后"}
	for i, v := range cells {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		f.SetCellValue("学校", cell, v)
	}
	f.SetCellFormula("学校", "A3", "1+1")
	f.SetCellRichText("学校", "B3", []excelize.RichTextRun{{Text: "甲"}, {Text: "小学", Font: &excelize.Font{Bold: true}}})
	f.SetCellStr("学校", "AA4", "far")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	got := checkBoth(t, "excelize", b.Bytes())
	for _, w := range []string{`" 名称 "`, `"A&B<C>\r\n"`, `"9611.5"`, `"0.0000001"`, `"TRUE"`, `"甲小学"`, `"far"`} {
		if !strings.Contains(got, w) {
			t.Errorf("lacks %s:\n%s", w, got)
		}
	}

	f = excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 300; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		sw.SetRow(cell, []any{fmt.Sprint("行", r), r, float64(r) / 7, r%2 == 0, nil, "x"})
	}
	sw.Flush()
	b.Reset()
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	checkBoth(t, "excelize stream", b.Bytes())
}

// The sheets of the other tests of this package read as before.
func TestXLSXRawSheets(t *testing.T) {
	for _, src := range xlsxSheetSeeds {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		parts := rawParts("", "A_x0031_", "<r><t>甲</t></r><r><t>小学</t></r><rPh><t>こう</t></rPh>", `<t xml:space="preserve"> a&amp;b </t>`)
		parts["xl/worksheets/sheet1.xml"] = src
		for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml"} {
			fw, _ := w.Create(name)
			fw.Write([]byte(parts[name]))
		}
		w.Close()
		checkBoth(t, src, b.Bytes())
	}
}

var xlsxSheetSeeds = []string{
	`<worksheet><dimension ref="A1:AL301"/><sheetData><row r="1">` + headerCells() + `</row>` +
		`<row r="3" spans="1:5"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v> 1 </v></c><c t="inlineStr"><is><r><t>小</t></r><r><t>学</t></r><rPh><t>x</t></rPh></is></c>` +
		`<c r="D3"><f>100*3</f><v>300</v></c><c r="E3" t="str"><f>"3000"</f><v>3000</v></c></row>` +
		`<row><c t="s"><v>9</v></c><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="b"><v>2</v></c><c t="e"><v>#N/A</v></c><c t="e"><v>#BAD</v></c><c t="d"><v>2006-09-01</v></c></row>` +
		`<row r="0"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c><c r="A1" t="s"><v>2</v></c><c r="XFD1"><v>3</v></c><c r="GS1"><v>4</v></c><c r="GT1"><v>5</v></c></row>` +
		`<row r="7"><c><f t="shared" si="0"/><v></v></c><c t="str"><f/><v></v></c><c><f>A1</f></c><c t="inlineStr"><is><t>_x0041__x00</t></is></c><c>` + "<v>\r\n 12 &#x33;</v>" + `</c></row>` +
		`</sheetData></worksheet>`,
	`<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row x:r="2"><x:c x:r="B2" x:t="s"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	`<worksheet><sheetData><row><c><v>` + strings.Repeat("1", 40_000) + `</v></c><c t="inlineStr"><is><t>` + strings.Repeat("长", 33_000) + `</t></is></c></row></sheetData></worksheet>`,
	`<worksheet><sheetData><row><c><v>1</v></c></row><row><c><v>2</v>`,
	`<worksheet><sheetData><row><c><v>1</v></c></row><row><c><v>2</v></row></sheetData>`,
	`<worksheet><sheetData><row><c><v>1</v></c>`,
	`<worksheet><sheetData><row><c><v>&bad;</v></c></row></sheetData></worksheet>`,
	`<worksheet><sheetData><row><c><v>` + "\xff" + `</v></c></row></sheetData></worksheet>`,
	`<worksheet><sheetData/></worksheet>`,
	`<worksheet/>`,
	``,
}

// FuzzXLSXSheet: any sheet, in a valid workbook, reads as the former reader read it.
func FuzzXLSXSheet(f *testing.F) {
	for _, s := range xlsxSheetSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, sheet []byte) {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		parts := rawParts("", "A_x0031_", "<r><t>甲</t></r><r><t>小学</t></r>")
		parts["xl/worksheets/sheet1.xml"] = string(sheet)
		for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
			fw, _ := w.Create(name)
			fw.Write([]byte(parts[name]))
		}
		w.Close()
		got, want, ok := readBothXLSX(t, b.Bytes())
		if !ok {
			t.Fatal("not read")
		}
		if got != want {
			t.Fatalf("%q: read as\n%s\nthe former reader read\n%s", sheet, got, want)
		}
	})
}
