package build

import (
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkHTMLScale builds the pages alone (--only html: the pages, the downloads, the checks
// and the writing) of generated counties of growing size, the part that scripts/hugocompare
// times against Hugo: the time per page should stay the same as the county grows.
func BenchmarkHTMLScale(b *testing.B) {
	for _, n := range []int{500, 2000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			dir := scaleSite(b, n)
			out := filepath.Join(b.TempDir(), "output")
			var pages int
			for b.Loop() {
				res, probs := Run(Options{Site: dir, Out: out, Only: "html"})
				if probs.Err() != nil {
					b.Fatal(probs)
				}
				pages = res.Pages
			}
			b.ReportMetric(float64(pages), "pages")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(pages), "µs/page")
		})
	}
}
