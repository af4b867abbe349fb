package docx

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// xw builds an XML part. Markup is written as constant strings by this package; everything that
// comes from the site (chapter text, table cells, names) goes through text or attr, which escape
// it and drop what XML 1.0 cannot hold, so that untrusted text is always text: a chapter that
// reads "{ HYPERLINK … }" or "</w:t>" is printed as written, never read as a field or markup.
type xw struct{ bytes.Buffer }

func newXW(size int) *xw {
	w := &xw{}
	w.Grow(size)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n")
	return w
}

// raw writes markup.
func (w *xw) raw(s string) { w.WriteString(s) }

// int writes a number.
func (w *xw) int(n int) { w.WriteString(strconv.Itoa(n)) }

// text writes s escaped for element content.
func (w *xw) text(s string) { escape(&w.Buffer, s, false) }

// attr writes s escaped for an attribute value in double quotes.
func (w *xw) attr(s string) { escape(&w.Buffer, s, true) }

// escape writes s with &, <, > (and " in attributes) escaped. Characters XML 1.0 does not allow
// (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF; invalid UTF-8)
// are dropped: Word refuses a document that holds one.
func escape(b *bytes.Buffer, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var rep string
			switch {
			case c == '&':
				rep = "&amp;"
			case c == '<':
				rep = "&lt;"
			case c == '>':
				rep = "&gt;"
			case c == '"' && attr:
				rep = "&quot;"
			case c == '\t' && attr:
				rep = "&#9;"
			case (c == '\n' || c == '\r') && attr:
				rep = "&#" + strconv.Itoa(int(c)) + ";"
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				rep = ""
			default:
				i++
				continue
			}
			b.WriteString(s[last:i])
			b.WriteString(rep)
			i++
			last = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == 0xFFFE || r == 0xFFFF {
			b.WriteString(s[last:i])
			i += n
			last = i
			continue
		}
		i += n
	}
	b.WriteString(s[last:])
}
