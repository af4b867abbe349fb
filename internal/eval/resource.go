package eval

import (
	"fmt"
	"math"

	"github.com/youjun-edu/youjun/internal/standard"
)

// levelResult computes the county values and CVs of one level over its units.
func levelResult(p *standard.Profile, units []Unit, l standard.Level) Level {
	r := &p.Resource
	res := Level{CVLimit: r.CVLimit.Of(l), Indicators: make([]Indicator, len(r.Indicators))}
	var idx []int
	for i := range units {
		u := &units[i]
		if u.Level != l {
			continue
		}
		idx = append(idx, i)
		res.Units++
		res.Students += u.Students
		switch u.Status {
		case Met:
			res.UnitsPassing++
		case NotMet:
			res.UnitsFailing++
		default:
			res.UnitsPending++
		}
	}
	students := make([]float64, 0, len(idx))
	totals := make([]float64, 0, len(idx))
	var cvSum float64
	cvCount := 0
	for k, ind := range r.Indicators {
		t := ind.Threshold(l)
		out := Indicator{ID: ind.ID, Name: ind.Name, Unit: ind.Unit, Threshold: t, Floor: r.FloorRatio * t, CVLimit: res.CVLimit}
		students, totals = students[:0], totals[:0]
		for _, i := range idx {
			v := units[i].Values[k]
			if !v.Valid {
				out.UnitsMissing++
				continue
			}
			if v.Meets {
				out.UnitsMeeting++
			}
			if !v.AboveFloor {
				out.UnitsBelowFloor++
			}
			students = append(students, units[i].Students)
			totals = append(totals, v.Numerator)
			out.Total += v.Numerator
			out.Students += units[i].Students
		}
		scale := 1.0
		if ind.PerHundred {
			scale = 100
		}
		mean, std, cv, ok := WeightedCV(students, totals, scale)
		switch {
		case res.Units == 0:
			out.CVStatus, out.CVNote = NotApplicable, "全县无参评"+l.Chinese()
		case out.UnitsMissing > 0:
			out.CVStatus, out.CVNote = Pending, fmt.Sprintf("%d所学校数据缺失，无法计算", out.UnitsMissing)
		case len(students) < 2:
			out.Value, out.Std = some(mean), some(std)
			out.CVStatus, out.CVNote = NotApplicable, "参评学校不足2所，差异系数无意义"
		case !ok:
			out.Value, out.Std = some(mean), some(std)
			out.CVStatus, out.CVNote = NotMet, "全县值为0，差异系数无法计算"
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
		res.Indicators[k] = out
	}
	if cvCount == len(r.Indicators) {
		res.CompositeCV = some(cvSum / float64(cvCount))
	}
	statuses := []Status{}
	for _, ind := range res.Indicators {
		statuses = append(statuses, ind.CVStatus)
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
