package pdf

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/youjun-edu/youjun/internal/cjk"
)

// A span is text in one style.
type span struct {
	text  string
	style int // index into the layout's styles
}

// A glyph is one character placed on a line.
type glyph struct {
	text  string
	style int
	x     float64 // from the line's left edge
	w     float64 // advance
	wide  bool    // an East Asian wide character: set on the grid and stretched in justification
	space bool
}

// A textLine is a laid-out line.
type textLine struct {
	glyphs []glyph
	width  float64 // natural width, before justification
}

// advancer gives the advance width of a character in a style.
type advancer func(r rune, style int) float64

// breakLines breaks spans into lines of at most maxWidth (the first line is indent narrower)
// at the break opportunities of Unicode line breaking (UAX #14), which keep Chinese closing
// punctuation off the start of a line and opening punctuation off its end, and keep numbers such
// as 16.9% and 1,234.5 whole. Lines but the last are justified when justify is set: the slack is
// spread over the gaps beside Chinese characters and the spaces between words.
func breakLines(spans []span, maxWidth, indent float64, justify bool, adv advancer) []textLine {
	n := 0
	for _, s := range spans {
		n += len(s.text)
	}
	var text strings.Builder
	text.Grow(n)
	styles := make([]int, 0, n) // per byte of text
	for _, s := range spans {
		text.WriteString(s.text)
		for range len(s.text) {
			styles = append(styles, s.style)
		}
	}
	str, styles := joinUnits(text.String(), styles)
	type segment struct {
		glyphs    []glyph
		w         float64 // without trailing spaces
		mustBreak bool    // a hard line break follows
	}
	var segs []segment
	state := -1
	offset := 0
	var pending []string // pieces of a segment split before a full-width opening bracket
	var pendingMust bool
	for len(str) > 0 || len(pending) > 0 {
		var seg string
		var must bool
		if len(pending) > 0 {
			seg, pending = pending[0], pending[1:]
			must = pendingMust && len(pending) == 0
		} else {
			seg, str, must, state = uniseg.FirstLineSegmentInString(str, state)
			// UAX #14 keeps 85%（0.85） whole; Chinese typesetting may break before the bracket.
			if parts := splitBeforeOpening(seg); len(parts) > 1 {
				seg, pending, pendingMust = parts[0], parts[1:], must
				must = false
			}
		}
		var s segment
		pos := offset
		// Decoded rune by rune with the width of what was read: an invalid byte is one byte
		// (drawn as U+FFFD), although U+FFFD takes three.
		for rest := seg; len(rest) > 0; {
			r, n := utf8.DecodeRuneInString(rest)
			text := rest[:n] // the glyph's text shares the paragraph's bytes
			if r == utf8.RuneError && n == 1 {
				text = string(r)
			}
			rest = rest[n:]
			st := styles[pos]
			pos += n
			if r == '\n' || r == '\r' || r == wj {
				continue
			}
			g := glyph{text: text, style: st, w: adv(r, st), wide: cjk.IsWide(r), space: unicode.IsSpace(r)}
			s.glyphs = append(s.glyphs, g)
		}
		offset = pos
		s.mustBreak = must && (len(str) > 0 || len(pending) > 0)
		for _, g := range s.glyphs {
			s.w += g.w
		}
		for i := len(s.glyphs) - 1; i >= 0 && s.glyphs[i].space; i-- {
			s.w -= s.glyphs[i].w
		}
		segs = append(segs, s)
	}

	var lines []textLine
	var made []madeLine // how each line was made, for rebalance
	var curMade madeLine
	cur := textLine{}
	avail := maxWidth - indent
	x := 0.0 // width including trailing spaces of the last segment
	flush := func() {
		made = append(made, curMade)
		curMade = madeLine{start: curMade.end, end: curMade.end}
		// Drop the spaces at the end of the line.
		for len(cur.glyphs) > 0 && cur.glyphs[len(cur.glyphs)-1].space {
			cur.glyphs = cur.glyphs[:len(cur.glyphs)-1]
		}
		cur.width = 0
		for _, g := range cur.glyphs {
			cur.width += g.w
		}
		lines = append(lines, cur)
		cur = textLine{}
		avail = maxWidth
		x = 0
	}
	for si, s := range segs {
		if len(cur.glyphs) > 0 && x+s.w > avail+1e-9 {
			// A loose line (see looseSpacing) takes the next piece along when squeezing its
			// Chinese punctuation makes room for it.
			pulled := justify && tooLoose(cur.glyphs, avail) && x+s.w-squeezable(cur.glyphs)-squeezable(s.glyphs) <= avail+1e-9
			if !pulled {
				flush()
			}
		}
		curMade.end = si + 1
		if s.w > avail+1e-9 {
			// An unbreakable run longer than a line (a long URL): break it where it overflows.
			curMade.fixed = true
			for _, g := range s.glyphs {
				if len(cur.glyphs) > 0 && x+g.w > avail+1e-9 && !g.space {
					flush()
					curMade.fixed = true
				}
				cur.glyphs = append(cur.glyphs, g)
				x += g.w
			}
		} else {
			cur.glyphs = append(cur.glyphs, s.glyphs...)
			for _, g := range s.glyphs {
				x += g.w
			}
		}
		if s.mustBreak {
			curMade.hard = true
			flush()
		}
	}
	if len(cur.glyphs) > 0 || len(lines) == 0 {
		flush()
	}
	if justify {
		rebalance(lines, made, func(i int) []glyph { return segs[i].glyphs }, maxWidth, indent)
	}
	for i := range lines {
		l := &lines[i]
		width := maxWidth
		if i == 0 {
			width -= indent
		}
		extra := 0.0
		if justify && i < len(lines)-1 {
			if gaps := stretchable(l.glyphs); gaps > 0 {
				extra = (width - l.width) / float64(gaps)
				if extra < 0 {
					extra = 0
				}
			}
		}
		// An overfull line (see tooLoose) squeezes its punctuation by as much as it must.
		ratio := 0.0
		if over := l.width - width; over > 1e-9 {
			if sq := squeezable(l.glyphs); sq > 0 {
				ratio = math.Min(1, over/sq)
				l.width = math.Max(width, l.width-sq)
			}
		}
		x := 0.0
		if i == 0 {
			x = indent
		}
		for j := range l.glyphs {
			g := &l.glyphs[j]
			sq := squeeze(*g) * ratio
			if isOpening(*g) { // the ink of an opening mark is on its right
				x -= sq
			}
			g.x = x
			x += g.w
			if !isOpening(*g) {
				x -= sq
			}
			if extra > 0 && j+1 < len(l.glyphs) && isGap(l.glyphs[j], l.glyphs[j+1]) {
				x += extra
			}
		}
	}
	return lines
}

