package docx

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

// The document is first a list of blocks, as the PDF's: the same chapters, captions and
// appendix, so that the two read alike; then the blocks are written as WordprocessingML.

type blockKind int

const (
	bHeading blockKind = iota
	bPara
	bTable
	bFigure
	bPageBreak
	bSmall     // a note in the table size: 注、说明
	bSignature // the 落款
)

type block struct {
	kind      blockKind
	level     int // heading: 1 一、 2 （一） 3 1. 4 （1）
	runs      []run
	right     bool // {{< right >}}: flush right, line by line
	table     *tableModel
	chart     *chart.Chart
	caption   string
	signature []signatureLine
}

// run is a piece of text in one character style.
type run struct {
	text  string
	style runStyle
	note  int // a footnote reference: the footnote's id in footnotes.xml
}

type runStyle int

const (
	rPlain  runStyle = iota
	rStrong          // 黑体
	rEm              // 楷体
)

// tableModel is a table to write: from the report or from a Markdown table.
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
	runs []run // a Markdown cell's text with its styles and notes; nil: text alone
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
		r := make([]cell, len(row))
		for i, c := range row {
			r[i] = cell{text: c.Text, fail: c.Fail}
		}
		m.rows = append(m.rows, r)
	}
	return m
}

// footnote is a note of a chapter, written into footnotes.xml.
type footnote struct {
	id   int
	runs []run
}

// converter turns a chapter's Markdown tree into blocks.
type converter struct {
	doc       *content.Doc
	src       []byte
	resolved  resolve.Map
	thousands bool
	depth     int // of nested lists
	notes     *[]footnote
	noteIDs   map[int]int // the chapter's footnote number → its id in footnotes.xml
}

// docBlocks turns a chapter into blocks: its title as a first-level heading, then its body.
// Footnotes get ids from next on and are appended to notes.
func docBlocks(d *content.Doc, resolved resolve.Map, thousands bool, notes *[]footnote) []block {
	bs := []block{{kind: bHeading, level: 1, runs: []run{{text: d.Meta.Title}}}}
	c := &converter{doc: d, src: d.Source, resolved: resolved, thousands: thousands, notes: notes, noteIDs: map[int]int{}}
	// Footnote ids first, so that a reference before its list knows its id.
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fl, ok := n.(*east.FootnoteLink); ok && entering {
			c.noteID(fl.Index)
		}
		return ast.WalkContinue, nil
	})
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		bs = append(bs, c.block(n)...)
	}
	return bs
}

// noteID is the id in footnotes.xml of the chapter's footnote i: ids 1 and up (0 and -1 are the
// separators), in the order of first reference.
func (c *converter) noteID(i int) int {
	if id, ok := c.noteIDs[i]; ok {
		return id
	}
	id := len(*c.notes) + 1
	*c.notes = append(*c.notes, footnote{id: id})
	c.noteIDs[i] = id
	return id
}

