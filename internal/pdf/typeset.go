package pdf

import (
	"compress/zlib"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/signintech/gopdf"

	"github.com/youjun-edu/youjun/internal/cjk"
	"github.com/youjun-edu/youjun/internal/pdf/fonts"
)

// op is one drawing operation on a page; x is relative to the text block's left edge.
type op struct {
	kind         opKind
	x, y         float64 // text: baseline start; line: start; rect: top left; link: top left
	x2, y2       float64 // line: end; rect and link: width and height
	text         string
	family       string
	size         float64
	width        float64 // line width
	dash         []float64
	gray         float64 // 0 black … 1 white
	fill, stroke bool
	anchor       string // link target
	absolute     bool   // x is from the page's left edge (page numbers)
}

type opKind int

const (
	opText opKind = iota
	opLine
	opRect
	opLink
)

// page is one laid-out page.
type page struct {
	ops    []op
	number int // printed page number; 0 for the cover and the 目录
	// landscape: the page's content is set on a landscape text block and turned a quarter
	// turn onto the portrait page, whose page number stays where it is.
	landscape bool
	anchors   []mark
	marks     []mark // bookmarks
	// furniture is drawn on the portrait page whatever its content's turn: the draft mark.
	furniture []op
}

// mark is a named position on a page.
type mark struct {
	name string
	y    float64
}

// typesetter holds the fonts, their metrics and the pages being laid out.
type typesetter struct {
	st        Style // the geometry in force: portrait, or landscape while a wide table is set
	portrait  Style
	landscape bool
	gp        *gopdf.GoPdf
	styles    []textStyle
	family    [4]string // gopdf family of each font role
	plainKai  bool      // the 楷体 role prints like the body
	embedded  string    // family of the built-in font, added when a glyph is missing elsewhere
	widths    map[glyphKey]float64
	has       map[glyphKey]bool
	info      []map[rune]*glyphInfo // by style: see cached
	missing   map[rune][]string     // characters no font has, with the fonts tried
	where     string                // what is being typeset, for messages

	pages []*page
	cur   *page
	y     float64
	foot  []textLine // the footnotes of the current page, set at its foot when it is full
}

// Footnote geometry: a short rule above the notes, which are set in the table size.
func (t *typesetter) notePitch() float64 { return t.st.Table * 1.5 }
func (t *typesetter) noteRule() float64  { return t.st.Table }

// footH is the height the current page's footnotes take, the rule included.
func (t *typesetter) footH() float64 {
	if len(t.foot) == 0 {
		return 0
	}
	return t.noteRule() + float64(len(t.foot))*t.notePitch()
}

// flushNotes sets the current page's footnotes at the foot of its text block.
func (t *typesetter) flushNotes() {
	if len(t.foot) == 0 || t.cur == nil {
		return
	}
	y := t.st.bottom() - t.footH()
	t.rule(0, y+t.noteRule()/2, t.st.TextW/4, y+t.noteRule()/2, 0.5, nil)
	y += t.noteRule()
	for _, l := range t.foot {
		t.line(l, 0, baseline(y, t.notePitch(), t.st.Table))
		y += t.notePitch()
	}
	t.foot = nil
}

type glyphKey struct {
	family string
	r      rune
}

func newTypesetter(st Style, f *Fonts) (*typesetter, error) {
	t := &typesetter{st: st, portrait: st, styles: st.textStyles(),
		widths: map[glyphKey]float64{}, has: map[glyphKey]bool{}, missing: map[rune][]string{}}
	t.info = make([]map[rune]*glyphInfo, len(t.styles))
	t.gp = &gopdf.GoPdf{}
	t.gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: st.PageW, H: st.PageH}, Unit: gopdf.UnitPT})
	// Deflate at its fastest: content streams and font subsets shrink almost as much, in
	// a fraction of the time (the example's subsets: 8 % larger, a quarter of the time).
	t.gp.SetCompressLevel(zlib.BestSpeed)
	t.gp.SetFontCompressLevel(zlib.BestSpeed)
	added := map[string]bool{}
	for r, face := range f.Set {
		fam := f.family[face]
		if !added[fam] {
			// The fonts enter the PDF in the order of their roles, as when each was parsed here.
			if err := t.gp.AddTTFFontFromFontContainer(fam, &f.container); err != nil {
				return nil, fmt.Errorf("%s字体 %s：%v", fonts.Role(r), face.Name, err)
			}
			added[fam] = true
		}
		t.family[r] = fam
		if face.Family == fonts.Sans {
			t.embedded = fam
		}
	}
	t.plainKai = f.Set.Alike(fonts.Kai, fonts.Body)
	return t, nil
}

