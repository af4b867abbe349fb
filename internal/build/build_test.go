package build

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/testsite"
)

var update = flag.Bool("update", false, "rewrite the golden pages")

// buildExample builds the repository's example site into a temporary folder.
func buildExample(t testing.TB) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "output")
	res, probs := Run(Options{Site: "../..", Out: out})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if res.Pages < 100 {
		t.Fatalf("only %d pages", res.Pages)
	}
	return out
}

func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = b
		}
		return nil
	})
	return files
}

// Golden pages of the example site: a change to them must be deliberate (go test -update).
func TestGoldenPages(t *testing.T) {
	out := buildExample(t)
	for _, page := range []string{"index.html", "schools/3612340012.html", "indicators/R5.html", "indicators/G3.html", "03-self-evaluation/index.html", "tables/cv.html"} {
		got, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			os.WriteFile(golden, got, 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test ./internal/build -update after checking the change)", page, golden)
		}
	}
}

func TestSiteContents(t *testing.T) {
	out := buildExample(t)
	files := readTree(t, out)
	for _, want := range []string{"index.html", "assets/echarts.min.js", "assets/LICENSE-echarts.txt", "assets/style.css", "data/evaluation.json",
		"data/resource-primary.csv", "data/resource-primary.xlsx", "schools/index.html", "indicators/R1.html", "indicators/P5.html",
		"tables/split.html", "01-overview/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("output lacks %s", want)
		}
	}
	// Every campus and every indicator has a page.
	schools, indicators := 0, 0
	for name := range files {
		switch {
		case strings.HasPrefix(name, "schools/") && name != "schools/index.html":
			schools++
		case strings.HasPrefix(name, "indicators/") && name != "indicators/index.html":
			indicators++
		}
	}
	if schools != 82 || indicators != 7+36 {
		t.Errorf("%d school pages, %d indicator pages", schools, indicators)
	}
	index := string(files["index.html"])
	for _, want := range []string{"评估结论：<span class=\"verdict fail\">未达到</span>", "未达到的项目（4项）", "示例县第三小学", "data-chart=\"cv-primary\""} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	ch := string(files["03-self-evaluation/index.html"])
	for _, want := range []string{`<span class="value">0.497</span>`, `id="table-cv"`, `<h2 id="一资源配置">（一）资源配置</h2>`} {
		if !strings.Contains(ch, want) {
			t.Errorf("chapter lacks %q", want)
		}
	}
	csv := string(files["data/cv.csv"])
	if !strings.HasPrefix(csv, "\xef\xbb\xbf学段,指标,标准") || !strings.Contains(csv, "0.4968") {
		t.Errorf("cv.csv = %.200q", csv)
	}
}

// No page may load anything from the network: no absolute or protocol-relative src/href, no
// remote url() in CSS.
func TestNoExternalResources(t *testing.T) {
	out := buildExample(t)
	remote := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//|@import`)
	for name, b := range readTree(t, out) {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".css") {
			continue
		}
		if m := remote.Find(b); m != nil {
			t.Errorf("%s references a remote resource: %s", name, m)
		}
	}
}

