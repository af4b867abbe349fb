package pack

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/standard"
)

// testSite is a small site on disk with the junk a real folder collects.
func testSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.toml":                      "county = \"测试县\"\nyear = 2025\ndate = \"2025-10-15\"\n",
		"data/schools.csv":               exampleSchools(t),
		"data/~$schools.xlsx":            "lock",
		"data/.schools.csv.swp":          "swap",
		"content/01-overview.md":         "# 基本情况\n",
		"content/Thumbs.db":              "x",
		"evidence/G1/布局规划.pdf":           "%PDF-1.4 scan",
		"evidence/G1/Desktop.ini":        "x",
		"evidence/R3/艺术教师名册.xlsx":        "PK",
		"evidence/G99/错放.txt":            "x",
		"evidence/说明.txt":                "x",
		"output/index.html":              "old build",
		".git/config":                    "x",
		"notes.txt":                      "not an input",
		"templates/partials/footer.html": "<footer></footer>",
	}
	for p, s := range files {
		name := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func exampleSchools(t *testing.T) string {
	b, err := os.ReadFile("../../data/schools.csv")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSiteFiles(t *testing.T) {
	dir := testSite(t)
	files, probs := SiteFiles(dir, "national-2017")
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Rel)
	}
	want := []string{"content/01-overview.md", "data/schools.csv", "evidence/G1/布局规划.pdf", "evidence/G99/错放.txt",
		"evidence/R3/艺术教师名册.xlsx", "evidence/说明.txt", "site.toml", "templates/partials/footer.html"}
	if !slices.Equal(got, want) {
		t.Errorf("SiteFiles = %q\nwant %q", got, want)
	}
	// A link is refused, with its path; so is a profile outside the site.
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "evidence/G1/link.pdf")); err != nil {
		t.Skip("no symlinks here")
	}
	_, probs = SiteFiles(dir, "../other/profile.toml")
	msgs := probs.Error()
	if !strings.Contains(msgs, "evidence/G1/link.pdf") || !strings.Contains(msgs, "符号链接") || !strings.Contains(msgs, "不在站点目录中") {
		t.Errorf("problems: %s", msgs)
	}
}

