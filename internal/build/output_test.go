package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/safefile"
)

// snapshot lists every file and folder under dir with its content, symlinks as their target.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			m[rel] = "-> " + target
		case d.IsDir():
			m[rel] = "/"
		default:
			b, _ := os.ReadFile(p)
			m[rel] = string(b)
		}
		return nil
	})
	return m
}

func sameTree(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Errorf("%s: %d entries before, %d after", what, len(before), len(after))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %s changed or was deleted", what, k)
		}
	}
}

// An --out that would delete the user's files is refused before anything is rendered, with a
// Chinese message and nothing deleted — for a full build and for --only html / pdf.
func TestOutRefused(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, site string) string // returns --out
		want  string
	}{
		{"site data", func(t *testing.T, s string) string { return filepath.Join(s, "data") }, "不能放在站点的 data/ 中"},
		{"site content", func(t *testing.T, s string) string { return filepath.Join(s, "content") }, "不能放在站点的 content/ 中"},
		{"inside content", func(t *testing.T, s string) string { return filepath.Join(s, "content", "out") }, "不能放在站点的 content/ 中"},
		{"site templates", func(t *testing.T, s string) string {
			os.MkdirAll(filepath.Join(s, "templates"), 0o755)
			os.WriteFile(filepath.Join(s, "templates", "style.css"), []byte("body{}"), 0o644)
			return filepath.Join(s, "templates")
		}, "不能放在站点的 templates/ 中"},
		{"site itself", func(t *testing.T, s string) string { return s }, "不能是站点目录本身或它的上级目录"},
		{"site itself, relative", func(t *testing.T, s string) string { return filepath.Join(s, "data", "..") }, "不能是站点目录本身"},
		{"site's parent", func(t *testing.T, s string) string { return filepath.Dir(s) }, "不能是站点目录本身或它的上级目录"},
		{"site through a symlink", func(t *testing.T, s string) string {
			link := filepath.Join(t.TempDir(), "link")
			os.Symlink(s, link)
			return filepath.Join(link, "data")
		}, "不能放在站点的 data/ 中"},
		{"folder with a thesis", func(t *testing.T, s string) string {
			dir := filepath.Join(s, "mine")
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("four years of work"), 0o644)
			return dir
		}, "不是 youjun 生成的（其中没有 .youjun-output 标记文件）"},
		{"regular file named output", func(t *testing.T, s string) string {
			os.WriteFile(filepath.Join(s, "output"), []byte("not a folder"), 0o644)
			return filepath.Join(s, "output")
		}, "已有同名的文件"},
		{"symlink named output", func(t *testing.T, s string) string {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("x"), 0o644)
			os.Symlink(dir, filepath.Join(s, "output"))
			return filepath.Join(s, "output")
		}, "符号链接"},
		{"old output with a user's file", func(t *testing.T, s string) string {
			out := filepath.Join(s, "output")
			fakeOldOutput(t, out)
			os.WriteFile(filepath.Join(out, "thesis.docx"), []byte("x"), 0o644)
			return out
		}, "有 youjun 不会生成的「thesis.docx」"},
		{"default output holding a thesis", func(t *testing.T, s string) string {
			os.MkdirAll(filepath.Join(s, "output"), 0o755)
			os.WriteFile(filepath.Join(s, "output", "thesis.docx"), []byte("x"), 0o644)
			return ""
		}, "不是 youjun 生成的"},
		{"old-looking output that is not the default", func(t *testing.T, s string) string {
			out := filepath.Join(s, "public")
			fakeOldOutput(t, out)
			return out
		}, "不是 youjun 生成的"},
	}
	for _, tt := range tests {
		for _, only := range []string{"", "html", "pdf"} {
			t.Run(tt.name+"/"+only, func(t *testing.T) {
				site := copySite(t)
				out := tt.setup(t, site)
				parent := filepath.Dir(site)
				before := snapshot(t, parent)
				stages := 0
				_, probs := Run(Options{Site: site, Out: out, Only: only, SystemFonts: noSystemFonts,
					Progress: func(Stage) { stages++ }})
				if probs.Err() == nil || !strings.Contains(probs.Error(), tt.want) {
					t.Fatalf("want a refusal with %q, got %v", tt.want, probs)
				}
				if stages > 0 {
					t.Errorf("%d stages ran before the refusal", stages)
				}
				sameTree(t, "the site's parent", before, snapshot(t, parent))
			})
		}
	}
}

