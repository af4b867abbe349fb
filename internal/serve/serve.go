// Package serve is `youjun serve`: it builds the site in memory, serves it on 127.0.0.1, watches
// the site's files and rebuilds after every change, and tells open pages to reload through
// server-sent events. A failed build keeps the last good pages and shows the error over them.
//
// The site is kept between saves (build.Preview): an edit of a chapter renders the chapters'
// pages again, an edit of the data loads, evaluates and renders everything, and only the files
// whose bytes changed are replaced. The downloads and then the PDF are made in the background
// from the same save's build.Prepared, after its pages are served; the next save cancels them,
// and a cancelled or older PDF never replaces the last good one.
package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/diag"
)

// Server is a live preview of one site.
type Server struct {
	site string
	// update brings the site up to date after changes to the named files (build.Preview.Update;
	// tests replace it).
	update func(changed []string) (*build.Change, diag.List)
	// pdf typesets the PDF of a save (build.Prepared.PDF; tests replace it).
	pdf func(ctx context.Context, p *build.Prepared) (name string, b []byte, pages int, probs diag.List)
	// docx writes the Word document of a save once its PDF is made (build.Prepared.DOCX).
	docx func(p *build.Prepared) (name string, b []byte, probs diag.List)

	logMu sync.Mutex // the log is written from the rebuild loop and the background goroutine
	log   io.Writer

	mu       sync.RWMutex
	files    map[string][]byte // the last good site
	problems []string          // the last build's errors; empty when it succeeded
	clients  map[chan event]struct{}
	builds   int
	last     *build.Prepared    // the last good build's, for its background work
	cancel   context.CancelFunc // stops the background work of the last good build
	// The downloads (data/*.csv, *.xlsx, evaluation.json) of the last good build, and whether
	// they are still to be made from its data: a request for one waits for ready.
	downloads map[string]bool
	stale     bool
	ready     chan struct{} // closed when the downloads are those of the last good build

	dlMu    sync.Mutex // one making of the downloads at a time
	pdfMu   sync.Mutex // one PDF at a time
	pdfWant int        // the build the newest PDF request is for; set with builds, under mu
	pdfDone int        // the build whose PDF is served, under mu
	pdfName string     // its name, under mu
	docName string     // the served Word document's name, under mu
}

type event struct {
	name string // reload (the files that changed), error (the problems), ok
	data string
}

// New returns a server for the site in dir; log hears what it does.
func New(dir string, log io.Writer) *Server {
	v := build.NewPreview(dir)
	opts := build.Options{Site: dir}
	ready := make(chan struct{})
	close(ready)
	return &Server{site: dir, update: v.Update,
		pdf:  func(ctx context.Context, p *build.Prepared) (string, []byte, int, diag.List) { return p.PDF(ctx, opts) },
		docx: func(p *build.Prepared) (string, []byte, diag.List) { return p.DOCX(opts) },
		log:  log, files: map[string][]byte{}, clients: map[chan event]struct{}{}, downloads: map[string]bool{}, ready: ready}
}

func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.log, format, args...)
}

// safely runs f and turns a panic into a problem: the preview server survives a bug that some
// file triggers, shows it in the overlay and keeps the last good pages.
func (s *Server) safely(f func() diag.List) (probs diag.List, crashed bool) {
	defer func() {
		if v := recover(); v != nil {
			crashed = true
			s.logf("youjun 内部错误，请把以下信息报告给开发者：%v\n\n%s\n", v, debug.Stack())
			probs = diag.List{{Message: fmt.Sprintf("youjun 内部错误，请把以下信息报告给开发者：%v（详细信息见运行 youjun serve 的终端窗口）", v)}}
		}
	}()
	return f(), false
}

