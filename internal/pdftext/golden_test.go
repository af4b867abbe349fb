package pdftext

import (
	"bytes"
	"compress/zlib"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the PDFs and golden texts under testdata")

// makePDF writes a PDF of the given objects, numbered from 1, with a classic cross-reference
// table; object 1 is the catalog.
func makePDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// streamObj is a stream object of data with extra dictionary entries.
func streamObj(extra, data string) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), extra, data)
}

// handmade is a small PDF that uses what gopdf does not: one-byte fonts with their encodings,
// literal strings, the ' and " operators, kerning, rise, a form, turned text, two content streams
// for one page and inherited resources.
func handmade() []byte {
	toUni := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test def 1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0001> <6E56> <0002> <5357> endbfchar
2 beginbfrange <0010> <0019> <0030> <0020> <0021> [<002E> <0025>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	return makePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Resources << /Font << /H 5 0 R /S 6 0 R /D 12 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [7 0 R 8 0 R] >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 9 0 R /Resources << /Font << /H 5 0 R >> /XObject << /X1 10 0 R >> >> >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [11 0 R] /ToUnicode 13 0 R >>",
		streamObj("", "BT /H 12 Tf 72 720 Td (Hello) Tj ( World) Tj ET\n"+
			"BT /S 12 Tf 72 700 Td <00010002> Tj [<0019> -0 <0018 0020 0012 0021>] TJ [-2000 <0011 0010>] TJ"),
		streamObj("", "ET\nBT /H 12 Tf 14 TL 72 680 Td (Line one) Tj T* (Line two) Tj 0 2 (spaced) \" ET\n"+
			"BT /H 12 Tf 200 720 Td 4 Ts (1) Tj ET\n"+
			"BT /H 12 Tf 72 600 Td [(Table)-1500(Cell)] TJ ET\n"+
			"BT /H 12 Tf 72 580 Td (a\\(b\\)c \\101) Tj ET\n"+
			"BT /H 12 Tf 72 560 Td (Bold) Tj ET BT /H 12 Tf 72.3 560 Td (Bold) Tj ET\n"+
			"BT /D 12 Tf 72 540 Td (\\001\\002\\003\\004) Tj ET\n"+
			"q 1 0 0 1 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q"),
		streamObj("", "BT /H 12 Tf 72 720 Td (Page two) Tj ET\n"+
			"q 1 0 0 1 100 100 cm /X1 Do Q\n"+
			"BT /H 10 Tf 0 1 -1 0 500 300 Tm (second turned line) Tj ET\n"+
			"BT /H 10 Tf 0 1 -1 0 485 300 Tm (first turned line) Tj ET"),
		streamObj("/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Matrix [1 0 0 1 0 500] /Resources << /Font << /F 5 0 R >> >>",
			"BT /F 12 Tf 0 0 Td (In a form) Tj ET"),
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [16 [500 500 500 500 500 500 500 500 500 500] 32 33 500] >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [1 /zero /one /percent /uni4E2D] >> >>",
		streamObj("", toUni),
	)
}

