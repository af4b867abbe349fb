package data

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const sheetHeader = "学校代码,学校名称,学校类型,小学在校生数,体育运动场馆面积"

// excelizeXLSX writes a table with excelize, then lets edit set cells the way Excel would.
func excelizeXLSX(t *testing.T, edit func(f *excelize.File)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "schools.xlsx")
	writeXLSX(t, []byte(sheetHeader+"\nA,甲小学,小学,300,3000\n"), path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edit(f)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// wantXLSX loads path and checks that it is refused with every message of want.
func wantXLSX(t *testing.T, path string, want ...string) string {
	t.Helper()
	table, probs := LoadTable(path, "data/schools.xlsx")
	if table != nil || probs.Err() == nil {
		t.Fatalf("accepted bad input; problems: %v", probs)
	}
	for _, w := range want {
		if !strings.Contains(probs.Error(), w) {
			t.Errorf("messages\n%s\nlack %q", probs.Error(), w)
		}
	}
	return probs.Error()
}

// A logical TRUE was read as 1 student, a formula without a computed value as blank; an error
// value was "不是数字" without saying why.
func TestXLSXCellTypes(t *testing.T) {
	// writeXLSX leaves row 2 blank: the school is on row 3, 小学在校生数 in column D.
	path := excelizeXLSX(t, func(f *excelize.File) { f.SetCellBool("学校", "D3", true) })
	wantXLSX(t, path, `data/schools.xlsx 第3行「小学在校生数」: "TRUE" 是逻辑值 TRUE，不是数字`)

	path = excelizeXLSX(t, func(f *excelize.File) {
		f.SetCellDefault("学校", "D3", "") // excelize keeps an old value as the formula's result
		f.SetCellFormula("学校", "D3", "E3/10")
	})
	msg := wantXLSX(t, path, `第3行「小学在校生数」: "=E3/10" 是公式，但文件中没有保存它的计算结果；请在 Excel 或 WPS 中打开此文件`)
	if strings.Contains(msg, "在校生为0") || strings.Contains(msg, "未填") {
		t.Errorf("the formula is taken as blank:\n%s", msg)
	}
	// A formula in a text column is no name either.
	path = excelizeXLSX(t, func(f *excelize.File) {
		f.SetCellDefault("学校", "B3", "") // excelize keeps an old value as the formula's result
		f.SetCellFormula("学校", "B3", `"甲"&"小学"`)
	})
	wantXLSX(t, path, `第3行「学校名称」: "=\"甲\"&\"小学\"" 是公式`)

	cells := `<row r="1">` + headerCells() + `</row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2" t="inlineStr"><is><t>甲</t></is></c><c r="C2" t="inlineStr"><is><t>小学</t></is></c>` +
		`<c r="D2" t="e"><f>E2/0</f><v>#DIV/0!</v></c><c r="E2" t="e"><v>#REF!</v></c></row>`
	wantXLSX(t, rawXLSX(t, cells), `第2行「小学在校生数」: "#DIV/0!" 是 Excel 的错误值 #DIV/0!（除数为 0），不是数据`,
		`第2行「体育运动场馆面积」: "#REF!" 是 Excel 的错误值 #REF!（引用的单元格已被删除）`)

	// A formula with its computed value, shared and rich-text strings, escapes: all read.
	cells = `<row r="1">` + headerCells() + `</row>` +
		`<row r="3" spans="1:5"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c t="inlineStr"><is><r><t>小</t></r><r><t>学</t></r></is></c>` +
		`<c r="D3"><f>100*3</f><v>300</v></c><c r="E3" t="str"><f>"3000"</f><v>3000</v></c></row>`
	table, probs := LoadTable(rawXLSX(t, cells, "A_x0031_", "<r><t>甲</t></r><r><t>小学</t></r><rPh><t>こう</t></rPh>"), "x.xlsx")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	s := table.Schools[0]
	if s.Code != "A1" || s.Name != "甲小学" || s.Type != "小学" || s.PrimaryStudents != Num(300) || s.SportsArea != Num(3000) || s.Row != 3 {
		t.Errorf("school = %+v", s)
	}
}

func headerCells() string {
	var b strings.Builder
	for _, h := range strings.Split(sheetHeader, ",") {
		b.WriteString(`<c t="inlineStr"><is><t>` + h + `</t></is></c>`)
	}
	return b.String()
}

// rawXLSX writes a workbook by hand, with one sheet 学校 holding sheetData and the shared
// strings sst, to test what excelize does not write.
func rawXLSX(t testing.TB, sheetData string, sst ...string) string {
	t.Helper()
	return writeZip(t, rawParts(sheetData, sst...))
}

func rawParts(sheetData string, sst ...string) map[string]string {
	var si strings.Builder
	for _, s := range sst {
		if strings.HasPrefix(s, "<") {
			si.WriteString("<si>" + s + "</si>")
		} else {
			si.WriteString("<si><t>" + s + "</t></si>")
		}
	}
	return map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":         `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="说明" sheetId="2" r:id="rId3"/><sheet name="学校" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E3"/><sheetData>` + sheetData + `</sheetData></worksheet>`,
		"xl/worksheets/sheet2.xml": `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>说明</t></is></c></row></sheetData></worksheet>`,
		"xl/sharedStrings.xml":     `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + si.String() + `</sst>`,
	}
}

