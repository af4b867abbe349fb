// Package eval evaluates a county against a profile (DESIGN §2): it splits campuses into units,
// computes the seven resource values of each unit, the county values and size-weighted CVs, judges
// the G/Q/S/V/P items and draws the conclusion. It is pure: no I/O, no clock, no globals that
// change; the same input always gives the same Result.
package eval

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Input is what an evaluation needs.
type Input struct {
	Profile *standard.Profile
	County  *data.County
	Name    string // county name, for the result only
	Year    int    // 评估年度; 0 when unknown (P1 and P2 are then 待补充)
	// LocalTargets are the county's own stricter numbers, by path (R6.primary,
	// Q2.disabled_enrolment_rate); they are judged beside the profile's verdict, never in its place.
	LocalTargets map[string]float64
}

type context struct {
	p      *standard.Profile
	county *data.County
	table  *data.Table
	year   int
	res    *Result
	// judged holds the outcome of every school rule's check on every school, by item, from
	// one pass over the schools for all rules rather than a pass per rule.
	judged map[*standard.Item]*schoolOutcomes
}

// Evaluate runs the whole evaluation.
func Evaluate(in Input) *Result {
	p := in.Profile
	res := &Result{Profile: p.ID, ProfileName: p.Name, County: in.Name, Year: in.Year,
		Units: []Unit{}, Excluded: []Excluded{}, Failures: []Finding{}, Pending: []Finding{}, Warnings: []string{}}
	table := in.County.Table
	res.Units, res.Excluded = SplitUnits(p, table.Schools)
	if res.Excluded == nil {
		res.Excluded = []Excluded{}
	}
	n := len(p.Resource.Indicators)
	ids := make([]string, n)
	measures := make([]measure, n)
	for k, ind := range p.Resource.Indicators {
		ids[k], measures[k] = ind.ID, measuresByName[ind.Measure]
		if measures[k] == nil {
			measures[k] = unknownMeasure
		}
	}
	values := make([]valueCell, n*len(res.Units)) // one allocation for all units' values
	vt := newValueTable(ids)
	// The units are independent: compute them in as many parts as there are cores, each with
	// its own warnings, which are then joined in the units' order as a serial loop has them.
	warns := make([]diag.List, parts(len(res.Units)))
	inParts(len(res.Units), func(k, lo, hi int) {
		hints := make([]columnHint, n)
		for i := lo; i < hi; i++ {
			u := &res.Units[i]
			u.Values = Values{t: vt, list: values[i*n : (i+1)*n : (i+1)*n]}
			unitValues(p, measures, u, &table.Schools[u.school], &warns[k], table.File, hints)
		}
	})
	for _, w := range warns {
		res.warnings = append(res.warnings, w...)
	}
	var wg sync.WaitGroup // the levels at once, each on a core
	for _, l := range standard.Levels {
		wg.Go(func() { *res.Resource.Of(l) = levelResult(p, res.Units, l, table.File) })
	}
	wg.Wait()

	c := &context{p: p, county: in.County, table: table, year: in.Year, res: res}
	c.judged = judgeSchools(c)
	for i := range p.Items {
		it := &p.Items[i]
		var item Item
		switch {
		case it.SameAs != "":
			continue // judged after the item it copies
		case it.Kind == standard.KindB:
			item = scoredItem(p, it, in.County.Figures)
		case it.Rule != "":
			item = judgeRule(c, it)
		default:
			item = figureItem(p, it, in.County.Figures, in.Year)
		}
		res.Items = append(res.Items, item)
	}
	for i := range p.Items {
		it := &p.Items[i]
		if it.SameAs == "" {
			continue
		}
		src, _ := res.Item(it.SameAs)
		item := *src
		item.ID, item.Dimension, item.Name, item.Short, item.Owners = it.ID, it.Dimension, it.Name, it.Short, it.Owners
		item.Summary = "同" + it.SameAs + "：" + src.Summary
		res.Items = insertInOrder(p, res.Items, item)
	}
	scoreB(p, res)
	conclude(res, table.File)
	res.Dimensions = dimensions(p, res)
	res.LocalTargets = localTargets(p, res, in.LocalTargets)
	privateSchools(c)
	relaxations(c)
	for _, w := range res.warnings {
		res.Warnings = append(res.Warnings, w.String())
	}
	for _, it := range res.Items {
		for _, w := range it.Warnings {
			res.Warnings = append(res.Warnings, it.ID+" "+it.Short+"："+w)
		}
	}
	return res
}

// unitsPerPart is the fewest units (or schools) worth a goroutine of their own.
const unitsPerPart = 4096

// parts is how many parts inParts cuts n units into: one per core, none smaller than unitsPerPart.
func parts(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n/unitsPerPart)) }

// inParts calls f for each of parts(n) consecutive ranges [lo, hi) of n units at once, and
// returns when all are done. f must write only to what belongs to its range or its part k.
func inParts(n int, f func(k, lo, hi int)) {
	m := parts(n)
	var wg sync.WaitGroup
	for k := range m {
		wg.Go(func() { f(k, k*n/m, (k+1)*n/m) })
	}
	wg.Wait()
}