// Same input, same bytes: HTML, JSON, CSV and XLSX.
func TestDeterministic(t *testing.T) {
	a, b := readTree(t, buildExample(t)), readTree(t, buildExample(t))
	if len(a) != len(b) {
		t.Fatalf("%d vs %d files", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func copySite(t testing.TB) string { return testsite.Copy(t, "../..") }

// A failed build leaves the previous output as it was and no temporary folder behind.
func TestFailedBuildKeepsOutput(t *testing.T) {
	dir := copySite(t)
	out := filepath.Join(dir, "output")
	if _, probs := Run(Options{Site: dir}); probs.Err() != nil {
		t.Fatal(probs)
	}
	before := readTree(t, out)
	chapter := filepath.Join(dir, "content", "02-measures.md")
	src, _ := os.ReadFile(chapter)
	os.WriteFile(chapter, append(src, []byte("\n全县{{< value \"resource.primary.R9.cv\" >}}\n\n{{< chrat \"cv-junior\" >}}\n")...), 0o644)
	_, probs := Run(Options{Site: dir})
	msg := probs.Error()
	for _, want := range []string{`content/02-measures.md 第28行`, `没有名为「resource.primary.R9.cv」的数值`, `content/02-measures.md 第30行`, `未知的短代码「chrat」`, `是否为「chart」`} {
		if !strings.Contains(msg, want) {
			t.Errorf("problems\n%s\nlack %q", msg, want)
		}
	}
	after := readTree(t, out)
	if len(after) != len(before) || !bytes.Equal(after["index.html"], before["index.html"]) {
		t.Error("the failed build changed the output")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".output") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

// A school named <script>…</script> appears escaped in every page and in the chart options.
func TestSchoolNameIsEscaped(t *testing.T) {
	dir := copySite(t)
	table := filepath.Join(dir, "data", "schools.csv")
	src, _ := os.ReadFile(table)
	evil := `<script>alert(1)</script>`
	src = bytes.Replace(src, []byte("示例县第三小学"), []byte(evil), 1)
	os.WriteFile(table, src, 0o644)
	res, probs := Run(Options{Site: dir})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	files := readTree(t, res.Out)
	seen := 0
	for name, b := range files {
		if name == "assets/echarts.min.js" {
			continue
		}
		if bytes.Contains(b, []byte(evil)) && !strings.HasSuffix(name, ".csv") && !strings.HasSuffix(name, ".xlsx") {
			t.Errorf("%s contains the raw <script>", name)
		}
		if bytes.Contains(b, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
			seen++
		}
	}
	if seen < 3 {
		t.Errorf("the escaped name appears in only %d files", seen)
	}
	dist := string(files["indicators/R5.html"])
	if !strings.Contains(dist, `\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Error("chart options do not hold the name escaped")
	}
	if strings.Count(dist, "</script>") != strings.Count(dist, "<script") {
		t.Error("a script element is broken")
	}
}

// A file in the site's templates/ replaces the theme's layout of the same name.
func TestTemplateOverride(t *testing.T) {
	dir := copySite(t)
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	os.WriteFile(filepath.Join(dir, "templates", "chapter.html"), []byte(`{{define "main"}}<article class="mine">{{.Page.Title}}{{.Chapter.Body}}</article>{{end}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "templates", "style.css"), []byte("body{color:#000}"), 0o644)
	res, probs := Run(Options{Site: dir})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	files := readTree(t, res.Out)
	if !strings.Contains(string(files["01-overview/index.html"]), `<article class="mine">一、基本情况`) {
		t.Error("templates/chapter.html was not used")
	}
	if string(files["assets/style.css"]) != "body{color:#000}" {
		t.Error("templates/style.css was not used")
	}
	if !strings.Contains(string(files["index.html"]), `class="hero fail"`) {
		t.Error("the theme's index layout should still be used")
	}
	os.WriteFile(filepath.Join(dir, "templates", "school.html"), []byte(`{{define "main"}}{{.Nope}}{{end}}`), 0o644)
	_, probs = Run(Options{Site: dir})
	if probs.Err() == nil || !strings.Contains(probs.Error(), "schools/") {
		t.Errorf("a broken template must fail the build naming the page: %v", probs)
	}
}

// Each thing --strict refuses: the build without it succeeds and lists it as a warning; with it,
// the build fails and leaves no output.
func TestStrict(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(dir string)
		want   string
	}{
		{"data warning", func(dir string) {
			p := filepath.Join(dir, "data", "schools.csv")
			b, _ := os.ReadFile(p)
			lines := strings.SplitN(string(b), "\n", 2)
			os.WriteFile(p, []byte(lines[0]+",备注\n"+lines[1]), 0o644)
		}, "data/schools.csv 第1行「备注」: 不是学校数据表的列，已忽略"},
		{"待补充 item", func(dir string) {
			p := filepath.Join(dir, "data", "county.toml")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte("training_completion_rate = 100"), nil, 1), 0o644)
		}, "data/county.toml 第34行「G9.training_completion_rate」: 待补充：G9 教师培训完成率"},
		{"待补充 cell", func(dir string) {
			p := filepath.Join(dir, "data", "schools.csv")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte(",9611.5,"), []byte(",,"), 1), 0o644)
		}, "data/schools.csv 第2行「教学及辅助用房面积」: 待补充：示例县第一小学：「教学及辅助用房面积」未填"},
		{"missing chapter", func(dir string) {
			os.Remove(filepath.Join(dir, "content", "04-problems.md"))
		}, "content/: 缺少章节「四、存在问题」"},
		{"empty chapter", func(dir string) {
			os.WriteFile(filepath.Join(dir, "content", "05-next-steps.md"), []byte("+++\ntitle = \"五、下一步工作\"\norder = 5\n+++\n\n"), 0o644)
		}, "content/05-next-steps.md 第1行: 章节「五、下一步工作」还没有正文"},
		{"broken link", func(dir string) {
			p := filepath.Join(dir, "content", "05-next-steps.md")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, append(b, []byte("\n详见[附表](../tables/nope.html)。\n")...), 0o644)
		}, `content/05-next-steps.md 第19行: "../tables/nope.html" 链接指向不存在的页面`},
		{"broken template link", func(dir string) {
			// A site's own template: its links are checked in the pages it makes.
			b, _ := os.ReadFile("../../templates/indicators.html")
			os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
			os.WriteFile(filepath.Join(dir, "templates", "indicators.html"), bytes.Replace(b, []byte("<tbody>"), []byte(`<tbody><tr><td><a href="nope.html">x</a></td></tr>`), 1), 0o644)
		}, `output/indicators/index.html: "nope.html" 链接指向不存在的页面`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySite(t)
			tt.break_(dir)
			res, probs := Run(Options{Site: dir, Only: "html"})
			if probs.Err() != nil {
				t.Fatalf("without --strict the build must succeed: %v", probs)
			}
			if !strings.Contains(res.Warnings.Error(), tt.want) {
				t.Errorf("warnings\n%s\nlack %q", res.Warnings, tt.want)
			}
			out := filepath.Join(dir, "strict-output")
			_, probs = Run(Options{Site: dir, Out: out, Only: "html", Strict: true})
			if probs.Err() == nil || !strings.Contains(probs.Error(), tt.want) {
				t.Errorf("--strict must fail with %q, got %v", tt.want, probs)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("--strict wrote output")
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".strict-output.*")); len(left) > 0 {
				t.Errorf("--strict left %v behind (the pages are written while the PDF is typeset)", left)
			}
		})
	}
	// The example itself passes --strict.
	if _, probs := Run(Options{Site: "../..", Out: filepath.Join(t.TempDir(), "o"), Strict: true, SystemFonts: noSystemFonts}); probs.Err() != nil {
		t.Errorf("the example fails --strict: %v", probs)
	}
}

