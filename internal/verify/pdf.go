package verify

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/pack"
	"github.com/youjun-edu/youjun/internal/pdftext"
)

// maxPDFFindings caps the figures listed per PDF: a PDF typeset from other data differs in
// hundreds of places, and the first ones say what happened.
const maxPDFFindings = 100

// checkPDF typesets the report again from the packaged site and compares the figures of the
// packaged PDF (the root's and the website's copy) with it, in reading order. Only the figures
// are compared, not the lines: the county may have typeset with fonts this machine lacks, so the
// line and page breaks may differ while every figure agrees. Page numbers (the footers and the
// 目录) and the digests of the 说明 are left out for the same reason.
func checkPDF(c *Context) []Finding {
	f := false
	name, want, _, probs := c.Prepared.PDF(context.Background(), build.Options{Site: c.Package.SiteDir(), SystemFonts: &f})
	if probs.Err() != nil {
		return []Finding{{Kind: KindPDF, File: name, Message: "无法按材料包内的数据重新生成 PDF：" + probs.Errors()[0].Message}}
	}
	wantPages, err := pdftext.Extract(want)
	if err != nil {
		return []Finding{{Kind: KindPDF, File: name, Message: "youjun 内部错误：重新生成的 PDF 无法读取：" + err.Error()}}
	}
	wantFigures := figures(wantPages)
	var out []Finding
	var first []byte
	for _, rel := range []string{name, pack.HTMLFolder + "/" + name} {
		got, f := readPackaged(c, rel, KindPDF)
		if f != nil {
			out = append(out, *f)
			continue
		}
		if first != nil && bytes.Equal(got, first) {
			continue // the website's copy is the root's file: its differences are listed once
		}
		first = got
		pages, err := pdftext.Extract(got)
		if err != nil {
			out = append(out, Finding{Kind: KindPDF, File: rel, Message: "无法读取 PDF 中的文字：" + err.Error()})
			continue
		}
		out = append(out, compareFigures(KindPDF, rel, figures(pages), wantFigures)...)
	}
	return out
}

// figure is one number of a document's text, where it stands.
type figure struct {
	Value string
	Where string // 第 5 页第 12 行 (PDF), 第 40 段 (Word)
	Text  string // its line or paragraph
}

// number is a figure as the report writes it: 29673, 3,419.97, 0.215, 98.2%. A digit touching
// a letter or another digit's run is part of a word (a digest, R5, GB/T), not a figure.
var number = regexp.MustCompile(`[0-9][0-9,]*(?:\.[0-9]+)?%?`)

// footer is a page number line: — 3 —.
var footer = regexp.MustCompile(`^—\s*[0-9]+\s*—$`)

// figures lists the numbers of a PDF's text in reading order, leaving out what depends on the
// typesetting (page numbers, the 目录) or on the machine (the 说明's version and digests).
func figures(pages []pdftext.Page) []figure {
	var out []figure
	toc := false
	for _, p := range pages {
		toc = isTOC(p, toc)
		if toc {
			continue
		}
		for i, line := range p.Lines {
			for _, f := range lineFigures(line) {
				f.Where = fmt.Sprintf("第 %d 页第 %d 行", p.Number, i+1)
				out = append(out, f)
			}
		}
	}
	return out
}

// lineFigures lists the numbers of one line of text, leaving out page numbers (— 3 —) and the
// 说明's version and digests, which depend on the machine.
func lineFigures(line string) []figure {
	if footer.MatchString(strings.TrimSpace(line)) || strings.Contains(line, "SHA-256") || strings.Contains(line, "youjun") {
		return nil
	}
	var out []figure
	for _, loc := range number.FindAllStringIndex(line, -1) {
		if wordAt(line, loc[0]-1) || wordAt(line, loc[1]) {
			continue
		}
		out = append(out, figure{Value: strings.TrimRight(line[loc[0]:loc[1]], ","), Text: line})
	}
	return out
}

