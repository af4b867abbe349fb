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

// compile gives the same bytes as gopdf compressing the pages itself at zlib.BestSpeed: the
// rewriting of the PDF around the compressed streams (offsets, xref table, trailer) holds.
func TestCompileMatchesGopdf(t *testing.T) {
	typeset := func() *typesetter {
		f := testFlow(t)
		f.heading(block{kind: bHeading, level: 1, spans: []span{{"一、标题", sH1}}})
		f.paragraph(para(50)) // more than two pages
		f.t.newPage(0)        // a blank page
		f.paragraph(para(3))
		if err := draw(f.t, f.t.st); err != nil {
			t.Fatal(err)
		}
		return f.t
	}
	ts := typeset()
	var want bytes.Buffer
	if _, err := ts.gp.WriteTo(&want); err != nil {
		t.Fatal(err)
	}
	ts = typeset()
	got, err := compile(ts.gp, len(ts.pages))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts.pages) < 4 {
		t.Fatalf("%d pages, want 4 or more", len(ts.pages))
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("compile: %d bytes differ from gopdf's %d", len(got), want.Len())
	}
	qpdfCheck(t, got)
}

// deflateContents refuses what gopdf does not write rather than guess.
func TestDeflateContentsRefusesOtherLayouts(t *testing.T) {
	for _, in := range []string{"", "%PDF-1.7\nstartxref\n5\n%%EOF\n", "%PDF-1.7\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000099 00000 n \ntrailer\n<<>>\nstartxref\n28\n%%EOF\n"} {
		if _, err := deflateContents([]byte(in), 1); err == nil {
			t.Errorf("deflateContents(%q): no error", in)
		}
	}
}
