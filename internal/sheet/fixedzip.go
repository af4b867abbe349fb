package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"sort"
	"time"
)

// FixedZip is a zip writer for excelize (File.SetZipWriter) that writes a workbook's parts in
// name order, dated when rather than by the clock: excelize writes some parts in map order, and
// the same table must give the same bytes. The workbooks youjun writes with excelize (the
// 核查清单, the rollup's 汇总) go through it.
type FixedZip struct {
	*zip.Writer
	when  time.Time
	parts map[string]*bytes.Buffer
}

// NewFixedZip writes the parts to w, dated when.
func NewFixedZip(w io.Writer, when time.Time) *FixedZip {
	return &FixedZip{Writer: zip.NewWriter(w), when: when, parts: map[string]*bytes.Buffer{}}
}

// Create holds the part's bytes until Close.
func (z *FixedZip) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	z.parts[name] = b
	return b, nil
}

// Close writes the parts in name order and ends the zip.
func (z *FixedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for name := range z.parts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.when})
		if err != nil {
			return err
		}
		if _, err := w.Write(z.parts[name].Bytes()); err != nil {
			return err
		}
	}
	return z.Writer.Close()
}
