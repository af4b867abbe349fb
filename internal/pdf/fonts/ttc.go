// Package fonts finds the fonts of the PDF: the paths site.toml names, then the official fonts
// (仿宋、黑体、楷体、宋体) where the machine has them, then the free font embedded in the
// binary. gopdf reads TrueType (.ttf) only, so a face of a collection (.ttc) is copied out into
// a standalone TrueType file first.
package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// ExtractTTC returns face index of a TrueType collection as a standalone TrueType font. Data
// that is already a single font is returned as it is.
func ExtractTTC(data []byte, index int) ([]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("字体文件太短")
	}
	if string(data[:4]) != "ttcf" {
		return data, nil
	}
	n := int(binary.BigEndian.Uint32(data[8:12]))
	if index < 0 || index >= n || len(data) < 12+4*n {
		return nil, fmt.Errorf("字体集合只有 %d 个字体，没有第 %d 个", n, index+1)
	}
	off := int(binary.BigEndian.Uint32(data[12+4*index:]))
	if off+12 > len(data) {
		return nil, errors.New("字体集合已损坏")
	}
	sfnt := data[off : off+4]
	numTables := int(binary.BigEndian.Uint16(data[off+4:]))
	if off+12+16*numTables > len(data) {
		return nil, errors.New("字体集合已损坏")
	}
	if string(sfnt) == "OTTO" {
		return nil, errors.New("这是 OpenType/CFF 字体，gopdf 只能使用 TrueType 轮廓的字体")
	}
	type table struct {
		tag            string
		checksum       uint32
		offset, length int
		newOffset      int
	}
	tables := make([]table, numTables)
	for i := range tables {
		r := data[off+12+16*i:]
		tables[i] = table{tag: string(r[:4]), checksum: binary.BigEndian.Uint32(r[4:]),
			offset: int(binary.BigEndian.Uint32(r[8:])), length: int(binary.BigEndian.Uint32(r[12:]))}
		if tables[i].offset+tables[i].length > len(data) {
			return nil, fmt.Errorf("字体集合中的表 %s 已损坏", tables[i].tag)
		}
	}
	// Table records must be sorted by tag; the data follows in the same order, 4-byte aligned.
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	pos := 12 + 16*numTables
	for i := range tables {
		tables[i].newOffset = pos
		pos += (tables[i].length + 3) &^ 3
	}
	out := make([]byte, pos)
	copy(out, data[off:off+12])
	for i, t := range tables {
		r := out[12+16*i:]
		copy(r, t.tag)
		binary.BigEndian.PutUint32(r[4:], t.checksum)
		binary.BigEndian.PutUint32(r[8:], uint32(t.newOffset))
		binary.BigEndian.PutUint32(r[12:], uint32(t.length))
		copy(out[t.newOffset:], data[t.offset:t.offset+t.length])
	}
	// The whole-font checksum lives in head.checkSumAdjustment.
	for _, t := range tables {
		if t.tag == "head" && t.length >= 12 {
			binary.BigEndian.PutUint32(out[t.newOffset+8:], 0)
			binary.BigEndian.PutUint32(out[t.newOffset+8:], 0xB1B0AFBA-checksum(out))
		}
	}
	return out, nil
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	if r := len(b) % 4; r != 0 {
		var last [4]byte
		copy(last[:], b[len(b)-r:])
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
