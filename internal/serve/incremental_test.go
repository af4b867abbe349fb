package serve

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/youjun-edu/youjun/internal/build"
)

// After every save of a sequence (a chapter's text, its title, a chapter added and removed, the
// schools' data, bad input and its fix) the server serves exactly the files of a fresh build of
// the same site, the PDF aside, though it rendered again only what each save could change.
func TestServeEqualsFreshBuild(t *testing.T) {
	dir := copySite(t)
	ts := start(t, dir)
	if e, ok := ts.next(t, 10*time.Second); !ok || e.name != "ok" {
		t.Fatalf("first event %+v", e)
	}
	edit := func(name, old, new string) {
		t.Helper()
		path := filepath.Join(dir, name)
		src, _ := os.ReadFile(path)
		if !strings.Contains(string(src), old) {
			t.Fatalf("%s lacks %q", name, old)
		}
		os.WriteFile(path, []byte(strings.Replace(string(src), old, new, 1)), 0o644)
	}
	chapter, schools := "content/05-next-steps.md", "data/schools.csv"
	for _, st := range []struct {
		name  string
		do    func()
		event string
	}{
		{"chapter text", func() { edit(chapter, "持续跟踪复查", "持续跟踪复查，每季度通报") }, "reload"},
		{"chapter title", func() { edit(chapter, `title = "五、下一步工作"`, `title = "五、今后的工作"`) }, "reload"},
		{"chapter added", func() {
			os.WriteFile(filepath.Join(dir, "content", "00-first.md"), []byte("+++\ntitle = \"前言\"\norder = 0\n+++\n\n{{< table \"cv\" >}}\n"), 0o644)
		}, "reload"},
		{"chapter removed", func() { os.Remove(filepath.Join(dir, "content", "00-first.md")) }, "reload"},
		{"schools", func() { edit(schools, ",1443,", ",1460,") }, "reload"},
		{"bad data", func() { edit(schools, ",1460,", ",约1460,") }, "error"},
		{"chapter while the data are bad", func() { edit(chapter, "每季度通报", "每月通报") }, "error"},
		{"data fixed", func() { edit(schools, ",约1460,", ",1470,") }, "reload"},
	} {
		st.do()
		e, ok := ts.next(t, 10*time.Second)
		// A save that the system reports in pieces may give two builds: the last one counts.
		for ok {
			last := e
			if e, ok = ts.next(t, 300*time.Millisecond); !ok {
				e, ok = last, true
				break
			}
		}
		if !ok || e.name != st.event {
			t.Fatalf("%s: event %+v, want %s", st.name, e, st.event)
		}
		if e.name == "error" {
			continue
		}
		if !ts.waitDownloads(context.Background()) {
			t.Fatal("downloads")
		}
		ts.mu.RLock()
		served := maps.Clone(ts.files)
		ts.mu.RUnlock()
		for name := range served {
			if strings.HasSuffix(name, ".pdf") || strings.HasSuffix(name, ".docx") {
				delete(served, name) // made in the background, after the pages
			}
		}
		p, probs := build.Prepare(build.Options{Site: dir}, func(_ string, f func()) { f() })
		if probs.Err() != nil {
			t.Fatal(probs)
		}
		_, want, probs := build.RenderPrepared(p, build.Options{Site: dir, Only: "html"})
		if probs.Err() != nil {
			t.Fatal(probs)
		}
		for _, name := range slices.Sorted(maps.Keys(want)) {
			if !bytes.Equal(served[name], want[name]) {
				t.Errorf("%s: %s differs from a fresh build", st.name, name)
			}
		}
		for name := range served {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: %s is served but not in a fresh build", st.name, name)
			}
		}
	}
	if _, page := ts.get(t, "/05-next-steps/"); !strings.Contains(page, "每月通报") || !strings.Contains(page, "五、今后的工作") {
		t.Error("the last edits are not served")
	}
}
