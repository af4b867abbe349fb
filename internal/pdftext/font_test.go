package pdftext

import (
	"bytes"
	"encoding/binary"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/youjun-edu/youjun/internal/pdf/fonts"
)

func TestParseCMap(t *testing.T) {
	tests := []struct {
		name  string
		cmap  string
		space []codeRange
		m     map[uint32]string
	}{
		{"bfchar", "1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0003> <4E2D> <0004> <D83DDE00> endbfchar",
			[]codeRange{{2, 0, 0xFFFF}}, map[uint32]string{3: "中", 4: "😀"}},
		{"bfrange", "1 beginbfrange <0010> <0012> <0030> endbfrange",
			nil, map[uint32]string{0x10: "0", 0x11: "1", 0x12: "2"}},
		{"bfrange array", "1 beginbfrange <20> <22> [<0041> <00420043>] endbfrange",
			nil, map[uint32]string{0x20: "A", 0x21: "BC"}},
		{"ligature", "1 beginbfchar <01> <00660069> endbfchar", nil, map[uint32]string{1: "fi"}},
		{"glyph name", "1 beginbfchar <01> /percent endbfchar", nil, map[uint32]string{1: "%"}},
		{"two codespaces", "2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange",
			[]codeRange{{1, 0, 0x80}, {2, 0x8140, 0xFEFE}}, map[uint32]string{}},
		{"garbage kept out", "1 beginbfrange <0001> <0000> <0030> endbfrange ) <zz> 1 beginbfchar <05> <0035> endbfchar",
			nil, map[uint32]string{5: "5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := map[uint32]string{}
			space := parseCMap([]byte(tt.cmap), m)
			if !reflect.DeepEqual(space, tt.space) || !maps.Equal(m, tt.m) {
				t.Errorf("got %v %v, want %v %v", space, m, tt.space, tt.m)
			}
		})
	}
}

// tinyTrueType is a TrueType program with only a cmap table (format 4): digits are glyphs 16–25
// by delta, 中 is glyph 3 through the glyph array.
func tinyTrueType() []byte {
	be := binary.BigEndian
	var sub bytes.Buffer
	w := func(v ...uint16) {
		for _, x := range v {
			binary.Write(&sub, be, x)
		}
	}
	seg := uint16(3)
	w(4, 0, 0, seg*2, 0, 0, 0)
	w(0x39, 0x4E2D, 0xFFFF)  // end codes
	w(0)                     // pad
	w(0x30, 0x4E2D, 0xFFFF)  // start codes
	w(0x10000+16-0x30, 0, 1) // deltas (mod 65536)
	w(0, 4, 0)               // range offsets: the second segment reads glyphIdArray[0]
	w(3)                     // glyph array
	b := sub.Bytes()
	be.PutUint16(b[2:], uint16(len(b)))
	cmap := append([]byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}, b...)
	var ttf bytes.Buffer
	ttf.Write([]byte{0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0})
	ttf.WriteString("cmap")
	binary.Write(&ttf, be, []uint32{0, 28, uint32(len(cmap))})
	ttf.Write(cmap)
	return ttf.Bytes()
}

func TestCmapGlyphs(t *testing.T) {
	want := map[uint16]rune{3: '中'}
	for i := range 10 {
		want[uint16(16+i)] = rune('0' + i)
	}
	if got := cmapGlyphs(tinyTrueType()); !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// The built-in font: a real table, read whole.
	face, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	got := cmapGlyphs(face.Data)
	runes := slices.Collect(maps.Values(got))
	for _, r := range "示例县0123456789.%，" {
		if !slices.Contains(runes, r) {
			t.Errorf("the built-in font's cmap has no %q", r)
		}
	}
	// Cut short anywhere, a table gives what it gives and never panics.
	tt := tinyTrueType()
	for n := range len(tt) {
		cmapGlyphs(tt[:n])
	}
}

// A CID font without ToUnicode is read through its embedded TrueType program, its CIDs being
// glyph IDs or mapped to them by a CIDToGIDMap.
func TestNoToUnicode(t *testing.T) {
	pages, err := Extract(noToUnicode())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"01中9", "9中"}; len(pages) != 1 || !slices.Equal(pages[0].Lines, want) {
		t.Errorf("got %+v, want %q", pages, want)
	}
}

func noToUnicode() []byte {
	ttf := string(tinyTrueType())
	return makePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /A 5 0 R /B 8 0 R >> >> >>",
		streamObj("", "BT /A 10 Tf 72 700 Td <0010001100030019> Tj /B 10 Tf 0 -20 Td <00010002> Tj ET"),
		"<< /Type /Font /Subtype /Type0 /BaseFont /T /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /T /FontDescriptor 7 0 R /CIDToGIDMap /Identity >>",
		"<< /Type /FontDescriptor /FontName /T /FontFile2 9 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /T /Encoding /Identity-H /DescendantFonts [10 0 R] >>",
		streamObj("/Length1 "+strconv.Itoa(len(ttf)), ttf),
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /T /FontDescriptor 7 0 R /CIDToGIDMap 11 0 R >>",
		streamObj("", "\x00\x00\x00\x19\x00\x03"), // CID 1 → glyph 25 (9), CID 2 → glyph 3 (中)
	)
}
