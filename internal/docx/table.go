package docx

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/cjk"
	"github.com/youjun-edu/youjun/internal/flow"
)

// Tables are Word tables: the header row repeated on every page, no row split across pages,
// numbers right-aligned, a failing value marked ✗ and shaded, as in the PDF. A table takes the
// largest type of 四号, 小四 and 五号 at which it fits the portrait text block, else the landscape
// one, by the PDF's rule, so that the two set the same tables on landscape pages.

// cellPad is the room a cell takes besides its text: the table style's margins and the rules.
const cellPad = 2*57 + 20

// tableSizes are the type sizes a table tries, largest first, in half-points: 四号, 小四, 五号.
var tableSizes = []int{28, 24, szTable}

// tableLayout is a table's type size, orientation and column widths in twips.
type tableLayout struct {
	size      int
	landscape bool
	widths    []int
}

// wide reports whether b is a table set on landscape pages.
func (d *document) wide(b block) bool {
	return b.kind == bTable && len(b.table.Columns) > 0 && d.layout(b.table).landscape
}

// layout is layTable, once per table: the body asks of a table before a heading and again at it.
func (d *document) layout(m *flow.TableModel) tableLayout {
	if lt, ok := d.layouts[m]; ok {
		return lt
	}
	if d.layouts == nil {
		d.layouts = map[*flow.TableModel]tableLayout{}
	}
	lt := layTable(m)
	d.layouts[m] = lt
	return lt
}

// layTable chooses the largest size at which the text columns are comfortably wide (names on
// one or two lines) on a portrait page, else on a landscape page; failing that, the largest at
// which every unbreakable piece fits, portrait before landscape; else the smallest size on a
// landscape page.
func layTable(m *flow.TableModel) tableLayout {
	minW, maxW := naturalWidths(m)
	comfy := slices.Clone(minW)
	ten := 10 * 2 * 5 // ten Chinese characters, per half-point of size
	for i, c := range m.Columns {
		if !c.Numeric {
			comfy[i] = max(minW[i], min(maxW[i], ten))
		}
	}
	pad := cellPad * len(m.Columns)
	for _, ws := range [][]int{comfy, minW} {
		ink := 0
		for _, x := range ws {
			ink += x
		}
		for _, avail := range []int{textW, textH} {
			for _, s := range tableSizes {
				if ink*s+pad <= avail {
					return tableLayout{size: s, landscape: avail == textH, widths: spread(ws, maxW, s, avail)}
				}
			}
		}
	}
	s := tableSizes[len(tableSizes)-1]
	return tableLayout{size: s, landscape: true, widths: spread(minW, maxW, s, textH)}
}

// naturalWidths are each column's narrowest and widest text, in twips per half-point of size:
// the narrowest is its longest unbreakable piece, the widest its longest cell. As in the PDF, a
// numeric cell, a cell of at most six characters and a header line of at most four are
// unbreakable; so are runs of Latin letters and digits and short bracketed groups; a long header
// may take two lines (three when very long); a text column is at least five characters wide (or
// its widest cell); a failing cell has room for its mark.
func naturalWidths(m *flow.TableModel) (minW, maxW []int) {
	n := len(m.Columns)
	minW, maxW = make([]int, n), make([]int, n)
	measure := func(i int, text string, whole, mark int) {
		for _, line := range strings.Split(text, "\n") {
			w := width(line, 1) + mark
			maxW[i] = max(maxW[i], w)
			if utf8.RuneCountInString(line) <= whole {
				minW[i] = max(minW[i], w)
			} else {
				minW[i] = max(minW[i], piece(line)+mark)
			}
		}
	}
	for i, c := range m.Columns {
		measure(i, c.Header, 4, 0)
		for _, l := range strings.Split(c.Header, "\n") {
			k := utf8.RuneCountInString(l)
			lines := 2
			if k > 12 {
				lines = 3
			}
			minW[i] = max(minW[i], min(width(l, 1), (k+lines-1)/lines*2*5))
		}
	}
	for _, row := range m.Rows {
		for i, c := range row {
			if i >= n {
				break
			}
			whole, mark := 6, 0
			if m.Columns[i].Numeric {
				whole = 1 << 20
			}
			if c.Fail {
				mark = 2 * 5
			}
			measure(i, c.Text, whole, mark)
		}
	}
	five := 5 * 2 * 5
	for i, c := range m.Columns {
		if !c.Numeric {
			minW[i] = max(minW[i], min(maxW[i], five))
		}
		maxW[i] = max(maxW[i], minW[i])
	}
	return minW, maxW
}

// piece is the width of the longest run of characters that cannot break, per half-point of
// size: Latin letters, digits and their signs, and bracketed groups of up to eight characters;
// Chinese breaks between any two characters.
func piece(s string) int {
	rs := []rune(s)
	best, cur := 2*5, 0
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		if r == '（' || r == '(' {
			for e := k + 1; e < len(rs) && e-k <= 8; e++ {
				if rs[e] == '）' || rs[e] == ')' {
					best = max(best, width(string(rs[k:e+1]), 1))
					break
				}
			}
		}
		switch {
		case r == ' ':
			cur = 0
		case cjk.IsWide(r):
			cur = 0
		default:
			cur += 5
			best = max(best, cur)
		}
	}
	return best
}

