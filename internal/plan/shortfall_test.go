package plan

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

func n(v float64) data.Number { return data.Num(v) }

// school is a campus whose every resource figure is ample, to be spoilt by a test.
func school(row int, code string, typ standard.SchoolType, primary, junior float64) data.School {
	w := primary + 1.1*junior
	return data.School{Row: row, Code: code, Name: code, Type: typ, Ownership: "公办", Area: data.Town,
		PrimaryStudents: n(primary), JuniorStudents: n(junior),
		PrimaryQualifiedTeachers: n(primary / 10), JuniorQualifiedTeachers: n(junior / 10),
		PrimaryBackboneTeachers: n(primary / 20), JuniorBackboneTeachers: n(junior / 20),
		PrimaryPEArtTeachers: n(primary / 20), JuniorPEArtTeachers: n(junior / 20),
		TeachingArea: n(w * 10), SportsArea: n(w * 15), EquipmentValue: n(w * 4000), MultimediaRooms: n(w / 20)}
}

func county(schools ...data.School) *data.County {
	return &data.County{Table: &data.Table{File: "data/schools.csv", Schools: schools, Present: map[string]bool{}}}
}

func shortfall(t *testing.T, pl *Plan, code string, l standard.Level, id string) Shortfall {
	t.Helper()
	for _, u := range pl.Units {
		if u.Code == code && u.Level == l {
			for _, s := range u.Shortfalls {
				if s.Indicator == id {
					return s
				}
			}
		}
	}
	t.Fatalf("no %s shortfall for %s %s", id, code, l)
	return Shortfall{}
}

// Exactly at the threshold nothing is missing; one pupil more needs one more teacher.
func TestTeacherBoundary(t *testing.T) {
	p := national(t)
	for _, tc := range []struct {
		pupils, teachers float64
		threshold, floor float64
		listed           bool
	}{
		{500, 21, 0, 0, false}, // 21/500×100 = 4.2 exactly
		{501, 21, 1, 0, true},  // 4.19…: one teacher
		{1000, 41, 1, 0, true}, // 4.1
		{1000, 35, 7, 1, true}, // 3.5 < 3.57: one to the floor (35.7), seven to the threshold (42)
		{100, 0, 5, 4, true},   // 4.2 → 5 whole teachers; 3.57 → 4
	} {
		s := school(2, "A", standard.TypePrimary, tc.pupils, 0)
		s.PrimaryQualifiedTeachers = n(tc.teachers)
		pl, _ := makePlan(p, county(s, school(3, "B", standard.TypePrimary, 400, 0)), DefaultOptions())
		if !tc.listed {
			for _, u := range pl.Units {
				if u.Code == "A" {
					t.Errorf("%v pupils, %v teachers: listed with %+v", tc.pupils, tc.teachers, u.Shortfalls)
				}
			}
			continue
		}
		sf := shortfall(t, pl, "A", standard.Primary, "R1")
		if sf.ToThreshold.V != tc.threshold || sf.ToFloor.V != tc.floor || sf.Unit != "人" {
			t.Errorf("%v pupils, %v teachers: to threshold %v, to floor %v %s; want %v, %v", tc.pupils, tc.teachers, sf.ToThreshold.V, sf.ToFloor.V, sf.Unit, tc.threshold, tc.floor)
		}
	}
}

// A 九年一贯制 campus's area is split 600 : 440 between its primary and junior units: the primary
// unit's lack of 2700 − 4000×600/1040 m² is a campus addition of 680 m².
func TestSplitBoundary(t *testing.T) {
	p := national(t)
	s := school(2, "J", standard.TypeNineYear, 600, 400)
	s.TeachingArea = n(4000)
	c := county(s, school(3, "B", standard.TypePrimary, 400, 0))
	pl, _ := makePlan(p, c, DefaultOptions())
	sf := shortfall(t, pl, "J", standard.Primary, "R4")
	if sf.ToThreshold.V != 680 || sf.Unit != "平方米" {
		t.Fatalf("primary R4 of a split campus: %v %s, want 680 平方米", sf.ToThreshold.V, sf.Unit)
	}
	meets := func(add float64) bool {
		res := reevaluate(p, c, []Action{{Row: 2, Indicator: "R4", Amount: add}})
		v, _ := res.Units[0].Values.Get("R4")
		return v.Meets
	}
	if !meets(680) || meets(679) {
		t.Errorf("680 m² should be the smallest addition: meets(680)=%v meets(679)=%v", meets(680), meets(679))
	}
}

// Every shortfall of the example and of a generated county is the smallest addition: carried
// out it brings the unit to its threshold (floor), one step less does not.
func TestShortfallsAreSmallest(t *testing.T) {
	p, c := example(t)
	checkShortfalls(t, p, c, DefaultOptions())
	p, c = synthCounty(t, 200, 3)
	o := DefaultOptions()
	o.AreaStep, o.EquipmentStep = 5, 0.5
	checkShortfalls(t, p, c, o)
}

