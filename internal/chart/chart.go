// Package chart defines one model per figure of the report, built from the evaluation, and turns
// it into ECharts options for the HTML site. The PDF draws the same models as vectors, so a
// figure shows the same data in both.
package chart

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// Kind is a chart type.
type Kind string

const (
	Bar   Kind = "bar"
	Radar Kind = "radar"
)

// Chart is one figure.
type Chart struct {
	ID         string // fixed: cv-primary, dist-junior-R5, …; the shortcode argument and the HTML element id
	Title      string
	Kind       Kind
	Horizontal bool     // bar: one row per category, the names on the vertical axis, read top down
	Categories []string // bar: x-axis categories; radar: the axes
	Series     []Series
	Lines      []Line    // horizontal reference lines of a bar chart
	YName      string    // the value axis's name
	RadarMax   []float64 // radar: the maximum of each axis
	Decimals   int       // decimals of values in labels and the data table
	ValueMax   float64   // the largest value of the whole chart, when this is a part of it (Parts)
	Alt        string    // a sentence describing the chart, for screen readers and as a caption
	Refs       []string  // per category: school:<code> or indicator:<id>, for links in the data table
}

// Series is one set of values.
type Series struct {
	Name   string
	Values []float64
	Fail   []bool // per value: drawn as failing (not only by colour)
	Warn   []bool // per value: close to failing, e.g. a CV within 0.005 of its limit (临界)
	Below  []bool // per value: below the floor (低于标准的85%), worse than failing
	Stack  string // bars with the same stack are stacked
}

// Line is a horizontal reference line: a threshold, a floor or a limit.
type Line struct {
	Name   string
	Value  float64
	Dashed bool
}

// All builds every chart of the report in a fixed order.
func All(r *report.Report) []*Chart {
	res, lb := r.Result(), r.Labels
	var cs []*Chart
	for _, l := range standard.Levels {
		cs = append(cs, CV(res, lb, l), Meeting(res, lb, l), Ratio(res, lb, l))
	}
	for _, l := range standard.Levels {
		for _, ind := range res.Resource.Of(l).Indicators {
			cs = append(cs, Distribution(res, lb, l, ind.ID))
		}
	}
	for _, c := range cs {
		c.finite()
	}
	return cs
}

// finite draws a value that is not a number as 0: the evaluation gives none (a value that could
// not be computed is left out or is 0 like an undefined CV), but ECharts' JSON and the PDF's
// vectors have no NaN, so a chart must never carry one.
func (c *Chart) finite() {
	for i := range c.Series {
		for j, v := range c.Series[i].Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				c.Series[i].Values[j] = 0
			}
		}
	}
	for i, l := range c.Lines {
		if math.IsNaN(l.Value) || math.IsInf(l.Value, 0) {
			c.Lines[i].Value = 0
		}
	}
	for i, v := range c.RadarMax {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			c.RadarMax[i] = 100
		}
	}
}

// Find returns the chart with the given ID from cs, or an error that suggests the closest ID.
func Find(cs []*Chart, id string) (*Chart, error) {
	ids := make([]string, len(cs))
	for i, c := range cs {
		if c.ID == id {
			return c, nil
		}
		ids[i] = c.ID
	}
	msg := fmt.Sprintf("没有编号为「%s」的图", id)
	msg += suggest.Hint(id, ids)
	return nil, fmt.Errorf("%s", msg)
}

