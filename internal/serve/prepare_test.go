package serve

import (
	"context"
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

// One save loads and evaluates the site once at most: the pages and the PDF come from that one
// build.Prepared, and the PDF served afterwards shows that save.
func TestServePreparesOncePerSave(t *testing.T) {
	dir := copySite(t)
	s := New(dir, io.Discard)
	var mu sync.Mutex
	var prepared, typeset []*build.Prepared
	update, pdf := s.update, s.pdf
	s.update = func(changed []string) (*build.Change, diag.List) {
		c, probs := update(changed)
		if c != nil {
			mu.Lock()
			prepared = append(prepared, c.Prepared)
			mu.Unlock()
		}
		return c, probs
	}
	s.pdf = func(ctx context.Context, p *build.Prepared) (string, []byte, int, diag.List) {
		mu.Lock()
		typeset = append(typeset, p)
		mu.Unlock()
		return pdf(ctx, p)
	}
	ts := newTestServer(t, s)
	pdftotext, _ := exec.LookPath("pdftotext")
	if pdftotext == "" && os.Getenv("YOUJUN_CI") != "" {
		t.Fatal("pdftotext (poppler-utils) is missing")
	}

	chapter := filepath.Join(dir, "content", "05-next-steps.md")
	src, _ := os.ReadFile(chapter)
	for i, sentence := range []string{"第一次保存的句子。", "第二次保存的句子。"} {
		os.WriteFile(chapter, append(src, []byte("\n"+sentence+"\n")...), 0o644)
		changed := []string{chapter}
		if i == 0 {
			changed = nil // the first build
		}
		if probs := s.Rebuild(changed); probs.Err() != nil {
			t.Fatal(probs)
		}
		// The PDF comes in the background: wait until the one of this save is served.
		deadline := time.Now().Add(30 * time.Second)
		for {
			mu.Lock()
			done := len(typeset) == len(prepared)
			mu.Unlock()
			pdf := servedPDF(t, ts.URL)
			if done && pdf != nil && (pdftotext == "" || strings.Contains(pdfText(t, pdftotext, pdf), sentence)) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the PDF served does not show %q (%d saves prepared, %d PDFs typeset)", sentence, len(prepared), len(typeset))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(prepared) != 2 {
		t.Errorf("the site was prepared %d times for 2 saves", len(prepared))
	}
	if !slices.Equal(typeset, prepared) {
		t.Errorf("PDFs typeset from %v, not from what each save prepared (%v)", typeset, prepared)
	}
}

// A PDF goroutine that starts late, after a newer save's, does not typeset the older save; a
// cancelled one is not served.
func TestServeOlderPDFNeverWins(t *testing.T) {
	s := New(t.TempDir(), io.Discard)
	var calls int
	s.pdf = func(context.Context, *build.Prepared) (string, []byte, int, diag.List) {
		calls++
		return "r.pdf", []byte("%PDF"), 1, nil
	}
	s.mu.Lock()
	s.builds, s.pdfWant = 2, 2 // build 2 succeeded and asked for its PDF
	s.mu.Unlock()
	s.buildPDF(context.Background(), 1, &build.Prepared{})
	if calls != 0 {
		t.Error("build 1's PDF was typeset after build 2 had asked for its own")
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.pdf = func(context.Context, *build.Prepared) (string, []byte, int, diag.List) {
		calls++
		cancel() // the next save arrives while the PDF is typeset
		return "r.pdf", []byte("%PDF"), 1, nil
	}
	s.buildPDF(ctx, 2, &build.Prepared{})
	if calls != 1 || s.files["r.pdf"] != nil {
		t.Errorf("a cancelled PDF: %d calls, served %q", calls, s.files["r.pdf"])
	}
	s.buildPDF(context.Background(), 2, &build.Prepared{})
	if calls != 2 || string(s.files["r.pdf"]) != "%PDF" {
		t.Error("build 2's PDF was not served")
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