// fakeOldOutput makes a folder like the output of youjun before the marker.
func fakeOldOutput(t testing.TB, out string) {
	t.Helper()
	for name, body := range map[string]string{
		"index.html": "<html>", "assets/style.css": "", "data/evaluation.json": "{}", "schools/a.html": "",
		"01-overview/index.html": "", "示例县义务教育优质均衡发展自评报告.pdf": "%PDF",
	} {
		p := filepath.Join(out, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// youjun replaces what it made: a new folder, an empty one, its own output (second build) and
// the output of a youjun from before the marker at the default path; each ends up marked.
func TestOutAccepted(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, site string) string
	}{
		{"new folder", func(t *testing.T, s string) string { return filepath.Join(s, "public", "report") }},
		{"empty folder", func(t *testing.T, s string) string {
			os.MkdirAll(filepath.Join(s, "empty"), 0o755)
			return filepath.Join(s, "empty")
		}},
		{"old output at the default path", func(t *testing.T, s string) string {
			fakeOldOutput(t, filepath.Join(s, "output"))
			return ""
		}},
	}
	for _, tt := range tests {
		for _, only := range []string{"html", "pdf"} {
			t.Run(tt.name+"/"+only, func(t *testing.T) {
				site := copySite(t)
				out := tt.setup(t, site)
				res, probs := Run(Options{Site: site, Out: out, Only: only, SystemFonts: noSystemFonts})
				if probs.Err() != nil {
					t.Fatal(probs)
				}
				if !madeByYoujun(res.Out) {
					t.Error("the output has no marker")
				}
				if b, _ := os.ReadFile(filepath.Join(res.Out, markerName)); !strings.Contains(string(b), "由 youjun 生成") {
					t.Errorf("marker says %q", b)
				}
				// A second build into the folder youjun made works.
				if _, probs := Run(Options{Site: site, Out: out, Only: only, SystemFonts: noSystemFonts}); probs.Err() != nil {
					t.Fatalf("second build: %v", probs)
				}
				if only == "html" && !exists(filepath.Join(res.Out, "index.html")) {
					t.Error("no index.html")
				}
				// The result and the downloads belong to no renderer: --only pdf writes them too.
				for _, f := range []string{"data/evaluation.json", "data/cv.csv", "data/cv.xlsx"} {
					if !exists(filepath.Join(res.Out, f)) {
						t.Errorf("--only %s wrote no %s", only, f)
					}
				}
			})
		}
	}
}

// A build killed with kill -9 leaves .output.new-* / .output.old-* behind; the next build removes
// those that carry the marker or are empty, and nothing else.
func TestStaleTempRemoved(t *testing.T) {
	site := copySite(t)
	mk := func(name string, marked bool) string {
		p := filepath.Join(site, name)
		os.MkdirAll(filepath.Join(p, "schools"), 0o755)
		os.WriteFile(filepath.Join(p, "schools", "a.html"), []byte("x"), 0o644)
		if marked {
			writeMarker(p)
		}
		return p
	}
	gone := []string{mk(".output.new-123456", true), mk(".output.old-4242", true)}
	// Killed between making the folder and writing the marker: empty, youjun's name. An empty
	// folder of another name stays.
	empty, otherEmpty := filepath.Join(site, ".output.new-777"), filepath.Join(site, ".output.new-77x")
	os.Mkdir(empty, 0o755)
	os.Mkdir(otherEmpty, 0o755)
	kept := []string{
		mk(".output.new-99", false),     // no marker: not evidently youjun's
		mk(".public.new-7", true),       // another output folder's
		mk(".output.new-abc", true),     // not the pattern
		mk("output.old-1", true),        // not the pattern
		mk(".output.older-1", true),     // not the pattern
		mk(".output.old-12.bak", false), // not the pattern
	}
	if _, probs := Run(Options{Site: site, Only: "html"}); probs.Err() != nil {
		t.Fatal(probs)
	}
	for _, p := range gone {
		if exists(p) {
			t.Errorf("%s was not removed", filepath.Base(p))
		}
	}
	if exists(empty) || !exists(otherEmpty) {
		t.Errorf("empty %s left: %v; empty %s removed: %v", filepath.Base(empty), exists(empty), filepath.Base(otherEmpty), !exists(otherEmpty))
	}
	for _, p := range kept {
		if !exists(filepath.Join(p, "schools", "a.html")) {
			t.Errorf("%s was removed", filepath.Base(p))
		}
	}
}

// swapIn exchanges the folders in one step where it can, and falls back to two renames; the old
// output is gone either way and the new one in place.
func TestSwapIn(t *testing.T) {
	for _, tt := range []struct {
		name     string
		exchange func(a, b string) error
		want     bool
	}{
		{"exchange", exchange, exchangeSupported},
		{"fallback", func(a, b string) error { return errors.ErrUnsupported }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out, tmp := filepath.Join(dir, "output"), filepath.Join(dir, ".output.new-1")
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "old.html"), []byte("old"), 0o644)
			os.MkdirAll(tmp, 0o755)
			os.WriteFile(filepath.Join(tmp, "new.html"), []byte("new"), 0o644)
			exchanged, err := swapIn(tmp, out, tt.exchange)
			if err != nil {
				t.Fatal(err)
			}
			if exchanged != tt.want {
				t.Errorf("exchanged = %v, want %v", exchanged, tt.want)
			}
			if b, _ := os.ReadFile(filepath.Join(out, "new.html")); string(b) != "new" || exists(filepath.Join(out, "old.html")) {
				t.Error("the output is not the new one")
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
}

// The fallback swap renames the old output aside to .output.old-PID; a folder of that name that
// youjun did not make is never removed: the swap fails and both folders stay as they were.
func TestSwapInSparesForeignOldFolder(t *testing.T) {
	dir := t.TempDir()
	out, tmp := filepath.Join(dir, "output"), filepath.Join(dir, ".output.new-1")
	for name, body := range map[string]string{"output/old.html": "old", ".output.new-1/new.html": "new",
		filepath.Join(fmt.Sprintf(".output.old-%d", os.Getpid()), "thesis.docx"): "mine"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	writeMarker(out)
	before := snapshot(t, filepath.Join(dir, fmt.Sprintf(".output.old-%d", os.Getpid())))
	if _, err := swapIn(tmp, out, func(a, b string) error { return errors.ErrUnsupported }); err == nil {
		t.Error("the swap went ahead over a folder youjun did not make")
	}
	sameTree(t, "the foreign folder", before, snapshot(t, filepath.Join(dir, fmt.Sprintf(".output.old-%d", os.Getpid()))))
	if b, _ := os.ReadFile(filepath.Join(out, "old.html")); string(b) != "old" {
		t.Error("the old output is gone")
	}
}

// Every generated path stays inside the output: a name that would leave it stops the write
// with a Chinese message naming it, and nothing is written anywhere.
func TestUnsafeNamesRefused(t *testing.T) {
	for _, name := range []string{"../x", "/etc/x", "a/../../x", `a\..\..\x`, "a/\x00b", "a/\nb.html", "", "..", "a/..", "C:/x", markerName} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "site", "output")
			err := write(out, map[string][]byte{"index.html": []byte("ok"), name: []byte("escaped")})
			var r *refusal
			if !errors.As(err, &r) || !strings.Contains(r.msg, "内部错误：生成的文件名") || !strings.Contains(r.msg, "不安全") {
				t.Fatalf("write(%q) = %v", name, err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 1 || exists(out) {
				t.Errorf("something was written: %v", entries)
			}
		})
	}
	for _, name := range []string{"index.html", "schools/3612340012.html", "示例县义务教育优质均衡发展自评报告.pdf", "a..b/c", "..a"} {
		if err := checkName(name); err != nil {
			t.Errorf("checkName(%q) = %v", name, err)
		}
	}
}

// A chapter's slug that climbs out of the output never writes outside it, whichever check
// catches it.
func TestSlugCannotEscape(t *testing.T) {
	site := copySite(t)
	p := filepath.Join(site, "content", "05-next-steps.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte("+++\n"), []byte("+++\nslug = \"../../../escape\"\n"), 1), 0o644)
	parent := filepath.Dir(site)
	before := snapshot(t, parent)
	Run(Options{Site: site, Only: "html"})
	after := snapshot(t, parent)
	for k := range after {
		if _, ok := before[k]; !ok && !strings.HasPrefix(k, filepath.Join(filepath.Base(site), "output")) {
			t.Errorf("written outside the output: %s", k)
		}
	}
}

