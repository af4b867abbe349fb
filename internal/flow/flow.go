// Package flow turns a chapter into a flow of blocks: its title and headings with their levels,
// paragraphs of styled text, numbered lists, tables, charts with their captions and footnotes,
// the shortcodes resolved. The PDF and the Word document are made from the same flow, so that
// the two read alike; each renderer maps the blocks to its own output.
package flow

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/cjk"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
)

// Kind is what a block is.
type Kind int

const (
	Heading Kind = iota
	Para
	Table
	Figure
)

// Style is the character style of a span: the innermost emphasis around it.
type Style int

const (
	Plain  Style = iota
	Em           // *text*: 楷体
	Strong       // **text**: 黑体
)

// Span is a piece of text in one style, or a footnote reference (Note > 0): then Text is the
// mark that Options.NoteMark gives it.
type Span struct {
	Text  string
	Style Style
	Note  int // the footnote's number in the chapter
}

// Block is one element of the flow.
type Block struct {
	Kind    Kind
	Level   int // heading: 1 the chapter's title (一、), 2 （一）, 3 1., 4 （1）
	Spans   []Span
	Indent  bool // a paragraph of running text, with a first-line indent (not code, not flush right)
	Right   bool // set flush right, line by line ({{< right >}})
	Table   *TableModel
	Chart   *chart.Chart
	Caption string
	Where   string // file and line, for messages
}

// TableModel is a table to set: from the report or from a Markdown table.
type TableModel struct {
	Columns []Column
	Rows    [][]Cell
	Notes   []string
}

type Column struct {
	Header  string
	Numeric bool
}

type Cell struct {
	Text  string
	Spans []Span // a Markdown cell's text with its styles and notes; nil: Text alone
	Fail  bool
}

// FromReport is the report's table t as a table to set, with the short headers.
func FromReport(t *report.Table) *TableModel {
	m := &TableModel{Notes: t.Notes}
	for _, c := range t.Columns {
		h := c.Header
		if c.Short != "" {
			h = c.Short
		}
		m.Columns = append(m.Columns, Column{Header: h, Numeric: c.Numeric})
	}
	for _, row := range t.Rows {
		r := make([]Cell, len(row))
		for i, c := range row {
			r[i] = Cell{Text: c.Text, Fail: c.Fail}
		}
		m.Rows = append(m.Rows, r)
	}
	return m
}

// Note is a footnote of a chapter: its number and the text of each of its paragraphs.
type Note struct {
	Index int
	Paras [][]Span
}

// Chapter is a chapter as a flow.
type Chapter struct {
	Blocks []Block
	Notes  []Note // in the order of the chapter's footnote list
	Refs   []int  // the numbers of the footnotes referred to, in the order of first reference
}

// Options are the renderer's and the site's choices.
type Options struct {
	Thousands bool // keep thousands separators in computed numbers
	ChartRows int  // the most units a distribution chart shows on one figure
	// NoteMark is the text a footnote reference shows, in a table cell or elsewhere; nil: none
	// (the renderer numbers the references itself).
	NoteMark func(n int, inCell bool) string
}

// Convert turns a chapter into a flow: its title as a first-level heading, then its body.
func Convert(d *content.Doc, resolved resolve.Map, opt Options) Chapter {
	c := converter{doc: d, src: d.Source, resolved: resolved, opt: opt}
	ch := Chapter{Blocks: []Block{{Kind: Heading, Level: 1, Spans: []Span{{Text: d.Meta.Title}}, Where: d.File}}}
	seen := map[int]bool{}
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fl, ok := n.(*east.FootnoteLink); ok && entering && !seen[fl.Index] {
			seen[fl.Index] = true
			ch.Refs = append(ch.Refs, fl.Index)
		}
		return ast.WalkContinue, nil
	})
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		ch.Blocks = append(ch.Blocks, c.block(n)...)
	}
	ch.Notes = c.notes
	return ch
}

type converter struct {
	doc      *content.Doc
	src      []byte
	resolved resolve.Map
	opt      Options
	notes    []Note
	depth    int // of nested lists
}

// running writes a computed value as running text shows it: without thousands separators
// unless the site keeps them.
func (c *converter) running(s string) string {
	if c.opt.Thousands {
		return s
	}
	return Ungroup(s)
}