// running writes a computed value as running text shows it: without thousands separators
// unless the site keeps them (as the PDF).
func (c *converter) running(s string) string {
	if c.thousands {
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

func (c *converter) block(n ast.Node) []block {
	switch n := n.(type) {
	case *ast.Heading:
		level := min(max(n.Level, 2), 4)
		return []block{{kind: bHeading, level: level, runs: c.inline(n, rPlain)}}
	case *ast.Paragraph, *ast.TextBlock:
		if sc, ok := n.FirstChild().(*content.Shortcode); ok && sc.Block() {
			if res := c.resolved[sc]; res.Block() {
				return c.shortcodeBlock(res)
			}
		}
		return []block{{kind: bPara, runs: c.inline(n, rPlain), right: content.RightAligned(n)}}
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
						b.runs = append([]run{{text: prefix}}, b.runs...)
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
					for i := range b.runs {
						if b.runs[i].style == rPlain {
							b.runs[i].style = rEm
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
		return []block{{kind: bPara, runs: []run{{text: strings.TrimRight(b.String(), "\n")}}}}
	case *east.Table:
		return []block{{kind: bTable, table: c.mdTable(n)}}
	case *east.FootnoteList:
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			f, ok := fn.(*east.Footnote)
			if !ok {
				continue
			}
			var runs []run
			for child := f.FirstChild(); child != nil; child = child.NextSibling() {
				if len(runs) > 0 {
					runs = append(runs, run{text: " "})
				}
				runs = append(runs, c.inline(child, rPlain)...)
			}
			id := c.noteID(f.Index)
			(*c.notes)[id-1].runs = runs
		}
		return nil
	}
	return nil
}

func (c *converter) shortcodeBlock(res resolve.Resolution) []block {
	switch {
	case res.Table != nil:
		return []block{{kind: bTable, table: fromReport(res.Table), caption: res.Label + " " + res.Table.Name}}
	case res.Chart != nil:
		var out []block // a distribution chart of many units comes in parts, as in the PDF
		for _, ch := range res.Chart.Parts(chartRows) {
			out = append(out, block{kind: bFigure, chart: ch, caption: res.Label + " " + ch.Title})
		}
		return out
	}
	var out []block
	for i, it := range res.List {
		out = append(out, block{kind: bPara, runs: []run{{text: listMarker(0, i+1) + c.running(it.Text)}}})
	}
	if len(res.List) == 0 {
		out = append(out, block{kind: bPara, runs: []run{{text: "（无）"}}})
	}
	return out
}

// chartRows is the most units a distribution chart shows on one figure, as in the PDF.
const chartRows = 40

// inline collects the text of a block's inline children. A soft line break between two Chinese
// characters vanishes, as goldmark's CJK extension does in HTML; elsewhere it is a space.
func (c *converter) inline(n ast.Node, style runStyle) []run {
	var out []run
	var walk func(n ast.Node, style runStyle)
	walk = func(n ast.Node, style runStyle) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch := ch.(type) {
			case *ast.Text:
				out = append(out, run{text: string(ch.Segment.Value(c.src)), style: style})
				if ch.HardLineBreak() {
					out = append(out, run{text: "\n", style: style})
				} else if ch.SoftLineBreak() {
					out = append(out, run{text: "\u0000", style: style}) // decided below
				}
			case *ast.String:
				out = append(out, run{text: string(ch.Value), style: style})
			case *ast.Emphasis:
				s := rEm
				if ch.Level >= 2 {
					s = rStrong
				}
				walk(ch, s)
			case *ast.AutoLink:
				out = append(out, run{text: string(ch.URL(c.src)), style: style})
			case *content.Shortcode:
				out = append(out, run{text: c.running(c.resolved[ch].Text), style: style})
			case *east.FootnoteLink:
				out = append(out, run{note: c.noteID(ch.Index)})
			case *ast.RawHTML:
			default: // links, code spans and pictures: their text, as the PDF prints them
				walk(ch, style)
			}
		}
	}
	walk(n, style)
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
			runs := c.inline(cl, rPlain)
			var b strings.Builder
			for _, s := range runs {
				b.WriteString(s.text)
			}
			if _, header := row.(*east.TableHeader); header {
				numeric := col < len(t.Alignments) && t.Alignments[col] == east.AlignRight
				m.columns = append(m.columns, column{header: b.String(), numeric: numeric})
			} else {
				r = append(r, cell{text: b.String(), runs: runs})
			}
			col++
		}
		if r != nil {
			m.rows = append(m.rows, r)
		}
	}
	return m
}

// chineseDate writes 2025-10-15 as 2025年10月15日 (GB/T 9704 writes dates in Arabic numerals), as
// the PDF does; "" for a date that is not YYYY-MM-DD.
func chineseDate(d string) string {
	tm, err := time.Parse("2006-01-02", d)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", tm.Year(), int(tm.Month()), tm.Day())
}
