package build

import (
	"bytes"
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/youjun-edu/youjun/internal/pdf/fonts"
	"github.com/youjun-edu/youjun/internal/testsite"
)

// The fonts a build loads while it prepares the site give the PDF that fonts loaded afterwards
// give, byte for byte, also when two PDFs share them at the same time.
func TestEarlyFonts(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	opts := Options{Site: dir, Only: "pdf", SystemFonts: noSystemFonts}
	res, files, probs := Render(opts) // with the fonts loaded early
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	early := files[filepath.Base(res.PDF)]
	// Two sites prepared apart (a Prepared's chapters are not for two PDFs at once: content.Doc
	// indexes its lines when first asked) typeset at the same time with the same fonts.
	var ps [2]*Prepared
	for i := range ps {
		if ps[i], probs = Prepare(opts, func(_ string, f func()) { f() }); probs.Err() != nil {
			t.Fatal(probs)
		}
	}
	p := ps[0]
	o := opts
	o.fonts = startFonts(opts)
	var wg sync.WaitGroup
	var shared [2][]byte
	for i := range shared {
		wg.Go(func() {
			out, err := typeset(context.Background(), ps[i], o, "")
			if err != nil {
				t.Error(err)
				return
			}
			shared[i] = out.PDF
		})
	}
	wg.Wait()
	late, err := makePDF(p, opts) // no early fonts
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(early, late.PDF) || !bytes.Equal(shared[0], late.PDF) || !bytes.Equal(shared[1], late.PDF) {
		t.Errorf("PDF with the fonts loaded early: %d bytes; shared by two: %d and %d; loaded afterwards: %d",
			len(early), len(shared[0]), len(shared[1]), len(late.PDF))
	}
}

// Fonts loaded early for another site.toml (edited meanwhile) are not used.
func TestEarlyFontsStale(t *testing.T) {
	body := filepath.Join("..", "..", "theme", "fonts", "lxgw-wenkai", "wenkai-gb.ttf")
	stale := fontKey{}
	j := &fontJob{done: make(chan struct{}), ok: true, key: stale}
	close(j.done)
	j.fonts, j.err = loadFonts(stale)
	if j.err != nil {
		t.Fatal(j.err)
	}
	f, err := j.get(fontKey{paths: [4]string{body}})
	if err != nil {
		t.Fatal(err)
	}
	if f == j.fonts || f.Set[fonts.Body].Source != "site.toml" {
		t.Errorf("the body font comes from %s, want site.toml's", f.Set[fonts.Body].Source)
	}
	if f, _ := j.get(stale); f != j.fonts {
		t.Error("the fonts loaded early for the same site.toml were loaded again")
	}
	var none *fontJob // Render did not start one (--only html, or serve)
	if f, err := none.get(stale); err != nil || f == nil {
		t.Errorf("no job: %v", err)
	}
}
