package data

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// xmlScanner splits an XML part into the tokens that encoding/xml's RawToken gives — start
// elements with their attributes, end elements, character data — and skips comments,
// processing instructions and directives. It accepts what RawToken accepts, gives the same
// names (local, without prefix), attribute values and text, and refuses what RawToken
// refuses (malformed references, invalid UTF-8, characters outside XML's range, unquoted
// attributes…), but it reads bytes in a buffer where RawToken reads runes through an
// interface and allocates every token: a sheet's XML is read about ten times faster.
//
// The names, attributes and text of a token are valid until the next call of next.
type xmlScanner struct {
	r      io.Reader
	buf    []byte
	pos    int   // the first unread byte of buf
	end    int   // the end of the bytes read into buf
	window int   // how many bytes to have ahead of pos before reading a token
	eof    bool  // r has no more bytes
	rerr   error // r's error, other than io.EOF

	kind      tokenKind
	name      []byte    // the local name of an element
	tag       []byte    // the bytes of the start element read, where its attributes are
	attrs     []xmlAttr // in tag
	text      []byte
	closeNext bool // the start element read was self-closing: its end comes next
}

type tokenKind uint8

const (
	tokText tokenKind = iota
	tokStart
	tokEnd
	tokSkip // a comment, processing instruction or directive
)

// xmlAttr is an attribute of the start element read, as offsets in its bytes: holding no
// pointers, the list of attributes costs the garbage collector nothing.
type xmlAttr struct {
	name, value [2]int // the local name, the value (decoded in place)
	open        bool   // the value runs to the end of the bytes read: no closing quote yet
	plain       bool   // the value holds only printable ASCII other than &: nothing to decode
}

// errMore is what token says when the token runs past the bytes read.
var errMore = errors.New("xml scanner: more input needed")

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 256<<10), window: 16 << 10}
}

// attr returns the value of the attribute of the start element read with the local name n.
func (s *xmlScanner) attr(n string) []byte {
	for i := range s.attrs {
		if a := &s.attrs[i]; string(s.tag[a.name[0]:a.name[1]]) == n {
			return s.tag[a.value[0]:a.value[1]]
		}
	}
	return nil
}

// next reads the next token. At the end of the input it returns io.EOF; a read error is
// returned as it is, damaged XML as an *xml.SyntaxError (whose message says "unexpected EOF"
// when the input ends within a token).
func (s *xmlScanner) next() error {
	if s.closeNext {
		s.closeNext = false
		s.kind = tokEnd
		return nil
	}
	for {
		if !s.eof && s.end-s.pos < s.window {
			s.fill()
		}
		n, err := s.token(s.buf[s.pos:s.end])
		if err == errMore {
			s.window *= 2 // a token longer than the window: read more
			continue
		}
		if err != nil {
			return err
		}
		s.pos += n
		if s.kind != tokSkip {
			return nil
		}
	}
}

// fill moves the unread bytes to the front of the buffer, grows it to four windows and
// reads until it is full or the input ends.
func (s *xmlScanner) fill() {
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if len(s.buf) < 4*s.window {
		s.buf = append(s.buf[:s.end], make([]byte, 4*s.window-s.end)...)
	}
	for empty := 0; s.end < len(s.buf) && !s.eof; {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		switch {
		case err == io.EOF:
			s.eof = true
		case err != nil:
			s.eof, s.rerr = true, err
		case n == 0:
			if empty++; empty > 100 {
				s.eof, s.rerr = true, io.ErrNoProgress
			}
		}
	}
}

// short is the error of a token that runs past the bytes read: read more, or the input ends
// within it.
func (s *xmlScanner) short() error {
	switch {
	case !s.eof:
		return errMore
	case s.rerr != nil:
		return s.rerr
	}
	return syntaxError("unexpected EOF")
}

func syntaxError(msg string) error { return &xml.SyntaxError{Msg: msg} }

// token reads the token at the start of b, returning its length.
func (s *xmlScanner) token(b []byte) (int, error) {
	if len(b) == 0 {
		if s.rerr != nil {
			return 0, s.rerr
		}
		if !s.eof {
			return 0, errMore
		}
		return 0, io.EOF
	}
	if b[0] != '<' {
		return s.charData(b)
	}
	if len(b) < 2 {
		return 0, s.short()
	}
	switch b[1] {
	case '/':
		return s.endElement(b)
	case '?':
		return s.procInst(b)
	case '!':
		return s.bang(b)
	}
	return s.startElement(b)
}

// charData reads text up to the next element.
func (s *xmlScanner) charData(b []byte) (int, error) {
	n := bytes.IndexByte(b, '<')
	if n < 0 {
		if !s.eof {
			return 0, errMore
		}
		n = len(b)
	}
	text, err := s.decode(b[:n], true, n == len(b))
	if err != nil {
		return 0, err
	}
	s.kind, s.text = tokText, text
	return n, nil
}