// madeLine records which segments made a line: segs[start:end]; fixed when an overlong segment
// was cut into it, hard when a forced break ends it.
type madeLine struct {
	start, end  int
	fixed, hard bool
}

// rebalance breaks a line earlier when the next line would otherwise be loose (see
// looseSpacing): a line before a long number such as 11.11% that did not fit is left short, and
// the pieces at the end of the line above fill it. It moves as many pieces as
// make the looser of the two lines tightest, and only when that is tighter than before.
func rebalance(lines []textLine, made []madeLine, glyphsOf func(seg int) []glyph, maxWidth, indent float64) {
	width := func(i int) float64 {
		if i == 0 {
			return maxWidth - indent
		}
		return maxWidth
	}
	build := func(from, to int) []glyph {
		var gs []glyph
		for k := from; k < to; k++ {
			gs = append(gs, glyphsOf(k)...)
		}
		for len(gs) > 0 && gs[len(gs)-1].space {
			gs = gs[:len(gs)-1]
		}
		return gs
	}
	// The last line is not justified, nor is it stretched.
	for i := 1; i < len(lines)-1; i++ {
		above, here := made[i-1], made[i]
		if above.fixed || here.fixed || above.hard || here.hard || !tooLoose(lines[i].glyphs, width(i)) {
			continue
		}
		best, bestK := looseness(lines[i].glyphs, width(i)), 0
		for k := 1; above.end-k > above.start; k++ {
			up, down := build(above.start, above.end-k), build(above.end-k, here.end)
			if naturalWidth(down) > width(i)+1e-9 {
				break
			}
			if l := max(looseness(up, width(i-1)), looseness(down, width(i))); l < best {
				best, bestK = l, k
			}
		}
		if bestK == 0 {
			continue
		}
		made[i-1].end -= bestK
		made[i].start -= bestK
		lines[i-1] = textLine{glyphs: build(made[i-1].start, made[i-1].end)}
		lines[i] = textLine{glyphs: build(made[i].start, made[i].end)}
		lines[i-1].width = naturalWidth(lines[i-1].glyphs)
		lines[i].width = naturalWidth(lines[i].glyphs)
	}
}

