package pdftext

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Thresholds, as fractions of the font size.
const (
	// sameLine: baselines this close are one line (a superscript stays on its line).
	sameLine = 0.4
	// wordGap: a gap wider than this between glyphs is a space. gopdf writes no space glyphs,
	// so the gap is all there is; justified Chinese text spreads its characters by less.
	wordGap = 0.2
	// overlap: a glyph drawn again at (nearly) the same place is one glyph (fake bold).
	overlap = 0.1
)

// placed is a glyph in the frame of its line's direction: u along the baseline, v up.
type placed struct {
	u, v, adv, size float64
	text            string
}

// lines arranges a page's glyphs into lines: by direction (upright text first, then turned
// text, the direction with most glyphs leading), then top to bottom, then left to right.
func lines(gs []glyph) []string {
	var dirs [4][]placed
	for _, g := range gs {
		if math.IsNaN(g.x+g.y+g.dx+g.dy+g.adv+g.size) || math.IsInf(g.x+g.y+g.adv+g.size, 0) {
			continue
		}
		// The quarter turn nearest the baseline's direction.
		k := int(math.Round(math.Atan2(g.dy, g.dx)/(math.Pi/2))) & 3
		var u, v float64
		switch k {
		case 0:
			u, v = g.x, g.y
		case 1:
			u, v = g.y, -g.x
		case 2:
			u, v = -g.x, -g.y
		case 3:
			u, v = -g.y, g.x
		}
		dirs[k] = append(dirs[k], placed{u, v, g.adv, g.size, g.text})
	}
	order := []int{0, 1, 2, 3}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(dirs[b]), len(dirs[a])) })
	var out []string
	for _, k := range order {
		out = append(out, lineTexts(dirs[k])...)
	}
	return out
}

func lineTexts(ps []placed) []string {
	slices.SortStableFunc(ps, func(a, b placed) int {
		if c := cmp.Compare(b.v, a.v); c != 0 {
			return c
		}
		return cmp.Compare(a.u, b.u)
	})
	var out []string
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && ps[i].v-ps[j].v <= sameLine*max(ps[i].size, ps[j].size) {
			j++
		}
		if s := joinLine(ps[i:j]); s != "" {
			out = append(out, s)
		}
		i = j
	}
	return out
}

// joinLine writes the glyphs of one line left to right, a space where the gap between two is
// wide, and one space for any run of white space.
func joinLine(ps []placed) string {
	slices.SortStableFunc(ps, func(a, b placed) int { return cmp.Compare(a.u, b.u) })
	var sb strings.Builder
	var prev *placed
	end := math.Inf(-1)
	for i := range ps {
		p := &ps[i]
		if prev != nil && p.text == prev.text && math.Abs(p.u-prev.u) < overlap*p.size {
			continue
		}
		if prev != nil && p.u-end > wordGap*max(p.size, prev.size) {
			sb.WriteByte(' ')
		}
		sb.WriteString(p.text)
		end = max(end, p.u+p.adv)
		prev = p
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}
