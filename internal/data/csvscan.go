package data

import (
	"encoding/csv"
	"io"
	"strings"
)

// csvScanner splits CSV text into records exactly as encoding/csv's Reader does with
// FieldsPerRecord -1, no comment character and strict quotes: the same fields, the same line
// numbers and the same *csv.ParseError for a broken record, after which reading goes on at the
// next line. It differs in cost only: the text is one string, and a field is a substring of it
// (no copy per record, no allocation per cell) unless it is quoted with doubled quotes or line
// ends inside, which are rare.
type csvScanner struct {
	text string
	pos  int // where the next line starts
	line int // lines read so far, as encoding/csv counts them
	// posLine is the line the record has reached, counting only lines with something on them:
	// encoding/csv names it when the text ends inside a quoted field.
	posLine int
	comma   byte     // ',' or '\t'
	rec     []string // the cells read so far: dst of read, then the record's cells
	buf     []byte   // a quoted field being unescaped
}

// newCSVScanner reads text with the given separator, which must be an ASCII character other
// than a quote, CR or LF.
func newCSVScanner(text string, comma byte) *csvScanner {
	return &csvScanner{text: text, comma: comma}
}

// readLine returns the next line without its line end, and whether it had one (a last line may
// not). Like encoding/csv, it takes CRLF as a line end and drops a CR that ends the text; eof
// reports that there was nothing left to read.
func (s *csvScanner) readLine() (line string, nl, eof bool) {
	s.line++
	if s.pos >= len(s.text) {
		return "", false, true
	}
	rest := s.text[s.pos:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		line, nl = rest[:i], true
		s.pos += i + 1
	} else {
		line = rest
		s.pos = len(s.text)
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nl, false
}

// read appends the cells of the next record to dst and returns the extended slice, with the
// line the record starts on; io.EOF at the end of the text. On an error the returned slice
// is dst.
func (s *csvScanner) read(dst []string) (out []string, start int, err error) {
	s.rec = dst
	out, start, err = s.readRecord()
	if err != nil {
		out = dst
	}
	s.rec = nil
	return out, start, err
}

// readRecord appends the cells of the next record to s.rec.
func (s *csvScanner) readRecord() (rec []string, start int, err error) {
	line, nl, eof := s.readLine()
	for line == "" && !eof { // empty lines are skipped
		line, nl, eof = s.readLine()
	}
	if eof {
		return nil, 0, io.EOF
	}
	start = s.line
	s.posLine = start
	col := 1 // where the field starts in its line, in bytes from 1 as encoding/csv counts
	for {
		if line == "" || line[0] != '"' {
			// An unquoted field: up to the separator or the line end, without quotes.
			field := line
			i := strings.IndexByte(line, s.comma)
			if i >= 0 {
				field = line[:i]
			}
			if j := strings.IndexByte(field, '"'); j >= 0 {
				return nil, start, &csv.ParseError{StartLine: start, Line: s.line, Column: col + j, Err: csv.ErrBareQuote}
			}
			s.rec = append(s.rec, field)
			if i < 0 {
				return s.rec, start, nil
			}
			line = line[i+1:]
			col += i + 1
			continue
		}
		// A quoted field. The common one ends on its line without a doubled quote: a substring.
		line = line[1:]
		col++
		if i := strings.IndexByte(line, '"'); i >= 0 {
			if after := line[i+1:]; after == "" || after[0] == s.comma {
				s.rec = append(s.rec, line[:i])
				if after == "" {
					return s.rec, start, nil
				}
				line = after[1:]
				col += i + 2
				continue
			}
		}
		var done bool
		line, nl, col, done, err = s.quoted(line, nl, col, start)
		if err != nil {
			return nil, start, err
		}
		if done {
			return s.rec, start, nil
		}
	}
}

// quoted reads the rest of a quoted field with doubled quotes or line ends inside, from just
// after its opening quote, into a string of its own. It returns what follows the field on its
// last line, that line's column, and done when the field ends the record.
func (s *csvScanner) quoted(line string, nl bool, col, start int) (rest string, restNL bool, restCol int, done bool, err error) {
	s.buf = s.buf[:0]
	for {
		if i := strings.IndexByte(line, '"'); i >= 0 {
			s.buf = append(s.buf, line[:i]...)
			line = line[i+1:]
			col += i + 1
			switch {
			case line != "" && line[0] == '"': // a doubled quote
				s.buf = append(s.buf, '"')
				line = line[1:]
				col++
			case line != "" && line[0] == s.comma: // the end of the field
				s.rec = append(s.rec, string(s.buf))
				return line[1:], nl, col + 1, false, nil
			case line == "": // the end of the field and of the record
				s.rec = append(s.rec, string(s.buf))
				return "", nl, col, true, nil
			default: // a quote inside the field that is not doubled
				return "", nl, col, true, &csv.ParseError{StartLine: start, Line: s.line, Column: col - 1, Err: csv.ErrQuote}
			}
			continue
		}
		if line == "" && !nl {
			// The text ends inside the field.
			return "", false, col, true, &csv.ParseError{StartLine: start, Line: s.posLine, Column: col, Err: csv.ErrQuote}
		}
		// The field goes on past the line end.
		s.buf = append(s.buf, line...)
		col += len(line)
		if nl {
			s.buf = append(s.buf, '\n')
			col++
		}
		line, nl, _ = s.readLine()
		if line != "" || nl {
			s.posLine++
			col = 1
		}
	}
}
