package build

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/site"
)

// typesetSites are the sites whose PDFs the typesetting tests read: both examples and a
// generated county of 500 campuses.
func typesetSites(t *testing.T) map[string]string {
	return map[string]string{"example": "../..", "hunan": "../../examples/hunan", "500": scaleSite(t, 500)}
}

// buildSitePDF builds a site's PDF with the embedded fonts only.
func buildSitePDF(t *testing.T, dir string) *Result {
	t.Helper()
	res, probs := Run(Options{Site: dir, Out: filepath.Join(t.TempDir(), "output"), Only: "pdf", SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return res
}

// qpdfCheck runs `qpdf --check`; without qpdf the test skips, unless YOUJUN_CI is set.
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	q, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("YOUJUN_CI") != "" {
			t.Fatal("找不到 qpdf：CI 必须安装 qpdf")
		}
		t.Skip("skipped: no qpdf on this machine (apt-get install -y qpdf); CI runs this test")
	}
	if out, err := exec.Command(q, "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", path, err, out)
	}
}

// Every PDF passes qpdf's structural check.
func TestPDFValid(t *testing.T) {
	for name, dir := range typesetSites(t) {
		t.Run(name, func(t *testing.T) {
			qpdfCheck(t, buildSitePDF(t, dir).PDF)
		})
	}
}

// bboxLine is a line of text as pdftotext -bbox-layout finds it: its words.
type bboxLine []string

var (
	bboxPageRe = regexp.MustCompile(`(?s)<page .*?</page>`)
	bboxLineRe = regexp.MustCompile(`(?s)<line [^>]*>(.*?)</line>`)
	bboxWordRe = regexp.MustCompile(`<word [^>]*>([^<]*)</word>`)
)

// bboxPages reads the lines of every page.
func bboxPages(t *testing.T, pdf string) [][]bboxLine {
	var out [][]bboxLine
	for _, p := range bboxPageRe.FindAllString(pdftotext(t, pdf, "-bbox-layout"), -1) {
		var lines []bboxLine
		for _, l := range bboxLineRe.FindAllStringSubmatch(p, -1) {
			var words bboxLine
			for _, w := range bboxWordRe.FindAllStringSubmatch(l[1], -1) {
				words = append(words, html.UnescapeString(w[1]))
			}
			lines = append(lines, words)
		}
		out = append(out, lines)
	}
	return out
}

// appendixTables are the site's 附表1 and 附表2 as the report prints them.
func appendixTables(t *testing.T, dir string) []*report.Table {
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return report.New(s.Evaluate(), s.Profile, s.County).Tables()[:2]
}

// Every code and value of 附表1 and 附表2 is printed whole, as one word on one line, however
// many columns the table has.
func TestPDFAppendixValuesWhole(t *testing.T) {
	for name, dir := range typesetSites(t) {
		t.Run(name, func(t *testing.T) {
			res := buildSitePDF(t, dir)
			words := map[string]bool{}
			for _, p := range bboxPages(t, res.PDF) {
				for _, l := range p {
					for _, w := range l {
						words[w] = true
					}
				}
			}
			checked := 0
			for _, tb := range appendixTables(t, dir) {
				for _, row := range tb.Rows {
					for i, c := range row {
						if (!tb.Columns[i].Numeric && i != 0) || c.Text == "" {
							continue
						}
						checked++
						if !words[c.Text] {
							t.Errorf("%s: %s %q is not printed whole", tb.Title, tb.Columns[i].Header, c.Text)
						}
					}
				}
			}
			if checked < 100 {
				t.Errorf("only %d values checked", checked)
			}
		})
	}
}
