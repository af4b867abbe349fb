package rollpdf

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/youjun-edu/youjun/internal/pdf/fonts"
	"github.com/youjun-edu/youjun/internal/rollup"
)

// examples is the rollup of the two examples, as the run package's golden file holds it.
func examples(t *testing.T) *rollup.Rollup {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "run", "testdata", "examples.rollup.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := rollup.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// grown is r with n copies of its counties, each renamed, so that the tables grow row by row.
func grown(r *rollup.Rollup, n int) *rollup.Rollup {
	g := *r
	g.Counties = nil
	for i := range n {
		for _, c := range r.Counties {
			c.Name = fmt.Sprintf("%s%02d", c.Name, i)
			c.Code = ""
			g.Counties = append(g.Counties, c)
		}
	}
	g.Summary.Counties = len(g.Counties)
	return &g
}

func pagesText(t *testing.T, pdf []byte) []string {
	t.Helper()
	exe, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("YOUJUN_CI") != "" {
			t.Fatal("找不到 pdftotext：CI 必须安装它")
		}
		t.Skip("skipped: no pdftotext on this machine")
	}
	f := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(exe, f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\f")
}

// A 公示名单 short enough for one page is printed on one page with its heading and its note,
// wherever the tables before it end: a list posted on a notice board is not split with a few
// names at the foot of a page.
func TestPublishListKeptOnOnePage(t *testing.T) {
	set, err := fonts.Find([4]string{}, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	base := examples(t)
	for n := 1; n <= 24; n++ {
		r := grown(base, n)
		out, err := Render(r, set, time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		pub := r.Published()
		if len(pub) == 0 {
			t.Fatal("no county to publish")
		}
		found := false
		for _, page := range pagesText(t, out.PDF) {
			if !strings.Contains(page, "四、公示名单") {
				continue
			}
			found = true
			if !strings.Contains(page, fmt.Sprintf("以下 %d 个县（市、区）", len(pub))) {
				t.Errorf("%d counties: the 公示名单's note is not on its heading's page", len(r.Counties))
			}
			for _, c := range pub {
				if !strings.Contains(page, c.Name) {
					t.Errorf("%d counties: %s is not on the 公示名单's first page", len(r.Counties), c.Name)
				}
			}
		}
		if !found {
			t.Errorf("%d counties: no 公示名单", len(r.Counties))
		}
	}
}

// The heat shades darken from 低 to 超限 in grey as well as in colour: printed in black and
// white, a darker cell is still a CV nearer its limit.
func TestHeatShadesDarkenInGrey(t *testing.T) {
	grey := func(c [3]uint8) float64 { return 0.299*float64(c[0]) + 0.587*float64(c[1]) + 0.114*float64(c[2]) }
	order := []string{"low", "mid", "high", "critical", "fail"}
	for i := 1; i < len(order); i++ {
		a, b := grey(fills[order[i-1]]), grey(fills[order[i]])
		if b >= a-5 {
			t.Errorf("%s (grey %.0f) is not clearly darker than %s (grey %.0f)", order[i], b, order[i-1], a)
		}
	}
}
