package docx

import (
	"strings"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/cjk"
	"github.com/youjun-edu/youjun/internal/flow"
	"github.com/youjun-edu/youjun/internal/report"
)

// document is the document being written: word/document.xml, the footnotes and the charts.
type document struct {
	in        Input
	w         *xw
	notes     []footnote
	charts    []*chart.Chart
	tables    int
	landscape bool // the current section is landscape
	sections  int  // landscape sections written
	numbered  bool // the body's first section, which starts the page numbers, has been ended
	breakNext bool // the next paragraph starts a new page
	bookmark  int
	toc       []tocEntry
	pages     pager
	layouts   map[*flow.TableModel]tableLayout
}

// tocEntry is a heading of the 目录 with its bookmark and the page the document is estimated
// to print it on (Word replaces the estimate when it updates the field).
type tocEntry struct {
	level int
	text  string
	name  string
	page  int
}

func newDocument(in Input) *document {
	return &document{in: in, w: newXW(32 << 10), pages: pager{page: 1, lines: linesPerPage}}
}

// body lays out the blocks: the title page and the 目录 (a section without page numbers), then
// the body numbered from 1 on a right-hand page, sections turning landscape around wide tables.
func (d *document) body() {
	cfg := &d.in.Report.Site
	var bs []block
	bs = append(bs, block{kind: bHeading, level: 0, runs: []run{{Text: cfg.Title}}})
	for _, doc := range d.in.Docs {
		bs = append(bs, docBlocks(doc, d.in.Resolved, d.in.ThousandsSeparators, &d.notes)...)
	}
	if sig := signatureBlock(cfg.SignatureLines(flow.ChineseDate(cfg.Date))); sig != nil {
		bs = append(bs, block{kind: bSignature, signature: sig})
	}
	bs = append(bs, block{kind: bPageBreak}, block{kind: bHeading, level: 1, runs: []run{{Text: "附表"}}})
	for _, tb := range d.in.Report.Tables() {
		bs = append(bs, block{kind: bTable, table: flow.FromReport(tb), caption: tb.Title})
	}
	bs = append(bs, provenanceBlocks(&d.in.Report.Provenance)...)

	// The body is written first into its own buffer, so that the 目录 in front knows the
	// headings and their estimated pages.
	front := d.w
	d.w = &xw{}
	d.w.Grow(256 << 10)
	for i, b := range bs {
		wide := d.wide(b)
		if b.kind == bHeading && b.level > 0 {
			j := i + 1
			for j < len(bs) && bs[j].kind == bHeading {
				j++
			}
			wide = j < len(bs) && d.wide(bs[j])
		}
		if wide != d.landscape && b.kind != bPageBreak {
			d.endSection(false)
			d.landscape = wide
			if wide {
				d.sections++
			}
		}
		d.block(b)
	}
	body := d.w
	d.w = front
	d.w.raw(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><w:body>`)
	d.cover()
	d.tocPages()
	d.w.Write(body.Bytes())
	d.sectPr(d.landscape, false, !d.numbered)
	d.w.raw(`</w:body></w:document>`)
}

// block writes one block.
func (d *document) block(b block) {
	switch b.kind {
	case bPageBreak:
		d.breakNext = true
		d.pages.newPage()
	case bSignature:
		d.signature(b.signature)
	case bHeading:
		d.heading(b)
	case bPara:
		d.paragraph(b)
	case bSmall:
		d.para("Note", "", b.runs)
		d.pages.add(0.55 * float64(lineCount(b.runs, szNote, textW)))
	case bTable:
		d.table(b)
	case bFigure:
		d.figure(b)
	}
}

// para writes a paragraph of the given style with extra paragraph properties (in schema order
// after the style).
func (d *document) para(style, pPr string, runs []run) {
	w := d.w
	w.raw(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/>` + d.pageBreak() + pPr + `</w:pPr>`)
	d.runs(runs, "")
	w.raw(`</w:p>`)
}

// pageBreak is the paragraph property that starts a new page, once, after a page break block.
func (d *document) pageBreak() string {
	if !d.breakNext {
		return ""
	}
	d.breakNext = false
	return `<w:pageBreakBefore/>`
}

