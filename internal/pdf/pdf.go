// Package pdf typesets the report as a print-ready A4 PDF after GB/T 9704-2012 on
// github.com/signintech/gopdf: cover, 目录 with page numbers and links, bookmarks, the chapters
// with Chinese line breaking and justification, numbered figures drawn as vectors and tables that
// break across pages, then the appendix tables. gopdf draws; this package decides where.
package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/signintech/gopdf"

	"github.com/youjun-edu/youjun/internal/content"
	cflow "github.com/youjun-edu/youjun/internal/flow"
	"github.com/youjun-edu/youjun/internal/pdf/fonts"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
)

// Input is what the PDF is made from.
type Input struct {
	Style    Settings
	Report   *report.Report // the report's title, bureau and date are its Site
	Docs     []*content.Doc
	Resolved resolve.Map
	Fonts    *Fonts    // ParseFonts of the fonts to use
	Created  time.Time // the document's date: from the data, never the clock
	Draft    string    // the draft mark for the header of every page; "" for a final report
	// ThousandsSeparators keeps the separators of computed numbers in running text (1,234);
	// by default paragraphs write 1234, as 公文 do. Tables keep them either way.
	ThousandsSeparators bool
	// Context, when set, stops Render with its error once it is done, checked between the
	// layout, the drawing and the writing: `youjun serve` drops a PDF that a newer save has made
	// out of date.
	Context context.Context
}

// Output is the typeset PDF.
type Output struct {
	PDF      []byte
	Pages    int       // physical pages
	Headings []Heading // every heading with its printed page number, in order
	Warnings []string
	// Notes are said once and do not fail a strict build: the official fonts that were not
	// found, for instance.
	Notes []string
}

// Heading is a heading of the PDF and the page it is printed on.
type Heading struct {
	Level int
	Text  string
	Page  int
}

// Render typesets the report.
func Render(in Input) (*Output, error) {
	st := StyleFrom(in.Style)
	t, err := newTypesetter(st, in.Fonts)
	if err != nil {
		return nil, err
	}
	cfg := &in.Report.Site

	// The body first, on pages numbered from 1, so that the 目录 knows the page numbers.
	body := &flow{t: t, next: 1}
	body.newPage()
	t.where = "标题"
	t.y += st.pitch() * 0.5
	body.centered(cfg.Title, sTitle, st.Title*1.6)
	t.y += st.pitch() * 0.5
	for _, d := range in.Docs {
		body.blocks(docBlocks(d, in.Resolved, textOptions{thousands: in.ThousandsSeparators}))
	}
	body.signature(cfg.SignatureLines(cflow.ChineseDate(cfg.Date)))
	appendix := []block{{kind: bPageBreak}, {kind: bHeading, level: 1, spans: []span{{"附表", sH1}}, where: "附表"}}
	for _, tb := range in.Report.Tables() {
		appendix = append(appendix, block{kind: bTable, table: cflow.FromReport(tb), caption: tb.Title, where: tb.Title})
	}
	body.blocks(appendix)
	body.blocks(provenanceBlocks(&in.Report.Provenance))
	t.flushNotes()
	if t.landscape {
		body.endLandscape(false)
	}
	bodyPages := t.pages
	if err := stopped(in.Context); err != nil {
		return nil, err
	}

	// The cover and the 目录 go in front.
	t.pages = nil
	cover(t, cfg)
	toc := &flow{t: t}
	tocPages(toc, body.headings)
	if (len(t.pages))%2 == 1 {
		t.newPage(0) // the body starts on a right-hand (odd) page when printed on both sides
	}
	front := len(t.pages)
	t.pages = append(t.pages, bodyPages...)

	markDraft(t, in.Draft)
	if err := draw(t, st); err != nil {
		return nil, err
	}
	if err := stopped(in.Context); err != nil {
		return nil, err
	}
	t.gp.SetInfo(gopdf.PdfInfo{Title: cfg.Title, Subject: "县域义务教育优质均衡发展自评报告（" + in.Report.Basis() + "）" + provenanceSubject(&in.Report.Provenance),
		Author: cfg.Bureau, Creator: "youjun", Producer: "youjun (gopdf)", CreationDate: in.Created})
	b, err := compile(t.gp, len(t.pages))
	if err != nil {
		return nil, err
	}
	out := &Output{PDF: b, Pages: len(t.pages), Warnings: t.warnings()}
	if miss := in.Fonts.Set.Missing(); len(miss) > 0 {
		out.Notes = append(out.Notes, fontNote(miss, fonts.Dirs()))
	}
	for _, h := range body.headings {
		out.Headings = append(out.Headings, Heading{Level: h.level, Text: h.text, Page: h.page})
	}
	_ = front
	return out, nil
}

