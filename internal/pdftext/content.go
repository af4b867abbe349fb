package pdftext

import (
	"bytes"
	"math"
	"reflect"
	"strconv"
)

// matrix is a PDF transformation [a b c d e f]: a point (x, y) maps to
// (a·x + c·y + e, b·x + d·y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul is m × n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// glyph is one shown character: where its baseline starts and ends on the page, and its size.
type glyph struct {
	x, y   float64 // origin, in default user space
	dx, dy float64 // the baseline's direction, a unit vector
	adv    float64 // advance along the baseline
	size   float64 // the font size as drawn
	text   string
}

// gstate is the part of the graphics state that placing text depends on.
type gstate struct {
	ctm                      matrix
	tc, tw, th, tl, rise, fs float64
	font                     *font
}

// interp runs the content streams of one page and collects its glyphs.
type interp struct {
	d      *document
	fonts  map[fontKey]*font // fonts read so far
	glyphs []glyph
	page   int
}

// run interprets one content stream with the given resources.
func (in *interp) run(data []byte, res dict, g gstate, depth int) error {
	var stack []gstate
	var tm, tlm matrix = identity, identity
	l := &lexer{b: data}
	var ops []any
	for {
		start := l.pos
		v, err := l.value(false, 0)
		if err == errEOF {
			return nil
		}
		if err != nil {
			// Resume after a malformed token, as viewers do.
			if l.pos <= start {
				l.pos = start + 1
			}
			ops = ops[:0]
			continue
		}
		op, ok := v.(keyword)
		if !ok {
			if len(ops) >= maxOperands {
				return tooLarge("第 " + strconv.Itoa(in.page) + " 页的内容操作数过多")
			}
			ops = append(ops, v)
			continue
		}
		if in.d.ops++; in.d.ops > maxOps {
			return tooLarge("内容操作过多")
		}
		switch op {
		case "q":
			if len(stack) >= maxStateStack {
				return tooLarge("第 " + strconv.Itoa(in.page) + " 页的图形状态嵌套过深")
			}
			stack = append(stack, g)
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if m, ok := nums6(ops); ok {
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			setNum(&g.tc, ops)
		case "Tw":
			setNum(&g.tw, ops)
		case "Tz":
			if setNum(&g.th, ops) {
				g.th /= 100
			}
		case "TL":
			setNum(&g.tl, ops)
		case "Ts":
			setNum(&g.rise, ops)
		case "Tf":
			if len(ops) == 2 {
				if n, ok := ops[0].(name); ok {
					if g.font = in.font(res, n); g.font == nil {
						return corrupt("第 " + strconv.Itoa(in.page) + " 页使用的字体 " + string(n) + " 缺失")
					}
					if in.d.err != nil {
						return in.pageError(in.d.err)
					}
				}
				if s, ok := num(ops[1]); ok {
					g.fs = s
				}
			}
		case "Td", "TD":
			if len(ops) == 2 {
				tx, ok1 := num(ops[0])
				ty, ok2 := num(ops[1])
				if ok1 && ok2 {
					if op == "TD" {
						g.tl = -ty
					}
					tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
					tm = tlm
				}
			}
		case "Tm":
			if m, ok := nums6(ops); ok {
				tm, tlm = m, m
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj", "'", "\"":
			if op != "Tj" {
				if op == "\"" && len(ops) == 3 {
					setNum(&g.tw, ops[:1])
					setNum(&g.tc, ops[1:2])
					ops = ops[2:]
				}
				tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
				tm = tlm
			}
			if len(ops) == 1 {
				if s, ok := ops[0].(str); ok {
					if err := in.show(string(s), &g, &tm); err != nil {
						return err
					}
				}
			}
		case "TJ":
			if len(ops) == 1 {
				a, _ := ops[0].(array)
				for _, e := range a {
					switch x := e.(type) {
					case str:
						if err := in.show(string(x), &g, &tm); err != nil {
							return err
						}
					case int, float64:
						n, _ := num(x)
						tm = matrix{1, 0, 0, 1, -n / 1000 * g.fs * g.th, 0}.mul(tm)
					}
				}
			}
		case "Do":
			if len(ops) == 1 {
				if n, ok := ops[0].(name); ok {
					if err := in.form(res, n, g, depth); err != nil {
						return err
					}
				}
			}
		case "BI":
			skipInlineImage(l)
		}
		ops = ops[:0]
	}
}

func setNum(dst *float64, ops []any) bool {
	if len(ops) != 1 {
		return false
	}
	v, ok := num(ops[0])
	if ok && !math.IsNaN(v) && !math.IsInf(v, 0) {
		*dst = v
	}
	return ok
}

func nums6(ops []any) (matrix, bool) {
	var m matrix
	if len(ops) != 6 {
		return m, false
	}
	for i, v := range ops {
		f, ok := num(v)
		if !ok {
			return m, false
		}
		m[i] = f
	}
	return m, true
}

// skipInlineImage passes the data of an inline image: from ID to the EI that ends it.
func skipInlineImage(l *lexer) {
	i := bytes.Index(l.b[l.pos:], []byte("ID"))
	if i < 0 {
		l.pos = len(l.b)
		return
	}
	p := l.pos + i + 2
	for {
		j := bytes.Index(l.b[p:], []byte("EI"))
		if j < 0 {
			l.pos = len(l.b)
			return
		}
		e := p + j
		if isSpace(l.b[e-1]) && (e+2 == len(l.b) || isSpace(l.b[e+2])) {
			l.pos = e + 2
			return
		}
		p = e + 2
	}
}

// fontKey identifies a font resource: the object it is, or, for a font written in place, the
// resource dictionary and the name.
type fontKey struct {
	r   ref
	res uintptr
	n   name
}

// font finds the font named n in the resources, each read once.
func (in *interp) font(res dict, n name) *font {
	fs, _ := in.d.resolve(res["Font"]).(dict)
	v := fs[n]
	key := fontKey{res: reflect.ValueOf(fs).Pointer(), n: n}
	if r, ok := v.(ref); ok {
		key = fontKey{r: r}
	}
	if f, ok := in.fonts[key]; ok {
		return f
	}
	var f *font
	if fd, ok := in.d.resolve(v).(dict); ok && in.d.present(v) {
		f = in.d.loadFont(fd)
	}
	in.fonts[key] = f
	return f
}

// show places the glyphs of one string.
func (in *interp) show(s string, g *gstate, tm *matrix) error {
	f := g.font
	if f == nil {
		return nil
	}
	for len(s) > 0 {
		c, n := f.next(s)
		s = s[n:]
		if in.d.glyphs++; in.d.glyphs > maxGlyphs {
			return tooLarge("文字过多")
		}
		w0 := f.width(c) / 1000
		trm := matrix{g.fs * g.th, 0, 0, g.fs, 0, g.rise}.mul(*tm).mul(g.ctm)
		if t := f.text(c); t != "" {
			scale := math.Hypot(trm[0], trm[1])
			gl := glyph{x: trm[4], y: trm[5], adv: w0 * scale, size: math.Hypot(trm[2], trm[3]), text: t}
			if scale > 0 {
				gl.dx, gl.dy = trm[0]/scale, trm[1]/scale
			} else {
				gl.dx = 1
			}
			in.glyphs = append(in.glyphs, gl)
		}
		tx := w0*g.fs + g.tc
		if f.simple && n == 1 && c == ' ' {
			tx += g.tw
		}
		*tm = matrix{1, 0, 0, 1, tx * g.th, 0}.mul(*tm)
	}
	return nil
}

// form draws a form XObject: its own content with its matrix and resources.
func (in *interp) form(res dict, n name, g gstate, depth int) error {
	xs, _ := in.d.resolve(res["XObject"]).(dict)
	s, ok := in.d.resolve(xs[n]).(*stream)
	if !ok || in.d.resolve(s.dict["Subtype"]) != name("Form") {
		return nil
	}
	if depth >= maxFormDepth {
		return nil
	}
	data, err := in.d.decode(s)
	if err != nil {
		return err
	}
	if m, ok := in.d.resolve(s.dict["Matrix"]).(array); ok {
		if mm, ok := nums6(m); ok {
			g.ctm = mm.mul(g.ctm)
		}
	}
	if r, ok := in.d.resolve(s.dict["Resources"]).(dict); ok {
		res = r
	}
	return in.run(data, res, g, depth+1)
}