// Ungroup removes the thousands separators of the numbers in s: 1,234,567.8 becomes 1234567.8.
func Ungroup(s string) string {
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

func (c *converter) block(n ast.Node) []Block {
	switch n := n.(type) {
	case *ast.Heading:
		level := min(max(n.Level, 2), 4)
		return []Block{{Kind: Heading, Level: level, Spans: c.inline(n, false), Where: c.where(n)}}
	case *ast.Paragraph, *ast.TextBlock:
		if sc, ok := n.FirstChild().(*content.Shortcode); ok && sc.Block() {
			if res := c.resolved[sc]; res.Block() {
				return c.shortcodeBlock(res, c.where(n))
			}
		}
		right := content.RightAligned(n)
		return []Block{{Kind: Para, Spans: c.inline(n, false), Indent: !right, Right: right, Where: c.where(n)}}
	case *ast.List:
		return c.list(n)
	case *ast.Blockquote:
		var out []Block
		for child := n.FirstChild(); child != nil; child = child.NextSibling() {
			for _, b := range c.block(child) {
				if b.Kind == Para {
					for i := range b.Spans {
						if b.Spans[i].Style == Plain && b.Spans[i].Note == 0 {
							b.Spans[i].Style = Em
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
		return []Block{{Kind: Para, Spans: []Span{{Text: strings.TrimRight(b.String(), "\n")}}, Where: c.where(n)}}
	case *east.Table:
		return []Block{{Kind: Table, Table: c.mdTable(n), Where: c.where(n)}}
	case *east.FootnoteList:
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			f, ok := fn.(*east.Footnote)
			if !ok {
				continue
			}
			note := Note{Index: f.Index}
			for child := f.FirstChild(); child != nil; child = child.NextSibling() {
				note.Paras = append(note.Paras, c.inline(child, false))
			}
			c.notes = append(c.notes, note)
		}
		return nil
	}
	return nil // thematic breaks and HTML are not printed
}

// list numbers the items of a list: bullets are not used in 公文, every list is numbered.
func (c *converter) list(n *ast.List) []Block {
	var out []Block
	i := n.Start
	if i == 0 {
		i = 1
	}
	depth := c.depth
	c.depth++
	defer func() { c.depth-- }()
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		prefix := listMarker(depth, i)
		i++
		first := true
		for child := item.FirstChild(); child != nil; child = child.NextSibling() {
			for _, b := range c.block(child) {
				if first && b.Kind == Para {
					b.Spans = append([]Span{{Text: prefix}}, b.Spans...)
					first = false
				}
				out = append(out, b)
			}
		}
	}
	return out
}

func (c *converter) shortcodeBlock(res resolve.Resolution, where string) []Block {
	switch {
	case res.Table != nil:
		return []Block{{Kind: Table, Table: FromReport(res.Table), Caption: res.Label + " " + res.Table.Name, Where: where}}
	case res.Chart != nil:
		var out []Block // a distribution chart of many units comes in parts
		for _, ch := range res.Chart.Parts(c.opt.ChartRows) {
			out = append(out, Block{Kind: Figure, Chart: ch, Caption: res.Label + " " + ch.Title, Where: where})
		}
		return out
	}
	var out []Block
	for i, it := range res.List {
		out = append(out, Block{Kind: Para, Indent: true, Spans: []Span{{Text: listMarker(0, i+1) + c.running(it.Text)}}, Where: where})
	}
	if len(res.List) == 0 {
		out = append(out, Block{Kind: Para, Indent: true, Spans: []Span{{Text: "（无）"}}, Where: where})
	}
	return out
}

// inline collects the text of a block's inline children. A soft line break between two
// Chinese characters vanishes, as goldmark's CJK extension does in HTML; elsewhere it is a space.
func (c *converter) inline(n ast.Node, inCell bool) []Span {
	var out []Span
	var walk func(n ast.Node, style Style)
	walk = func(n ast.Node, style Style) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch := ch.(type) {
			case *ast.Text:
				out = append(out, Span{Text: string(ch.Segment.Value(c.src)), Style: style})
				if ch.HardLineBreak() {
					out = append(out, Span{Text: "\n", Style: style})
				} else if ch.SoftLineBreak() {
					out = append(out, Span{Text: "\u0000", Style: style}) // decided below, when both sides are known
				}
			case *ast.String:
				out = append(out, Span{Text: string(ch.Value), Style: style})
			case *ast.Emphasis:
				s := Em
				if ch.Level >= 2 {
					s = Strong
				}
				walk(ch, s)
			case *ast.AutoLink:
				out = append(out, Span{Text: string(ch.URL(c.src)), Style: style})
			case *content.Shortcode:
				out = append(out, Span{Text: c.running(c.resolved[ch].Text), Style: style})
			case *east.FootnoteLink:
				var mark string
				if c.opt.NoteMark != nil {
					mark = c.opt.NoteMark(ch.Index, inCell)
				}
				out = append(out, Span{Text: mark, Note: ch.Index})
			case *ast.RawHTML:
			default: // links, code spans and pictures: their text
				walk(ch, style)
			}
		}
	}
	walk(n, Plain)
	// Soft line breaks: nothing between Chinese characters, a space elsewhere.
	for i := range out {
		if out[i].Text != "\u0000" {
			continue
		}
		var before, after rune
		for j := i - 1; j >= 0 && before == 0; j-- {
			if r := []rune(out[j].Text); len(r) > 0 && out[j].Text != "\u0000" {
				before = r[len(r)-1]
			}
		}
		for j := i + 1; j < len(out) && after == 0; j++ {
			if r := []rune(out[j].Text); len(r) > 0 && out[j].Text != "\u0000" {
				after = r[0]
			}
		}
		out[i].Text = " "
		if cjk.IsWide(before) && cjk.IsWide(after) {
			out[i].Text = ""
		}
	}
	return out
}

func (c *converter) mdTable(t *east.Table) *TableModel {
	m := &TableModel{}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var r []Cell
		col := 0
		for cl := row.FirstChild(); cl != nil; cl = cl.NextSibling() {
			spans := c.inline(cl, true)
			var b strings.Builder
			for _, s := range spans {
				b.WriteString(s.Text)
			}
			if _, header := row.(*east.TableHeader); header {
				numeric := col < len(t.Alignments) && t.Alignments[col] == east.AlignRight
				m.Columns = append(m.Columns, Column{Header: b.String(), Numeric: numeric})
			} else {
				r = append(r, Cell{Text: b.String(), Spans: spans})
			}
			col++
		}
		if r != nil {
			m.Rows = append(m.Rows, r)
		}
	}
	return m
}

// ChineseDate writes 2025-10-15 as 2025年10月15日 (GB/T 9704 writes dates in Arabic numerals), as
// the PDF and the Word document print the report's date; "" for a date that is not YYYY-MM-DD.
func ChineseDate(d string) string {
	tm, err := time.Parse("2006-01-02", d)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", tm.Year(), int(tm.Month()), tm.Day())
}
