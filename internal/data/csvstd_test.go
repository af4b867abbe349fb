package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"

	"github.com/youjun-edu/youjun/internal/diag"
)

// stdCSVReader is the school table's CSV reader as it was before csvScanner: encoding/csv
// with a copy of every record. The tests read tables with both and compare.
type stdCSVReader struct {
	r       *csv.Reader
	err     error
	suspect bool
	lines   int
	offset  int64
	iss     []cellIssue
}

func newStdCSVReader(src []byte) *stdCSVReader {
	t, err := decodeText(src)
	if err != nil {
		return &stdCSVReader{err: err}
	}
	r := csv.NewReader(bytes.NewReader(t.src))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	if tabSeparated(t.src) {
		r.Comma = '\t'
	}
	hint := min(bytes.Count(t.src, []byte{'\n'})+1, len(t.src)/32+1)
	return &stdCSVReader{r: r, suspect: t.suspect, lines: hint}
}

func (c *stdCSVReader) sizeHint() int       { return min(c.lines, MaxRows+1) }
func (c *stdCSVReader) fixedWidth() bool    { return true }
func (c *stdCSVReader) issues() []cellIssue { return c.iss }

func (c *stdCSVReader) next() ([]string, int, error) {
	c.iss = c.iss[:0]
	if c.err != nil {
		err := c.err
		c.err = io.EOF
		return nil, 0, err
	}
	rec, err := c.r.Read()
	if err != nil {
		c.offset = c.r.InputOffset()
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.StartLine, rowError{csvErrorMessage(pe)}
		}
		return nil, 0, err
	}
	line, _ := c.r.FieldPos(0)
	offset := c.r.InputOffset()
	long := offset-c.offset > MaxCellRunes
	c.offset = offset
	if !long && !c.suspect {
		return rec, line, nil
	}
	for i, f := range rec {
		if msg := longCell(f); msg != "" {
			c.iss = append(c.iss, cellIssue{i, f, msg})
		} else if c.suspect {
			if msg := badText(f); msg != "" {
				c.iss = append(c.iss, cellIssue{i, f, msg})
			}
		}
	}
	return rec, line, nil
}

// ParseCSVBoth reads a school table from CSV bytes with the reader in use and with
// stdCSVReader, keeping the schools of a table with errors, for the tests of package data_test,
// which can generate tables.
func ParseCSVBoth(src []byte, name string) (got, want *Table, gotProbs, wantProbs diag.List) {
	got, gotProbs = readRows(newCSVReader(src), name)
	want, wantProbs = readRows(newStdCSVReader(src), name)
	return got, want, gotProbs, wantProbs
}
