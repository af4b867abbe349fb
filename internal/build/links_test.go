package build

import (
	"fmt"
	"html"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/diag"
)

// brokenLinksSerial is the link check as it was before it kept answers and used every
// processor: the reference for the one in use.
func brokenLinksSerial(files map[string][]byte, chapter diag.List) diag.List {
	unescape := func(s string) string {
		if u, err := url.PathUnescape(s); err == nil {
			return u
		}
		return s
	}
	known := map[string]bool{}
	for _, p := range chapter {
		known[unescape(p.Value)] = true
	}
	var w diag.List
	seen := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for raw := range links(files[name]) {
			target := html.UnescapeString(string(raw))
			if known[unescape(target)] || seen[name+" "+target] || linkFound(name, target, files) {
				continue
			}
			seen[name+" "+target] = true
			w.Warn("output/"+name, 0, "", target, "链接指向不存在的页面")
		}
	}
	return w
}

// The link check finds the same broken links, in the same order, as the plain one: links
// relative to pages in several folders, repeated, entity- and percent-encoded, with fragments
// and queries, in href and src, known from the chapters, and an attribute left open.
func TestBrokenLinksAsSerial(t *testing.T) {
	links := []string{"", "#top", "x.html", "../index.html", "../schools/a.html", "../schools/nope.html", "nope.html",
		"a.html?x=1#y", "../tables/t%2Fu.html", "../tables/t u.html", "../tables/t%20u.html", "https://e.org/x",
		"/abs.html", "a&amp;b.html", "a&b.html", "../assets/site.js", "../assets/gone.js", "sub/", "../%zz.html",
		"chapter-known.html", "../data/evaluation.json"}
	files := map[string][]byte{"index.html": nil, "schools/a.html": nil, "schools/a&b.html": nil, "tables/t u.html": nil,
		"assets/site.js": []byte(`href="nope.html"`), "data/evaluation.json": nil, "schools/sub/index.html": nil}
	for i := range 40 {
		dir := []string{"schools", "tables", "indicators", "schools/sub"}[i%4]
		var b strings.Builder
		for j := range 12 {
			l := links[(i*7+j*3)%len(links)]
			fmt.Fprintf(&b, `<a href="%s">x</a><img src="%s">`, l, links[(i+j)%len(links)])
		}
		if i%5 == 0 {
			b.WriteString(`<a href="open`)
		}
		files[fmt.Sprintf("%s/p%02d.html", dir, i)] = []byte(b.String())
	}
	files["index.html"] = []byte(`<a href="schools/nope.html"></a><a href="schools/a.html"></a>`)
	chapter := diag.List{{Value: "chapter-known.html"}}
	want := brokenLinksSerial(files, chapter)
	got := brokenLinks(files, chapter)
	if len(want) < 20 {
		t.Fatalf("the case finds only %d broken links", len(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("brokenLinks:\n%v\nwant\n%v", got, want)
	}
}
