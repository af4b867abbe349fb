package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/pdf/fonts"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
	"github.com/youjun-edu/youjun/internal/site"
)

// Issue 9: the bytes E4 B8 (and, from the fuzzer, "\xe50") panicked in breakLines: a range over
// an invalid byte yields U+FFFD, three bytes, while one byte was read.
func TestBreakLinesInvalidUTF8(t *testing.T) {
	for _, s := range []string{"\xe4\xb8", "\xe50", "正文\xff正文", "\xe4\xb8\xe4\xb8（\xe4", "\xef\xbf\xbd\xff"} {
		if got, want := strings.Join(lines(s, 3), ""), glyphText(s); got != want {
			t.Errorf("%q: lines %q, want %q", s, got, want)
		}
	}
}

// glyphText is s as breakLines sets it: each invalid byte becomes U+FFFD, line ends vanish.
func glyphText(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if r != '\n' && r != '\r' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func FuzzBreakLines(f *testing.F) {
	for _, s := range []string{"全县共有学校八十二所，其中小学六十二所。", "\xe4\xb8", "\xe50", "16.9%（0.85）", "a b  c\nd", "", "\u0000",
		"https://example.com/a/very/long/url", "（（（（", "……——", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰1234567890123。"} {
		f.Add(s, 5.0, 1.0)
	}
	noSpace := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	f.Fuzz(func(t *testing.T, s string, width, indent float64) {
		ls := breakLines([]span{{s, 0}, {s, 1}}, width, indent, true, testAdvance)
		var got strings.Builder
		for _, l := range ls {
			got.WriteString(l.lineText())
		}
		// The lines hold the text, but for the spaces that end lines.
		if want := glyphText(s + s); noSpace(got.String()) != noSpace(want) {
			t.Fatalf("%q: lines %q, want %q", s, got.String(), want)
		}
	})
}

// FuzzMarkdownToPDF sends a chapter through content.Parse, resolve and the PDF's layout with
// the example's report and the built-in font, loaded once.
func FuzzMarkdownToPDF(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"三、自评情况\"\n+++\n小学 R1 差异系数为 {{< value \"resource.primary.R1.cv\" >}}。\n\n{{< table \"cv\" >}}\n\n{{< chart \"cv-primary\" >}}\n\n{{< list \"failures\" >}}\n",
		"+++\ntitle = \"甲\"\n+++\n## 一、标题\n\n> 引用 **加粗**\n\n- 列表\n  1. 有序\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n正文[^1]\n\n[^1]: 注\n",
		"+++\ntitle = \"甲\"\n+++\n\xe4\xb8", "+++\ntitle = \"甲\"\n+++\n\xe50", "+++\ntitle = \"甲\"\n+++\n![图](a.png) `code` <b>x</b>\n\n```\n代码\n```\n",
		"+++\ntitle = \"甲\"\n+++\n" + strings.Repeat("> ", 32) + "x\n",
	} {
		f.Add(s)
	}
	s, probs := site.Load("../..", "")
	if probs.Err() != nil {
		f.Fatal(probs)
	}
	rep := report.New(s.Evaluate(), s.Profile, s.County)
	charts := chart.All(rep)
	set, err := fonts.Find([4]string{}, false, nil)
	if err != nil {
		f.Fatal(err)
	}
	parsed, err := ParseFonts(set)
	if err != nil {
		f.Fatal(err)
	}
	ts, err := newTypesetter(StyleFrom(Settings{}), parsed)
	if err != nil {
		f.Fatal(err)
	}
	md := content.Markdown()
	f.Fuzz(func(t *testing.T, src string) {
		d, _ := content.Parse("content/f.md", []byte(src), md)
		if d == nil {
			return
		}
		resolved, _ := resolve.Docs([]*content.Doc{d}, rep, charts)
		ts.pages, ts.cur, ts.foot = nil, nil, nil
		ts.st, ts.landscape = ts.portrait, false
		fl := &flow{t: ts, next: 1}
		fl.newPage()
		fl.blocks(docBlocks(d, resolved, textOptions{}))
		for _, p := range ts.pages {
			for _, o := range p.ops {
				if o.kind == opText && !utf8Valid(o.text) {
					t.Fatalf("invalid text %q", o.text)
				}
			}
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }

// tinyPDF is a PDF laid out as gopdf writes one: a catalog, a content stream and a page.
func tinyPDF() []byte {
	objs := []string{"<<>>\n", "<<\n/Length 4\n>>\nstream\nq Q\nendstream\n", "<<\n  /Contents 2 0 R \n>>\n"}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%sendobj\n\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root 1 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestDeflateContentsTiny(t *testing.T) {
	out, err := deflateContents(tinyPDF(), 1)
	if err != nil {
		t.Fatal(err)
	}
	head := []byte("2 0 obj\n<<\n/Filter/FlateDecode/Length ")
	i := bytes.Index(out, head)
	if i < 0 {
		t.Fatalf("the content stream was not compressed:\n%s", out)
	}
	_, z, _ := bytes.Cut(out[i:], []byte("stream\n"))
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	if raw, _ := io.ReadAll(r); string(raw) != "q Q\n" {
		t.Errorf("the stream decompresses to %q, want %q", raw, "q Q\n")
	}
	if _, _, _, err := xrefTable(out); err != nil {
		t.Errorf("the result has no valid xref table: %v", err)
	}
}

// FuzzDeflateContents: whatever it is given, deflateContents returns an error or a PDF whose
// xref table lists as many objects, and never panics.
func FuzzDeflateContents(f *testing.F) {
	f.Add(tinyPDF())
	f.Add([]byte("%PDF-1.7\nxref\n0 99999999999\ntrailer\nstartxref\n9\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := deflateContents(in, 1)
		if err != nil {
			return
		}
		before, _, _, _ := xrefTable(in)
		after, _, _, err := xrefTable(out)
		if err != nil || len(after) != len(before) {
			t.Errorf("the result lists %d objects (%v), the input %d", len(after), err, len(before))
		}
	})
}
