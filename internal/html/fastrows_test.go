package html

import (
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/templates"
)

// hostile are texts a school table may hold: HTML and URL specials, a NUL, invalid UTF-8.
var hostile = []string{"", "第1学校", `<script>alert("x")</script>`, "A&B 'q' 1+1", "\x00nul", "bad\xffutf8",
	"javascript:alert(1)", "a b%zz%41/é?x=1#f", "../x", "http://e.org/a", "\uFFFD\u2028"}

// The Go-rendered rows write exactly what the template actions they replace wrote, for any text:
// each case runs the old layout's fragment through html/template and compares.
func TestFastRowsMatchTemplates(t *testing.T) {
	s := &site{schoolFiles: map[string]string{}}
	for _, h := range hostile {
		s.schoolFiles[h] = fileName(h) + ".html"
	}
	var units []report.UnitRow
	var rules []report.RuleRow
	var facts []report.Fact
	var schools []report.SchoolRow
	statuses := []report.Status{"", report.Met, report.NotMet, report.Pending, "<x>"}
	for i, h := range hostile {
		g := hostile[(i+3)%len(hostile)]
		st := statuses[i%len(statuses)]
		units = append(units, report.UnitRow{ID: h, Name: g, Value: h, Threshold: g, Floor: h, Judgement: g, County: h, Unit: g, Fail: i%2 == 0})
		rules = append(rules, report.RuleRow{ID: h, Short: g, Detail: h, Ref: []string{"school:" + h, "indicator:" + g, "table:x", "nope", "dimension:" + h}[i%5], Status: st})
		facts = append(facts, report.Fact{Label: h, Value: g})
		schools = append(schools, report.SchoolRow{Code: h, Name: g, Type: h, Area: g, Students: h, Ref: "school:" + g, Note: h,
			Primary: st, Junior: statuses[(i+1)%len(statuses)]})
	}
	c := &chart.Chart{ID: "c", Decimals: 2, Categories: hostile}
	for i, h := range hostile {
		c.Refs = append(c.Refs, []string{"school:" + h, "", "indicator:" + h}[i%3])
	}
	c.Series = []chart.Series{{Name: "a", Values: make([]float64, len(hostile)), Fail: []bool{true, false, true}}, {Name: "b", Values: make([]float64, len(hostile))}}
	for i := range hostile {
		c.Series[0].Values[i] = float64(i) * 1.005
		c.Series[1].Values[i] = -float64(i) / 3
	}
	funcs := s.funcMap()
	for _, root := range []string{"", "../", "javascript:"} {
		for _, tt := range []struct {
			name, old string
			data      any
			got       func() (template.HTML, error)
		}{
			{"chartRows", `{{- $c := .C}}{{$root := .Root}}
{{- range $i, $cat := .C.Categories}}
<tr><th scope="row">{{with ref (index $c.Refs $i)}}<a href="{{$root}}{{.}}">{{$cat}}</a>{{else}}{{$cat}}{{end}}</th>{{range $c.Series}}<td class="num{{if failAt . $i}} fail{{end}}">{{if failAt . $i}}<span class="mark" title="未达到">✗</span>{{end}}{{fmtValue (index .Values $i) $c.Decimals}}</td>{{end}}</tr>
{{- end}}`, map[string]any{"C": c, "Root": root}, func() (template.HTML, error) { return s.chartRows(c, root) }},
			{"unitRows", `{{$root := .Root}}{{- range .Rows}}
<tr><th scope="row"><a href="{{$root}}indicators/{{.ID}}.html">{{.ID}} {{.Name}}{{with .Unit}}（{{.}}）{{end}}</a></th><td class="num{{if .Fail}} fail{{end}}">{{if .Fail}}<span class="mark" title="未达到">✗</span>{{end}}{{.Value}}</td><td class="num">{{.Threshold}}</td><td class="num">{{.Floor}}</td><td class="nowrap">{{.Judgement}}</td><td class="num">{{.County}}</td></tr>
{{- end}}`, map[string]any{"Rows": units, "Root": root}, func() (template.HTML, error) { return unitRows(units, root), nil }},
			{"ruleRows", `{{define "verdict"}}<span class="verdict {{status .}}">{{.}}</span>{{end}}{{$root := .Root}}{{- range .Rules}}
<tr><th scope="row"><a href="{{$root}}{{ref .Ref}}">{{.ID}} {{.Short}}</a></th><td>{{template "verdict" .Status}}</td><td>{{.Detail}}</td></tr>
{{- end}}`, map[string]any{"Rules": rules, "Root": root}, func() (template.HTML, error) { return s.ruleRows(rules, root), nil }},
			{"factList", `{{range .Facts}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>{{end}}`, map[string]any{"Facts": facts},
				func() (template.HTML, error) { return factList(facts), nil }},
			{"schoolRows", `{{define "verdict"}}<span class="verdict {{status .}}">{{.}}</span>{{end}}{{$root := .Root}}{{- range .Schools}}
<tr><td>{{.Code}}</td><td><a href="{{$root}}{{ref .Ref}}">{{.Name}}</a></td><td>{{.Type}}</td><td>{{.Area}}</td><td class="num">{{.Students}}</td><td>{{with .Primary}}{{template "verdict" .}}{{end}}</td><td>{{with .Junior}}{{template "verdict" .}}{{end}}</td><td>{{.Note}}</td></tr>
{{- end}}`, map[string]any{"Schools": schools, "Root": root}, func() (template.HTML, error) { return s.schoolRows(schools, root), nil }},
		} {
			var want strings.Builder
			tm := template.Must(template.New(tt.name).Funcs(funcs).Parse(`<table>` + tt.old + `</table>`))
			if err := tm.Execute(&want, tt.data); err != nil {
				t.Fatal(err)
			}
			got, err := tt.got()
			if err != nil {
				t.Fatal(err)
			}
			if w := strings.TrimSuffix(strings.TrimPrefix(want.String(), "<table>"), "</table>"); string(got) != w {
				t.Errorf("%s, root %q:\n got %s\nwant %s", tt.name, root, got, w)
			}
		}
	}
}

