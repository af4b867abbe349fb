package pdftext

import (
	"bytes"
	"strconv"
	"strings"
)

// The PDF object model (ISO 32000-1 §7.3). A value is one of: nil (null), bool, int, float64,
// str, name, array, dict, *stream, ref, or keyword (an operator in a content stream, or a word
// such as obj and R in the file's structure).
type (
	str     string // a string's bytes, escapes resolved
	name    string // without the slash
	keyword string
	array   []any
	dict    map[name]any
	ref     struct{ num, gen int }
	stream  struct {
		dict dict
		raw  []byte // the encoded data
	}
)

// Limits on what an untrusted file may make the reader do.
const (
	maxDepth       = 64       // nesting of arrays and dictionaries, of the page tree, of forms
	maxObjects     = 4 << 20  // objects in the cross-reference table
	maxStream      = 64 << 20 // decoded bytes of one stream
	maxDecoded     = 256 << 20
	maxPages       = 100000
	maxOperands    = 1 << 16 // operands before one content-stream operator
	maxGlyphs      = 4 << 20 // character codes shown in the whole file
	maxStateStack  = 1 << 10 // nested q … Q
	maxFormDepth   = 8       // forms drawn inside forms
	maxCMapEntries = 1 << 17 // codes one CMap or width array may map
	maxMapped      = 1 << 21 // codes all CMaps and width arrays of a file may map
	maxOps         = 1 << 22 // content-stream operators in the whole file, forms drawn again included
)

// lexer reads PDF tokens from b starting at pos. It never reads past len(b).
type lexer struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isSpace(c) {
			l.pos++
			continue
		}
		if c != '%' {
			return
		}
		for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
			l.pos++
		}
	}
}

// token kinds returned by next besides complete values.
type delim byte // '[', ']', '<' (for <<), '>' (for >>), '{', '}'

// next returns the next token: a value (bool, nil, int, float64, str, name, keyword) or a delim.
// It returns errEOF at the end of the data.
func (l *lexer) next() (any, error) {
	l.skip()
	if l.pos >= len(l.b) {
		return nil, errEOF
	}
	c := l.b[l.pos]
	switch c {
	case '[', ']', '{', '}':
		l.pos++
		return delim(c), nil
	case '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			return delim('<'), nil
		}
		return l.hexString()
	case '>':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
			l.pos += 2
			return delim('>'), nil
		}
		l.pos++
		return nil, corrupt("多余的“>”")
	case '(':
		return l.literal()
	case ')':
		l.pos++
		return nil, corrupt("多余的“)”")
	case '/':
		l.pos++
		return name(l.nameBytes()), nil
	}
	start := l.pos
	for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
		l.pos++
	}
	word := l.b[start:l.pos]
	if n, ok := number(word); ok {
		return n, nil
	}
	switch string(word) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if k, ok := operators[string(word)]; ok {
		return k, nil
	}
	return keyword(word), nil
}

// operators are the keywords of text and structure, shared rather than allocated each time
// they are read.
var operators = func() map[string]keyword {
	m := map[string]keyword{}
	for _, k := range strings.Fields("BT ET Tf Td TD Tm T* Tj TJ ' \" Tc Tw Tz TL Ts Tr q Q cm Do BI ID EI " +
		"re f F f* B B* b b* n m l c v y h S s W W* g G rg RG k K cs CS sc SC scn SCN gs w J j M d ri i sh " +
		"BDC BMC EMC MP DP d0 d1 obj endobj stream endstream R xref trailer startxref " +
		"begincodespacerange endcodespacerange beginbfchar endbfchar beginbfrange endbfrange " +
		"begincidrange endcidrange begincmap endcmap def dict begin end findresource defineresource pop") {
		m[k] = keyword(k)
	}
	return m
}()

// number parses an integer or a real; PDF writers also emit forms such as "-.5", "4." and "--2".
func number(w []byte) (any, bool) {
	if len(w) == 0 {
		return nil, false
	}
	c := w[0]
	if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') {
		return nil, false
	}
	dot := false
	digits := 0
	for i, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case (c == '-' || c == '+') && i == 0:
		default:
			return nil, false
		}
	}
	if digits == 0 {
		return nil, false
	}
	if !dot && len(w) <= 12 {
		// Short integers, the most common token, without a conversion to string.
		n, neg := 0, false
		for i, c := range w {
			switch {
			case c >= '0' && c <= '9':
				n = n*10 + int(c-'0')
			case c == '-' && i == 0:
				neg = true
			}
		}
		if neg {
			n = -n
		}
		return n, true
	}
	if !dot {
		if n, err := strconv.ParseInt(string(w), 10, 64); err == nil && n >= -1<<40 && n <= 1<<40 {
			return int(n), true
		}
	}
	f, err := strconv.ParseFloat(string(w), 64)
	if err != nil {
		return float64(0), true
	}
	return f, true
}

