package data

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"
)

// exampleCSV is the example county's table, the reference for the variants below.
func exampleCSV(t testing.TB) ([]byte, *Table) {
	t.Helper()
	src, err := os.ReadFile("../../data/schools.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, probs := ParseCSV(src, "t")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return src, want
}

// wantProblems parses src and checks that it is refused with every message of want.
func wantProblems(t *testing.T, src string, want ...string) string {
	t.Helper()
	table, probs := ParseCSV([]byte(src), "data/schools.csv")
	if table != nil || probs.Err() == nil {
		t.Fatalf("accepted bad input; problems: %v", probs)
	}
	msg := probs.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("messages\n%s\nlack %q", msg, w)
		}
	}
	return msg
}

const row2 = "A,甲小学,小学,城区,300,,3,,3000,20,20\n"

// A row cut short, by a truncated file or a lost comma, was read with its last cells blank.
func TestTruncatedRows(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []string
	}{
		{"fewer fields", header + row2 + "B,乙小学,小学,城区,300\n" + "C,丙小学,小学,城区,300,,3,,3000,20,20\n",
			[]string{"data/schools.csv 第3行: 这一行只有 5 列，表头有 11 列：行不完整"}},
		{"truncated in a quoted cell", header + row2 + "B,\"乙小",
			[]string{"第3行: CSV 格式错误：引号不成对，带引号的单元格缺少结束的引号"}},
		{"quote in an unquoted cell", header + "A,甲\"小学,小学,城区,300,,3,,3000,20,20\n" + "B,乙小学,小学,城区,300,,3,,3000,20,,,\n",
			[]string{"第2行: CSV 格式错误：没有用引号括起的单元格中出现了引号（\"）"}},
		{"text after a closing quote", header + "A,\"甲\"小学,小学,城区,300,,3,,3000,20,20\n",
			[]string{"第2行: CSV 格式错误：引号不成对"}},
		{"more fields", header + "A,甲小学,小学,城区,300,,3,,3000,20,20,5\n",
			[]string{"第2行: 这一行有 12 列，表头只有 11 列"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := wantProblems(t, tt.csv, tt.want...)
			if strings.Contains(msg, "CSV 格式错误") && strings.Contains(msg, "行不完整") {
				t.Errorf("one damaged row reported twice:\n%s", msg)
			}
		})
	}
	// Blank extra fields only warn; rows after a bad one are still checked.
	table, probs := ParseCSV([]byte(header+strings.TrimSuffix(row2, "\n")+",,\n"), "x.csv")
	if probs.Err() != nil || len(table.Schools) != 1 || !strings.Contains(probs.Error(), "第2行: 这一行比表头多出 2 个空白单元格，已忽略") {
		t.Errorf("blank extra fields: %v", probs)
	}
	wantProblems(t, header+"A,甲\"小学,小学,城区,300,,3,,3000,20,20\nB,乙小学,小学,城区,约3,,3,,3000,20,20\n",
		"第2行: CSV 格式错误", `第3行「小学在校生数」: "约3" 不是数字`)
	// A column only in the header (a 备注 added there) is no truncation.
	if _, probs := ParseCSV([]byte(strings.TrimSuffix(header, "\n")+",备注\n"+row2), "x.csv"); probs.Err() != nil {
		t.Errorf("column only in the header: %v", probs)
	}
}