// A chart whose references or values are fewer than its categories fails as the template's
// index did, rather than rendering a short table.
func TestChartRowsShort(t *testing.T) {
	s := &site{}
	for _, c := range []*chart.Chart{
		{ID: "refs", Categories: []string{"a", "b"}, Refs: []string{""}},
		{ID: "values", Categories: []string{"a"}, Refs: []string{""}, Series: []chart.Series{{Name: "s"}}},
	} {
		if _, err := s.chartRows(c, ""); err == nil {
			t.Errorf("chart %s: no error", c.ID)
		}
	}
}

// The breadcrumbs and the pager write what the frame's actions wrote, for any titles and paths.
func TestCrumbsPagerMatchTemplates(t *testing.T) {
	old := template.Must(template.New("frame").Parse(`{{- range $i, $b := .Page.Breadcrumbs}}{{if $i}} <span aria-hidden="true">›</span> {{end}}<a href="{{$.Page.Root}}{{$b.Path}}">{{$b.Title}}</a>{{end}}|
  {{with .Page.Prev}}<a class="prev" href="{{$.Page.Root}}{{.Path}}" rel="prev">‹ {{.Title}}</a>{{else}}<span></span>{{end}}
  {{with .Page.Next}}<a class="next" href="{{$.Page.Root}}{{.Path}}" rel="next">{{.Title}} ›</a>{{end}}`))
	for i, h := range hostile {
		g := hostile[(i+5)%len(hostile)]
		p := &page{Root: []string{"", "../", "javascript:"}[i%3], Breadcrumbs: []link{{Title: h, Path: g}, {Title: g, Path: h}}[:i%3]}
		if i%2 == 0 {
			p.Prev = &link{Title: h, Path: g}
		}
		if i%3 != 1 {
			p.Next = &link{Title: g, Path: h}
		}
		var want strings.Builder
		if err := old.Execute(&want, map[string]any{"Page": p}); err != nil {
			t.Fatal(err)
		}
		if got := string(crumbs(p)) + "|\n" + string(pager(p)); got != want.String() {
			t.Errorf("page %d:\n got %s\nwant %s", i, got, want.String())
		}
	}
}

