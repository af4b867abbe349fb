package pdf

import (
	"math"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/num"
)

// Grey levels that stay apart in black-and-white print.
const (
	grayBar   = 0.55
	grayFail  = 0.1
	grayWarn  = 0.85
	grayStack = 0.8
)

var stackGrays = []float64{grayBar, grayStack, grayFail}

// drawChart draws a chart model as vectors into the box (x, y, w, h): the same data as the
// HTML's ECharts figure, in greys with solid and dashed lines.
func drawChart(t *typesetter, c *chart.Chart, x, y, w, h float64) {
	if c.Kind == chart.Radar {
		drawRadar(t, c, x, y, w, h)
		return
	}
	if c.Horizontal {
		drawHBar(t, c, x, y, w)
		return
	}
	fs := t.styles[sChart].size
	legend := len(c.Series) > 1
	left, right, top, bottom := x+36, x+w-8, y+fs*1.8, y+h-fs*2.2
	if legend {
		bottom -= fs * 1.8
	}
	// The value axis runs from 0 to a round number above every value and line.
	step, axisMax := chart.Axis(c.Top(), 1.05)
	yOf := func(v float64) float64 { return bottom - v/axisMax*(bottom-top) }
	// Axis name, grid and ticks.
	t.label(c.YName, sChart, x, 40, y+fs, 'l')
	for v := 0.0; v <= axisMax+step/2; v += step {
		yy := yOf(v)
		t.rule(left, yy, right, yy, 0.3, []float64{1, 2})
		t.label(fmtTick(v, step), sChart, x, left-x-4, yy+fs*0.35, 'r')
	}
	t.rule(left, bottom, right, bottom, 0.8, nil)
	t.rule(left, top, left, bottom, 0.8, nil)
	n := len(c.Categories)
	if n == 0 {
		return
	}
	slot := (right - left) / float64(n)
	barW := slot * 0.6
	if n > 20 {
		barW = slot * 0.8
	}
	for i, cat := range c.Categories {
		bx := left + float64(i)*slot + (slot-barW)/2
		base := 0.0
		for si, s := range c.Series {
			if i >= len(s.Values) {
				continue
			}
			v := s.Values[i]
			gray := grayBar
			if s.Stack != "" {
				gray = stackGrays[si%len(stackGrays)]
			}
			fail := i < len(s.Fail) && s.Fail[i] && s.Stack == ""
			warn := i < len(s.Warn) && s.Warn[i]
			if fail {
				gray = grayFail
			} else if warn {
				gray = grayWarn
			}
			y0, y1 := yOf(base+v), yOf(base)
			if y1-y0 > 0.01 {
				t.rect(bx, y0, barW, y1-y0, gray, true, warn || fail || s.Stack != "")
			}
			if warn {
				t.label("临界", sChart, bx-slot, barW+2*slot, y0-2, 'c')
			}
			if s.Stack != "" {
				base += v
			}
		}
		if n <= 12 {
			t.label(cat, sChart, left+float64(i)*slot, slot, bottom+fs*1.3, 'c')
		}
	}
	for _, l := range c.Lines {
		yy := yOf(l.Value)
		var dash []float64
		if l.Dashed {
			dash = []float64{4, 2.5}
		}
		t.rule(left, yy, right, yy, 1.2, dash)
		t.label(l.Name, sChart, left, right-left-2, yy-2.5, 'r')
	}
	if legend {
		lx := left
		ly := y + h - fs*1.2
		for si, s := range c.Series {
			gray := grayBar
			if s.Stack != "" {
				gray = stackGrays[si%len(stackGrays)]
			}
			t.rect(lx, ly-fs*0.75, fs, fs*0.75, gray, true, true)
			t.label(s.Name, sChart, lx+fs*1.3, 200, ly, 'l')
			lx += fs*2 + t.measure(s.Name, sChart)
		}
	}
}

// drawRadar draws a radar chart: axes, rings, the standard as a dashed polygon and the values solid.
func drawRadar(t *typesetter, c *chart.Chart, x, y, w, h float64) {
	fs := t.styles[sChart].size
	cx, cy := x+w/2, y+h/2
	r := math.Min(w, h)/2 - fs*2.5
	n := len(c.Categories)
	if n < 3 {
		return
	}
	pt := func(i int, frac float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + r*frac*math.Cos(a), cy + r*frac*math.Sin(a)
	}
	// A ring every 50% of the standard, numbered along the first axis: the scale.
	rings := 4
	if c.RadarMax[0] > 0 {
		rings = max(1, int(math.Round(c.RadarMax[0]/50)))
	}
	for ring := 1; ring <= rings; ring++ {
		frac := float64(ring) / float64(rings)
		for i := 0; i < n; i++ {
			x1, y1 := pt(i, frac)
			x2, y2 := pt((i+1)%n, frac)
			t.rule(x1, y1, x2, y2, 0.3, []float64{1, 2})
		}
		lx, ly := pt(0, frac)
		t.label(fmtTick(c.RadarMax[0]*frac, 1)+"%", sChart, lx+2, 40, ly+fs*0.35, 'l')
	}
	for i, cat := range c.Categories {
		x1, y1 := pt(i, 1)
		t.rule(cx, cy, x1, y1, 0.3, nil)
		lx, ly := pt(i, 1.15)
		t.label(cat, sChart, lx-20, 40, ly+fs*0.35, 'c')
	}
	for si, s := range c.Series {
		var dash []float64
		width := 1.5
		if si > 0 {
			dash, width = []float64{4, 2.5}, 1
		}
		for i := 0; i < n && i < len(s.Values); i++ {
			max := c.RadarMax[i]
			x1, y1 := pt(i, s.Values[i]/max)
			j := (i + 1) % n
			x2, y2 := pt(j, s.Values[j]/c.RadarMax[j])
			t.rule(x1, y1, x2, y2, width, dash)
		}
	}
	// The legend: the county's values solid, the standard dashed.
	lx, ly := x+w-fs*12, y+fs*1.2
	for si, s := range c.Series {
		var dash []float64
		if si > 0 {
			dash = []float64{4, 2.5}
		}
		t.rule(lx, ly-fs*0.3, lx+fs*2, ly-fs*0.3, 1.2, dash)
		t.label(s.Name, sChart, lx+fs*2.4, 200, ly, 'l')
		ly += fs * 1.4
	}
}

func fmtTick(v, step float64) string {
	d := 0
	if step < 1 {
		d = int(math.Ceil(-math.Log10(step)))
	}
	return num.Fixed(v, d)
}
