package pdftext

import "bytes"

// readXref reads the chain of cross-reference sections from the last startxref back through
// each /Prev: the newest definition of an object is the one that counts.
func (d *document) readXref() error {
	d.reset()
	i := bytes.LastIndex(d.b, []byte("startxref"))
	if i < 0 {
		return corrupt("缺少 startxref")
	}
	l := &lexer{b: d.b, pos: i + len("startxref")}
	off, ok := l.peekInt()
	if !ok {
		return corrupt("startxref 无效")
	}
	seen := map[int]bool{}
	for {
		if off <= 0 || off >= len(d.b) || seen[off] || len(seen) > maxDepth {
			if len(seen) == 0 {
				return corrupt("startxref 指向文件之外")
			}
			if seen[off] || len(seen) > maxDepth {
				return corrupt("交叉引用表循环")
			}
			return corrupt("交叉引用表位置无效")
		}
		seen[off] = true
		trailer, err := d.section(off)
		if err != nil {
			return err
		}
		// Hybrid files list the objects in object streams in a second, stream section.
		if x, ok := trailer["XRefStm"].(int); ok && x > 0 && x < len(d.b) && !seen[x] {
			seen[x] = true
			if _, err := d.section(x); err != nil {
				return err
			}
		}
		for k, v := range trailer {
			if _, ok := d.trailer[k]; !ok {
				d.trailer[k] = v
			}
		}
		prev, ok := trailer["Prev"].(int)
		if !ok {
			return nil
		}
		off = prev
	}
}

// section reads one cross-reference section at off, a table or a stream, and returns its
// trailer dictionary. Entries already known (from a newer section) are kept.
func (d *document) section(off int) (dict, error) {
	l := &lexer{b: d.b, pos: off}
	l.skip()
	if bytes.HasPrefix(d.b[l.pos:], []byte("xref")) {
		l.pos += 4
		return d.table(l)
	}
	num, v, err := d.parseAt(off)
	if err != nil {
		return nil, err
	}
	s, ok := v.(*stream)
	if !ok || s.dict["Type"] != name("XRef") {
		return nil, corrupt("交叉引用表位置无效")
	}
	_ = num
	return s.dict, d.xrefStream(s)
}

func (d *document) set(num int, e entry) error {
	if _, ok := d.xref[num]; ok {
		return nil
	}
	if len(d.xref) >= maxObjects {
		return tooLarge("对象过多")
	}
	d.xref[num] = e
	return nil
}

// table reads a classic table: subsections of "first count" and count "offset gen n|f" lines,
// then the trailer.
func (d *document) table(l *lexer) (dict, error) {
	for {
		tok, err := l.next()
		if err != nil {
			return nil, corrupt("交叉引用表未结束")
		}
		if tok == keyword("trailer") {
			t, err := l.value(true, 0)
			if err != nil {
				return nil, err
			}
			td, ok := t.(dict)
			if !ok {
				return nil, corrupt("trailer 不是字典")
			}
			return td, nil
		}
		first, ok1 := tok.(int)
		count, ok2 := l.peekInt()
		if !ok1 || !ok2 || first < 0 || count < 0 || count > maxObjects {
			return nil, corrupt("交叉引用表格式错误")
		}
		for i := range count {
			off, ok1 := l.peekInt()
			_, ok2 := l.peekInt()
			kind, err := l.next()
			if !ok1 || !ok2 || err != nil || (kind != keyword("n") && kind != keyword("f")) {
				return nil, corrupt("交叉引用表格式错误")
			}
			if kind == keyword("n") {
				if err := d.set(first+i, entry{offset: off}); err != nil {
					return nil, err
				}
			} else if err := d.set(first+i, entry{offset: -1}); err != nil {
				return nil, err
			}
		}
	}
}

