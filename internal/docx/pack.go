package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strconv"
	"time"
)

// part is one file of an OOXML package.
type part struct {
	name string
	body []byte
}

// packer zips parts in the order given, every entry dated stamp, so that the same document gives
// the same bytes.
type packer struct {
	stamp time.Time
	fw    *flate.Writer // one compressor for every entry: a new one allocates a megabyte
}

// flateEntry is the compressor of one zip entry: the packer's, reset onto the entry.
type flateEntry struct{ *flate.Writer }

func (p *packer) compressor(w io.Writer) (io.WriteCloser, error) {
	if p.fw == nil {
		fw, err := flate.NewWriter(w, flate.BestSpeed)
		if err != nil {
			return nil, err
		}
		p.fw = fw
	} else {
		p.fw.Reset(w)
	}
	return flateEntry{p.fw}, nil
}

func (p *packer) zip(parts []part) ([]byte, error) {
	size := 0
	for _, pt := range parts {
		size += len(pt.body)
	}
	var out bytes.Buffer
	out.Grow(size/3 + 4096)
	z := zip.NewWriter(&out)
	z.RegisterCompressor(zip.Deflate, p.compressor)
	for _, pt := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: pt.name, Method: zip.Deflate, Modified: p.stamp})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(pt.body); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func itoa(n int) string { return strconv.Itoa(n) }
