package chart

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Colours chosen to stay apart in grey-scale print as well as on screen.
const (
	colorBar   = "#3a6ea5"
	colorFail  = "#c0392b"
	colorLine  = "#222222"
	colorFloor = "#7f7f7f"
	colorWarn  = "#e0a526"
)

var stackColors = []string{colorBar, colorWarn, colorFail}

// ECharts returns the chart's ECharts option as JSON. encoding/json escapes <, > and &, so a
// school named </script> cannot end the script element the options are embedded in.
func (c *Chart) ECharts() ([]byte, error) {
	var option map[string]any
	switch c.Kind {
	case Radar:
		option = c.radar()
	case Bar:
		if c.Horizontal {
			option = c.horizontal()
			break
		}
		option = c.bar()
	default:
		option = c.bar()
	}
	return json.Marshal(option)
}

func (c *Chart) bar() map[string]any {
	b := charts.NewBar()
	many := len(c.Categories) > 12
	b.SetGlobalOptions(
		charts.WithTitleOpts(opts.Title{Title: c.Title, Left: "center"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(c.Series) > 1), Bottom: "0"}),
		charts.WithAnimation(false),
		charts.WithGridOpts(opts.Grid{Left: "56", Right: "24", Top: "56", Bottom: gridBottom(many, len(c.Series) > 1), ContainLabel: opts.Bool(false)}),
		charts.WithYAxisOpts(opts.YAxis{Name: c.YName, Type: "value", Max: c.axisMax()}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(!many), Interval: "0"}}),
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID}),
	)
	if many {
		b.SetGlobalOptions(charts.WithDataZoomOpts(opts.DataZoom{Type: "inside"}))
	}
	b.SetXAxis(c.Categories)
	for si, s := range c.Series {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.BarData{Value: round(v, c.Decimals)}
			switch {
			case s.Stack != "":
			case i < len(s.Fail) && s.Fail[i]:
				data[i].ItemStyle = &opts.ItemStyle{Color: colorFail, BorderColor: colorLine, BorderWidth: 1}
			case i < len(s.Warn) && s.Warn[i]:
				data[i].ItemStyle = &opts.ItemStyle{Color: colorWarn}
				data[i].Label = &opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "临界"}
			}
		}
		color := colorBar
		if s.Stack != "" {
			color = stackColors[si%len(stackColors)]
		}
		so := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: color})}
		if s.Stack != "" {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: s.Stack}))
		}
		if si == 0 && len(c.Lines) > 0 {
			var items []opts.MarkLineNameYAxisItem
			for _, l := range c.Lines {
				items = append(items, opts.MarkLineNameYAxisItem{Name: l.Name, YAxis: l.Value})
			}
			so = append(so, charts.WithMarkLineNameYAxisItemOpts(items...),
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
					Label:     &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "{b}"},
					LineStyle: &opts.LineStyle{Color: colorLine, Width: 1.5, Type: "solid"}}))
		}
		b.AddSeries(s.Name, data, so...)
	}
	b.Validate()
	option := plain(b.JSON())
	delete(option, "toolbox")
	c.styleLines(option)
	return option
}

// axisMax raises the value axis so that a reference line above every bar stays visible; nil
// leaves the axis to ECharts.
func (c *Chart) axisMax() any {
	top, line := 0.0, 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			top = max(top, v)
		}
	}
	for _, l := range c.Lines {
		line = max(line, l.Value)
	}
	if line <= top {
		return nil
	}
	return niceCeil(line * 1.1)
}

// niceCeil rounds x up to a multiple of half its power of ten: 0.56 → 0.6, 0.495 → 0.5, 11.2 → 15.
func niceCeil(x float64) float64 {
	step := math.Pow(10, math.Floor(math.Log10(x))) / 2
	return round(math.Ceil(x/step-1e-9)*step, 6)
}

// plain turns go-echarts' option (structs inside maps) into plain maps and slices, to be patched.
func plain(option map[string]any) map[string]any {
	b, _ := json.Marshal(option)
	var m map[string]any
	json.Unmarshal(b, &m)
	return m
}

// styleLines gives each reference line its own style; go-echarts styles all lines of a series alike.
func (c *Chart) styleLines(option map[string]any) {
	series, ok := option["series"].([]any)
	if !ok || len(series) == 0 || len(c.Lines) == 0 {
		return
	}
	var lines []map[string]any
	for _, l := range c.Lines {
		style := map[string]any{"color": colorLine, "width": 1.5, "type": "solid"}
		label := map[string]any{"position": "insideEndTop"}
		if l.Dashed {
			style = map[string]any{"color": colorFloor, "width": 1.5, "type": "dashed"}
			label = map[string]any{"position": "insideEndBottom"}
		}
		lines = append(lines, map[string]any{"name": l.Name, "yAxis": l.Value, "lineStyle": style, "label": label})
	}
	if s, ok := series[0].(map[string]any); ok {
		if ml, ok := s["markLine"].(map[string]any); ok {
			ml["data"] = lines
			ml["silent"] = true
		}
	}
}

func gridBottom(many, legend bool) string {
	switch {
	case legend:
		return "64"
	case many:
		return "24"
	}
	return "40"
}

func (c *Chart) radar() map[string]any {
	r := charts.NewRadar()
	var ind []*opts.Indicator
	for i, name := range c.Categories {
		ind = append(ind, &opts.Indicator{Name: name, Max: float32(c.RadarMax[i])})
	}
	r.SetGlobalOptions(
		charts.WithTitleOpts(opts.Title{Title: c.Title, Left: "center"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithAnimation(false),
		charts.WithRadarComponentOpts(opts.RadarComponent{Indicator: ind, Center: []string{"50%", "55%"}}),
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID}),
	)
	styles := []opts.LineStyle{{Color: colorBar, Width: 2}, {Color: colorLine, Width: 1.5, Type: "dashed"}}
	for i, s := range c.Series {
		vals := make([]float64, len(s.Values))
		for j, v := range s.Values {
			vals[j] = round(v, c.Decimals)
		}
		r.AddSeries(s.Name, []opts.RadarData{{Name: s.Name, Value: vals}},
			charts.WithLineStyleOpts(styles[i%len(styles)]), charts.WithItemStyleOpts(opts.ItemStyle{Color: styles[i%len(styles)].Color}))
	}
	r.Validate()
	option := plain(r.JSON())
	delete(option, "toolbox")
	c.radarScale(option)
	return option
}

// radarScale gives the radar its scale: a ring every radarStep percent, numbered, and a subtitle
// that says so and names the standard's ring.
func (c *Chart) radarScale(option map[string]any) {
	rings := 4
	if len(c.RadarMax) > 0 && c.RadarMax[0] > 0 {
		rings = max(1, int(math.Round(c.RadarMax[0]/radarStep)))
	}
	if r, ok := option["radar"].(map[string]any); ok {
		r["splitNumber"] = rings
		r["axisLabel"] = map[string]any{"show": true, "fontSize": 10, "color": colorFloor, "showMinLabel": false, "formatter": "{value}%"}
	}
	if t, ok := option["title"].(map[string]any); ok {
		t["subtext"] = RadarScaleNote
	}
}

// round keeps the decimals shown; the unrounded value stays in evaluation.json.
func round(v float64, decimals int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', decimals, 64), 64)
	return f
}
