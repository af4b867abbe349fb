package docx

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/flow"
)

// Text from the site is escaped and never becomes markup or a field: a chapter that writes a
// field code, a closing tag or control characters reads back as the same text (without the
// characters XML cannot hold).
func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"示例县", "示例县"},
		{`{ HYPERLINK "http://evil" }`, `{ HYPERLINK "http://evil" }`},
		{"</w:t></w:r><w:fldSimple w:instr=\"DATE\"/>", "</w:t></w:r><w:fldSimple w:instr=\"DATE\"/>"},
		{"a & b < c > d \"e\" 'f'", "a & b < c > d \"e\" 'f'"},
		{"bell\x07 nul\x00 tab\tend", "bell nul tab\tend"},
		{"bad \xff utf-8 \uFFFE", "bad  utf-8 "},
	} {
		var b bytes.Buffer
		b.WriteString("<t>")
		escape(&b, tc.in, false)
		b.WriteString("</t>")
		if got := readText(t, b.Bytes()); got != tc.want {
			t.Errorf("escape(%q) reads back as %q, want %q", tc.in, got, tc.want)
		}
		var a bytes.Buffer
		a.WriteString(`<t v="`)
		escape(&a, tc.in, true)
		a.WriteString(`"/>`)
		var v struct {
			V string `xml:"v,attr"`
		}
		if err := xml.Unmarshal(a.Bytes(), &v); err != nil || v.V != tc.want {
			t.Errorf("attribute %q reads back as %q (%v), want %q", tc.in, v.V, err, tc.want)
		}
	}
}

func readText(t testing.TB, b []byte) string {
	t.Helper()
	var v struct {
		Text string `xml:",chardata"`
	}
	if err := xml.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return v.Text
}

// A field code in a chapter stays text in document.xml: no fldChar, fldSimple or instrText is
// made of it.
func TestNoFieldFromText(t *testing.T) {
	d := newDocument(Input{})
	d.w = &xw{}
	d.para("Normal", "", []run{{Text: `{ HYPERLINK "x" } { PAGE }`}})
	got := d.w.String()
	for _, bad := range []string{"fldChar", "fldSimple", "instrText"} {
		if strings.Contains(got, bad) {
			t.Errorf("%s in %s", bad, got)
		}
	}
	if !strings.Contains(got, `<w:t xml:space="preserve">{ HYPERLINK &#34;x&#34; } { PAGE }</w:t>`) &&
		!strings.Contains(got, `<w:t xml:space="preserve">{ HYPERLINK "x" } { PAGE }</w:t>`) {
		t.Errorf("the text is not kept as written: %s", got)
	}
}

// Line breaks and tabs of text are Word's breaks and tabs.
func TestTextBreaks(t *testing.T) {
	d := newDocument(Input{})
	d.w = &xw{}
	d.text("一\n二\t三")
	want := `<w:t xml:space="preserve">一</w:t><w:br/><w:t xml:space="preserve">二</w:t><w:tab/><w:t xml:space="preserve">三</w:t>`
	if got := d.w.String(); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// The page geometry is GB/T 9704's and the grid gives 22 lines of 28 characters.
func TestGrid(t *testing.T) {
	const twipsPerMM = 1440 / 25.4
	for _, tc := range []struct {
		name string
		got  int
		mm   float64
	}{
		{"天头", marginTop, 37}, {"订口", marginInner, 28}, {"版心宽", textW, 156}, {"版心高", textH, 225},
		{"外侧", marginOuter, 26}, {"地脚", marginBottom, 35},
	} {
		if d := float64(tc.got)/twipsPerMM - tc.mm; d > 0.05 || d < -0.05 {
			t.Errorf("%s is %d twips = %.2f mm, want %.0f mm", tc.name, tc.got, float64(tc.got)/twipsPerMM, tc.mm)
		}
	}
	if n := textH / linePitch; n != 22 {
		t.Errorf("%d lines fit, want 22", n)
	}
	// Word's character pitch: the default size plus charSpace/4096 points.
	pitch := float64(bodyHalfPoints)/2 + float64(charSpace)/4096
	if n := int(float64(textW) / 20 / pitch); n != 28 {
		t.Errorf("%d characters of %.4f pt fit in %d twips, want 28", n, pitch, textW)
	}
	if (float64(textW)/20/(pitch-1.0/4096)) >= 29 || float64(textW)/20/(pitch+1.0/4096) >= 28 {
		t.Errorf("charSpace %d is not the largest that fits 28 characters", charSpace)
	}
}

func TestColName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := colName(i); got != want {
			t.Errorf("colName(%d) = %s, want %s", i, got, want)
		}
	}
}