// compile writes the PDF: gopdf without compressing the pages, then deflateContents, which
// gives the same bytes as gopdf at zlib.BestSpeed in less time.
func compile(gp *gopdf.GoPdf, pages int) ([]byte, error) {
	gp.SetNoCompression()
	b := bytes.NewBuffer(make([]byte, 0, 1<<20+pages*(24<<10))) // the fonts, and 12–22 KB of operators a page
	if _, err := gp.WriteTo(b); err != nil {
		return nil, err
	}
	return deflateContents(b.Bytes(), zlib.BestSpeed)
}

// stopped is ctx's error; nil without a context.
func stopped(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}

// fontNote names the official fonts that were not found and where to put them.
func fontNote(miss []fonts.Role, dirs []string) string {
	names := make([]string, len(miss))
	for i, r := range miss {
		names[i] = r.String()
	}
	where := "本机字体目录"
	if len(dirs) > 0 {
		where = dirs[0]
	}
	return fmt.Sprintf("未找到公文字体：%s。PDF 暂用内置的霞鹜文楷（正文、楷体）和文泉驿微米黑（标题、粗体）代替；"+
		"正式上报前请把字体文件（.ttf）放入 %s，或在 site.toml 的 [pdf.fonts] 中写明其路径（body、heading、kai、title）",
		strings.Join(names, "、"), where)
}

// cover is the title page: the report's title, the bureau and the date.
func cover(t *typesetter, cfg *report.Site) {
	st := t.st
	t.newPage(0)
	f := &flow{t: t}
	t.where = "封面"
	t.y = st.Top + st.TextH*0.22
	f.centered(cfg.Title, sCoverTitle, st.Title*1.2*1.6)
	t.y = st.Top + st.TextH*0.72
	if cfg.Bureau != "" {
		f.centered(cfg.Bureau, sH1, st.pitch())
	}
	if d := cflow.ChineseDate(cfg.Date); d != "" {
		f.centered(d, sBody, st.pitch())
	}
}

// tocPages lays out the 目录: chapters and their first sub-headings with dot leaders, page
// numbers and links.
func tocPages(f *flow, hs []heading) {
	t := f.t
	st := t.st
	t.newPage(0)
	t.where = "目录"
	t.y += st.pitch() * 0.5
	f.centered("目　录", sTitle, st.Title*1.6)
	t.y += st.pitch() * 0.5
	for _, h := range hs {
		if h.level > 2 {
			continue
		}
		if t.room() < st.pitch()-1e-9 {
			t.newPage(0)
		}
		s := sBody
		indent := 0.0
		if h.level == 1 {
			s = sH1
		} else {
			indent = 2 * st.Body * st.gridRatio()
		}
		num := strconv.Itoa(h.page)
		numW := t.measure(num, sBody)
		ls := breakLines([]span{{h.text, s}}, st.TextW-numW-st.Body*3-indent, 0, false, t.adv)
		for i, l := range ls {
			base := baseline(t.y, st.pitch(), st.Body)
			t.line(l, indent, base)
			if i == len(ls)-1 {
				t.rule(indent+l.width+st.Body*0.4, base-1, st.TextW-numW-st.Body*0.4, base-1, 0.9, []float64{0.9, 3})
				t.label(num, sBody, 0, st.TextW, base, 'r')
			}
			t.y += st.pitch()
		}
		top := t.y - float64(len(ls))*st.pitch()
		t.cur.ops = append(t.cur.ops, op{kind: opLink, x: 0, y: top, x2: st.TextW, y2: float64(len(ls)) * st.pitch(), anchor: h.anchor})
	}
}

// draw writes every page into gopdf: page numbers, anchors, bookmarks and the operations.
func draw(t *typesetter, st Style) error {
	gp := t.gp
	d := &drawer{gp: gp}
	for _, p := range t.pages {
		gp.AddPage()
		// gopdf writes a page's content stream only when something is drawn on it; a blank page
		// (the verso left after the 目录) would get an empty /Contents entry, which is invalid.
		d.reset()
		d.fill(0)
		left := st.left(p.number)
		if p.landscape {
			// The landscape text block is centred on the portrait one and turned a quarter
			// turn anticlockwise: its top faces the left edge.
			gp.Rotate(90, left+st.TextW/2, st.Top+st.TextH/2)
			left += (st.TextW - st.TextH) / 2
		}
		for _, a := range p.anchors {
			gp.SetXY(left, a.y-st.Body)
			gp.SetFontSize(st.Body)
			gp.SetAnchor(a.name)
		}
		for _, m := range p.marks {
			gp.SetXY(left, m.y)
			gp.AddOutlineWithPosition(m.name)
		}
		for _, o := range p.ops {
			if err := d.op(o, left); err != nil {
				return err
			}
		}
		if p.landscape {
			// Q restores the state of before the turn, which the drawer no longer knows.
			gp.RotateReset()
			d.reset()
			left = st.left(p.number)
		}
		for _, o := range p.furniture {
			if err := d.op(o, left); err != nil {
				return err
			}
		}
		if p.number > 0 {
			if err := pageNumber(t, d, p.number, left); err != nil {
				return err
			}
		}
	}
	return nil
}

