package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// typesetSites are the sites whose PDFs the typesetting tests read: both examples and a
// generated county of 500 campuses.
func typesetSites(t *testing.T) map[string]string {
	return map[string]string{"example": "../..", "hunan": "../../examples/hunan", "500": scaleSite(t, 500)}
}

// buildSitePDF builds a site's PDF with the embedded fonts only.
func buildSitePDF(t *testing.T, dir string) *Result {
	t.Helper()
	res, probs := Run(Options{Site: dir, Out: filepath.Join(t.TempDir(), "output"), Only: "pdf", SystemFonts: noSystemFonts})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return res
}

// qpdfCheck runs `qpdf --check`; without qpdf the test skips, unless YOUJUN_CI is set.
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	q, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("YOUJUN_CI") != "" {
			t.Fatal("找不到 qpdf：CI 必须安装 qpdf")
		}
		t.Skip("skipped: no qpdf on this machine (apt-get install -y qpdf); CI runs this test")
	}
	if out, err := exec.Command(q, "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", path, err, out)
	}
}

// Every PDF passes qpdf's structural check.
func TestPDFValid(t *testing.T) {
	for name, dir := range typesetSites(t) {
		t.Run(name, func(t *testing.T) {
			qpdfCheck(t, buildSitePDF(t, dir).PDF)
		})
	}
}
