package build

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/pdf/fonts"
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

// bboxLine is a line of text as pdftotext -bbox-layout finds it: its words and its box.
type bboxLine struct {
	words          []string
	x0, y0, x1, y1 float64
}

func (l bboxLine) text() string { return strings.Join(l.words, " ") }

var (
	bboxPageRe = regexp.MustCompile(`(?s)<page .*?</page>`)
	bboxLineRe = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>`)
	bboxWordRe = regexp.MustCompile(`<word [^>]*>([^<]*)</word>`)
)

// bboxPages reads the lines of every page.
func bboxPages(t *testing.T, pdf string) [][]bboxLine {
	var out [][]bboxLine
	for _, p := range bboxPageRe.FindAllString(pdftotext(t, pdf, "-bbox-layout"), -1) {
		var lines []bboxLine
		for _, l := range bboxLineRe.FindAllStringSubmatch(p, -1) {
			var line bboxLine
			for _, w := range bboxWordRe.FindAllStringSubmatch(l[5], -1) {
				line.words = append(line.words, html.UnescapeString(w[1]))
			}
			line.x0, _ = strconv.ParseFloat(l[1], 64)
			line.y0, _ = strconv.ParseFloat(l[2], 64)
			line.x1, _ = strconv.ParseFloat(l[3], 64)
			line.y1, _ = strconv.ParseFloat(l[4], 64)
			lines = append(lines, line)
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
					for _, w := range l.words {
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

// No heading is the last thing on its page: each keeps the start of what follows it. On a
// landscape page, turned anticlockwise, what follows lies to the right.
func TestPDFNoHeadingEndsPage(t *testing.T) {
	for name, dir := range typesetSites(t) {
		t.Run(name, func(t *testing.T) {
			res := buildSitePDF(t, dir)
			pages := bboxPages(t, res.PDF)
			front := -1 // physical pages before printed page 1
			for i, p := range pages {
				for _, l := range p {
					if squeeze(l.text()) == "—1—" {
						front = i
					}
				}
				if front >= 0 {
					break
				}
			}
			if front < 0 {
				t.Fatal("no page — 1 —")
			}
			for _, h := range res.Headings {
				lines := pages[front+h.Page-1]
				var at *bboxLine
				for i, l := range lines {
					if s := squeeze(l.text()); s != "" && strings.HasSuffix(squeeze(h.Text), s) {
						at = &lines[i]
					}
				}
				if at == nil {
					t.Errorf("%q is not on printed page %d", h.Text, h.Page)
					continue
				}
				rotated := at.y1-at.y0 > at.x1-at.x0
				after := false
				for _, l := range lines {
					if pageNumberRe.MatchString(l.text()) {
						continue
					}
					if (!rotated && l.y0 > at.y1-0.5) || (rotated && l.x0 > at.x1-0.5) {
						after = true
					}
				}
				if !after {
					t.Errorf("%q ends printed page %d; what follows it is overleaf", h.Text, h.Page)
				}
			}
		})
	}
}

// pdffonts lists the names of the fonts a PDF embeds.
func pdffonts(t *testing.T, path string) []string {
	out, err := exec.Command(poppler(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	var names []string
	for _, l := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 0 {
			names = append(names, f[0])
		}
	}
	return names
}

// Without official fonts the PDF embeds two faces, the brush face of the body and the
// sans-serif face of headings and bold, and says once which fonts were not found and where
// they go; a strict build does not fail for it.
func TestPDFBuiltinFonts(t *testing.T) {
	res, probs := Run(Options{Site: "../../examples/hunan", Out: filepath.Join(t.TempDir(), "out"), Only: "pdf", Strict: true, SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if got := pdffonts(t, res.PDF); !slices.Contains(got, "YoujunWenKaiGB") || !slices.Contains(got, "WenQuanYiMicroHei") {
		t.Errorf("fonts = %v", got)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "正文（仿宋）、一级标题（黑体）、二级标题（楷体）、标题（小标宋）") || !strings.Contains(res.Notes[0], "[pdf.fonts]") {
		t.Errorf("notes = %q", res.Notes)
	}
}

// Fonts named in site.toml's [pdf.fonts] set their roles: real TrueType files stand in for
// 仿宋, 黑体, 楷体 and 小标宋, each embedded under its own name, and no note is given.
func TestPDFSiteFonts(t *testing.T) {
	dir := copySite(t)
	os.MkdirAll(filepath.Join(dir, "fonts"), 0o755)
	sans, _ := fonts.Embedded()
	brush, _ := fonts.EmbeddedBrush()
	for name, data := range map[string][]byte{"fangsong.ttf": brush.Data, "hei.ttf": sans.Data, "kai.ttf": brush.Data, "xiaobiaosong.ttf": sans.Data} {
		os.WriteFile(filepath.Join(dir, "fonts", name), data, 0o644)
	}
	toml, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	toml = append(toml, "\n[pdf.fonts]\nbody = \"fonts/fangsong.ttf\"\nheading = \"fonts/hei.ttf\"\nkai = \"fonts/kai.ttf\"\ntitle = \"fonts/xiaobiaosong.ttf\"\n"...)
	os.WriteFile(filepath.Join(dir, "site.toml"), toml, 0o644)
	res := buildSitePDF(t, dir)
	got := pdffonts(t, res.PDF)
	for _, want := range []string{"fangsong-0", "hei-1", "kai-2", "xiaobiaosong-3"} {
		if !slices.Contains(got, want) {
			t.Errorf("fonts = %v, want %s among them", got, want)
		}
	}
	if len(res.Notes) != 0 {
		t.Errorf("notes = %q", res.Notes)
	}
	qpdfCheck(t, res.PDF)
	if text := squeeze(pdftotext(t, res.PDF)); !strings.Contains(text, "一号民生工程") {
		t.Error("the PDF lacks the bold phrase")
	}
}
