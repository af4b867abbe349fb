package pdf

import (
	"slices"
	"strconv"
	"strings"

	cflow "github.com/youjun-edu/youjun/internal/flow"
)

// heading is a heading as laid out, for the 目录 and the bookmarks.
type heading struct {
	level  int
	text   string
	anchor string
	page   int // printed page number
}

// flow lays out blocks page after page, starting a new page with number next when one is full.
type flow struct {
	t        *typesetter
	next     int // the number of the next page
	headings []heading
	laid     map[*cflow.TableModel]*laidTable
}

// wide reports whether b is a table set on landscape pages.
func (f *flow) wide(b block) bool {
	if b.kind != bTable || b.table == nil {
		return false
	}
	return f.lay(b.table).landscape
}

// beginLandscape switches to landscape pages, on a new page unless this one is still empty.
func (f *flow) beginLandscape() {
	t := f.t
	empty := t.y <= t.st.Top+1e-9
	t.landscape = true
	t.st = t.portrait.landscape()
	if empty {
		t.cur.landscape = true
		t.y = t.st.Top
		return
	}
	f.newPage()
}

// endLandscape goes back to portrait pages, on a new page when more follows.
func (f *flow) endLandscape(more bool) {
	t := f.t
	t.landscape = false
	t.st = t.portrait
	if more {
		f.newPage()
	}
}

func (f *flow) newPage() {
	f.t.newPage(f.next)
	f.next++
}

// spansText joins the text of spans.
func spansText(ss []span) string {
	s := ""
	for _, x := range ss {
		s += x.text
	}
	return s
}

func (f *flow) blocks(bs []block) {
	for i, b := range bs {
		f.t.where = b.where
		// Landscape pages hold the wide tables and the headings right before one; anything
		// else goes back to portrait on a new page.
		wide := f.wide(b)
		if b.kind == bHeading {
			j := i + 1
			for j < len(bs) && bs[j].kind == bHeading {
				j++
			}
			wide = j < len(bs) && f.wide(bs[j])
		}
		if wide && !f.t.landscape {
			f.beginLandscape()
		} else if !wide && f.t.landscape {
			f.endLandscape(true)
		}
		switch b.kind {
		case bPageBreak:
			if f.t.y > f.t.st.Top {
				f.newPage()
			}
		case bHeading:
			// Keep a heading with the start of what follows it.
			if f.need(bs, i) > f.t.room() && f.t.y > f.t.st.Top {
				f.newPage()
			}
			f.heading(b)
		case bPara:
			f.paragraph(b)
		case bTable:
			f.table(b)
		case bFigure:
			f.figure(b)
		case bNotes:
			f.leftoverNotes(b.notes)
		}
	}
}

// lines breaks a paragraph or heading into lines.
func (f *flow) lines(b block) []textLine {
	t := f.t
	indent := 0.0
	if b.indent || b.kind == bHeading {
		indent = 2 * t.st.Body * t.st.gridRatio()
	}
	if b.small {
		indent = 0
	}
	return breakLines(b.spans, t.st.TextW, indent, true, t.adv)
}

func (f *flow) pitch(b block) float64 {
	if b.small {
		return f.t.st.Table * 1.6
	}
	return f.t.st.pitch()
}

func (f *flow) height(b block) float64 { return float64(len(f.lines(b))) * f.pitch(b) }

// need is the room block i needs on the current page to start there: a heading needs its
// lines and what must follow it, a paragraph two lines (three or fewer: all of them, since
// neither its first nor its last line may stand alone), a table or figure what makes it start
// on this page.
func (f *flow) need(bs []block, i int) float64 {
	b := bs[i]
	switch b.kind {
	case bHeading:
		h := f.height(b)
		if i+1 < len(bs) {
			h += f.need(bs, i+1)
		}
		return h
	case bPara:
		n := len(f.lines(b))
		if n > 3 {
			n = 2
		}
		return float64(n) * f.pitch(b)
	case bFigure:
		return f.figureHeight(b)
	case bTable:
		if len(b.table.Columns) == 0 {
			return 0
		}
		return f.tableNeed(b)
	}
	return 0
}

func (f *flow) heading(b block) {
	t := f.t
	anchor := "h" + strconv.Itoa(len(f.headings)+1)
	t.cur.anchors = append(t.cur.anchors, mark{anchor, t.y})
	text := strings.ToValidUTF8(spansText(b.spans), "\uFFFD") // a bookmark's title must be text
	t.cur.marks = append(t.cur.marks, mark{text, t.y})
	f.headings = append(f.headings, heading{level: b.level, text: text, anchor: anchor, page: t.cur.number})
	f.placeLines(f.lines(b), f.pitch(b), t.st.Body, b.notes)
}

