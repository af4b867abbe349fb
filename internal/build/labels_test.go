package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/summary"
	"github.com/youjun-edu/youjun/internal/testsite"
)

// A site that overrides the floor ratio (85% → 90%) and the size below which a teaching point
// takes no part (50 → 30) reads its own numbers everywhere: in every HTML page, in the PDF and
// in the terminal summary, none of them still says 85% or 不足50人.
func TestLabelsFollowProfile(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	cfg, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, "\n[standard.override]\n\"resource.floor_ratio\" = 0.9\n\"resource.min_teaching_point_students\" = 30\n"...)
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	// The example's chapters are the county's own prose, written for 85%; this county's
	// chapter shows the generated figures and tables that speak of the floor.
	chapters, _ := filepath.Glob(filepath.Join(dir, "content", "*.md"))
	for _, c := range chapters {
		os.Remove(c)
	}
	chapter := "+++\ntitle = \"一、资源配置\"\norder = 1\n+++\n\n资源配置情况如下。\n\n" +
		"{{< chart \"meeting-primary\" >}}\n\n{{< chart \"dist-primary-R5\" >}}\n\n{{< table \"resource-primary\" >}}\n\n{{< table \"excluded\" >}}\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "01-resource.md"), []byte(chapter), 0o644); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(t.TempDir(), "output")
	res, probs := Run(Options{Site: dir, Out: out, SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	// The profile's own names may say 85% of something else (G15, S1: 社会认可度达到85%以上);
	// those are its labels, not the floor's.
	var names []string
	for _, it := range s.Profile.Items {
		if strings.Contains(it.Name, "85%") {
			names = append(names, it.Name)
		}
	}
	check := func(where, text string) {
		t.Helper()
		for _, n := range names {
			text = strings.ReplaceAll(text, n, "")
		}
		text = stripOtherEightyFive(text)
		for _, bad := range []*regexp.Regexp{floor85, under50} {
			if loc := bad.FindStringIndex(text); loc != nil {
				t.Errorf("%s: still says %q: …%s…", where, text[loc[0]:loc[1]], around(text, loc[0]))
			}
		}
	}
	var html strings.Builder
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(out, p)
			check(rel, string(b))
			html.Write(b)
		}
		return nil
	})
	if !strings.Contains(html.String(), "90%") {
		t.Error("the site never says 90%")
	}
	pdfText := squeeze(pdftotext(t, res.PDF))
	check("PDF", pdfText)
	if !strings.Contains(pdfText, "90%") {
		t.Error("the PDF never says 90%")
	}
	var term bytes.Buffer
	if err := summary.Write(&term, report.New(s.Evaluate(), s.Profile, s.County), "示例县"); err != nil {
		t.Fatal(err)
	}
	check("summary", term.String())
}

var (
	floor85 = regexp.MustCompile(`(^|[^0-9.])85%`) // not 6.85%
	under50 = regexp.MustCompile(`不足50人`)
)

// stripOtherEightyFive removes the example's 85% that are not the floor: the thresholds of G15
// (随迁子女 85%) and S1 (社会认可度 85%), which the profile states in its checks.
func stripOtherEightyFive(s string) string {
	for _, ok := range []string{"标准不低于85%", "比例不低于85%", "认可度达到85%", "标准 85% 以上", "不低于 85%", "85%以上"} {
		s = strings.ReplaceAll(s, ok, "")
	}
	return s
}

func around(s string, i int) string {
	return strings.ToValidUTF8(s[max(0, i-120):min(len(s), i+60)], "")
}
