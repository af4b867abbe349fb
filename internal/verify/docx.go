package verify

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/pack"
)

// maxDocumentXML bounds what is read of a packaged Word document's text: the example's is
// about 0.5 MB, a 2,000-campus county's a few; more is no document of youjun's.
const maxDocumentXML = 256 << 20

// checkDOCX compares the figures of the packaged Word document (the root's and the website's
// copy) with the document made again from the packaged site, paragraph by paragraph in reading
// order, as checkPDF does for the PDF. The pre-filled 目录 (estimated page numbers) and the
// 说明's digests are left out. A package made before youjun wrote Word documents has none:
// nothing is compared then (the manifest says whether one is missing).
func checkDOCX(c *Context) []Finding {
	name, want, probs := c.Prepared.DOCX(build.Options{Site: c.Package.SiteDir()})
	if probs.Err() != nil {
		return []Finding{{Kind: KindDOCX, File: name, Message: "无法按材料包内的数据重新生成 Word 文档：" + probs.Errors()[0].Message}}
	}
	wantParas, err := paragraphs(want)
	if err != nil {
		return []Finding{{Kind: KindDOCX, File: name, Message: "youjun 内部错误：重新生成的 Word 文档无法读取：" + err.Error()}}
	}
	wantFigures := paragraphFigures(wantParas)
	var out []Finding
	var first []byte
	for _, rel := range []string{name, pack.HTMLFolder + "/" + name} {
		got, f := readPackaged(c, rel, KindDOCX)
		if f != nil {
			continue // absent: the manifest check reports a file that was packed and is gone
		}
		if first != nil && bytes.Equal(got, first) {
			continue // the website's copy is the root's file: its differences are listed once
		}
		first = got
		paras, err := paragraphs(got)
		if err != nil {
			out = append(out, Finding{Kind: KindDOCX, File: rel, Message: "无法读取 Word 文档中的文字：" + err.Error()})
			continue
		}
		out = append(out, compareFigures(KindDOCX, rel, paragraphFigures(paras), wantFigures)...)
	}
	return out
}

// paragraphFigures lists the numbers of a Word document's paragraphs, as figures does for a PDF.
func paragraphFigures(paras []string) []figure {
	var out []figure
	for i, p := range paras {
		for _, f := range lineFigures(p) {
			f.Where = fmt.Sprintf("第 %d 段", i+1)
			out = append(out, f)
		}
	}
	return out
}

// paragraphs reads the text of the body of a .docx, one string per paragraph (a table cell's
// paragraphs included), leaving out the paragraphs of the 目录 (styles TOC…), whose page numbers
// are Word's estimate. The document is untrusted: its size is bounded and any fault is an error.
func paragraphs(docx []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, errors.New("不是有效的 Word 文档（.docx 是 zip 压缩包）")
	}
	var body io.ReadCloser
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			if body, err = f.Open(); err != nil {
				return nil, errors.New("Word 文档已损坏")
			}
			break
		}
	}
	if body == nil {
		return nil, errors.New("Word 文档中没有正文（word/document.xml）")
	}
	defer body.Close()
	d := xml.NewDecoder(io.LimitReader(body, maxDocumentXML))
	var out []string
	var para strings.Builder
	inPara, toc := false, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, errors.New("Word 文档的正文不是有效的 XML（文件已损坏或被截断）")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				inPara, toc = true, false
				para.Reset()
			case "pStyle":
				for _, a := range t.Attr {
					if a.Name.Local == "val" && strings.HasPrefix(a.Value, "TOC") {
						toc = true
					}
				}
			case "tab", "br":
				para.WriteByte(' ')
			case "t":
				var s string
				if err := d.DecodeElement(&s, &t); err != nil {
					return nil, errors.New("Word 文档的正文不是有效的 XML（文件已损坏或被截断）")
				}
				para.WriteString(s)
			}
		case xml.EndElement:
			if t.Name.Local == "p" && inPara {
				if !toc && para.Len() > 0 {
					out = append(out, para.String())
				}
				inPara = false
			}
		}
	}
}
