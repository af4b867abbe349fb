package build

import (
	"path/filepath"

	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/pdf"
	"github.com/youjun-edu/youjun/internal/pdf/fonts"
)

// fontKey is what chooses the PDF's fonts: site.toml's [pdf.fonts], as paths, and whether the
// machine's fonts may be used.
type fontKey struct {
	paths  [4]string // body, heading, kai, title; "" for none
	system bool
}

// fontKeyOf is the fontKey of a site whose site.toml is cfg.
func fontKeyOf(cfg *config.Config, opts Options) fontKey {
	k := fontKey{system: cfg.UseSystemFonts()}
	if opts.SystemFonts != nil {
		k.system = *opts.SystemFonts
	}
	f := cfg.PDF.Fonts
	k.paths = [4]string{f.Body, f.Heading, f.Kai, f.Title}
	for i, path := range k.paths {
		if path != "" && !filepath.IsAbs(path) {
			k.paths[i] = filepath.Join(opts.Site, path)
		}
	}
	return k
}

// loadFonts finds the fonts of k and parses them.
func loadFonts(k fontKey) (*pdf.Fonts, error) {
	set, err := fonts.Find(k.paths, k.system, fonts.Dirs())
	if err != nil {
		return nil, err
	}
	return pdf.ParseFonts(set)
}

// fontJob loads the PDF's fonts in the background while the site is loaded and evaluated, on
// the processor that would otherwise wait: finding, reading and parsing some 8–25 MB of fonts
// took a third of the PDF's time in a build, and the PDF is the longest part of a build.
type fontJob struct {
	done  chan struct{}
	ok    bool // site.toml could be read; key is its fontKey
	key   fontKey
	fonts *pdf.Fonts
	err   error
}

// startFonts reads site.toml (again: Prepare reads it too, which costs little) and loads the
// fonts it names.
func startFonts(opts Options) *fontJob {
	j := &fontJob{done: make(chan struct{})}
	go func() {
		defer close(j.done)
		cfg, _ := config.Load(opts.Site)
		if cfg == nil {
			return // Prepare says why
		}
		j.key, j.ok = fontKeyOf(cfg, opts), true
		j.fonts, j.err = loadFonts(j.key)
	}()
	return j
}

// get returns the fonts of k: those of the job when it loaded the same (site.toml may have
// changed in the meantime), else loaded now. j may be nil.
func (j *fontJob) get(k fontKey) (*pdf.Fonts, error) {
	if j != nil {
		<-j.done
		if j.ok && j.key == k {
			return j.fonts, j.err
		}
	}
	return loadFonts(k)
}