func TestEvidenceOnly(t *testing.T) {
	for id, want := range map[string]string{
		"national-2017": "G1 G2 G10 Q3 Q5 Q6 Q7 Q8",
		"hunan-2021":    "H8 H9 H18 H23 H27 H29 H30 H32 H33 H34 H35",
	} {
		p, err := standard.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range Entries(p) {
			if e.EvidenceOnly {
				got = append(got, e.ID)
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: evidence only %q, want %q", id, strings.Join(got, " "), want)
		}
	}
}

func TestScanEvidence(t *testing.T) {
	p, _ := standard.Load("national-2017")
	ev := ScanEvidence(testSite(t), p)
	if !ev.Present || len(ev.ByID["G1"]) != 1 || ev.ByID["G1"][0].Path != "evidence/G1/布局规划.pdf" || len(ev.ByID["R3"]) != 1 {
		t.Errorf("ByID = %+v", ev.ByID)
	}
	if !slices.Equal(ev.Unknown, []string{"evidence/G99"}) || len(ev.Loose) != 2 {
		t.Errorf("Unknown = %q, Loose = %+v", ev.Unknown, ev.Loose)
	}
	var missing []string
	for _, e := range ev.Missing(p) {
		missing = append(missing, e.ID)
	}
	if strings.Join(missing, " ") != "G2 G10 Q3 Q5 Q6 Q7 Q8" {
		t.Errorf("Missing = %q", missing)
	}
	if ScanEvidence(t.TempDir(), p).Present {
		t.Error("a site without evidence/ has evidence")
	}
}

func loadSite(t *testing.T, dir string) *site.Site {
	t.Helper()
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return s
}

// fakeBuild is what build.Render would give, small.
var fakeBuild = map[string][]byte{
	"index.html":           []byte("<html></html>"),
	"data/evaluation.json": []byte("{\n  \"county\": \"测试县\",\n  \"youjun_version\": \"(devel)\",\n  \"inputs\": [],\n  \"result_sha256\": \"ab\"\n}\n"),
	"report.pdf":           []byte("%PDF-1.7"),
}

func TestWrite(t *testing.T) {
	dir := testSite(t)
	s := loadSite(t, dir)
	out := filepath.Join(t.TempDir(), "out")
	zipName, probs := Write(Input{Site: s, Files: fakeBuild, PDFName: "report.pdf"}, out)
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	if filepath.Base(zipName) != "测试县优质均衡申报材料-2025-10-15.zip" {
		t.Errorf("zip %s", zipName)
	}
	zr, err := zip.OpenReader(zipName)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, strings.TrimPrefix(f.Name, "测试县优质均衡申报材料-2025-10-15/"))
		if !f.Modified.Equal(f.Modified.UTC()) || f.Modified.Format("2006-01-02") != "2025-10-15" {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
		if strings.HasSuffix(f.Name, ".pdf") && f.Method != zip.Store {
			t.Errorf("%s is compressed again", f.Name)
		}
	}
	zr.Close()
	want := []string{"evaluation.json", "html/data/evaluation.json", "html/index.html", "html/report.pdf", "report.pdf",
		"site/content/01-overview.md", "site/data/schools.csv", "site/evidence/G1/布局规划.pdf", "site/evidence/G99/错放.txt",
		"site/evidence/R3/艺术教师名册.xlsx", "site/evidence/说明.txt", "site/site.toml", "site/templates/partials/footer.html",
		CatalogHTML, CatalogXLSX, ManifestName}
	if !slices.Equal(names, want) {
		t.Errorf("entries %q\nwant %q", names, want)
	}
	p, err := Open(zipName)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if ms, err := p.Check(); err != nil || len(ms) != 0 {
		t.Errorf("Check = %+v, %v", ms, err)
	}
	if p.Manifest.County != "测试县" || p.Manifest.ResultSHA256 != "ab" || p.Manifest.Version != "(devel)" || p.Manifest.Profile != "national-2017" {
		t.Errorf("manifest %+v", p.Manifest)
	}
	// The same input again: the same bytes; the old package is replaced, nothing is left beside it.
	first, _ := os.ReadFile(zipName)
	if _, probs := Write(Input{Site: s, Files: fakeBuild, PDFName: "report.pdf"}, out); len(probs) != 0 {
		t.Fatal(probs)
	}
	second, _ := os.ReadFile(zipName)
	if !bytes.Equal(first, second) {
		t.Error("two packs of the same input differ")
	}
	if ents, _ := os.ReadDir(out); len(ents) != 1 {
		t.Errorf("the output folder holds %d files", len(ents))
	}
}

func TestWriteRefuses(t *testing.T) {
	dir := testSite(t)
	s := loadSite(t, dir)
	out := t.TempDir()
	// A file of the package's name that youjun did not make is not replaced.
	target := filepath.Join(out, "测试县优质均衡申报材料-2025-10-15.zip")
	os.WriteFile(target, []byte("my own zip"), 0o644)
	if _, probs := Write(Input{Site: s, Files: fakeBuild, PDFName: "report.pdf"}, out); !strings.Contains(probs.Error(), "不会覆盖") {
		t.Errorf("Write over a foreign file: %v", probs)
	}
	if b, _ := os.ReadFile(target); string(b) != "my own zip" {
		t.Error("the foreign file was changed")
	}
	// No date: refused, in Chinese.
	s.Config.Date = ""
	if _, probs := Write(Input{Site: s, Files: fakeBuild, PDFName: "report.pdf"}, t.TempDir()); !strings.Contains(probs.Error(), "没有填写报告日期") {
		t.Errorf("Write without a date: %v", probs)
	}
}
