package eval

import (
	"fmt"
	"math"
	"strings"

	"github.com/youjun-edu/youjun/internal/standard"
)

// levelResult computes the county values and CVs of one level over its units; table names the
// school table, where the indicators' findings point.
func levelResult(p *standard.Profile, units []Unit, l standard.Level, table string) Level {
	r := &p.Resource
	res := Level{CVLimit: r.CVLimit.Of(l), Indicators: make([]Indicator, len(r.Indicators))}
	var idx []int
	var students float64
	for i := range units {
		u := &units[i]
		if u.Level != l {
			continue
		}
		idx = append(idx, i)
		res.Units++
		students += u.Students
		switch u.Status {
		case Met:
			res.UnitsPassing++
		case NotMet:
			res.UnitsFailing++
		default:
			res.UnitsPending++
		}
	}
	res.Students = Sum(students)
	if !finite(students) {
		res.Reason = "在校生数合计" + Overflow + "，无法计算"
	}
	n := len(r.Indicators)
	scales := make([]float64, n)
	acc := make([]cvAccumulator, n)
	bad := make([]int, n) // units whose value could not be computed
	for k, ind := range r.Indicators {
		t := ind.Threshold(l)
		res.Indicators[k] = Indicator{ID: ind.ID, Name: ind.Name, Unit: ind.Unit, Threshold: t, Floor: r.FloorRatio * t, CVLimit: res.CVLimit,
			floorRatio: r.FloorRatio, floorNote: floorNote(r.FloorRatio, t, ind.Unit), source: Source{File: table}}
		scales[k] = 1
		if ind.PerHundred {
			scales[k] = 100
		}
	}
	// Two passes over the units: totals and counts, then the deviations from the county value.
	for _, i := range idx {
		u := &units[i]
		for k, v := range u.Values.list {
			out := &res.Indicators[k]
			if !v.valid && out.source.Line == 0 {
				// The first school that keeps the value from being computed.
				out.source = Source{File: table, Line: u.Row, Column: u.Values.value(k).column}
			}
			if u.Values.reason(k) != "" {
				bad[k]++
				continue
			}
			if !v.valid {
				out.UnitsMissing++
				continue
			}
			if v.meets {
				out.UnitsMeeting++
			}
			if !v.aboveFloor {
				out.UnitsBelowFloor++
			}
			acc[k].add(u.Students, v.numerator)
		}
	}
	for _, i := range idx {
		u := &units[i]
		for k, v := range u.Values.list {
			if v.valid {
				acc[k].addDeviation(u.Students, v.numerator, scales[k])
			}
		}
	}
	var cvSum float64
	cvCount := 0
	for k := range r.Indicators {
		out := &res.Indicators[k]
		out.Total, out.Students = Sum(acc[k].total), Sum(acc[k].students)
		mean, std, cv, ok := acc[k].result(scales[k])
		if !finite(mean) || !finite(std) || !finite(cv) {
			// Absurd but finite figures overflow the sums or the squares: compute again in
			// units of the largest value, which cannot overflow.
			mean, std, cv, ok = scaledCV(units, idx, k)
		}
		var reasons []string
		if !finite(acc[k].total) || !finite(acc[k].students) {
			reasons = append(reasons, "各校合计"+Overflow)
		}
		if !finite(mean) || !finite(std) {
			reasons = append(reasons, "全县值或标准差"+Overflow+"，无法计算")
		}
		if len(reasons) > 0 {
			out.ValueReason = strings.Join(reasons, "；") + "（请核对各校数据）"
		}
		out.ValueStatus = NotApplicable
		if r.CountyMustMeet && res.Units > 0 {
			// Hunan: the county value must reach the threshold too.
			out.ValueStatus = Pending
			if out.UnitsMissing == 0 && acc[k].students > 0 {
				out.ValueStatus = NotMet
				if meets(mean, out.Threshold, r.Tolerance) {
					out.ValueStatus = Met
				}
			}
		}
		if out.ValueStatus == Met && !finite(mean) {
			out.ValueStatus = Pending
		}
		switch {
		case res.Units == 0:
			out.CVStatus, out.CVNote = NotApplicable, "全县无参评"+l.Chinese()
		case out.UnitsMissing > 0:
			out.CVStatus, out.CVNote = Pending, fmt.Sprintf("%d所学校数据缺失，无法计算", out.UnitsMissing)
			if bad[k] > 0 {
				out.CVNote = fmt.Sprintf("%d所学校数据缺失、%d所学校数值无法计算，差异系数无法计算", out.UnitsMissing, bad[k])
			}
		case bad[k] > 0:
			out.CVStatus, out.CVNote = Pending, fmt.Sprintf("%d所学校的数值无法计算（%s），差异系数无法计算（请核对这些学校的数据）", bad[k], Overflow)
			out.ValueReason = out.CVNote
			none := Opt{Reason: Overflow}
			out.Value, out.Std, out.CV = none, none, none
			if out.ValueStatus != NotApplicable {
				out.ValueStatus = Pending
			}
		case acc[k].n < 2:
			out.Value, out.Std = some(mean), some(std)
			out.CVStatus, out.CVNote = NotApplicable, "参评学校不足2所，差异系数无意义"
		case !ok:
			out.Value, out.Std = some(mean), some(std)
			out.CVStatus, out.CVNote = NotMet, "全县值为0，差异系数无法计算"
		case !finite(cv):
			out.Value, out.Std, out.CV = some(mean), some(std), some(cv)
			out.CVStatus, out.CVNote = Pending, "差异系数"+Overflow+"，无法计算（请核对各校数据）"
		default:
			out.Value, out.Std, out.CV = some(mean), some(std), some(cv)
			out.CVOK = within(roundTo(cv, r.CVDecimals), out.CVLimit, r.Tolerance)
			out.CVCritical = math.Abs(cv-out.CVLimit) < r.CVCriticalBand
			out.CVStatus = NotMet
			if out.CVOK {
				out.CVStatus = Met
			}
			cvSum += cv
			cvCount++
		}
	}
	if cvCount == len(r.Indicators) {
		res.CompositeCV = some(cvSum / float64(cvCount))
	}
	statuses := []Status{}
	if res.Units > 0 && !finite(students) {
		statuses = append(statuses, Pending)
	}
	for _, ind := range res.Indicators {
		statuses = append(statuses, ind.CVStatus, ind.ValueStatus)
	}
	if res.UnitsFailing > 0 {
		statuses = append(statuses, NotMet)
	}
	if res.UnitsPending > 0 {
		statuses = append(statuses, Pending)
	}
	if res.Units > 0 && res.UnitsFailing == 0 && res.UnitsPending == 0 {
		statuses = append(statuses, Met)
	}
	res.Status = combine(statuses...)
	return res
}