// insertInOrder places item where the profile lists it.
func insertInOrder(p *standard.Profile, items []Item, item Item) []Item {
	pos := map[string]int{}
	for i, it := range p.Items {
		pos[it.ID] = i
	}
	at := len(items)
	for i, x := range items {
		if pos[x.ID] > pos[item.ID] {
			at = i
			break
		}
	}
	items = append(items, Item{})
	copy(items[at+1:], items[at:])
	items[at] = item
	return items
}

// conclude draws the overall conclusion (DESIGN §2.6) and lists what fails and what lacks data:
// any failure ⇒ 未达到; otherwise any missing data ⇒ 待补充; only then 达到. Each finding
// takes its source from the result it sums up; table is the school table's name.
func conclude(res *Result, table string) {
	conclusion := NotApplicable
	// The units' findings are most of them: make room for those once.
	var failing, pending int
	for i := range res.Units {
		switch res.Units[i].Status {
		case NotMet:
			failing++
		case Pending:
			pending++
		}
	}
	res.Failures = slices.Grow(res.Failures, failing+32)
	res.Pending = slices.Grow(res.Pending, pending+32)
	add := func(st Status, f Finding) {
		conclusion = combine(conclusion, st)
		f.Status = st
		switch st {
		case NotMet:
			res.Failures = append(res.Failures, f)
		case Pending:
			res.Pending = append(res.Pending, f)
		}
	}
	for _, l := range standard.Levels {
		lr := res.Resource.Of(l)
		for _, ind := range lr.Indicators {
			if ind.ValueStatus == NotMet || ind.ValueStatus == Pending {
				msg := fmt.Sprintf("%s%s全县值%s，低于标准%s", l.Chinese(), ind.Name, withUnit(ind.Value.V, ind.Unit), withUnit(ind.Threshold, ind.Unit))
				if !ind.Value.OK {
					msg = fmt.Sprintf("%s%s全县值无法计算", l.Chinese(), ind.Name)
					if ind.ValueReason != "" {
						msg += "：" + ind.ValueReason
					}
				}
				add(ind.ValueStatus, Finding{Kind: FindingValue, ID: ind.ID, Level: string(l), Message: msg, Source: ind.source})
			}
			msg := fmt.Sprintf("%s%s差异系数", l.Chinese(), ind.Name)
			switch ind.CVStatus {
			case NotMet:
				if ind.CV.OK {
					msg += num.Fixed(ind.CV.V, 3) + "，超过" + num.Short(ind.CVLimit)
				} else {
					msg += "：" + ind.CVNote
				}
			case Pending:
				msg += "：" + ind.CVNote
			}
			add(ind.CVStatus, Finding{Kind: FindingCV, ID: ind.ID, Level: string(l), Message: msg, Source: ind.source})
		}
	}
	// The units' messages are written in parts on every core, then added in order.
	msgs := make([]string, len(res.Units))
	texts := map[standard.Level][]failureText{}
	for _, l := range standard.Levels {
		texts[l] = failureTexts(res.Resource.Of(l))
	}
	inParts(len(res.Units), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			u := &res.Units[i]
			msgs[i] = unitMessage(u, res.Resource.Of(u.Level), texts[u.Level])
		}
	})
	for i := range res.Units {
		u := &res.Units[i]
		add(u.Status, Finding{Kind: FindingUnit, ID: "R", Level: string(u.Level), Code: u.Code, Row: u.Row, Message: msgs[i], Source: u.source})
	}
	if len(res.Units) == 0 {
		add(Pending, Finding{Kind: FindingUnit, ID: "R", Message: "没有参评学校", Source: Source{File: table}})
	}
	if b := res.BScores; b != nil && b.Total.OK && b.Total.V < b.TotalMin {
		add(NotMet, Finding{Kind: FindingB, ID: "B", Message: fmt.Sprintf("B 类指标总分%s分，低于%s分", num.Short(b.Total.V), num.Short(b.TotalMin)),
			Source: Source{File: data.FiguresFile}})
	}
	var eligibility []Status
	for _, it := range res.Items {
		msg := fmt.Sprintf("%s %s：%s", it.ID, it.Short, it.Summary)
		if it.Dimension == standard.DimEligibility {
			eligibility = append(eligibility, it.Status)
			continue
		}
		if it.Dimension == standard.DimVeto && it.Status == NotMet {
			msg = fmt.Sprintf("%s 不予认定事项：%s", it.ID, it.Name)
		}
		add(it.Status, Finding{Kind: FindingItem, ID: it.ID, Message: msg, Source: it.source})
	}
	res.Conclusion = conclusion
	if res.Conclusion == NotApplicable {
		res.Conclusion = Pending
	}
	res.Eligibility = combine(eligibility...)
	if res.Eligibility == NotApplicable {
		res.Eligibility = Pending
	}
}