func writeZip(t testing.TB, parts map[string]string) string {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, body := range parts {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, b.Bytes())
}

func writeFile(t testing.TB, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "schools.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A 1 MB workbook whose shared strings unpack to 1 GiB used more than 7 GB. The same shape,
// smaller, is refused from the sizes in the zip, before anything is unpacked.
func TestZipBomb(t *testing.T) {
	base := rawXLSX(t, `<row r="1">`+headerCells()+`</row>`)
	bomb := func(t *testing.T, name string, write func(w *zip.Writer)) string {
		src, err := os.ReadFile(base)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		for _, f := range zr.File {
			if f.Name != name {
				w.Copy(f)
			}
		}
		write(w)
		w.Close()
		return writeFile(t, b.Bytes())
	}
	t.Run("shared strings of 64 MB", func(t *testing.T) {
		path := bomb(t, "xl/sharedStrings.xml", func(w *zip.Writer) {
			f, _ := w.Create("xl/sharedStrings.xml")
			f.Write([]byte("<sst><si><t>"))
			chunk := bytes.Repeat([]byte("a"), 1<<20)
			for range 64 {
				f.Write(chunk)
			}
			f.Write([]byte("</t></si></sst>"))
		})
		if info, _ := os.Stat(path); info.Size() > 1<<20 {
			t.Fatalf("bomb of %d bytes", info.Size())
		}
		wantXLSX(t, path, "data/schools.xlsx: 不是正常的 Excel 文件：其中的 xl/sharedStrings.xml 解压后有 64 MB", "疑似“压缩炸弹”")
	})
	t.Run("declared 1 GiB", func(t *testing.T) {
		path := bomb(t, "xl/sharedStrings.xml", func(w *zip.Writer) {
			f, _ := w.CreateRaw(&zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Deflate,
				CompressedSize64: 16 << 20, UncompressedSize64: 1 << 30})
			f.Write(make([]byte, 16<<20))
		})
		wantXLSX(t, path, "Excel 文件解压后有 1024 MB，超过了 512 MB 的上限")
	})
	t.Run("100 MB from 4 MB", func(t *testing.T) {
		path := bomb(t, "xl/sharedStrings.xml", func(w *zip.Writer) {
			f, _ := w.CreateRaw(&zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Deflate,
				CompressedSize64: 4 << 20, UncompressedSize64: 100 << 20})
			f.Write(make([]byte, 4<<20))
		})
		wantXLSX(t, path, "Excel 文件解压后有 100 MB，是文件大小的 24 倍，超出了正常 Excel 文件的范围（不超过 20 倍）")
	})
	t.Run("lying about its size", func(t *testing.T) {
		var sheet bytes.Buffer
		sheet.WriteString(`<worksheet><sheetData><row r="1">` + headerCells() + `</row>`)
		for range 20_000 {
			sheet.WriteString(`<row><c t="inlineStr"><is><t>A</t></is></c></row>`)
		}
		sheet.WriteString(`</sheetData></worksheet>`)
		var packed bytes.Buffer
		fw, _ := flate.NewWriter(&packed, flate.BestCompression)
		fw.Write(sheet.Bytes())
		fw.Close()
		path := bomb(t, "xl/worksheets/sheet1.xml", func(w *zip.Writer) {
			f, _ := w.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
				CompressedSize64: uint64(packed.Len()), UncompressedSize64: 1000})
			f.Write(packed.Bytes())
		})
		wantXLSX(t, path, "Excel 文件已损坏（工作表解压出错）；请在 Excel/WPS 中打开后重新保存为 .xlsx")
	})
}

