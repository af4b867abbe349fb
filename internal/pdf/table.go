package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/youjun-edu/youjun/internal/cjk"
	cflow "github.com/youjun-edu/youjun/internal/flow"
)

const (
	cellPadX = 3.0
	cellPadY = 2.5
)

// wj is WORD JOINER: placed between two characters it forbids a line break there (UAX #14
// LB11). It has no glyph and no width.
const wj = '\u2060'

// tableSizes are the type sizes a table tries, largest first: 四号, 小四, then 五号. The
// site's table_size is the floor.
func tableSizes(floor float64) []float64 {
	var out []float64
	for _, s := range []float64{14, 12} {
		if s > floor {
			out = append(out, s)
		}
	}
	return append(out, floor)
}

// laidTable is a table broken into lines at its chosen size and orientation.
type laidTable struct {
	m         *cflow.TableModel // glued
	size      float64
	landscape bool
	widths    []float64
	header    laidRow
	rows      []laidRow
}

type laidRow struct {
	cells [][]textLine
	h     float64
}

// withSize runs fn with the table styles set to size: lines are measured and drawn in it.
func (f *flow) withSize(size float64, fn func()) {
	t := f.t
	saved := [2]float64{t.styles[sTable].size, t.styles[sTableHead].size}
	t.styles[sTable].size, t.styles[sTableHead].size = size, size
	defer func() { t.styles[sTable].size, t.styles[sTableHead].size = saved[0], saved[1] }()
	fn()
}

// lay chooses a table's size and orientation and breaks its cells into lines, once per table.
func (f *flow) lay(tm *cflow.TableModel) *laidTable {
	if lt, ok := f.laid[tm]; ok {
		return lt
	}
	t := f.t
	lt := &laidTable{m: glued(tm)}
	lt.size, lt.landscape = f.tableLayout(lt.m)
	avail := t.portrait.TextW
	if lt.landscape {
		avail = t.portrait.TextH
	}
	f.withSize(lt.size, func() {
		lt.widths = f.columnWidths(lt.m, sTable, sTableHead, avail)
		var headers []string
		for _, c := range lt.m.Columns {
			headers = append(headers, c.Header)
		}
		lt.header = lt.row(t, headers, sTableHead)
		for _, r := range lt.m.Rows {
			lt.rows = append(lt.rows, lt.row(t, cellTexts(r), sTable))
		}
	})
	if f.laid == nil {
		f.laid = map[*cflow.TableModel]*laidTable{}
	}
	f.laid[tm] = lt
	return lt
}

func (lt *laidTable) pitch() float64 { return lt.size * 1.45 }

func (lt *laidTable) row(t *typesetter, texts []string, s int) laidRow {
	r := laidRow{}
	n := 1
	for i, w := range lt.widths {
		text := ""
		if i < len(texts) {
			text = texts[i]
		}
		ls := breakLines([]span{{text, s}}, math.Max(w-2*cellPadX, 1), 0, false, t.adv)
		r.cells = append(r.cells, ls)
		n = max(n, len(ls))
	}
	r.h = float64(n)*lt.pitch() + 2*cellPadY
	return r
}

// tableNeed is the room a table needs on the current page to start there: a short table is
// not split, and a long one does not start with fewer than three rows at the foot of a page.
func (f *flow) tableNeed(b block) float64 {
	lt := f.lay(b.table)
	head := lt.header.h
	if b.caption != "" {
		head += f.t.st.pitch()
	}
	whole := head
	for _, r := range lt.rows {
		whole += r.h
	}
	if whole < f.t.st.TextH/2 {
		return whole
	}
	for _, r := range lt.rows[:min(3, len(lt.rows))] {
		head += r.h
	}
	return head
}

