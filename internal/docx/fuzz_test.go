package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/content"
)

// Whatever a chapter holds, its paragraphs, tables, lists and footnotes are well-formed
// WordprocessingML, and no field comes of its text: a field code written in a chapter is text.
func FuzzChapter(f *testing.F) {
	for _, s := range []string{
		"正文**粗体**和*楷体*。\n\n## （一）标题\n\n1. 一\n2. 二\n   - 三\n",
		"| 列 | 数 |\n|---|--:|\n| a<b | 1&2 |\n",
		"脚注[^1]。\n\n[^1]: 注释 { PAGE } </w:t>\n",
		"> 引用\n\n```\n代码\t制表\n```\n\n{ HYPERLINK \"http://x\" }\n",
		"行一  \n行二\x07\x00\n\n![图](a.png) <b>html</b> https://example.org",
	} {
		f.Add(s)
	}
	md := content.Markdown()
	f.Fuzz(func(t *testing.T, s string) {
		doc, _ := content.Parse("content/x.md", []byte("+++\ntitle = \"一、标题\"\n+++\n\n"+s), md)
		if doc == nil {
			return
		}
		d := newDocument(Input{})
		d.w = &xw{}
		d.w.raw(`<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="r" xmlns:wp="wp" xmlns:a="a" xmlns:c="c">`)
		for _, b := range docBlocks(doc, nil, false, &d.notes) {
			d.block(b)
		}
		d.w.raw(`</w:body>`)
		notes := footnotesXML(d.notes, d)
		var text strings.Builder // the text of every w:t, in order
		for _, name := range []string{"document", "footnotes"} {
			part := d.w.Bytes()
			if name == "footnotes" {
				part = notes
			}
			inText := false
			dec := xml.NewDecoder(bytes.NewReader(part))
			for {
				tok, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v\n%s", name, err, part)
				}
				switch tok := tok.(type) {
				case xml.StartElement:
					if tok.Name.Local == "fldChar" || tok.Name.Local == "instrText" || tok.Name.Local == "fldSimple" {
						t.Fatalf("%s: a field from the chapter's text: %s", name, part)
					}
					inText = tok.Name.Local == "t"
				case xml.EndElement:
					inText = false
				case xml.CharData:
					if inText {
						text.Write(tok)
					}
				}
			}
		}
		// Raw HTML, link targets, code and escapes may hide it; elsewhere it is shown as written.
		if strings.Contains(s, "{ PAGE }") && !strings.ContainsAny(s, "<>[]()`\\&!*_~|") && !strings.Contains(text.String(), "{ PAGE }") {
			t.Errorf("the field code written in the chapter is not kept as text")
		}
	})
}
