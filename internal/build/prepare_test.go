package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/testsite"
)

// chapterSite copies the example site and adds a chapter.
func chapterSite(t *testing.T, name, src string) string {
	t.Helper()
	dir := testsite.Copy(t, "../..")
	if err := os.WriteFile(filepath.Join(dir, "content", name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Issue 9: data errors hid content and shortcode errors, so a clerk fixed them in two rounds.
func TestDataErrorsDoNotHideChapterErrors(t *testing.T) {
	dir := chapterSite(t, "07-x.md", "+++\ntitle = \"七\"\norder = 7\n+++\n\n{{< valeu \"county\" >}}\n\n{{< value \"x\" >}}\n\n{{< table >}}\n")
	csv := filepath.Join(dir, "data", "schools.csv")
	b, _ := os.ReadFile(csv)
	os.WriteFile(csv, []byte(strings.Replace(string(b), ",1443,", ",约1443,", 1)), 0o644)
	_, _, probs := Render(Options{Site: dir, DryRun: true})
	got := probs.Error()
	for _, want := range []string{`data/schools.csv 第2行「小学在校生数」: "约1443"`,
		`content/07-x.md 第6行: "{{< valeu \"county\" >}}" 未知的短代码「valeu」`,
		`content/07-x.md 第10行: "{{< table >}}" 短代码 table 需要 1 个参数，写了 0 个`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	// Keys of value need the evaluation: not checked while the data has errors.
	if strings.Contains(got, `"x"`) {
		t.Errorf("value key checked without the evaluation:\n%s", got)
	}
}

// Issue 9: a chapter with the bytes E4 B8 panicked in the PDF's line breaking (exit 2, and the
// preview server died).
func TestInvalidUTF8Chapter(t *testing.T) {
	for _, body := range []string{"\xe4\xb8", "\xe50", "正文\xff"} {
		dir := chapterSite(t, "07-x.md", "+++\ntitle = \"七\"\norder = 7\n+++\n"+body)
		_, _, probs := Render(Options{Site: dir, DryRun: true, SystemFonts: noSystemFonts})
		if !strings.Contains(probs.Error(), "content/07-x.md 第5行") {
			t.Errorf("%q: %v", body, probs)
		}
	}
}

// Issue 9: slug = "../../../escape" wrote index.html outside output/.
func TestSlugOutsideOutput(t *testing.T) {
	dir := chapterSite(t, "07-x.md", "+++\ntitle = \"七\"\norder = 7\nslug = \"../../../escape\"\n+++\n正文\n")
	out := filepath.Join(dir, "output")
	_, probs := Run(Options{Site: dir, Out: out, Only: "html"})
	if !strings.Contains(probs.Error(), `content/07-x.md 第4行「slug」: "../../../escape" slug 只能由英文字母、数字、- 和 _ 组成`) {
		t.Errorf("got %v", probs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written")
	}
}

// Issue 9: a picture at http(s):// made the published page load from outside, and check did not
// report it. Local pictures are copied beside the chapter's page; dangerous links are dropped.
func TestChapterResources(t *testing.T) {
	src := "+++\ntitle = \"七\"\norder = 7\nslug = \"seven\"\n+++\n" +
		"![外部](https://example.com/a.png)\n\n" +
		"![协议相对](//example.com/b.png)\n\n" +
		"![校园](images/校园.png)\n\n" +
		"![越界](../data/schools.csv)\n\n" +
		"[政府网站](https://www.gov.cn/) <https://www.moe.gov.cn/>\n\n" +
		"[脚本](javascript:alert(1)) [vb](vbscript:msgbox) [数据](data:text/html,<script>alert(1)</script>) <javascript:alert(2)>\n\n" +
		"<img src=\"https://example.com/c.png\"> <script src=\"https://example.com/x.js\"></script>\n\n" +
		"<iframe src=\"https://example.com\"></iframe>\n"
	dir := chapterSite(t, "07-x.md", src)
	os.MkdirAll(filepath.Join(dir, "content", "images"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "images", "校园.png"), []byte("\x89PNG"), 0o644)
	res, files, probs := Render(Options{Site: dir, Only: "html"})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	page := string(files["seven/index.html"])
	for _, bad := range []string{`src="https:`, `src="//`, `src="http:`, `href="javascript:`, `href="vbscript:`, `href="data:`, "<iframe", "<script src=\"https", `../data/schools.csv`} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %s", bad)
		}
	}
	for _, want := range []string{`<img src="images/%E6%A0%A1%E5%9B%AD.png" alt="校园">`, `<a class="external-image" href="https://example.com/a.png">外部</a>`,
		`<a href="https://www.gov.cn/">政府网站</a>`, `<a href="https://www.moe.gov.cn/">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if string(files["seven/images/校园.png"]) != "\x89PNG" {
		t.Error("the picture is not copied beside the page")
	}
	warnings := res.Warnings.Error()
	for _, want := range []string{`content/07-x.md 第6行: "https://example.com/a.png" 图片引用了外部网址，网站不得向外部发出请求，请把图片放在 content/ 目录中`,
		`content/07-x.md 第8行: "//example.com/b.png" 图片引用了外部网址`, `content/07-x.md 第12行: "../data/schools.csv" 图片路径超出了 content/ 目录`} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack %s:\n%s", want, warnings)
		}
	}
	if strings.Contains(warnings, "链接指向不存在的页面") {
		t.Errorf("the copied picture is a broken link:\n%s", warnings)
	}
	// build --strict and check fail on them.
	if _, _, probs := Render(Options{Site: dir, Only: "html", Strict: true}); !strings.Contains(probs.Error(), "图片引用了外部网址") {
		t.Errorf("strict: %v", probs)
	}
}