// table lays out a table across pages: column widths from the content, cells that wrap, rows
// never cut in half, the header row repeated on every page, numbers right-aligned and failing
// cells marked with a cross and shading, not by colour alone. Numbers, codes and status words
// never break; to keep them whole the table steps its type down to 五号 and, when even that is
// too wide for the portrait text block, is set on landscape pages.
func (f *flow) table(b block) {
	t := f.t
	if len(b.table.Columns) == 0 {
		return
	}
	lt := f.lay(b.table)
	if lt.landscape && !t.landscape {
		f.beginLandscape()
	}
	if need := f.tableNeed(b); need > t.room() && t.y > t.st.Top+1e-9 {
		f.newPage()
	}
	if b.caption != "" {
		f.centered(b.caption, sCaption, t.st.pitch())
	}
	f.withSize(lt.size, func() {
		if len(lt.rows) == 0 {
			return // a table without rows is its caption and its notes, which say why
		}
		lt.draw(t, lt.header, nil, true)
		for i, r := range lt.rows {
			if r.h > t.room() {
				f.newPage()
				f.centered("（续表）", sNote, t.styles[sNote].size*1.6)
				lt.draw(t, lt.header, nil, true)
			}
			lt.draw(t, r, lt.m.Rows[i], false)
		}
	})
	t.y += t.st.Table * 0.6
	for _, n := range lt.m.Notes {
		f.paragraph(block{kind: bPara, small: true, spans: []span{{"注：" + n, sNote}}})
	}
	t.y += t.st.pitch() * 0.4
}

// draw draws a row at the current position.
func (lt *laidTable) draw(t *typesetter, r laidRow, row []cflow.Cell, isHeader bool) {
	s := sTable
	if isHeader {
		s = sTableHead
	}
	x := 0.0
	for i, w := range lt.widths {
		fail := !isHeader && i < len(row) && row[i].Fail
		gray, fill := 1.0, false
		if isHeader {
			gray, fill = 0.88, true
		} else if fail {
			gray, fill = 0.9, true
		}
		t.rect(x, t.y, w, r.h, gray, fill, true)
		numeric := i < len(lt.m.Columns) && lt.m.Columns[i].Numeric
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
			base := baseline(t.y+cellPadY+float64(j)*lt.pitch(), lt.pitch(), size)
			t.line(l, lx, base)
			if fail && j == 0 {
				cross(t, x+cellPadX, base-size*0.62, size*0.5)
			}
		}
		x += w
	}
	t.y += r.h
}

func cellTexts(row []cflow.Cell) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = c.Text
	}
	return out
}

// cross draws a small ✗ whose top left is (x, y): the mark of a failing value in print.
func cross(t *typesetter, x, y, size float64) {
	t.rule(x, y, x+size, y+size, 0.9, nil)
	t.rule(x, y+size, x+size, y, 0.9, nil)
}

// tableLayout chooses the type size and orientation of a table: the largest size of the
// ladder at which the text columns are comfortably wide (names on one or two lines) on a
// portrait page, else on landscape pages; failing that, the largest at which every unbreakable
// piece fits, portrait before landscape; else the smallest size on landscape pages (the widest
// pieces then break).
func (f *flow) tableLayout(m *cflow.TableModel) (size float64, landscape bool) {
	t := f.t
	minW, maxW := f.naturalWidths(m, sTable, sTableHead)
	comfy := f.comfortable(m, minW, maxW)
	pad := 2 * cellPadX * float64(len(m.Columns))
	base := t.styles[sTable].size
	sizes := tableSizes(t.st.Table)
	for _, ws := range [][]float64{comfy, minW} {
		ink := sum(ws) - pad // scales with the type size
		for _, avail := range []float64{t.portrait.TextW, t.portrait.TextH} {
			for _, s := range sizes {
				if ink*s/base+pad <= avail+1e-9 {
					return s, avail != t.portrait.TextW
				}
			}
		}
	}
	return sizes[len(sizes)-1], true
}

// comfortable widens the minimum of each text column to ten characters (or its widest cell).
func (f *flow) comfortable(m *cflow.TableModel, minW, maxW []float64) []float64 {
	ten := f.t.measure("国国国国国国国国国国", sTable) + 2*cellPadX
	out := slices.Clone(minW)
	for i, c := range m.Columns {
		if !c.Numeric {
			out[i] = math.Max(minW[i], math.Min(maxW[i], ten))
		}
	}
	return out
}

