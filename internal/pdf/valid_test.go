package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// qpdfCheck runs `qpdf --check` on a PDF; without qpdf the test skips, unless YOUJUN_CI is set.
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	q, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("YOUJUN_CI") != "" {
			t.Fatal("找不到 qpdf：CI 必须安装 qpdf")
		}
		t.Skip("skipped: no qpdf on this machine (apt-get install -y qpdf); CI runs this test")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(q, "--check", path).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// A blank page (the verso after a 目录 of odd length) has a content stream, not an empty
// /Contents entry that readers reject ("Dictionary key must be a name object").
func TestBlankPageIsValid(t *testing.T) {
	f := testFlow(t)
	f.paragraph(para(1))
	f.t.newPage(0) // blank, as after the 目录
	if err := draw(f.t, f.t.st); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := f.t.gp.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("/Contents \n")) {
		t.Error("a page has an empty /Contents entry")
	}
	qpdfCheck(t, b.Bytes())
}
