package pdf

import (
	"math"
	"strconv"

	"github.com/youjun-edu/youjun/internal/chart"
)

// hbarRows is the most units a horizontal chart shows on one figure: at the chart's type size
// they fill about four fifths of the text block. A level with more units is split into parts.
const hbarRows = 40

// Geometry of a horizontal bar chart, in units of its type size.
const (
	hbarRow    = 1.45 // the height of one unit's row
	hbarHead   = 3.0  // above the bars: the two lines' labels
	hbarFoot   = 2.6  // below the bars: the value axis and its name
	hbarLegend = 1.8
)

// chartHeight is the height of a chart's drawing: fixed for the small charts, a row per unit
// for a distribution chart.
func chartHeight(t *typesetter, c *chart.Chart) float64 {
	if c == nil || !c.Horizontal {
		return 68 * mm
	}
	fs := t.styles[sChart].size
	return fs * (hbarHead + hbarRow*float64(len(c.Categories)) + hbarFoot + hbarLegend)
}

// hbarGrays shade the bars that meet, fall short and fall below the floor; the two that fail are
// outlined and followed by ✗ or ✗✗, so that they read apart without colour.
var hbarGrays = []float64{0.72, 0.45, 0.1}

// drawHBar draws a distribution chart: each unit's name on the left, its bar and value on the
// right, the threshold as a solid and the floor as a dashed vertical line, both labelled with
// their values above the bars, the value axis below and a legend for the shades.
func drawHBar(t *typesetter, c *chart.Chart, x, y, w float64) {
	fs := t.styles[sChart].size
	n := len(c.Categories)
	var s chart.Series
	if len(c.Series) > 0 {
		s = c.Series[0]
	}
	nameW := 0.0
	for _, name := range c.Categories {
		nameW = max(nameW, t.measure(name, sChart))
	}
	nameW = min(nameW, w*0.45)
	valueW := 0.0
	for i := range s.Values {
		valueW = max(valueW, t.measure(hbarValue(c, s, i), sChart))
	}
	left, right := x+nameW+fs*0.6, x+w-valueW-fs*2.8
	top := y + fs*hbarHead
	bottom := top + hbarRow*fs*float64(n)
	top0 := c.ValueMax // the parts of a chart share its scale
	for _, v := range s.Values {
		top0 = math.Max(top0, v)
	}
	for _, l := range c.Lines {
		top0 = math.Max(top0, l.Value)
	}
	step, axisMax := chart.Axis(top0, 1.02)
	xOf := func(v float64) float64 { return left + v/axisMax*(right-left) }
	// Ticks, value axis and its name: no grid, which would cross the values.
	for v := 0.0; v <= axisMax+step/2; v += step {
		xx := xOf(v)
		t.rule(xx, bottom, xx, bottom+fs*0.3, 0.6, nil)
		t.label(fmtTick(v, step), sChart, xx-20, 40, bottom+fs*1.2, 'c')
	}
	t.label(c.YName, sChart, left, right-left, bottom+fs*2.3, 'c')
	t.rule(left, bottom, right, bottom, 0.8, nil)
	t.rule(left, top, left, bottom, 0.8, nil)
	// One row per unit: name, bar, value and mark.
	for i, name := range c.Categories {
		rowTop := top + float64(i)*hbarRow*fs
		base := rowTop + hbarRow*fs/2 + fs*0.35
		t.label(name, sChart, x, nameW, base, 'r')
		if i >= len(s.Values) {
			continue
		}
		g := hbarGroup(s, i)
		bw := xOf(s.Values[i]) - left
		if bw > 0.01 {
			t.rect(left, rowTop+fs*0.2, bw, hbarRow*fs-fs*0.4, hbarGrays[g], true, g > 0)
		}
		vx := left + max(bw, 0) + fs*0.3
		t.label(hbarValue(c, s, i), sChart, vx, valueW, base, 'l')
		crosses(t, vx+t.measure(hbarValue(c, s, i), sChart)+fs*0.3, base, g)
	}
	// The reference lines, labelled above the bars on two staggered rows.
	for i, l := range c.Lines {
		xx := xOf(l.Value)
		var dash []float64
		if l.Dashed {
			dash = []float64{4, 2.5}
		}
		t.rule(xx, top-fs*0.3, xx, bottom, 1.2, dash)
		ly := y + fs*(1.0+1.2*float64(i%2))
		lw := t.measure(l.Name, sChart)
		lx := min(max(xx-lw/2, x), x+w-lw)
		t.label(l.Name, sChart, lx, lw, ly, 'l')
	}
	// The legend, in the shades and marks of the bars.
	names := []string{"达到标准", "未达标准", "低于标准的" + floorWord(c)}
	lx, ly := x, bottom+fs*(hbarFoot+hbarLegend)-fs*0.3
	for g, name := range names {
		t.rect(lx, ly-fs*0.75, fs, fs*0.75, hbarGrays[g], true, g > 0)
		t.label(name, sChart, lx+fs*1.3, 200, ly, 'l')
		lx += fs*1.6 + t.measure(name, sChart)
		lx += crosses(t, lx, ly, g) + fs*1.2
	}
}

// crosses draws the marks of group g after a value (✗ below the standard, ✗✗ below the floor)
// with its baseline at base, and returns their width. The fonts need not have ✗.
func crosses(t *typesetter, x, base float64, g int) float64 {
	fs := t.styles[sChart].size
	size := fs * 0.6
	for k := range g {
		cross(t, x+float64(k)*size*1.3, base-size, size)
	}
	return float64(g) * size * 1.3
}

// hbarGroup is 0 for a value that meets the standard, 1 for one below it, 2 for one below the floor.
func hbarGroup(s chart.Series, i int) int {
	switch {
	case i < len(s.Below) && s.Below[i]:
		return 2
	case i < len(s.Fail) && s.Fail[i]:
		return 1
	}
	return 0
}

// hbarValue is the label at the end of a bar; crosses follow it.
func hbarValue(c *chart.Chart, s chart.Series, i int) string {
	return strconv.FormatFloat(s.Values[i], 'f', c.Decimals, 64)
}

// floorWord is the floor's share of the standard as its line names it, e.g. 85%.
func floorWord(c *chart.Chart) string {
	for _, l := range c.Lines {
		if l.Dashed {
			for i, r := range l.Name {
				if r == ' ' {
					return l.Name[:i]
				}
			}
		}
	}
	return "85%"
}
