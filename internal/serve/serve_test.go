package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/youjun-edu/youjun/internal/synth"
	"github.com/youjun-edu/youjun/internal/testsite"
)

func copySite(t testing.TB) string { return testsite.Copy(t, "../..") }

type testServer struct {
	*Server
	base   string
	events chan event
	cancel func()
}

func start(t testing.TB, dir string) *testServer { return startLogged(t, dir, io.Discard) }

func startLogged(t testing.TB, dir string, log io.Writer) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := New(dir, log)
	go s.Serve(ctx, ln)
	ts := &testServer{Server: s, base: "http://" + ln.Addr().String(), cancel: cancel}
	t.Cleanup(cancel)
	ts.events = subscribe(t, ts.base)
	return ts
}

// subscribe listens to the reload events the way the page's script does.
func subscribe(t testing.TB, base string) chan event {
	events := make(chan event, 16)
	var resp *http.Response
	var err error
	for i := 0; i < 100; i++ {
		if resp, err = http.Get(base + "/__youjun/events"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var e event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			case line == "":
				events <- e
				e = event{}
			}
		}
	}()
	return events
}

func (ts *testServer) next(t testing.TB, timeout time.Duration) (event, bool) {
	select {
	case e := <-ts.events:
		return e, true
	case <-time.After(timeout):
		return event{}, false
	}
}

