package html

import (
	"bytes"
	"html/template"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/templates"
)

// page is one HTML page of the site.
type page struct {
	Kind        string // a layout: index, chapter, school, …
	Title       string
	Path        string // from the site's root, e.g. schools/3612340001.html
	Root        string // the way back to the root from this page: "", "../"
	Breadcrumbs []link
	Prev, Next  *link
	HasCharts   bool
	Sortable    bool          // holds a table.sortable: loads sort.js
	Status      report.Status // shown beside the page's entry in the navigation

	doc      *content.Doc  // chapter
	school   int           // school: index into the report's schools
	item     string        // indicator or item ID
	resource bool          // a resource indicator (R1–R7): in the sidebar
	table    *report.Table // table
}

type link struct {
	Title   string
	Path    string
	Status  report.Status
	Current bool
}

func (p *page) link() *link { return &link{Title: p.Title, Path: p.Path, Status: p.Status} }

// plan lists every page in reading order: 总览, chapters, indicators, schools, tables. Previous
// and next follow this order.
func (s *site) plan() {
	r := s.in.Report
	home := link{Title: "总览", Path: "index.html"}
	add := func(p *page) {
		p.Root = strings.Repeat("../", strings.Count(p.Path, "/"))
		s.pages = append(s.pages, p)
	}
	add(&page{Kind: kindIndex, Title: "总览", Path: "index.html", HasCharts: true, Status: r.Conclusion()})
	for _, d := range s.in.Docs {
		add(&page{Kind: kindChapter, Title: d.Meta.Title, Path: d.Slug + "/index.html", doc: d, HasCharts: hasCharts(d),
			Sortable: true, Breadcrumbs: []link{home}}) // a chapter may show any 附表
	}
	indicators := link{Title: "指标", Path: "indicators/index.html"}
	add(&page{Kind: kindIndicators, Title: "指标一览", Path: indicators.Path, Breadcrumbs: []link{home}})
	for _, ind := range r.Indicators() {
		add(&page{Kind: kindIndicator, Title: ind.ID + " " + ind.Short, Path: "indicators/" + fileName(ind.ID) + ".html",
			item: ind.ID, resource: ind.Resource(), HasCharts: ind.Resource(), Status: ind.Status, Breadcrumbs: []link{home, indicators}})
	}
	schools := link{Title: "学校", Path: "schools/index.html"}
	add(&page{Kind: kindSchools, Title: "学校一览", Path: schools.Path, Sortable: true, Breadcrumbs: []link{home}})
	for i, sc := range r.SchoolRows() {
		add(&page{Kind: kindSchool, Title: sc.Name, Path: "schools/" + s.schoolFiles[sc.Code], school: i,
			Breadcrumbs: []link{home, schools}})
	}
	tables := link{Title: "附表", Path: "tables/index.html"}
	add(&page{Kind: kindTables, Title: "附表", Path: tables.Path, Breadcrumbs: []link{home}})
	for _, t := range r.Tables() {
		add(&page{Kind: kindTable, Title: t.Title, Path: "tables/" + t.ID + ".html", table: t, Sortable: true, Breadcrumbs: []link{home, tables}})
	}
	for i, p := range s.pages {
		if i > 0 {
			p.Prev = s.pages[i-1].link()
		}
		if i+1 < len(s.pages) {
			p.Next = s.pages[i+1].link()
		}
	}
	s.buildIndex()
}

// render executes every page's layout, as many at a time as there are processors: each job
// reads the report and writes only its own buffer. Files and the first error are taken in a
// fixed order, so the result does not depend on the scheduling.
func (s *site) render() error {
	pages := make([][]byte, len(s.pages))
	pageErrs := make([]error, len(s.pages))
	jobs := len(s.pages)
	var next atomic.Int64
	var wg sync.WaitGroup
	var crash struct {
		sync.Once
		value any
	}
	for range min(runtime.GOMAXPROCS(0), jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				// A panic in a worker would end the program, out of reach of the caller's
				// recover (serve keeps running after a failed build): hand it to the caller.
				if r := recover(); r != nil {
					crash.Do(func() { crash.value = r })
					next.Store(int64(jobs)) // the others stop at their next job
				}
			}()
			hint := make([]int, len(kinds)) // the last page's size by kind, to size the next one's buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= jobs {
					return
				}
				p := s.pages[i]
				k := slices.Index(kinds, p.Kind)
				var b bytes.Buffer
				if k >= 0 {
					b.Grow(hint[k] + hint[k]/8)
				}
				pageErrs[i] = s.templates[p.Kind].ExecuteTemplate(&b, "baseof.html", s.data(p))
				pages[i] = b.Bytes()
				if k >= 0 {
					hint[k] = b.Len()
				}
			}
		}()
	}
	wg.Wait()
	if crash.value != nil {
		panic(crash.value)
	}
	for i, p := range s.pages {
		if pageErrs[i] != nil {
			return templateError(pageErrs[i], s.tmplFiles, p.Path)
		}
		s.files[p.Path] = pages[i]
	}
	return nil
}