// runs writes runs; rPr, when not "", is added to each (a table's smaller type).
func (d *document) runs(rs []run, rPr string) {
	w := d.w
	for _, r := range rs {
		if r.Note > 0 {
			w.raw(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>` + rPr + `</w:rPr><w:footnoteReference w:id="`)
			w.int(r.Note)
			w.raw(`"/></w:r>`)
			continue
		}
		if r.Text == "" {
			continue
		}
		w.raw(`<w:r>`)
		if r.Style != flow.Plain || rPr != "" {
			w.raw(`<w:rPr>`)
			switch r.Style {
			case flow.Strong:
				w.raw(`<w:rStyle w:val="Strong"/>`)
			case flow.Em:
				w.raw(`<w:rStyle w:val="Emphasis"/>`)
			}
			w.raw(rPr + `</w:rPr>`)
		}
		d.text(r.Text)
		w.raw(`</w:r>`)
	}
}

// text writes text as w:t, a line break as w:br and a tab as w:tab.
func (d *document) text(s string) {
	w := d.w
	for s != "" {
		i := strings.IndexAny(s, "\n\t")
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			w.raw(`<w:t xml:space="preserve">`)
			w.text(s[:i])
			w.raw(`</w:t>`)
		}
		if i < len(s) {
			if s[i] == '\n' {
				w.raw(`<w:br/>`)
			} else {
				w.raw(`<w:tab/>`)
			}
			i++
		}
		s = s[i:]
	}
}

// headingStyles are the paragraph styles of the heading levels: 0 the report's title.
var headingStyles = []string{"Title", "Heading1", "Heading2", "Heading3", "Heading4"}

func (d *document) heading(b block) {
	w := d.w
	if b.level > 0 {
		d.pages.keep(2) // a heading stays with the next line
	}
	w.raw(`<w:p><w:pPr><w:pStyle w:val="` + headingStyles[b.level] + `"/>` + d.pageBreak())
	if b.level == 0 {
		w.raw(`<w:spacing w:before="290" w:after="290"/>`)
	}
	w.raw(`</w:pPr>`)
	if b.level == 1 || b.level == 2 {
		d.bookmark++
		name := "_Toc" + itoa(100000+d.bookmark)
		d.toc = append(d.toc, tocEntry{level: b.level, text: plain(b.runs), name: name, page: d.pages.page})
		w.raw(`<w:bookmarkStart w:id="`)
		w.int(d.bookmark)
		w.raw(`" w:name="` + name + `"/>`)
		d.runs(b.runs, "")
		w.raw(`<w:bookmarkEnd w:id="`)
		w.int(d.bookmark)
		w.raw(`"/>`)
	} else {
		d.runs(b.runs, "")
	}
	w.raw(`</w:p>`)
	if b.level == 0 {
		d.pages.add(1 + float64(lineCount(b.runs, szTitle, textW)*700)/float64(linePitch))
	} else {
		d.pages.add(float64(lineCount(b.runs, szBody, textW-2*charPitch)))
	}
}

func (d *document) paragraph(b block) {
	if b.right {
		d.para("Normal", `<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>`, b.runs)
		d.pages.add(float64(strings.Count(plain(b.runs), "\n") + 1))
		return
	}
	d.para("Normal", "", b.runs)
	d.pages.add(float64(lineCount(b.runs, szBody, textW-2*charPitch)))
}