// naturalWidths measures each column: its widest unbreakable piece (minW) and its widest
// cell set on one line (maxW), padding included.
func (f *flow) naturalWidths(m *cflow.TableModel, body, head int) (minW, maxW []float64) {
	t := f.t
	n := len(m.Columns)
	minW, maxW = make([]float64, n), make([]float64, n)
	measure := func(text string, s, i int, mark float64) {
		whole := t.measure(text, s) + 2*cellPadX + mark
		maxW[i] = math.Max(maxW[i], whole)
		state := -1
		rest := text
		for len(rest) > 0 {
			var seg string
			seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
			minW[i] = math.Max(minW[i], t.measure(trimSpaceRight(seg), s)+2*cellPadX+mark)
		}
	}
	for i, c := range m.Columns {
		measure(c.Header, head, i, 0)
		// A long header wraps onto two lines (three when very long) of even length, never
		// into a column of one or two characters a line.
		for _, l := range strings.Split(c.Header, "\n") {
			n := utf8.RuneCountInString(strings.ReplaceAll(l, string(wj), ""))
			lines := 2
			if n > 12 {
				lines = 3
			}
			per := strings.Repeat("国", (n+lines-1)/lines)
			minW[i] = math.Max(minW[i], math.Min(t.measure(l, head), t.measure(per, head))+2*cellPadX)
		}
	}
	for _, row := range m.Rows {
		for i := 0; i < n && i < len(row); i++ {
			mark := 0.0
			if row[i].Fail {
				mark = t.styles[body].size * 0.8 // room for the cross
			}
			measure(row[i].Text, body, i, mark)
		}
	}
	// A text column is at least five characters wide (or as wide as its widest cell), so that
	// names wrap in readable pieces rather than one character a line.
	five := t.measure("国国国国国", body) + 2*cellPadX
	for i, c := range m.Columns {
		if !c.Numeric {
			minW[i] = math.Max(minW[i], math.Min(maxW[i], five))
		}
	}
	return minW, maxW
}

// columnWidths sizes the columns from their content at the current type size: each gets at
// least its widest unbreakable piece and the rest is shared out by how much more each would
// like.
func (f *flow) columnWidths(m *cflow.TableModel, body, head int, avail float64) []float64 {
	minW, maxW := f.naturalWidths(m, body, head)
	if comfy := f.comfortable(m, minW, maxW); sum(comfy) <= avail {
		minW = comfy
	}
	sumMin, sumMax := sum(minW), sum(maxW)
	w := make([]float64, len(minW))
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
	return w
}

// glued returns the table with word joiners inside what must not break: every cell of a
// numeric column, every short cell (a status such as 达到（临界）), every run of digits, letters
// and signs (a code, a number, a date, a percentage) and every short bracketed group (a unit
// such as （万元）). A short header (≤ 4 characters a line) stays whole too.
func glued(m *cflow.TableModel) *cflow.TableModel {
	out := &cflow.TableModel{Notes: m.Notes}
	for _, c := range m.Columns {
		out.Columns = append(out.Columns, cflow.Column{Header: glueText(c.Header, 4), Numeric: c.Numeric})
	}
	for _, row := range m.Rows {
		r := make([]cflow.Cell, len(row))
		for i, c := range row {
			whole := 6
			if i < len(m.Columns) && m.Columns[i].Numeric {
				whole = 1 << 20
			}
			r[i] = cflow.Cell{Text: glueText(c.Text, whole), Fail: c.Fail}
		}
		out.Rows = append(out.Rows, r)
	}
	return out
}