func hasCharts(d *content.Doc) bool {
	for _, sc := range d.Shortcodes {
		if sc.Name == "chart" {
			return true
		}
	}
	return false
}

// pageData is what a layout sees.
type pageData struct {
	Site     siteInfo
	Labels   report.Labels
	Page     *page
	Nav      []navSection
	Chapters []link

	Index     *indexData
	Chapter   *chapterData
	School    *report.SchoolView
	Schools   []report.SchoolRow
	Indicator *indicatorData
	Groups    []report.IndicatorGroup
	Table     *report.Table
	Tables    []*report.Table
}

type siteInfo struct {
	Title, County, Bureau, Date, Basis string
	Year                               int
	// Fingerprint is the result digest's first 12 hex digits, in the footer of the 总览 only:
	// on every page it would make a data edit in `serve` render every page again.
	Fingerprint string
}

type navSection struct {
	Title string
	Links []link
}

func (s *site) data(p *page) *pageData {
	d := &pageData{Site: s.idx.info, Labels: s.in.Report.Labels, Page: p, Nav: s.nav(p), Chapters: s.idx.chapters}
	switch p.Kind {
	case kindIndex:
		d.Index = s.indexData()
		d.Site.Fingerprint = s.in.Report.Provenance.Fingerprint()
	case kindChapter:
		s.idx.mdMu.Lock() // the Markdown renderer keeps the page's root while it renders
		d.Chapter = &chapterData{Body: s.md.render(p.doc, p.Root)}
		s.idx.mdMu.Unlock()
	case kindSchool:
		d.School = s.in.Report.SchoolView(p.school)
	case kindSchools:
		d.Schools = s.in.Report.SchoolRows()
	case kindIndicator:
		d.Indicator = s.indicatorData(p.item)
	case kindIndicators:
		d.Groups = s.in.Report.IndicatorGroups()
	case kindTable:
		d.Table = p.table
	case kindTables:
		d.Tables = s.in.Report.Tables()
	}
	return d
}

// nav is the sidebar: the overview pages, the chapters, the seven resource indicators and the
// appendix tables, with the current page marked. Pages outside the sidebar (schools, most items)
// share one set of sections; a page in it gets a copy of its own section with itself marked.
func (s *site) nav(current *page) []navSection {
	at, ok := s.idx.navAt[current]
	if !ok {
		return s.idx.nav
	}
	out := slices.Clone(s.idx.nav)
	sec := &out[at[0]]
	sec.Links = slices.Clone(sec.Links)
	sec.Links[at[1]].Current = true
	return out
}

// navHTML renders the sidebar (the layout's "nav" template) for a page. It is the same for
// every page outside the sidebar at the same depth, which is nearly all of them (the schools),
// so that markup is rendered once per layout and depth and reused: the sidebar is otherwise
// the largest part of a school's page to execute.
func (s *site) navHTML(d *pageData) (template.HTML, error) {
	p := d.Page
	if _, in := s.idx.navAt[p]; in {
		return s.executeNav(d)
	}
	key := p.Kind + "\x00" + p.Root
	s.idx.navMu.Lock()
	defer s.idx.navMu.Unlock()
	if h, ok := s.idx.navCache[key]; ok {
		return h, nil
	}
	h, err := s.executeNav(d)
	if err == nil {
		s.idx.navCache[key] = h
	}
	return h, err
}