// UTF-16 (Excel's "Unicode 文本"), CR-only line ends and tabs read like the UTF-8 CSV.
func TestMoreEncodings(t *testing.T) {
	src, want := exampleCSV(t)
	enc := func(e unicode.Endianness, bom unicode.BOMPolicy, b []byte) []byte {
		out, err := unicode.UTF16(e, bom).NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	tabs := bytes.ReplaceAll(src, []byte(","), []byte("\t"))
	variants := map[string][]byte{
		"utf-16le bom":       enc(unicode.LittleEndian, unicode.UseBOM, src),
		"utf-16be bom":       enc(unicode.BigEndian, unicode.UseBOM, src),
		"utf-16le":           enc(unicode.LittleEndian, unicode.IgnoreBOM, src),
		"utf-16be":           enc(unicode.BigEndian, unicode.IgnoreBOM, src),
		"unicode text (tab)": enc(unicode.LittleEndian, unicode.UseBOM, bytes.ReplaceAll(tabs, []byte("\n"), []byte("\r\n"))),
		"cr only":            bytes.ReplaceAll(src, []byte("\n"), []byte("\r")),
	}
	for name, b := range variants {
		got, probs := ParseCSV(b, "t")
		if probs.Err() != nil {
			t.Errorf("%s: %v", name, probs)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s differs from UTF-8", name)
		}
	}
}

// One stray Latin-1 byte in a UTF-8 file made the whole file read as GBK, garbling every name.
func TestStrayByte(t *testing.T) {
	src, _ := exampleCSV(t)
	bad := bytes.Replace(src, []byte("示例县第二小学"), []byte("示例县第二小学\xe9"), 1)
	msg := wantProblems(t, string(bad), "data/schools.csv 第3行「学校名称」: \"示例县第二小学\\xe9\" 含有无法识别的字符", saveAsHint)
	if n := strings.Count(msg, "\n") + 1; n != 1 {
		t.Errorf("%d problems for one stray byte:\n%s", n, msg)
	}
}

func TestNotText(t *testing.T) {
	junk := bytes.Repeat([]byte("\x00\x01\x02junk\xff\x00"), 100_000)
	msg := wantProblems(t, string(junk), "不是文本文件（第1行起含有二进制内容）", saveAsHint)
	if strings.Count(msg, "\n") > 0 {
		t.Errorf("more than one message:\n%s", msg)
	}
	wantProblems(t, "PK\x03\x04\x14\x00rest of a zip", "这是 Excel（.xlsx）文件，不是 CSV；请把文件名改为 .xlsx")
	wantProblems(t, string(ole2Magic)+"rest", "这是 Excel 97–2003（.xls）或 WPS（.et）文件")
}

// Finite but absurd numbers gave NaN and Inf in pages; integers beyond int64 were "不是整数".
func TestPlausibleRanges(t *testing.T) {
	tests := []struct{ cells, want string }{
		{"A,甲小学,小学,城区,300,,3,,1e300,20,20", `第2行「体育运动场馆面积」: "1e300" 超出合理范围（0–10000000）`},
		{"A,甲小学,小学,城区,99999999999999999999,,3,,3000,20,20", `「小学在校生数」: "99999999999999999999" 超出合理范围（0–100000）`},
		{"A,甲小学,小学,城区,300,,3,,1e400,20,20", `「体育运动场馆面积」: "1e400" 超出合理范围（0–10000000）`},
		{"A,甲小学,小学,城区,300,,3,,1e-300,20,20", `「体育运动场馆面积」: "1e-300" 过小（不是 0 时应不小于 0.0001）`},
		{"A,甲小学,小学,城区,300,,3,,1e-400,20,20", `「体育运动场馆面积」: "1e-400" 数值过小`},
		{"A,甲小学,小学,城区,300,,3,,3000,20000,20", `「专任教师数」: "20000" 超出合理范围（0–10000）`},
		{"A,甲小学,小学,城区,100001,,3,,3000,20,20", `「小学在校生数」: "100001" 超出合理范围（0–100000）`},
	}
	for _, tt := range tests {
		wantProblems(t, header+tt.cells+"\n", tt.want)
	}
	wantProblems(t, "学校代码,学校名称,学校类型,小学在校生数,建成年份\nA,甲,小学,300,1800\n", `「建成年份」: "1800" 不是有效的年份（1900–2100）`)
	wantProblems(t, "学校代码,学校名称,学校类型,小学在校生数,教学仪器设备值(万元)\nA,甲,小学,300,2000000\n", `"2000000" 超出合理范围（0–1000000）`)

	// The largest real campuses pass.
	big := "A,甲小学,小学,城区,8000,,120,,500000,400,400\n"
	if _, probs := ParseCSV([]byte(header+big), "x.csv"); probs.Err() != nil {
		t.Errorf("a real large school is refused: %v", probs)
	}
	// Every numeric column has its range, in one table.
	for _, c := range Columns {
		if _, ok := Plausible[c.Key]; ok != (c.number != nil) {
			t.Errorf("column %s: range %v, numeric %v", c.Key, ok, c.number != nil)
		}
	}
}

// A 10 MB cell took 2 GB and 40 s; it is refused by its length before anything reads it.
func TestLongCells(t *testing.T) {
	long := strings.Repeat("甲", 4_000_000) // 12 MB
	msg := wantProblems(t, header+"A,"+long+",小学,城区,300,,3,,3000,20,20\n", `第2行「学校名称」: "甲甲甲`, "…（共 4000000 个字符）\" 单元格太长（4000000 个字符），不能超过 32767 个字符")
	if len(msg) > 1000 {
		t.Errorf("message of %d bytes", len(msg))
	}
	wantProblems(t, strings.TrimSuffix(header, "\n")+","+long+"\n"+row2, "第1行「第12列」", "单元格太长")
	wantProblems(t, header+"A,"+strings.Repeat("名", 1001)+",小学,城区,300,,3,,3000,20,20\n", "「学校名称」", "太长（1001 个字符），不能超过 1000 个字符")
	wantProblems(t, strings.Repeat("列,", 250)+"\n", "表头超过 200 列")
}

func TestSizeLimits(t *testing.T) {
	// More rows than any county: refused with the limit, after reading no more than it.
	var b bytes.Buffer
	b.WriteString("学校代码,学校名称,学校类型,小学在校生数\n")
	for i := range MaxRows + 5 {
		fmt.Fprintf(&b, "A%d,甲,小学,1\n", i)
	}
	msg := wantProblems(t, b.String(), fmt.Sprintf("data/schools.csv: 数据超过 200000 行（第%d行起未读取）", MaxRows+2))
	if strings.Count(msg, "\n") > 0 {
		t.Errorf("more than one message:\n%s", msg)
	}
	// A file larger than the limit is refused before it is read.
	path := filepath.Join(t.TempDir(), "schools.csv")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, MaxTableBytes+1); err != nil {
		t.Fatal(err)
	}
	_, probs := LoadTable(path, "data/schools.csv")
	if !strings.Contains(probs.Error(), "data/schools.csv: 文件太大（64.0 MB），学校数据表不能超过 64 MB") {
		t.Errorf("problems = %v", probs)
	}
	_, probs = LoadTable(filepath.Join(t.TempDir(), "missing.csv"), "data/schools.csv")
	if probs.Error() != "data/schools.csv: 无法读取：文件或目录不存在" {
		t.Errorf("problems = %v", probs)
	}
}