// pageNumber prints — n — 7 mm below the text block: on the right of odd pages and on the left
// of even ones, one character in from the edge.
func pageNumber(t *typesetter, d *drawer, n int, left float64) error {
	st := t.st
	text := "— " + strconv.Itoa(n) + " —"
	w := t.measure(text, sPageNum)
	x := left + st.TextW - st.PageNum - w
	if n%2 == 0 {
		x = left + st.PageNum
	}
	base := st.bottom() + st.PageNumGap + st.PageNum*0.86
	ls := breakLines([]span{{text, sPageNum}}, 1e9, 0, false, t.adv)
	for _, g := range ls[0].glyphs {
		if g.space {
			continue
		}
		o := op{kind: opText, x: x + g.x, y: base, text: g.text, family: t.face(utf8RuneOf(g.text), sPageNum), size: st.PageNum, absolute: true}
		if err := d.op(o, 0); err != nil {
			return err
		}
	}
	return nil
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// utf8RuneOf is the first character of s (U+FFFD for an invalid byte or an empty string).
func utf8RuneOf(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// drawer draws operations into gopdf and leaves out the state operators that would not change
// the graphics state: most text would otherwise carry two colour operators per glyph, the
// larger part of every content stream. Text is filled with the fill colour (gopdf's text
// colour is never set, so that it writes none).
type drawer struct {
	gp        *gopdf.GoPdf
	fillKnown bool
	gray      uint8   // the fill colour, when fillKnown
	black     bool    // the stroke colour is known to be black
	width     float64 // the line width; negative when unknown
	dashKnown bool
	dash      []float64 // the dash pattern, when dashKnown; nil for a solid line
}

// reset forgets the state: a new page, or a Q that restored an earlier one.
func (d *drawer) reset() { *d = drawer{gp: d.gp, width: -1} }

func (d *drawer) fill(gray uint8) {
	if d.fillKnown && d.gray == gray {
		return
	}
	d.gp.SetFillColor(gray, gray, gray)
	d.fillKnown, d.gray = true, gray
}

func (d *drawer) stroke(width float64, dash []float64) {
	if !d.black {
		d.gp.SetStrokeColor(0, 0, 0)
		d.black = true
	}
	if d.width != width {
		d.gp.SetLineWidth(width)
		d.width = width
	}
	if d.dashKnown && slices.Equal(d.dash, dash) && (d.dash == nil) == (dash == nil) {
		return
	}
	if dash == nil {
		d.gp.SetLineType("solid")
	} else {
		d.gp.SetCustomLineType(slices.Clone(dash), 0)
	}
	d.dashKnown, d.dash = true, dash
}

// op draws one operation of a page whose text block starts at left.
func (d *drawer) op(o op, left float64) error {
	gp := d.gp
	x := o.x
	if !o.absolute {
		x += left
	}
	switch o.kind {
	case opText:
		if err := gp.SetFont(o.family, "", o.size); err != nil {
			return err
		}
		// PDF fills glyphs with the fill colour, which a shaded cell may have changed.
		d.fill(0)
		gp.SetXY(x, o.y)
		if err := gp.Text(o.text); err != nil {
			return err
		}
	case opLine:
		d.stroke(o.width, o.dash)
		gp.Line(x, o.y, o.x2+left*boolf(!o.absolute), o.y2)
	case opRect:
		if o.fill { // an outline alone leaves the fill colour alone
			d.fill(uint8(o.gray * 255))
		}
		d.stroke(o.width, nil)
		style := ""
		if o.fill {
			style += "F"
		}
		if o.stroke {
			style += "D"
		}
		gp.RectFromUpperLeftWithStyle(x, o.y, o.x2, o.y2, style)
	case opLink:
		gp.AddInternalLink(o.anchor, x, o.y, o.x2, o.y2)
	}
	return nil
}
