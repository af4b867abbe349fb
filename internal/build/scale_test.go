package build

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/youjun-edu/youjun/internal/synth"
)

// scaleSite writes a site with a generated county of n campuses and the example's county figures,
// survey, history and chapters.
func scaleSite(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, f := range []string{"site.toml", "data/county.toml", "data/survey.csv", "data/history/基本均衡综合差异系数.csv"} {
		src, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), src, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "schools.csv"), synth.CSV(n, 7), 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkBuildScale builds generated counties of growing size in full (HTML, PDF with the
// embedded font, the checks) and writes them, to show that a build grows linearly with the
// number of campuses. The README's table comes from `youjun build` on the same sites.
func BenchmarkBuildScale(b *testing.B) {
	for _, n := range []int{500, 2000, 5000, 20000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			dir := scaleSite(b, n)
			var res *Result
			for b.Loop() {
				var probs = func() error {
					r, probs := Run(Options{Site: dir, SystemFonts: noSystemFonts})
					res = r
					return probs.Err()
				}()
				if probs != nil {
					b.Fatal(probs)
				}
			}
			b.ReportMetric(float64(res.Pages), "pages")
			b.ReportMetric(float64(res.PDFPages), "pdf-pages")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/campus")
		})
	}
}