func (l *lexer) nameBytes() string {
	start := l.pos
	for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
		l.pos++
	}
	raw := l.b[start:l.pos]
	if bytes.IndexByte(raw, '#') < 0 {
		return string(raw)
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if h, ok := unhex(raw[i+1]); ok {
				if lo, ok := unhex(raw[i+2]); ok {
					out = append(out, h<<4|lo)
					i += 2
					continue
				}
			}
		}
		out = append(out, raw[i])
	}
	return string(out)
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *lexer) hexString() (any, error) {
	l.pos++ // <
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			if half {
				out = append(out, hi<<4)
			}
			return str(out), nil
		}
		if isSpace(c) {
			continue
		}
		v, ok := unhex(c)
		if !ok {
			return nil, corrupt("十六进制字符串中有非法字符")
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return nil, corrupt("十六进制字符串未结束")
}

func (l *lexer) literal() (any, error) {
	l.pos++ // (
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return str(out), nil
			}
		case '\r':
			// An end of line in a string is a newline, whatever its bytes.
			if l.pos < len(l.b) && l.b[l.pos] == '\n' {
				l.pos++
			}
			c = '\n'
		case '\\':
			if l.pos >= len(l.b) {
				continue
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, corrupt("字符串未结束")
}

// value reads one complete value: arrays and dictionaries in full, and, when refs is set, an
// indirect reference "n g R". A keyword other than R is returned as itself (the caller decides).
func (l *lexer) value(refs bool, depth int) (any, error) {
	if depth > maxDepth {
		return nil, corrupt("对象嵌套过深")
	}
	tok, err := l.next()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case delim:
		switch t {
		case '[':
			return l.array(refs, depth)
		case '<':
			return l.dict(refs, depth)
		case '{', '}':
			return keyword(string(rune(t))), nil
		}
		return nil, corrupt("多余的“" + string(rune(t)) + "”")
	case int:
		if refs && t >= 0 {
			save := l.pos
			if g, ok := l.peekInt(); ok {
				l.skip()
				if l.pos < len(l.b) && l.b[l.pos] == 'R' && (l.pos+1 == len(l.b) || !isRegular(l.b[l.pos+1])) {
					l.pos++
					return ref{t, g}, nil
				}
			}
			l.pos = save
		}
	}
	return tok, nil
}

// peekInt reads a non-negative integer if one comes next.
func (l *lexer) peekInt() (int, bool) {
	l.skip()
	start := l.pos
	for l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '9' {
		l.pos++
	}
	if l.pos == start || l.pos-start > 10 || (l.pos < len(l.b) && isRegular(l.b[l.pos])) {
		return 0, false
	}
	n, _ := strconv.Atoi(string(l.b[start:l.pos]))
	return n, true
}

func (l *lexer) array(refs bool, depth int) (any, error) {
	var a array
	for {
		l.skip()
		if l.pos < len(l.b) && l.b[l.pos] == ']' {
			l.pos++
			return a, nil
		}
		v, err := l.value(refs, depth+1)
		if err != nil {
			if err == errEOF {
				return nil, corrupt("数组未结束")
			}
			return nil, err
		}
		if k, ok := v.(keyword); ok && refs {
			return nil, corrupt("数组中有意外的“" + string(k) + "”")
		}
		a = append(a, v)
	}
}

func (l *lexer) dict(refs bool, depth int) (any, error) {
	d := dict{}
	for {
		l.skip()
		if l.pos+1 < len(l.b) && l.b[l.pos] == '>' && l.b[l.pos+1] == '>' {
			l.pos += 2
			return d, nil
		}
		k, err := l.value(refs, depth+1)
		if err != nil {
			if err == errEOF {
				return nil, corrupt("字典未结束")
			}
			return nil, err
		}
		key, ok := k.(name)
		if !ok {
			return nil, corrupt("字典的键不是名称")
		}
		v, err := l.value(refs, depth+1)
		if err != nil {
			if err == errEOF {
				return nil, corrupt("字典未结束")
			}
			return nil, err
		}
		if _, ok := v.(keyword); ok {
			return nil, corrupt("字典“/" + string(key) + "”的值无效")
		}
		d[key] = v
	}
}
