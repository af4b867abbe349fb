package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
)

// ErrNotFinite is the error of JSON and WriteJSON when the result holds a number that is not
// finite: the only way marshalling a Result can fail.
var ErrNotFinite = fmt.Errorf("无法写出 evaluation.json：评估标准或 site.toml 中有不是有限数值的数（nan 或 inf）")

// JSON returns the evaluation.json contract: indented, keys in a fixed order, a final newline.
// Every number the evaluation computes is finite or null, so it fails only when a number the
// profile or site.toml gave (a threshold, a local target) is NaN or infinite.
func (r *Result) JSON() ([]byte, error) {
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteJSON writes what JSON returns, and nothing when JSON fails; it returns the writer's
// error otherwise. The long lists (a large
// county has hundreds of thousands of units and findings) are encoded in blocks on every core
// and written as they are done, rather than built in memory whole and indented in a second
// copy; the bytes are those of json.MarshalIndent(r, "", "  ") all the same.
func (r *Result) WriteJSON(w io.Writer) error {
	// The rest of the result, with the long lists empty: each empty list is then replaced by
	// its elements. At the top level of an indented object a key starts a line after two
	// spaces, which no nested key does, and a string holds no raw line end: the place of each
	// list is found without doubt.
	rest := *r
	type list struct {
		key    string
		encode func(w io.Writer) error
	}
	var lists []list
	splice := func(key string, n int, empty func(), encode func(io.Writer) error) {
		if n > 0 {
			empty()
			lists = append(lists, list{key, encode})
		}
	}
	var appendUnit func([]byte, *Unit) []byte // nil: by encoding/json
	if r.unitsPlain() {
		appendUnit = appendUnitJSON
	}
	splice("units", len(r.Units), func() { rest.Units = []Unit{} }, func(w io.Writer) error { return writeList(w, r.Units, appendUnit) })
	splice("excluded", len(r.Excluded), func() { rest.Excluded = []Excluded{} }, func(w io.Writer) error { return writeList(w, r.Excluded, nil) })
	splice("failures", len(r.Failures), func() { rest.Failures = []Finding{} }, func(w io.Writer) error { return writeList(w, r.Failures, nil) })
	splice("pending", len(r.Pending), func() { rest.Pending = []Finding{} }, func(w io.Writer) error { return writeList(w, r.Pending, nil) })
	splice("warnings", len(r.Warnings), func() { rest.Warnings = []string{} }, func(w io.Writer) error { return writeList(w, r.Warnings, nil) })
	head, err := json.MarshalIndent(&rest, "", "  ")
	if err != nil || !r.unitsFinite() {
		return ErrNotFinite
	}
	for _, l := range lists {
		marker := []byte("\n  \"" + l.key + "\": []")
		i := bytes.Index(head, marker)
		if i < 0 {
			return fmt.Errorf("evaluation.json: no place for %q", l.key) // a field renamed without this list
		}
		if _, err := w.Write(head[:i+len(marker)-2]); err != nil {
			return err
		}
		if err := l.encode(w); err != nil {
			return err
		}
		head = head[i+len(marker):]
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	_, err = w.Write([]byte{'\n'})
	return err
}

// unitsFinite reports whether the numbers of the units marshal, as the rest of the long lists'
// do (they hold text and integers): a list that failed halfway would leave half a file.
func (r *Result) unitsFinite() bool {
	for i := range r.Units {
		if u := &r.Units[i]; !finite(u.Students) || !finite(u.Share) {
			return false
		}
	}
	return true
}

// unitsPlain reports whether appendUnitJSON can write the units: their values share a table
// whose indicator IDs need no escaping.
func (r *Result) unitsPlain() bool {
	if len(r.Units) == 0 || r.Units[0].Values.t == nil || !simpleIDs(r.Units[0].Values.t.ids) {
		return false
	}
	t := r.Units[0].Values.t
	for i := range r.Units {
		if r.Units[i].Values.t != t {
			return false
		}
	}
	return true
}

// listBlock is how many elements of a list are encoded at once.
const listBlock = 1024

// writeList writes a non-empty list as an element of an object indented by two spaces, as
// json.MarshalIndent does: "[", each element on its own line indented by four spaces, and "]"
// on a line of its own. The blocks of elements are encoded concurrently and written in order.
// appendElem, when not nil, appends an element as json.MarshalIndent would, without reflection.
func writeList[T any](w io.Writer, items []T, appendElem func([]byte, *T) []byte) error {
	type block struct {
		b    []byte
		err  error
		done chan struct{}
	}
	blocks := make([]block, (len(items)+listBlock-1)/listBlock)
	for i := range blocks {
		blocks[i].done = make(chan struct{})
	}
	// At most this many blocks are encoded or waiting to be written at a time.
	slots := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	go func() {
		for i := range blocks {
			slots <- struct{}{}
			go func() {
				b := &blocks[i]
				part := items[i*listBlock : min((i+1)*listBlock, len(items))]
				if appendElem != nil {
					// "[\n    {…},\n    {…}\n  ]", as json.MarshalIndent writes it below.
					b.b = append(make([]byte, 0, 512*len(part)), '[')
					for j := range part {
						if j > 0 {
							b.b = append(b.b, ',')
						}
						b.b = append(b.b, "\n    "...)
						b.b = appendElem(b.b, &part[j])
					}
					b.b = append(b.b, "\n  ]"...)
				} else {
					// "[\n    {…},\n    {…}\n  ]": the elements as they stand in the file.
					b.b, b.err = json.MarshalIndent(part, "  ", "  ")
				}
				close(b.done)
			}()
		}
	}()
	var err error
	write := func(p []byte) {
		if err == nil {
			_, err = w.Write(p)
		}
	}
	write([]byte{'['})
	for i := range blocks {
		b := &blocks[i]
		<-b.done
		if b.err != nil && err == nil {
			err = b.err
		}
		if i > 0 {
			write([]byte{','})
		}
		if b.err == nil {
			write(b.b[1 : len(b.b)-len("\n  ]")])
		}
		b.b = nil
		<-slots // every block is waited for, so that none is left encoding
	}
	write([]byte("\n  ]"))
	return err
}