// Files named .xlsx that are something else; zip errors were shown in English.
func TestNotXLSX(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		want string
	}{
		{"xls", append(append([]byte{}, ole2Magic...), make([]byte, 600)...), "这是 Excel 97–2003（.xls）或 WPS（.et）格式的文件，扩展名却是 .xlsx；请在 Excel/WPS 中另存为 .xlsx"},
		{"encrypted", append(append([]byte{}, ole2Magic...), utf16LE("EncryptedPackage")...), "Excel 文件设置了打开密码"},
		{"csv", []byte(sheetHeader + "\nA,甲,小学,300,3000\n"), "这是文本（CSV）文件，不是 Excel 文件；请把扩展名改为 .csv"},
		{"gbk csv", []byte("\xd1\xa7\xd0\xa3\xb4\xfa\xc2\xeb,x\n"), "这是文本（CSV）文件"},
		{"junk", []byte("\x01\x02\x03 junk"), notXLSX},
		{"empty", nil, notXLSX},
		{"truncated zip", []byte("PK\x03\x04\x14\x00\x00\x00"), notXLSX},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := wantXLSX(t, writeFile(t, tt.src), "data/schools.xlsx: "+tt.want)
			if strings.Contains(msg, "zip:") {
				t.Errorf("English: %s", msg)
			}
		})
	}
	wantXLSX(t, writeZip(t, map[string]string{"readme.txt": "hello"}), notXLSX)
	broken := rawXLSX(t, `<row r="1">`+headerCells()+`</row><row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is>`)
	wantXLSX(t, broken, "data/schools.xlsx 第2行: Excel 文件的工作表格式有误，文件可能已损坏")
	parts := rawParts(`<row r="1">` + headerCells() + `</row><row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c></row>`)
	sheet := parts["xl/worksheets/sheet1.xml"]
	parts["xl/worksheets/sheet1.xml"] = sheet[:strings.Index(sheet, `<row r="2">`)+20]
	wantXLSX(t, writeZip(t, parts), "Excel 文件的工作表不完整（文件可能被截断）")
}

// inlineRow writes a row of inline strings, then the raw cells.
func inlineRow(r int, texts string, cells string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for _, s := range strings.Split(texts, ",") {
		b.WriteString(`<c t="inlineStr"><is><t>` + s + `</t></is></c>`)
	}
	return b.String() + cells + "</row>"
}