// xrefStream reads the entries of a cross-reference stream (PDF 1.5).
func (d *document) xrefStream(s *stream) error {
	data, err := d.decode(s)
	if err != nil {
		return err
	}
	w, ok := s.dict["W"].(array)
	if !ok || len(w) != 3 {
		return corrupt("交叉引用流缺少 /W")
	}
	var widths [3]int
	row := 0
	for i, v := range w {
		n, ok := v.(int)
		if !ok || n < 0 || n > 8 {
			return corrupt("交叉引用流的 /W 无效")
		}
		widths[i] = n
		row += n
	}
	if row == 0 {
		return corrupt("交叉引用流的 /W 无效")
	}
	size, _ := s.dict["Size"].(int)
	index := array{0, size}
	if ix, ok := s.dict["Index"].(array); ok {
		index = ix
	}
	pos := 0
	for i := 0; i+1 < len(index); i += 2 {
		first, ok1 := index[i].(int)
		count, ok2 := index[i+1].(int)
		if !ok1 || !ok2 || first < 0 || count < 0 || count > maxObjects {
			return corrupt("交叉引用流的 /Index 无效")
		}
		for k := range count {
			if pos+row > len(data) {
				return nil // a short stream lists fewer objects; the rest are free
			}
			var f [3]int
			for j := range 3 {
				for range widths[j] {
					f[j] = f[j]<<8 | int(data[pos])
					pos++
				}
			}
			if widths[0] == 0 {
				f[0] = 1
			}
			var e entry
			switch f[0] {
			case 0:
				e = entry{offset: -1}
			case 1:
				e = entry{offset: f[1]}
			case 2:
				e = entry{inStream: true, stm: f[1], index: f[2]}
			default:
				continue
			}
			if err := d.set(first+k, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// reconstruct finds every object by scanning the file, for a file whose table is missing or
// wrong. A later definition replaces an earlier one; the trailers found are merged the same way.
func (d *document) reconstruct() error {
	var root any
	var stms []int
	found := 0
	for pos := 0; pos < len(d.b); {
		i := bytes.Index(d.b[pos:], []byte("obj"))
		if i < 0 {
			break
		}
		at := pos + i
		pos = at + 3
		start, ok := objHeader(d.b, at)
		if !ok {
			continue
		}
		// An object ends at endobj; reading it within that window, and going on from there,
		// keeps the scan linear whatever the file holds.
		end := len(d.b)
		if e := bytes.Index(d.b[pos:], []byte("endobj")); e >= 0 {
			end = pos + e
		}
		num, v, err := d.parseWithin(start, end)
		pos = end
		if err != nil {
			continue
		}
		found++
		if found > maxObjects {
			return tooLarge("对象过多")
		}
		d.xref[num] = entry{offset: start}
		switch o := v.(type) {
		case *stream:
			switch o.dict["Type"] {
			case name("XRef"):
				d.mergeTrailer(o.dict)
			case name("ObjStm"):
				stms = append(stms, num)
			}
		case dict:
			if o["Type"] == name("Catalog") {
				root = ref{num, 0}
			}
		}
	}
	for pos := 0; ; {
		i := bytes.Index(d.b[pos:], []byte("trailer"))
		if i < 0 {
			break
		}
		l := &lexer{b: d.b, pos: pos + i + len("trailer")}
		pos = l.pos
		if t, err := l.value(true, 0); err == nil {
			if td, ok := t.(dict); ok {
				d.mergeTrailer(td)
			}
		}
	}
	if found == 0 {
		return corrupt("找不到任何对象")
	}
	for _, num := range stms {
		d.indexObjStm(num)
	}
	if d.trailer["Root"] == nil && root != nil {
		d.trailer["Root"] = root
	}
	return nil
}

// mergeTrailer lets the keys of a later trailer replace those of earlier ones.
func (d *document) mergeTrailer(t dict) {
	for k, v := range t {
		if k != "Prev" && k != "XRefStm" {
			d.trailer[k] = v
		}
	}
}

// indexObjStm adds the objects of an object stream that the scan did not find directly.
func (d *document) indexObjStm(num int) {
	os, err := d.objStream(num)
	if err != nil {
		return
	}
	for n := range os.offsets {
		if _, ok := d.xref[n]; !ok && len(d.xref) < maxObjects {
			d.xref[n] = entry{inStream: true, stm: num}
		}
	}
}

// objHeader checks that "obj" at i is preceded by "num gen " and returns where num begins.
func objHeader(b []byte, i int) (int, bool) {
	if i+3 < len(b) && isRegular(b[i+3]) {
		return 0, false
	}
	j := i
	for k := 0; k < 2; k++ {
		if j == 0 || !isSpace(b[j-1]) {
			return 0, false
		}
		for j > 0 && isSpace(b[j-1]) {
			j--
		}
		end := j
		for j > 0 && b[j-1] >= '0' && b[j-1] <= '9' {
			j--
		}
		if j == end || end-j > 10 {
			return 0, false
		}
	}
	if j > 0 && isRegular(b[j-1]) {
		return 0, false
	}
	return j, true
}
