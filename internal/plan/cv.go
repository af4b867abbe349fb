package plan

import (
	"cmp"
	"math"
	"slices"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// CVPlan is the plan of one resource indicator's 差异系数 at both levels. The levels are planned
// together: what a 九年一贯制 campus builds is shared by its primary and junior units, so it
// moves both CVs, and a plan for one level must not push the other over its target.
type CVPlan struct {
	Indicator string    `json:"indicator"`
	Name      string    `json:"name"`
	Kind      Kind      `json:"kind"`
	Unit      string    `json:"unit"` // of the amounts
	Levels    []CVLevel `json:"levels"`
	Needed    bool      `json:"needed"` // some level is above its target
	Actions   []Action  `json:"actions"`
	Total     float64   `json:"total"` // Σ amounts
	Cost      eval.Opt  `json:"cost"`  // 元; null without the unit cost
	Reason    string    `json:"reason,omitempty"`
}

// CVLevel is one level's CV with each unit's part in it.
type CVLevel struct {
	Level    standard.Level `json:"level"`
	CV       eval.Opt       `json:"cv"`
	Limit    float64        `json:"limit"`
	Target   float64        `json:"target"` // limit − margin
	Status   eval.Status    `json:"status"` // eval's verdict on the CV
	Critical bool           `json:"critical"`
	Needed   bool           `json:"needed"` // CV ≥ target
	// Passed is the CV once every unit's way to pass is carried out, which the CV plan starts from.
	Passed eval.Opt `json:"passed"`
	After  eval.Opt `json:"after"` // the CV once the passes and the actions are carried out
	Reason string   `json:"reason,omitempty"`
	// Contributions are each unit's part of the weighted variance, in the evaluation's order.
	Contributions []Contribution `json:"contributions"`
}

// Contribution is one unit's part of a weighted variance: (P_i/P)(X_i − X̄)² ÷ Σ.
type Contribution struct {
	Code  string  `json:"code"`
	Name  string  `json:"name"`
	Value float64 `json:"value"` // X_i in the indicator's unit
	Share float64 `json:"share"` // 0–1; the shares of a level add up to 1
	Below bool    `json:"below"` // below the county value: raising it lowers the CV
}

// cvLevel is the state of one level during planning.
type cvLevel struct {
	out         *CVLevel
	active      bool      // its CV is computable: it is a constraint
	units       []int     // indices into Result.Units
	students, x []float64 // P_i and the numerator x_i as planned so far
	base        []float64 // x_i before the plan
	scale, c    float64   // ×100 or 1; the target with a hair of room so that CV < target is strict
	s0, s1, s2  float64   // ΣP, Σx, Σx²/P: the variance in O(1) after a change of one unit
}

// slot is a school cell additions go to, with the units it raises.
type slot struct {
	unit    int // index into Result.Units of its first unit, for naming the action
	members []member
	steps   int
}

type member struct {
	level int     // index into the levels
	j     int     // index of the unit within the level
	per   float64 // numerator one step adds to the unit
}

func (pl *planner) cvPlans() []CVPlan {
	out := []CVPlan{}
	for k := range pl.Profile.Resource.Indicators {
		out = append(out, pl.cvPlan(k))
	}
	return out
}

func (pl *planner) cvPlan(k int) CVPlan {
	r := &pl.Profile.Resource
	ind := &r.Indicators[k]
	q, known := quantities[ind.Measure]
	cp := CVPlan{Indicator: ind.ID, Name: ind.Name, Kind: q.kind, Unit: q.kind.Unit(), Levels: []CVLevel{}, Actions: []Action{}}
	scale := 1.0
	if ind.PerHundred {
		scale = 100
	}
	var levels []*cvLevel
	res := pl.Result
	for _, l := range standard.Levels {
		ri := res.Resource.Of(l).Indicators[k]
		if res.Resource.Of(l).Units == 0 {
			continue
		}
		cl := &CVLevel{Level: l, CV: ri.CV, Limit: ri.CVLimit, Target: ri.CVLimit - pl.Options.Margin, Status: ri.CVStatus, Critical: ri.CVCritical,
			Contributions: []Contribution{}}
		lv := &cvLevel{out: cl, scale: scale, c: cl.Target - 1e-12}
		for i := range res.Units {
			u := &res.Units[i]
			if u.Level != l {
				continue
			}
			_, v := pl.after.Units[i].Values.At(k)
			lv.units = append(lv.units, i)
			lv.students = append(lv.students, u.Students)
			lv.x = append(lv.x, v.Numerator)
		}
		lv.base = slices.Clone(lv.x)
		switch {
		case !ri.CV.OK:
			cl.Reason = ri.CVNote
			if cl.Reason == "" {
				cl.Reason = "差异系数无法计算"
			}
		default:
			lv.active = true
			cl.Needed = ri.CV.V >= cl.Target
			cl.Contributions = contributions(res, lv, k)
			cl.Passed = pl.after.Resource.Of(l).Indicators[k].CV
			lv.sums()
		}
		cp.Needed = cp.Needed || cl.Needed
		levels = append(levels, lv)
	}
	switch {
	case !cp.Needed:
	case !known:
		cp.Reason = "该指标的计算方法「" + ind.Measure + "」无法折算为可增加的数量"
	case slices.ContainsFunc(levels, func(lv *cvLevel) bool { return lv.out.Needed && lv.c <= 0 }):
		cp.Reason = "差异系数目标不大于0（余量 margin 不小于上限），无法规划"
	default:
		slots := pl.slots(levels, q)
		if !plan(levels, slots) {
			cp.Reason = "仅靠增加配置无法使差异系数降到目标"
			for _, s := range slots {
				s.steps = 0
			}
		}
		step := pl.Options.step(q.kind)
		for _, s := range slots {
			if s.steps == 0 {
				continue
			}
			amt := amount(s.steps, step)
			a := pl.action(&res.Units[s.unit], ind, q, amt, ToCV)
			cp.Actions = append(cp.Actions, a)
			cp.Total += amt
		}
		cp.Total = amount(1, cp.Total)
		cp.Cost = pl.cost(q.kind, cp.Total)
	}
	for _, lv := range levels {
		if lv.active {
			_, _, cv, ok := eval.WeightedCV(lv.students, lv.x, lv.scale)
			if ok {
				lv.out.After = eval.Opt{V: cv, OK: true}
			}
		}
		cp.Levels = append(cp.Levels, *lv.out)
	}
	return cp
}

// contributions gives each unit's part of the level's weighted variance of the k-th indicator,
// as eval.WeightedCV defines it, in the county as it is.
func contributions(res *eval.Result, lv *cvLevel, k int) []Contribution {
	x := make([]float64, len(lv.units))
	var p, total float64
	for j, i := range lv.units {
		_, v := res.Units[i].Values.At(k)
		x[j] = v.Numerator
		p += lv.students[j]
		total += x[j]
	}
	mean := total / p * lv.scale
	out := make([]Contribution, len(x))
	var sum float64
	for j, i := range lv.units {
		u := &res.Units[i]
		v := x[j] / lv.students[j] * lv.scale
		d := v - mean
		out[j] = Contribution{Code: u.Code, Name: u.Name, Value: v, Share: lv.students[j] / p * d * d, Below: d < 0}
		sum += out[j].Share
	}
	for j := range out {
		if sum > 0 {
			out[j].Share /= sum
		}
	}
	return out
}

// slots returns the cells additions may go to, in the evaluation's order of their first unit:
// a campus for campus-wide quantities (its units share each step by the split rule), a campus
// and level for teachers.
func (pl *planner) slots(levels []*cvLevel, q quantity) []*slot {
	type key struct {
		row   int
		level standard.Level
	}
	at := map[key]*slot{}
	var out []*slot
	step := pl.Options.step(q.kind) * q.yuan
	for li, lv := range levels {
		if !lv.active {
			continue
		}
		for j, i := range lv.units {
			u := &pl.Result.Units[i]
			k := key{row: u.Row}
			per := step
			if q.split {
				per *= u.Share
			} else {
				k.level = u.Level
			}
			s := at[k]
			if s == nil {
				s = &slot{unit: i}
				at[k] = s
				out = append(out, s)
			}
			s.members = append(s.members, member{level: li, j: j, per: per})
		}
	}
	slices.SortStableFunc(out, func(a, b *slot) int { return cmp.Compare(a.unit, b.unit) })
	return out
}

func (lv *cvLevel) sums() {
	lv.s0, lv.s1, lv.s2 = 0, 0, 0
	for j, x := range lv.x {
		lv.s0 += lv.students[j]
		lv.s1 += x
		lv.s2 += x * x / lv.students[j]
	}
}

// excess is how far the level is above its target, as std − target × mean (≥ 0): a convex
// function of the numerators, so that raising low units lowers it with diminishing returns.
func (lv *cvLevel) excess(s1, s2 float64) float64 {
	if !lv.active {
		return 0
	}
	mean := s1 / lv.s0
	v := s2/lv.s0 - mean*mean
	std := math.Sqrt(max(0, v))
	return max(0, (std-lv.c*mean)*lv.scale+1e-12*mean*lv.scale)
}

// met reports whether every constrained level's CV, computed exactly as eval computes it, is
// below its target.
func met(levels []*cvLevel) bool {
	for _, lv := range levels {
		if !lv.active {
			continue
		}
		_, _, cv, ok := eval.WeightedCV(lv.students, lv.x, lv.scale)
		if !ok || !(cv < lv.out.Target-1e-12) {
			return false
		}
	}
	return true
}

// change returns the total excess after adding n steps to slot s.
func change(levels []*cvLevel, s *slot, n int) float64 {
	total := 0.0
	for li, lv := range levels {
		s1, s2 := lv.s1, lv.s2
		for _, m := range s.members {
			if m.level != li {
				continue
			}
			x, d := lv.x[m.j], float64(n)*m.per
			s1 += d
			s2 += ((x+d)*(x+d) - x*x) / lv.students[m.j]
		}
		total += lv.excess(s1, s2)
	}
	return total
}

// apply adds n steps (or takes back −n) to slot s. A unit belongs to one slot, so its
// numerator is its base plus the slot's steps: taking steps back restores it exactly.
// bestPair returns the two slots one step at each of which lowers the excess v most, or nils.
func bestPair(levels []*cvLevel, slots []*slot, v float64) (*slot, *slot) {
	var a, b *slot
	best := 0.0
	for i, s := range slots {
		apply(levels, s, 1)
		for _, t := range slots[i+1:] {
			if g := v - change(levels, t, 1); g > best {
				a, b, best = s, t, g
			}
		}
		apply(levels, s, -1)
	}
	return a, b
}

func apply(levels []*cvLevel, s *slot, n int) {
	s.steps += n
	for _, m := range s.members {
		lv := levels[m.level]
		x, y := lv.x[m.j], lv.base[m.j]+float64(s.steps)*m.per
		lv.s1 += y - x
		lv.s2 += (y*y - x*x) / lv.students[m.j]
		lv.x[m.j] = y
	}
}

func excessNow(levels []*cvLevel) float64 {
	total := 0.0
	for _, lv := range levels {
		total += lv.excess(lv.s1, lv.s2)
	}
	return total
}

// maxSteps bounds the search: no plan adds more than this many steps in all.
const maxSteps = 50_000_000

// plan finds the additions, in steps, that bring every level below its target with the fewest
// steps, and reports whether it did. Every step of one indicator costs the same wherever it
// goes (one unit price per kind), so the fewest steps are the cheapest plan.
//
// The method: greedy on marginal gains, then trimmed, then improved by exchanges. The excess
// std − target × mean is convex in the numerators (std is a seminorm, the mean linear), so each
// step goes where it lowers the excess most; a run of steps goes to one slot at once as long as
// each further step there gains more than the best step elsewhere (doubling the run). Where no
// single step lowers the excess (a level exactly at its target), the best pair of steps is taken.
// Steps are then taken back, slot by slot, as long as every target stays met — the largest
// removal found by bisection — and exchanges of two steps for one are tried while at most
// maxExchange slots receive steps. The targets are always checked with eval.WeightedCV itself.
// On small counties no allocation of fewer steps meets the targets (cv_test.go checks this
// against exhaustive search on random counties); on large ones the plan may exceed the optimum
// by a few steps.
func plan(levels []*cvLevel, slots []*slot) bool {
	if !greedy(levels, slots, coarse(levels, slots)) {
		return false
	}
	trim(levels, slots)
	improve(levels, slots)
	return true
}

// greedySteps is about how many runs of steps the greedy search should take: on a large county
// with a distant target it takes steps of several purchasable units at first (trim then takes
// back what is not needed, one purchasable unit at a time).
const greedySteps = 1000

// coarse returns how many purchasable units the greedy search adds at a time: 1 unless the
// first-order estimate of the steps needed exceeds greedySteps.
func coarse(levels []*cvLevel, slots []*slot) int {
	v, best := excessNow(levels), 0.0
	for _, s := range slots {
		best = max(best, v-change(levels, s, 1))
	}
	if best <= 0 {
		return 1
	}
	return max(1, int(min(v/best, maxSteps)/greedySteps))
}

// greedy adds runs of mult steps where they lower the excess most until every level meets its
// target, and reports whether it did.
func greedy(levels []*cvLevel, slots []*slot, mult int) bool {
	steps := 0
	for excessNow(levels) > 0 || !met(levels) {
		v := excessNow(levels)
		best, second := -1, 0.0
		bestGain := 0.0
		for i, s := range slots {
			g := v - change(levels, s, mult)
			if g > bestGain {
				best, second, bestGain = i, bestGain, g
			} else if g > second {
				second = g
			}
		}
		if steps > maxSteps {
			return false
		}
		if best < 0 {
			// No one step lowers the excess: a kink of the max(0, ·) of a level at its target.
			// One step at each of two slots can (raising a campus shared by both levels while
			// making up the other level elsewhere).
			a, b := bestPair(levels, slots, v)
			if a == nil {
				return false
			}
			apply(levels, a, 1)
			apply(levels, b, 1)
			steps += 2
			continue
		}
		s, n := slots[best], mult
		for n < maxSteps {
			after := change(levels, s, n)
			if after == 0 {
				break
			}
			next := change(levels, s, 2*n)
			if (after-next)/float64(n/mult) < second {
				break
			}
			n *= 2
		}
		apply(levels, s, n)
		steps += n
	}
	return true
}

// trim takes back steps the target does not need: slot by slot, the largest number of steps
// whose removal keeps every level below its target, until no step can go.
func trim(levels []*cvLevel, slots []*slot) {
	for changed := true; changed; {
		changed = false
		for _, s := range slots {
			if s.steps == 0 {
				continue
			}
			lo, hi := 0, s.steps // lo steps can go; find the most
			for lo < hi {
				mid := (lo + hi + 1) / 2
				apply(levels, s, -mid)
				ok := excessNow(levels) == 0 && met(levels) // the O(1) excess screens out most
				apply(levels, s, mid)
				if ok {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			if lo > 0 {
				apply(levels, s, -lo)
				changed = true
			}
		}
	}
	for _, lv := range levels {
		lv.sums() // drop the rounding the O(1) updates gathered
	}
}

// maxExchange bounds the slots that receive steps for improve to look for exchanges among: the
// search is quadratic in them.
const maxExchange = 64

// improve looks for exchanges that save a step, as greedy choices can be wrong for whole
// steps: two steps taken back (from one slot or two) and one added elsewhere, keeping every
// target met. It repeats until no exchange saves a step. Candidates are screened with the O(1)
// excess and confirmed with the exact CV.
func improve(levels []*cvLevel, slots []*slot) {
	for pass := 0; pass < 1000; pass++ {
		var receiving []*slot
		for _, s := range slots {
			if s.steps > 0 {
				receiving = append(receiving, s)
			}
		}
		if len(receiving) > maxExchange || !exchange(levels, slots, receiving) {
			return
		}
		trim(levels, slots)
	}
}

// exchange carries out the first exchange that saves a step, and reports whether there was one.
func exchange(levels []*cvLevel, slots, receiving []*slot) bool {
	for ai, a := range receiving {
		for _, c := range receiving[ai:] {
			if c == a && a.steps < 2 {
				continue
			}
			apply(levels, a, -1)
			apply(levels, c, -1)
			for _, b := range slots {
				if b == a || b == c {
					continue
				}
				if change(levels, b, 1) > 0 {
					continue
				}
				apply(levels, b, 1)
				if met(levels) {
					return true
				}
				apply(levels, b, -1)
			}
			apply(levels, c, 1)
			apply(levels, a, 1)
		}
	}
	return false
}