// endElement reads </name>.
func (s *xmlScanner) endElement(b []byte) (int, error) {
	name, i, err := s.nsName(b, 2)
	if err != nil {
		return 0, err
	}
	if name == nil {
		return 0, syntaxError("expected element name after </")
	}
	i = skipSpace(b, i)
	if i >= len(b) {
		return 0, s.short()
	}
	if b[i] != '>' {
		return 0, syntaxError("invalid characters between </" + string(name) + " and >")
	}
	s.kind, s.name = tokEnd, name
	return i + 1, nil
}

// startElement reads <name attr="value"…> or <name…/>. The attribute values are decoded
// once the end of the element is read: decoding is in place, and a start element cut short
// by the end of the buffer is read again. At the end of the input, a bad attribute value is
// what is wrong, as encoding/xml refuses it before it meets the end.
func (s *xmlScanner) startElement(b []byte) (int, error) {
	n, err := s.startTag(b)
	if err != nil && err != errMore && s.eof {
		for _, a := range s.attrs {
			if _, bad := s.decode(b[a.value[0]:a.value[1]], false, a.open); bad != nil {
				return 0, bad
			}
		}
	}
	return n, err
}

func (s *xmlScanner) startTag(b []byte) (int, error) {
	s.tag, s.attrs = b, s.attrs[:0]
	name, i, err := s.nsName(b, 1)
	if err != nil {
		return 0, err
	}
	if name == nil {
		return 0, syntaxError("expected element name after <")
	}
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return 0, s.short()
		}
		switch b[i] {
		case '/':
			if i+1 >= len(b) {
				return 0, s.short()
			}
			if b[i+1] != '>' {
				return 0, syntaxError("expected /> in element")
			}
			s.kind, s.name, s.closeNext = tokStart, name, true
			return i + 2, s.decodeAttrs()
		case '>':
			s.kind, s.name = tokStart, name
			return i + 1, s.decodeAttrs()
		}
		var a xmlAttr
		aName, end, err := s.nsName(b, i)
		if err != nil {
			return 0, err
		}
		if aName == nil {
			return 0, syntaxError("expected attribute name in element")
		}
		a.name, i = [2]int{end - len(aName), end}, end
		if i = skipSpace(b, i); i >= len(b) {
			return 0, s.short()
		}
		if b[i] != '=' {
			return 0, syntaxError("attribute name without = in element")
		}
		if i = skipSpace(b, i+1); i >= len(b) {
			return 0, s.short()
		}
		quote := b[i]
		if quote != '"' && quote != '\'' {
			return 0, syntaxError("unquoted or missing attribute value in element")
		}
		i++
		n, plain := 0, true // values are short: a loop finds the quote, or a < before it
		for ; i+n < len(b) && b[i+n] != quote; n++ {
			if c := b[i+n]; !attrPlain[c] {
				if c == '<' {
					return 0, syntaxError("unescaped < inside quoted string")
				}
				plain = false
			}
		}
		a.value, a.open, a.plain = [2]int{i, i + n}, i+n == len(b), plain
		s.attrs = append(s.attrs, a)
		if i+n == len(b) {
			return 0, s.short()
		}
		i += n + 1
	}
}

func (s *xmlScanner) decodeAttrs() error {
	for i := range s.attrs {
		a := &s.attrs[i]
		if a.plain {
			continue
		}
		v, err := s.decode(s.tag[a.value[0]:a.value[1]], false, false)
		if err != nil {
			return err
		}
		a.value[1] = a.value[0] + len(v)
	}
	return nil
}

// attrPlain tells the bytes an attribute value may hold as they are: printable ASCII but
// & and <.
var attrPlain = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<'
	}
	return t
}()

// procInst reads <?target …?>, checking the version and encoding of <?xml …?>.
func (s *xmlScanner) procInst(b []byte) (int, error) {
	end, classes, _, err := s.nameEnd(b, 2)
	if err != nil {
		return 0, err
	}
	target := b[2:end]
	if len(target) == 0 {
		return 0, syntaxError("expected target name after <?")
	}
	if !isXMLName(target, classes, false) {
		return 0, syntaxError("invalid XML name: " + string(target))
	}
	i := skipSpace(b, end)
	n := bytes.Index(b[i:], []byte("?>"))
	if n < 0 {
		return 0, s.short()
	}
	if string(target) == "xml" {
		content := string(b[i : i+n])
		if ver := procInstParam("version", content); ver != "" && ver != "1.0" {
			return 0, fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			return 0, fmt.Errorf("xml: encoding %q declared but Decoder.CharsetReader is nil", enc)
		}
	}
	s.kind = tokSkip
	return i + n + 2, nil
}

