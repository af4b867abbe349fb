// Package rollhtml renders a rollup as a static website that works offline from file://:
// an overview by verdict, the CV heat table with 临界 and failing CVs marked in words as well as
// colour, the distribution of every indicator across counties with its limit drawn (ECharts,
// the theme's vendored copy), the 公示 list, the change since the previous rollup and one page
// per county linking to its own site. It reads only the rollup model.
package rollhtml

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/rollup"
	"github.com/youjun-edu/youjun/theme"
)

//go:embed templates/*.html rollup.css
var files embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"cv":       func(v float64) string { return num.Fixed(v, 3) },
	"ratio":    ratio,
	"verdict":  verdictClass,
	"count":    func(n int) string { return num.Count(float64(n)) },
	"plain":    num.Plain,
	"limit":    limitText,
	"add1":     func(i int) int { return i + 1 },
	"chartRaw": func(b []byte) template.JS { return template.JS(b) },
	"levelName": func(l string) string {
		return map[string]string{"primary": "小学", "junior": "初中"}[l]
	},
}).ParseFS(files, "templates/*.html"))

// page is what every template gets.
type page struct {
	R     *rollup.Rollup
	Root  string // "" or "../"
	Title string
	Kind  string
	// Charts are the page's charts, their options already JSON.
	Charts []chartView
	Data   any
}

type chartView struct {
	ID, Title, Alt string
	JSON           []byte
}

// Render returns the pages and assets by their path in the output.
func Render(r *rollup.Rollup) (map[string][]byte, error) {
	out := map[string][]byte{}
	if err := assets(out); err != nil {
		return nil, err
	}
	cols := rollup.CVColumns(r)
	views := []struct {
		name, tmpl string
		p          page
	}{
		{"index.html", "index", page{Title: r.Title, Kind: "index", Charts: overviewCharts(r), Data: overview(r)}},
		{"cv.html", "cv", page{Title: "各县差异系数对照", Kind: "cv", Data: heatTable(r, cols)}},
		{"distributions.html", "distributions", page{Title: "各指标在各县的分布", Kind: "distributions", Charts: distributionCharts(r, cols)}},
		{"publish.html", "publish", page{Title: "公示名单", Kind: "publish", Data: r.Published()}},
	}
	if r.Changes != nil {
		views = append(views, struct {
			name, tmpl string
			p          page
		}{"changes.html", "changes", page{Title: "与上次汇总相比的变化", Kind: "changes", Data: r.Changes}})
	}
	for _, v := range views {
		v.p.R = r
		b, err := execute(v.tmpl, v.p)
		if err != nil {
			return nil, err
		}
		out[v.name] = b
	}
	for i := range r.Counties {
		c := &r.Counties[i]
		b, err := execute("county", page{R: r, Root: "../", Title: c.Name, Kind: "county", Data: countyView(c, cols)})
		if err != nil {
			return nil, err
		}
		out["counties/"+c.ID+".html"] = b
	}
	return out, nil
}

