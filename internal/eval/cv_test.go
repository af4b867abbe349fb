package eval

import (
	"math"
	"testing"
)

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

// The worked example of DESIGN §2.3.
func TestWeightedCVWorkedExample(t *testing.T) {
	students := []float64{45, 37, 89, 76, 55}
	books := []float64{279, 137, 935, 160, 402}
	mean, std, cv, ok := WeightedCV(students, books, 1)
	if !ok {
		t.Fatal("CV undefined")
	}
	if !near(mean, 6.334437, 5e-7) || !near(std, 3.263861, 5e-7) || !near(cv, 0.515257, 5e-7) {
		t.Fatalf("mean, S, CV = %.7f, %.7f, %.7f; want 6.334437, 3.263861, 0.515257", mean, std, cv)
	}
}

// The unweighted and n−1 forms differ from the weighted one on the same data: compute them here
// to prove the test above would catch an implementation that used them.
func TestWrongFormsDiffer(t *testing.T) {
	students := []float64{45, 37, 89, 76, 55}
	books := []float64{279, 137, 935, 160, 402}
	var xs []float64
	var sum float64
	for i := range students {
		x := books[i] / students[i]
		xs = append(xs, x)
		sum += x
	}
	m := sum / 5
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	unweighted := math.Sqrt(ss/5) / m
	if !near(unweighted, 0.4888, 5e-5) {
		t.Errorf("unweighted CV = %.5f, want 0.4888", unweighted)
	}
	nMinus1 := math.Sqrt(ss/4) / m
	if !near(nMinus1, 0.5465, 5e-5) {
		t.Errorf("n−1 CV = %.5f, want 0.5465", nMinus1)
	}
	_, _, cv, _ := WeightedCV(students, books, 1)
	if near(cv, unweighted, 1e-2) || near(cv, nMinus1, 1e-2) {
		t.Errorf("weighted CV %.6f should differ from unweighted %.6f and n−1 %.6f", cv, unweighted, nMinus1)
	}
}

func TestWeightedCVUndefined(t *testing.T) {
	tests := []struct {
		name             string
		students, totals []float64
	}{
		{"no units", nil, nil},
		{"one unit", []float64{100}, []float64{500}},
		{"zero mean", []float64{100, 200}, []float64{0, 0}},
	}
	for _, tt := range tests {
		_, _, cv, ok := WeightedCV(tt.students, tt.totals, 1)
		if ok || math.IsNaN(cv) {
			t.Errorf("%s: CV = %v, ok = %v; want undefined and not NaN", tt.name, cv, ok)
		}
	}
}

func TestWeightedCVScale(t *testing.T) {
	// Per-hundred indicators: the CV does not depend on the scale, the mean does.
	s := []float64{200, 300, 500}
	x := []float64{9, 15, 30}
	m1, _, cv1, _ := WeightedCV(s, x, 1)
	m100, _, cv100, _ := WeightedCV(s, x, 100)
	if !near(cv1, cv100, 1e-15) || !near(m100, 100*m1, 1e-12) {
		t.Errorf("scale changed the CV: %v vs %v", cv1, cv100)
	}
	if !near(m100, 5.4, 1e-12) {
		t.Errorf("county value = %v, want 54/1000×100 = 5.4", m100)
	}
}

// DESIGN §2.3: 九年一贯制 with A = 166, B = 210 and 23226 of a split quantity.
func TestSharesNineYear(t *testing.T) {
	p, j := Shares(166, 210, 0, 1, 1.1, 1.32)
	if !near(p, 0.418136, 5e-7) {
		t.Fatalf("primary share = %.7f, want 0.418136", p)
	}
	if !near(23226*p, 9711.63, 0.005) || !near(23226*j, 13514.37, 0.005) {
		t.Errorf("parts = %.2f / %.2f, want 9711.63 / 13514.37", 23226*p, 23226*j)
	}
	if !near(p+j, 1, 1e-15) {
		t.Errorf("shares sum to %v", p+j)
	}
}

func TestSharesCompleteAndTwelveYear(t *testing.T) {
	// 完全中学: junior share 1.1B/(1.1B+1.32C) = B/(B+1.2C).
	_, j := Shares(0, 600, 400, 1, 1.1, 1.32)
	if !near(j, 600/(600+1.2*400), 1e-15) {
		t.Errorf("完全中学 junior share = %v, want %v", j, 600/(600+1.2*400))
	}
	// 十二年一贯制: A/(A+1.1B+1.32C) and 1.1B/(A+1.1B+1.32C).
	p, j := Shares(500, 400, 300, 1, 1.1, 1.32)
	d := 500 + 1.1*400 + 1.32*300
	if !near(p, 500/d, 1e-15) || !near(j, 440/d, 1e-15) {
		t.Errorf("十二年一贯制 shares = %v, %v", p, j)
	}
}

func TestTolerantComparisons(t *testing.T) {
	v := 21.0 / 500 * 100 // 4.2000000000000002 or 4.199999999999999 in float64
	if !meets(v, 4.2, 1e-9) || !meets(4.2, 4.2, 1e-9) {
		t.Error("exactly at the threshold must meet it")
	}
	if meets(4.19, 4.2, 1e-9) || meets(4.2-1e-7, 4.2, 1e-9) {
		t.Error("just below the threshold must not meet it")
	}
	if !within(0.5, 0.5, 1e-9) || within(0.5001, 0.5, 1e-9) {
		t.Error("within is wrong at the limit")
	}
	if below(0.15, 0.15, 1e-9) || !below(0.1499, 0.15, 1e-9) {
		t.Error("below must be strict")
	}
	if roundTo(0.5049, 2) != 0.5 || roundTo(0.505, 2) != 0.51 || roundTo(0.50449, 3) != 0.504 || roundTo(0.123456, 0) != 0.123456 {
		t.Error("roundTo is wrong")
	}
}

// DESIGN §2.3: the 0.85 floors.
func TestFloors(t *testing.T) {
	tests := []struct{ threshold, floor float64 }{
		{4.2, 3.57}, {5.3, 4.505}, {1, 0.85}, {0.9, 0.765}, {4.5, 3.825}, {5.8, 4.93},
		{7.5, 6.375}, {10.2, 8.67}, {2000, 1700}, {2500, 2125}, {2.3, 1.955}, {2.4, 2.04},
	}
	for _, tt := range tests {
		f := 0.85 * tt.threshold
		if !near(f, tt.floor, 1e-12) {
			t.Errorf("floor of %v = %v, want %v", tt.threshold, f, tt.floor)
		}
		if !meets(tt.floor, f, 1e-9) {
			t.Errorf("a value exactly at the floor %v must be accepted", tt.floor)
		}
		if meets(tt.floor-tt.floor*1e-6, f, 1e-9) {
			t.Errorf("a value just below the floor %v must be rejected", tt.floor)
		}
	}
}
