package chart

import "math"

// Top is the value a chart's value axis must reach: its longest bar (a stack's sum), its highest
// reference line and, for a part of a chart (Parts), the largest value of the whole chart, so
// that the parts share their scale; at least 0.
func (c *Chart) Top() float64 {
	top := c.ValueMax
	for i := range c.Categories {
		stack := 0.0
		for _, s := range c.Series {
			if i < len(s.Values) {
				if s.Stack != "" {
					stack += s.Values[i]
				} else {
					top = max(top, s.Values[i])
				}
			}
		}
		top = max(top, stack)
	}
	for _, l := range c.Lines {
		top = max(top, l.Value)
	}
	return top
}

// Axis is a value axis for data up to top with some headroom (1.05 = 5%): its step between
// ticks, a round number, and its maximum, a whole number of steps (1 when there is no data).
// The PDF and the Word document draw their figures on it, so that the two show the same scale.
func Axis(top, headroom float64) (step, max float64) {
	step = niceStep(top / 5)
	max = math.Ceil(top*headroom/step) * step
	if max == 0 {
		max = 1
	}
	return step, max
}

// niceStep rounds a tick step to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}
