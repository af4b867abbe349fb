package pdftext

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strings"
)

// RewriteText changes the first text operation on page (1-based) whose text contains old into
// one that shows new instead, with the same font, and saves the page's new content as an
// incremental update appended to the file, the way an editor saves a change. Every character of
// new must be one the font has, and the page must have one content stream (as gopdf writes).
//
// It is for tests: it makes a copy of a report whose numbers were altered, for verify to catch.
func RewriteText(pdf []byte, page int, old, new string) ([]byte, error) {
	d, err := open(pdf)
	if err != nil {
		return nil, err
	}
	leaves, err := d.pages()
	if err != nil {
		return nil, err
	}
	if page < 1 || page > len(leaves) {
		return nil, fmt.Errorf("没有第 %d 页", page)
	}
	leaf := leaves[page-1]
	r, ok := leaf.page["Contents"].(ref)
	if !ok {
		return nil, fmt.Errorf("第 %d 页不是单个内容流", page)
	}
	s, ok := d.resolve(r).(*stream)
	if !ok {
		return nil, fmt.Errorf("第 %d 页的内容不是数据流", page)
	}
	data, err := d.decode(s)
	if err != nil {
		return nil, err
	}
	in := &interp{d: d, fonts: map[fontKey]*font{}}
	var f *font
	l := &lexer{b: data}
	var ops []any
	var starts []int
	for {
		l.skip()
		start := l.pos
		v, err := l.value(false, 0)
		if err != nil {
			return nil, fmt.Errorf("第 %d 页没有“%s”", page, old)
		}
		op, isOp := v.(keyword)
		if !isOp {
			ops = append(ops, v)
			starts = append(starts, start)
			continue
		}
		if op == "Tf" && len(ops) == 2 {
			if n, ok := ops[0].(name); ok {
				f = in.font(leaf.res, n)
			}
		}
		if (op == "Tj" || op == "TJ") && len(ops) == 1 && f != nil {
			var parts []str
			switch x := ops[0].(type) {
			case str:
				parts = []str{x}
			case array:
				for _, e := range x {
					if s, ok := e.(str); ok {
						parts = append(parts, s)
					}
				}
			}
			var text strings.Builder
			for _, p := range parts {
				for rest := string(p); rest != ""; {
					c, n := f.next(rest)
					rest = rest[n:]
					text.WriteString(f.text(c))
				}
			}
			if strings.Contains(text.String(), old) {
				codes, err := encode(f, strings.Replace(text.String(), old, new, 1))
				if err != nil {
					return nil, err
				}
				var nd bytes.Buffer
				nd.Write(data[:starts[0]])
				fmt.Fprintf(&nd, "[<%s>] TJ", hex.EncodeToString(codes))
				nd.Write(data[l.pos:])
				return appendUpdate(d, r.num, nd.Bytes())
			}
		}
		ops, starts = ops[:0], starts[:0]
	}
}

// encode finds the codes that show text in font f.
func encode(f *font, text string) ([]byte, error) {
	inv := map[string]uint32{}
	for c, t := range f.toUni {
		if old, ok := inv[t]; !ok || c < old {
			inv[t] = c
		}
	}
	var out []byte
	for _, r := range text {
		c, ok := inv[string(r)]
		if !ok && f.simple && f.toUni == nil && r >= ' ' && r <= '~' {
			c, ok = uint32(r), true
		}
		if !ok {
			return nil, fmt.Errorf("字体中没有“%c”", r)
		}
		if f.simple {
			out = append(out, byte(c))
		} else {
			out = append(out, byte(c>>8), byte(c))
		}
	}
	return out, nil
}

// appendUpdate appends object num with new stream data, and the table and trailer of an
// incremental update.
func appendUpdate(d *document, num int, data []byte) ([]byte, error) {
	root, ok := d.trailer["Root"].(ref)
	if !ok {
		return nil, corrupt("trailer 中没有文档目录（Root）")
	}
	size := 0
	for n := range d.xref {
		size = max(size, n+1)
	}
	prev := bytes.LastIndex(d.b, []byte("startxref"))
	l := &lexer{b: d.b, pos: prev + len("startxref")}
	prevOff, _ := l.peekInt()
	var b bytes.Buffer
	b.Write(d.b)
	if !bytes.HasSuffix(d.b, []byte("\n")) {
		b.WriteByte('\n')
	}
	off := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d >>\nstream\n", num, len(data))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f\r\n%d 1\n%010d 00000 n\r\n", num, off)
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d %d R", size, root.num, root.gen)
	if info, ok := d.trailer["Info"].(ref); ok {
		fmt.Fprintf(&b, " /Info %d %d R", info.num, info.gen)
	}
	fmt.Fprintf(&b, " /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", prevOff, x)
	return b.Bytes(), nil
}
