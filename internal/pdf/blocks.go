package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/cjk"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
)

// block is one element of the flow: a heading, a paragraph, a table or a figure.
type block struct {
	kind    blockKind
	level   int // heading: 1 一、 2 （一） 3 1. 4 （1）
	spans   []span
	indent  bool // first-line indent of two characters
	right   bool // set flush right, line by line ({{< right >}})
	small   bool // notes and footnotes in the table size
	table   *tableModel
	chart   *chart.Chart
	caption string
	where   string   // file and line, for messages
	notes   *noteSet // the chapter's footnotes, which its paragraphs refer to
}

// noteSet is a chapter's footnotes by number, and which of them have been set.
type noteSet struct {
	text   map[int][]span
	placed map[int]bool
}

type blockKind int

const (
	bHeading blockKind = iota
	bPara
	bTable
	bFigure
	bPageBreak
	bNotes // the chapter's footnotes that no page foot took (referred to from a table)
)

// tableModel is a table to typeset: from the report or from a Markdown table.
type tableModel struct {
	columns []column
	rows    [][]cell
	notes   []string
}

type column struct {
	header  string
	numeric bool
}

type cell struct {
	text string
	fail bool
}

func fromReport(t *report.Table) *tableModel {
	m := &tableModel{notes: t.Notes}
	for _, c := range t.Columns {
		h := c.Header
		if c.Short != "" {
			h = c.Short
		}
		m.columns = append(m.columns, column{header: h, numeric: c.Numeric})
	}
	for _, row := range t.Rows {
		var r []cell
		for _, c := range row {
			r = append(r, cell{text: c.Text, fail: c.Fail})
		}
		m.rows = append(m.rows, r)
	}
	return m
}

// textOptions are the site's choices for running text.
type textOptions struct {
	thousands bool // keep thousands separators in computed numbers
}

// docBlocks turns a chapter into blocks: its title as a first-level heading, then its body.
func docBlocks(d *content.Doc, resolved resolve.Map, opt textOptions) []block {
	bs := []block{{kind: bHeading, level: 1, spans: []span{{d.Meta.Title, sH1}}, where: d.File}}
	notes := &noteSet{text: map[int][]span{}, placed: map[int]bool{}}
	c := converter{doc: d, src: d.Source, resolved: resolved, opt: opt, notes: notes}
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		bs = append(bs, c.block(n)...)
	}
	if len(notes.text) > 0 {
		for i := range bs {
			bs[i].notes = notes
		}
		bs = append(bs, block{kind: bNotes, notes: notes, where: d.File})
	}
	return bs
}

type converter struct {
	doc      *content.Doc
	src      []byte
	resolved resolve.Map
	opt      textOptions
	notes    *noteSet
	depth    int // of nested lists
}

// running writes a computed value as running text shows it: without thousands separators
// unless the site keeps them.
func (c *converter) running(s string) string {
	if c.opt.thousands {
		return s
	}
	return ungroup(s)
}

// ungroup removes the thousands separators of the numbers in s: 1,234,567.8 becomes 1234567.8.
func ungroup(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ',' && i > 0 && isDigit(rs[i-1]) && i+3 < len(rs) && isDigit(rs[i+1]) && isDigit(rs[i+2]) && isDigit(rs[i+3]) &&
			(i+4 == len(rs) || !isDigit(rs[i+4])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// listMarker numbers a list item as 公文 do: 1． at the first level, （1） below it.
func listMarker(depth, i int) string {
	if depth > 0 {
		return "（" + strconv.Itoa(i) + "）"
	}
	return strconv.Itoa(i) + "．"
}

func (c *converter) where(n ast.Node) string {
	line := 0
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		line = c.doc.Line(n.Lines().At(0).Start)
	}
	if line > 0 {
		return fmt.Sprintf("%s 第%d行", c.doc.File, line)
	}
	return c.doc.File
}

func (c *converter) block(n ast.Node) []block {
	switch n := n.(type) {
	case *ast.Heading:
		level := n.Level
		if level < 2 {
			level = 2
		}
		if level > 4 {
			level = 4
		}
		style := map[int]int{2: sH2, 3: sH3, 4: sH3}[level]
		return []block{{kind: bHeading, level: level, spans: c.inline(n, style), where: c.where(n)}}
	case *ast.Paragraph, *ast.TextBlock:
		if sc, ok := n.FirstChild().(*content.Shortcode); ok && sc.Block() {
			if res := c.resolved[sc]; res.Block() {
				return c.shortcodeBlock(res, c.where(n))
			}
		}
		right := content.RightAligned(n)
		return []block{{kind: bPara, spans: c.inline(n, sBody), indent: !right, right: right, where: c.where(n)}}
	case *ast.List:
		var out []block
		i := n.Start
		if i == 0 {
			i = 1
		}
		// Bullets are not used in 公文: every list is numbered.
		depth := c.depth
		c.depth++
		defer func() { c.depth-- }()
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			prefix := listMarker(depth, i)
			i++
			first := true
			for child := item.FirstChild(); child != nil; child = child.NextSibling() {
				for _, b := range c.block(child) {
					if first && b.kind == bPara {
						b.spans = append([]span{{prefix, sBody}}, b.spans...)
						first = false
					}
					out = append(out, b)
				}
			}
		}
		return out
	case *ast.Blockquote:
		var out []block
		for child := n.FirstChild(); child != nil; child = child.NextSibling() {
			for _, b := range c.block(child) {
				if b.kind == bPara {
					for i := range b.spans {
						if b.spans[i].style == sBody {
							b.spans[i].style = sEm
						}
					}
				}
				out = append(out, b)
			}
		}
		return out
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(c.src))
		}
		return []block{{kind: bPara, spans: []span{{strings.TrimRight(b.String(), "\n"), sBody}}, where: c.where(n)}}
	case *east.Table:
		return []block{{kind: bTable, table: c.mdTable(n), where: c.where(n)}}
	case *east.FootnoteList:
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			f, ok := fn.(*east.Footnote)
			if !ok {
				continue
			}
			spans := []span{{strconv.Itoa(f.Index), sSup}, {" ", sNote}}
			for child := f.FirstChild(); child != nil; child = child.NextSibling() {
				spans = append(spans, c.inline(child, sNote)...)
			}
			c.notes.text[f.Index] = spans
		}
		return nil
	case *ast.ThematicBreak, *ast.HTMLBlock:
		return nil
	}
	return nil
}

