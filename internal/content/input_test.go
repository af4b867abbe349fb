package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const front = "+++\ntitle = \"测试\"\n+++\n"

func parseErr(t *testing.T, src string) string {
	t.Helper()
	_, probs := Parse("content/t.md", []byte(src), Markdown())
	return probs.Error()
}

// Issue 9: invalid UTF-8 panicked in the PDF's line breaking and reached the HTML.
func TestEncoding(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(front + "全县共有学校八十二所。\n")
	u16 := []byte{0xff, 0xfe}
	for _, c := range utf16.Encode([]rune(front + "正文\n")) {
		u16 = append(u16, byte(c), byte(c>>8))
	}
	tests := []struct{ name, src, want string }{
		{"issue 9 minimal", front + "\xe4\xb8", "content/t.md 第4行: 文件似乎是 GBK 编码，请另存为 UTF-8"},
		{"fuzzer", front + "\xe50", "content/t.md 第4行: 含有无效的 UTF-8 字节"},
		{"stray Latin-1 byte", front + "正文\n第二行\xff正文\n", "content/t.md 第5行: 含有无效的 UTF-8 字节"},
		{"GBK file", gbk, "content/t.md 第2行: 文件似乎是 GBK 编码，请另存为 UTF-8"},
		{"UTF-16", string(u16), "content/t.md 第1行: 文件是 UTF-16 编码"},
		{"UTF-16 without BOM", string(u16[2:]), "文件是 UTF-16 编码"},
	}
	for _, tt := range tests {
		if got := parseErr(t, tt.src); !strings.Contains(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	many := front + strings.Repeat("坏\xff\n", 9)
	if got := parseErr(t, many); !strings.Contains(got, "第8行") || !strings.Contains(got, "另有 4 行") || strings.Contains(got, "第9行") {
		t.Errorf("many invalid lines: %s", got)
	}
	for name, src := range map[string]string{
		"BOM":     "\xef\xbb\xbf" + front + "正文",
		"CR only": strings.ReplaceAll(front+"正文\n", "\n", "\r"),
		"CRLF":    strings.ReplaceAll(front+"正文\n", "\n", "\r\n"),
	} {
		d, probs := Parse("content/t.md", []byte(src), Markdown())
		if len(probs) > 0 || d.Meta.Title != "测试" {
			t.Errorf("%s: %v", name, probs)
		}
	}
	d, _ := Parse("content/t.md", []byte(front+"a\x00b"), Markdown())
	if strings.Contains(string(d.Source), "\x00") {
		t.Error("NUL kept")
	}
}

// Issue 9: slug = "../../../escape" wrote index.html outside output/.
func TestSlugs(t *testing.T) {
	for _, slug := range []string{"../../../escape", "a/b", ".", "..", "assets", "Data", "indicators", "schools", "tables",
		"__youjun", "con", "a b", "中文", "a.b", `a\b`, strings.Repeat("a", 65)} {
		src := "+++\ntitle = \"甲\"\norder = 1\nslug = \"" + strings.ReplaceAll(slug, `\`, `\\`) + "\"\n+++\n正文\n"
		if got := parseErr(t, src); !strings.Contains(got, "content/t.md 第4行「slug」") {
			t.Errorf("slug %q: got %q", slug, got)
		}
	}
	if got := parseErr(t, "+++\ntitle = \"甲\"\nslug = \"self-evaluation_2\"\n+++\n"); got != "" {
		t.Errorf("a good slug: %s", got)
	}
	dir := t.TempDir()
	write := func(name, s string) { os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644) }
	write("a.md", "+++\ntitle = \"甲\"\norder = 1\nslug = \"same\"\n+++\n正文")
	write("b.md", "+++\ntitle = \"乙\"\norder = 2\n\nslug = \"Same\"\n+++\n正文")
	write("chapter-2.md", "+++\ntitle = \"丙\"\norder = 3\nslug = \"chapter-3\"\n+++\n正文")
	write("三.md", "+++\ntitle = \"丁\"\norder = 4\n+++\n正文")
	docs, probs := LoadDir(dir, "content")
	if want := `content/b.md 第5行「slug」: "Same" 与 content/a.md 的 slug 相同`; !strings.Contains(probs.Error(), want) {
		t.Errorf("duplicate slug: %v, want %s", probs, want)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Slug)
	}
	// 三.md would be chapter-4, and chapter-2.md took chapter-3: no two chapters share a folder.
	if strings.Join(got, " ") != "same chapter-2 chapter-3 chapter-4" && strings.Join(got, " ") != "same b chapter-3 chapter-4" {
		t.Errorf("slugs %v", got)
	}
}

// Chapter files are untrusted: a symbolic link could publish a file from outside the site, an
// editor's hidden file is not a chapter, and a name with control characters is printed safely.
func TestChapterFiles(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte(front+"机密"), 0o644)
	os.Symlink(outside, filepath.Join(dir, "link.md"))
	os.WriteFile(filepath.Join(dir, ".#a.md"), []byte("\xff\xfe junk"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad\x01\xffname.md"), []byte(front+"正文"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.md"), []byte(front+strings.Repeat("字\n", MaxChapterBytes/4)), 0o644)
	docs, probs := LoadDir(dir, "content")
	got := probs.Error()
	for _, want := range []string{"content/link.md: 不是普通文件", "content/big.md: 章节文件太大（513 KB，最多 512 KB）"} {
		if !strings.Contains(got, want) {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	if strings.Contains(got, ".#a.md") || len(docs) != 1 || docs[0].File != "content/bad\uFFFD\uFFFDname.md" {
		t.Errorf("docs %v, problems %s", docs, got)
	}
}

// Issue 9: 50,000 nested ">" took 79 s. Limits are checked before goldmark parses the text.
func TestLimits(t *testing.T) {
	list := ""
	for i := range 40 {
		list += strings.Repeat("  ", i) + "- 项\n"
	}
	tests := []struct{ name, body, want string }{
		{"50,000 nested >", strings.Repeat(">", 50000) + " 引用\n", "第4行: 引用（>）或列表嵌套太深（50000 层，最多 32 层）"},
		{"> on every line", func() string {
			s := ""
			for i := 1; i <= 40; i++ {
				s += strings.Repeat("> ", i) + "x\n"
			}
			return s
		}(), "第36行: 引用（>）或列表嵌套太深（33 层"},
		{"nested ordered lists", strings.Repeat("1. ", 100) + "x\n", "嵌套太深（100 层"},
		{"nested by indentation", list, "第36行: 引用（>）或列表嵌套太深（40 层，最多 32 层）"},
		{"long line", "正文\n" + strings.Repeat("[a](", 5000) + "\n", "第5行: 这一行太长（20 KB，最多 8 KB）"},
		{"long paragraph", "正文\n\n" + strings.Repeat("一行字。\n", 7000), "第6行: 从这一行起的段落（或表格）太长（超过 64 KB）"},
		{"large file", strings.Repeat("字\n", MaxChapterBytes/4), "章节文件太大"},
		{"nested front matter", "", "第3行: front matter 中的括号嵌套太深（最多 8 层）"},
		{"long front matter", "", "第2行: front matter 太长（9 KB，最多 8 KB）"},
		{"100,000 headings", strings.Repeat("# a\n\n", 100000), "超过 5000 个"},
		{"20,000 headings", strings.Repeat("# a\n\n", 20000), "第10004行: 这一章的段落、标题和列表项太多（超过 5000 个）：请拆分为几章"},
	}
	for _, tt := range tests {
		src := front + tt.body
		switch tt.name {
		case "nested front matter":
			src = "+++\ntitle = \"[{x\"\na = " + strings.Repeat("{a=", 1000) + "1" + strings.Repeat("}", 1000) + "\n+++\n"
		case "long front matter":
			src = "+++\ntitle = \"x\"\n" + strings.Repeat("# 注释\n", 1000) + "+++\n"
		}
		if got := parseErr(t, src); !strings.Contains(got, tt.want) {
			t.Errorf("%s: got %.300s, want %s", tt.name, got, tt.want)
		}
	}
	// Within the limits: 32 levels, 20,000 shortcodes, a table of 10,000 columns.
	ok := []string{
		strings.Repeat(">", 32) + " 引用\n",
		strings.Repeat(strings.Repeat("{{< value \"county\" >}}", 5)+"\n\n", 4000),
		"|" + strings.Repeat(" a |", 1000) + "\n|" + strings.Repeat("---|", 1000) + "\n",
	}
	for _, body := range ok {
		if _, probs := Parse("content/t.md", []byte(front+body), Markdown()); probs.Err() != nil {
			t.Errorf("%.40q: %.300s", body, probs)
		}
	}
}

// Issue 9: chapter errors stopped at the first of several in a file.
func TestAllProblemsOfAChapter(t *testing.T) {
	src := "+++\ntitel = \"甲\"\nslug = \"../x\"\n+++\n正文 {{< value \"x\"\n\n{{< value “y” >}}\n![图](https://example.com/a.png)\n"
	d, probs := Parse("content/t.md", []byte(src), Markdown())
	got := probs.Error()
	for _, want := range []string{"第2行「titel」: 未知的键", "第3行「slug」", "第5行", "短代码没有结束", "第7行", "不要用中文引号", "第8行", "图片引用了外部网址"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if d == nil || len(d.Shortcodes) != 2 {
		t.Errorf("the body should still be parsed: %v", d)
	}
}

// Issue 9: a picture at http(s):// made the published page load from outside.
func TestImages(t *testing.T) {
	tests := []struct{ dest, path, msg string }{
		{"images/校园.png", "images/校园.png", ""},
		{"./a/../b.JPG", "b.JPG", ""},
		{"%E6%A0%A1.png", "校.png", ""},
		{"https://example.com/a.png", "", "图片引用了外部网址，网站不得向外部发出请求，请把图片放在 content/ 目录中"},
		{"HTTP://example.com/a.png", "", "外部网址"},
		{"//example.com/a.png", "", "外部网址"},
		{"data:image/png;base64,AAAA", "", "不是 content/ 中的文件"},
		{"javascript:alert(1)", "", "不是 content/ 中的文件"},
		{"file:///etc/passwd", "", "不是 content/ 中的文件"},
		{"/etc/passwd.png", "", "绝对路径"},
		{"../../etc/passwd", "", "超出了 content/ 目录"},
		{"a/../../x.png", "", "超出了 content/ 目录"},
		{`..\x.png`, "", "请用 /"},
		{"a.svg", "", "不支持的图片格式"},
	}
	for _, tt := range tests {
		p, msg := checkImage(tt.dest)
		if p != tt.path || !strings.Contains(msg, tt.msg) || (tt.msg == "") != (msg == "") {
			t.Errorf("checkImage(%q) = %q, %q; want %q, %q", tt.dest, p, msg, tt.path, tt.msg)
		}
	}
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "images"), 0o755)
	os.WriteFile(filepath.Join(dir, "images", "a.png"), []byte("PNG"), 0o644)
	os.WriteFile(filepath.Join(t.TempDir(), "s.png"), []byte("secret"), 0o644)
	os.Symlink("/etc", filepath.Join(dir, "etc"))
	os.WriteFile(filepath.Join(dir, "c.md"), []byte(front+"![甲](images/a.png)\n\n![乙](missing.png)\n\n![丙](etc/x.png)\n\n![丁](http://x.cn/a.png)\n"), 0o644)
	docs, probs := LoadDir(dir, "content")
	got := probs.Error()
	for _, want := range []string{`第6行: "missing.png" 无法读取图片：文件或目录不存在`, `第8行: "etc/x.png" 图片路径中有符号链接`, `第10行: "http://x.cn/a.png" 图片引用了外部网址`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if probs.Err() != nil {
		t.Errorf("pictures are warnings: %v", probs.Errors())
	}
	shown := 0
	for im := range docs[0].images {
		if docs[0].Image(im) != nil {
			shown++
			if string(docs[0].Image(im).Data) != "PNG" {
				t.Error("image data")
			}
		}
	}
	if shown != 1 {
		t.Errorf("%d pictures shown", shown)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		front + "正文 {{< value \"county\" >}}\n\n{{< table \"cv\" >}}\n",
		front + "\xe4\xb8", "\xe50", "+++\n", "+++\n+++", "+++\ntitle = 1\n+++\n", front + "{{< \"", front + "{{< value \"a\\\"b\" >}}",
		front + "> > - 1. x\n", front + "![a](https://x/a.png)\n[b](javascript:alert(1))", front + "| a |\n|---|\n| 1 |\n",
		front + "**“重要”**的[^1]\n\n[^1]: 注\n", "\xff\xfe+\x00", front + "\r\r\n\x00",
		front + "{{< right >}}\n甲\n\n乙\n{{< /right >}}\n", front + "{{< right \"甲\" >}}{{< /right >}}\n", front + "- {{< right >}}\n\n  x\n{{< /right >}}\n",
	} {
		f.Add([]byte(s))
	}
	md := Markdown()
	f.Fuzz(func(t *testing.T, src []byte) {
		d, probs := Parse("content/f.md", src, md)
		if d == nil && probs.Err() == nil {
			t.Fatal("no chapter and no error")
		}
		if d != nil && probs.Err() == nil && !utf8Valid(d) {
			t.Fatal("invalid UTF-8 accepted")
		}
	})
}

func utf8Valid(d *Doc) bool { return strings.ToValidUTF8(string(d.Source), "") == string(d.Source) }
