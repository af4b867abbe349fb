package pdftext

import (
	"bytes"
	"strconv"
)

// document is a parsed PDF file: its cross-reference table and the objects read so far.
type document struct {
	b       []byte
	xref    map[int]entry
	trailer dict
	cache   map[int]any
	busy    map[int]bool // objects being read: a reference back to one is a cycle
	objstms map[int]*objStream
	decoded int // bytes decoded from all streams so far, against maxDecoded
	glyphs  int // glyphs shown so far, against maxGlyphs
	ops     int // content operators run so far, against maxOps
	mapped  int // CMap and width entries read so far, against maxMapped
	cmaps   map[ref]cmapData
	err     error // the first failure of a part that is read on the side (fonts), see fail
}

// entry locates an object: at offset in the file, or as the index-th object of object stream
// stm.
type entry struct {
	offset     int
	stm, index int
	inStream   bool
}

// objStream is a decoded object stream (PDF 1.5): its data and where each object begins.
type objStream struct {
	data    []byte
	offsets map[int]int // object number → offset in data
}

func open(b []byte) (*document, error) {
	head := b[:min(len(b), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, ErrNotPDF
	}
	d := &document{b: b}
	// A damaged or hand-edited table is common enough that a scan of the whole file stands in for
	// it: objects are found by their "n g obj" headers, the last one of a number winning, as in
	// an incremental update.
	if err := d.readXref(); err != nil || d.catalog() == nil {
		d.reset()
		if err := d.reconstruct(); err != nil {
			return nil, err
		}
	}
	if _, ok := d.trailer["Encrypt"]; ok {
		return nil, ErrEncrypted
	}
	if d.catalog() == nil {
		return nil, corrupt("找不到文档目录（Root）")
	}
	return d, nil
}

func (d *document) reset() {
	d.xref = map[int]entry{}
	d.trailer = dict{}
	d.cache = map[int]any{}
	d.busy = map[int]bool{}
	d.objstms = map[int]*objStream{}
	d.cmaps = map[ref]cmapData{}
}

// fail records the first error met where the reader cannot return one at once.
func (d *document) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// catalog is the document catalog, or nil.
func (d *document) catalog() dict {
	c, _ := d.resolve(d.trailer["Root"]).(dict)
	if c == nil {
		return nil
	}
	if _, ok := d.resolve(c["Pages"]).(dict); !ok {
		return nil
	}
	return c
}

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

// parseAt reads the indirect object "num gen obj … endobj" at off.
func (d *document) parseAt(off int) (int, any, error) {
	return d.parseWithin(off, len(d.b))
}

// parseWithin reads the indirect object at off that ends before end.
func (d *document) parseWithin(off, end int) (int, any, error) {
	if off < 0 || off >= end {
		return 0, nil, corrupt("对象位置无效")
	}
	b := d.b[:end]
	l := &lexer{b: b, pos: off}
	num, ok1 := l.peekInt()
	_, ok2 := l.peekInt()
	kw, err := l.next()
	if !ok1 || !ok2 || err != nil || kw != keyword("obj") {
		return 0, nil, corrupt("对象 " + strconv.Itoa(off) + " 处格式错误")
	}
	v, err := l.value(true, 0)
	if err != nil {
		if err == errEOF {
			err = corrupt("对象 " + strconv.Itoa(num) + " 不完整")
		}
		return 0, nil, err
	}
	if _, ok := v.(keyword); ok {
		return 0, nil, corrupt("对象 " + strconv.Itoa(num) + " 格式错误")
	}
	sd, ok := v.(dict)
	if !ok {
		return num, v, nil
	}
	save := l.pos
	if tok, err := l.next(); err != nil || tok != keyword("stream") {
		l.pos = save
		return num, v, nil
	}
	// The data begins after the end of line that follows "stream".
	p := l.pos
	if p < len(b) && b[p] == '\r' {
		p++
	}
	if p < len(b) && b[p] == '\n' {
		p++
	}
	n := -1
	if length, ok := d.resolveLength(sd["Length"], num); ok && length >= 0 && p+length <= len(b) {
		// Trust /Length only when endstream follows it.
		q := &lexer{b: b, pos: p + length}
		q.skip()
		if bytes.HasPrefix(b[q.pos:], []byte("endstream")) {
			n = length
		}
	}
	if n < 0 {
		e := bytes.Index(b[p:], []byte("endstream"))
		if e < 0 {
			return 0, nil, corrupt("对象 " + strconv.Itoa(num) + " 的数据流未结束")
		}
		n = e
		// The end of line before endstream is not data.
		if n > 0 && b[p+n-1] == '\n' {
			n--
		}
		if n > 0 && b[p+n-1] == '\r' {
			n--
		}
	}
	return num, &stream{dict: sd, raw: b[p : p+n : p+n]}, nil
}

// resolveLength reads a stream's /Length, which may be an indirect object of its own (but not
// the stream itself).
func (d *document) resolveLength(v any, self int) (int, bool) {
	if r, ok := v.(ref); ok {
		if r.num == self {
			return 0, false
		}
		v = d.resolve(r)
	}
	n, ok := v.(int)
	return n, ok
}

// resolve follows indirect references; an object that cannot be read is null, as the
// specification says of a reference to a missing object.
func (d *document) resolve(v any) any {
	for range maxDepth {
		r, ok := v.(ref)
		if !ok {
			return v
		}
		v, _ = d.object(r.num)
	}
	return nil
}

// present reports whether v is not a reference to an object the file lacks or cannot read.
func (d *document) present(v any) bool {
	for range maxDepth {
		r, ok := v.(ref)
		if !ok {
			return true
		}
		e, ok := d.xref[r.num]
		if !ok || e.offset < 0 && !e.inStream {
			return false
		}
		var err error
		if v, err = d.object(r.num); err != nil {
			return false
		}
	}
	return false
}

// object reads object num.
func (d *document) object(num int) (any, error) {
	if v, ok := d.cache[num]; ok {
		return v, nil
	}
	e, ok := d.xref[num]
	if !ok || e.offset < 0 && !e.inStream {
		return nil, nil
	}
	if d.busy[num] {
		return nil, corrupt("对象 " + strconv.Itoa(num) + " 循环引用")
	}
	d.busy[num] = true
	defer delete(d.busy, num)
	var v any
	if e.inStream {
		os, err := d.objStream(e.stm)
		if err != nil {
			return nil, err
		}
		off, ok := os.offsets[num]
		if !ok {
			return nil, nil
		}
		l := &lexer{b: os.data, pos: off}
		v, err = l.value(true, 0)
		if err != nil {
			return nil, corrupt("对象 " + strconv.Itoa(num) + " 格式错误")
		}
		if _, ok := v.(keyword); ok {
			return nil, corrupt("对象 " + strconv.Itoa(num) + " 格式错误")
		}
	} else {
		n, pv, err := d.parseAt(e.offset)
		if err != nil {
			return nil, err
		}
		if n != num {
			return nil, corrupt("对象 " + strconv.Itoa(num) + " 的位置有误")
		}
		v = pv
	}
	d.cache[num] = v
	return v, nil
}

// objStream decodes object stream num and reads its header of object numbers and offsets.
func (d *document) objStream(num int) (*objStream, error) {
	if os, ok := d.objstms[num]; ok {
		if os == nil {
			return nil, corrupt("对象流 " + strconv.Itoa(num) + " 无效")
		}
		return os, nil
	}
	d.objstms[num] = nil // a stream that contains itself is invalid
	v, err := d.object(num)
	if err != nil {
		return nil, err
	}
	s, ok := v.(*stream)
	if !ok {
		return nil, corrupt("对象流 " + strconv.Itoa(num) + " 无效")
	}
	data, err := d.decode(s)
	if err != nil {
		return nil, err
	}
	n, _ := d.resolve(s.dict["N"]).(int)
	first, _ := d.resolve(s.dict["First"]).(int)
	if n < 0 || n > maxObjects || first < 0 || first > len(data) {
		return nil, corrupt("对象流 " + strconv.Itoa(num) + " 无效")
	}
	os := &objStream{data: data, offsets: map[int]int{}}
	l := &lexer{b: data[:first]}
	for range n {
		on, ok1 := l.peekInt()
		off, ok2 := l.peekInt()
		if !ok1 || !ok2 || first+off > len(data) {
			return nil, corrupt("对象流 " + strconv.Itoa(num) + " 无效")
		}
		if _, dup := os.offsets[on]; !dup {
			os.offsets[on] = first + off
		}
	}
	d.objstms[num] = os
	return os, nil
}
