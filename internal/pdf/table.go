package pdf

import (
	"math"

	"github.com/rivo/uniseg"
)

const (
	cellPadX = 3.0
	cellPadY = 2.5
)

// table lays out a table across pages: column widths from the content, cells that wrap, rows
// never cut in half, the header row repeated on every page, numbers right-aligned and failing
// cells marked with a cross and shading, not by colour alone.
func (f *flow) table(b block) {
	t := f.t
	m := b.table
	if len(m.columns) == 0 {
		return
	}
	body, head := sTable, sTableHead
	widths, scale := f.columnWidths(m, body, head)
	saved := [2]float64{t.styles[body].size, t.styles[head].size}
	t.styles[body].size *= scale
	t.styles[head].size *= scale
	defer func() { t.styles[body].size, t.styles[head].size = saved[0], saved[1] }()
	linePitch := t.styles[body].size * 1.45

	cellLines := func(text string, w float64, s int) []textLine {
		return breakLines([]span{{text, s}}, math.Max(w-2*cellPadX, 1), 0, false, t.adv)
	}
	type laidRow struct {
		cells [][]textLine
		h     float64
	}
	layRow := func(texts []string, s int) laidRow {
		r := laidRow{}
		n := 1
		for i, w := range widths {
			text := ""
			if i < len(texts) {
				text = texts[i]
			}
			ls := cellLines(text, w, s)
			r.cells = append(r.cells, ls)
			n = max(n, len(ls))
		}
		r.h = float64(n)*linePitch + 2*cellPadY
		return r
	}
	var headers []string
	for _, c := range m.columns {
		headers = append(headers, c.header)
	}
	header := layRow(headers, head)
	captionH := 0.0
	if b.caption != "" {
		captionH = t.st.pitch()
	}
	first := header.h
	if len(m.rows) > 0 {
		first += layRow(cellTexts(m.rows[0]), body).h
	}
	// A short table is not split, and a long one does not start with fewer than three rows at the
	// foot of a page: either starts on a new page instead.
	whole := captionH + header.h
	fit, used, full := 0, captionH+header.h, false
	for _, row := range m.rows {
		h := layRow(cellTexts(row), body).h
		whole += h
		if full = full || used+h > t.room(); !full {
			used += h
			fit++
		}
	}
	split := whole > t.room()
	if captionH+first > t.room() || (split && (whole < t.st.TextH/2 || fit < min(3, len(m.rows)))) {
		f.newPage()
	}
	if b.caption != "" {
		f.centered(b.caption, sCaption, t.st.pitch())
	}
	drawRow := func(r laidRow, row []cell, s int, isHeader bool) {
		x := 0.0
		for i, w := range widths {
			fail := !isHeader && i < len(row) && row[i].fail
			gray, fill := 1.0, false
			if isHeader {
				gray, fill = 0.88, true
			} else if fail {
				gray, fill = 0.9, true
			}
			t.rect(x, t.y, w, r.h, gray, fill, true)
			numeric := i < len(m.columns) && m.columns[i].numeric
			size := t.styles[s].size
			for j, l := range r.cells[i] {
				lx := x + cellPadX
				if fail {
					lx += size * 0.8 // room for the cross
				}
				if numeric && !isHeader {
					lx = x + w - cellPadX - l.width
				}
				if isHeader {
					lx = x + (w-l.width)/2
				}
				base := baseline(t.y+cellPadY+float64(j)*linePitch, linePitch, size)
				t.line(l, lx, base)
				if fail && j == 0 {
					cross(t, x+cellPadX, base-size*0.62, size*0.5)
				}
			}
			x += w
		}
		t.y += r.h
	}
	drawRow(header, nil, head, true)
	for _, row := range m.rows {
		r := layRow(cellTexts(row), body)
		if r.h > t.room() {
			f.newPage()
			f.centered("（续表）", sNote, t.styles[sNote].size*1.6)
			drawRow(header, nil, head, true)
		}
		drawRow(r, row, body, false)
	}
	t.y += t.st.Table * 0.6
	for _, n := range m.notes {
		f.paragraph(block{kind: bPara, small: true, spans: []span{{"注：" + n, sNote}}})
	}
	t.y += t.st.pitch() * 0.4
}

func cellTexts(row []cell) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = c.text
	}
	return out
}

// cross draws a small ✗ whose top left is (x, y): the mark of a failing value in print.
func cross(t *typesetter, x, y, size float64) {
	t.rule(x, y, x+size, y+size, 0.9, nil)
	t.rule(x, y+size, x+size, y, 0.9, nil)
}

// columnWidths sizes the columns from their content: each gets at least its longest unbreakable
// piece and the rest is shared out by how much more each would like. When even the minimums do
// not fit, the type is scaled down (to 70% at most). It returns the widths and the scale.
func (f *flow) columnWidths(m *tableModel, body, head int) ([]float64, float64) {
	t := f.t
	n := len(m.columns)
	minW, maxW := make([]float64, n), make([]float64, n)
	measure := func(text string, s, i int) {
		whole := t.measure(text, s) + 2*cellPadX
		maxW[i] = math.Max(maxW[i], whole)
		state := -1
		rest := text
		for len(rest) > 0 {
			var seg string
			seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
			minW[i] = math.Max(minW[i], t.measure(trimSpaceRight(seg), s)+2*cellPadX)
		}
	}
	for i, c := range m.columns {
		measure(c.header, head, i)
		// A header may wrap, but a short one (a status, a unit) should not.
		if len([]rune(c.header)) <= 4 {
			minW[i] = math.Max(minW[i], t.measure(c.header, head)+2*cellPadX)
		}
	}
	for _, row := range m.rows {
		for i := 0; i < n && i < len(row); i++ {
			measure(row[i].text, body, i)
			// Numbers and short words stay whole; a failing cell needs room for its cross.
			if m.columns[i].numeric || len([]rune(row[i].text)) <= 4 {
				mark := 0.0
				if row[i].fail {
					mark = t.styles[body].size * 0.8
				}
				minW[i] = math.Max(minW[i], t.measure(row[i].text, body)+2*cellPadX+mark)
			}
		}
	}
	// A text column is at least five characters wide (or as wide as its widest cell), so that
	// names wrap in readable pieces rather than one character a line.
	five := t.measure("国国国国国", body) + 2*cellPadX
	for i, c := range m.columns {
		if !c.numeric {
			minW[i] = math.Max(minW[i], math.Min(maxW[i], five))
		}
	}
	avail := t.st.TextW
	sumMin, sumMax := sum(minW), sum(maxW)
	scale := 1.0
	if sumMin > avail {
		scale = math.Max(0.7, avail/sumMin)
		for i := range minW {
			minW[i] *= scale
			maxW[i] *= scale
		}
		sumMin, sumMax = sum(minW), sum(maxW)
	}
	w := make([]float64, n)
	switch {
	case sumMax <= avail:
		for i := range w {
			w[i] = maxW[i] + (avail-sumMax)*maxW[i]/sumMax
		}
	case sumMin >= avail:
		for i := range w {
			w[i] = minW[i] * avail / sumMin
		}
	default:
		for i := range w {
			w[i] = minW[i] + (avail-sumMin)*(maxW[i]-minW[i])/(sumMax-sumMin)
		}
	}
	return w, scale
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func trimSpaceRight(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n') {
		s = s[:len(s)-1]
	}
	return s
}