// fail keeps the last good pages and tells the open pages about the problems.
func (s *Server) fail(probs diag.List) {
	s.mu.Lock()
	s.problems = nil
	for _, p := range probs.Errors() {
		s.problems = append(s.problems, p.String())
	}
	problems := s.problems
	s.mu.Unlock()
	data, _ := json.Marshal(problems)
	s.broadcast(event{"error", string(data)})
	var b strings.Builder
	fmt.Fprintf(&b, "生成失败（%d 处错误），浏览器中显示错误；仍提供上次成功的页面：\n", len(problems))
	for _, p := range problems {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	s.logf("%s", b.String())
}

// Build rebuilds the whole site, then tells the open pages: reload after a success, the errors
// after a failure (keeping the last good pages). It returns the build's problems.
func (s *Server) Build() diag.List { return s.Rebuild(nil) }

// Rebuild brings the site up to date after changes to the named files (nil: any file), then
// tells the open pages as Build does. Only the files whose bytes changed are replaced; the
// downloads, when the data changed, and the PDF follow in the background.
func (s *Server) Rebuild(changed []string) diag.List {
	start := time.Now()
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel() // the PDF of the last save is out of date: free the processor for this one
	}
	s.mu.Unlock()
	var c *build.Change
	probs, _ := s.safely(func() diag.List {
		var probs diag.List
		c, probs = s.update(changed)
		return probs
	})
	s.mu.Lock()
	s.builds++
	n := s.builds
	if probs.Err() != nil || c == nil {
		s.resume()
		s.mu.Unlock()
		s.fail(probs)
		return probs
	}
	for _, name := range c.Removed {
		delete(s.files, name)
	}
	for _, name := range c.Changed {
		s.files[name] = c.Files[name]
	}
	if c.Data && !s.stale {
		s.stale, s.ready = true, make(chan struct{})
	}
	s.problems = nil
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	// Here rather than in the goroutine: background goroutines may start in any order, and an
	// older save's PDF must never take the place of a newer one's.
	s.pdfWant = n
	s.last = c.Prepared
	s.mu.Unlock()
	// The pages reload when they changed themselves, or a file that they may show did.
	changes, _ := json.Marshal(slices.Concat(c.Changed, c.Removed))
	s.broadcast(event{"reload", string(changes)})
	s.logf("已更新网页：%d 个页面中重新生成 %d 个，%d 个文件有变化（%d 毫秒）\n", c.Pages, c.Rendered, len(c.Changed)+len(c.Removed), time.Since(start).Milliseconds())
	go s.background(ctx, n, c.Prepared)
	return probs
}