func (c *converter) shortcodeBlock(res resolve.Resolution, where string) []block {
	switch {
	case res.Table != nil:
		return []block{{kind: bTable, table: fromReport(res.Table), caption: res.Label + " " + res.Table.Name, where: where}}
	case res.Chart != nil:
		var out []block // a distribution chart of many units comes in parts
		for _, c := range res.Chart.Parts(hbarRows) {
			out = append(out, block{kind: bFigure, chart: c, caption: res.Label + " " + c.Title, where: where})
		}
		return out
	}
	var out []block
	for i, it := range res.List {
		out = append(out, block{kind: bPara, indent: true, spans: []span{{listMarker(0, i+1) + c.running(it.Text), sBody}}, where: where})
	}
	if len(res.List) == 0 {
		out = append(out, block{kind: bPara, indent: true, spans: []span{{"（无）", sBody}}, where: where})
	}
	return out
}

// inline collects the text of a block's inline children. A soft line break between two
// Chinese characters vanishes, as goldmark's CJK extension does in HTML; elsewhere it is a space.
func (c *converter) inline(n ast.Node, style int) []span {
	var out []span
	var walk func(n ast.Node, style int)
	walk = func(n ast.Node, style int) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch := ch.(type) {
			case *ast.Text:
				out = append(out, span{string(ch.Segment.Value(c.src)), style})
				if ch.HardLineBreak() {
					out = append(out, span{"\n", style})
				} else if ch.SoftLineBreak() {
					out = append(out, span{"\u0000", style}) // decided below, when both sides are known
				}
			case *ast.String:
				out = append(out, span{string(ch.Value), style})
			case *ast.CodeSpan:
				walk(ch, style)
			case *ast.Emphasis:
				s := sEm
				if ch.Level >= 2 {
					s = sStrong
				}
				if style == sH1 || style == sH2 || style == sTitle {
					s = style
				}
				walk(ch, s)
			case *ast.Link:
				walk(ch, style)
			case *ast.AutoLink:
				out = append(out, span{string(ch.URL(c.src)), style})
			case *content.Shortcode:
				out = append(out, span{c.running(c.resolved[ch].Text), style})
			case *east.FootnoteLink:
				// A superscript number; its note goes to the foot of the page. In a table cell
				// it stays [1] and the note follows the chapter.
				if style == sTable {
					out = append(out, span{fmt.Sprintf("[%d]", ch.Index), style})
				} else {
					out = append(out, span{strconv.Itoa(ch.Index), sSup})
				}
			case *ast.RawHTML:
			default:
				walk(ch, style)
			}
		}
	}
	walk(n, style)
	// Soft line breaks: nothing between Chinese characters, a space elsewhere.
	for i := range out {
		if out[i].text != "\u0000" {
			continue
		}
		var before, after rune
		for j := i - 1; j >= 0 && before == 0; j-- {
			if r := []rune(out[j].text); len(r) > 0 && out[j].text != "\u0000" {
				before = r[len(r)-1]
			}
		}
		for j := i + 1; j < len(out) && after == 0; j++ {
			if r := []rune(out[j].text); len(r) > 0 && out[j].text != "\u0000" {
				after = r[0]
			}
		}
		out[i].text = " "
		if cjk.IsWide(before) && cjk.IsWide(after) {
			out[i].text = ""
		}
	}
	return out
}

func (c *converter) mdTable(t *east.Table) *tableModel {
	m := &tableModel{}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var r []cell
		col := 0
		for cl := row.FirstChild(); cl != nil; cl = cl.NextSibling() {
			var b strings.Builder
			for _, s := range c.inline(cl, sTable) {
				b.WriteString(s.text)
			}
			if _, header := row.(*east.TableHeader); header {
				numeric := col < len(t.Alignments) && t.Alignments[col] == east.AlignRight
				m.columns = append(m.columns, column{header: b.String(), numeric: numeric})
			} else {
				r = append(r, cell{text: b.String()})
			}
			col++
		}
		if r != nil {
			m.rows = append(m.rows, r)
		}
	}
	return m
}
