package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// deflateContents compresses the page content streams of a PDF that gopdf wrote without
// compression, the way gopdf compresses them itself (zlib at level; the same bytes), but with
// one reused compressor per processor instead of a new one per page, and the pages spread over
// the processors. gopdf allocates a compressor of some 800 KB for each page and feeds it one
// operator at a time; that was the larger part of writing the PDF.
//
// It relies on what gopdf writes: objects numbered 1…n in order, listed in a classic xref
// table; a content stream as "<<\n/Length n\n>>\nstream\n" + data + "endstream\n"; the
// pages naming their content streams in "/Contents n 0 R" lines. Anything else is an error,
// and the test against gopdf's own compression catches a change of gopdf.
func deflateContents(in []byte, level int) ([]byte, error) {
	offsets, xref, trailer, err := xrefTable(in)
	if err != nil {
		return nil, err
	}
	contents := contentIDs(in)
	ends := append(slices.Clone(offsets[1:]), xref) // where each object ends
	type job struct {
		id  int
		raw []byte // the stream's data
		z   bytes.Buffer
	}
	var jobs []*job
	for i, off := range offsets {
		if !contents[i+1] {
			continue
		}
		raw, err := streamData(in[off:ends[i]], i+1)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, &job{id: i + 1, raw: raw})
	}
	// Each stream is compressed alone, so the result does not depend on who compresses it.
	var wg sync.WaitGroup
	next := make(chan *job)
	for range min(runtime.GOMAXPROCS(0), max(1, len(jobs))) {
		wg.Go(func() {
			var zw *zlib.Writer
			for j := range next {
				if zw == nil {
					zw, _ = zlib.NewWriterLevel(&j.z, level)
				} else {
					zw.Reset(&j.z)
				}
				zw.Write(j.raw)
				zw.Close()
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()

	out := bytes.NewBuffer(make([]byte, 0, len(in)/2))
	out.Write(in[:offsets[0]])
	newOffsets := make([]int, len(offsets))
	k := 0
	for i, off := range offsets {
		newOffsets[i] = out.Len()
		if k < len(jobs) && jobs[k].id == i+1 {
			j := jobs[k]
			k++
			out.WriteString(strconv.Itoa(j.id))
			out.WriteString(" 0 obj\n<<\n/Filter/FlateDecode/Length ")
			out.WriteString(strconv.Itoa(j.z.Len()))
			out.WriteString("\n>>\nstream\n")
			out.Write(j.z.Bytes())
			out.WriteString("\nendstream\nendobj\n\n")
			continue
		}
		out.Write(in[off:ends[i]])
	}
	start := out.Len()
	out.WriteString("xref\n0 ")
	out.WriteString(strconv.Itoa(len(offsets) + 1))
	out.WriteString("\n0000000000 65535 f \n")
	for _, off := range newOffsets {
		s := strconv.Itoa(off)
		for range 10 - len(s) {
			out.WriteByte('0')
		}
		out.WriteString(s)
		out.WriteString(" 00000 n \n")
	}
	out.WriteString(trailer)
	out.WriteString("startxref\n")
	out.WriteString(strconv.Itoa(start))
	out.WriteString("\n%%EOF\n")
	return out.Bytes(), nil
}

var errLayout = errors.New("PDF 的结构与预期不符（gopdf 版本变化？）")

// xrefTable reads the offsets of objects 1…n from the xref table at the end of a PDF, where the
// table starts, and the trailer dictionary that follows the table ("trailer\n<<…>>\n").
func xrefTable(in []byte) (offsets []int, xref int, trailer string, err error) {
	i := bytes.LastIndex(in, []byte("startxref\n"))
	if i < 0 {
		return nil, 0, "", errLayout
	}
	end := bytes.IndexByte(in[i+10:], '\n')
	if end < 0 {
		return nil, 0, "", errLayout
	}
	start, err := strconv.Atoi(string(in[i+10 : i+10+end]))
	if err != nil || start < 0 || start > i || !bytes.HasPrefix(in[start:], []byte("xref\n0 ")) {
		return nil, 0, "", errLayout
	}
	rest := in[start+len("xref\n0 ") : i]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, 0, "", errLayout
	}
	n, err := strconv.Atoi(string(rest[:nl]))
	rest = rest[nl+1:]
	const line = len("0000000000 65535 f \n")
	if err != nil || n < 2 || n > len(rest)/line {
		return nil, 0, "", errLayout
	}
	prev := 0
	for k := 1; k < n; k++ {
		off, err := strconv.Atoi(string(rest[k*line : k*line+10]))
		if err != nil || off <= prev || off >= start {
			return nil, 0, "", errLayout
		}
		offsets = append(offsets, off)
		prev = off
	}
	trailer = string(rest[n*line:])
	if !bytes.HasPrefix([]byte(trailer), []byte("trailer\n")) {
		return nil, 0, "", errLayout
	}
	return offsets, start, trailer, nil
}

// contentIDs are the object numbers that the pages' /Contents name.
func contentIDs(in []byte) map[int]bool {
	ids := map[int]bool{}
	key := []byte("  /Contents ")
	for rest := in; ; {
		i := bytes.Index(rest, key)
		if i < 0 {
			return ids
		}
		rest = rest[i+len(key):]
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			return ids
		}
		f := bytes.Fields(rest[:nl])
		for k := 0; k+2 < len(f); k += 3 {
			if n, err := strconv.Atoi(string(f[k])); err == nil && string(f[k+1]) == "0" && string(f[k+2]) == "R" {
				ids[n] = true
			}
		}
		rest = rest[nl:]
	}
}

// streamData is the data of an uncompressed content stream object id as gopdf writes it.
func streamData(obj []byte, id int) ([]byte, error) {
	head := strconv.Itoa(id) + " 0 obj\n<<\n/Length "
	if !bytes.HasPrefix(obj, []byte(head)) {
		return nil, errLayout
	}
	rest := obj[len(head):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, errLayout
	}
	n, err := strconv.Atoi(string(rest[:nl]))
	rest = rest[nl+1:]
	if err != nil || n < 0 || !bytes.HasPrefix(rest, []byte(">>\nstream\n")) {
		return nil, errLayout
	}
	rest = rest[len(">>\nstream\n"):]
	if len(rest) < n || string(rest[n:]) != "endstream\nendobj\n\n" {
		return nil, errLayout
	}
	return rest[:n], nil
}
