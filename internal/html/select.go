package html

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/youjun-edu/youjun/internal/content"
)

// Digest is a digest of everything a page is rendered from but the templates: two renderings of
// a page with the same digest and the same templates give the same bytes.
type Digest [sha256.Size]byte

// Some renders the pages of the site that want accepts, the pictures of the chapters among them
// and the assets, each exactly as Build renders it; paths lists every page of the site in reading
// order. `youjun serve` keeps the pages of the last save and renders again only those a save can
// change: after an edit of a chapter, the chapters' pages.
//
// A school's page (most of a county's pages) also gets a digest of its data. When last, the
// digests of the previous rendering with the same templates, holds the same digest for it, the
// page is not rendered and is missing from files: the caller keeps its bytes. digests are those
// of this site, to pass as last next time.
func Some(in Input, want func(path string, chapter bool) bool, last map[string]Digest) (files map[string][]byte, paths []string, digests map[string]Digest, err error) {
	s, err := newSite(in)
	if err != nil {
		return nil, nil, nil, err
	}
	all := s.pages
	paths = make([]string, len(all))
	var chosen, keyed []*page
	for i, p := range all {
		paths[i] = p.Path
		if !want(p.Path, p.Kind == kindChapter) {
			continue
		}
		if _, inNav := s.idx.navAt[p]; p.Kind == kindSchool && !inNav {
			keyed = append(keyed, p)
		} else {
			chosen = append(chosen, p)
		}
	}
	digests = s.digests(keyed)
	for _, p := range keyed {
		if d, ok := last[p.Path]; !ok || d != digests[p.Path] {
			chosen = append(chosen, p)
		}
	}
	// Every page was planned, so that the navigation, the previous and next links and the
	// lookups are those of the whole site; only the chosen ones are rendered, in reading order.
	order := make(map[*page]int, len(all))
	for i, p := range all {
		order[p] = i
	}
	slices.SortFunc(chosen, func(a, b *page) int { return order[a] - order[b] })
	s.pages = chosen
	err = s.render()
	s.pages = all
	if err != nil {
		return nil, nil, nil, err
	}
	if err := s.assets(); err != nil {
		return nil, nil, nil, err
	}
	return s.files, paths, digests, nil
}

// digests computes the digests of pages outside the navigation, which all share its sections
// (s.idx.nav) and the list of chapters: those and what the template functions look up (the
// schools' file names) are digested once, then each page's own data as JSON, on every processor.
// Every exported field of a page's data is in its digest, so data that a layout may read later
// is covered without a change here.
func (s *site) digests(pages []*page) map[string]Digest {
	out := make(map[string]Digest, len(pages))
	if len(pages) == 0 {
		return out
	}
	codes := slices.Sorted(func(yield func(string) bool) {
		for c := range s.schoolFiles {
			if !yield(c) {
				return
			}
		}
	})
	files := make([]string, 0, 2*len(codes))
	for _, c := range codes {
		files = append(files, c, s.schoolFiles[c])
	}
	shared, err := json.Marshal(struct {
		Nav      []navSection
		Chapters []link
		Files    []string
	}{s.idx.nav, s.idx.chapters, files})
	if err != nil {
		return out // no digests: every page is rendered
	}
	base := sha256.Sum256(shared)
	sums := make([]Digest, len(pages))
	ok := make([]bool, len(pages))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(pages) {
					return
				}
				d := *s.data(pages[i])
				d.Nav, d.Chapters = nil, nil // in shared
				own, err := json.Marshal(&d)
				if err != nil || bytes.Contains(own, []byte(`\ufffd`)) {
					// Invalid UTF-8 in the data: JSON writes every invalid byte as \ufffd, so
					// the digest would not tell such values apart.
					continue
				}
				h := sha256.New()
				h.Write(base[:])
				h.Write(own)
				h.Sum(sums[i][:0])
				ok[i] = true
			}
		}()
	}
	wg.Wait()
	for i, p := range pages {
		if ok[i] {
			out[p.Path] = sums[i]
		}
	}
	return out
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