func checkShortfalls(t *testing.T, p *standard.Profile, c *data.County, o Options) {
	t.Helper()
	pl, res := makePlan(p, c, o)
	unitAt := func(r *eval.Result, code string, l standard.Level) *eval.Unit {
		for i := range r.Units {
			if r.Units[i].Code == code && r.Units[i].Level == l {
				return &r.Units[i]
			}
		}
		t.Fatalf("unit %s %s not found", code, l)
		return nil
	}
	checked := 0
	for _, u := range pl.Units {
		for _, sf := range u.Shortfalls {
			if !sf.ToThreshold.OK {
				continue
			}
			level := u.Level
			if k := Kind(sf.Kind); k != Teachers {
				level = ""
			}
			step := o.step(sf.Kind)
			for _, tc := range []struct {
				amt   float64
				floor bool
			}{{sf.ToThreshold.V, false}, {sf.ToFloor.V, true}} {
				got := func(add float64) bool {
					r := reevaluate(p, c, []Action{{Row: u.Row, Level: level, Indicator: sf.Indicator, Amount: add}})
					v, _ := unitAt(r, u.Code, u.Level).Values.Get(sf.Indicator)
					if tc.floor {
						return v.AboveFloor
					}
					return v.Meets
				}
				if !got(tc.amt) {
					t.Errorf("%s %s %s: adding %v%s misses (floor %v)", u.Name, sf.Indicator, u.Level, tc.amt, sf.Unit, tc.floor)
				}
				if tc.amt > 0 && got(tc.amt-step) {
					t.Errorf("%s %s %s: %v%s less than %v suffices (floor %v)", u.Name, sf.Indicator, u.Level, step, sf.Unit, tc.amt, tc.floor)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Error("no shortfall checked")
	}
	_ = res
}

// A unit's cheapest way to pass makes it pass once carried out.
func TestPassPasses(t *testing.T) {
	for _, load := range []func(testing.TB) (*standard.Profile, *data.County){
		func(t testing.TB) (*standard.Profile, *data.County) { return example(t) },
		func(t testing.TB) (*standard.Profile, *data.County) { return synthCounty(t, 200, 3) },
	} {
		p, c := load(t)
		o := DefaultOptions()
		o.Costs = Costs{BuildingPerM2: 3000, SportsPerM2: 400, TeacherPerYear: 100000, PerRoom: 60000}
		pl, _ := makePlan(p, c, o)
		passes := 0
		for _, u := range pl.Units {
			if u.Status == eval.Met || u.Reason != "" {
				continue
			}
			res := reevaluate(p, c, u.Pass)
			for _, v := range res.Units {
				if v.Code == u.Code && v.Level == u.Level && v.Status != eval.Met {
					t.Errorf("%s still %s after %+v", u.Name, v.Status, u.Pass)
				}
			}
			if !u.PassCost.OK {
				t.Errorf("%s: pass cost unknown with every unit cost given", u.Name)
			}
			passes++
		}
		if passes == 0 {
			t.Error("no unit to make pass")
		}
		// All passes at once: every unit that could be planned passes.
		res := reevaluate(p, c, pl.Actions[:countPass(pl)])
		for _, v := range res.Units {
			if v.Status == eval.NotMet {
				t.Errorf("%s still fails with every pass carried out", v.Name)
			}
		}
	}
}

func countPass(pl *Plan) int {
	n := 0
	for _, a := range pl.Actions {
		if a.Purpose != ToCV {
			n++
		}
	}
	return n
}

// The example's 龙泉乡中心学校（初中部） (287 pupils, 1 backbone and 1 PE/art teacher) has R2 and R3
// below their floors: 2.44 and 2.20 teachers round up to 3, as do the thresholds 2.87 and 2.58,
// so reaching the floor costs what reaching the threshold does and both get 2 teachers.
func TestExamplePass(t *testing.T) {
	p, c := example(t)
	pl, _ := makePlan(p, c, DefaultOptions())
	for _, u := range pl.Units {
		if u.Name != "龙泉乡中心学校（初中部）" {
			continue
		}
		var got []string
		for _, a := range u.Pass {
			got = append(got, fmt.Sprintf("%s %s %v%s %s", a.Indicator, a.Level, a.Amount, a.Unit, a.Purpose))
		}
		if want := "R2 junior 2人 达到标准; R3 junior 2人 达到标准"; strings.Join(got, "; ") != want {
			t.Errorf("pass = %v, want %s", got, want)
		}
		return
	}
	t.Fatal("unit not found")
}

// Missing data is never a zero shortfall: the amounts are null and the reason names the cell.
func TestMissingIsNotZero(t *testing.T) {
	p := national(t)
	s := school(2, "A", standard.TypePrimary, 500, 0)
	s.TeachingArea = data.Number{}
	s.PrimaryQualifiedTeachers = n(10)
	pl, _ := makePlan(p, county(s, school(3, "B", standard.TypePrimary, 400, 0)), DefaultOptions())
	sf := shortfall(t, pl, "A", standard.Primary, "R4")
	if sf.ToFloor.OK || sf.ToThreshold.OK || !strings.Contains(sf.Reason, "「教学及辅助用房面积」未填") {
		t.Errorf("R4 with a blank area: %+v", sf)
	}
	b, _ := json.Marshal(sf)
	if !strings.Contains(string(b), `"to_floor":null,"to_threshold":null`) {
		t.Errorf("JSON %s", b)
	}
	u := pl.Units[0]
	if len(u.Pass) != 0 || u.Reason == "" {
		t.Errorf("a unit with missing data got a way to pass: %+v", u)
	}
	for _, cp := range pl.CVs {
		if cp.Indicator == "R4" && (cp.Levels[0].CV.OK || cp.Levels[0].Reason == "") {
			t.Errorf("R4 CV with a blank area: %+v", cp.Levels[0])
		}
	}
}