// A refused build leaves the earlier output as it was, although its pages were written beside
// it while the PDF was being typeset.
func TestRefusedBuildKeepsOutput(t *testing.T) {
	dir := copySite(t)
	if _, probs := Run(Options{Site: dir, SystemFonts: noSystemFonts}); probs.Err() != nil {
		t.Fatal(probs)
	}
	out := filepath.Join(dir, "output")
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content", "05-next-steps.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, append(b, []byte("\n详见[附表](../tables/nope.html)。\n")...), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "01-overview.md"), []byte("+++\ntitle = \"一、基本情况\"\norder = 1\n+++\n\n改过的正文。\n"), 0o644)
	if _, probs := Run(Options{Site: dir, Strict: true, SystemFonts: noSystemFonts}); probs.Err() == nil {
		t.Fatal("--strict must refuse a broken link")
	}
	after, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !bytes.Equal(after, before) {
		t.Errorf("the earlier output changed (%v)", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".output.*")); len(left) > 0 {
		t.Errorf("a refused build left %v behind", left)
	}
	// Without --strict the same site builds, and the new pages replace the old.
	if _, probs := Run(Options{Site: dir, SystemFonts: noSystemFonts}); probs.Err() != nil {
		t.Fatal(probs)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".output.*")); len(left) > 0 {
		t.Errorf("a build left %v behind", left)
	}
	page, _ := os.ReadFile(filepath.Join(out, "01-overview", "index.html"))
	if !bytes.Contains(page, []byte("改过的正文")) {
		t.Error("the new build's pages are not in output/")
	}
	if _, err := os.Stat(filepath.Join(out, "示例县义务教育优质均衡发展自评报告.pdf")); err != nil {
		t.Errorf("the PDF written after the pages is missing: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "示例县义务教育优质均衡发展自评报告.docx")); err != nil {
		t.Errorf("the Word document written after the pages is missing: %v", err)
	}
}
