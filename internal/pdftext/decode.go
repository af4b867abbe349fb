package pdftext

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"io"
)

// decode returns the data of a stream with its filters undone. Only the filters that text,
// fonts and the file's structure use are supported; images are never decoded.
func (d *document) decode(s *stream) ([]byte, error) {
	filters, params := d.filters(s.dict)
	data := s.raw
	for i, f := range filters {
		var err error
		switch f {
		case "FlateDecode", "Fl":
			data, err = inflate(data)
			if err == nil {
				p, _ := d.resolve(params[i]).(dict)
				data, err = d.unpredict(data, p)
			}
		case "ASCIIHexDecode", "AHx":
			data, err = asciiHex(data)
		case "ASCII85Decode", "A85":
			data, err = ascii85Decode(data)
		default:
			return nil, corrupt("不支持的数据流压缩方式 " + string(f))
		}
		if err != nil {
			return nil, err
		}
		if len(data) > maxStream {
			return nil, tooLarge("单个数据流解压后超过 64 MB")
		}
	}
	d.decoded += len(data)
	if d.decoded > maxDecoded {
		return nil, tooLarge("解压后的数据超过 256 MB")
	}
	return data, nil
}

func (d *document) filters(sd dict) ([]name, []any) {
	var fs []name
	var ps []any
	switch f := d.resolve(sd["Filter"]).(type) {
	case name:
		fs = []name{f}
		ps = []any{sd["DecodeParms"]}
	case array:
		pa, _ := d.resolve(sd["DecodeParms"]).(array)
		for i, v := range f {
			n, _ := d.resolve(v).(name)
			fs = append(fs, n)
			if i < len(pa) {
				ps = append(ps, pa[i])
			} else {
				ps = append(ps, nil)
			}
		}
	}
	return fs, ps
}

// inflate undoes FlateDecode: zlib data, or raw deflate data as some writers emit. Data cut short
// keeps what was decoded: the text before the cut is still the file's text.
func inflate(b []byte) ([]byte, error) {
	var r io.Reader
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err == nil {
		defer zr.Close()
		r = zr
	} else {
		fr := flate.NewReader(bytes.NewReader(b))
		defer fr.Close()
		r = fr
	}
	out, err := io.ReadAll(io.LimitReader(r, maxStream+1))
	if len(out) > maxStream {
		return nil, tooLarge("单个数据流解压后超过 64 MB")
	}
	if err != nil && !(errors.Is(err, io.ErrUnexpectedEOF) && len(out) > 0) {
		return nil, corrupt("数据流无法解压")
	}
	return out, nil
}

// unpredict undoes the PNG predictors that cross-reference streams use (/Predictor 10–15).
func (d *document) unpredict(b []byte, p dict) ([]byte, error) {
	if p == nil {
		return b, nil
	}
	pred, _ := d.resolve(p["Predictor"]).(int)
	if pred <= 1 {
		return b, nil
	}
	if pred < 10 {
		return nil, corrupt("不支持的数据流预测方式")
	}
	cols := 1
	if c, ok := d.resolve(p["Columns"]).(int); ok {
		cols = c
	}
	colors := 1
	if c, ok := d.resolve(p["Colors"]).(int); ok {
		colors = c
	}
	bpc := 8
	if c, ok := d.resolve(p["BitsPerComponent"]).(int); ok {
		bpc = c
	}
	if cols < 1 || colors < 1 || bpc < 1 || cols > 1<<20 || colors > 64 || bpc > 16 {
		return nil, corrupt("数据流预测参数无效")
	}
	bpp := max(1, colors*bpc/8)
	rowLen := (cols*colors*bpc + 7) / 8
	out := make([]byte, 0, len(b))
	prev := make([]byte, rowLen)
	for len(b) > 0 {
		tag := b[0]
		b = b[1:]
		n := min(rowLen, len(b))
		row := make([]byte, rowLen)
		copy(row, b[:n])
		b = b[n:]
		for i := range row {
			var left, up, ul byte
			if i >= bpp {
				left = row[i-bpp]
				ul = prev[i-bpp]
			}
			up = prev[i]
			switch tag {
			case 1:
				row[i] += left
			case 2:
				row[i] += up
			case 3:
				row[i] += byte((int(left) + int(up)) / 2)
			case 4:
				row[i] += paeth(left, up, ul)
			}
		}
		out = append(out, row[:n]...)
		prev = row
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func asciiHex(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b)/2)
	var hi byte
	half := false
	for _, c := range b {
		if c == '>' {
			break
		}
		if isSpace(c) {
			continue
		}
		v, ok := unhex(c)
		if !ok {
			return nil, corrupt("ASCIIHex 数据流中有非法字符")
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out, nil
}

func ascii85Decode(b []byte) ([]byte, error) {
	if i := bytes.Index(b, []byte("~>")); i >= 0 {
		b = b[:i]
	}
	b = bytes.TrimPrefix(bytes.TrimSpace(b), []byte("<~"))
	out, err := io.ReadAll(io.LimitReader(ascii85.NewDecoder(bytes.NewReader(b)), maxStream+1))
	if err != nil {
		return nil, corrupt("ASCII85 数据流无法解码")
	}
	return out, nil
}
