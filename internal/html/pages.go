package html

import (
	"bytes"
	"fmt"
	"html/template"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/standard"
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
	Status      eval.Status // shown beside the page's entry in the navigation

	doc    *content.Doc  // chapter
	school *data.School  // school
	item   string        // indicator or item ID
	table  *report.Table // table
}

type link struct {
	Title   string
	Path    string
	Status  eval.Status
	Current bool
}

func (p *page) link() *link { return &link{Title: p.Title, Path: p.Path, Status: p.Status} }

// plan lists every page in reading order: 总览, chapters, indicators, schools, tables. Previous
// and next follow this order.
func (s *site) plan() {
	r := s.in.Report
	res := r.Res
	home := link{Title: "总览", Path: "index.html"}
	add := func(p *page) {
		p.Root = strings.Repeat("../", strings.Count(p.Path, "/"))
		s.pages = append(s.pages, p)
	}
	add(&page{Kind: "index", Title: "总览", Path: "index.html", HasCharts: true, Status: res.Conclusion})
	for _, d := range s.in.Docs {
		add(&page{Kind: "chapter", Title: d.Meta.Title, Path: d.Slug + "/index.html", doc: d, HasCharts: hasCharts(d),
			Breadcrumbs: []link{home}})
	}
	indicators := link{Title: "指标", Path: "indicators/index.html"}
	add(&page{Kind: "indicators", Title: "指标一览", Path: indicators.Path, Breadcrumbs: []link{home}})
	for _, ind := range r.Profile.Resource.Indicators {
		st := eval.NotApplicable
		for _, l := range standard.Levels {
			for _, x := range res.Resource.Of(l).Indicators {
				if x.ID == ind.ID {
					st = eval.Combine(st, x.CVStatus)
				}
			}
		}
		add(&page{Kind: "indicator", Title: ind.ID + " " + ind.Short, Path: "indicators/" + fileName(ind.ID) + ".html",
			item: ind.ID, HasCharts: true, Status: st, Breadcrumbs: []link{home, indicators}})
	}
	for _, it := range res.Items {
		add(&page{Kind: "indicator", Title: it.ID + " " + it.Short, Path: "indicators/" + fileName(it.ID) + ".html",
			item: it.ID, Status: it.Status, Breadcrumbs: []link{home, indicators}})
	}
	schools := link{Title: "学校", Path: "schools/index.html"}
	add(&page{Kind: "schools", Title: "学校一览", Path: schools.Path, Breadcrumbs: []link{home}})
	for i := range r.Schools {
		sc := &r.Schools[i]
		add(&page{Kind: "school", Title: sc.Name, Path: "schools/" + s.schoolFiles[sc.Code], school: sc,
			Breadcrumbs: []link{home, schools}})
	}
	tables := link{Title: "附表", Path: "tables/index.html"}
	add(&page{Kind: "tables", Title: "附表", Path: tables.Path, Breadcrumbs: []link{home}})
	for _, t := range r.Tables() {
		add(&page{Kind: "table", Title: t.Title, Path: "tables/" + t.ID + ".html", table: t, Breadcrumbs: []link{home, tables}})
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

// render executes every page's layout and writes every table's downloads, as many at a time
// as there are processors: each job reads the evaluation and writes only its own buffers. The
// largest jobs (the workbooks of the long tables) start first. Files and the first error are
// taken in a fixed order, so the result does not depend on the scheduling.
func (s *site) render() error {
	tables := s.in.Report.Tables()
	pages := make([][]byte, len(s.pages))
	pageErrs := make([]error, len(s.pages))
	downloads := make([][2][]byte, len(tables))
	tableErrs := make([]error, len(tables))
	jobs := len(tables) + len(s.pages)
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
				j := int(next.Add(1) - 1)
				switch {
				case j >= jobs:
					return
				case j < len(tables):
					t := tables[j]
					downloads[j][0] = tableCSV(t)
					downloads[j][1], tableErrs[j] = tableXLSX(t, s.in.Config.Date)
				default:
					i := j - len(tables)
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
	for j, t := range tables {
		if tableErrs[j] != nil {
			return tableErrs[j]
		}
		s.files["data/"+t.ID+".csv"] = downloads[j][0]
		s.files["data/"+t.ID+".xlsx"] = downloads[j][1]
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
	Page     *page
	Nav      []navSection
	Chapters []link

	Index     *indexData
	Chapter   *chapterData
	School    *schoolData
	Schools   []schoolRow
	Indicator *indicatorData
	Groups    []indicatorGroup
	Table     *report.Table
	Tables    []*report.Table
}

type siteInfo struct {
	Title, County, Bureau, Date, Basis string
	Year                               int
}

type navSection struct {
	Title string
	Links []link
}

func (s *site) data(p *page) *pageData {
	d := &pageData{Site: s.idx.info, Page: p, Nav: s.nav(p), Chapters: s.idx.chapters}
	switch p.Kind {
	case "index":
		d.Index = s.indexData()
	case "chapter":
		s.idx.mdMu.Lock() // the Markdown renderer keeps the page's root while it renders
		d.Chapter = &chapterData{Body: s.md.render(p.doc, p.Root)}
		s.idx.mdMu.Unlock()
	case "school":
		d.School = s.schoolData(p.school)
	case "schools":
		d.Schools = s.schoolRows()
	case "indicator":
		d.Indicator = s.indicatorData(p.item)
	case "indicators":
		d.Groups = s.indicatorGroups()
	case "table":
		d.Table = p.table
	case "tables":
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
	var b strings.Builder
	if err := s.templates[d.Page.Kind].ExecuteTemplate(&b, "nav", d); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// navSections builds the sidebar without a current page, and where each of its pages is in it.
func (s *site) navSections() ([]navSection, map[*page][2]int) {
	sections := []navSection{{Title: "概览"}, {Title: "报告正文"}, {Title: "资源配置指标"}, {Title: "附表"}}
	var in []*page
	var where [][2]int
	for _, p := range s.pages {
		i := -1
		switch {
		case p.Kind == "index" || p.Kind == "indicators" || p.Kind == "schools" || p.Kind == "tables":
			i = 0
		case p.Kind == "chapter":
			i = 1
		case p.Kind == "indicator" && strings.HasPrefix(p.item, "R"):
			i = 2
		case p.Kind == "table":
			i = 3
		}
		if i < 0 {
			continue
		}
		l := *p.link()
		if p.Kind != "indicator" {
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
	nav      []navSection      // no page marked current
	navAt    map[*page][2]int  // section and position of each page in nav
	excluded map[string]string // school code → why it is left out of the resource evaluation
	units    map[string][]int  // school code → its units, indexes into Res.Units in order
	findings map[string][]schoolFinding
	mdMu     sync.Mutex // pages render in parallel; chapters take turns with the Markdown renderer
	navMu    sync.Mutex
	navCache map[string]template.HTML // layout and depth → sidebar of a page outside it
}

// schoolFinding is a school's entry in an item's list of schools that fail or lack data.
type schoolFinding struct {
	item    int // index into Res.Items
	finding int // index into that item's Schools
}

func (s *site) buildIndex() {
	cfg := s.in.Config
	res := s.in.Report.Res
	x := &s.idx
	x.info = siteInfo{Title: cfg.ReportTitle(), County: cfg.County, Bureau: cfg.Bureau, Date: cfg.Date, Year: cfg.Year,
		Basis: s.in.Report.Profile.Basis}
	for _, q := range s.pages {
		if q.Kind == "chapter" {
			x.chapters = append(x.chapters, *q.link())
		}
	}
	x.nav, x.navAt = s.navSections()
	x.navCache = map[string]template.HTML{}
	x.excluded = make(map[string]string, len(res.Excluded))
	for _, e := range res.Excluded {
		x.excluded[e.Code] = e.Reason // the last one wins, as a scan would have it
	}
	x.units = make(map[string][]int, len(res.Units))
	for i, u := range res.Units {
		x.units[u.Code] = append(x.units[u.Code], i)
	}
	x.findings = map[string][]schoolFinding{}
	for i, it := range res.Items {
		for j, f := range it.Schools {
			x.findings[f.Code] = append(x.findings[f.Code], schoolFinding{i, j})
		}
	}
}

type chapterData struct{ Body template.HTML }

// ---- 总览 ----

type indexData struct {
	Conclusion, Eligibility eval.Status
	ProfileName             string
	Sentence                string
	Figures                 []figure
	Failures, Pending       []report.Item
	Critical                []report.Item // CVs within the critical band of their limit
	LocalTargets            *report.Table // nil without local targets
	Warnings                []string
	Dimensions              []dimensionRow
	Charts                  []*chart.Chart
}

type figure struct{ Label, Value, Note string }

type dimensionRow struct {
	Name, Path, Note         string
	Status                   eval.Status
	Met, NotMet, Pending, NA int
}

func (s *site) indexData() *indexData {
	r := s.in.Report
	res := r.Res
	d := &indexData{Conclusion: res.Conclusion, Eligibility: res.Eligibility, ProfileName: r.Profile.Name, Warnings: res.Warnings}
	d.Failures, _ = r.List("failures")
	d.Pending, _ = r.List("pending")
	p, j := &res.Resource.Primary, &res.Resource.Junior
	d.Figures = []figure{
		{Label: "参评学校（校区）", Value: strconv.Itoa(p.Units + j.Units), Note: fmt.Sprintf("小学 %d，初中 %d", p.Units, j.Units)},
		{Label: "资源配置达标", Value: fmt.Sprintf("%d / %d", p.UnitsPassing+j.UnitsPassing, p.Units+j.Units), Note: fmt.Sprintf("未达到 %d，待补充 %d", p.UnitsFailing+j.UnitsFailing, p.UnitsPending+j.UnitsPending)},
		{Label: "小学综合差异系数", Value: report.CV(p.CompositeCV), Note: "各项上限 " + report.Number(p.CVLimit)},
		{Label: "初中综合差异系数", Value: report.CV(j.CompositeCV), Note: "各项上限 " + report.Number(j.CVLimit)},
		{Label: "在校生", Value: report.Count(float64(p.Students + j.Students)), Note: fmt.Sprintf("小学 %s，初中 %s", report.Count(float64(p.Students)), report.Count(float64(j.Students)))},
		{Label: "不参与资源配置评估", Value: strconv.Itoa(len(res.Excluded)), Note: "特殊教育学校、职业学校、不足50人教学点"},
	}
	for _, it := range res.Items {
		if it.Dimension == "survey" && len(it.Checks) > 0 && it.Checks[0].Value.OK {
			d.Figures = append(d.Figures, figure{Label: "社会认可度", Value: report.CheckValue(it.Checks[0]), Note: "标准 " + report.Number(it.Checks[0].Threshold) + "% 以上"})
		}
	}
	if b := res.BScores; b != nil {
		f := figure{Label: "B 类指标总分", Value: "—", Note: "尚有未评分的指标"}
		if b.Total.OK {
			f.Value = report.Number(b.Total.V)
			f.Note = string(b.Status)
			if res.Grade != "" {
				f.Note += "，等次：" + res.Grade
			}
		}
		d.Figures = append(d.Figures, f)
	}
	d.LocalTargets, _ = r.Table("local-targets")
	for _, l := range standard.Levels {
		for _, ind := range res.Resource.Of(l).Indicators {
			if ind.CVCritical {
				d.Critical = append(d.Critical, report.Item{Ref: "indicator:" + ind.ID,
					Text: fmt.Sprintf("%s%s %s差异系数 %s，与上限 %s 相差不足 %s（临界）", l.Chinese(), ind.ID, ind.Name, report.CV(ind.CV), report.Number(ind.CVLimit), report.Number(r.Profile.Resource.CVCriticalBand))})
			}
		}
	}
	d.Dimensions = s.dimensionRows()
	d.Sentence = sentence(res, d.Dimensions)
	for _, l := range standard.Levels {
		for _, c := range s.in.Charts {
			if c.ID == "cv-"+string(l) || c.ID == "meeting-"+string(l) {
				d.Charts = append(d.Charts, c)
			}
		}
	}
	return d
}

func (s *site) dimensionRows() []dimensionRow {
	res := s.in.Report.Res
	var rows []dimensionRow
	rr := s.in.Report.Profile.Resource
	unitRule := fmt.Sprintf("每校至少%d项达标且余项不低于%s%%", rr.MinMet, report.Number(rr.FloorRatio*100))
	if rr.MinMet == len(rr.Indicators) {
		unitRule = fmt.Sprintf("每校%d项全部达标", rr.MinMet)
	}
	if rr.CountyMustMeet {
		unitRule += "，全县值也须达标"
	}
	units := dimensionRow{Name: "资源配置（学校）", Path: "schools/index.html", Note: unitRule}
	cvs := dimensionRow{Name: "资源配置（差异系数）", Path: "tables/cv.html",
		Note: fmt.Sprintf("小学≤%s，初中≤%s", report.Number(rr.CVLimit.Primary), report.Number(rr.CVLimit.Junior))}
	for _, u := range res.Units {
		count(&units, u.Status)
	}
	for _, l := range standard.Levels {
		for _, ind := range res.Resource.Of(l).Indicators {
			count(&cvs, ind.CVStatus)
		}
	}
	rows = append(rows, units, cvs)
	for _, dim := range s.in.Report.Profile.Dimensions {
		row := dimensionRow{Name: dim.Name, Path: "indicators/index.html#" + dim.ID}
		for _, it := range res.Items {
			if it.Dimension == dim.ID {
				count(&row, it.Status)
			}
		}
		switch dim.ID {
		case "veto":
			row.Note = "“未达到”表示存在该事项"
		case "eligibility":
			row.Note = "不计入评估结论"
		}
		rows = append(rows, row)
	}
	for i := range rows {
		rows[i].Status = eval.Met
		switch {
		case rows[i].NotMet > 0:
			rows[i].Status = eval.NotMet
		case rows[i].Pending > 0:
			rows[i].Status = eval.Pending
		case rows[i].Met == 0:
			rows[i].Status = eval.NotApplicable
		}
	}
	return rows
}

func count(row *dimensionRow, st eval.Status) {
	switch st {
	case eval.Met:
		row.Met++
	case eval.NotMet:
		row.NotMet++
	case eval.Pending:
		row.Pending++
	default:
		row.NA++
	}
}

// sentence answers "达到了吗？差在哪？" in one line.
func sentence(res *eval.Result, rows []dimensionRow) string {
	switch res.Conclusion {
	case eval.Met:
		s := "资源配置及各方面指标均达到评估标准的要求，无不予认定事项。"
		if b := res.BScores; b != nil && b.Total.OK {
			s = fmt.Sprintf("资源配置及各项 A 类指标均达到评估标准的要求，B 类指标总分%s分（%s），无不予认定事项。", report.Number(b.Total.V), res.Grade)
		}
		return s
	case eval.Pending:
		return fmt.Sprintf("尚有%d项数据待补充，补齐后才能得出结论；目前未发现未达到的项目。", len(res.Pending))
	}
	var parts []string
	for _, r := range rows {
		if r.NotMet == 0 {
			continue
		}
		switch r.Name {
		case "申报条件":
		case "资源配置（学校）":
			parts = append(parts, fmt.Sprintf("%d所学校（校区）资源配置未达到要求", r.NotMet))
		case "资源配置（差异系数）":
			parts = append(parts, fmt.Sprintf("%d项差异系数超过上限", r.NotMet))
		case "不予认定事项":
			parts = append(parts, fmt.Sprintf("存在%d项不予认定事项", r.NotMet))
		default:
			parts = append(parts, fmt.Sprintf("%s%d项未达到", r.Name, r.NotMet))
		}
	}
	return strings.Join(parts, "；") + "。"
}

// ---- 学校 ----

type schoolRow struct {
	Code, Name, Type, Area, Students, Path, Note string
	Primary, Junior                              eval.Status
}

func (s *site) schoolRows() []schoolRow {
	r := s.in.Report
	status := map[string]eval.Status{}
	for _, u := range r.Res.Units {
		status[u.Code+"/"+string(u.Level)] = u.Status
	}
	excluded := map[string]string{}
	for _, e := range r.Res.Excluded {
		excluded[e.Code] = e.Reason
	}
	var rows []schoolRow
	for _, sc := range r.Schools {
		rows = append(rows, schoolRow{Code: sc.Code, Name: sc.Name, Type: sc.Type, Area: sc.Area,
			Students: report.Count(sc.CompulsoryStudents()), Path: "schools/" + s.schoolFiles[sc.Code],
			Primary: status[sc.Code+"/primary"], Junior: status[sc.Code+"/junior"], Note: excluded[sc.Code]})
	}
	return rows
}

type schoolData struct {
	Code, Name, Type, Area, Ownership string
	Row                               int
	Excluded                          string
	Units                             []schoolUnit
	Lacks                             []report.Item
	Rules                             []ruleRow // G3–G7, G12, Q4 for this school
	Facts                             []fact
}

type ruleRow struct {
	ID, Short, Detail, Path string
	Status                  eval.Status
}

type schoolUnit struct {
	Name, LevelName, Students, Share string
	Split                            bool
	Status                           eval.Status
	Met                              int
	Rows                             []unitRow
}

type unitRow struct {
	ID, Name, Value, Threshold, Floor, Judgement, County string
	Fail                                                 bool
}

type fact struct{ Label, Value string }

func (s *site) schoolData(sc *data.School) *schoolData {
	r := s.in.Report
	res := r.Res
	d := &schoolData{Code: sc.Code, Name: sc.Name, Type: sc.Type, Area: sc.Area, Ownership: sc.Ownership, Row: sc.Row,
		Excluded: s.idx.excluded[sc.Code]}
	for _, i := range s.idx.units[sc.Code] {
		u := &res.Units[i]
		lr := res.Resource.Of(u.Level)
		su := schoolUnit{Name: u.Name, LevelName: u.Level.Chinese(), Students: report.Count(u.Students), Split: u.Split,
			Share: strconv.FormatFloat(u.Share, 'f', 6, 64), Status: u.Status, Met: u.Met}
		for k := 0; k < u.Values.Len(); k++ {
			_, v := u.Values.At(k)
			ind := lr.Indicators[k]
			row := unitRow{ID: ind.ID, Name: ind.Name, Threshold: report.Number(ind.Threshold), Floor: report.Number(ind.Floor),
				County: report.Amount(ind.Value), Value: "未填", Judgement: "待补充"}
			if v.Reason != "" {
				row.Value = eval.NotComputable
			}
			if v.Valid {
				row.Value = report.UnitValue(v.Value)
				switch {
				case v.Meets:
					row.Judgement = "达到"
				case v.AboveFloor:
					row.Judgement, row.Fail = "未达到（不低于85%）", true
				default:
					row.Judgement, row.Fail = "低于标准的85%", true
				}
				if row.Fail {
					d.Lacks = append(d.Lacks, report.Item{Text: fmt.Sprintf("%s %s %s %s，标准 %s（%s）", u.Name, ind.ID, ind.Name, row.Value, row.Threshold, row.Judgement), Ref: "indicator:" + ind.ID})
				}
			}
			su.Rows = append(su.Rows, row)
		}
		for _, m := range u.Missing {
			d.Lacks = append(d.Lacks, report.Item{Text: u.Name + "：「" + m + "」未填"})
		}
		if u.Reason != "" {
			d.Lacks = append(d.Lacks, report.Item{Text: u.Name + "：" + u.Reason})
		}
		d.Units = append(d.Units, su)
	}
	for i := range r.Profile.Items {
		it := &r.Profile.Items[i]
		if st, detail, ok := eval.ExplainSchool(r.Profile, it, sc); ok {
			d.Rules = append(d.Rules, ruleRow{ID: it.ID, Short: it.Short, Detail: detail, Status: st, Path: "indicators/" + fileName(it.ID) + ".html"})
		}
	}
	for _, x := range s.idx.findings[sc.Code] {
		it := &res.Items[x.item]
		f := it.Schools[x.finding]
		d.Lacks = append(d.Lacks, report.Item{Text: fmt.Sprintf("%s %s（%s）：%s", it.ID, it.Short, f.Status, f.Detail), Ref: "indicator:" + it.ID})
	}
	for i := range data.Columns {
		c := &data.Columns[i]
		if c.Key == "equipment_value_yuan" {
			continue
		}
		v := c.Format(sc)
		if v == "" {
			v = "—"
		}
		d.Facts = append(d.Facts, fact{Label: c.Header, Value: v})
	}
	return d
}

// ---- 指标 ----

type indicatorData struct {
	ID, Name, Dimension, Owners, Summary, Evidence, Note, Source string
	StatusLabel                                                  string
	Status                                                       eval.Status
	Levels                                                       []indicatorLevel
	Checks                                                       []checkRow
	Scoring                                                      []scoreRow // B items
	Score                                                        string
	Schools                                                      []report.Item
	Warnings                                                     []string
}

type indicatorLevel struct {
	LevelName, CV, CVLimit, Threshold, Floor, Value, Std, Note string
	CVStatus                                                   eval.Status
	Units, Meeting, BelowFloor                                 int
	Chart                                                      *chart.Chart
	Below                                                      []belowRow
}

type belowRow struct{ Name, Ref, Students, Value, Gap string }

type scoreRow struct{ Label, Points, Score, Evidence string }

type checkRow struct {
	Label, Value, Standard string
	Status                 eval.Status
	Fail                   bool
}

func (s *site) indicatorData(id string) *indicatorData {
	r := s.in.Report
	res := r.Res
	if ind, ok := r.Profile.Indicator(id); ok {
		d := &indicatorData{ID: ind.ID, Name: ind.Name, Dimension: "资源配置", Owners: strings.Join(ind.Owners, "、"), Status: eval.NotApplicable, StatusLabel: "差异系数判定",
			Source: "学校数据表（按校区计算，一贯制学校按学段拆分）"}
		for _, l := range standard.Levels {
			lr := res.Resource.Of(l)
			k := 0
			for i, x := range lr.Indicators {
				if x.ID == id {
					k = i
				}
			}
			x := lr.Indicators[k]
			d.Status = eval.Combine(d.Status, x.CVStatus)
			lv := indicatorLevel{LevelName: l.Chinese(), CV: report.CV(x.CV), CVLimit: report.Number(x.CVLimit), CVStatus: x.CVStatus,
				Threshold: report.Number(x.Threshold), Floor: report.Number(x.Floor), Value: report.Amount(x.Value), Std: report.Amount(x.Std),
				Units: lr.Units, Meeting: x.UnitsMeeting, BelowFloor: x.UnitsBelowFloor, Note: x.CVNote}
			if x.CVCritical {
				lv.Note += "差异系数与上限相差不足0.005，属临界。"
			}
			if x.ValueStatus == eval.NotMet {
				lv.Note += "按本评估标准全县值也须达到标准，全县值未达到。"
			}
			lv.Chart, _ = chart.Find(s.in.Charts, "dist-"+string(l)+"-"+id)
			for _, u := range res.Units {
				if u.Level != l {
					continue
				}
				_, v := u.Values.At(k)
				if !v.Valid || v.Meets {
					continue
				}
				gap := fmt.Sprintf("低于标准 %s，差 %s", report.Number(x.Threshold), report.UnitValue(x.Threshold-v.Value))
				if !v.AboveFloor {
					gap += "；低于85%下限 " + report.Number(x.Floor)
				}
				lv.Below = append(lv.Below, belowRow{Name: u.Name, Ref: "school:" + u.Code, Students: report.Count(u.Students), Value: report.UnitValue(v.Value), Gap: gap})
			}
			d.Levels = append(d.Levels, lv)
		}
		return d
	}
	it, _ := res.Item(id)
	d := &indicatorData{ID: it.ID, Name: it.Name, Dimension: r.Profile.DimensionName(it.Dimension), Owners: strings.Join(it.Owners, "、"),
		Status: it.Status, StatusLabel: "判定", Summary: it.Summary, Evidence: it.Evidence, Note: it.Note, Warnings: it.Warnings}
	if it.Dimension == "veto" {
		d.Summary = "判定为“" + report.VetoWord(it.Status) + "”。" + it.Summary
	}
	switch {
	case it.Computed:
		d.Source = "学校数据表计算"
	case strings.HasPrefix(it.Summary, "同"):
		d.Source = "同所引用的指标"
	default:
		d.Source = "data/county.toml 的 [" + it.ID + "] 一节"
	}
	for _, c := range it.Checks {
		row := checkRow{Label: c.Label, Value: report.CheckValue(c), Status: c.Status, Fail: c.Status == eval.NotMet}
		switch c.Op {
		case "yes":
			row.Standard = "是"
		case "no":
			row.Standard = "否"
		case "<":
			row.Standard = "低于 " + report.Number(c.Threshold) + c.Unit
		case "<=":
			row.Standard = "不超过 " + report.Number(c.Threshold) + c.Unit
		default:
			row.Standard = "不低于 " + report.Number(c.Threshold) + c.Unit
		}
		d.Checks = append(d.Checks, row)
	}
	for _, p := range it.Scoring {
		row := scoreRow{Label: p.Label, Points: report.Number(p.Points), Score: "未填", Evidence: p.Evidence}
		if p.Score.OK {
			row.Score = report.Number(p.Score.V)
		}
		d.Scoring = append(d.Scoring, row)
	}
	if it.Score != nil {
		d.Score = report.Number(it.Score.V) + " / " + report.Number(it.Points)
	}
	if it.Kind == "B" {
		d.Source = "data/county.toml 的 [" + it.ID + "] 一节（县级自评得分）"
	}
	d.Schools, _ = r.List(it.ID)
	return d
}

type indicatorGroup struct {
	ID, Name string
	Rows     []indicatorRow
}

type indicatorRow struct {
	ID, Name, Summary, Path string
	Status                  eval.Status
	Label                   string // what the verdict says when Status alone would overstate it
}

func (s *site) indicatorGroups() []indicatorGroup {
	r := s.in.Report
	res := r.Res
	g := indicatorGroup{ID: "resource", Name: "资源配置"}
	for _, p := range s.pages {
		if p.Kind == "indicator" && p.item != "" {
			if ind, ok := r.Profile.Indicator(p.item); ok {
				var parts []string
				label := ""
				for _, l := range standard.Levels {
					for _, x := range res.Resource.Of(l).Indicators {
						if x.ID == ind.ID {
							parts = append(parts, fmt.Sprintf("%s差异系数 %s，%d/%d所达标", l.Chinese(), report.CV(x.CV), x.UnitsMeeting, res.Resource.Of(l).Units))
							// The verdict is the CV's: say so when not every school meets the standard.
							if p.Status == eval.Met && x.UnitsMeeting < res.Resource.Of(l).Units {
								label = "差异系数达到"
							}
						}
					}
				}
				g.Rows = append(g.Rows, indicatorRow{ID: ind.ID, Name: ind.Name, Path: p.Path, Status: p.Status, Label: label, Summary: strings.Join(parts, "；")})
			}
		}
	}
	groups := []indicatorGroup{g}
	for _, dim := range r.Profile.Dimensions {
		g := indicatorGroup{ID: dim.ID, Name: dim.Name}
		for _, it := range res.Items {
			if it.Dimension == dim.ID {
				st := it.Status
				g.Rows = append(g.Rows, indicatorRow{ID: it.ID, Name: it.Name, Path: "indicators/" + fileName(it.ID) + ".html", Status: st, Summary: it.Summary})
			}
		}
		groups = append(groups, g)
	}
	return groups
}
