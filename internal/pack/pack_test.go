package pack

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/youjun-edu/youjun/internal/site"
)

const root = "示例县优质均衡申报材料-2025-10-15"

// files are a tiny package's files (without the manifest).
var files = map[string]string{
	"evaluation.json":       "{}\n",
	"site/site.toml":        "county = \"示例县\"\n",
	"site/data/schools.csv": "学校名称\n",
}

func manifestOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	m := Manifest{Format: Format, County: "示例县", Year: 2025, Date: "2025-10-15"}
	for p, s := range files {
		m.Files = append(m.Files, site.NewInput(p, []byte(s)))
	}
	site.SortInputs(m.Files)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type entry struct {
	name string
	body string
	mode fs.FileMode
	raw  bool // name is written as is, without the UTF-8 flag
}

func writeZip(t *testing.T, entries []entry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, NonUTF8: e.raw}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), root+".zip")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func goodEntries(t *testing.T) []entry {
	es := []entry{{name: root + "/manifest.json", body: string(manifestOf(t, files))}}
	for _, p := range []string{"evaluation.json", "site/site.toml", "site/data/schools.csv"} {
		es = append(es, entry{name: root + "/" + p, body: files[p]})
	}
	return es
}

func TestOpenZipAndCheck(t *testing.T) {
	p, err := Open(writeZip(t, goodEntries(t)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != root || p.Manifest.County != "示例县" || len(p.Manifest.Files) != 3 {
		t.Errorf("opened %q, manifest %+v", p.Name, p.Manifest)
	}
	if b, err := os.ReadFile(filepath.Join(p.SiteDir(), "site.toml")); err != nil || string(b) != files["site/site.toml"] {
		t.Errorf("site.toml = %q, %v", b, err)
	}
	if ms, err := p.Check(); err != nil || len(ms) != 0 {
		t.Errorf("Check of an intact package = %+v, %v", ms, err)
	}
	// Change one file, remove another, add a third: all three are reported, by path.
	os.WriteFile(p.Path("site/data/schools.csv"), []byte("学校名称\n第一小学\n"), 0o644)
	os.Remove(p.Path("evaluation.json"))
	os.WriteFile(p.Path("site/extra.txt"), []byte("x"), 0o644)
	ms, err := p.Check()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, m.Path+" "+m.Kind)
	}
	want := "evaluation.json missing|site/data/schools.csv changed|site/extra.txt extra"
	if strings.Join(got, "|") != want {
		t.Errorf("Check = %q, want %q", strings.Join(got, "|"), want)
	}
	tmp := p.temp
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("Close left %s behind", tmp)
	}
}

func TestOpenFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), root)
	for p, s := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644)
	}
	os.WriteFile(filepath.Join(dir, ManifestName), manifestOf(t, files), 0o644)
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ms, err := p.Check(); err != nil || len(ms) != 0 {
		t.Errorf("Check = %+v, %v", ms, err)
	}
	p.Close()
	if _, err := os.Stat(filepath.Join(dir, ManifestName)); err != nil {
		t.Errorf("Close of a folder package removed it: %v", err)
	}
}

func TestOpenGBKNames(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(root + "/site/data/学校.csv")
	es := append(goodEntries(t), entry{name: gbk, body: "x", raw: true})
	p, err := Open(writeZip(t, es))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := os.Stat(p.Path("site/data/学校.csv")); err != nil {
		t.Errorf("GBK name not decoded: %v", err)
	}
}

func TestOpenRefuses(t *testing.T) {
	cases := []struct {
		name  string
		extra entry
		want  string
	}{
		{"parent", entry{name: root + "/../../evil.txt", body: "x"}, "不安全"},
		{"absolute", entry{name: "/etc/evil", body: "x"}, "不安全"},
		{"backslash parent", entry{name: `..\evil.txt`, body: "x"}, "不安全"},
		{"drive", entry{name: `C:\evil.txt`, body: "x"}, "不安全"},
		{"symlink", entry{name: root + "/link", body: "/etc/passwd", mode: fs.ModeSymlink | 0o777}, "链接"},
		{"duplicate", entry{name: root + "/SITE/site.toml", body: "x"}, "两次"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(writeZip(t, append(goodEntries(t), c.extra)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Open = %v, want an error with %q", err, c.want)
			}
		})
	}
}

func TestOpenBadFiles(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "a.zip")
	os.WriteFile(notZip, []byte("PK\x03\x04 this is not a zip"), 0o644)
	full := writeZip(t, goodEntries(t))
	b, _ := os.ReadFile(full)
	cut := filepath.Join(dir, "cut.zip")
	os.WriteFile(cut, b[:len(b)/2], 0o644)
	noManifest := writeZip(t, goodEntries(t)[1:])
	for name, want := range map[string]string{
		notZip:                         "不是有效的 zip",
		cut:                            "不是有效的 zip",
		noManifest:                     "找不到 manifest.json",
		filepath.Join(dir, "none.zip"): "不存在",
	} {
		if _, err := Open(name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Open(%s) = %v, want %q", filepath.Base(name), err, want)
		}
	}
}

// FuzzOpen opens arbitrary bytes as a zip: never a panic, never a file outside the temporary folder.
func FuzzOpen(f *testing.F) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(root + "/manifest.json")
	w.Write([]byte(`{"format":"youjun-package/1","files":[]}`))
	zw.Close()
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x05\x06"))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		name := filepath.Join(dir, "p.zip")
		os.WriteFile(name, b, 0o644)
		if p, err := Open(name); err == nil {
			p.Check()
			p.Close()
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("Open wrote into the package's folder: %d entries", len(ents))
		}
	})
}
