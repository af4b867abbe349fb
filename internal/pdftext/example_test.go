package pdftext_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/pdftext"
)

// built holds the PDFs of the example sites, built once for all tests.
var built struct {
	sync.Mutex
	pdfs map[string]builtPDF
}

type builtPDF struct {
	pdf   []byte
	pages int
}

// The repository's example (示例县) and the Hunan one (湘水县).
const (
	rootSite  = "../.."
	hunanSite = "../../examples/hunan"
)

// examplePDF builds the repository's example report.
func examplePDF(t testing.TB) ([]byte, int) { return sitePDF(t, rootSite) }

// sitePDF builds the report of a site with the built-in fonts only, so that the PDF does not
// depend on the fonts of the machine.
func sitePDF(t testing.TB, site string) ([]byte, int) {
	t.Helper()
	built.Lock()
	defer built.Unlock()
	if b, ok := built.pdfs[site]; ok {
		return b.pdf, b.pages
	}
	no := false
	res, probs := build.Run(build.Options{Site: site, Out: filepath.Join(t.TempDir(), "output"), Only: "pdf", SystemFonts: &no})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	pdf, err := os.ReadFile(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	if built.pdfs == nil {
		built.pdfs = map[string]builtPDF{}
	}
	built.pdfs[site] = builtPDF{pdf, res.PDFPages}
	return pdf, res.PDFPages
}

func extract(t testing.TB, pdf []byte) []pdftext.Page {
	t.Helper()
	pages, err := pdftext.Extract(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// find returns the page and line (1-based) of the first line that contains s.
func find(pages []pdftext.Page, s string) (int, int) {
	for _, p := range pages {
		for i, l := range p.Lines {
			if strings.Contains(l, s) {
				return p.Number, i + 1
			}
		}
	}
	return 0, 0
}

// The example's text comes out with its title, county, figures and table rows whole.
func TestExampleText(t *testing.T) {
	pdf, n := examplePDF(t)
	pages := extract(t, pdf)
	if len(pages) != n {
		t.Fatalf("%d pages, the build says %d", len(pages), n)
	}
	if got := pages[0].Lines; !slices.Equal(got, []string{"示例县义务教育优质", "均衡发展自评报告", "示例县教育局", "2025年10月15日"}) {
		t.Errorf("cover = %q", got)
	}
	for _, line := range []string{
		"示例县义务教育优质均衡发展自评报告",
		"示例县位于示例省中部，辖4个镇、8个乡，总面积",
		"全面落实“双减”，初中三年巩固率达到98.2%，残疾儿童少",
		"小学七项指标差异系数分别为0.215、0.264、0.168、",
		"小学 R5 生均体育运动场馆面积 7.5 12.80 6.36 0.497 0.5 61/62 达到（临界）",
		"小学 R6 生均教学仪器设备值 2000 3,419.97 667.97 0.195 0.5 62/62 达到",
		"— 3 —",
	} {
		found := false
		for _, p := range pages {
			found = found || slices.Contains(p.Lines, line)
		}
		if !found {
			t.Errorf("no line %q", line)
		}
	}
}

// tool finds a program the tests compare with (pdftotext, qpdf); without it the test skips,
// unless YOUJUN_CI is set: CI installs them.
func tool(t *testing.T, name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if os.Getenv("YOUJUN_CI") != "" {
		t.Fatalf("找不到 %s：CI 必须安装 poppler-utils 和 qpdf", name)
	}
	t.Skipf("skipped: no %s on this machine (apt-get install -y poppler-utils qpdf); CI runs this test", name)
	return ""
}

var pageNumber = regexp.MustCompile(`—\s*(\d+)\s*—`)

// tokens is the multiset of the white-space separated words of a page. Page numbers are written
// "— 3 —"; poppler joins the short ones into one word, so they are counted as one word here.
func tokens(text string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.Fields(pageNumber.ReplaceAllString(text, "—$1—")) {
		m[w]++
	}
	return m
}

// Every page holds the same words as poppler's pdftotext finds in it: the text, and where the
// spaces fall (table cells, figures, "98.2%" one word).
func TestExampleMatchesPoppler(t *testing.T) {
	bin := tool(t, "pdftotext")
	for name, site := range map[string]string{"root": rootSite, "hunan": hunanSite} {
		t.Run(name, func(t *testing.T) {
			pdf, _ := sitePDF(t, site)
			matchesPoppler(t, bin, pdf)
		})
	}
}

func matchesPoppler(t *testing.T, bin string, pdf []byte) {
	path := filepath.Join(t.TempDir(), "example.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	want := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	pages := extract(t, pdf)
	if len(pages) != len(want) {
		t.Fatalf("%d pages, pdftotext %d", len(pages), len(want))
	}
	for i, p := range pages {
		got, w := tokens(strings.Join(p.Lines, "\n")), tokens(want[i])
		if !reflect.DeepEqual(got, w) {
			var only, missing []string
			for k, n := range got {
				if w[k] != n {
					only = append(only, k)
				}
			}
			for k, n := range w {
				if got[k] != n {
					missing = append(missing, k)
				}
			}
			t.Errorf("page %d: words only here %q, only in pdftotext %q", p.Number, only, missing)
		}
	}
}

// The file re-saved by qpdf, with its objects renumbered, in object and cross-reference streams,
// or linearized, reads the same.
func TestExampleResaved(t *testing.T) {
	qpdf := tool(t, "qpdf")
	pdf, _ := examplePDF(t)
	want := extract(t, pdf)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--qdf", "--object-streams=disable"}, {"--object-streams=generate"}, {"--linearize"}} {
		out := filepath.Join(dir, "out.pdf")
		if b, err := exec.Command(qpdf, append(args, in, out)...).CombinedOutput(); err != nil {
			t.Fatalf("qpdf %v: %v\n%s", args, err, b)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if d := changedLines(want, extract(t, b)); len(d) > 0 {
			t.Errorf("qpdf %v: %d differences, first %s", args, len(d), d[0])
		}
	}
}

// A number rewritten in a copy of the PDF, saved as an editor saves it (an incremental update
// that replaces the page's content), is read as rewritten on its page and line, and nothing else
// changes.
func TestExampleAltered(t *testing.T) {
	pdf, _ := examplePDF(t)
	want := extract(t, pdf)
	page, line := find(want, "巩固率达到98.2%")
	if page == 0 {
		t.Fatal("no 巩固率达到98.2% in the example")
	}
	altered, err := pdftext.RewriteText(pdf, page, "98.2%", "89.2%")
	if err != nil {
		t.Fatal(err)
	}
	got := extract(t, altered)
	d := changedLines(want, got)
	wantLine := want[page-1].Lines[line-1]
	if len(d) != 1 || d[0] != fmt.Sprintf("第 %d 页第 %d 行：%q → %q", page, line, wantLine, strings.Replace(wantLine, "98.2%", "89.2%", 1)) {
		t.Errorf("differences = %q", d)
	}
	// Poppler reads the altered file alike: it is a valid PDF, and the update is what counts.
	if bin, err := exec.LookPath("pdftotext"); err == nil || os.Getenv("YOUJUN_CI") != "" {
		path := filepath.Join(t.TempDir(), "altered.pdf")
		os.WriteFile(path, altered, 0o644)
		out, err := exec.Command(bin, "-f", itoa(page), "-l", itoa(page), path, "-").CombinedOutput()
		if err != nil || !strings.Contains(string(out), "89.2%") || strings.Contains(string(out), "98.2%") {
			t.Errorf("pdftotext of the altered page: %v\n%s", err, out)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func BenchmarkExtract(b *testing.B) {
	pdf, _ := examplePDF(b)
	b.SetBytes(int64(len(pdf)))
	for b.Loop() {
		if _, err := pdftext.Extract(pdf); err != nil {
			b.Fatal(err)
		}
	}
}

// A file cut short is damaged, or, when the cut spares the text (the end of the file holds the
// fonts' programs and the table, which a scan replaces), reads the same: it never silently loses
// text.
func TestExampleTruncated(t *testing.T) {
	pdf, _ := examplePDF(t)
	want := extract(t, pdf)
	for k := 1; k < 64; k++ {
		n := len(pdf) * k / 64
		got, err := pdftext.Extract(pdf[:n])
		if err != nil {
			if !errors.Is(err, pdftext.ErrCorrupt) {
				t.Errorf("cut at %d of %d: err = %v", n, len(pdf), err)
			}
			continue
		}
		if d := changedLines(want, got); len(d) > 0 {
			t.Errorf("cut at %d of %d: no error, but %d differences, first %s", n, len(pdf), len(d), d[0])
		}
	}
}

// Whatever the bytes, Extract returns pages or one of its errors, never panics, and keeps within
// its bounds; what it returns compares equal to itself.
func FuzzExtract(f *testing.F) {
	var seeds [][]byte
	for _, name := range []string{"testdata/handmade.pdf", "testdata/handmade-objstm.pdf"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	pdf, _ := examplePDF(f)
	seeds = append(append(seeds, pdftext.Seeds()...), pdf)
	for _, b := range seeds {
		f.Add(b)
		for k := 1; k < 8; k++ {
			f.Add(b[:len(b)*k/8])
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		pages, err := pdftext.Extract(b)
		if err != nil {
			if !errors.Is(err, pdftext.ErrNotPDF) && !errors.Is(err, pdftext.ErrEncrypted) &&
				!errors.Is(err, pdftext.ErrCorrupt) && !errors.Is(err, pdftext.ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for i, p := range pages {
			if p.Number != i+1 {
				t.Fatalf("page %d numbered %d", i+1, p.Number)
			}
			for _, l := range p.Lines {
				if l == "" || l != strings.TrimSpace(l) || !utf8.ValidString(l) {
					t.Fatalf("page %d: line %q", p.Number, l)
				}
			}
		}
	})
}

// changedLines lists where got's text differs from want's, line by line: the texts compared here
// differ, if at all, in a line's content, not in where lines fall.
func changedLines(want, got []pdftext.Page) []string {
	var d []string
	if len(want) != len(got) {
		d = append(d, fmt.Sprintf("%d 页 → %d 页", len(want), len(got)))
	}
	for i := range min(len(want), len(got)) {
		w, g := want[i].Lines, got[i].Lines
		if len(w) != len(g) {
			d = append(d, fmt.Sprintf("第 %d 页：%d 行 → %d 行", i+1, len(w), len(g)))
			continue
		}
		for j := range w {
			if w[j] != g[j] {
				d = append(d, fmt.Sprintf("第 %d 页第 %d 行：%q → %q", i+1, j+1, w[j], g[j]))
			}
		}
	}
	return d
}
