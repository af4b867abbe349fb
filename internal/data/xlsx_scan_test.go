package data

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// rawTokens lists the tokens encoding/xml's RawToken reads from src, as xmlScanner gives
// them, and the class of the error it ends with ("" at the end of the input).
func rawTokens(src []byte) ([]string, string) {
	dec := xml.NewDecoder(bytes.NewReader(src))
	var out []string
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return out, errorClass(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := "<" + t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			out = append(out, s+">")
		case xml.EndElement:
			out = append(out, "</"+t.Name.Local+">")
		case xml.CharData:
			if len(t) > 0 {
				out = append(out, fmt.Sprintf("%q", t))
			}
		}
	}
}

// scanTokens is rawTokens with xmlScanner, reading r.
func scanTokens(s *xmlScanner) ([]string, string) {
	var out []string
	for {
		if err := s.next(); err != nil {
			return out, errorClass(err)
		}
		switch s.kind {
		case tokStart:
			t := "<" + string(s.name)
			for _, a := range s.attrs {
				t += fmt.Sprintf(" %s=%q", s.tag[a.name[0]:a.name[1]], s.tag[a.value[0]:a.value[1]])
			}
			out = append(out, t+">")
		case tokEnd:
			out = append(out, "</"+string(s.name)+">")
		case tokText:
			if len(s.text) > 0 {
				out = append(out, fmt.Sprintf("%q", s.text))
			}
		}
	}
}

// errorClass is how the sheet reader tells errors apart: the end, a truncated part, a read
// error, damaged XML.
func errorClass(err error) string {
	var syntax *xml.SyntaxError
	switch {
	case err == io.EOF:
		return ""
	case errors.As(err, &syntax) && strings.Contains(syntax.Msg, "unexpected EOF"):
		return "truncated"
	case errors.Is(err, errRead):
		return "read error"
	}
	return "bad XML"
}

var errRead = errors.New("read error")

// checkScanner compares xmlScanner with RawToken on src: with a large buffer, and with a
// small one fed a byte or a few at a time, which cuts every token at every place.
func checkScanner(t *testing.T, src []byte) {
	t.Helper()
	want, wantErr := rawTokens(src)
	readers := map[string]func() *xmlScanner{
		"large": func() *xmlScanner { return newXMLScanner(bytes.NewReader(src)) },
		"bytes": func() *xmlScanner {
			return &xmlScanner{r: iotest.OneByteReader(bytes.NewReader(src)), buf: make([]byte, 4), window: 1}
		},
		"halves": func() *xmlScanner {
			return &xmlScanner{r: iotest.HalfReader(bytes.NewReader(src)), buf: make([]byte, 8), window: 3}
		},
	}
	for name, scanner := range readers {
		got, gotErr := scanTokens(scanner())
		if strings.Join(got, "") != strings.Join(want, "") || gotErr != wantErr {
			t.Fatalf("%s reader: %q\nscanner: %q, %s\nRawToken: %q, %s", name, src, got, gotErr, want, wantErr)
		}
	}
}

func TestXMLScanner(t *testing.T) {
	for _, src := range xmlSeeds {
		checkScanner(t, []byte(src))
	}
	// Tokens longer than the buffer.
	checkScanner(t, []byte(`<a>`+strings.Repeat("长", 50_000)+`</a>`))
	checkScanner(t, []byte(`<a b="`+strings.Repeat("x&amp;", 20_000)+`"/>`))
}

var xmlSeeds = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData>` +
		`<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>1.5E+3</v></c><c r="C1" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve"> 甲 </t></r><rPh><t>こう</t></rPh></is></c></row>` +
		`</sheetData></worksheet>`,
	`<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row><x:c x:r='A1' t = "str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	"<t>a &lt;&gt;&amp;&apos;&quot; &#65;&#x42;&#x10FFFF;&#xD800; b\r\nc\rd</t><v a=\"x\r\ny&#10;\tz\"/>",
	`<!DOCTYPE x [<!ENTITY e "v"> <!-- c > --> <!ATTLIST a b CDATA '>'>]><!-- comment --><?pi data?><a><![CDATA[<b>&amp;]]]]><![CDATA[>` + "\r\n" + `]]></a><![CDATA[]]>`,
	"\xef\xbb\xbf<a>\u00e9\u4e2d\U0001F600</a>",
	`<a:b:c/>`, `<:a/>`, `<a:/>`, `<1a/>`, `<é/>`, `<a é="1"/>`, `<?é x?>`, `<a b="1"c="2"/>`, `<a b/>`, `<a b=c/>`, `<a b="<"/>`, `<a b="&#0;"/>`,
	`<a>&bogus;</a>`, `<a>&lt</a>`, `<a>&#;</a>`, `<a>&#x;</a>`, `<a>&#X41;</a>`, `<a>&#1114112;</a>`, `<a>&#9;&#13;</a>`, `<a>]]></a>`, `<a>]]&gt;</a>`,
	"<a>\x01</a>", "<a>\xff</a>", "<a>\xef\xbf\xbe</a>", "<a>\xed\xa0\x80</a>",
	`<a></a >`, `<a></a x>`, `</>`, `<>`, `< a/>`, `<a/ >`, `<!-->`, `<!--a--b-->`, `<!--a--->`, `<!---->`, `<!- x>`, `<![CDAT[x]]>`, `<!>x>`,
	`<?xml version="1.1"?><a/>`, `<?xml encoding="latin1"?><a/>`, `<?xml encoding='UTF-8'?><a/>`, `<?xml?>`, `<??>`, `<?x`,
	`<a b="&amp;x"/><c`, `<a`, `<a b`, `<a b=`, `<a b="x`, `<a b="x"`, `<a/`, `</a`, `<a>&amp`, `<a>&#12`, `<!--x`, `<![CDATA[x`, `<!DOCTYPE x`, `<?a b`, `text at the end`, "",
}

// FuzzXMLScanner: on any input, xmlScanner gives the tokens RawToken gives, and fails where it
// fails, in the same way.
func FuzzXMLScanner(f *testing.F) {
	for _, s := range xmlSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkScanner(t, src) })
}

// A read error reaches the sheet reader as it is, after the bytes read before it.
func TestXMLScannerReadError(t *testing.T) {
	src := `<a>text</a><b`
	s := newXMLScanner(io.MultiReader(strings.NewReader(src), iotest.ErrReader(errRead)))
	got, class := scanTokens(s)
	if strings.Join(got, "") != `<a>"text"</a>` || class != "read error" {
		t.Errorf("%q, %s", got, class)
	}
}
