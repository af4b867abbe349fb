package verify

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

func TestCompareCSV(t *testing.T) {
	got := "\xef\xbb\xbf学校,学生数\r\n甲,100\r\n乙,7\r\n"
	want := "\xef\xbb\xbf学校,学生数\r\n甲,101\r\n乙,7\r\n丙,3\r\n"
	fs := compareCSV("html/data/t.csv", []byte(got), []byte(want))
	var lines []string
	for _, f := range fs {
		lines = append(lines, f.Where+" "+f.Got+" → "+f.Want)
	}
	wantLines := "第 2 行第 2 列「学生数」 100 → 101\n第 4 行第 1 列「学校」 （空） → 丙\n第 4 行第 2 列「学生数」 （空） → 3"
	if strings.Join(lines, "\n") != wantLines {
		t.Errorf("differences:\n%s", strings.Join(lines, "\n"))
	}
	if fs := compareCSV("t.csv", []byte("a,b\n1,2\n"), []byte("a,b\r\n1,2\r\n")); len(fs) != 1 || !fs[0].Warning {
		t.Errorf("same cells, other bytes: %+v", fs)
	}
}

// FuzzCompare compares arbitrary CSV: never a panic, and a table equals itself.
func FuzzCompare(f *testing.F) {
	f.Add([]byte(`{"a":[{"id":"x","v":1},{"id":"y"}]}`), []byte(`{"a":[{"id":"y","v":2}]}`))
	f.Add([]byte(`[{"code":"1","level":"primary"},{"code":"1","level":"junior"}]`), []byte(`[1,"2",null]`))
	f.Add([]byte("a,b\n\"1\",2"), []byte("a\n1,2,3"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		compareCSV("a.csv", a, b)
		if fs := compareCSV("a.csv", a, a); len(fs) > 0 && !fs[0].Warning && !strings.Contains(fs[0].Message, "不是有效的 CSV") {
			t.Errorf("a CSV differs from itself: %+v", fs)
		}
	})
}

// FuzzParagraphs reads arbitrary bytes as a Word document: an error or paragraphs, never a panic.
func FuzzParagraphs(f *testing.F) {
	f.Add([]byte("PK\x05\x06"))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="w"><w:body><w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>一、基本情况 1</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>小学在校生29673人</w:t><w:tab/><w:t>0.215</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()
	f.Add(buf.Bytes())
	if got := mustParagraphs(buf.Bytes()); len(got) != 1 || got[0] != "小学在校生29673人 0.215" {
		f.Errorf("paragraphs = %q, want the body paragraph without the 目录's", got)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		paragraphFigures(mustParagraphs(b))
	})
}

func mustParagraphs(b []byte) []string {
	p, _ := paragraphs(b)
	return p
}
