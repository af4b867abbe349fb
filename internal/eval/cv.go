package eval

import "math"

// WeightedCV returns the size-weighted coefficient of variation of the values x[i] = totals[i] /
// students[i] (DESIGN §2.3): mean = Σtotals / Σstudents, S = sqrt(Σ (P_i/P)(X_i − mean)²) in the
// population form, CV = S / mean. scale multiplies every X_i (100 for per-hundred indicators).
// ok is false when the CV is undefined: fewer than two units, or a mean of zero.
func WeightedCV(students, totals []float64, scale float64) (mean, std, cv float64, ok bool) {
	var a cvAccumulator
	for i := range students {
		a.add(students[i], totals[i])
	}
	for i := range students {
		a.addDeviation(students[i], totals[i], scale)
	}
	return a.result(scale)
}

// cvAccumulator computes WeightedCV in two passes over units without storing their values:
// add every unit, then addDeviation every unit, then result.
type cvAccumulator struct {
	n        int
	students float64 // P = Σ P_i
	total    float64 // Σ x_i
	variance float64 // Σ (P_i/P)(X_i − mean)², after the second pass
}

func (a *cvAccumulator) add(students, total float64) {
	a.n++
	a.students += students
	a.total += total
}

func (a *cvAccumulator) mean(scale float64) float64 { return a.total / a.students * scale }

func (a *cvAccumulator) addDeviation(students, total, scale float64) {
	d := total/students*scale - a.mean(scale)
	a.variance += students / a.students * d * d
}

func (a *cvAccumulator) result(scale float64) (mean, std, cv float64, ok bool) {
	if a.students == 0 {
		return 0, 0, 0, false
	}
	mean = a.mean(scale)
	std = math.Sqrt(a.variance)
	if a.n < 2 || mean == 0 {
		return mean, std, 0, false
	}
	return mean, std, std / mean, true
}

// scaledCV computes what WeightedCV does for indicator k over the units idx, with every value
// divided by the largest value and every weight by the largest weight first, so that neither the
// sums nor the squares overflow however large the (finite) values are. It is used only when the
// direct computation overflowed: on ordinary figures the two differ in the last bits, and the
// direct one is what the published figures have always been.
func scaledCV(units []Unit, idx []int, k int) (mean, std, cv float64, ok bool) {
	var maxV, maxP float64
	n := 0
	for _, i := range idx {
		v := units[i].Values.list[k]
		if !v.valid {
			continue
		}
		n++
		maxV = max(maxV, math.Abs(v.value))
		maxP = max(maxP, units[i].Students)
	}
	if n == 0 || maxP == 0 || !finite(maxV) || !finite(maxP) {
		return math.NaN(), math.NaN(), math.NaN(), false
	}
	if maxV == 0 {
		maxV = 1
	}
	var w, m float64 // Σ weights, Σ weight × scaled value
	for _, i := range idx {
		if v := units[i].Values.list[k]; v.valid {
			p := units[i].Students / maxP
			w += p
			m += p * (v.value / maxV)
		}
	}
	m /= w
	var variance float64
	for _, i := range idx {
		if v := units[i].Values.list[k]; v.valid {
			d := v.value/maxV - m
			variance += units[i].Students / maxP / w * d * d
		}
	}
	s := math.Sqrt(variance)
	mean, std = m*maxV, s*maxV
	if n < 2 || m == 0 {
		return mean, std, 0, false
	}
	return mean, std, s / m, true
}

// Shares returns the share of the split quantities that goes to the primary and junior parts of
// a campus with a primary, b junior and c senior students, weighted w (1 / 1.1 / 1.32 nationally):
// primary a·wp / (a·wp + b·wj + c·ws), junior b·wj / (…). The senior share is dropped.
func Shares(a, b, c, wp, wj, ws float64) (primary, junior float64) {
	total := a*wp + b*wj + c*ws
	if total == 0 {
		return 0, 0
	}
	if !finite(total) {
		// Absurd counts overflow the sum; the same shares in units of the largest count.
		m := max(a, b, c)
		a, b, c = a/m, b/m, c/m
		total = a*wp + b*wj + c*ws
	}
	return a * wp / total, b * wj / total
}

// meets reports v ≥ t with a relative tolerance, so that 21/500×100 meets 4.2.
func meets(v, t, tol float64) bool { return v >= t-tol*math.Abs(t) }

// within reports v ≤ t with a relative tolerance.
func within(v, t, tol float64) bool { return v <= t+tol*math.Abs(t) }

// below reports v < t strictly: a value equal to t within the tolerance is not below it.
func below(v, t, tol float64) bool { return v < t-tol*math.Abs(t) }

// roundTo rounds half away from zero at the given number of decimals (0: no rounding).
func roundTo(v float64, decimals int) float64 {
	if decimals <= 0 {
		return v
	}
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}
