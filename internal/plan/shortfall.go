package plan

import (
	"cmp"
	"math"
	"slices"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// unitPlans lists the units with a shortfall or missing data, in the evaluation's order.
func (pl *planner) unitPlans() []UnitPlan {
	out := []UnitPlan{}
	res := pl.Result
	for i := range res.Units {
		u := &res.Units[i]
		up := UnitPlan{Code: u.Code, Name: u.Name, Row: u.Row, Level: u.Level, Students: u.Students, Split: u.Split, Share: u.Share,
			Status: u.Status, Shortfalls: []Shortfall{}, Pass: []Action{}}
		gaps := make([]gap, u.Values.Len())
		for k := range gaps {
			gaps[k] = pl.gap(u, k)
			if g := gaps[k]; g.short.Reason != "" || g.threshold > 0 {
				up.Shortfalls = append(up.Shortfalls, g.short)
			}
		}
		if len(up.Shortfalls) == 0 {
			continue
		}
		if u.Status != eval.Met {
			up.Pass, up.PassCost, up.Reason = pl.pass(u, gaps)
		}
		out = append(out, up)
	}
	return out
}

// gap is a unit's shortfall on one indicator with what pass needs to weigh it.
type gap struct {
	short            Shortfall
	q                quantity
	ind              *standard.Indicator
	floor, threshold float64 // whole-school amounts
	need             float64 // the numerator the threshold requires, for weighing amounts without costs
}

// gap computes the shortfall of unit u on the k-th indicator: the smallest whole-school
// additions, in purchasable steps, after which eval's own comparison says the unit's value
// reaches the floor and the threshold. For a split campus the unit receives only its share of
// what the campus adds, so the campus adds share⁻¹ times the unit's lack, rounded up to a step.
func (pl *planner) gap(u *eval.Unit, k int) gap {
	r := &pl.Profile.Resource
	ind := &r.Indicators[k]
	_, v := u.Values.At(k)
	t := ind.Threshold(u.Level)
	q, known := quantities[ind.Measure]
	g := gap{q: q, ind: ind}
	g.short = Shortfall{Indicator: ind.ID, Name: ind.Name, Kind: q.kind, Unit: q.kind.Unit(), Threshold: t, Floor: r.FloorRatio * t,
		ValueUnit: ind.Unit, Owners: ind.Owners}
	switch {
	case !v.Valid:
		g.short.Reason = v.Reason
		if g.short.Reason == "" {
			g.short.Reason = "数据缺失，无法计算差额"
			if known && !q.cell(pl.school(u), u.Level).Valid {
				g.short.Reason = "「" + q.header(u.Level) + "」未填，无法计算差额"
			}
		}
		return g
	case !known:
		g.short.Value = eval.Opt{V: v.Value, OK: true}
		g.short.Reason = "该指标的计算方法「" + ind.Measure + "」无法折算为可增加的数量"
		return g
	}
	g.short.Value = eval.Opt{V: v.Value, OK: true}
	scale := 1.0
	if ind.PerHundred {
		scale = 100
	}
	g.need = t * u.Students / scale
	step := pl.Options.step(q.kind)
	g.floor = amount(addition(u, v.Numerator, q, scale, r.FloorRatio*t, r.Tolerance, step), step)
	g.threshold = amount(addition(u, v.Numerator, q, scale, t, r.Tolerance, step), step)
	g.short.ToFloor = eval.Opt{V: g.floor, OK: true}
	g.short.ToThreshold = eval.Opt{V: g.threshold, OK: true}
	return g
}

// addition returns the fewest steps a campus adds so that unit u's value, computed as eval
// computes it (numerator ÷ students × scale, compared with the profile's tolerance), reaches t.
func addition(u *eval.Unit, numerator float64, q quantity, scale, t, tol, step float64) int {
	per := step * q.yuan // numerator units one step adds to the campus
	if q.split {
		per *= u.Share
	}
	ok := func(k int) bool {
		v := (numerator + float64(k)*per) / u.Students * scale
		return v >= t-tol*math.Abs(t) // eval's meets
	}
	if ok(0) || per <= 0 {
		return 0
	}
	k := max(0, int(math.Ceil((t*u.Students/scale-numerator)/per)))
	for k > 0 && ok(k-1) {
		k--
	}
	for !ok(k) {
		k++
	}
	return k
}

// pass returns the cheapest additions that make the unit pass: at least min_met indicators at
// their thresholds and every other at its floor. The cost of reaching the floor is paid
// anyway; choosing which min_met indicators go on to the threshold is then a choice of the
// min_met smallest extra costs, which sorting finds exactly. Without every unit cost the extra
// is weighed as a share of what the threshold requires (a tenth of R4's need weighs as much as a
// tenth of R1's), as 平方米 and 人 do not add up.
func (pl *planner) pass(u *eval.Unit, gaps []gap) ([]Action, eval.Opt, string) {
	for _, g := range gaps {
		if g.short.Reason != "" {
			return []Action{}, eval.Opt{}, "有数据缺失或无法计算的指标，无法计算达标所需（缺失数据不按达标计）"
		}
	}
	costed := true
	for _, g := range gaps {
		if _, ok := pl.Options.unitCost(g.q.kind); !ok && g.threshold > 0 {
			costed = false
		}
	}
	weigh := func(g gap, amt float64) float64 {
		if costed {
			c, _ := pl.Options.unitCost(g.q.kind)
			return amt * c
		}
		per := g.q.yuan
		if g.q.split {
			per *= u.Share
		}
		return amt * per / g.need
	}
	order := make([]int, len(gaps))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ga, gb := gaps[a], gaps[b]
		return cmp.Compare(weigh(ga, ga.threshold)-weigh(ga, ga.floor), weigh(gb, gb.threshold)-weigh(gb, gb.floor))
	})
	toThreshold := make([]bool, len(gaps))
	for _, k := range order[:pl.Profile.Resource.MinMet] {
		toThreshold[k] = true
	}
	var actions []Action
	total := eval.Opt{OK: true}
	for k, g := range gaps {
		amt, why := g.floor, ToFloor
		if toThreshold[k] {
			amt, why = g.threshold, ToThreshold
		}
		if amt == 0 {
			continue
		}
		a := pl.action(u, g.ind, g.q, amt, why)
		actions = append(actions, a)
		total.V += a.Cost.V
		total.OK = total.OK && a.Cost.OK
	}
	if !total.OK {
		total = eval.Opt{}
	}
	return actions, total, ""
}

// passActions are the unit passes taken together: the two units of a split campus may both need
// area, equipment or rooms for one indicator, and what the campus builds serves both, so the
// campus builds the larger of the two.
func passActions(units []UnitPlan) []Action {
	type key struct {
		row       int
		indicator string
		level     standard.Level
	}
	at := map[key]int{}
	out := []Action{}
	for _, u := range units {
		for _, a := range u.Pass {
			k := key{a.Row, a.Indicator, a.Level}
			i, seen := at[k]
			if !seen {
				at[k] = len(out)
				out = append(out, a)
				continue
			}
			if a.Amount > out[i].Amount {
				out[i].Amount, out[i].Cost = a.Amount, a.Cost
			}
			if a.Purpose == ToThreshold {
				out[i].Purpose = ToThreshold
			}
		}
	}
	return out
}