func (s *site) executeNav(d *pageData) (template.HTML, error) {
	if s.ownNav[d.Page.Kind] {
		return navSidebar(d.Nav, d.Page.Root), nil
	}
	var b strings.Builder
	if err := s.templates[d.Page.Kind].ExecuteTemplate(&b, "nav", d); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// ownNavKinds lists the layouts whose "nav" is youjun's own, rendered in Go (navSidebar): neither
// their baseof.html nor their page file is a site's own version (one that differs from
// youjun's; the example site's templates/ are youjun's), where a file may define its own "nav".
func (s *site) ownNavKinds() map[string]bool {
	own := map[string]bool{}
	same := func(name string) bool {
		if strings.HasPrefix(s.tmplFiles[name], "youjun/") {
			return true
		}
		site, ok, err := ownFile(s.in.SiteDir, name)
		mine, err2 := fs.ReadFile(templates.FS, name)
		return ok && err == nil && err2 == nil && bytes.Equal(site, mine)
	}
	base := same("baseof.html")
	for _, k := range kinds {
		own[k] = base && same(k+".html")
	}
	return own
}

// navSections builds the sidebar without a current page, and where each of its pages is in it.
func (s *site) navSections() ([]navSection, map[*page][2]int) {
	sections := []navSection{{Title: "概览"}, {Title: "报告正文"}, {Title: "资源配置指标"}, {Title: "附表"}}
	var in []*page
	var where [][2]int
	for _, p := range s.pages {
		i := -1
		switch {
		case p.Kind == kindIndex || p.Kind == kindIndicators || p.Kind == kindSchools || p.Kind == kindTables:
			i = 0
		case p.Kind == kindChapter:
			i = 1
		case p.Kind == kindIndicator && p.resource:
			i = 2
		case p.Kind == kindTable:
			i = 3
		}
		if i < 0 {
			continue
		}
		l := *p.link()
		if p.Kind != kindIndicator {
			l.Status = ""
		}
		in = append(in, p)
		where = append(where, [2]int{i, len(sections[i].Links)})
		sections[i].Links = append(sections[i].Links, l)
	}
	// Drop empty sections and renumber the positions accordingly.
	shift := make([]int, len(sections))
	out := sections[:0]
	for i, sec := range sections {
		shift[i] = len(out)
		if len(sec.Links) > 0 {
			out = append(out, sec)
		}
	}
	at := make(map[*page][2]int, len(in))
	for k, p := range in {
		at[p] = [2]int{shift[where[k][0]], where[k][1]}
	}
	return out, at
}

// siteIndex holds what every page needs and the lookups by school code, built once per site
// after plan so that each page costs its own size rather than the size of the whole site.
type siteIndex struct {
	info     siteInfo
	chapters []link
	nav      []navSection     // no page marked current
	navAt    map[*page][2]int // section and position of each page in nav
	mdMu     sync.Mutex       // pages render in parallel; chapters take turns with the Markdown renderer
	navMu    sync.Mutex
	navCache map[string]template.HTML // layout and depth → sidebar of a page outside it
}

func (s *site) buildIndex() {
	cfg := &s.in.Report.Site
	x := &s.idx
	x.info = siteInfo{Title: cfg.Title, County: cfg.County, Bureau: cfg.Bureau, Date: cfg.Date, Year: cfg.Year,
		Basis: s.in.Report.Basis()}
	for _, q := range s.pages {
		if q.Kind == kindChapter {
			x.chapters = append(x.chapters, *q.link())
		}
	}
	x.nav, x.navAt = s.navSections()
	x.navCache = map[string]template.HTML{}
}

type chapterData struct{ Body template.HTML }

// indexData is the overview with its charts.
type indexData struct {
	*report.Overview
	Charts []*chart.Chart
}

func (s *site) indexData() *indexData {
	d := &indexData{Overview: s.in.Report.Overview()}
	for _, l := range report.Levels {
		for _, c := range s.in.Charts {
			if c.ID == "cv-"+string(l) || c.ID == "meeting-"+string(l) {
				d.Charts = append(d.Charts, c)
			}
		}
	}
	return d
}

// indicatorData is an indicator's view with the chart of each level.
type indicatorData struct {
	*report.IndicatorView
	Levels []indicatorLevel
}

type indicatorLevel struct {
	report.IndicatorLevel
	Chart *chart.Chart
}

func (s *site) indicatorData(id string) *indicatorData {
	v := s.in.Report.IndicatorView(id)
	d := &indicatorData{IndicatorView: v}
	for _, l := range v.Levels {
		c, _ := chart.Find(s.in.Charts, l.ChartID)
		d.Levels = append(d.Levels, indicatorLevel{IndicatorLevel: l, Chart: c})
	}
	return d
}
