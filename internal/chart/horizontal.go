package chart

import (
	"fmt"
	"math"
	"strconv"
)

// Marks that say in text what a bar's shade says in colour: black-and-white print keeps them.
const (
	MarkShort = "✗"  // below the standard
	MarkBelow = "✗✗" // below the floor
)

// Groups of a horizontal chart's bars, drawn as stacked series so that the legend names them.
type group struct {
	name  string
	mark  string
	color string
	decal map[string]any // a pattern over the colour
}

// groups names a distribution chart's three kinds of bar after its lines: the standard and the floor.
func (c *Chart) groups() []group {
	floor := "85%"
	if len(c.Lines) > 1 {
		floor = firstWord(c.Lines[1].Name)
	}
	return []group{
		{name: "达到标准", color: colorBar, decal: map[string]any{"symbol": "none"}},
		{name: "未达标准 " + MarkShort, mark: MarkShort, color: colorWarn,
			decal: map[string]any{"symbol": "rect", "symbolSize": 1, "dashArrayX": []int{1, 0}, "dashArrayY": []int{2, 3}, "rotation": -math.Pi / 4, "color": "rgba(0,0,0,0.45)"}},
		{name: "低于标准的" + floor + " " + MarkBelow, mark: MarkBelow, color: colorFail,
			decal: map[string]any{"symbol": "rect", "symbolSize": 1, "dashArrayX": []int{1, 0}, "dashArrayY": []int{3, 2}, "rotation": math.Pi / 4, "color": "rgba(0,0,0,0.6)"}},
	}
}

// groupOf is the group of the i-th value of s: 0 meets, 1 falls short, 2 is below the floor.
func groupOf(s Series, i int) int {
	switch {
	case i < len(s.Below) && s.Below[i]:
		return 2
	case i < len(s.Fail) && s.Fail[i]:
		return 1
	}
	return 0
}

func firstWord(s string) string {
	for i, r := range s {
		if r == ' ' {
			return s[:i]
		}
	}
	return s
}

// horizontal is the ECharts option of a distribution chart: one row per unit, its name on the
// axis (never hidden, whatever the number of units: the chart grows instead), its value printed
// at the bar's end with ✗ or ✗✗ when it falls short, a legend for the shades and both reference
// lines labelled with their values.
func (c *Chart) horizontal() map[string]any {
	n := len(c.Categories)
	var s Series
	if len(c.Series) > 0 {
		s = c.Series[0]
	}
	gs := c.groups()
	var series []any
	var legend []string
	for gi, g := range gs {
		data := make([]any, n)
		for i := range data {
			if i < len(s.Values) && groupOf(s, i) == gi {
				// The label is written out, so that 19 reads 19.00 like its neighbours.
				text := strconv.FormatFloat(s.Values[i], 'f', c.Decimals, 64)
				if g.mark != "" {
					text += " " + g.mark
				}
				data[i] = map[string]any{"value": round(s.Values[i], c.Decimals), "label": map[string]any{"formatter": text}}
			}
		}
		style := map[string]any{"color": g.color}
		style["decal"] = g.decal
		if g.mark != "" {
			style["borderColor"] = colorLine
			style["borderWidth"] = 1
		}
		label := map[string]any{"show": true, "position": "right", "color": colorLine}
		one := map[string]any{"name": g.name, "type": "bar", "stack": "value", "data": data, "itemStyle": style,
			"label": label, "barMaxWidth": 16, "barCategoryGap": "30%"}
		if gi == 0 && len(c.Lines) > 0 {
			one["markLine"] = c.verticalLines()
		}
		series = append(series, one)
		legend = append(legend, g.name)
	}
	names := make([]string, n)
	copy(names, c.Categories)
	option := map[string]any{
		"title":     map[string]any{"text": c.Title, "left": "center"},
		"animation": false,
		"aria":      map[string]any{"enabled": true, "decal": map[string]any{"show": true}},
		"tooltip":   map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
		"legend":    map[string]any{"show": true, "top": 28, "data": legend},
		"grid":      map[string]any{"left": 8, "right": 72, "top": 84, "bottom": 36, "containLabel": true},
		"xAxis":     c.valueAxis(),
		"yAxis": map[string]any{"type": "category", "data": names, "inverse": true,
			"axisLabel": map[string]any{"interval": 0, "fontSize": 12}, "axisTick": map[string]any{"alignWithLabel": true}},
		"series": series,
		// The container's height, read by site.js: every name keeps a row of its own.
		"_height": fmt.Sprintf("%dpx", 140+22*n),
	}
	return option
}

// verticalLines are the threshold and floor of a horizontal chart, labelled with their values at
// opposite ends so that two close lines do not print over each other.
func (c *Chart) verticalLines() map[string]any {
	var data []any
	for i, l := range c.Lines {
		style := map[string]any{"color": colorLine, "width": 1.5, "type": "solid"}
		pos := "end"
		if l.Dashed {
			style = map[string]any{"color": colorFloor, "width": 1.5, "type": "dashed"}
		}
		if i%2 == 1 {
			pos = "start"
		}
		data = append(data, map[string]any{"name": l.Name, "xAxis": l.Value, "lineStyle": style,
			"label": map[string]any{"show": true, "formatter": "{b}", "position": pos, "color": colorLine}})
	}
	return map[string]any{"symbol": []string{"none", "none"}, "silent": true, "data": data}
}

func (c *Chart) valueAxis() map[string]any {
	axis := map[string]any{"type": "value", "name": c.YName, "nameLocation": "middle", "nameGap": 24}
	if m := c.axisMax(); m != nil {
		axis["max"] = m
	}
	return axis
}