// plain is the text of runs.
func plain(rs []run) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// width estimates the width of s in twips at a size in half-points: a Chinese character is as
// wide as its size, other characters half of it.
func width(s string, hp int) int {
	n := 0
	for _, r := range s {
		if cjk.IsWide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n * hp * 5
}

// lineCount estimates the lines that runs fill in a measure of the given width.
func lineCount(rs []run, hp, measure int) int {
	n := 0
	for _, line := range strings.Split(plain(rs), "\n") {
		n += max(1, (width(line, hp)+measure-1)/measure)
	}
	return n
}

// signatureLine is a line of the 落款 and its left indent.
type signatureLine struct {
	text   string
	indent int
}

// signatureBlock places the 落款 after GB/T 9704-2012 §7.3.5.2, as the PDF: the issuing unit two
// characters in from the right edge, the date on the next line starting two characters to the
// right of the unit's first character; a date longer than that allows sits two characters in
// from the right edge, and the unit moves with it.
func signatureBlock(lines []string) []signatureLine {
	if len(lines) == 0 {
		return nil
	}
	two := 2 * charPitch
	w := func(s string) int { // on the grid: a Chinese character is one grid cell
		n := 0
		for _, r := range s {
			if cjk.IsWide(r) {
				n += charPitch
			} else {
				n += bodyHalfPoints * 5
			}
		}
		return n
	}
	x := textW - two - w(lines[0])
	for _, l := range lines[1:] {
		x = min(x, textW-two-w(l)-two)
	}
	x = max(x, 0)
	out := make([]signatureLine, len(lines))
	for i, l := range lines {
		out[i] = signatureLine{text: l, indent: x + min(i, 1)*two}
	}
	return out
}

// signature writes the 落款 one empty line below the text, its lines kept together.
func (d *document) signature(lines []signatureLine) {
	d.pages.keep(len(lines) + 1)
	for i, l := range lines {
		before := 0
		if i == 0 {
			before = 560
		}
		keep := ""
		if i == len(lines)-1 {
			keep = `<w:keepNext w:val="0"/>`
		}
		d.para("Signature", keep+`<w:spacing w:before="`+itoa(before)+`"/><w:ind w:left="`+itoa(l.indent)+`"/>`, []run{{Text: l.text}})
	}
	d.pages.add(float64(len(lines) + 1))
}

// provenanceBlocks are the 说明 that ends the document, as the PDF's: the version of youjun and
// the digest of the evaluation result the report was made from.
func provenanceBlocks(p *report.Provenance) []block {
	if p.ResultSHA256 == "" {
		return nil
	}
	return []block{
		{kind: bSmall, runs: []run{{Text: "说明：本报告由 youjun " + p.Version + " 依据以下数据生成：site.toml、评估标准、data/ 中的数据文件和 content/ 中的章节（各文件的 SHA-256 见 data/evaluation.json 的 inputs）。评估结果指纹 SHA-256："}}},
		{kind: bSmall, runs: []run{{Text: p.ResultSHA256}}},
	}
}

// endSection ends the current section with an empty paragraph holding its properties; the next
// one starts on a new page.
func (d *document) endSection(front bool) {
	d.w.raw(`<w:p><w:pPr><w:spacing w:line="20" w:lineRule="exact"/>`)
	d.sectPr(d.landscape, front, !front && !d.numbered)
	d.w.raw(`</w:pPr></w:p>`)
	d.breakNext = false // the section starts a new page
	if !front {
		d.numbered = true
		d.pages.newPage()
		d.pages.lines = linesPerPage
		if !d.landscape { // the section after this one
			d.pages.lines = landscapeLinesOnPage
		}
	}
}

// sectPr writes a section's properties. The front matter has no page numbers; the body's first
// section starts on a right-hand page numbered 1.
func (d *document) sectPr(landscape, front, first bool) {
	w := d.w
	w.raw(`<w:sectPr>`)
	if d.in.Draft != "" {
		w.raw(`<w:headerReference w:type="default" r:id="rIdHeader"/><w:headerReference w:type="even" r:id="rIdHeader"/>`)
	}
	if front {
		w.raw(`<w:footerReference w:type="default" r:id="rIdFooterNone"/><w:footerReference w:type="even" r:id="rIdFooterNone"/>`)
	} else {
		w.raw(`<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>`)
	}
	switch {
	case first:
		w.raw(`<w:type w:val="oddPage"/>`)
	default:
		w.raw(`<w:type w:val="nextPage"/>`)
	}
	if landscape {
		w.raw(`<w:pgSz w:w="` + itoa(pageH) + `" w:h="` + itoa(pageW) + `" w:orient="landscape"/>`)
		w.raw(`<w:pgMar w:top="` + itoa(landscapeMarginTop) + `" w:right="` + itoa(landscapeMarginSide) + `" w:bottom="` + itoa(landscapeMarginTop) +
			`" w:left="` + itoa(landscapeMarginSide) + `" w:header="` + itoa(headerDist) + `" w:footer="` + itoa(footerDist*landscapeMarginTop/marginBottom) + `" w:gutter="0"/>`)
	} else {
		w.raw(`<w:pgSz w:w="` + itoa(pageW) + `" w:h="` + itoa(pageH) + `"/>`)
		w.raw(`<w:pgMar w:top="` + itoa(marginTop) + `" w:right="` + itoa(marginOuter) + `" w:bottom="` + itoa(marginBottom) +
			`" w:left="` + itoa(marginInner) + `" w:header="` + itoa(headerDist) + `" w:footer="` + itoa(footerDist) + `" w:gutter="0"/>`)
	}
	if first {
		w.raw(`<w:pgNumType w:fmt="decimal" w:start="1"/>`)
	}
	w.raw(`<w:cols w:space="425"/><w:docGrid w:type="linesAndChars" w:linePitch="` + itoa(linePitch) + `" w:charSpace="` + itoa(charSpace) + `"/></w:sectPr>`)
}

// cover is the title page: the report's title, the bureau and the date, as the PDF's.
func (d *document) cover() {
	cfg := &d.in.Report.Site
	titleRuns := []run{{Text: cfg.Title}}
	titleLines := lineCount(titleRuns, szCoverTitle, textW)
	top := textH * 22 / 100
	d.para("CoverTitle", `<w:spacing w:before="`+itoa(top)+`"/>`, titleRuns)
	below := textH*72/100 - top - titleLines*coverTitleLine
	if cfg.Bureau != "" {
		d.para("Cover", `<w:spacing w:before="`+itoa(max(below, 0))+`"/>`, []run{{Text: cfg.Bureau, Style: flow.Strong}})
		below = 0
	}
	if date := flow.ChineseDate(cfg.Date); date != "" {
		d.para("Cover", `<w:spacing w:before="`+itoa(max(below, 0))+`"/>`, []run{{Text: date}})
	}
}

// tocPages writes the 目录: Word's TOC field, pre-filled with the chapters and their first
// sub-headings, linked to them and with the pages estimated, so that it reads correctly before
// Word updates it (settings.xml asks Word to update fields on opening). Then the front matter's
// section ends.
func (d *document) tocPages() {
	w := d.w
	w.raw(`<w:p><w:pPr><w:pStyle w:val="TOCHeading"/><w:pageBreakBefore/></w:pPr><w:r><w:t>目　录</w:t></w:r></w:p>`)
	for i, e := range d.toc {
		style := "TOC1"
		if e.level == 2 {
			style = "TOC2"
		}
		w.raw(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
		if i == 0 {
			w.raw(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
		}
		w.raw(`<w:hyperlink w:anchor="` + e.name + `" w:history="1">`)
		d.runs([]run{{Text: e.text}}, "")
		w.raw(`<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF ` + e.name + ` \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>`)
		w.int(e.page)
		w.raw(`</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>`)
		if i == len(d.toc)-1 {
			w.raw(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		}
		w.raw(`</w:p>`)
	}
	// The front matter's section: no page numbers. The body starts on a right-hand page.
	w.raw(`<w:p><w:pPr><w:spacing w:line="20" w:lineRule="exact"/>`)
	d.sectPr(false, true, false)
	w.raw(`</w:pPr></w:p>`)
}

// pager estimates on which page each heading falls, for the pre-filled 目录: lines of body
// text on a 22-line page (15 on a landscape one).
type pager struct {
	page  int
	used  float64
	lines float64
}

func (p *pager) newPage() {
	if p.used > 0 {
		p.page++
	}
	p.used = 0
}

// keep starts a new page unless n lines fit on this one.
func (p *pager) keep(n int) {
	if p.used+float64(n) > p.lines+1e-9 {
		p.newPage()
	}
}

// add fills n lines, turning pages as they fill.
func (p *pager) add(n float64) {
	if p.lines < 1 {
		return
	}
	for p.used+n > p.lines+1e-9 {
		n -= p.lines - p.used
		p.page++
		p.used = 0
	}
	p.used += n
}
