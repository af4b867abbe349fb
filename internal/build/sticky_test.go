package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/youjun-edu/youjun/internal/testbrowser"
)

// In an appendix table scrolled far right and down, the header row, the school's name and its
// verdict stay in view; a distribution chart has a row for every school (issue 11 item 10 and 8).
func TestStickyTablesAndTallCharts(t *testing.T) {
	allocCtx := testbrowser.Allocator(t, 900, 700)
	out := buildExample(t)
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	type box struct {
		Scrolled                                   bool
		BoxTop, BoxLeft, BoxRight                  float64
		HeadTop, NameLeft, NameRight, VerdictRight float64
		NameText                                   string
	}
	url := "file://" + filepath.ToSlash(filepath.Join(out, "tables", "resource-primary.html"))
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	b, err := chromedp.Run(ctx, chromedp.Evaluate[box](`(() => {
		const s = document.querySelector(".table-scroll");
		s.scrollTop = 800; s.scrollLeft = 2000;
		const r = s.getBoundingClientRect();
		const row = s.querySelectorAll("tbody tr")[30];
		const name = row.children[1].getBoundingClientRect(), verdict = row.lastElementChild.getBoundingClientRect();
		const head = s.querySelector("thead th").getBoundingClientRect();
		return {Scrolled: s.scrollTop > 0 && s.scrollLeft > 0, BoxTop: r.top, BoxLeft: r.left, BoxRight: r.right,
			HeadTop: head.top, NameLeft: name.left, NameRight: name.right, VerdictRight: verdict.right, NameText: row.children[1].textContent};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !b.Scrolled {
		t.Fatalf("the table does not scroll in its box: %+v", b)
	}
	if b.HeadTop-b.BoxTop > 1 || b.NameLeft < b.BoxLeft-1 || b.NameRight > b.BoxRight || b.VerdictRight > b.BoxRight+1 || b.VerdictRight < b.BoxRight-30 {
		t.Errorf("scrolled, the header, the name %q and the verdict leave the view: %+v", b.NameText, b)
	}

	url = "file://" + filepath.ToSlash(filepath.Join(out, "indicators", "R5.html"))
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body"), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	h, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[document.getElementById("chart-dist-primary-R5").clientHeight, document.querySelectorAll("#chart-dist-primary-R5-data").length]`))
	if err != nil {
		t.Fatal(err)
	}
	if h[0] < 22*62 {
		t.Errorf("the primary R5 chart is %v px high: no row for each of 62 schools", h[0])
	}
}

// The overview's <title> names the county and the report; an indicator whose CV is within its
// limit while some schools fall short is labelled 差异系数达到, not 达到 (issue 11 item 10).
func TestTitleAndCVLabel(t *testing.T) {
	out := buildExample(t)
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(index), "<title>示例县义务教育优质均衡发展自评报告</title>") {
		t.Errorf("the overview's title: %s", regexp.MustCompile(`<title>.*</title>`).Find(index))
	}
	list, _ := os.ReadFile(filepath.Join(out, "indicators", "index.html"))
	row := func(id string) string {
		return regexp.MustCompile(`<tr><td><a href="../indicators/` + id + `.html">.*</tr>`).FindString(string(list))
	}
	// R7: 19 of 21 junior schools meet it; R1: every school does.
	if r := row("R7"); !strings.Contains(r, `<span class="verdict ok">差异系数达到</span>`) {
		t.Errorf("R7 row %s", r)
	}
	if r := row("R1"); !strings.Contains(r, `<span class="verdict ok">达到</span>`) {
		t.Errorf("R1 row %s", r)
	}
}