func execute(name string, p page) ([]byte, error) {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// assets copies the theme's style sheet and script, the vendored ECharts with its licence and
// the rollup's own styles.
func assets(out map[string][]byte) error {
	for _, a := range theme.SiteAssets {
		b, err := fs.ReadFile(theme.FS, a.Src)
		if err != nil {
			return err
		}
		out[a.Out] = b
	}
	b, err := files.ReadFile("rollup.css")
	out["assets/rollup.css"] = b
	return err
}

// limitText writes a CV limit as the standard does, with two decimals: 0.50, 0.45.
func limitText(v float64) string { return num.Fixed(v, 2) }

func ratio(v *float64) string {
	if v == nil {
		return "—"
	}
	return num.Fixed(*v, 3)
}

func verdictClass(s string) string {
	switch s {
	case rollup.Met, rollup.Verified:
		return "ok"
	case rollup.NotMet, rollup.Failed, rollup.Mismatch:
		return "fail"
	case rollup.Pending, rollup.Unverified:
		return "pending"
	}
	return "na"
}

type overviewView struct {
	Groups   []rollup.Group
	Counties []rollup.County
}

func overview(r *rollup.Rollup) overviewView {
	return overviewView{Groups: r.Groups, Counties: r.Counties}
}

// heat is the CV heat table.
type heat struct {
	Columns []rollup.Column
	Rows    []heatRow
}

type heatRow struct {
	C     *rollup.County
	Cells []heatCell
}

type heatCell struct {
	Text, Class, Mark, Title string
}

func heatTable(r *rollup.Rollup, cols []rollup.Column) heat {
	h := heat{Columns: cols}
	for i := range r.Counties {
		c := &r.Counties[i]
		h.Rows = append(h.Rows, heatRow{C: c, Cells: heatCells(c, cols)})
	}
	return h
}

func heatCells(c *rollup.County, cols []rollup.Column) []heatCell {
	cells := make([]heatCell, len(cols))
	for k, col := range cols {
		v, limit, ok, fail, critical := rollup.CV(c, col)
		if !ok {
			cells[k] = heatCell{Text: "—", Class: "none"}
			continue
		}
		cell := heatCell{Text: num.Fixed(v, 3), Class: "composite"}
		if !col.Composite {
			cell.Class = "heat-" + rollup.Heat(v, limit, fail, critical)
			cell.Title = fmt.Sprintf("%s %s 差异系数 %s，限值 %s", col.LevelName, col.ID, num.Fixed(v, 3), limitText(limit))
			switch {
			case fail:
				cell.Mark = "超限"
			case critical:
				cell.Mark = "临界"
			}
		}
		cells[k] = cell
	}
	return cells
}

// countyPage is one county's summary.
type countyPage struct {
	C      *rollup.County
	Levels []countyLevel
}

type countyLevel struct {
	rollup.Level
	Rows []countyIndicator
}

type countyIndicator struct {
	rollup.Indicator
	Value, CV, Mark, Class string
}

func countyView(c *rollup.County, _ []rollup.Column) countyPage {
	p := countyPage{C: c}
	for _, l := range c.Levels {
		cl := countyLevel{Level: l}
		for _, ind := range l.Indicators {
			row := countyIndicator{Indicator: ind, Value: "—", CV: "—"}
			if ind.Value != nil {
				row.Value = num.Short(*ind.Value)
			}
			if ind.CV != nil {
				row.CV = num.Fixed(*ind.CV, 3)
				row.Class = "heat-" + rollup.Heat(*ind.CV, ind.CVLimit, !ind.CVOK, ind.CVCritical)
			}
			switch {
			case ind.CV != nil && !ind.CVOK:
				row.Mark = "超限"
			case ind.CVCritical:
				row.Mark = "临界"
			}
			cl.Rows = append(cl.Rows, row)
		}
		p.Levels = append(p.Levels, cl)
	}
	return p
}

// unknown names a province or city that a county's package does not give (a package that
// could not be opened), so that its row and its bar have a label.
const unknown = "（不明）"

// ECharts options are built as plain maps and marshalled by encoding/json, which escapes <, >
// and & in county names.

func overviewCharts(r *rollup.Rollup) []chartView {
	var cities []string
	series := map[string][]int{}
	verdicts := []string{rollup.Met, rollup.NotMet, rollup.Pending, rollup.Failed}
	for _, g := range r.Groups {
		if g.Kind != "city" {
			continue
		}
		cities = append(cities, cmp.Or(g.Province, unknown)+cmp.Or(g.City, unknown))
		for _, v := range verdicts {
			n := map[string]int{rollup.Met: g.Met, rollup.NotMet: g.NotMet, rollup.Pending: g.Pending, rollup.Failed: g.Failed}[v]
			series[v] = append(series[v], n)
		}
	}
	colors := map[string]string{rollup.Met: "#2e7d32", rollup.NotMet: "#c62828", rollup.Pending: "#ef6c00", rollup.Failed: "#757575"}
	var ss []any
	for _, v := range verdicts {
		ss = append(ss, map[string]any{"name": v, "type": "bar", "stack": "all", "data": series[v], "itemStyle": map[string]any{"color": colors[v]}})
	}
	height := max(340, 22*len(cities)+80)
	opt := map[string]any{
		"animation": false, "_height": strconv.Itoa(height) + "px",
		"tooltip": map[string]any{"trigger": "axis"}, "legend": map[string]any{"top": 0},
		"grid":   map[string]any{"left": 8, "right": 16, "top": 32, "bottom": 8, "containLabel": true},
		"xAxis":  map[string]any{"type": "value", "name": "县数", "minInterval": 1},
		"yAxis":  map[string]any{"type": "category", "data": cities, "inverse": true},
		"series": ss,
	}
	b, _ := json.Marshal(opt)
	return []chartView{{ID: "verdicts", Title: "各市县数（按评估结论）", Alt: fmt.Sprintf("共 %d 个县：达到 %d，未达到 %d，待补充 %d，无法评估 %d",
		r.Summary.Counties, r.Summary.Met, r.Summary.NotMet, r.Summary.Pending, r.Summary.Failed), JSON: b}}
}

// distributionCharts draws, for every indicator of each level, the counties' CVs and county
// values sorted, with the CV limit and the threshold drawn as lines.
func distributionCharts(r *rollup.Rollup, cols []rollup.Column) []chartView {
	var out []chartView
	for _, col := range cols {
		if col.Composite {
			continue
		}
		var cvs, values []float64
		var limit, threshold float64
		unit := ""
		for i := range r.Counties {
			c := &r.Counties[i]
			for _, l := range c.Levels {
				if l.Level != col.Level {
					continue
				}
				for _, ind := range l.Indicators {
					if ind.ID != col.ID {
						continue
					}
					if ind.CV != nil {
						cvs = append(cvs, *ind.CV)
					}
					if ind.Value != nil {
						values = append(values, *ind.Value)
					}
					limit, threshold, unit = max(limit, ind.CVLimit), max(threshold, ind.Threshold), ind.Unit
				}
			}
		}
		id := col.Level + "-" + strings.ToLower(col.ID)
		out = append(out,
			sorted("cv-"+id, col.LevelName+" "+col.ID+" "+col.Name+"：各县差异系数", cvs, limit, "差异系数限值 "+limitText(limit), "#c62828", ""),
			sorted("value-"+id, col.LevelName+" "+col.ID+" "+col.Name+"：各县全县值", values, threshold, "标准 "+num.Plain(threshold)+unit, "#1565c0", unit))
	}
	return out
}

// sorted is a bar chart of the values from low to high with a line at mark.
func sorted(id, title string, vs []float64, mark float64, markName, color, unit string) chartView {
	vs = append([]float64(nil), vs...)
	slices.Sort(vs)
	data := make([]any, len(vs))
	for i, v := range vs {
		data[i] = json.Number(strconv.FormatFloat(v, 'g', 6, 64))
	}
	lineColor := "#c62828"
	if color == "#c62828" {
		lineColor = "#000000"
	}
	opt := map[string]any{
		"animation": false,
		"tooltip":   map[string]any{"trigger": "axis"},
		"grid":      map[string]any{"left": 8, "right": 24, "top": 28, "bottom": 8, "containLabel": true},
		"xAxis":     map[string]any{"type": "category", "axisLabel": map[string]any{"show": false}},
		"yAxis":     map[string]any{"type": "value", "name": unit, "max": json.Number(strconv.FormatFloat(niceMax(maxOf(vs, mark)*1.1), 'g', 6, 64))},
		"series": []any{map[string]any{"type": "bar", "data": data, "itemStyle": map[string]any{"color": color}, "barCategoryGap": "10%",
			"markLine": map[string]any{"symbol": "none", "silent": true, "lineStyle": map[string]any{"color": lineColor, "type": "dashed", "width": 2},
				"label": map[string]any{"formatter": markName, "position": "insideEndTop",
					// On a white box: the line of the county values runs across the bars, and its
					// name drawn straight on them could not be read.
					"color": lineColor, "backgroundColor": "#ffffff", "padding": []int{2, 4}, "borderRadius": 2},
				"data": []any{map[string]any{"yAxis": json.Number(strconv.FormatFloat(mark, 'g', -1, 64))}}}}},
	}
	b, _ := json.Marshal(opt)
	alt := fmt.Sprintf("%d 个县", len(vs))
	if len(vs) > 0 {
		alt += fmt.Sprintf("，最低 %s，最高 %s", num.Short(vs[0]), num.Short(vs[len(vs)-1]))
	}
	return chartView{ID: id, Title: title, Alt: alt + "；虚线为" + markName, JSON: b}
}

// niceMax rounds m up to a half step of its magnitude (7.37 → 7.5, 0.55 → 0.55), so that the
// axis ends on a round number above the data and the line.
func niceMax(m float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(m)))
	return math.Ceil(m/p*2-1e-9) / 2 * p
}

func maxOf(vs []float64, m float64) float64 {
	for _, v := range vs {
		m = max(m, v)
	}
	if m <= 0 {
		return 1
	}
	return m
}
