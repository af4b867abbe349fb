package data

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// saveAsHint tells the user how to get a file youjun reads.
const saveAsHint = "请在 Excel/WPS 中另存为 UTF-8 或 GBK 的 CSV"

// Magic numbers of files that are sometimes named .csv or .xlsx by mistake.
var (
	zipMagic  = []byte("PK\x03\x04")
	ole2Magic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") // .xls, .et, .doc, encrypted .xlsx
)

// text is a CSV file decoded to UTF-8.
type text struct {
	src []byte
	// suspect is set when the file has bytes that no encoding explains (a stray Latin-1 byte in
	// UTF-8, or bytes invalid in GBK): the cells holding them are reported one by one.
	suspect bool
}

// decodeText returns src as UTF-8. It reads UTF-8 with or without BOM, UTF-16 (with BOM, or
// without one when the NUL bytes show it) and GB18030 (a superset of GBK, what Excel on Chinese
// Windows saves as "CSV"); it takes old Mac line ends (CR only) as line ends. A file that is not
// text at all is an error.
func decodeText(src []byte) (text, error) {
	switch {
	case bytes.HasPrefix(src, []byte("\xef\xbb\xbf")):
		src = src[3:]
	case bytes.HasPrefix(src, []byte("\xff\xfe")):
		return decodeUTF16(src, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM))
	case bytes.HasPrefix(src, []byte("\xfe\xff")):
		return decodeUTF16(src, unicode.UTF16(unicode.BigEndian, unicode.UseBOM))
	case bytes.HasPrefix(src, zipMagic):
		return text{}, errors.New("这是 Excel（.xlsx）文件，不是 CSV；请把文件名改为 .xlsx")
	case bytes.HasPrefix(src, ole2Magic):
		return text{}, errors.New("这是 Excel 97–2003（.xls）或 WPS（.et）文件，不是 CSV；" + saveAsHint + "，或另存为 .xlsx")
	}
	if bytes.IndexByte(src, 0) >= 0 {
		if e := utf16Order(src); e != nil {
			return decodeUTF16(src, unicode.UTF16(*e, unicode.IgnoreBOM))
		}
		line := bytes.Count(src[:bytes.IndexByte(src, 0)], []byte{'\n'}) + 1
		return text{}, fmt.Errorf("不是文本文件（第%d行起含有二进制内容），不能作为 CSV 读取；%s", line, saveAsHint)
	}
	if utf8.Valid(src) {
		return text{src: crLines(src)}, nil
	}
	if mostlyUTF8(src) {
		return text{src: crLines(src), suspect: true}, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
	if err != nil {
		return text{src: crLines(src), suspect: true}, nil
	}
	return text{src: crLines(out), suspect: bytes.ContainsRune(out, utf8.RuneError)}, nil
}

func decodeUTF16(src []byte, enc encoding.Encoding) (text, error) {
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return text{}, fmt.Errorf("UTF-16 编码有误，无法读取；%s", saveAsHint)
	}
	return text{src: crLines(out), suspect: bytes.ContainsRune(out, utf8.RuneError)}, nil
}

// utf16Order guesses the byte order of UTF-16 without a BOM from where its NUL bytes are: the
// commas, digits and line ends of a CSV have a NUL in their high byte. It returns nil when the
// NULs do not look like UTF-16.
func utf16Order(src []byte) *unicode.Endianness {
	sample := src[:min(len(src), 64<<10)]
	var even, odd int
	for i, b := range sample {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	if len(sample)%2 != 0 || (even+odd)*8 < len(sample) {
		return nil
	}
	var e unicode.Endianness
	switch {
	case odd >= 9*even && odd > 0:
		e = unicode.LittleEndian
	case even >= 9*odd && even > 0:
		e = unicode.BigEndian
	default:
		return nil
	}
	return &e
}

// mostlyUTF8 tells a UTF-8 file with a few stray bytes (a Latin-1 "é" pasted in) from GBK: in
// GBK text most multi-byte sequences are invalid UTF-8, in UTF-8 only the stray ones are.
func mostlyUTF8(src []byte) bool {
	var good, bad int
	for i := 0; i < len(src); {
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			good++
		}
		i += size
	}
	return good > 2*bad
}

// crLines turns the line ends of a file saved by old Mac software (CR only) into LF, which is
// all encoding/csv reads as a line end besides CRLF.
func crLines(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 || bytes.IndexByte(src, '\n') >= 0 {
		return src
	}
	return bytes.ReplaceAll(src, []byte{'\r'}, []byte{'\n'})
}

// badText says what is wrong with a cell of a suspect file, or "".
func badText(cell string) string {
	// For utf8.RuneError, ContainsRune also finds invalid bytes.
	if !strings.ContainsRune(cell, utf8.RuneError) {
		return ""
	}
	return "含有无法识别的字符（文件混有其他编码的文字）；" + saveAsHint
}
