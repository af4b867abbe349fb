package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDumpLong writes the PDF and the Word document of BenchmarkTypeset100's long site into
// $YOUJUN_DUMP_DIR, so that a refactoring of the renderers can be checked byte for byte
// against the bytes of the commit before it. Without the variable it does nothing.
func TestDumpLong(t *testing.T) {
	dir := os.Getenv("YOUJUN_DUMP_DIR")
	if dir == "" {
		t.Skip("YOUJUN_DUMP_DIR not set")
	}
	opts := Options{Site: longSite(t, 3, 215), SystemFonts: noSystemFonts}
	p, probs := Prepare(opts, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	pdfOut, err := makePDF(p, opts)
	if err != nil {
		t.Fatal(err)
	}
	docxOut, err := makeDOCX(p, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"long.pdf": pdfOut.PDF, "long.docx": docxOut.DOCX} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
