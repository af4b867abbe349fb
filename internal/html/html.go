// Package html renders the report as a static site: the 总览, one page per chapter, school,
// indicator and appendix table, with ECharts charts drawn from local assets. Every link is
// relative, so the site works from file://, a sub-path or any server, and no page makes a
// request that leaves it. The same input gives byte-identical files.
package html

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/resolve"
	"github.com/youjun-edu/youjun/theme"
)

// Input is what the site is rendered from.
type Input struct {
	SiteDir  string // for templates/ overrides; "" uses the theme only
	Report   *report.Report
	Charts   []*chart.Chart
	Docs     []*content.Doc
	Resolved resolve.Map
}

// site holds the state of one rendering.
type site struct {
	in          Input
	templates   map[string]*template.Template
	tmplFiles   map[string]string // template name → its file, for error messages
	ownNav      map[string]bool   // layout → its "nav" is youjun's own, rendered in Go
	schoolFiles map[string]string // school code → file name under schools/
	pages       []*page
	idx         siteIndex // lookups built once by plan
	md          *markdown
	files       map[string][]byte // output path → content
}

// Build renders the site in memory: output path → bytes.
func Build(in Input) (map[string][]byte, int, error) {
	s, err := newSite(in)
	if err != nil {
		return nil, 0, err
	}
	if err := s.render(); err != nil {
		return nil, 0, err
	}
	if err := s.assets(); err != nil {
		return nil, 0, err
	}
	return s.files, len(s.pages), nil
}

// newSite loads the templates and plans the pages: everything but the rendering.
func newSite(in Input) (*site, error) {
	s := &site{in: in, files: map[string][]byte{}}
	s.schoolFiles = schoolFileNames(in.Report)
	t, tf, err := loadTemplates(in.SiteDir, s.funcMap())
	if err != nil {
		return nil, err
	}
	s.templates, s.tmplFiles = t, tf
	s.ownNav = s.ownNavKinds()
	s.md = newMarkdown(s)
	s.plan()
	return s, nil
}

// assets copies the style sheet, the script and the vendored ECharts with its licence. A site's
// templates/style.css or templates/site.js replaces the theme's.
func (s *site) assets() error {
	for _, a := range theme.SiteAssets {
		b, err := fs.ReadFile(theme.FS, a.Src)
		if err != nil {
			return err
		}
		if strings.HasPrefix(a.Src, "assets/") {
			own, ok, err := ownFile(s.in.SiteDir, path.Base(a.Src))
			if err != nil {
				return err
			}
			if ok {
				b = own
			}
		}
		s.files[a.Out] = b
	}
	return nil
}

// schoolFileNames gives every campus a page file named after its code, made URL-safe and unique.
// Unique ignores case: on Windows and macOS AB1.html and ab1.html are one file, and one school's
// page would replace the other's. A Windows device name (CON, NUL, COM1…) cannot be a file there
// whatever its extension, so it gets a "_".
func schoolFileNames(r *report.Report) map[string]string {
	m := map[string]string{}
	used := map[string]bool{}
	for _, code := range r.SchoolCodes() {
		base := fileName(code)
		if windowsDevice(base) {
			base += "_"
		}
		name := base
		for i := 2; used[strings.ToLower(name)]; i++ {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		used[strings.ToLower(name)] = true
		m[code] = name + ".html"
	}
	return m
}

// windowsDevice reports whether name is one of the names Windows reserves for devices.
func windowsDevice(name string) bool {
	switch n := strings.ToLower(name); n {
	case "con", "prn", "aux", "nul":
		return true
	default:
		return len(n) == 4 && (strings.HasPrefix(n, "com") || strings.HasPrefix(n, "lpt")) && n[3] >= '1' && n[3] <= '9'
	}
}