// resume starts again the background work of the last good build that a failed one cancelled:
// its downloads and its PDF are still to be served. s.mu is held.
func (s *Server) resume() {
	if s.last == nil || !s.stale && s.pdfDone == s.pdfWant {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go s.background(ctx, s.pdfWant, s.last)
}

// background makes the downloads, when the data changed, and the PDF of build n. A newer build
// cancels ctx; then nothing it made is served. A panic is shown like a failed build; other PDF
// errors only go to the log, as the pages are fine.
func (s *Server) background(ctx context.Context, n int, p *build.Prepared) {
	if probs, crashed := s.safely(func() diag.List { return s.makeDownloads(ctx, p) }); crashed || probs.Err() != nil {
		s.fail(probs)
		return
	}
	s.buildPDF(ctx, n, p)
}

// makeDownloads makes the downloads from p when those served are not of the last good data.
// p is the newest build's while ctx is not done, and every build shares the data of the last
// one that loaded them.
func (s *Server) makeDownloads(ctx context.Context, p *build.Prepared) diag.List {
	s.dlMu.Lock()
	defer s.dlMu.Unlock()
	s.mu.RLock()
	stale := s.stale
	s.mu.RUnlock()
	if !stale || ctx.Err() != nil {
		return nil
	}
	files, probs := p.Downloads()
	if probs.Err() != nil {
		return probs
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ctx.Err() != nil {
		return nil // a newer build makes them
	}
	for name := range s.downloads {
		if _, ok := files[name]; !ok {
			delete(s.files, name)
		}
	}
	s.downloads = map[string]bool{}
	for name, b := range files {
		s.files[name] = b
		s.downloads[name] = true
	}
	s.stale = false
	close(s.ready)
	return nil
}

// buildPDF makes the PDF of build n from its prepared site; a newer build's request supersedes
// it.
func (s *Server) buildPDF(ctx context.Context, n int, p *build.Prepared) {
	s.pdfMu.Lock()
	defer s.pdfMu.Unlock()
	s.mu.RLock()
	stale := s.pdfWant != n
	s.mu.RUnlock()
	if stale || ctx.Err() != nil {
		return
	}
	var name string
	var pdf []byte
	var pages int
	probs, crashed := s.safely(func() diag.List {
		var probs diag.List
		name, pdf, pages, probs = s.pdf(ctx, p)
		return probs
	})
	if crashed {
		s.fail(probs)
		return
	}
	if ctx.Err() != nil {
		return // cancelled: the next save's PDF follows
	}
	if probs.Err() != nil || pdf == nil {
		s.logf("PDF 未更新：%s\n", probs.Error())
		return
	}
	s.mu.Lock()
	if s.pdfWant == n {
		if s.pdfName != name {
			delete(s.files, s.pdfName) // site.toml renamed the report
		}
		s.files[name], s.pdfName, s.pdfDone = pdf, name, n
	}
	s.mu.Unlock()
	s.logf("已更新 PDF（%d 页）\n", pages)
	s.buildDOCX(ctx, n, p)
}

// buildDOCX makes the Word document of build n after its PDF, as build does, and serves it at
// its usual path; a newer build's request supersedes it.
func (s *Server) buildDOCX(ctx context.Context, n int, p *build.Prepared) {
	if s.docx == nil || ctx.Err() != nil {
		return
	}
	var name string
	var doc []byte
	probs, crashed := s.safely(func() diag.List {
		var probs diag.List
		name, doc, probs = s.docx(p)
		return probs
	})
	if crashed {
		s.fail(probs)
		return
	}
	if probs.Err() != nil || doc == nil {
		s.logf("Word 文档未更新：%s\n", probs.Error())
		return
	}
	s.mu.Lock()
	if s.pdfWant == n {
		if s.docName != name {
			delete(s.files, s.docName) // site.toml renamed the report
		}
		s.files[name], s.docName = doc, name
	}
	s.mu.Unlock()
}

func (s *Server) broadcast(e event) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for c := range s.clients {
		select {
		case c <- e:
		default: // a slow client misses an event rather than stall the build
		}
	}
}

// Builds returns how many builds have run.
func (s *Server) Builds() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.builds
}

// Handler serves the site, the reload script and the event stream.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/__youjun/events", s.events)
	mux.HandleFunc("/__youjun/livereload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, liveReloadJS)
	})
	mux.HandleFunc("/", s.page)
	return localOnly(mux)
}