// The 落款 as the PDF places it: the unit two characters in from the right, the date two
// characters to the right of the unit's start; a long date two characters in from the right.
func TestSignature(t *testing.T) {
	two := 2 * charPitch
	sig := signatureBlock([]string{"示例县人民政府教育督导室", "2025年10月15日"})
	unit := textW - two - 12*charPitch
	if sig[0].indent != unit || sig[1].indent != unit+two {
		t.Errorf("got %+v, want the unit at %d, the date at %d", sig, unit, unit+two)
	}
	long := signatureBlock([]string{"示例县教育局", "2025年10月15日"})
	dateW := 3*charPitch + 8*bodyHalfPoints*5
	if long[1].indent+dateW != textW-two || long[0].indent != long[1].indent-two {
		t.Errorf("a long date: got %+v", long)
	}
	if signatureBlock(nil) != nil {
		t.Error("no 落款 without lines")
	}
}

// A table takes the largest type at which it fits the portrait text block (四号 for a narrow
// one), else the landscape one; a table too wide for either is set in 五号 on landscape pages.
func TestTableLayout(t *testing.T) {
	table := func(cols int, text string) *flow.TableModel {
		m := &flow.TableModel{}
		row := make([]flow.Cell, cols)
		for i := range cols {
			m.Columns = append(m.Columns, flow.Column{Header: "指标", Numeric: i > 0})
			row[i] = flow.Cell{Text: text}
		}
		m.Rows = [][]flow.Cell{row}
		return m
	}
	for _, tc := range []struct {
		name      string
		m         *flow.TableModel
		size      int
		landscape bool
	}{
		{"narrow", table(4, "12.34"), 28, false},
		{"five-character columns", table(12, "12.34"), 24, false},
		{"wide", table(9, "1234567.89"), 24, true},
		{"very wide", table(30, "1234567.89"), szTable, true},
	} {
		lt := layTable(tc.m)
		if lt.size != tc.size || lt.landscape != tc.landscape {
			t.Errorf("%s: size %d landscape %v, want %d %v", tc.name, lt.size, lt.landscape, tc.size, tc.landscape)
		}
		sum := 0
		for _, w := range lt.widths {
			sum += w
		}
		avail := textW
		if lt.landscape {
			avail = textH
		}
		if sum != avail && !(tc.name == "very wide" && sum >= avail) {
			t.Errorf("%s: the columns are %d twips wide, want %d", tc.name, sum, avail)
		}
	}
}

// Whatever a chapter says, its text as written into w:t is well-formed and reads back the same,
// less what XML cannot hold.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"示例", "<w:t>", "{ HYPERLINK }", "\x00\x01", "&amp;", "\xff\xfe", "]]>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		b.WriteString("<t>")
		escape(&b, s, false)
		b.WriteString("</t>")
		var want strings.Builder
		for i, r := range s {
			if r == utf8.RuneError {
				if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
					continue
				}
			}
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
				continue
			}
			want.WriteRune(r)
		}
		got := readText(t, b.Bytes())
		// XML reads a carriage return as a line feed.
		w := strings.ReplaceAll(strings.ReplaceAll(want.String(), "\r\n", "\n"), "\r", "\n")
		if got != w {
			t.Errorf("%q reads back as %q, want %q", s, got, w)
		}
	})
}
