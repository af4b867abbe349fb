package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/testsite"
)

// pack, then verify: exit 0; the 核查清单 is written only when asked, never into the package.
func TestPackVerifyCLI(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	code, out, stderr := runCLI("pack", "--site", dir)
	zip := filepath.Join(dir, "output", "示例县优质均衡申报材料-2025-10-15.zip")
	if code != 0 || !strings.Contains(out, "已生成申报材料包："+zip) {
		t.Fatalf("pack: exit %d\n%s%s", code, out, stderr)
	}
	if !strings.Contains(stderr, "佐证材料：站点还没有佐证材料目录") {
		t.Errorf("pack does not say the evidence is missing:\n%s", stderr)
	}
	// The next build keeps the package.
	if code, out, stderr := runCLI("build", "--site", dir, "--only", "html"); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, stderr)
	}
	code, out, stderr = runCLI("verify", zip)
	if code != 0 || !strings.Contains(out, "核查通过") {
		t.Errorf("verify: exit %d\n%s%s", code, out, stderr)
	}
	report := filepath.Join(t.TempDir(), "核查")
	if code, out, stderr := runCLI("verify", zip, "--report", report); code != 0 || !strings.Contains(out, "核查清单已写到") {
		t.Errorf("verify --report: exit %d\n%s%s", code, out, stderr)
	}
	for _, name := range []string{"核查清单.html", "核查清单.xlsx"} {
		if _, err := os.Stat(filepath.Join(report, name)); err != nil {
			t.Error(err)
		}
	}
	// An unzipped package: the report may not go into it.
	unzipped := t.TempDir()
	unzip(t, zip, unzipped)
	folder := filepath.Join(unzipped, "示例县优质均衡申报材料-2025-10-15")
	if code, _, stderr := runCLI("verify", folder, "--report", filepath.Join(folder, "核查")); code != 2 || !strings.Contains(stderr, "不能写进材料包") {
		t.Errorf("verify --report into the package: exit %d, %s", code, stderr)
	}
	// One number of the unzipped package's evaluation.json changed: exit 1, with the place.
	ej := filepath.Join(folder, "evaluation.json")
	b, _ := os.ReadFile(ej)
	os.WriteFile(ej, bytes.Replace(b, []byte(`"composite_cv": 0.26`), []byte(`"composite_cv": 0.25`), 1), 0o644)
	code, out, _ = runCLI("verify", folder)
	if code != 1 || !strings.Contains(out, "resource.primary.composite_cv") || !strings.Contains(out, "核查未通过") {
		t.Errorf("verify of a changed package: exit %d\n%s", code, out)
	}
}

func unzip(t *testing.T, name, dir string) {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		os.WriteFile(p, b.Bytes(), 0o644)
	}
}

func zipOf(t *testing.T, entries map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range entries {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	name := filepath.Join(t.TempDir(), "p.zip")
	os.WriteFile(name, buf.Bytes(), 0o644)
	return name
}

// What is no package is refused with a Chinese message and exit code 2.
func TestVerifyBadPackages(t *testing.T) {
	notZip := filepath.Join(t.TempDir(), "x.zip")
	os.WriteFile(notZip, []byte("这不是压缩包"), 0o644)
	manifest := `{"format":"youjun-package/1","files":[]}`
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"verify"}, "请给出要核查的材料包"},
		{[]string{"verify", notZip}, "不是有效的 zip 压缩包"},
		{[]string{"verify", zipOf(t, map[string]string{"p/manifest.json": manifest, "p/../../evil.txt": "x"})}, "不安全"},
		{[]string{"verify", zipOf(t, map[string]string{"p/evaluation.json": "{}"})}, "找不到 manifest.json"},
		{[]string{"verify", zipOf(t, map[string]string{"p/manifest.json": `{"format":"other"}`})}, "本版本只能读取"},
	} {
		code, out, stderr := runCLI(tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("youjun %v: exit %d, %q; want exit 2 and %q", tt.args, code, out+stderr, tt.want)
		}
	}
}

// A site without a date is not packed: the zip's name and times come from it.
func TestPackWithoutDate(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	st := filepath.Join(dir, "site.toml")
	b, _ := os.ReadFile(st)
	os.WriteFile(st, bytes.Replace(b, []byte(`date = "2025-10-15"`), nil, 1), 0o644)
	code, _, stderr := runCLI("pack", "--site", dir)
	if code != 1 || !strings.Contains(stderr, "没有填写报告日期") {
		t.Errorf("pack without a date: exit %d, %s", code, stderr)
	}
}

// A folder that is no site gets no output folder from pack.
func TestPackNoSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	if code, _, stderr := runCLI("pack", "--site", dir); code != 1 || !strings.Contains(stderr, "找不到 site.toml") {
		t.Errorf("pack of no site: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("pack made %s", dir)
	}
}
