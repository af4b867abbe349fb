package build

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/youjun-edu/youjun/internal/testbrowser"
)

// Opens pages of the built site from file:// in headless Chromium and checks that every chart
// container holds a canvas with drawn pixels and that the console reports no error.
func TestChartsDrawInBrowser(t *testing.T) {
	allocCtx := testbrowser.Allocator(t, 1280, 1000)
	out := buildExample(t)
	for _, page := range []string{"index.html", "indicators/R5.html", "03-self-evaluation/index.html"} {
		t.Run(page, func(t *testing.T) {
			var mu sync.Mutex
			var problems []string
			ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
				mu.Lock()
				defer mu.Unlock()
				switch ev := ev.(type) {
				case *runtime.EventConsoleAPICalled:
					if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
						var args []string
						for _, a := range ev.Args {
							args = append(args, string(a.Value)+a.Description)
						}
						problems = append(problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
					}
				case *runtime.EventExceptionThrown:
					d := ev.ExceptionDetails
					msg := d.Text
					if d.Exception != nil {
						msg += " " + d.Exception.Description
					}
					problems = append(problems, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
				}
			}))
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
			defer cancelTimeout()
			url := "file://" + filepath.ToSlash(filepath.Join(out, page))
			type drawn struct {
				ID     string `json:"id"`
				Canvas int    `json:"canvas"`
				Inked  int    `json:"inked"`
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body"), chromedp.Sleep(500*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]drawn](`Array.from(document.querySelectorAll("[data-chart]")).map(el => {
					const c = el.querySelector("canvas");
					let inked = 0;
					if (c && c.width > 0 && c.height > 0) {
						const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
						for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) inked++;
					}
					return {id: el.id, canvas: c ? 1 : 0, inked: inked};
				})`))
			if err != nil {
				t.Fatal(err)
			}
			if len(charts) == 0 {
				t.Fatal("no chart containers on the page")
			}
			for _, c := range charts {
				if c.Canvas == 0 || c.Inked < 1000 {
					t.Errorf("chart %s: canvas %d, %d drawn pixels", c.ID, c.Canvas, c.Inked)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}

// The 附表 and the list of schools sort by a column in a real browser: numbers by value, the
// 合计 row last, a second click reverses.
func TestTablesSortInBrowser(t *testing.T) {
	allocCtx := testbrowser.Allocator(t, 1280, 1000)
	out := buildExample(t)
	type sorted struct {
		Asc, Desc []string
		Sort      string
	}
	for _, tt := range []struct {
		page    string
		numeric bool
	}{{"tables/plan-schools.html", true}, {"tables/plan.html", true}, {"schools/index.html", false}} {
		t.Run(tt.page, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(allocCtx)
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
			defer cancelTimeout()
			url := "file://" + filepath.ToSlash(filepath.Join(out, tt.page))
			if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			// The last numeric column, or the first column of a text sort.
			js := fmt.Sprintf(`(() => {
				const t = document.querySelector("table.sortable");
				const ths = Array.from(t.tHead.rows[0].cells);
				const col = %v ? ths.map(th => th.classList.contains("num")).lastIndexOf(true) : 0;
				const read = () => Array.from(t.tBodies[0].rows).map(r => r.cells[0].textContent.trim() + "|" + r.cells[col].textContent.trim());
				ths[col].click(); const asc = read();
				ths[col].click(); const desc = read();
				return {Asc: asc, Desc: desc, Sort: ths[col].getAttribute("aria-sort")};
			})()`, tt.numeric)
			s, err := chromedp.Run(ctx, chromedp.Evaluate[sorted](js))
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Asc) < 3 || len(s.Asc) != len(s.Desc) || s.Sort != "descending" {
				t.Fatalf("sorted %d/%d rows, aria-sort %q", len(s.Asc), len(s.Desc), s.Sort)
			}
			check := func(rows []string, dir float64) {
				var prev string
				for i, r := range rows {
					first, val, _ := strings.Cut(r, "|")
					if first == "合计" {
						if i != len(rows)-1 {
							t.Errorf("合计 is row %d of %d", i+1, len(rows))
						}
						continue
					}
					if i > 0 && prev != "" {
						if tt.numeric {
							a, b := sortNumber(prev), sortNumber(val)
							if (b-a)*dir < 0 {
								t.Errorf("row %d: %s after %s", i+1, val, prev)
							}
						} else if strings.Compare(val, prev)*int(dir) < 0 {
							t.Errorf("row %d: %s after %s", i+1, val, prev)
						}
					}
					prev = val
				}
			}
			check(s.Asc, 1)
			check(s.Desc, -1)
		})
	}
}

// sortNumber reads a cell as sort.js does: its first number, or below every number.
func sortNumber(s string) float64 {
	s = strings.ReplaceAll(s, ",", "")
	start := strings.IndexAny(s, "-0123456789")
	if start < 0 {
		return math.Inf(-1)
	}
	end := start + 1
	for end < len(s) && strings.ContainsRune("0123456789.", rune(s[end])) {
		end++
	}
	v, err := strconv.ParseFloat(s[start:end], 64)
	if err != nil {
		return math.Inf(-1)
	}
	return v
}
