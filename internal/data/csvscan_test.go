package data

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// stdRecord is what encoding/csv reads: a record and its first line, or the error.
type stdRecord struct {
	rec  []string
	line int
	err  *csv.ParseError
}

// readAll reads src with encoding/csv and with csvScanner, set up alike.
func readBoth(src string, comma byte) (want, got []stdRecord) {
	r := csv.NewReader(strings.NewReader(src))
	r.FieldsPerRecord = -1
	r.Comma = rune(comma)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			want = append(want, stdRecord{err: pe})
			continue
		}
		line, _ := r.FieldPos(0)
		want = append(want, stdRecord{rec: rec, line: line})
	}
	s := newCSVScanner(src, comma)
	var cells []string // every record, appended: later reads must leave earlier records alone
	for {
		n := len(cells)
		out, line, err := s.read(cells)
		if err == io.EOF {
			break
		}
		if len(out) < n || err != nil && len(out) != n {
			got = append(got, stdRecord{err: &csv.ParseError{Err: errors.New("dst changed")}})
		}
		cells = out
		rec := out[n:len(out):len(out)]
		if err != nil {
			pe := err.(*csv.ParseError)
			if pe.StartLine != line {
				pe = &csv.ParseError{Err: errors.New("start line differs from the row")}
			}
			got = append(got, stdRecord{err: pe})
			continue
		}
		got = append(got, stdRecord{rec: rec, line: line}) // not copied: a record stays as it is
	}
	return want, got
}

var scannerCases = []string{
	"",
	"\n",
	"a,b\n",
	"a,b",
	"a,b\r\n\r\nc,d\r\n",
	"a,b\r",
	"a,b\r\r",
	"a,b\r\r\nc",
	"\r",
	"\r\n\r\n",
	"a,,\n,,\n",
	`"a","b"` + "\n",
	`"a""b",c` + "\n",
	`"a` + "\n" + `b",c` + "\n" + "d,e\n",
	`"a` + "\r\n" + `b",c` + "\r\n",
	`"a` + "\n\n" + `b"` + "\n",
	`"a`,
	`"a` + "\n",
	`"a` + "\r",
	`"a` + "\n\r",
	`x,"a` + "\n" + `b`,
	`a"b,c` + "\n" + "d\n",
	`"a"b,c` + "\n" + "d\n",
	`"a" ,b` + "\n",
	`a,"b` + "\n" + `c"d` + "\n" + "e,f\n",
	`"",""` + "\n",
	`""` + "\n",
	"\"\"\"\"\n",
	"甲,乙\n丙,\"丁\"\n",
	"a\rb,c\n",
	"\"a\rb\",c\r\n",
	"\"a\r\r\nb\",c\n",
	"a,b\n\"c\n\nd\"\n\"e",
	"\"\n\",\"",
}

func TestCSVScannerMatchesEncodingCSV(t *testing.T) {
	// Many records, one of them wide.
	var long strings.Builder
	for i := range 3000 {
		long.WriteString(strings.Repeat("x,", 40+i%3) + "\"y\"\n")
		if i == 1000 {
			long.WriteString(strings.Repeat("z,", 40000) + "\n")
		}
	}
	for _, src := range append(scannerCases, long.String()) {
		for _, comma := range []byte{',', '\t'} {
			want, got := readBoth(strings.ReplaceAll(src, ",", string(comma)), comma)
			if !reflect.DeepEqual(want, got) {
				t.Errorf("%q: encoding/csv reads\n%#v\ncsvScanner\n%#v", src, want, got)
			}
		}
	}
}

// FuzzCSVScanner: csvScanner reads any text as encoding/csv does.
func FuzzCSVScanner(f *testing.F) {
	for _, s := range scannerCases {
		f.Add(s, false)
	}
	for _, s := range csvSeeds(f) {
		f.Add(string(s), false)
	}
	f.Fuzz(func(t *testing.T, src string, tab bool) {
		comma := byte(',')
		if tab {
			comma = '\t'
		}
		want, got := readBoth(src, comma)
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%q: encoding/csv reads\n%#v\ncsvScanner\n%#v", src, want, got)
		}
	})
}