func (ts *testServer) get(t testing.TB, path string) (int, string) {
	resp, err := http.Get(ts.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	dir := copySite(t)
	ts := start(t, dir)
	if e, ok := ts.next(t, 5*time.Second); !ok || e.name != "ok" {
		t.Fatalf("first event %+v", e)
	}
	code, page := ts.get(t, "/")
	if code != 200 || !strings.Contains(page, `<script src="/__youjun/livereload.js"></script></body>`) {
		t.Fatalf("index: %d, script injected: %v", code, strings.Contains(page, "livereload"))
	}
	if code, _ := ts.get(t, "/__youjun/livereload.js"); code != 200 {
		t.Error("no reload script")
	}

	// A one-line edit of a chapter: one rebuild, one reload.
	builds := ts.Builds()
	chapter := filepath.Join(dir, "content", "05-next-steps.md")
	src, _ := os.ReadFile(chapter)
	edited := time.Now()
	os.WriteFile(chapter, append(src, []byte("\n新增的一段话。\n")...), 0o644)
	e, ok := ts.next(t, 5*time.Second)
	if !ok || e.name != "reload" {
		t.Fatalf("after an edit: %+v", e)
	}
	t.Logf("edit to reload event: %v", time.Since(edited))
	// It names the one page that changed: the other pages need not reload.
	if e.data != `["05-next-steps/index.html"]` {
		t.Errorf("the reload event names %s", e.data)
	}
	if e, ok := ts.next(t, 400*time.Millisecond); ok {
		t.Errorf("a second event after one edit: %+v", e)
	}
	if got := ts.Builds() - builds; got != 1 {
		t.Errorf("%d rebuilds for one edit", got)
	}
	if _, page := ts.get(t, "/05-next-steps/"); !strings.Contains(page, "新增的一段话。") {
		t.Error("the page does not show the edit")
	}

	// A broken data file: an error event naming file, row and column; the last good pages stay.
	table := filepath.Join(dir, "data", "schools.csv")
	good, _ := os.ReadFile(table)
	os.WriteFile(table, []byte(strings.Replace(string(good), ",1443,", ",约1443,", 1)), 0o644)
	e, ok = ts.next(t, 5*time.Second)
	if !ok || e.name != "error" || !strings.Contains(e.data, `data/schools.csv 第2行「小学在校生数」`) {
		t.Fatalf("after breaking the data: %+v", e)
	}
	if code, page := ts.get(t, "/05-next-steps/"); code != 200 || !strings.Contains(page, "新增的一段话。") {
		t.Error("the last good page is not served after a failed build")
	}

	// A page opened now hears the error at once.
	select {
	case e := <-subscribe(t, ts.base):
		if e.name != "error" || !strings.Contains(e.data, "小学在校生数") {
			t.Errorf("a new page hears %+v", e)
		}
	case <-time.After(2 * time.Second):
		t.Error("a new page hears nothing")
	}
	// Fixing the file recovers.
	os.WriteFile(table, good, 0o644)
	if e, ok := ts.next(t, 5*time.Second); !ok || e.name != "reload" {
		t.Fatalf("after fixing the data: %+v", e)
	}

	// The PDF is built in the background and served at its usual path.
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := ts.get(t, "/示例县义务教育优质均衡发展自评报告.pdf")
		if code == 200 && strings.HasPrefix(body, "%PDF") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no PDF: %d", code)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// And the Word document after it (a .docx is a zip: PK).
	for {
		code, body := ts.get(t, "/示例县义务教育优质均衡发展自评报告.docx")
		if code == 200 && strings.HasPrefix(body, "PK") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no Word document: %d", code)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// New folders are watched too.
func TestServeWatchesNewFolders(t *testing.T) {
	dir := copySite(t)
	ts := start(t, dir)
	ts.next(t, 5*time.Second)
	sub := filepath.Join(dir, "content", "extra")
	os.MkdirAll(sub, 0o755)
	ts.next(t, 2*time.Second) // the new folder itself may trigger a build
	time.Sleep(100 * time.Millisecond)
	builds := ts.Builds()
	os.WriteFile(filepath.Join(sub, "note.md"), []byte("x"), 0o644)
	deadline := time.Now().Add(3 * time.Second)
	for ts.Builds() == builds && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if ts.Builds() == builds {
		t.Error("a file in a new folder did not trigger a rebuild")
	}
}

func TestRelevant(t *testing.T) {
	for path, want := range map[string]bool{
		"/s/site.toml": true, "/s/content/a.md": true, "/s/data/schools.xlsx": true, "/s/templates/x.html": true,
		"/s/output/index.html": false, "/s/data/~$schools.xlsx": false, "/s/content/.a.md.swp": false, "/s/content/a.md~": false,
		"/s/README.md": false,
	} {
		if got := relevant("/s", path); got != want {
			t.Errorf("relevant(%s) = %v", path, got)
		}
	}
}

// BenchmarkReload measures a save until the reload event reaches the page, the debounce
// included (see the ms/reload metric): a one-line edit of a chapter of the example (target
// ≤ 100 ms) and, on a generated county of 2,000 campuses, of a chapter (≤ 150 ms) and of one
// number in the schools' table, as CSV and as XLSX (≤ 400 ms). Between saves the background
// work (downloads, PDF) ends, as it does when someone saves now and then.
func BenchmarkReload(b *testing.B) {
	chapter := filepath.Join("content", "05-next-steps.md")
	const settle = 100 * time.Millisecond
	b.Run("example/chapter", func(b *testing.B) {
		dir := copySite(b)
		benchReload(b, dir, chapter, chapterEdits(b, dir, chapter), settle)
	})
	big := func(b *testing.B) string {
		dir := filepath.Join(b.TempDir(), "site")
		if err := synth.WriteSite("../..", dir, 2000, 7); err != nil {
			b.Fatal(err)
		}
		return dir
	}
	b.Run("2000/chapter", func(b *testing.B) {
		dir := big(b)
		benchReload(b, dir, chapter, chapterEdits(b, dir, chapter), settle)
	})
	b.Run("2000/schools.csv", func(b *testing.B) {
		dir := big(b)
		csv := filepath.Join("data", "schools.csv")
		src, _ := os.ReadFile(filepath.Join(dir, csv))
		benchReload(b, dir, csv, schoolEdits(b, src), settle)
	})
	b.Run("2000/schools.xlsx", func(b *testing.B) {
		dir := big(b)
		csv := filepath.Join(dir, "data", "schools.csv")
		src, _ := os.ReadFile(csv)
		os.Remove(csv)
		edits := schoolEdits(b, src)
		for i := range edits {
			edits[i] = toXLSX(b, edits[i])
		}
		xlsx := filepath.Join("data", "schools.xlsx")
		os.WriteFile(filepath.Join(dir, xlsx), edits[1], 0o644)
		benchReload(b, dir, xlsx, edits, settle)
	})
}

// benchReload serves the site in dir and writes the edits to its file name in turn, each time
// until the page hears "reload".
func benchReload(b *testing.B, dir, name string, edits [][]byte, settle time.Duration) {
	var log syncBuffer
	ts := startLogged(b, dir, &log)
	if e, ok := ts.next(b, time.Minute); !ok || e.name != "ok" {
		b.Fatalf("first event %+v", e)
	}
	// Each save waits until the last one's PDF is served, as when someone saves now and then.
	pdfs := 0
	settled := func() {
		pdfs++
		deadline := time.Now().Add(5 * time.Minute)
		for strings.Count(log.String(), "已更新 PDF") < pdfs && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(settle)
	}
	settled()
	var total time.Duration
	i := 0
	for b.Loop() {
		edited := time.Now()
		os.WriteFile(filepath.Join(dir, name), edits[i%len(edits)], 0o644)
		i++
		if e, ok := ts.next(b, time.Minute); !ok || e.name != "reload" {
			b.Fatalf("event %+v", e)
		}
		total += time.Since(edited)
		b.StopTimer()
		settled()
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(i), "ms/reload")
	// The rebuilds as the log times them: the reload without the debounce and the event.
	var ms []float64
	for _, m := range regexp.MustCompile(`（(\d+) 毫秒）`).FindAllStringSubmatch(log.String(), -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		ms = append(ms, v)
	}
	if len(ms) > 1 {
		ms = ms[1:] // the first build
		sum := 0.0
		for _, v := range ms {
			sum += v
		}
		b.ReportMetric(sum/float64(len(ms)), "ms/build")
	}
}

// chapterEdits are two versions of a chapter, each a line longer than the original.
func chapterEdits(b *testing.B, dir, name string) [][]byte {
	src, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		b.Fatal(err)
	}
	return [][]byte{append(slices.Clone(src), "\n第一段。\n"...), append(slices.Clone(src), "\n第二段。\n"...)}
}

// schoolEdits are two versions of the generated table, with another floor area (教学及辅助用房面积)
// of the first school.
func schoolEdits(b *testing.B, src []byte) [][]byte {
	if !bytes.Contains(src, []byte(",5292.0,")) {
		b.Fatal("the generated table has changed: choose another edit")
	}
	return [][]byte{bytes.Replace(src, []byte(",5292.0,"), []byte(",5392.0,"), 1), bytes.Replace(src, []byte(",5292.0,"), []byte(",5492.0,"), 1)}
}

// toXLSX writes a CSV table as Excel does: numbers as numbers, codes as text.
func toXLSX(b *testing.B, src []byte) []byte {
	x, err := synth.XLSX(src)
	if err != nil {
		b.Fatal(err)
	}
	return x
}
