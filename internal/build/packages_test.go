package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A package zip that `youjun pack` wrote into the output folder survives the next build; other
// stray files do not (the folder is youjun's).
func TestBuildKeepsPackages(t *testing.T) {
	dir := copySite(t)
	out := filepath.Join(dir, "output")
	if probs := PackageOut(dir, out); len(probs) != 0 {
		t.Fatal(probs)
	}
	zip := filepath.Join(out, "示例县优质均衡申报材料-2025-10-15.zip")
	os.WriteFile(zip, []byte("PK package"), 0o644)
	os.WriteFile(filepath.Join(out, "stray.zip"), []byte("x"), 0o644)
	if _, probs := Run(Options{Site: dir, Only: "html"}); probs.Err() != nil {
		t.Fatal(probs)
	}
	if b, err := os.ReadFile(zip); err != nil || string(b) != "PK package" {
		t.Errorf("the package after a build: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(out, "stray.zip")); err == nil {
		t.Error("a stray file survived the build")
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("no pages: %v", err)
	}
}

// pack may write into the site's output folder or outside the site, nowhere else in it.
func TestPackageOut(t *testing.T) {
	dir := copySite(t)
	if probs := PackageOut(dir, filepath.Join(dir, "data")); len(probs) == 0 || !strings.Contains(probs.Error(), "不能放在站点目录中") {
		t.Errorf("PackageOut(data) = %v", probs)
	}
	if probs := PackageOut(dir, filepath.Join(dir, "packages")); len(probs) == 0 || !strings.Contains(probs.Error(), "不能放在站点目录中") {
		t.Errorf("PackageOut(site/packages) = %v", probs)
	}
	if probs := PackageOut(dir, filepath.Join(t.TempDir(), "out")); len(probs) != 0 {
		t.Errorf("PackageOut(elsewhere) = %v", probs)
	}
	// The site's output folder, new: made and marked, so that the next build accepts it.
	out := filepath.Join(dir, "output")
	if probs := PackageOut(dir, out); len(probs) != 0 || !madeByYoujun(out) {
		t.Errorf("PackageOut(output) = %v, marked %v", probs, madeByYoujun(out))
	}
}

// check lists the indicators judged on evidence alone that have no evidence, without failing;
// a folder of evidence/ that names no indicator is a warning.
func TestEvidenceReview(t *testing.T) {
	dir := copySite(t)
	res, probs := Run(Options{Site: dir, DryRun: true, Only: "html"})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if len(res.Evidence) != 1 || !strings.Contains(res.Evidence[0], "还没有佐证材料目录 evidence/") || !strings.Contains(res.Evidence[0], "G10 编制岗位统筹") {
		t.Errorf("Evidence = %q", res.Evidence)
	}
	before := len(res.Warnings)
	os.MkdirAll(filepath.Join(dir, "evidence", "G1"), 0o755)
	os.WriteFile(filepath.Join(dir, "evidence", "G1", "规划.pdf"), []byte("%PDF"), 0o644)
	os.MkdirAll(filepath.Join(dir, "evidence", "G01"), 0o755)
	res, probs = Run(Options{Site: dir, DryRun: true, Only: "html"})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if len(res.Evidence) != 1 || strings.Contains(res.Evidence[0], "G1 ") || !strings.Contains(res.Evidence[0], "7 项") {
		t.Errorf("Evidence = %q", res.Evidence)
	}
	if len(res.Warnings) != before+1 || res.Warnings[before].File != "evidence/G01" {
		t.Errorf("warnings %v", res.Warnings[before:])
	}
}
