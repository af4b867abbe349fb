package run

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/testbrowser"
)

// The output holds every page, the workbook, the PDF and rollup.json; the county with a
// website in its package links to its copy; the same inputs give the same bytes, file by file.
func TestOutputFilesAndDeterminism(t *testing.T) {
	f := packages(t)
	r, _, out := rollupOf(t, Options{Inputs: []string{f.dir}})
	_, _, again := rollupOf(t, Options{Inputs: []string{f.dir}})
	a, b := tree(t, out), tree(t, again)
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	for _, name := range []string{".youjun-output", "index.html", "cv.html", "distributions.html", "publish.html", JSONName, XLSXName, PDFName,
		"assets/echarts.min.js", "assets/style.css", "assets/rollup.css"} {
		if _, ok := a[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	linked := 0
	for _, c := range r.Counties {
		page := string(a["counties/"+c.ID+".html"])
		if page == "" {
			t.Errorf("no page for %s", c.Name)
		}
		if c.Site != "" {
			linked++
			if _, ok := a[c.Site]; !ok || !strings.Contains(page, `href="../`+c.Site+`"`) {
				t.Errorf("%s: site %s not copied or not linked", c.Name, c.Site)
			}
		}
	}
	if linked != 1 {
		t.Errorf("%d counties link their site, want 1 (示例县)", linked)
	}
	if !strings.Contains(string(a["publish.html"]), "湘水县") || strings.Contains(string(a["publish.html"]), "示例县</a>") {
		t.Error("公示名单: 湘水县 (达到) missing or 示例县 (未达到) listed")
	}
}

func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The workbook's 差异系数 sheet holds each county's unrounded CVs; the 公示名单 lists the
// counties that reach the standard.
func TestWorkbook(t *testing.T) {
	f := packages(t)
	r, _, out := rollupOf(t, Options{Inputs: []string{f.dir}})
	x, err := excelize.OpenFile(filepath.Join(out, XLSXName))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), " "); got != "总览 差异系数 公示名单 问题清单" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := x.GetRows("差异系数", excelize.Options{RawCellValue: true})
	if len(rows) != len(r.Counties)+1 || rows[0][3] != "小学 R1" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	for i, c := range r.Counties {
		// Excel keeps 15 significant digits.
		want := *c.Levels[0].Indicators[0].CV
		got, err := strconv.ParseFloat(rows[i+1][3], 64)
		if rows[i+1][0] != c.Name || err != nil || math.Abs(got-want) > 1e-14*want {
			t.Errorf("row %d: %v, want %s %v", i+1, rows[i+1][:4], c.Name, want)
		}
	}
	pub, _ := x.GetRows("公示名单")
	if len(pub) != len(r.Published())+1 {
		t.Errorf("公示名单 %d rows, want %d", len(pub)-1, len(r.Published()))
	}
}

func tool(t *testing.T, name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("YOUJUN_CI") != "" {
			t.Fatalf("找不到 %s：CI 必须安装它", name)
		}
		t.Skipf("skipped: no %s on this machine", name)
	}
	return p
}

// The PDF passes qpdf --check, and pdftotext finds the title, every county with its verdict
// and its CVs as the heat table prints them.
func TestPDFText(t *testing.T) {
	qpdf, pdftotext := tool(t, "qpdf"), tool(t, "pdftotext")
	f := packages(t)
	r, _, out := rollupOf(t, Options{Inputs: []string{f.dir}})
	pdf := filepath.Join(out, PDFName)
	if b, err := exec.Command(qpdf, "--check", pdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, b)
	}
	b, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{r.Title, "一、各省、市情况", "三、各县差异系数对照", "四、公示名单", "共 5 个县（市、区）"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, c := range r.Counties {
		if !strings.Contains(text, c.Name) {
			t.Errorf("PDF text lacks %s", c.Name)
		}
		for _, l := range c.Levels {
			for _, ind := range l.Indicators {
				if ind.CV != nil && !strings.Contains(text, num.Fixed(*ind.CV, 3)) {
					t.Errorf("PDF text lacks %s %s %s CV %s", c.Name, l.Level, ind.ID, num.Fixed(*ind.CV, 3))
				}
			}
		}
	}
}

// --out may not be an input, a folder holding one, or a folder youjun did not make.
func TestOutRefused(t *testing.T) {
	f := packages(t)
	mine := t.TempDir()
	os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("x"), 0o644)
	for out, want := range map[string]string{f.dir: "输入目录本身或它的上级目录", filepath.Dir(f.dir): "输入目录本身或它的上级目录", mine: "不是 youjun 生成的"} {
		_, probs := Run(Options{Inputs: []string{f.dir}, Out: out, SystemFonts: noFonts})
		if probs.Err() == nil || !strings.Contains(probs.Error(), want) {
			t.Errorf("--out %s: %v, want a refusal saying %q", out, probs, want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(mine, "notes.txt")); string(b) != "x" {
		t.Error("a refused --out was changed")
	}
	// The inputs are all still there.
	for _, name := range []string{"a-示例县/manifest.json", "b-湘水县.zip"} {
		if _, err := os.Stat(filepath.Join(f.dir, name)); err != nil {
			t.Errorf("input %s: %v", name, err)
		}
	}
}

// The pages open from file:// in headless Chromium: every chart holds a canvas with drawn
// pixels and the console reports no error.
func TestChartsDrawInBrowser(t *testing.T) {
	allocCtx := testbrowser.Allocator(t, 1280, 1000)
	f := packages(t)
	r, _, out := rollupOf(t, Options{Inputs: []string{f.dir}})
	for _, page := range []string{"index.html", "distributions.html", "cv.html", "counties/" + r.Counties[0].ID + ".html"} {
		t.Run(page, func(t *testing.T) {
			var mu sync.Mutex
			var problems []string
			ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
				mu.Lock()
				defer mu.Unlock()
				switch ev := ev.(type) {
				case *runtime.EventConsoleAPICalled:
					if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
						problems = append(problems, fmt.Sprintf("console.%s", ev.Type))
					}
				case *runtime.EventExceptionThrown:
					problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
				}
			}))
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
			defer cancelTimeout()
			type drawn struct {
				ID     string `json:"id"`
				Canvas int    `json:"canvas"`
				Inked  int    `json:"inked"`
			}
			url := "file://" + filepath.ToSlash(filepath.Join(out, page))
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
			wantCharts := map[string]int{"index.html": 1, "distributions.html": 28}[page]
			if len(charts) != wantCharts {
				t.Errorf("%d charts, want %d", len(charts), wantCharts)
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
