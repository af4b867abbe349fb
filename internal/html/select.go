package html

import (
	"strings"

	"github.com/youjun-edu/youjun/internal/content"
)

// Some renders the pages of the site that want accepts, the pictures of the chapters among them
// and the assets, each exactly as Build renders it; paths lists every page of the site in reading
// order. `youjun serve` keeps the pages of the last save and renders again only those a save can
// change: after an edit of a chapter, the chapters' pages.
func Some(in Input, want func(path string, chapter bool) bool) (files map[string][]byte, paths []string, err error) {
	s, err := newSite(in)
	if err != nil {
		return nil, nil, err
	}
	all := s.pages
	paths = make([]string, len(all))
	var chosen []*page
	for i, p := range all {
		paths[i] = p.Path
		if want(p.Path, p.Kind == kindChapter) {
			chosen = append(chosen, p)
		}
	}
	// Every page was planned, so that the navigation, the previous and next links and the
	// lookups are those of the whole site; only the chosen ones are rendered.
	s.pages = chosen
	err = s.render()
	s.pages = all
	if err != nil {
		return nil, nil, err
	}
	if err := s.assets(); err != nil {
		return nil, nil, err
	}
	return s.files, paths, nil
}

// ChapterFrame is what the pages other than the chapters' own read of the chapters: their titles
// and folders, in order (the navigation, the list of chapters, the previous and next links).
// While it stays the same, an edit of a chapter changes no other page.
func ChapterFrame(docs []*content.Doc) string {
	var b strings.Builder
	for _, d := range docs {
		b.WriteString(d.Slug)
		b.WriteByte(0)
		b.WriteString(d.Meta.Title)
		b.WriteByte(0)
	}
	return b.String()
}