// localOnly answers only requests addressed to this machine by name. A web page elsewhere can
// point a domain of its own at 127.0.0.1 (DNS rebinding) and then read the preview as its own
// origin; its requests carry that domain in the Host header.
func localOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !localHost(r.Host) {
			http.Error(w, "youjun 预览只接受本机地址的访问：请用 http://127.0.0.1:端口/ 或 http://localhost:端口/ 打开。", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// localHost reports whether a Host header names this machine: 127.0.0.1, localhost or [::1],
// with any port.
func localHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	switch strings.ToLower(host) {
	case "127.0.0.1", "localhost", "::1":
		return true
	}
	return false
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if strings.HasPrefix(name, "data/") && !s.waitDownloads(r.Context()) {
		return
	}
	s.mu.RLock()
	b, ok := s.files[name]
	if !ok {
		if _, dir := s.files[path.Join(name, "index.html")]; dir {
			s.mu.RUnlock()
			http.Redirect(w, r, "/"+name+"/", http.StatusFound)
			return
		}
	}
	problems := s.problems
	s.mu.RUnlock()
	if !ok && len(problems) > 0 && strings.HasSuffix(name, ".html") {
		// No good build yet: a page that shows the errors and reloads when they are fixed.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(inject([]byte(errorPage)))
		return
	}
	if !ok {
		http.Error(w, "找不到页面："+name, http.StatusNotFound)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		b = inject(b)
	}
	w.Write(b)
}

// waitDownloads waits until the downloads served are those of the last good build, which makes
// them in the background after its pages; false when the request ended first.
func (s *Server) waitDownloads(ctx context.Context) bool {
	timeout := time.After(time.Minute) // a failed making of the downloads is in the overlay
	for {
		s.mu.RLock()
		ready, stale := s.ready, s.stale
		s.mu.RUnlock()
		if !stale {
			return true
		}
		select {
		case <-ready:
		case <-timeout:
			return true
		case <-ctx.Done():
			return false
		}
	}
}

// inject adds the reload script, only in serve mode, before </body>.
func inject(page []byte) []byte {
	tag := []byte(`<script src="/__youjun/livereload.js"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 8)
	s.mu.Lock()
	s.clients[c] = struct{}{}
	first := event{"ok", ""}
	if len(s.problems) > 0 {
		data, _ := json.Marshal(s.problems)
		first = event{"error", string(data)}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	send := func(e event) {
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
		flusher.Flush()
	}
	send(first)
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			send(e)
		}
	}
}

// rebuild is Rebuild for the watch loop: whatever panics, the loop and the server go on.
func (s *Server) rebuild(changed []string) {
	defer func() {
		if v := recover(); v != nil {
			s.logf("youjun 内部错误，请把以下信息报告给开发者：%v\n\n%s\n", v, debug.Stack())
		}
	}()
	s.Rebuild(changed)
}

// ListenAndServe serves on 127.0.0.1:port until ctx ends, rebuilding on every change.
func (s *Server) ListenAndServe(ctx context.Context, port int) error {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("无法在 127.0.0.1:%d 上提供预览（端口可能已被占用，可用 --port 换一个）：%s", port, diag.SysError(err))
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, rebuilding on every change.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.Build()
	w, err := watch(ctx, s.site, s.rebuild)
	if err != nil {
		ln.Close()
		return fmt.Errorf("无法监视站点的文件：%s", diag.SysError(err))
	}
	defer w.Close()
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	err = srv.Serve(ln)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

const errorPage = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>生成失败 - youjun</title></head>
<body style="font:16px/1.7 sans-serif;padding:8rem 2rem 2rem"><p>站点还没有成功生成过。改正上面列出的错误并保存文件后，本页会自动刷新。</p></body></html>`

const liveReloadJS = `// youjun serve: reload after each rebuild; show build errors over the page.
(function () {
  "use strict";
  var overlay = null;
  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "youjun-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:99999;max-height:60vh;overflow:auto;" +
        "background:#fff5f5;color:#7a1f1a;border-bottom:3px solid #b3261e;padding:12px 20px;font:14px/1.6 sans-serif;" +
        "box-shadow:0 2px 12px rgba(0,0,0,.2);white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "生成失败，显示的是上次成功的页面。改正后会自动刷新：\n\n" + problems.join("\n");
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  // The file of this page in the site, as the server names it: a/ is a/index.html.
  function here() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    return p === "" || /\/$/.test(p) ? p + "index.html" : p;
  }
  // Reload when this page changed, or a file it may show (a picture, the style sheet): not when
  // only other pages did, so that an edit of one chapter leaves the others where they are.
  function affected(files) {
    var page = here();
    return files.some(function (f) { return f === page || !/\.html$/.test(f); });
  }
  var es = new EventSource("/__youjun/events");
  es.addEventListener("reload", function (e) {
    var files = e.data ? JSON.parse(e.data) : null;
    if (!files || affected(files)) location.reload(); else hide();
  });
  es.addEventListener("error", function (e) { if (e.data) show(JSON.parse(e.data)); });
  es.addEventListener("ok", hide);
})();
`