// CV is the seven CVs of a level against their limit.
func CV(res *eval.Result, lb report.Labels, l standard.Level) *Chart {
	lr := res.Resource.Of(l)
	c := &Chart{ID: "cv-" + string(l), Title: l.Chinese() + "资源配置指标差异系数", Kind: Bar, YName: "差异系数", Decimals: 3}
	s := Series{Name: "差异系数"}
	var over, critical []string
	for _, ind := range lr.Indicators {
		c.Categories = append(c.Categories, ind.ID)
		c.Refs = append(c.Refs, "indicator:"+ind.ID)
		s.Values = append(s.Values, ind.CV.V)
		s.Fail = append(s.Fail, ind.CVStatus == eval.NotMet)
		s.Warn = append(s.Warn, ind.CVCritical && ind.CVStatus != eval.NotMet)
		if ind.CVStatus == eval.NotMet {
			over = append(over, ind.ID)
		}
		if ind.CVCritical && ind.CVStatus != eval.NotMet {
			critical = append(critical, ind.ID)
		}
	}
	c.Series = []Series{s}
	c.Lines = []Line{{Name: "上限 " + report.Number(lr.CVLimit), Value: lr.CVLimit}}
	c.Alt = fmt.Sprintf("%s%s指标的差异系数，上限%s", l.Chinese(), lb.Indicators, report.Number(lr.CVLimit))
	if len(over) > 0 {
		c.Alt += "，超过上限的有" + strings.Join(over, "、")
	} else {
		c.Alt += "，均未超过上限"
	}
	if len(critical) > 0 {
		c.Alt += "；" + strings.Join(critical, "、") + "接近上限（临界）"
	}
	return c
}

// Meeting counts, per indicator, the units that meet the standard, fall short of it, or fall
// below its floor (85% of it in the national standard).
func Meeting(res *eval.Result, lb report.Labels, l standard.Level) *Chart {
	lr := res.Resource.Of(l)
	c := &Chart{ID: "meeting-" + string(l), Title: l.Chinese() + "各指标达标学校数", Kind: Bar, YName: "学校数"}
	met := Series{Name: "达到标准", Stack: "units"}
	short := Series{Name: lb.FloorShort, Stack: "units"}
	below := Series{Name: lb.BelowFloor, Stack: "units"}
	for _, ind := range lr.Indicators {
		c.Categories = append(c.Categories, ind.ID)
		c.Refs = append(c.Refs, "indicator:"+ind.ID)
		met.Values = append(met.Values, float64(ind.UnitsMeeting))
		short.Values = append(short.Values, float64(lr.Units-ind.UnitsMeeting-ind.UnitsBelowFloor-ind.UnitsMissing))
		below.Values = append(below.Values, float64(ind.UnitsBelowFloor))
		below.Fail = append(below.Fail, ind.UnitsBelowFloor > 0)
	}
	c.Series = []Series{met, short, below}
	c.Alt = fmt.Sprintf("%s%d所学校（校区）各项指标达标情况", l.Chinese(), lr.Units)
	return c
}

// radarStep is the distance between the rings of a radar chart, in percent of the standard.
const radarStep = 50

// RadarScaleNote explains a radar chart's scale beside it.
const RadarScaleNote = "每圈 50%；虚线为标准（100%）"

// Ratio is the county value of each indicator as a percentage of its standard.
func Ratio(res *eval.Result, lb report.Labels, l standard.Level) *Chart {
	lr := res.Resource.Of(l)
	c := &Chart{ID: "ratio-" + string(l), Title: l.Chinese() + "全县值与标准之比（%）", Kind: Radar, Decimals: 0}
	value := Series{Name: "全县值"}
	std := Series{Name: "标准"}
	top := 100.0
	for _, ind := range lr.Indicators {
		c.Categories = append(c.Categories, ind.ID)
		c.Refs = append(c.Refs, "indicator:"+ind.ID)
		ratio := 0.0
		if ind.Value.OK && ind.Threshold > 0 {
			ratio = ind.Value.V / ind.Threshold * 100
		}
		if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
			ratio = 0
		}
		value.Values = append(value.Values, ratio)
		value.Fail = append(value.Fail, ratio < 100)
		std.Values = append(std.Values, 100)
		top = max(top, ratio)
	}
	axisMax := (math.Floor(top/radarStep) + 1) * radarStep
	for range c.Categories {
		c.RadarMax = append(c.RadarMax, axisMax)
	}
	c.Series = []Series{value, std}
	c.Alt = fmt.Sprintf("%s%s指标全县值为标准的百分比，100%%为标准线", l.Chinese(), lb.Indicators)
	return c
}