// unitMessage says why a unit fails or is pending, or "" when it does neither. texts are its
// level's failureTexts.
func unitMessage(u *Unit, lr *Level, texts []failureText) string {
	switch u.Status {
	case NotMet:
		return unitFailure(u, lr, texts)
	case Pending:
		var why []string
		if len(u.Missing) > 0 {
			why = append(why, strings.Join(quoteAll(u.Missing), "")+"未填")
		}
		if u.Reason != "" {
			why = append(why, u.Reason)
		}
		return u.Name + "：" + strings.Join(why, "；")
	}
	return ""
}

// failureText is what a unit's shortfall in one indicator says around the unit's value: made
// once per level, as it is the same for every unit.
type failureText struct {
	head              string // "R1 生均… "
	below, belowFloor string // "，低于标准4.2人", and with "的85%（3.57人）" after it
}

func failureTexts(lr *Level) []failureText {
	out := make([]failureText, len(lr.Indicators))
	for i, ind := range lr.Indicators {
		below := "，低于标准" + withUnit(ind.Threshold, ind.Unit)
		out[i] = failureText{head: ind.ID + " " + ind.Name + " ", below: below,
			belowFloor: below + ind.floorNote}
	}
	return out
}

// unitFailure says why a unit fails: how many indicators it meets and each shortfall.
func unitFailure(u *Unit, lr *Level, texts []failureText) string {
	b := make([]byte, 0, 256)
	b = append(b, u.Name...)
	b = append(b, "："...)
	b = strconv.AppendInt(b, int64(u.Met), 10)
	b = append(b, "项达到标准；"...)
	first := true
	for i, v := range u.Values.list {
		if !v.valid || v.meets {
			continue
		}
		if !first {
			b = append(b, "；"...)
		}
		first = false
		b = append(b, texts[i].head...)
		b = append(b, withUnit(v.value, lr.Indicators[i].Unit)...)
		if v.aboveFloor {
			b = append(b, texts[i].below...)
		} else {
			b = append(b, texts[i].belowFloor...)
		}
	}
	return string(b)
}

// floorNote states the floor of a threshold for a unit's message, "的85%（1.955间）": with every
// digit it has, as 85% of 2.3 is 1.955, not the 1.95 that rounding the float64 product
// 1.9549999999999998 would give.
func floorNote(ratio, threshold float64, unit string) string {
	return "的" + num.Product(ratio, 100) + "%（" + num.Product(ratio, threshold) + unit + "）"
}

// withUnit writes a number of a message with its unit, as 公文 do: 2050元, 4.2人.
func withUnit(x float64, unit string) string {
	s := num.Short(x)
	if !num.Finite(x) {
		return s // 无法计算 takes no unit
	}
	return s + unit
}

// scoreB totals the scored items and grades the total once every one is scored.
func scoreB(p *standard.Profile, res *Result) {
	if !p.HasB() {
		return
	}
	b := &BScores{Points: 100, TotalMin: p.B.Total, ItemRatio: p.B.ItemRatio}
	total, complete := 0.0, true
	var statuses []Status
	for _, it := range res.Items {
		if it.Kind != standard.KindB {
			continue
		}
		b.Items = append(b.Items, it.ID)
		statuses = append(statuses, it.Status)
		if it.Score == nil || !it.Score.OK {
			complete = false
			continue
		}
		total += it.Score.V
	}
	b.Status = combine(statuses...)
	if complete {
		b.Total = some(total)
		if !meets(total, p.B.Total, p.Resource.Tolerance) {
			b.Status = NotMet
		}
		if b.Status == Met {
			res.Grade = p.B.Grade(total, p.Resource.Tolerance)
		}
	}
	res.BScores = b
}

// dimensions sums up each group of items, resource first.
func dimensions(p *standard.Profile, res *Result) []Dimension {
	resource := Dimension{ID: standard.DimResource, Name: p.DimensionName(standard.DimResource)}
	var rs []Status
	for _, l := range standard.Levels {
		rs = append(rs, res.Resource.Of(l).Status)
	}
	resource.Status = combine(rs...)
	for _, ind := range p.Resource.Indicators {
		resource.Items = append(resource.Items, ind.ID)
	}
	for _, u := range res.Units {
		countStatus(&resource, u.Status)
	}
	out := []Dimension{resource}
	for _, d := range p.Dimensions {
		dim := Dimension{ID: d.ID, Name: d.Name, Items: []string{}}
		var ss []Status
		for _, it := range res.Items {
			if it.Dimension == d.ID {
				dim.Items = append(dim.Items, it.ID)
				ss = append(ss, it.Status)
				countStatus(&dim, it.Status)
			}
		}
		dim.Status = combine(ss...)
		out = append(out, dim)
	}
	return out
}

func countStatus(d *Dimension, s Status) {
	switch s {
	case Met:
		d.Met++
	case NotMet:
		d.NotMet++
	case Pending:
		d.Pending++
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "「" + s + "」"
	}
	return out
}
