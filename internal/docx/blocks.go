package docx

import (
	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/flow"
	"github.com/youjun-edu/youjun/internal/resolve"
)

// The document is first a list of blocks, the PDF's flow (package flow): the same chapters,
// captions and appendix, so that the two read alike; then the blocks are written as
// WordprocessingML.

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
	table     *flow.TableModel
	chart     *chart.Chart
	caption   string
	signature []signatureLine
}

// run is a piece of text in one character style, or a footnote reference: its Note is then the
// footnote's id in footnotes.xml.
type run = flow.Span

// footnote is a note of a chapter, written into footnotes.xml.
type footnote struct {
	id   int
	runs []run
}

// chartRows is the most units a distribution chart shows on one figure, as in the PDF.
const chartRows = 40

// docBlocks turns a chapter into blocks: its title as a first-level heading, then its body.
// Footnotes get ids from next on and are appended to notes.
func docBlocks(d *content.Doc, resolved resolve.Map, thousands bool, notes *[]footnote) []block {
	ch := flow.Convert(d, resolved, flow.Options{Thousands: thousands, ChartRows: chartRows})
	// The ids in footnotes.xml are 1 and up (0 and -1 are the separators), in the order of
	// first reference; a footnote that nothing refers to comes after.
	ids := map[int]int{}
	id := func(i int) int {
		if id, ok := ids[i]; ok {
			return id
		}
		id := len(*notes) + 1
		*notes = append(*notes, footnote{id: id})
		ids[i] = id
		return id
	}
	for _, i := range ch.Refs {
		id(i)
	}
	bs := make([]block, 0, len(ch.Blocks))
	for _, b := range ch.Blocks {
		out := block{level: b.Level, runs: renumber(b.Spans, ids), right: b.Right, table: b.Table, chart: b.Chart, caption: b.Caption}
		switch b.Kind {
		case flow.Heading:
			out.kind = bHeading
		case flow.Para:
			out.kind = bPara
		case flow.Table:
			out.kind = bTable
			for _, row := range b.Table.Rows {
				for i := range row {
					renumber(row[i].Spans, ids)
				}
			}
		case flow.Figure:
			out.kind = bFigure
		}
		bs = append(bs, out)
	}
	for _, n := range ch.Notes {
		var runs []run
		for _, p := range n.Paras {
			if len(runs) > 0 {
				runs = append(runs, run{Text: " "})
			}
			runs = append(runs, renumber(p, ids)...)
		}
		(*notes)[id(n.Index)-1].runs = runs
	}
	return bs
}

// renumber changes, in place, the footnote references of spans from the chapter's numbers to
// the ids in footnotes.xml.
func renumber(spans []flow.Span, ids map[int]int) []run {
	for i := range spans {
		if spans[i].Note > 0 {
			spans[i].Note = ids[spans[i].Note]
		}
	}
	return spans
}
