package build

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/synth"
)

// scaleSite writes a site with a generated county of n campuses and the example's county figures,
// survey, history and chapters.
func scaleSite(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := synth.WriteSite("../..", dir, n, 7); err != nil {
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

// A table of more campuses than a site is made for is refused before anything is rendered, with
// the limit in the message, and the output is left alone; the evaluation alone still runs.
func TestTooManyCampuses(t *testing.T) {
	dir := scaleSite(t, report.MaxCampuses+1)
	out := filepath.Join(t.TempDir(), "output")
	_, probs := Run(Options{Site: dir, Out: out})
	if probs.Err() == nil || !strings.Contains(probs.Error(), strconv.Itoa(report.MaxCampuses)) || !strings.Contains(probs.Error(), "data/schools.csv") {
		t.Fatalf("want a refusal naming the limit and the table, got %v", probs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output written: %v", err)
	}
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if res := s.Evaluate(); len(res.Units) == 0 {
		t.Error("the evaluation of a large table gives no units")
	}
}