// A template or asset in templates/ that is a symlink is refused, naming the file; the file it
// points to is never read into the site.
func TestTemplateSymlinkRefused(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "passwd")
	os.WriteFile(secret, []byte("root:x:0:0"), 0o644)
	for _, name := range []string{"site.js", "style.css", "chapter.html", "baseof.html"} {
		t.Run(name, func(t *testing.T) {
			site := copySite(t)
			os.MkdirAll(filepath.Join(site, "templates"), 0o755)
			if err := os.Symlink(secret, filepath.Join(site, "templates", name)); err != nil {
				t.Skip(err)
			}
			_, probs := Run(Options{Site: site, Only: "html"})
			want := "templates/" + name + ": 是符号链接"
			if probs.Err() == nil || !strings.Contains(probs.Error(), want) {
				t.Fatalf("want %q, got %v", want, probs)
			}
			if exists(filepath.Join(site, "output")) {
				t.Error("output written")
			}
		})
	}
	// A templates/ folder that is itself a symlink is refused too.
	site := copySite(t)
	os.Symlink(filepath.Dir(secret), filepath.Join(site, "templates"))
	if _, probs := Run(Options{Site: site, Only: "html"}); probs.Err() == nil || !strings.Contains(probs.Error(), "templates/: 是符号链接") {
		t.Errorf("a symlinked templates/ folder: %v", probs)
	}
}