// Distribution is every unit's value of one indicator as a horizontal bar, highest first, named
// on the axis, with the threshold and the floor as lines. A unit below the standard and a unit
// below the floor are marked apart (Fail, Below), so that print in grey tells them apart.
func Distribution(res *eval.Result, lb report.Labels, l standard.Level, id string) *Chart {
	lr := res.Resource.Of(l)
	var ind eval.Indicator
	k := 0
	for i, x := range lr.Indicators {
		if x.ID == id {
			ind, k = x, i
		}
	}
	type point struct {
		name, code string
		v          float64
		meets      bool
		above      bool // at or above the floor
	}
	var pts []point
	for _, u := range res.Units {
		if u.Level != l {
			continue
		}
		if _, v := u.Values.At(k); v.Valid {
			pts = append(pts, point{u.Name, u.Code, v.Value, v.Meets, v.AboveFloor})
		}
	}
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].v > pts[j].v })
	c := &Chart{ID: "dist-" + string(l) + "-" + id, Title: l.Chinese() + ind.ID + " " + ind.Name, Kind: Bar, Horizontal: true, YName: ind.Unit, Decimals: 2}
	s := Series{Name: ind.Name}
	below := 0
	for _, p := range pts {
		c.Categories = append(c.Categories, p.name)
		c.Refs = append(c.Refs, "school:"+p.code)
		s.Values = append(s.Values, p.v)
		s.Fail = append(s.Fail, !p.meets)
		s.Below = append(s.Below, !p.meets && !p.above)
		if !p.meets {
			below++
		}
	}
	c.Series = []Series{s}
	c.Lines = []Line{
		{Name: "标准 " + report.Number(ind.Threshold) + ind.Unit, Value: ind.Threshold},
		{Name: lb.Floor + " " + report.Number(ind.Floor) + ind.Unit, Value: ind.Floor, Dashed: true},
	}
	c.Alt = fmt.Sprintf("%s%d所学校（校区）的%s，从高到低排列；标准%s%s，低于标准的%d所", l.Chinese(), len(pts), ind.Name, report.Number(ind.Threshold), ind.Unit, below)
	return c
}

// Parts splits a horizontal bar chart into charts of at most rows categories each, of about the
// same length, for pages that cannot hold every unit of a large county; each part's title says
// which it is, e.g. "（2/3）". A chart that fits is returned alone.
func (c *Chart) Parts(rows int) []*Chart {
	n := len(c.Categories)
	if !c.Horizontal || rows <= 0 || n <= rows {
		return []*Chart{c}
	}
	k := (n + rows - 1) / rows
	size := (n + k - 1) / k
	top := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			top = max(top, v)
		}
	}
	var parts []*Chart
	for i, from := 0, 0; from < n; i, from = i+1, from+size {
		to := min(from+size, n)
		p := *c
		p.Title = fmt.Sprintf("%s（%d/%d）", c.Title, i+1, k)
		p.ValueMax = top
		p.Categories = c.Categories[from:to]
		p.Refs = sliceOf(c.Refs, from, to)
		p.Series = make([]Series, len(c.Series))
		for j, s := range c.Series {
			p.Series[j] = Series{Name: s.Name, Stack: s.Stack, Values: sliceOf(s.Values, from, to),
				Fail: sliceOf(s.Fail, from, to), Warn: sliceOf(s.Warn, from, to), Below: sliceOf(s.Below, from, to)}
		}
		parts = append(parts, &p)
	}
	return parts
}

// sliceOf is xs[from:to], cut to the length of xs (flags may be shorter than the values).
func sliceOf[T any](xs []T, from, to int) []T {
	return xs[min(from, len(xs)):min(to, len(xs))]
}