// wordAt reports whether line has an ASCII letter or digit at i.
func wordAt(line string, i int) bool {
	if i < 0 || i >= len(line) {
		return false
	}
	b := line[i]
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// isTOC reports whether p is a page of the 目录: the page titled so, and the pages after it whose
// lines mostly end in a page number.
func isTOC(p pdftext.Page, afterTOC bool) bool {
	if len(p.Lines) == 0 {
		return false
	}
	for _, l := range p.Lines[:min(3, len(p.Lines))] { // a draft mark may come first
		if strings.ReplaceAll(l, " ", "") == "目录" {
			return true
		}
	}
	if !afterTOC {
		return false
	}
	n := 0
	for _, l := range p.Lines {
		if i := strings.LastIndexByte(l, ' '); i > 0 && number.MatchString(l[i+1:]) && len(number.FindString(l[i+1:])) == len(l)-i-1 {
			n++
		}
	}
	return n*10 >= len(p.Lines)*7
}

// compareFigures lists the figures where got (the packaged document) and want (the
// recomputation) differ: the common beginning and end are skipped, the rest is aligned by a
// longest common subsequence, and each unmatched figure is a finding of kind (KindPDF or
// KindDOCX) at its place in the packaged document.
func compareFigures(kind Kind, rel string, got, want []figure) []Finding {
	doc := " PDF " // spaced inside a sentence: 重新生成的 PDF 中
	if kind == KindDOCX {
		doc = " Word 文档"
	}
	lead := strings.TrimLeft(doc, " ") // at a sentence's start
	pre := 0
	for pre < len(got) && pre < len(want) && got[pre].Value == want[pre].Value {
		pre++
	}
	suf := 0
	for suf < len(got)-pre && suf < len(want)-pre && got[len(got)-1-suf].Value == want[len(want)-1-suf].Value {
		suf++
	}
	g, w := got[pre:len(got)-suf], want[pre:len(want)-suf]
	if len(g) == 0 && len(w) == 0 {
		return nil
	}
	if len(g)*len(w) > 16_000_000 {
		return []Finding{{Kind: kind, File: rel, Where: where(got, pre), Message: fmt.Sprintf(
			"%s中的数字与按包内数据重新生成的差别过大（自%s起约 %d 处），它不是由这些数据生成的", lead, where(got, pre), max(len(g), len(w)))}}
	}
	var out []Finding
	add := func(f Finding) bool {
		if len(out) == maxPDFFindings {
			out = append(out, Finding{Kind: kind, File: rel, Message: fmt.Sprintf("另有更多数字不同，只列出前 %d 处", maxPDFFindings)})
			return false
		}
		if len(out) < maxPDFFindings {
			out = append(out, f)
		}
		return true
	}
	for _, e := range alignFigures(g, w) {
		var f Finding
		switch {
		case e.got >= 0 && e.want >= 0:
			gf := g[e.got]
			f = Finding{Kind: kind, File: rel, Where: place(gf), Got: gf.Value, Want: w[e.want].Value,
				Message: lead + "中的数字与按包内数据重新生成的不同：“" + gf.Text + "”"}
		case e.got >= 0:
			gf := g[e.got]
			f = Finding{Kind: kind, File: rel, Where: place(gf), Got: gf.Value,
				Message: lead + "中有这个数字，按包内数据重新生成的" + doc + "中没有：“" + gf.Text + "”"}
		default:
			wf := w[e.want]
			f = Finding{Kind: kind, File: rel, Where: where(got, pre+e.before), Want: wf.Value,
				Message: "按包内数据重新生成的" + doc + "在此处有这个数字，材料包的" + doc + "中没有：“" + wf.Text + "”"}
		}
		if !add(f) {
			break
		}
	}
	return out
}

// place names where a figure stands: 第 5 页第 12 行.
func place(f figure) string { return f.Where }

// where names the place of the i-th figure of fs, or the end.
func where(fs []figure, i int) string {
	switch {
	case i < len(fs):
		return place(fs[i])
	case len(fs) > 0:
		return place(fs[len(fs)-1]) + "之后"
	}
	return ""
}

// edit is one step of an alignment: a pair of differing figures, or one figure on one side.
// before is the index in got of the figure a want-only figure stands before.
type edit struct{ got, want, before int }

// alignFigures aligns g and w by a longest common subsequence of their values and returns the
// unmatched figures, a got-only and a want-only figure next to each other paired as a change.
func alignFigures(g, w []figure) []edit {
	n, m := len(g), len(w)
	lcs := make([]int32, (n+1)*(m+1))
	at := func(i, j int) *int32 { return &lcs[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if g[i].Value == w[j].Value {
				*at(i, j) = *at(i+1, j+1) + 1
			} else {
				*at(i, j) = max(*at(i+1, j), *at(i, j+1))
			}
		}
	}
	var out []edit
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && g[i].Value == w[j].Value:
			i, j = i+1, j+1
		case i < n && j < m && *at(i+1, j) == *at(i, j+1) && *at(i+1, j+1) == *at(i, j):
			out = append(out, edit{got: i, want: j, before: i}) // a figure changed in place
			i, j = i+1, j+1
		case j < m && (i == n || *at(i, j+1) >= *at(i+1, j)):
			out = append(out, edit{got: -1, want: j, before: i})
			j++
		default:
			out = append(out, edit{got: i, want: -1, before: i})
			i++
		}
	}
	return out
}