func naturalWidth(gs []glyph) float64 {
	w := 0.0
	for _, g := range gs {
		w += g.w
	}
	return w
}

// looseness is the space justification adds between two characters of a line set to width, in
// ems; an overfull line has none.
func looseness(gs []glyph, width float64) float64 {
	em := 0.0
	for _, g := range gs {
		if g.wide {
			em = g.w
			break
		}
	}
	gaps := stretchable(gs)
	if em == 0 || gaps == 0 {
		return 0
	}
	return max(0, (width-naturalWidth(gs))/float64(gaps)/em)
}

// splitBeforeOpening splits a segment before each full-width opening bracket that does not
// start it.
func splitBeforeOpening(seg string) []string {
	var parts []string
	start := 0
	prev := rune(0)
	for i, r := range seg {
		joined := prev == wj
		prev = r
		if i > start && !joined && unicode.Is(unicode.Ps, r) && cjk.IsWide(r) {
			parts = append(parts, seg[start:i])
			start = i
		}
	}
	if start == 0 {
		return nil
	}
	return append(parts, seg[start:])
}

// maxLetterSpacing is the most justification adds between two characters, in ems, where a
// better break exists; above looseSpacing a line is loose and the breaker looks for one: it
// takes the next piece along by squeezing punctuation, or breaks the line above earlier.
const (
	maxLetterSpacing = 0.25
	looseSpacing     = maxLetterSpacing / 2
)

// tooLoose reports whether justifying glyphs to width would space them out by more than
// looseSpacing.
func tooLoose(gs []glyph, width float64) bool {
	for len(gs) > 0 && gs[len(gs)-1].space {
		gs = gs[:len(gs)-1]
	}
	return looseness(gs, width) > looseSpacing+1e-9
}

// squeeze is how much a glyph may give up to a tight line: half of a full-width punctuation
// mark, which is half blank.
func squeeze(g glyph) float64 {
	r, _ := utf8.DecodeRuneInString(g.text)
	if g.wide && unicode.IsPunct(r) {
		return g.w / 2
	}
	return 0
}

func squeezable(gs []glyph) float64 {
	n := 0.0
	for _, g := range gs {
		n += squeeze(g)
	}
	return n
}

// isOpening reports whether g is an opening bracket or quotation mark.
func isOpening(g glyph) bool {
	r, _ := utf8.DecodeRuneInString(g.text)
	return unicode.In(r, unicode.Ps, unicode.Pi)
}

// isGap reports whether justification may widen the space between two neighbours: beside a
// Chinese character, or after a space between words.
func isGap(a, b glyph) bool { return a.wide || b.wide || a.space }

func stretchable(gs []glyph) int {
	n := 0
	for j := 0; j+1 < len(gs); j++ {
		if isGap(gs[j], gs[j+1]) {
			n++
		}
	}
	return n
}

// lineText returns the text of a line, for tests and for extracting what was typeset.
func (l textLine) lineText() string {
	var b strings.Builder
	for _, g := range l.glyphs {
		b.WriteString(g.text)
	}
	return b.String()
}