// A junk sheet of 300,000 rows printed 599,831 messages.
func TestProblemsAreCapped(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(header)
	for i := range 300_000 {
		fmt.Fprintf(&b, "A%d,甲小学,小学,城区,x,,y,,3000,20,20\n", i)
	}
	_, probs := ParseCSV(b.Bytes(), "data/schools.csv")
	if len(probs) > maxProblemsPerFile+10 {
		t.Fatalf("%d problems", len(probs))
	}
	for _, w := range []string{`第2行「小学在校生数」: "x" 不是数字`, `「小学在校生数」: 另有 199980 处同类问题未列出`, "数据超过 200000 行"} {
		if !strings.Contains(probs.Error(), w) {
			t.Errorf("problems lack %q:\n%s", w, probs.Error())
		}
	}
	// Rows that are no CSV at all count as rows too.
	_, probs = ParseCSV([]byte(header+strings.Repeat("a\"b\n", 300_000)), "data/schools.csv")
	if len(probs) > maxProblemsPerColumn+2 || !strings.Contains(probs.Error(), "数据超过 200000 行") || !strings.Contains(probs.Error(), "另有 199980 处同类问题未列出") {
		t.Errorf("junk lines: %v", probs)
	}
}

// What a spreadsheet puts into a cell instead of a number is named.
func TestNotNumberMessages(t *testing.T) {
	for cell, want := range map[string]string{
		"TRUE":    `"TRUE" 是逻辑值 TRUE，不是数字`,
		"#DIV/0!": `"#DIV/0!" 是 Excel 的错误值 #DIV/0!（除数为 0），不是数据`,
		"=B2*2":   `"=B2*2" 是公式，但文件中没有保存它的计算结果；请在 Excel 或 WPS 中打开此文件`,
	} {
		wantProblems(t, header+"A,甲小学,小学,城区,"+cell+",,3,,3000,20,20\n", want)
	}
}

// assertFinite fails when a number of the table is NaN or infinite.
func assertFinite(t testing.TB, table *Table) {
	if table == nil {
		return
	}
	for _, s := range table.Schools {
		for i := range Columns {
			c := &Columns[i]
			if c.number == nil {
				continue
			}
			if v := c.number(&s).Value; math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("row %d %s = %v", s.Row, c.Key, v)
			}
		}
	}
}

// A junk sheet of 100,000 rows (11 MB) kept its 3 million problems until they were capped at the
// end: 1.1 GB. They are capped as the rows are read; the peak heap is sampled while it loads.
func TestJunkSheetMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 200,000 rows")
	}
	var b bytes.Buffer
	b.WriteString(header)
	for i := range 200_000 {
		fmt.Fprintf(&b, "A%d,甲小学,小学,城区,x,x,y,x,x,x,x\n", i)
	}
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var m runtime.MemStats
		var top uint64
		for {
			select {
			case <-done:
				peak <- top
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&m)
				top = max(top, m.HeapAlloc)
			}
		}
	}()
	_, probs := ParseCSV(b.Bytes(), "data/schools.csv")
	close(done)
	p := <-peak
	if p > 600<<20 { // 1.1 GB before problems were capped while reading; 380–410 MB since
		t.Errorf("peak heap %d MB while reading 200,000 junk rows", p>>20)
	}
	if !strings.Contains(probs.Error(), "另有 199980 处同类问题未列出") {
		t.Errorf("problems:\n%s", probs.Error())
	}
}
