package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func render(t *testing.T, body string) string {
	t.Helper()
	md := Markdown()
	d, probs := Parse("content/t.md", []byte("+++\ntitle = \"测试\"\n+++\n"+body), md)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, d.Source, d.Root); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

func TestCJKEmphasis(t *testing.T) {
	tests := []struct{ in, want string }{
		{"这是**“重要”**的", "<p>这是<strong>“重要”</strong>的</p>"},
		{"全县**达到**国家标准", "<p>全县<strong>达到</strong>国家标准</p>"},
		{"（**未达到**）", "<p>（<strong>未达到</strong>）</p>"},
		{"**《规划》**已印发", "<p><strong>《规划》</strong>已印发</p>"},
		{"小学*生均*面积", "<p>小学<em>生均</em>面积</p>"},
		{"plain **bold** text", "<p>plain <strong>bold</strong> text</p>"},
		{"a * b * c", "<p>a * b * c</p>"},
		{"snake_case_name", "<p>snake_case_name</p>"},
	}
	for _, tt := range tests {
		if got := render(t, tt.in); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownFeatures(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"soft break between Chinese vanishes", "第一行\n第二行", "<p>第一行第二行</p>"},
		{"soft break between Latin words stays", "first\nsecond", "<p>first\nsecond</p>"},
		{"heading id keeps Chinese", "## 一、基本情况", `<h2 id="一基本情况">一、基本情况</h2>`},
		{"heading id mixed", "## （二）R1 指标 说明", `<h2 id="二r1-指标-说明">（二）R1 指标 说明</h2>`},
		{"table", "| 项目 | 数值 |\n|---|--:|\n| 学校 | 82 |", "<table>"},
		{"footnote", "正文[^1]\n\n[^1]: 注释", `class="footnote-ref"`},
		{"raw HTML is not passed through", "<script>alert(1)</script>", "<!-- raw HTML omitted -->"},
	}
	for _, tt := range tests {
		if got := render(t, tt.in); !strings.Contains(got, tt.want) {
			t.Errorf("%s: got %s, want it to contain %s", tt.name, got, tt.want)
		}
	}
	got := render(t, "## 重复\n\n## 重复")
	if !strings.Contains(got, `id="重复"`) || !strings.Contains(got, `id="重复-1"`) {
		t.Errorf("duplicate heading ids: %s", got)
	}
}

func TestShortcodes(t *testing.T) {
	src := "+++\ntitle = \"三、自评情况\"\norder = 3\n+++\n\n小学 R1 差异系数为 {{< value \"resource.primary.R1.cv\" >}}。\n\n{{< table \"resource-primary\" >}}\n\n`{{< value \"not.a.shortcode\" >}}`\n"
	d, probs := Parse("content/03.md", []byte(src), Markdown())
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if len(d.Shortcodes) != 2 {
		t.Fatalf("found %d shortcodes", len(d.Shortcodes))
	}
	v, tb := d.Shortcodes[0], d.Shortcodes[1]
	if v.Name != "value" || v.Args[0] != "resource.primary.R1.cv" || v.Line != 6 || v.Block() {
		t.Errorf("value shortcode %+v line %d", v, v.Line)
	}
	if tb.Name != "table" || tb.Args[0] != "resource-primary" || tb.Line != 8 || !tb.Block() {
		t.Errorf("table shortcode %+v line %d", tb, tb.Line)
	}
	if d.Meta.Title != "三、自评情况" || d.Meta.Order != 3 {
		t.Errorf("meta %+v", d.Meta)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"+++\ntitle = \"甲\"\n+++\n\n正文\n{{< value \"x\"\n", `content/t.md 第6行: "{{< value \"x\"" 短代码没有结束`},
		{"+++\ntitle = \"甲\"\n+++\n{{< value “x” >}}\n", "第4行"},
		{"+++\ntitle = \"甲\"\n+++\n{{< value “x” >}}\n", "不要用中文引号"},
		{"+++\ntitle = \"甲\"\n", "front matter 没有结束"},
		{"+++\ntitel = \"甲\"\n+++\n", `content/t.md 第2行「titel」: 未知的键，是否为「title」？`},
		{"正文\n", "缺少章节标题"},
		{"+++\n+++\n正文\n", "content/t.md 第1行「title」: 缺少章节标题"},
	}
	for _, tt := range tests {
		_, probs := Parse("content/t.md", []byte(tt.src), Markdown())
		if !strings.Contains(probs.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want %q", tt.src, probs, tt.want)
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) { os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644) }
	write("b.md", "+++\ntitle = \"乙\"\norder = 2\n+++\n正文")
	write("a.md", "+++\ntitle = \"甲\"\norder = 1\n+++\n正文")
	write("草稿.md", "+++\ntitle = \"草稿\"\norder = 3\ndraft = true\n+++\n正文")
	write("三、自评.md", "+++\ntitle = \"丙\"\norder = 4\n+++\n正文")
	write("data.md", "+++\ntitle = \"丁\"\norder = 5\n+++\n正文")
	docs, probs := LoadDir(dir, "content")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Meta.Title+":"+d.Slug)
	}
	if strings.Join(got, " ") != "甲:a 乙:b 丙:chapter-3 丁:chapter-4" {
		t.Errorf("docs = %v", got)
	}
}
