// Package pdftext reads back the text of a PDF, page by page and line by line, for comparing
// a report's PDF with one rebuilt from the same data (youjun verify).
//
// It reads what youjun writes (gopdf: Type0 fonts with ToUnicode CMaps, classic
// cross-reference tables) and the same file re-saved by other tools: cross-reference and object
// streams, incremental updates (the newest definition of an object wins), fonts without
// ToUnicode (through the embedded TrueType cmap), form XObjects and turned pages. The input is
// untrusted: every size, count and depth is bounded, and no input makes it panic.
//
// It is not a layout analyser: a line is the text that shares a baseline, left to right, and
// columns side by side share lines.
package pdftext

import (
	"bytes"
	"strconv"
)

// Page is the text of one page.
type Page struct {
	Number int      // 1-based, in the file's page order
	Lines  []string // top to bottom; runs of white space are one space; no empty lines
}

// Extract reads the text of every page of a PDF file. The error, in Chinese, says why a file
// cannot be read: ErrNotPDF, ErrEncrypted, ErrTooLarge or ErrCorrupt (errors.Is).
func Extract(pdf []byte) ([]Page, error) {
	d, err := open(pdf)
	if err != nil {
		return nil, err
	}
	leaves, err := d.pages()
	if err != nil {
		return nil, err
	}
	fonts := map[fontKey]*font{}
	out := make([]Page, 0, len(leaves))
	for i, p := range leaves {
		in := &interp{d: d, fonts: fonts, page: i + 1}
		if err := in.page1(p); err != nil {
			return nil, err
		}
		out = append(out, Page{Number: i + 1, Lines: lines(in.glyphs)})
	}
	return out, nil
}

// leaf is a page with the attributes it inherits from the page tree.
type leaf struct {
	page dict
	res  dict
}

// pages lists the pages in order, walking the page tree.
func (d *document) pages() ([]leaf, error) {
	var out []leaf
	seen := map[ref]bool{}
	var walk func(v any, res dict, depth int) error
	walk = func(v any, res dict, depth int) error {
		if depth > maxDepth {
			return corrupt("页面树嵌套过深")
		}
		if r, ok := v.(ref); ok {
			if seen[r] {
				return corrupt("页面树循环引用")
			}
			seen[r] = true
		}
		if !d.present(v) {
			return corrupt("缺少页面对象（文件可能不完整）")
		}
		n, ok := d.resolve(v).(dict)
		if !ok {
			return corrupt("页面对象无效")
		}
		if r, ok := d.resolve(n["Resources"]).(dict); ok {
			res = r
		}
		kids, isTree := d.resolve(n["Kids"]).(array)
		if !isTree || n["Type"] == name("Page") {
			if len(out) >= maxPages {
				return tooLarge("页数过多")
			}
			out = append(out, leaf{n, res})
			return nil
		}
		for _, k := range kids {
			if err := walk(k, res, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	c := d.catalog()
	if err := walk(c["Pages"], nil, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// page1 interprets the content of one page.
func (in *interp) page1(p leaf) error {
	var data []byte
	if !in.d.present(p.page["Contents"]) {
		return corrupt("第 " + strconv.Itoa(in.page) + " 页的内容缺失（文件可能不完整）")
	}
	switch c := in.d.resolve(p.page["Contents"]).(type) {
	case *stream:
		b, err := in.d.decode(c)
		if err != nil {
			return in.pageError(err)
		}
		data = b
	case array:
		var buf bytes.Buffer
		for _, v := range c {
			if !in.d.present(v) {
				return corrupt("第 " + strconv.Itoa(in.page) + " 页的内容缺失（文件可能不完整）")
			}
			s, ok := in.d.resolve(v).(*stream)
			if !ok {
				continue
			}
			b, err := in.d.decode(s)
			if err != nil {
				return in.pageError(err)
			}
			buf.Write(b)
			buf.WriteByte('\n') // the streams of a page are one, split between tokens
		}
		data = buf.Bytes()
	}
	return in.run(data, p.res, gstate{ctm: identity, th: 1}, 0)
}

// pageError says which page the problem is on.
func (in *interp) pageError(err error) error {
	if ce, ok := err.(*corruptError); ok {
		return corrupt("第 " + strconv.Itoa(in.page) + " 页：" + ce.detail)
	}
	return err
}
