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