// familyName names a font in the PDF (its BaseFont): the file name's letters and digits, made
// unique by the font's number.
func familyName(f *fonts.Face, i int) string {
	if f.Family != "" {
		return f.Family
	}
	var b strings.Builder
	for _, r := range f.Name {
		if r == '.' {
			break
		}
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		b.WriteString("Font")
	}
	return fmt.Sprintf("%s-%d", b.String(), i)
}

// face returns the font family that draws r in style s: the style's own font, else the body
// font, else the built-in one. A character none of them has is recorded for a warning.
func (t *typesetter) face(r rune, s int) string {
	if c, ok := t.cached(r, s); ok {
		return c.family
	}
	fam, found := t.lookup(r, s)
	if !found && !strings.Contains(strings.Join(t.missing[r], ""), t.where) {
		t.missing[r] = append(t.missing[r], t.where)
	}
	return fam
}

// lookup is face without the record: found is false when no font has r.
func (t *typesetter) lookup(r rune, s int) (family string, found bool) {
	want := t.family[t.styles[s].role]
	if r < 0x80 || t.hasGlyph(want, r) {
		return want, true
	}
	for _, fam := range []string{t.family[fonts.Body], t.embeddedFamily()} {
		if fam != "" && t.hasGlyph(fam, r) {
			return fam, true
		}
	}
	return want, false
}

// glyphInfo is what the layout asks of a character in a style, again and again: its font, its
// advance at size 1 in that font (negative until asked for: a glyph set on the grid is never
// measured, nor added to the font subset by measuring) and whether it is wide.
type glyphInfo struct {
	family string
	unit   float64
	wide   bool
}

// cached returns the glyphInfo of r in style s from a per-style cache; ok is false for a
// character no font has, which goes the slow way (and is recorded where it is drawn).
func (t *typesetter) cached(r rune, s int) (*glyphInfo, bool) {
	if c, ok := t.info[s][r]; ok {
		return c, true
	}
	fam, found := t.lookup(r, s)
	if !found {
		return nil, false
	}
	c := &glyphInfo{family: fam, unit: -1, wide: cjk.IsWide(r)}
	if t.info[s] == nil {
		t.info[s] = map[rune]*glyphInfo{}
	}
	t.info[s][r] = c
	return c, true
}

// unitWidth is the advance of r in the font fam at size 1.
func (t *typesetter) unitWidth(fam string, r rune) float64 {
	k := glyphKey{fam, r}
	w, ok := t.widths[k]
	if !ok {
		t.gp.SetFont(fam, "", 1000)
		m, err := t.gp.MeasureTextWidth(string(r))
		if err == nil {
			w = m / 1000
		}
		t.widths[k] = w
	}
	return w
}

// embeddedFamily is the family of the built-in font, which is parsed and added here when no
// role uses it and a character is missing from the others.
func (t *typesetter) embeddedFamily() string {
	if t.embedded == "" {
		if e, err := fonts.Embedded(); err == nil {
			if t.gp.AddTTFFontDataWithOption(e.Family, e.Data, ttfOption()) == nil {
				t.embedded = e.Family
			}
		}
	}
	return t.embedded
}

func (t *typesetter) hasGlyph(fam string, r rune) bool {
	k := glyphKey{fam, r}
	if v, ok := t.has[k]; ok {
		return v
	}
	t.gp.SetFont(fam, "", 10)
	ok, err := t.gp.IsCurrFontContainGlyph(r)
	v := ok && err == nil
	t.has[k] = v
	return v
}