// Formula results that are not to be trusted: openpyxl writes every formula with an empty
// <v></v>, read as a blank cell (0 students); xlsxwriter and openpyxl mark their workbooks for
// recalculation on load (fullCalcOnLoad), xlsxwriter with 0 as each formula's result, read
// as 0.
func TestXLSXFormulaResults(t *testing.T) {
	const head = sheetHeader + ",核算"
	tests := []struct {
		name   string
		cells  string // 小学在校生数, 体育运动场馆面积 and an ignored column, in row 2
		recalc bool
		want   []string // messages; none: the school reads 300 pupils and 3000 m²
	}{
		{"cached results", `<c><f>100*3</f><v>300</v></c><c><f t="shared" ref="E2:E3" si="0">3000</f><v>3000</v></c><c><f>E2/D2</f><v>10</v></c>`, false, nil},
		{"shared formula", `<c><v>300</v></c><c><f t="shared" si="0"/><v>3000</v></c><c t="e"><f t="shared" si="1"/><v>#DIV/0!</v></c>`, false, nil},
		{"text result", `<c t="str"><f>"300"</f><v>300</v></c><c><v>3000</v></c><c t="str"><f>""</f><v></v></c>`, false, nil},
		{"empty result (openpyxl)", `<c><f>100*3</f><v></v></c><c><f t="shared" si="0"/><v/></c><c><f>E2/D2</f><v></v></c>`, false,
			[]string{`第2行「小学在校生数」: "=100*3" 是公式，但文件中没有保存它的计算结果`, `第2行「体育运动场馆面积」: "（共享公式）" 是公式，但文件中没有保存它的计算结果`}},
		{"no result", `<c><f>100*3</f></c><c><v>3000</v></c><c><f>E2/D2</f></c>`, false,
			[]string{`第2行「小学在校生数」: "=100*3" 是公式，但文件中没有保存它的计算结果`}},
		{"recalculated on load (xlsxwriter)", `<c><f>100*3</f><v>0</v></c><c><v>3000</v></c><c><f>E2/D2</f><v>0</v></c>`, true,
			[]string{`第2行「小学在校生数」: "=100*3" 是公式，文件要求打开时重新计算（由程序生成的文件常见），其中保存的计算结果可能不是最新的`}},
		{"values when recalculated on load", `<c><v>300</v></c><c t="n"><v>3E+3</v></c><c t="b"><v>1</v></c>`, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := rawParts(inlineRow(1, head, "") + inlineRow(2, "A,甲小学,小学", tt.cells))
			if tt.recalc {
				parts["xl/workbook.xml"] = strings.Replace(parts["xl/workbook.xml"], "</workbook>", `<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`, 1)
			}
			path := writeZip(t, parts)
			if tt.want != nil {
				msg := wantXLSX(t, path, tt.want...)
				if strings.Contains(msg, "「核算」: \"") {
					t.Errorf("the ignored column is reported:\n%s", msg)
				}
				return
			}
			table, probs := LoadTable(path, "data/schools.xlsx")
			if probs.Err() != nil {
				t.Fatal(probs)
			}
			if s := table.Schools[0]; s.PrimaryStudents != Num(300) || s.SportsArea != Num(3000) {
				t.Errorf("school = %+v", s)
			}
		})
	}
}

// A date in 建成年份 is refused rather than read as some number: as a date cell (t="d") and as
// Excel stores dates, a day count formatted as a date.
func TestXLSXDates(t *testing.T) {
	head := sheetHeader + ",建成年份"
	row := func(year string) string {
		return rawXLSX(t, inlineRow(1, head, "")+inlineRow(2, "A,甲小学,小学", `<c><v>300</v></c><c><v>3000</v></c>`+year))
	}
	wantXLSX(t, row(`<c t="d"><v>2006-09-01T00:00:00</v></c>`),
		`第2行「建成年份」: "2006-09-01T00:00:00" 是日期，学校数据表中没有填日期的列；「建成年份」只填年份，如 2006`)
	wantXLSX(t, row(`<c s="1"><v>38961</v></c>`), `第2行「建成年份」: "38961" 不是有效的年份`)
	table, probs := LoadTable(row(`<c s="1" t="n"><v>2006</v></c>`), "x.xlsx")
	if probs.Err() != nil || table.Schools[0].BuiltYear != Num(2006) {
		t.Errorf("year: %v %+v", probs, table)
	}
}
