package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// provenance is the part of evaluation.json this test reads.
type provenance struct {
	Version string `json:"youjun_version"`
	Inputs  []struct {
		Path   string `json:"path"`
		SHA256 string `json:"sha256"`
		Bytes  int    `json:"bytes"`
	} `json:"inputs"`
	Result string `json:"result_sha256"`
}

func prepared(t *testing.T, dir string) (*Prepared, provenance) {
	t.Helper()
	p, probs := Prepare(Options{Site: dir}, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	var pv provenance
	if err := json.Unmarshal(p.JSON, &pv); err != nil {
		t.Fatal(err)
	}
	return p, pv
}

func (pv provenance) digests() map[string]string {
	m := map[string]string{}
	for _, in := range pv.Inputs {
		m[in.Path] = in.SHA256
	}
	return m
}

// Editing one byte of each kind of input changes that input's digest and no other, and the
// result's digest changes exactly when the evaluation does: a chapter is no part of it.
func TestProvenanceDigests(t *testing.T) {
	base := copySite(t)
	p0, pv0 := prepared(t, base)
	if pv0.Version != "(devel)" {
		t.Errorf("version %q, want (devel) in tests", pv0.Version)
	}
	want := []string{"content/01-overview.md", "content/06-conclusion.md", "data/county.toml", "data/schools.csv", "profile:national-2017", "site.toml"}
	d0 := pv0.digests()
	for _, w := range want {
		if len(d0[w]) != 64 {
			t.Errorf("no digest of %s in %v", w, d0)
		}
	}
	for i := 1; i < len(pv0.Inputs); i++ {
		if pv0.Inputs[i-1].Path >= pv0.Inputs[i].Path {
			t.Errorf("inputs not sorted by path: %s before %s", pv0.Inputs[i-1].Path, pv0.Inputs[i].Path)
		}
	}
	src, _ := os.ReadFile(filepath.Join(base, "data/schools.csv"))
	for _, in := range pv0.Inputs {
		if in.Path == "data/schools.csv" && in.Bytes != len(src) {
			t.Errorf("schools.csv: %d bytes, file has %d", in.Bytes, len(src))
		}
	}
	tests := []struct {
		file, old, new string
		evalChanges    bool
	}{
		{"site.toml", `year = 2025`, `year = 2024`, true},
		{"site.toml", `bureau = "示例县教育局"`, `bureau = "示例县教育厅"`, false}, // the report's, not the evaluation's
		{"data/schools.csv", "3612340001,示例县第一小学,小学,公办,城区,否,2006,1443", "3612340001,示例县第一小学,小学,公办,城区,否,2006,1442", true},
		{"data/county.toml", "", "", true}, // one digit changed, found below
		{"content/01-overview.md", "", "", false},
	}
	digit := regexp.MustCompile(`= *(\d)`)
	for _, tt := range tests {
		t.Run(tt.file+tt.new, func(t *testing.T) {
			dir := copySite(t)
			path := filepath.Join(dir, filepath.FromSlash(tt.file))
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.old != "":
				if !bytes.Contains(b, []byte(tt.old)) {
					t.Fatalf("%s lacks %q", tt.file, tt.old)
				}
				b = bytes.Replace(b, []byte(tt.old), []byte(tt.new), 1)
			case strings.HasSuffix(tt.file, ".toml"):
				loc := digit.FindSubmatchIndex(b)
				d := b[loc[2]]
				b[loc[2]] = '0' + (d-'0'+1)%10
				if b[loc[2]] == '0' {
					b[loc[2]] = '2'
				}
			default:
				b = append(b, '\n')
			}
			os.WriteFile(path, b, 0o644)
			p1, pv1 := prepared(t, dir)
			d1 := pv1.digests()
			for k, v := range d0 {
				if changed := d1[k] != v; changed != (k == tt.file) {
					t.Errorf("%s: digest changed %v", k, changed)
				}
			}
			evalChanged := !bytes.Equal(p0.evalJSON, p1.evalJSON)
			if evalChanged != tt.evalChanges {
				t.Errorf("evaluation changed %v, want %v", evalChanged, tt.evalChanges)
			}
			if (pv1.Result != pv0.Result) != evalChanged {
				t.Errorf("result_sha256 changed %v, evaluation changed %v", pv1.Result != pv0.Result, evalChanged)
			}
		})
	}
}

// result_sha256 is the digest of evaluation.json with its provenance fields removed, which is
// the file as eval writes it.
func TestProvenanceResultDigest(t *testing.T) {
	p, pv := prepared(t, copySite(t))
	i := bytes.Index(p.JSON, []byte(",\n  \"youjun_version\""))
	if i < 0 {
		t.Fatal("no youjun_version in evaluation.json")
	}
	stripped := append(p.JSON[:i:i], "\n}\n"...)
	if !bytes.Equal(stripped, p.evalJSON) {
		t.Fatal("evaluation.json without the provenance is not the result eval wrote")
	}
	if got := sha256hex(stripped); got != pv.Result {
		t.Errorf("result_sha256 %s, digest of the stripped file %s", pv.Result, got)
	}
}

// The footer of every page shows the fingerprint, the PDF's last page the 说明 with the whole
// digest, and its metadata the digest too.
func TestProvenanceShown(t *testing.T) {
	dir := copySite(t)
	res, probs := Run(Options{Site: dir, SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	js, err := os.ReadFile(filepath.Join(res.Out, "data/evaluation.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pv provenance
	if err := json.Unmarshal(js, &pv); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(res.Out, "index.html"))
	if want := "数据指纹：<a href=\"data/evaluation.json\""; !bytes.Contains(page, []byte(want)) || !bytes.Contains(page, []byte(">"+pv.Result[:12]+"</a>")) {
		t.Errorf("index.html's footer lacks the fingerprint %s", pv.Result[:12])
	}
	pages := strings.Split(pdftotext(t, res.PDF), "\f")
	last := pages[len(pages)-2] // after the last form feed: nothing
	if !strings.Contains(last, "本报告由 youjun (devel) 依据以下数据生成") || !strings.Contains(last, pv.Result) {
		t.Errorf("the PDF's last page lacks the 说明 with %s:\n%s", pv.Result, last)
	}
	if info := pdfinfo(t, res.PDF); !strings.Contains(info, "评估结果 SHA-256 "+pv.Result) {
		t.Errorf("the PDF's metadata lack the digest:\n%s", info)
	}
}

func pdfinfo(t *testing.T, path string) string {
	out, err := exec.Command(poppler(t, "pdfinfo"), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	return string(out)
}

func sha256hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// A picture a chapter shows is an input too, listed once however many chapters show it.
func TestProvenancePicture(t *testing.T) {
	dir := copySite(t)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")
	os.MkdirAll(filepath.Join(dir, "content/img"), 0o755)
	os.WriteFile(filepath.Join(dir, "content/img/校门.png"), png, 0o644)
	for _, ch := range []string{"content/01-overview.md", "content/06-conclusion.md"} {
		appendFile(t, filepath.Join(dir, ch), "\n![校门](img/校门.png)\n")
	}
	_, pv := prepared(t, dir)
	n := 0
	for _, in := range pv.Inputs {
		if in.Path == "content/img/校门.png" {
			n++
			if in.SHA256 != sha256hex(png) || in.Bytes != len(png) {
				t.Errorf("picture: %+v", in)
			}
		}
	}
	if n != 1 {
		t.Errorf("picture listed %d times in %+v", n, pv.Inputs)
	}
}
