package fonts

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// makeTTC wraps fonts into a TrueType collection, their tables shared in one file.
func makeTTC(ttfs ...[]byte) []byte {
	header := 12 + 4*len(ttfs)
	var out bytes.Buffer
	out.WriteString("ttcf")
	binary.Write(&out, binary.BigEndian, uint32(0x00010000))
	binary.Write(&out, binary.BigEndian, uint32(len(ttfs)))
	offsets := make([]int, len(ttfs))
	pos := header
	for i, f := range ttfs {
		offsets[i] = pos
		pos += len(f)
	}
	for _, o := range offsets {
		binary.Write(&out, binary.BigEndian, uint32(o))
	}
	for i, f := range ttfs {
		g := append([]byte(nil), f...)
		n := int(binary.BigEndian.Uint16(g[4:]))
		for j := range n {
			rec := g[12+16*j:]
			binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+uint32(offsets[i]))
		}
		out.Write(g)
	}
	return out.Bytes()
}

func TestExtractTTC(t *testing.T) {
	e, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ttc := makeTTC(e.Data, e.Data)
	for i := range 2 {
		got, err := ExtractTTC(ttc, i)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, e.Data) {
			t.Errorf("face %d differs from the font it was made from", i)
		}
	}
	if _, err := ExtractTTC(ttc, 2); err == nil || !strings.Contains(err.Error(), "只有 2 个字体") {
		t.Errorf("err = %v", err)
	}
	if got, _ := ExtractTTC(e.Data, 0); !bytes.Equal(got, e.Data) {
		t.Error("a plain TTF must come back unchanged")
	}
	if checksum(e.Data) != 0xB1B0AFBA {
		t.Errorf("the embedded font's checksum adjustment is wrong: %#x", checksum(e.Data))
	}
}

func TestFind(t *testing.T) {
	e, _ := Embedded()
	dir := t.TempDir()
	sys := filepath.Join(dir, "fonts", "truetype", "windows")
	os.MkdirAll(sys, 0o755)
	os.WriteFile(filepath.Join(sys, "SimKai.TTF"), e.Data, 0o644)
	os.WriteFile(filepath.Join(sys, "simsun.ttc"), makeTTC(e.Data), 0o644)
	own := filepath.Join(dir, "my-fangsong.ttf")
	os.WriteFile(own, e.Data, 0o644)
	otf := filepath.Join(dir, "noto.otf")
	os.WriteFile(otf, append([]byte("OTTO"), make([]byte, 100)...), 0o644)

	set, err := Find([4]string{Body: own}, true, []string{filepath.Join(dir, "fonts")})
	if err != nil {
		t.Fatal(err)
	}
	if set[Body].Source != "site.toml" || set[Body].Name != "my-fangsong.ttf" {
		t.Errorf("body = %s from %s", set[Body].Name, set[Body].Source)
	}
	if set[Kai].Source != "本机" || set[Kai].Name != "SimKai.TTF" {
		t.Errorf("kai = %s from %s", set[Kai].Name, set[Kai].Source)
	}
	if set[Title].Name != "simsun.ttc" || !bytes.Equal(set[Title].Data, e.Data) {
		t.Errorf("title = %s: a TTC face must be copied out", set[Title].Name)
	}
	if set[Heading].Family != Sans {
		t.Errorf("heading without 黑体 should be the built-in sans-serif face, got %s", set[Heading].Name)
	}
	if got := set.Missing(); len(got) != 1 || got[0] != Heading {
		t.Errorf("missing = %v, want only the heading", got)
	}
	none, _ := Find([4]string{}, false, []string{filepath.Join(dir, "fonts")})
	for r, f := range none {
		if f.Source != "内置" {
			t.Errorf("role %d without system fonts = %s", r, f.Name)
		}
	}
	// Without official fonts, headings and bold (黑体) are not set in the body's face.
	if none[Body].Family != Brush || none[Kai].Family != Brush || none[Heading].Family != Sans || none[Title].Family != Sans {
		t.Errorf("built-in faces: body %s, kai %s, heading %s, title %s", none[Body].Name, none[Kai].Name, none[Heading].Name, none[Title].Name)
	}
	if len(none.Missing()) != 4 {
		t.Errorf("missing = %v", none.Missing())
	}
	if _, err := Find([4]string{Body: otf}, false, nil); err == nil || !strings.Contains(err.Error(), "TrueType") {
		t.Errorf("an OpenType/CFF font must be refused: %v", err)
	}
	if _, err := Find([4]string{Body: filepath.Join(dir, "missing.ttf")}, false, nil); err == nil || !strings.Contains(err.Error(), "missing.ttf") {
		t.Errorf("a missing font must be named: %v", err)
	}
}