// Errors in a site's own templates reach the user in Chinese, with file and line.
func TestTemplateErrorsInChinese(t *testing.T) {
	for _, tt := range []struct {
		name, file, src string
		want            []string
	}{
		{"syntax error", "chapter.html", "{{define \"main\"}}\n<h1>{{.Page.Title}</h1>\n{{end}}",
			[]string{"templates/chapter.html 第2行: 模板有误：语法错误：{{…}} 中有不允许的字符「}」"}},
		{"missing end", "chapter.html", "{{define \"main\"}}\n{{if .Page}}\n<h1>x</h1>\n",
			[]string{"templates/chapter.html 第4行: 模板有误：模板意外结束", "缺少对应的 {{end}}"}},
		{"undefined function", "school.html", "{{define \"main\"}}\n\n<p>{{shout .Page.Title}}</p>{{end}}",
			[]string{"templates/school.html 第3行: 模板有误：没有名为「shout」的模板函数"}},
		{"unknown field", "indicator.html", "{{define \"main\"}}\n<p>{{.Page.Nope}}</p>{{end}}",
			[]string{"templates/indicator.html 第2行: 生成 indicators/", "（在 {{.Page.Nope}} 处）数据中没有名为「Nope」的字段"}},
		{"broken base", "baseof.html", "<html>{{block \"main\" .}}{{end}\n",
			[]string{"templates/baseof.html 第1行: 模板有误："}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := copySite(t)
			os.MkdirAll(filepath.Join(site, "templates"), 0o755)
			os.WriteFile(filepath.Join(site, "templates", tt.file), []byte(tt.src), 0o644)
			_, probs := Run(Options{Site: site, Only: "html"})
			msg := probs.Error()
			for _, want := range tt.want {
				if !strings.Contains(msg, want) {
					t.Errorf("problems\n%s\nlack %q", msg, want)
				}
			}
			if strings.Contains(msg, "template:") || strings.Contains(msg, "unexpected") || strings.Contains(msg, "not defined") {
				t.Errorf("raw English: %s", msg)
			}
		})
	}
}

// An OS error while writing the output is told in Chinese.
func TestWriteErrorInChinese(t *testing.T) {
	site := copySite(t)
	file := filepath.Join(t.TempDir(), "file.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	_, probs := Run(Options{Site: site, Out: filepath.Join(file, "output"), Only: "html"})
	msg := probs.Error()
	if probs.Err() == nil || !strings.Contains(msg, "路径中的某一级不是目录") || strings.Contains(msg, "not a directory") {
		t.Errorf("problems: %s", msg)
	}
}

// Whatever checkName accepts stays inside the output folder once joined and cleaned.
func FuzzCheckName(f *testing.F) {
	for _, s := range []string{"index.html", "schools/a.html", "../x", "/etc/x", "a/../../x", `a\b`, "a/./b", "..a/b", "a/..", "C:x", "\x00"} {
		f.Add(s)
	}
	out := filepath.Join(f.TempDir(), "output")
	f.Fuzz(func(t *testing.T, name string) {
		if checkName(name) != nil {
			return
		}
		p := filepath.Join(out, filepath.FromSlash(name))
		if !safefile.Within(p, out) || p == out {
			t.Errorf("checkName accepts %q, which lands at %s", name, p)
		}
	})
}

// `build --site site.toml` said "site.toml/output: 无法写入输出目录" instead of naming the
// mistake: a site is a folder.
func TestSiteIsAFile(t *testing.T) {
	site := copySite(t)
	_, probs := Run(Options{Site: filepath.Join(site, "site.toml")})
	if msg := probs.Error(); !strings.Contains(msg, "不是一个县的站点目录") || strings.Contains(msg, "output") {
		t.Errorf("problems: %s", msg)
	}
}