// spread gives the columns their widths at size s: at least ws, the room left over shared among
// the columns that would use it (up to their widest text), then among all, so that the table
// fills the measure.
func spread(ws, maxW []int, s, avail int) []int {
	n := len(ws)
	out := make([]int, n)
	sum := 0
	for i, x := range ws {
		out[i] = x*s + cellPad
		sum += out[i]
	}
	left := avail - sum
	want := 0
	for i := range ws {
		want += (maxW[i] - ws[i]) * s
	}
	if left > 0 && want > 0 {
		give := min(left, want)
		shared := 0
		for i := range ws {
			g := int(math.Floor(float64(give) * float64((maxW[i]-ws[i])*s) / float64(want)))
			out[i] += g
			shared += g
		}
		left -= shared
	}
	if left > 0 {
		total := 0
		for _, x := range out {
			total += x
		}
		given := 0
		for i := range out {
			g := left * out[i] / total
			out[i] += g
			given += g
		}
		out[n-1] += left - given
	}
	return out
}

func (d *document) table(b block) {
	m := b.table
	if len(m.Columns) == 0 {
		return
	}
	d.tables++
	lt := d.layout(m)
	if b.caption != "" {
		d.para("TableCaption", "", []run{{Text: b.caption}})
		d.pages.keep(3)
		d.pages.add(1)
	} else if d.breakNext {
		d.para("Note", "", nil) // carries the page break
	}
	rPr := ""
	if lt.size != szTable {
		rPr = sz(lt.size) // the 表格 style is 五号
	}
	w := d.w
	if len(m.Rows) > 0 {
		total := 0
		for _, x := range lt.widths {
			total += x
		}
		w.raw(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="`)
		w.int(total)
		w.raw(`" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
		for _, x := range lt.widths {
			w.raw(`<w:gridCol w:w="`)
			w.int(x)
			w.raw(`"/>`)
		}
		w.raw(`</w:tblGrid>`)
		// The header row, repeated on every page.
		w.raw(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
		for i, c := range m.Columns {
			d.cellStart(lt.widths[i], "D9D9D9")
			w.raw(`<w:p><w:pPr><w:pStyle w:val="TableHead"/></w:pPr>`)
			d.runs([]run{{Text: c.Header}}, rPr)
			w.raw(`</w:p></w:tc>`)
		}
		w.raw(`</w:tr>`)
		for _, row := range m.Rows {
			w.raw(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
			for i := range m.Columns {
				var c flow.Cell
				if i < len(row) {
					c = row[i]
				}
				fill := ""
				if c.Fail {
					fill = "E6E6E6"
				}
				d.cellStart(lt.widths[i], fill)
				w.raw(`<w:p><w:pPr><w:pStyle w:val="TableText"/>`)
				if m.Columns[i].Numeric {
					w.raw(`<w:jc w:val="right"/>`)
				}
				w.raw(`</w:pPr>`)
				if c.Fail {
					w.raw(`<w:r><w:rPr><w:rStyle w:val="FailMark"/>` + rPr + `</w:rPr><w:t xml:space="preserve">✗ </w:t></w:r>`)
				}
				runs := c.Spans
				if runs == nil {
					runs = []run{{Text: c.Text}}
				}
				d.runs(runs, rPr)
				w.raw(`</w:p></w:tc>`)
			}
			w.raw(`</w:tr>`)
		}
		w.raw(`</w:tbl>`)
		d.pages.add(tableLines(m, lt))
	}
	for _, n := range m.Notes {
		d.para("Note", "", []run{{Text: "注：" + n}})
		d.pages.add(0.55 * float64(lineCount([]run{{Text: n}}, szNote, textW)))
	}
	// Room below the table, as the PDF's.
	d.w.raw(`<w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr></w:p>`)
	d.pages.add(0.5)
}

// cellStart opens a cell of width w, shaded with fill when not "".
func (d *document) cellStart(wd int, fill string) {
	w := d.w
	w.raw(`<w:tc><w:tcPr><w:tcW w:w="`)
	w.int(wd)
	w.raw(`" w:type="dxa"/>`)
	if fill != "" {
		w.raw(`<w:shd w:val="clear" w:color="auto" w:fill="` + fill + `"/>`)
	}
	w.raw(`<w:vAlign w:val="center"/></w:tcPr>`)
}

// tableLines estimates a table's height in body lines, for the 目录's page estimates.
func tableLines(m *flow.TableModel, lt tableLayout) float64 {
	rowH := func(texts func(i int) string) float64 {
		lines := 1
		for i, wd := range lt.widths {
			inner := max(wd-cellPad, 1)
			lines = max(lines, (width(texts(i), lt.size)+inner-1)/inner)
		}
		return float64(lines)*float64(lt.size*13)/float64(linePitch) + 60.0/float64(linePitch)
	}
	h := rowH(func(i int) string { return m.Columns[i].Header })
	for _, row := range m.Rows {
		h += rowH(func(i int) string {
			if i < len(row) {
				return row[i].Text
			}
			return ""
		})
	}
	return h
}
