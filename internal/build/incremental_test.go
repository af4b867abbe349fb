package build

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/testsite"
)

// fresh is what a build from scratch renders of the site in dir, the PDF aside.
func fresh(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	p, probs := Prepare(Options{Site: dir}, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		t.Fatalf("fresh build: %v", probs)
	}
	_, files, probs := RenderPrepared(p, Options{Site: dir, Only: "html"})
	if probs.Err() != nil {
		t.Fatalf("fresh build: %v", probs)
	}
	return files
}

// After each edit of a sequence the preview holds exactly the files of a fresh build of the
// same site, having rendered again only the pages the edit could change; its list of changed
// and removed files turns the previous files into the new ones.
func TestPreviewEqualsFreshBuild(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	write := func(name, src string) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	edit := func(name, old, new string) {
		t.Helper()
		src := read(name)
		if !strings.Contains(src, old) {
			t.Fatalf("%s lacks %q", name, old)
		}
		write(name, strings.Replace(src, old, new, 1))
	}
	chapter := "content/05-next-steps.md"
	schools := "data/schools.csv"
	goodSchools := read(schools)
	const chapters = 6
	all := -1  // every page rendered
	some := -2 // some pages rendered, not all: the schools' pages whose data did not change are kept
	theme, err := os.ReadFile("../../templates/school.html")
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name     string
		do       func()
		changed  []string // nil: everything may have changed
		rendered int      // pages rendered; all for every page
		fails    string   // a problem the update reports, when it fails
		shows    string   // a page and a text it shows after the update
	}{
		{name: "first build", do: func() {}, rendered: all},
		{name: "chapter text", do: func() { edit(chapter, "持续跟踪复查", "持续跟踪复查，每季度通报") },
			changed: []string{chapter}, rendered: chapters, shows: "05-next-steps/index.html 每季度通报"},
		{name: "chapter title", do: func() { edit(chapter, `title = "五、下一步工作"`, `title = "五、今后的工作"`) },
			changed: []string{chapter}, rendered: all, shows: "schools/index.html 五、今后的工作"},
		{name: "chapter added, with a table before the others' and a picture",
			do: func() {
				write("content/images/p.png", "\x89PNG not really")
				write("content/00-first.md", "+++\ntitle = \"前言\"\norder = 0\n+++\n\n正文。\n\n{{< table \"cv\" >}}\n\n![图](images/p.png)\n")
			},
			changed: []string{"content/images/p.png", "content/00-first.md"}, rendered: all, shows: "00-first/images/p.png PNG"},
		{name: "picture changed", do: func() { write("content/images/p.png", "\x89PNG other") },
			changed: []string{filepath.Join(dir, "content/images/p.png")}, rendered: chapters + 1, shows: "00-first/images/p.png other"},
		{name: "chapter removed", do: func() { os.Remove(filepath.Join(dir, "content/00-first.md")) },
			changed: []string{"content/00-first.md"}, rendered: all},
		{name: "schools edited", do: func() { edit(schools, ",1443,", ",1460,") },
			changed: []string{schools}, rendered: some},
		{name: "a school's floor area", do: func() { edit(schools, ",9611.5,", ",9711.5,") },
			changed: []string{schools}, rendered: some, shows: "schools/3612340001.html 9711.5"},
		{name: "a school's page of the site's own", do: func() {
			write("templates/school.html", strings.Replace(string(theme), "<h1>", "<p>本县的学校页</p><h1>", 1))
		},
			changed: []string{"templates/school.html"}, rendered: all, shows: "schools/3612340002.html 本县的学校页"},
		{name: "schools edited with the site's own page", do: func() { edit(schools, ",9711.5,", ",9811.5,") },
			changed: []string{schools}, rendered: some, shows: "schools/3612340001.html 9811.5"},
		{name: "the site's own page removed", do: func() { os.RemoveAll(filepath.Join(dir, "templates")) },
			changed: []string{filepath.Join(dir, "templates")}, rendered: all},
		{name: "bad chapter", do: func() { edit(chapter, "持续跟踪复查", `持续跟踪复查{{< value "nokey" >}}`) },
			changed: []string{chapter}, fails: "nokey"},
		{name: "bad chapter fixed", do: func() { edit(chapter, `{{< value "nokey" >}}`, "") },
			changed: []string{chapter}, rendered: chapters},
		{name: "bad data", do: func() { edit(schools, ",1460,", ",约1460,") }, changed: []string{schools}, fails: "约1460"},
		// The data are still bad: an edit of a chapter alone must not show the site as good.
		{name: "chapter edited while the data are bad", do: func() { edit(chapter, "每季度通报", "每月通报") },
			changed: []string{chapter}, fails: "约1460"},
		{name: "data fixed", do: func() { write(schools, goodSchools) }, changed: []string{schools}, rendered: some,
			shows: "05-next-steps/index.html 每月通报"},
		{name: "site.toml", do: func() { edit("site.toml", `bureau = "示例县教育局"`, `bureau = "示例县教育体育局"`) },
			changed: []string{"site.toml"}, rendered: all, shows: "index.html 示例县教育体育局"},
		{name: "nothing said", do: func() {}, changed: nil, rendered: all},
	}
	v := NewPreview(dir)
	served := map[string][]byte{}
	for _, st := range steps {
		st.do()
		c, probs := v.Update(st.changed)
		if st.fails != "" {
			if probs.Err() == nil || !strings.Contains(probs.Error(), st.fails) {
				t.Fatalf("%s: problems %v, want %q", st.name, probs, st.fails)
			}
			continue
		}
		if probs.Err() != nil {
			t.Fatalf("%s: %v", st.name, probs)
		}
		switch st.rendered {
		case all:
			st.rendered = c.Pages
		case some:
			if c.Rendered == 0 || c.Rendered >= c.Pages {
				t.Errorf("%s: %d of %d pages rendered, want some", st.name, c.Rendered, c.Pages)
			}
			st.rendered = c.Rendered
		}
		t.Logf("%s: %d of %d pages rendered, %d files changed", st.name, c.Rendered, c.Pages, len(c.Changed)+len(c.Removed))
		if c.Rendered != st.rendered {
			t.Errorf("%s: %d of %d pages rendered, want %d", st.name, c.Rendered, c.Pages, st.rendered)
		}
		for _, name := range c.Changed {
			served[name] = c.Files[name]
		}
		for _, name := range c.Removed {
			delete(served, name)
		}
		if !maps.EqualFunc(served, c.Files, bytes.Equal) {
			t.Errorf("%s: the changed and removed files do not make the new site", st.name)
		}
		got := maps.Clone(c.Files)
		downloads, probs := c.Prepared.Downloads()
		if probs.Err() != nil {
			t.Fatal(probs)
		}
		maps.Copy(got, downloads)
		want := fresh(t, dir)
		for _, name := range slices.Sorted(maps.Keys(want)) {
			if !bytes.Equal(got[name], want[name]) {
				t.Errorf("%s: %s differs from a fresh build", st.name, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: %s is not in a fresh build", st.name, name)
			}
		}
		if st.shows != "" {
			name, text, _ := strings.Cut(st.shows, " ")
			if !strings.Contains(string(got[name]), text) {
				t.Errorf("%s: %s does not show %q", st.name, name, text)
			}
		}
	}
}

// The PDF of a Prepared alone is the PDF of a build with --only pdf; a cancelled one is none.
func TestPreparedPDF(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	opts := Options{Site: dir, SystemFonts: noSystemFonts}
	p, probs := Prepare(opts, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	name, pdf, pages, probs := p.PDF(context.Background(), opts)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	o := opts
	o.Only = "pdf"
	res, files, probs := RenderPrepared(p, o)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if !bytes.Equal(pdf, files[name]) || pages != res.PDFPages || filepath.Base(res.PDF) != name {
		t.Errorf("Prepared.PDF: %s, %d pages, %d bytes; a build: %s, %d pages, %d bytes",
			name, pages, len(pdf), res.PDF, res.PDFPages, len(files[name]))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, pdf, _, probs := p.PDF(ctx, opts); pdf != nil || !strings.Contains(probs.Error(), "已取消") {
		t.Errorf("a cancelled PDF: %d bytes, %v", len(pdf), probs)
	}
	// The typesetter stops too (after its layout) rather than finish a PDF no one will see.
	if out, err := typeset(ctx, p, opts, ""); out != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("typesetting a cancelled PDF: %v", err)
	}
}