// The Go-rendered sidebar is what youjun's own "nav" template writes, for any titles and paths.
func TestNavSidebarMatchesTemplate(t *testing.T) {
	tm, files, err := loadTemplates("", (&site{}).funcMap())
	if err != nil {
		t.Fatal(err)
	}
	s := &site{tmplFiles: files}
	for k, own := range s.ownNavKinds() {
		if !own {
			t.Errorf("%s: youjun's own layout not recognised", k)
		}
	}
	var sec []navSection
	for i, h := range hostile {
		l := link{Title: h, Path: hostile[(i+4)%len(hostile)], Status: []report.Status{"", report.Met, report.NotMet, "<x>"}[i%4], Current: i%3 == 0}
		if i%4 == 0 {
			sec = append(sec, navSection{Title: hostile[(i+1)%len(hostile)]})
		}
		sec[len(sec)-1].Links = append(sec[len(sec)-1].Links, l)
	}
	for _, root := range []string{"", "../", "javascript:"} {
		d := &pageData{Page: &page{Kind: kindSchool, Root: root}, Nav: sec}
		var want strings.Builder
		if err := tm[kindSchool].ExecuteTemplate(&want, "nav", d); err != nil {
			t.Fatal(err)
		}
		if got := navSidebar(sec, root); string(got) != want.String() {
			t.Errorf("root %q:\n got %s\nwant %s", root, got, want.String())
		}
	}
	// A site's own layout keeps its own "nav"; a copy of youjun's is youjun's.
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "templates"), 0o755)
	mine, _ := fs.ReadFile(templates.FS, "school.html")
	os.WriteFile(filepath.Join(dir, "templates", "school.html"), mine, 0o644)
	os.WriteFile(filepath.Join(dir, "templates", "index.html"), []byte(`{{define "nav"}}mine{{end}}`), 0o644)
	if _, s.tmplFiles, err = loadTemplates(dir, (&site{}).funcMap()); err != nil {
		t.Fatal(err)
	}
	s.in.SiteDir = dir
	own := s.ownNavKinds()
	if own[kindIndex] || !own[kindSchool] || !own[kindTable] {
		t.Errorf("own nav: %v, want all but index", own)
	}
}

// A school's page written in Go is what baseof.html and school.html write, for any text in the
// school's data, the site's settings and the page's links.
func TestSchoolPageMatchesTemplates(t *testing.T) {
	s := &site{schoolFiles: map[string]string{}}
	for _, h := range hostile {
		s.schoolFiles[h] = fileName(h) + ".html"
	}
	tm, files, err := loadTemplates("", s.funcMap())
	if err != nil {
		t.Fatal(err)
	}
	s.templates, s.tmplFiles = tm, files
	s.ownNav = s.ownNavKinds()
	s.idx.navCache = map[string]template.HTML{}
	statuses := []report.Status{"", report.Met, report.NotMet, report.Pending, "<x>"}
	for i, h := range hostile {
		g := hostile[(i+3)%len(hostile)]
		v := &report.SchoolView{Code: h, Name: g, Type: h, Area: []string{"", g}[i%2], Ownership: []string{h, ""}[i%2], Row: i % 3,
			Excluded: []string{"", h}[i%2]}
		for j := range i % 3 {
			v.Units = append(v.Units, report.SchoolUnit{Name: h, LevelName: g, Students: h, Share: g, Split: j == 1, Status: statuses[(i+j)%len(statuses)], Met: i,
				Rows: []report.UnitRow{{ID: g, Name: h, Value: g, Unit: []string{"", h}[j%2], Fail: j == 0}}})
		}
		if i%2 == 0 {
			v.Lacks = []report.Item{{Text: g, Ref: "school:" + h}, {Text: h}, {Text: h, Ref: "indicator:" + g}}
			v.Rules = []report.RuleRow{{ID: h, Short: g, Detail: h, Ref: "indicator:" + g, Status: statuses[i%len(statuses)]}}
			v.Facts = []report.Fact{{Label: h, Value: g}}
		}
		p := &page{Kind: kindSchool, Title: g, Root: []string{"", "../", "javascript:"}[i%3], HasCharts: i%4 == 1,
			Breadcrumbs: []link{{Title: h, Path: g}, {Title: g, Path: h}}[:i%3]}
		if i%2 == 0 {
			p.Prev = &link{Title: h, Path: g}
		}
		if i%3 != 1 {
			p.Next = &link{Title: g, Path: h}
		}
		d := &pageData{Site: siteInfo{Title: h, County: g, Bureau: h, Date: []string{"", g}[i%2], Basis: h, Year: i},
			Labels: report.Labels{Indicators: g, FloorHeader: h}, Page: p, School: v,
			Nav: []navSection{{Title: h, Links: []link{{Title: g, Path: h, Status: statuses[i%len(statuses)]}}}}}
		if i == 0 {
			d.School = nil
		}
		var want strings.Builder
		if err := tm[kindSchool].ExecuteTemplate(&want, "baseof.html", d); err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		if err := s.writeSchoolPage(&got, d); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("school %d:\n got %s\nwant %s", i, got.String(), want.String())
		}
	}
}
