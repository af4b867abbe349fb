package pdftext

import (
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// font is what reading text needs of a PDF font: how a string splits into character codes, the
// Unicode text of each code and its advance width.
type font struct {
	space   []codeRange // code lengths (codespace ranges); none: one byte per code
	toUni   map[uint32]string
	simple  bool // a one-byte font: code 32 takes the word spacing
	base    *[256]rune
	widths  map[uint32]float64 // glyph space, 1/1000 of the size
	wranges []widthRange
	dw      float64
	// gidText maps glyph IDs to text for a CID font without ToUnicode, from the cmap table of
	// its embedded TrueType program; cidGID maps CIDs to glyph IDs (nil: identity).
	gidText map[uint16]rune
	cidGID  []byte
}

type codeRange struct {
	n      int // bytes
	lo, hi uint32
}

type widthRange struct {
	lo, hi uint32
	w      float64
}

// next splits off the first code of s: its value and length.
func (f *font) next(s string) (uint32, int) {
	if len(f.space) == 0 {
		return uint32(s[0]), 1
	}
	for n := 1; n <= 4 && n <= len(s); n++ {
		var c uint32
		for i := range n {
			c = c<<8 | uint32(s[i])
		}
		for _, r := range f.space {
			if r.n == n && c >= r.lo && c <= r.hi {
				return c, n
			}
		}
	}
	// Outside every range: take the shortest length the font has (ISO 32000-1 §9.7.6.3).
	n := 4
	for _, r := range f.space {
		n = min(n, r.n)
	}
	n = min(n, len(s))
	var c uint32
	for i := range n {
		c = c<<8 | uint32(s[i])
	}
	return c, n
}

func (f *font) text(c uint32) string {
	if t, ok := f.toUni[c]; ok {
		return t
	}
	if f.base != nil && c < 256 {
		if r := f.base[c]; r != 0 {
			return string(r)
		}
		return ""
	}
	if f.gidText != nil {
		gid := c
		if f.cidGID != nil {
			i := 2 * int(c)
			if i+1 >= len(f.cidGID) {
				return "\uFFFD"
			}
			gid = uint32(f.cidGID[i])<<8 | uint32(f.cidGID[i+1])
		}
		if r, ok := f.gidText[uint16(gid)]; ok {
			return string(r)
		}
	}
	if f.simple {
		return ""
	}
	return "\uFFFD"
}

func (f *font) width(c uint32) float64 {
	if w, ok := f.widths[c]; ok {
		return w
	}
	for _, r := range f.wranges {
		if c >= r.lo && c <= r.hi {
			return r.w
		}
	}
	return f.dw
}

// loadFont reads a font dictionary; nil when a part it names is missing (a file cut short).
// Parts that are there but cannot be understood give no text.
func (d *document) loadFont(fd dict) *font {
	for _, k := range []name{"ToUnicode", "DescendantFonts", "Encoding", "Widths"} {
		if !d.present(fd[k]) {
			return nil
		}
	}
	f := &font{widths: map[uint32]float64{}}
	sub, _ := d.resolve(fd["Subtype"]).(name)
	if sub == "Type0" {
		f.space = []codeRange{{2, 0, 0xFFFF}}
		f.dw = 1000
		if cs := d.cmap(fd["Encoding"]).space; len(cs) > 0 {
			f.space = cs
		}
		if ds, ok := d.resolve(fd["DescendantFonts"]).(array); ok && len(ds) > 0 {
			if cid, ok := d.resolve(ds[0]).(dict); ok {
				d.cidWidths(f, cid)
				if _, ok := fd["ToUnicode"]; !ok {
					d.trueTypeText(f, cid)
				}
			}
		}
	} else {
		f.simple = true
		f.dw = 500 // unknown widths of the standard 14 fonts: about half an em
		d.simpleWidths(f, fd)
		f.base = d.simpleEncoding(fd)
	}
	if c := d.cmap(fd["ToUnicode"]); c.m != nil {
		f.toUni = c.m
		if sub != "Type0" && len(c.space) > 0 && c.space[0].n > 1 {
			f.space = c.space
		}
	}
	d.mapped += len(f.widths) + len(f.wranges)
	if d.mapped > maxMapped {
		d.fail(tooLarge("字体映射过多"))
	}
	return f
}

// cmapData is a parsed CMap: its codespace ranges and its mappings to text.
type cmapData struct {
	space []codeRange
	m     map[uint32]string
}

// cmap reads the CMap stream v, once for all the fonts that share it.
func (d *document) cmap(v any) cmapData {
	r, isRef := v.(ref)
	if c, ok := d.cmaps[r]; ok && isRef {
		return c
	}
	var c cmapData
	if s, ok := d.resolve(v).(*stream); ok {
		data, err := d.decode(s)
		if err != nil {
			d.fail(err)
			return c
		}
		c.m = map[uint32]string{}
		c.space = parseCMap(data, c.m)
		d.mapped += len(c.m)
		if d.mapped > maxMapped {
			d.fail(tooLarge("字体映射过多"))
		}
	}
	if isRef {
		d.cmaps[r] = c
	}
	return c
}

func (d *document) cidWidths(f *font, cid dict) {
	if dw, ok := num(d.resolve(cid["DW"])); ok {
		f.dw = dw
	}
	w, _ := d.resolve(cid["W"]).(array)
	for i := 0; i < len(w); {
		first, ok := d.resolve(w[i]).(int)
		if !ok || i+1 >= len(w) || first < 0 {
			return
		}
		switch v := d.resolve(w[i+1]).(type) {
		case array:
			for k, x := range v {
				if wx, ok := num(d.resolve(x)); ok && len(f.widths) < maxCMapEntries {
					f.widths[uint32(first+k)] = wx
				}
			}
			i += 2
		case int:
			if i+2 >= len(w) {
				return
			}
			wx, _ := num(d.resolve(w[i+2]))
			if len(f.wranges) < maxCMapEntries && v >= first {
				f.wranges = append(f.wranges, widthRange{uint32(first), uint32(v), wx})
			}
			i += 3
		default:
			return
		}
	}
}

func (d *document) simpleWidths(f *font, fd dict) {
	if desc, ok := d.resolve(fd["FontDescriptor"]).(dict); ok {
		if mw, ok := num(d.resolve(desc["MissingWidth"])); ok && mw > 0 {
			f.dw = mw
		}
	}
	first, _ := d.resolve(fd["FirstChar"]).(int)
	ws, _ := d.resolve(fd["Widths"]).(array)
	if first < 0 || first > 255 {
		return
	}
	for i, v := range ws {
		if first+i > 255 {
			break
		}
		if w, ok := num(d.resolve(v)); ok {
			f.widths[uint32(first+i)] = w
		}
	}
}

// simpleEncoding is the text of each code of a one-byte font: its base encoding (WinAnsi unless
// it names MacRoman) with the /Differences the font gives, for the glyph names text uses.
func (d *document) simpleEncoding(fd dict) *[256]rune {
	var t [256]rune
	cm := charmap.Windows1252
	enc := d.resolve(fd["Encoding"])
	var diffs array
	if ed, ok := enc.(dict); ok {
		enc = d.resolve(ed["BaseEncoding"])
		diffs, _ = d.resolve(ed["Differences"]).(array)
	}
	if enc == name("MacRomanEncoding") {
		cm = charmap.Macintosh
	}
	for c := 32; c < 256; c++ {
		if r := cm.DecodeByte(byte(c)); r != '\uFFFD' {
			t[c] = r
		}
	}
	code := -1
	for _, v := range diffs {
		switch x := d.resolve(v).(type) {
		case int:
			code = x
		case name:
			if code >= 0 && code < 256 {
				t[code] = glyphRune(string(x))
			}
			code++
		}
	}
	return &t
}

// num reads an int or a real.
func num(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// utf16Text decodes a ToUnicode destination: UTF-16BE.
func utf16Text(b string) string {
	if len(b) == 1 {
		return string(rune(b[0]))
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

func codeOf(s str) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

// parseCMap reads a CMap: its codespace ranges, and, when m is not nil, its bfchar and bfrange
// mappings into m.
func parseCMap(data []byte, m map[uint32]string) []codeRange {
	var space []codeRange
	l := &lexer{b: data}
	var ops []any
	for {
		v, err := l.value(false, 0)
		if err == errEOF {
			return space
		}
		if err != nil {
			if l.pos < len(l.b) {
				l.pos++
			}
			ops = ops[:0]
			continue
		}
		k, ok := v.(keyword)
		if !ok {
			if len(ops) < maxOperands {
				ops = append(ops, v)
			}
			continue
		}
		switch k {
		case "endcodespacerange":
			for i := 0; i+1 < len(ops); i += 2 {
				lo, ok1 := ops[i].(str)
				hi, ok2 := ops[i+1].(str)
				if ok1 && ok2 && len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 && len(space) < 256 {
					space = append(space, codeRange{len(lo), codeOf(lo), codeOf(hi)})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(ops) && m != nil; i += 2 {
				src, ok := ops[i].(str)
				if !ok || len(m) >= maxCMapEntries {
					continue
				}
				switch dst := ops[i+1].(type) {
				case str:
					m[codeOf(src)] = utf16Text(string(dst))
				case name:
					if r := glyphRune(string(dst)); r != 0 {
						m[codeOf(src)] = string(r)
					}
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(ops) && m != nil; i += 3 {
				lo, ok1 := ops[i].(str)
				hi, ok2 := ops[i+1].(str)
				if !ok1 || !ok2 {
					continue
				}
				a, b := codeOf(lo), codeOf(hi)
				if b < a || b-a > 0xFFFF {
					continue
				}
				switch dst := ops[i+2].(type) {
				case str:
					if len(dst) == 0 {
						continue
					}
					base := []byte(dst)
					for k := uint32(0); k <= b-a && len(m) < maxCMapEntries; k++ {
						m[a+k] = utf16Text(string(base))
						base[len(base)-1]++
					}
				case array:
					for k, x := range dst {
						s, ok := x.(str)
						if !ok || a+uint32(k) > b || len(m) >= maxCMapEntries {
							continue
						}
						m[a+uint32(k)] = utf16Text(string(s))
					}
				}
			}
		}
		ops = ops[:0]
	}
}
