package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/youjun-edu/youjun/internal/synth"
)

// BenchmarkBuildExample builds the example county's site (HTML, downloads, JSON, the checks of
// --strict) and writes it; the PDF has its own benchmarks.
func BenchmarkBuildExample(b *testing.B) {
	out := filepath.Join(b.TempDir(), "output")
	var pages int
	for b.Loop() {
		res, probs := Run(Options{Site: "../..", Out: out, Only: "html"})
		if probs.Err() != nil {
			b.Fatal(probs)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(pages), "µs/page")
}

// BenchmarkBuildFull builds the example county's site, downloads and PDF (built-in fonts) and
// writes them: everything `youjun build` does, the issue-12 goal of 150 ms. The command itself
// defers garbage collection (see cmd/youjun/gc.go); a benchmark collects as usual.
func BenchmarkBuildFull(b *testing.B) {
	out := filepath.Join(b.TempDir(), "output")
	for b.Loop() {
		if _, probs := Run(Options{Site: "../..", Out: out, SystemFonts: noSystemFonts}); probs.Err() != nil {
			b.Fatal(probs)
		}
	}
}

// BenchmarkPDFExample builds the example county's PDF (34 pages) with the embedded fonts; the
// downloads and the evaluation are made too, as in every build.
func BenchmarkPDFExample(b *testing.B) {
	out := filepath.Join(b.TempDir(), "output")
	var pages int
	for b.Loop() {
		res, probs := Run(Options{Site: "../..", Out: out, Only: "pdf", SystemFonts: noSystemFonts})
		if probs.Err() != nil {
			b.Fatal(probs)
		}
		pages = res.PDFPages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
}

// BenchmarkPDFLong typesets a long report: the example's chapters four times over and a
// generated county of 300 campuses in the appendix, about 150 pages.
func BenchmarkPDFLong(b *testing.B) {
	dir := longSite(b, 4, 300)
	var pages int
	for b.Loop() {
		res, probs := Run(Options{Site: dir, Only: "pdf", SystemFonts: noSystemFonts})
		if probs.Err() != nil {
			b.Fatal(probs)
		}
		pages = res.PDFPages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pages), "ms/page")
}

// BenchmarkTypeset100 typesets a report of about 100 pages (the example's chapters three times
// over, 215 campuses in the appendix: 99 pages) from a site prepared once: the time of the PDF stage
// alone, which runs beside the pages and the downloads in a build.
func BenchmarkTypeset100(b *testing.B) { benchTypeset(b, longSite(b, 3, 215)) }

// BenchmarkTypesetExample is BenchmarkTypeset100 for the example county.
func BenchmarkTypesetExample(b *testing.B) { benchTypeset(b, "../..") }

func benchTypeset(b *testing.B, dir string) {
	opts := Options{Site: dir, SystemFonts: noSystemFonts}
	p, probs := Prepare(opts, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		b.Fatal(probs)
	}
	var pages int
	for b.Loop() {
		out, err := makePDF(p, opts)
		if err != nil {
			b.Fatal(err)
		}
		pages = out.Pages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/float64(pages), "ms/page")
}

// longSite writes a site of the example's chapters, rounds times over, and a generated county
// of the given number of campuses.
func longSite(b testing.TB, rounds, campuses int) string {
	dir := b.TempDir()
	for _, f := range []string{"site.toml", "data/county.toml", "data/survey.csv"} {
		src, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			b.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), src, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "data", "schools.csv"), synth.CSV(campuses, 11), 0o644)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	entries, _ := os.ReadDir("../../content")
	for round := range rounds {
		for i, e := range entries {
			src, _ := os.ReadFile(filepath.Join("../../content", e.Name()))
			// Keep the chapters' order distinct.
			text := regexp.MustCompile(`order = \d+`).ReplaceAllString(string(src), "order = "+strconv.Itoa(round*10+i+1))
			os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("%d-%s", round, e.Name())), []byte(text), 0o644)
		}
	}
	return dir
}

// BenchmarkBuild500 builds a generated county of 500 campuses (about 570 pages, 1,100 files)
// with the example's county figures and chapters.
func BenchmarkBuild500(b *testing.B) {
	dir := b.TempDir()
	for _, f := range []string{"site.toml", "data/county.toml", "data/survey.csv"} {
		src, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			b.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), src, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "data", "schools.csv"), synth.CSV(500, 7), 0o644)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	for _, f := range []string{"01-overview.md", "02-measures.md", "05-next-steps.md"} {
		src, _ := os.ReadFile(filepath.Join("../../content", f))
		os.WriteFile(filepath.Join(dir, "content", f), src, 0o644)
	}
	var pages, files int
	for b.Loop() {
		res, probs := Run(Options{Site: dir, Only: "html"})
		if probs.Err() != nil {
			b.Fatal(probs)
		}
		pages, files = res.Pages, res.Files
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(pages), "µs/page")
}