// procInstParam is encoding/xml's procInst: the value of param in a processing instruction.
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// bang reads what begins with <!: a comment, a CDATA section or a directive.
func (s *xmlScanner) bang(b []byte) (int, error) {
	if len(b) < 3 {
		return 0, s.short()
	}
	switch b[2] {
	case '-':
		if len(b) < 4 {
			return 0, s.short()
		}
		if b[3] != '-' {
			return 0, syntaxError("invalid sequence <!- not part of <!--")
		}
		n := bytes.Index(b[4:], []byte("--"))
		if n < 0 || 4+n+2 >= len(b) {
			return 0, s.short()
		}
		if b[4+n+2] != '>' {
			return 0, syntaxError(`invalid sequence "--" not allowed in comments`)
		}
		s.kind = tokSkip
		return 4 + n + 3, nil
	case '[':
		for i := range len("CDATA[") {
			if 3+i >= len(b) {
				return 0, s.short()
			}
			if b[3+i] != "CDATA["[i] {
				return 0, syntaxError("invalid <![ sequence")
			}
		}
		n := bytes.Index(b[9:], []byte("]]>"))
		if n < 0 {
			if s.eof && s.rerr == nil {
				return 0, syntaxError("unexpected EOF in CDATA section")
			}
			return 0, s.short()
		}
		text, err := s.cdata(b[9 : 9+n])
		if err != nil {
			return 0, err
		}
		s.kind, s.text = tokText, text
		return 9 + n + 3, nil
	}
	return s.directive(b)
}

// cdata reads the text of a CDATA section, in place: \r\n and \r as \n.
func (s *xmlScanner) cdata(raw []byte) ([]byte, error) {
	w := 0
	var prev byte
	for _, c := range raw {
		switch {
		case c == '\r':
			raw[w] = '\n'
			w++
		case c == '\n' && prev == '\r':
		default:
			raw[w] = c
			w++
		}
		prev = c
	}
	return raw[:w], checkChars(raw[:w])
}

// directive skips <!DOCTYPE …> and the like as encoding/xml does: quoted > and nested <…>
// do not end it, nor do comments in it.
func (s *xmlScanner) directive(b []byte) (int, error) {
	var inQuote byte
	depth := 0
	for i := 3; ; i++ {
		if i >= len(b) {
			return 0, s.short()
		}
		c := b[i]
		if inQuote == 0 && c == '>' && depth == 0 {
			s.kind = tokSkip
			return i + 1, nil
		}
	handle:
		switch {
		case c == inQuote:
			inQuote = 0
		case inQuote != 0:
		case c == '\'' || c == '"':
			inQuote = c
		case c == '>':
			depth--
		case c == '<':
			for k := range len("!--") {
				if i++; i >= len(b) {
					return 0, s.short()
				}
				if c = b[i]; c != "!--"[k] {
					depth++
					goto handle
				}
			}
			var b0, b1 byte
			for {
				if i++; i >= len(b) {
					return 0, s.short()
				}
				c = b[i]
				if b0 == '-' && b1 == '-' && c == '>' {
					break
				}
				b0, b1 = b1, c
			}
		}
	}
}

// nameClass sorts the bytes that may be in names: ASCII letters, digits, _ . - and the
// colon; every byte of a multi-byte character. Zero: a byte that ends a name.
const (
	nameASCII = 1 << iota
	nameColon
	nameMulti
)

var nameClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-':
			t[c] = nameASCII
		case c == ':':
			t[c] = nameColon
		case c >= utf8.RuneSelf:
			t[c] = nameMulti
		}
	}
	return t
}()

// nameEnd returns the end of the name at b[i:], which must be followed by a byte, and the
// classes of its bytes.
func (s *xmlScanner) nameEnd(b []byte, i int) (int, uint8, int, error) {
	var classes uint8
	colons := 0
	for ; i < len(b); i++ {
		c := nameClass[b[i]]
		if c == 0 {
			return i, classes, colons, nil
		}
		classes |= c
		if c == nameColon {
			colons++
		}
	}
	return 0, 0, 0, s.short()
}

// nsName reads the element or attribute name at b[i:], returning its local part (nil when
// there is no name) and its end. A prefix is dropped as by RawToken: x:row is row.
func (s *xmlScanner) nsName(b []byte, i int) ([]byte, int, error) {
	end, classes, colons, err := s.nameEnd(b, i)
	if err != nil {
		return nil, 0, err
	}
	name := b[i:end]
	if len(name) == 0 {
		return nil, end, nil
	}
	if !isXMLName(name, classes, true) || colons > 1 {
		return nil, 0, syntaxError("invalid XML name: " + string(name))
	}
	if colons == 1 {
		if c := bytes.IndexByte(name, ':'); c > 0 && c < len(name)-1 {
			name = name[c+1:]
		}
	}
	return name, end, nil
}

