package serve

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/diag"
)

// Only requests addressed to this machine are answered (DNS rebinding).
func TestHostCheck(t *testing.T) {
	h := New(t.TempDir(), io.Discard).Handler()
	for host, want := range map[string]int{
		"127.0.0.1:1313": 200, "127.0.0.1": 200, "localhost:1313": 200, "LocalHost:8080": 200, "[::1]:1313": 200, "[::1]": 200,
		"evil.example": 403, "evil.example:1313": 403, "127.0.0.1.evil.example": 403, "localhost.evil.example:1313": 403,
		"192.168.1.5:1313": 403, "": 403,
	} {
		req := httptest.NewRequest("GET", "/__youjun/livereload.js", nil)
		req.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
		if want == 403 && !strings.Contains(w.Body.String(), "只接受本机地址的访问") {
			t.Errorf("Host %q: body %q", host, w.Body)
		}
	}
}

// syncBuffer is a log that the test reads while the server writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// A panic while rendering, in the rebuild or in the background PDF, leaves the server running;
// the panic is shown in the overlay and the log.
func TestServeSurvivesPanic(t *testing.T) {
	dir := copySite(t)
	var log syncBuffer
	s := New(dir, &log)
	var htmlCalls atomic.Int32
	update := s.update
	s.update = func(changed []string) (*build.Change, diag.List) {
		if htmlCalls.Add(1) == 1 {
			panic("html boom")
		}
		return update(changed)
	}
	s.pdf = func(context.Context, *build.Prepared) (string, []byte, int, diag.List) { panic("pdf boom") }
	ts := newTestServer(t, s)

	s.rebuild(nil)
	probs := s.Build() // the first call panicked inside rebuild; this one renders
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	// The first build's panic went to the log; the background PDF's panic reaches the overlay.
	events := subscribe(t, ts.URL)
	deadline := time.After(10 * time.Second)
	for {
		var e event
		select {
		case e = <-events:
		case <-deadline:
			t.Fatalf("no error event for the PDF panic; log:\n%s", log.String())
		}
		if e.name == "error" {
			if !strings.Contains(e.data, "youjun 内部错误，请把以下信息报告给开发者：pdf boom") {
				t.Errorf("overlay shows %s", e.data)
			}
			break
		}
	}
	for _, want := range []string{"内部错误，请把以下信息报告给开发者：html boom", "内部错误，请把以下信息报告给开发者：pdf boom", "goroutine"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q", want)
		}
	}
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("after the panics: %d", resp.StatusCode)
	}
}

// A panic in the very first build, while the site is loaded, shows the error page and the
// overlay, not a dead server.
func TestServeFirstBuildPanics(t *testing.T) {
	s := New(t.TempDir(), io.Discard)
	s.update = func([]string) (*build.Change, diag.List) { panic("boom") }
	probs := s.Build()
	if !strings.Contains(probs.Error(), "youjun 内部错误") {
		t.Errorf("problems: %v", probs)
	}
	ts := newTestServer(t, s)
	select {
	case e := <-subscribe(t, ts.URL):
		if e.name != "error" || !strings.Contains(e.data, "boom") {
			t.Errorf("event %+v", e)
		}
	case <-time.After(2 * time.Second):
		t.Error("no event")
	}
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "站点还没有成功生成过") {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

// newTestServer serves s; the event streams are cut first, as Close waits for open requests.
func newTestServer(t *testing.T, s *Server) *httptest.Server {
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		ts.CloseClientConnections()
		ts.Close()
	})
	return ts
}
