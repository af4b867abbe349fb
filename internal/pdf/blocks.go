package pdf

import (
	"strconv"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	cflow "github.com/youjun-edu/youjun/internal/flow"
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
	table   *cflow.TableModel
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

// textOptions are the site's choices for running text.
type textOptions struct {
	thousands bool // keep thousands separators in computed numbers
}

// flowOptions are how the PDF shows the flow: a footnote reference is a superscript number, in
// a table cell [1] (its note follows the chapter).
func flowOptions(opt textOptions) cflow.Options {
	return cflow.Options{Thousands: opt.thousands, ChartRows: hbarRows, NoteMark: func(n int, inCell bool) string {
		if inCell {
			return "[" + strconv.Itoa(n) + "]"
		}
		return strconv.Itoa(n)
	}}
}

// docBlocks turns a chapter into blocks: its title as a first-level heading, then its body.
func docBlocks(d *content.Doc, resolved resolve.Map, opt textOptions) []block {
	ch := cflow.Convert(d, resolved, flowOptions(opt))
	bs := make([]block, 0, len(ch.Blocks)+1)
	for _, b := range ch.Blocks {
		bs = append(bs, fromFlow(b))
	}
	if len(ch.Notes) > 0 {
		notes := &noteSet{text: map[int][]span{}, placed: map[int]bool{}}
		for _, n := range ch.Notes {
			spans := []span{{strconv.Itoa(n.Index), sSup}, {" ", sNote}}
			for _, p := range n.Paras {
				spans = appendSpans(spans, p, sNote)
			}
			notes.text[n.Index] = spans
		}
		for i := range bs {
			bs[i].notes = notes
		}
		bs = append(bs, block{kind: bNotes, notes: notes, where: d.File})
	}
	return bs
}

// headingStyles are the text styles of the heading levels 1 to 4.
var headingStyles = [...]int{1: sH1, 2: sH2, 3: sH3, 4: sH3}

// fromFlow is a block of the flow as the PDF sets it.
func fromFlow(b cflow.Block) block {
	out := block{indent: b.Indent, right: b.Right, table: b.Table, chart: b.Chart, caption: b.Caption, where: b.Where}
	switch b.Kind {
	case cflow.Heading:
		out.kind, out.level = bHeading, b.Level
		out.spans = appendSpans(nil, b.Spans, headingStyles[b.Level])
	case cflow.Para:
		out.kind = bPara
		out.spans = appendSpans(nil, b.Spans, sBody)
	case cflow.Table:
		out.kind = bTable
	case cflow.Figure:
		out.kind = bFigure
	}
	return out
}

// appendSpans appends the flow's spans in the text style base: emphasis in 楷体 or 黑体, but
// for the headings set in a face of their own; a footnote reference as a superscript.
func appendSpans(out []span, spans []cflow.Span, base int) []span {
	for _, s := range spans {
		style := base
		switch {
		case s.Note > 0:
			style = sSup
		case s.Style == cflow.Em && base != sH1 && base != sH2 && base != sTitle:
			style = sEm
		case s.Style == cflow.Strong && base != sH1 && base != sH2 && base != sTitle:
			style = sStrong
		}
		out = append(out, span{s.Text, style})
	}
	return out
}