// isXMLName reports whether name, whose bytes are of the given classes, is a valid XML name.
// Names of ASCII characters are checked here; any other, rare in a workbook, by encoding/xml
// (as an element's name when ns is set, else as a processing instruction's target).
func isXMLName(name []byte, classes uint8, ns bool) bool {
	if classes&nameMulti != 0 {
		doc := "<" + string(name) + "/>"
		if !ns {
			doc = "<?" + string(name) + "?>"
		}
		_, err := xml.NewDecoder(strings.NewReader(doc)).RawToken()
		return err == nil
	}
	c := name[0]
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// plain tells the bytes that text may hold as they are: printable ASCII but & and ], tab,
// newline, and the bytes of multi-byte characters (checked as UTF-8 apart).
var plain = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 0x20 && c != '&' && c != ']' || c == '\t' || c == '\n'
	}
	return t
}()

// decode turns raw character data — text, or an attribute value — into its characters, in
// place: references replaced, \r\n and \r read as \n, as encoding/xml does. It refuses what
// encoding/xml refuses: a malformed or unknown reference, invalid UTF-8, a character outside
// XML's range, ]]> in text. atEOF tells that raw runs to the end of the input.
func (s *xmlScanner) decode(raw []byte, text, atEOF bool) ([]byte, error) {
	i, seen := 0, byte(0)
	for i < len(raw) && plain[raw[i]] {
		seen |= raw[i]
		i++
	}
	if i == len(raw) {
		if seen >= utf8.RuneSelf { // multi-byte characters: check them
			return raw, checkChars(raw)
		}
		return raw, nil
	}
	if text && bytes.Contains(raw, []byte("]]>")) {
		return nil, syntaxError("unescaped ]]> not in CDATA section")
	}
	w := i
	var prev byte // the previous byte of raw; none after a reference
	if i > 0 {
		prev = raw[i-1]
	}
	for i < len(raw) {
		c := raw[i]
		switch {
		case c == '&':
			r, n, err := s.reference(raw[i:], atEOF)
			if err != nil {
				return nil, err
			}
			w += utf8.EncodeRune(raw[w:], r) // never longer than the reference
			i += n
			prev = 0
			continue
		case c == '\r':
			raw[w] = '\n'
			w++
		case c == '\n' && prev == '\r':
		default:
			raw[w] = c
			w++
		}
		prev = c
		i++
	}
	return raw[:w], checkChars(raw[:w])
}

// reference reads the entity or character reference at the start of b: &lt; &#60; &#x3c;.
// atEOF tells that b runs to the end of the input.
func (s *xmlScanner) reference(b []byte, atEOF bool) (rune, int, error) {
	past := func() (rune, int, error) { // the reference runs past b
		if atEOF {
			return 0, 0, s.short()
		}
		return 0, 0, invalidReference(b)
	}
	if len(b) < 2 {
		return past()
	}
	if b[1] == '#' {
		i, base := 2, 10
		if i < len(b) && b[i] == 'x' {
			i, base = i+1, 16
		}
		start := i
		for i < len(b) && isDigit(b[i], base) {
			i++
		}
		if i >= len(b) {
			return past()
		}
		if b[i] != ';' {
			return 0, 0, invalidReference(b[:i])
		}
		n, err := strconv.ParseUint(string(b[start:i]), base, 64)
		if err != nil || n > unicode.MaxRune {
			return 0, 0, invalidReference(b[:i+1])
		}
		return rune(n), i + 1, nil
	}
	i := 1
	for i < len(b) && nameClass[b[i]] != 0 {
		i++
	}
	if i >= len(b) {
		return past()
	}
	if b[i] != ';' {
		return 0, 0, invalidReference(b[:i])
	}
	var r rune
	switch string(b[1:i]) {
	case "lt":
		r = '<'
	case "gt":
		r = '>'
	case "amp":
		r = '&'
	case "apos":
		r = '\''
	case "quot":
		r = '"'
	default:
		return 0, 0, invalidReference(b[:i+1])
	}
	return r, i + 1, nil
}

func invalidReference(ref []byte) error {
	return syntaxError("invalid character entity " + string(ref))
}

func isDigit(c byte, base int) bool {
	return '0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')
}

// checkChars refuses text that is not UTF-8 or holds a character outside XML's range.
func checkChars(b []byte) error {
	for len(b) > 0 {
		if c := b[0]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return syntaxError(fmt.Sprintf("illegal character code %U", rune(c)))
			}
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return syntaxError("invalid UTF-8")
		}
		if r > 0xD7FF && r < 0xE000 || r == 0xFFFE || r == 0xFFFF {
			return syntaxError(fmt.Sprintf("illegal character code %U", r))
		}
		b = b[size:]
	}
	return nil
}
