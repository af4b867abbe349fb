package plan

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/synth"
)

// synthCounty is a generated county of n campuses made unequal on purpose: every third campus
// has lost its primary backbone teachers, every fourth most of its teaching area, every fifth
// most of its equipment, so that several CVs are above their limits.
func synthCounty(t testing.TB, n int, seed uint64) (*standard.Profile, *data.County) {
	t.Helper()
	table, probs := data.ParseCSV(synth.CSV(n, seed), "synth.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	for i := range table.Schools {
		s := &table.Schools[i]
		if i%3 == 0 && s.PrimaryBackboneTeachers.Valid {
			s.PrimaryBackboneTeachers.Value = 0
		}
		if i%4 == 0 {
			s.TeachingArea.Value *= 0.12
		}
		if i%5 == 0 {
			s.EquipmentValue.Value *= 0.08
		}
	}
	return national(t), &data.County{Table: table}
}

// On a generated county with (at least) three CVs above their limits, carrying out the CV
// plans and evaluating again brings every CV below its target, as promised.
func TestSynthCVPlans(t *testing.T) {
	p, c := synthCounty(t, 300, 5)
	o := DefaultOptions()
	o.AreaStep, o.EquipmentStep = 10, 1
	pl, res := makePlan(p, c, o)
	above := 0
	for _, l := range standard.Levels {
		for _, ind := range res.Resource.Of(l).Indicators {
			if ind.CV.OK && ind.CV.V > ind.CVLimit {
				above++
			}
		}
	}
	if above < 3 {
		t.Fatalf("only %d CVs above their limits", above)
	}
	for _, cp := range pl.CVs {
		if cp.Reason != "" {
			t.Errorf("%s: %s", cp.Indicator, cp.Reason)
		}
	}
	after := reevaluate(p, c, pl.Actions)
	for _, cp := range pl.CVs {
		for _, lv := range cp.Levels {
			got := cvOf(after, lv.Level, cp.Indicator)
			if !got.OK || !(got.V < lv.Target) && (lv.Needed || lv.CV.V < lv.Target) {
				t.Errorf("%s %s: CV %v → %v, target %v", cp.Indicator, lv.Level, lv.CV.V, got.V, lv.Target)
			}
			if lv.After.OK && abs(lv.After.V-got.V) > 1e-9 {
				t.Errorf("%s %s: promised %v, eval gives %v", cp.Indicator, lv.Level, lv.After.V, got.V)
			}
			if lv.Needed {
				t.Logf("%s %s: %.4f → %.4f (%v%s, %d schools)", cp.Indicator, lv.Level, lv.CV.V, got.V, cp.Total, cp.Unit, len(cp.Actions))
			}
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// On small random counties, no allocation of fewer steps than the plan's meets the targets:
// an exhaustive search over every allocation of fewer steps to the same schools, in the same
// steps, each checked by eval itself. The counties have a 九年一贯制 campus, whose additions
// move both levels' CVs.
func TestCVPlanMinimal(t *testing.T) {
	p := national(t)
	r := rand.New(rand.NewPCG(9, 4))
	checked := 0
	for trial := range 60 {
		var schools []data.School
		for i := range 3 + r.IntN(2) {
			s := school(i+2, fmt.Sprintf("P%d", i), standard.TypePrimary, float64(100+r.IntN(500)), 0)
			s.MultimediaRooms = n(float64(1 + r.IntN(14)))
			schools = append(schools, s)
		}
		j := school(10, "J", standard.TypeNineYear, float64(200+r.IntN(300)), float64(200+r.IntN(300)))
		j.MultimediaRooms = n(float64(2 + r.IntN(10)))
		schools = append(schools, j, school(11, "Q", standard.TypeJunior, float64(0), float64(300+r.IntN(300))))
		schools[len(schools)-1].MultimediaRooms = n(float64(3 + r.IntN(20)))
		c := county(schools...)
		res := evaluate(p, c)
		cv := cvOf(res, standard.Primary, "R7")
		o := DefaultOptions()
		o.Margin = 0.5 - cv.V*(0.55+0.3*r.Float64()) // a target 15–45% below the present CV
		if 0.45-o.Margin <= 0.01 {
			continue // no junior target to speak of
		}
		pl := Make(Input{Profile: p, County: c, Result: res, Options: o})
		var cp CVPlan
		for _, x := range pl.CVs {
			if x.Indicator == "R7" {
				cp = x
			}
		}
		if !cp.Needed {
			continue
		}
		if cp.Reason != "" {
			t.Errorf("trial %d: %s", trial, cp.Reason)
			continue
		}
		total := int(cp.Total)
		if total > 9 {
			continue // the exhaustive search would take too long
		}
		passes := pl.Actions[:countPass(pl)] // the CV plan adds to the units' passes
		meets := func(alloc []int) bool {
			acts := append([]Action(nil), passes...)
			for i, k := range alloc {
				if k > 0 {
					acts = append(acts, Action{Row: schools[i].Row, Indicator: "R7", Amount: float64(k)})
				}
			}
			after := reevaluate(p, c, acts)
			for _, lv := range cp.Levels {
				if got := cvOf(after, lv.Level, "R7"); !got.OK || !(got.V < lv.Target) {
					return false
				}
			}
			return true
		}
		alloc := make([]int, len(schools))
		for _, a := range cp.Actions {
			for i := range schools {
				if schools[i].Row == a.Row {
					alloc[i] = int(a.Amount)
				}
			}
		}
		if !meets(alloc) {
			t.Errorf("trial %d: the plan %v misses its targets", trial, alloc)
		}
		if smaller := search(make([]int, len(schools)), 0, total-1, meets); smaller != nil {
			t.Errorf("trial %d: the plan adds %d rooms %v, %v adds fewer and meets the targets", trial, total, alloc, smaller)
		}
		checked++
	}
	t.Logf("%d trials checked against exhaustive search", checked)
	if checked < 30 {
		t.Errorf("only %d trials needed a plan", checked)
	}
}

// search tries every allocation of at most budget steps from position i on.
func search(alloc []int, i, budget int, meets func([]int) bool) []int {
	if i == len(alloc) {
		if meets(alloc) {
			return append([]int(nil), alloc...)
		}
		return nil
	}
	for k := 0; k <= budget; k++ {
		alloc[i] = k
		if got := search(alloc, i+1, budget-k, meets); got != nil {
			return got
		}
	}
	alloc[i] = 0
	return nil
}

var _ = eval.Met