// adv is the advance of r in style s: on the grid for Chinese body text, else the font's own.
func (t *typesetter) adv(r rune, s int) float64 {
	if r == wj {
		return 0
	}
	ts := t.styles[s]
	if c, ok := t.cached(r, s); ok {
		if ts.grid && c.wide {
			return ts.size * t.st.gridRatio()
		}
		if c.unit < 0 {
			c.unit = t.unitWidth(c.family, r)
		}
		return c.unit * ts.size
	}
	if ts.grid && cjk.IsWide(r) {
		return ts.size * t.st.gridRatio()
	}
	return t.unitWidth(t.face(r, s), r) * ts.size
}

// measure is the natural width of text in style s.
func (t *typesetter) measure(text string, s int) float64 {
	w := 0.0
	for _, r := range text {
		w += t.adv(r, s)
	}
	return w
}

// warnings lists the characters no font could draw.
func (t *typesetter) warnings() []string {
	var rs []rune
	for r := range t.missing {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("字体中没有字符「%c」（U+%04X），PDF 中该处为空白；出现在：%s。请换用含该字的字体（site.toml [pdf.fonts]）",
			r, r, strings.Join(t.missing[r], "、")))
	}
	return out
}

// ---- pages ----

func (t *typesetter) newPage(number int) {
	t.flushNotes()
	t.cur = &page{number: number, landscape: t.landscape}
	t.pages = append(t.pages, t.cur)
	t.y = t.st.Top
}

func (t *typesetter) room() float64 { return t.st.bottom() - t.footH() - t.y }

// text places glyphs of one line with the given baseline, merging runs that sit side by side in
// the same font into one text operation.
func (t *typesetter) line(l textLine, x0, baseline float64) {
	var run *op
	for _, g := range l.glyphs {
		if g.space {
			run = nil
			continue
		}
		r, _ := utf8.DecodeRuneInString(g.text)
		fam := t.face(r, g.style)
		size := t.styles[g.style].size
		// A glyph set on the document grid advances less than its font says, so it is drawn on
		// its own; others join a run when they follow on exactly.
		grid := t.styles[g.style].grid && g.wide
		if !grid && run != nil && run.family == fam && run.size == size && run.y == baseline-t.styles[g.style].rise && math.Abs(run.x+run.x2-(x0+g.x)) < 1e-6 {
			run.text += g.text
			run.x2 += g.w
			continue
		}
		t.cur.ops = append(t.cur.ops, op{kind: opText, x: x0 + g.x, y: baseline - t.styles[g.style].rise, x2: g.w, text: g.text, family: fam, size: size})
		run = &t.cur.ops[len(t.cur.ops)-1]
		if g.style == sEm && t.plainEm() && cjk.IsWide(r) && !unicode.IsPunct(r) {
			// Emphasis in the body's own face is marked as Chinese text marks it: a dot under
			// each character (着重号).
			d := size * 0.14
			t.cur.ops = append(t.cur.ops, op{kind: opRect, x: x0 + g.x + g.w/2 - d/2, y: baseline + size*0.2, x2: d, y2: d, fill: true})
			run = nil
		}
		if grid {
			run = nil
		}
	}
}

// plainEm reports whether emphasis would look like body text: the 楷体 role prints like the body.
func (t *typesetter) plainEm() bool { return t.plainKai }

// baseline is where text of size sits in a line box of height h starting at top.
func baseline(top, h, size float64) float64 { return top + (h-size)/2 + size*0.86 }

func (t *typesetter) rule(x1, y1, x2, y2, width float64, dash []float64) {
	t.cur.ops = append(t.cur.ops, op{kind: opLine, x: x1, y: y1, x2: x2, y2: y2, width: width, dash: dash})
}

func (t *typesetter) rect(x, y, w, h, gray float64, fill, stroke bool) {
	t.cur.ops = append(t.cur.ops, op{kind: opRect, x: x, y: y, x2: w, y2: h, gray: gray, fill: fill, stroke: stroke, width: 0.5})
}

// label places a single line of text; align is 'l', 'c' or 'r' within [x, x+w].
func (t *typesetter) label(text string, s int, x, w, base float64, align byte) {
	ls := breakLines([]span{{text, s}}, 1e9, 0, false, t.adv)
	if len(ls) == 0 {
		return
	}
	switch align {
	case 'c':
		x += (w - ls[0].width) / 2
	case 'r':
		x += w - ls[0].width
	}
	t.line(ls[0], x, base)
}