// paragraph places a paragraph's lines, never leaving its first line alone at the foot of a
// page nor its last line alone at the head of the next.
func (f *flow) paragraph(b block) {
	if b.right {
		f.rightAligned(b)
		return
	}
	size := f.t.st.Body
	if b.small {
		size = f.t.st.Table
	}
	f.placeLines(f.lines(b), f.pitch(b), size, b.notes)
}

// placeLines places lines on pages, each line on the page that has room for it and for the
// footnotes it refers to.
func (f *flow) placeLines(ls []textLine, pitch, size float64, notes *noteSet) {
	t := f.t
	for len(ls) > 0 {
		fit, used, rule := 0, 0.0, len(t.foot) > 0
		for fit < len(ls) {
			need := pitch
			for _, nl := range f.noteLines(ls[fit], notes) {
				need += float64(len(nl.lines)) * t.notePitch()
				if !rule {
					need += t.noteRule()
					rule = true
				}
			}
			if used+need > t.room()+1e-9 {
				break
			}
			used += need
			fit++
		}
		k := len(ls)
		if fit < k {
			k = fit
			if len(ls)-k == 1 && k > 1 { // a widow: take a line along
				k--
			}
			if k == 1 && len(ls) > 1 { // an orphan: move the paragraph on
				k = 0
			}
		}
		if k <= 0 {
			if t.y == t.st.Top { // the page is empty: place what fits to make progress
				k = max(1, fit)
			} else {
				f.newPage()
				continue
			}
		}
		for _, l := range ls[:k] {
			t.line(l, 0, baseline(t.y, pitch, size))
			t.y += pitch
			for _, nl := range f.noteLines(l, notes) {
				t.foot = append(t.foot, nl.lines...)
				notes.placed[nl.n] = true
			}
		}
		ls = ls[k:]
		if len(ls) > 0 {
			f.newPage()
		}
	}
}

// laidNote is a footnote broken into lines.
type laidNote struct {
	n     int
	lines []textLine
}

// noteLines returns the footnotes a line refers to that no page has taken yet, by number,
// broken into lines.
func (f *flow) noteLines(l textLine, notes *noteSet) []laidNote {
	if notes == nil {
		return nil
	}
	var out []laidNote
	num := ""
	take := func() {
		n, err := strconv.Atoi(num)
		num = ""
		if err != nil || notes.placed[n] || notes.text[n] == nil {
			return
		}
		out = append(out, laidNote{n, breakLines(notes.text[n], f.t.st.TextW, 0, true, f.t.adv)})
	}
	for _, g := range l.glyphs {
		if g.style == sSup {
			num += g.text
		} else if num != "" {
			take()
		}
	}
	if num != "" {
		take()
	}
	return out
}

// leftoverNotes sets, after the chapter, the footnotes no page foot took.
func (f *flow) leftoverNotes(notes *noteSet) {
	var ns []int
	for n := range notes.text {
		if !notes.placed[n] {
			ns = append(ns, n)
		}
	}
	slices.Sort(ns)
	for _, n := range ns {
		f.paragraph(block{kind: bPara, small: true, spans: notes.text[n]})
		notes.placed[n] = true
	}
}

// centered places a centred, possibly wrapped, line of text such as a caption or a title. A
// title that wraps is balanced, so that no line holds a lone character.
func (f *flow) centered(text string, style int, pitch float64) {
	t := f.t
	ls := breakLines([]span{{text, style}}, t.st.TextW, 0, false, t.adv)
	if n := len(ls); n > 1 {
		total := t.measure(text, style)
		for w := total / float64(n); w < t.st.TextW; w += t.styles[style].size / 2 {
			if b := breakLines([]span{{text, style}}, w, 0, false, t.adv); len(b) == n {
				ls = b
				break
			}
		}
	}
	for _, l := range ls {
		if t.room() < pitch-1e-9 {
			f.newPage()
		}
		t.line(l, (t.st.TextW-l.width)/2, baseline(t.y, pitch, t.styles[style].size))
		t.y += pitch
	}
}

func (f *flow) figureHeight(b block) float64 { return chartHeight(f.t, b.chart) + f.t.st.pitch() }

func (f *flow) figure(b block) {
	t := f.t
	if f.figureHeight(b) > t.room() {
		f.newPage()
	}
	h := chartHeight(t, b.chart)
	drawChart(t, b.chart, 0, t.y, t.st.TextW, h)
	t.y += h
	f.centered(b.caption, sCaption, t.st.pitch())
}
