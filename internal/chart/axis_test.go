package chart

import "testing"

func TestAxis(t *testing.T) {
	for _, tt := range []struct{ top, headroom, step, max float64 }{
		{0, 1.05, 1, 1},         // no data: one step of 1
		{7, 1.02, 2, 8},         // 1.4 rounds up to 2; 7.14 to 4 steps
		{23, 1.05, 5, 25},       // 4.6 rounds up to 5
		{100, 1.05, 20, 120},    // 105 needs a sixth step
		{2400, 1.02, 500, 2500}, // 480 rounds up to 500
	} {
		step, max := Axis(tt.top, tt.headroom)
		if step != tt.step || max != tt.max {
			t.Errorf("Axis(%v, %v) = %v, %v; want %v, %v", tt.top, tt.headroom, step, max, tt.step, tt.max)
		}
	}
}

// A chart's top is its longest stack, bar or line, and the whole chart's for a part.
func TestTop(t *testing.T) {
	c := &Chart{
		Categories: []string{"甲", "乙"},
		Series: []Series{
			{Name: "达标", Stack: "s", Values: []float64{3, 4}},
			{Name: "未达标", Stack: "s", Values: []float64{5, 1}},
			{Name: "合计", Values: []float64{6, 2}},
		},
	}
	if got := c.Top(); got != 8 {
		t.Errorf("stacked top = %v, want 8 (3+5)", got)
	}
	c.Lines = []Line{{Name: "标准", Value: 9}}
	if got := c.Top(); got != 9 {
		t.Errorf("top with a line = %v, want 9", got)
	}
	c.ValueMax = 12
	if got := c.Top(); got != 12 {
		t.Errorf("top of a part = %v, want the whole chart's 12", got)
	}
}
