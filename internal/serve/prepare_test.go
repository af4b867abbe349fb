package serve

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/diag"
)

// One save loads and evaluates the site once: the pages and the PDF render from that one
// Prepared, and the PDF served afterwards shows that save.
func TestServePreparesOncePerSave(t *testing.T) {
	dir := copySite(t)
	s := New(dir, io.Discard)
	var mu sync.Mutex
	var prepared []*build.Prepared
	rendered := map[string][]*build.Prepared{} // by Options.Only
	s.prepare = func(opts build.Options) (*build.Prepared, diag.List) {
		p, probs := prepare(opts)
		mu.Lock()
		prepared = append(prepared, p)
		mu.Unlock()
		return p, probs
	}
	s.render = func(p *build.Prepared, opts build.Options) (*build.Result, map[string][]byte, diag.List) {
		mu.Lock()
		rendered[opts.Only] = append(rendered[opts.Only], p)
		mu.Unlock()
		return build.RenderPrepared(p, opts)
	}
	ts := newTestServer(t, s)
	pdftotext, _ := exec.LookPath("pdftotext")
	if pdftotext == "" && os.Getenv("YOUJUN_CI") != "" {
		t.Fatal("pdftotext (poppler-utils) is missing")
	}

	chapter := filepath.Join(dir, "content", "05-next-steps.md")
	src, _ := os.ReadFile(chapter)
	for _, sentence := range []string{"第一次保存的句子。", "第二次保存的句子。"} {
		os.WriteFile(chapter, append(src, []byte("\n"+sentence+"\n")...), 0o644)
		if probs := s.Build(); probs.Err() != nil {
			t.Fatal(probs)
		}
		// The PDF comes in the background: wait until the one of this save is served.
		deadline := time.Now().Add(30 * time.Second)
		for {
			mu.Lock()
			done := len(rendered["pdf"]) == len(prepared)
			mu.Unlock()
			pdf := servedPDF(t, ts.URL)
			if done && pdf != nil && (pdftotext == "" || strings.Contains(pdfText(t, pdftotext, pdf), sentence)) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the PDF served does not show %q (%d saves prepared, %d PDFs rendered)", sentence, len(prepared), len(rendered["pdf"]))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(prepared) != 2 {
		t.Errorf("the site was prepared %d times for 2 saves", len(prepared))
	}
	for _, only := range []string{"html", "pdf"} {
		if !slices.Equal(rendered[only], prepared) {
			t.Errorf("%s rendered from %v, not from what each save prepared (%v)", only, rendered[only], prepared)
		}
	}
}

// A PDF goroutine that starts late, after a newer save's, does not typeset the older save.
func TestServeOlderPDFNeverWins(t *testing.T) {
	s := New(t.TempDir(), io.Discard)
	var calls int
	s.render = func(*build.Prepared, build.Options) (*build.Result, map[string][]byte, diag.List) {
		calls++
		return nil, nil, diag.List{{Message: "x"}}
	}
	s.mu.Lock()
	s.builds, s.pdfWant = 2, 2 // build 2 succeeded and asked for its PDF
	s.mu.Unlock()
	s.buildPDF(1, &build.Prepared{})
	if calls != 0 {
		t.Error("build 1's PDF was typeset after build 2 had asked for its own")
	}
	s.buildPDF(2, &build.Prepared{})
	if calls != 1 {
		t.Error("build 2's PDF was not typeset")
	}
}

// servedPDF returns the PDF the server serves now; nil before the first.
func servedPDF(t *testing.T, base string) []byte {
	t.Helper()
	resp, err := http.Get(base + "/示例县义务教育优质均衡发展自评报告.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		return nil
	}
	return b
}

// pdfText is the text of a PDF without white space, as pdftotext reads it.
func pdfText(t *testing.T, pdftotext string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, pdf, 0o644)
	out, err := exec.Command(pdftotext, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}