// glueText joins the unbreakable pieces of one line or more of text; a line of at most whole
// characters is one piece.
func glueText(text string, whole int) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		rs := []rune(strings.TrimSpace(l))
		if len(rs) == 0 {
			continue
		}
		join := make([]bool, len(rs)) // join[k]: no break between rs[k-1] and rs[k]
		if len(rs) <= whole {
			for k := 1; k < len(rs); k++ {
				join[k] = !unicode.IsSpace(rs[k]) && !unicode.IsSpace(rs[k-1])
			}
		}
		for k := 1; k < len(rs); k++ {
			if narrow(rs[k]) && narrow(rs[k-1]) {
				join[k] = true
			}
		}
		// A number with its unit: 4.5平方米, 2000元.
		for k := 1; k < len(rs); k++ {
			for q := k; q < k+unitAt(rs, k); q++ {
				join[q] = true
			}
		}
		// A short bracketed group, with its brackets.
		for k := 0; k < len(rs); k++ {
			if rs[k] != '（' && rs[k] != '(' {
				continue
			}
			for e := k + 1; e < len(rs) && e-k <= 8; e++ {
				if rs[e] == '）' || rs[e] == ')' {
					for q := k + 1; q <= e; q++ {
						join[q] = true
					}
					break
				}
			}
		}
		var b strings.Builder
		for k, r := range rs {
			if join[k] {
				b.WriteRune(wj)
			}
			b.WriteRune(r)
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// units are the units that follow a number, longest first: a line does not break between a
// number and its unit, in tables and in running text.
var units = []string{"平方公里", "平方千米", "平方米", "万元", "公里", "千米", "学时", "元", "人", "间", "所", "个", "台", "套", "册", "班", "名", "年", "分", "米"}

// unitAt is the length in runes of the unit that starts at rs[k] right after a digit, or 0.
func unitAt(rs []rune, k int) int {
	if k == 0 || !unicode.IsDigit(rs[k-1]) {
		return 0
	}
	next := string(rs[k:min(len(rs), k+4)])
	for _, u := range units {
		if strings.HasPrefix(next, u) {
			return utf8.RuneCountInString(u)
		}
	}
	return 0
}

// joinUnits puts a word joiner inside every number+unit of a line breaker's text (4.5⁠平⁠方⁠米),
// styles being the style of each byte; a joiner takes the style of the rune after it. Text that
// is not valid UTF-8 is returned as it is (the loaders refuse it; the breaker copes with it).
func joinUnits(str string, styles []int) (string, []int) {
	if !utf8.ValidString(str) {
		return str, styles
	}
	// Most text has no number with a unit: it is returned as it is, unconverted.
	first := -1
	digit := false
	for i, r := range str {
		if digit && unitLen(str[i:]) > 0 {
			first = i
			break
		}
		digit = unicode.IsDigit(r)
	}
	if first < 0 {
		return str, styles
	}
	var b strings.Builder
	b.Grow(len(str) + 16*utf8.RuneLen(wj))
	b.WriteString(str[:first])
	st := make([]int, first, len(styles)+16*utf8.RuneLen(wj))
	copy(st, styles[:first])
	glue := 0
	for i, r := range str[first:] {
		pos := first + i
		if digit {
			if n := unitLen(str[pos:]); n > 0 {
				glue = n
			}
		}
		digit = unicode.IsDigit(r)
		if glue > 0 {
			b.WriteRune(wj)
			for range utf8.RuneLen(wj) {
				st = append(st, styles[pos])
			}
			glue--
		}
		n := utf8.RuneLen(r)
		b.WriteString(str[pos : pos+n])
		st = append(st, styles[pos:pos+n]...)
	}
	return b.String(), st
}

// unitLen is the length in runes of the unit that s starts with, or 0.
func unitLen(s string) int {
	for _, u := range units {
		if strings.HasPrefix(s, u) {
			return utf8.RuneCountInString(u)
		}
	}
	return 0
}

// narrow reports whether r belongs to a code, number, date or percentage.
func narrow(r rune) bool {
	return r != wj && !unicode.IsSpace(r) && !cjk.IsWide(r) && r < utf8.RuneSelf
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