func deflated(b []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

// format writes pages as the golden files hold them.
func format(pages []Page) string {
	var b strings.Builder
	for _, p := range pages {
		fmt.Fprintf(&b, "--- 第 %d 页\n", p.Number)
		for _, l := range p.Lines {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n%s\nwant\n%s", name, got, want)
	}
}

// writeTestPDF writes a generated PDF under testdata with -update, and reads it back, so that the
// fuzz seeds and other tools see the same file.
func writeTestPDF(t *testing.T, name string, b []byte) []byte {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGolden(t *testing.T) {
	pdf := writeTestPDF(t, "handmade.pdf", handmade())
	pages, err := Extract(pdf)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "handmade.txt", format(pages))
	// The same file with cross-reference and object streams, as qpdf writes it, reads the same.
	if *update {
		qpdf, err := exec.LookPath("qpdf")
		if err != nil {
			t.Fatal("-update needs qpdf to write testdata/handmade-objstm.pdf")
		}
		out, err := exec.Command(qpdf, "--object-streams=generate", "--compress-streams=y", "--static-id", "testdata/handmade.pdf", "testdata/handmade-objstm.pdf").CombinedOutput()
		if err != nil {
			t.Fatalf("qpdf: %v\n%s", err, out)
		}
	}
	objstm, err := os.ReadFile("testdata/handmade-objstm.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(objstm, []byte("/ObjStm")) || !bytes.Contains(objstm, []byte("/XRef")) {
		t.Fatal("testdata/handmade-objstm.pdf has no object or cross-reference stream")
	}
	pages2, err := Extract(objstm)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "handmade.txt", format(pages2))
}

func TestErrors(t *testing.T) {
	pdf := handmade()
	encrypted := bytes.Replace(pdf, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>"), 1)
	bomb := makePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		streamObj("/Filter /FlateDecode", string(deflated(bytes.Repeat([]byte{' '}, maxStream+1)))),
	)
	noPages := makePDF("<< /Type /Catalog >>")
	// A form that draws itself a hundred times, eight deep.
	forms := makePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /X 4 0 R >> >> >>",
		streamObj("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X 4 0 R >> >>", strings.Repeat("/X Do ", 100)),
	)
	tests := []struct {
		name string
		in   []byte
		err  error
		msg  string
	}{
		{"empty", nil, ErrNotPDF, "不是 PDF 文件"},
		{"text", []byte("湖南省\n"), ErrNotPDF, "不是 PDF 文件"},
		{"encrypted", encrypted, ErrEncrypted, "PDF 已加密，无法读取文字"},
		{"bomb", bomb, ErrTooLarge, "PDF 文件过大或结构过于复杂，无法读取文字（单个数据流解压后超过 64 MB）"},
		{"forms", forms, ErrTooLarge, "PDF 文件过大或结构过于复杂，无法读取文字（内容操作过多）"},
		{"no pages", noPages, ErrCorrupt, "PDF 文件已损坏：找不到文档目录（Root）"},
		{"header only", []byte("%PDF-1.7\n"), ErrCorrupt, "PDF 文件已损坏：找不到任何对象"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(tt.in)
			if !errors.Is(err, tt.err) || err.Error() != tt.msg {
				t.Errorf("err = %v, want %q", err, tt.msg)
			}
		})
	}
}

// A file whose table points to the wrong places, or that has none, is read by a scan; a file cut
// short loses what was cut.
func TestDamaged(t *testing.T) {
	pdf := handmade()
	want, err := Extract(pdf)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.LastIndex(pdf, []byte("startxref"))
	wrong := append(append([]byte{}, pdf[:i]...), []byte("startxref\n12\n%%EOF\n")...)
	noTable := pdf[:bytes.Index(pdf, []byte("xref\n0 "))]
	for name, b := range map[string][]byte{"wrong startxref": wrong, "no table": noTable} {
		got, err := Extract(b)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if format(got) != format(want) {
			t.Errorf("%s: got\n%s\nwant\n%s", name, format(got), format(want))
		}
	}
}

// In an incremental update the newest definition of an object counts, whether the file's tables
// are read or, when they are broken, the file is scanned.
func TestIncrementalUpdate(t *testing.T) {
	updated, err := RewriteText(handmade(), 2, "Page two", "Page 2")
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.LastIndex(updated, []byte("startxref"))
	broken := append(bytes.Clone(updated[:i]), "startxref\n999999\n%%EOF\n"...)
	for name, b := range map[string][]byte{"tables": updated, "scan": broken} {
		pages, err := Extract(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := pages[1].Lines; !slices.Equal(got, []string{"first turned line", "second turned line", "Page 2", "In a form"}) {
			t.Errorf("%s: page 2 = %q", name, got)
		}
	}
}

// RewriteText, exported for the tests of verify, is safe on any file too.
func TestRewriteTextDamaged(t *testing.T) {
	for _, pdf := range [][]byte{handmade(), noToUnicode()} {
		for n := range len(pdf) {
			for page := range 3 {
				RewriteText(pdf[:n], page, "e", "a")
			}
		}
	}
	if _, err := RewriteText(handmade(), 2, "Page two", "Page 二"); err == nil || err.Error() != "字体中没有“二”" {
		t.Errorf("err = %v", err)
	}
}
