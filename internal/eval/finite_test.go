package eval

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/num"
)

// evaluateChanged evaluates rows after change has set figures no loader would accept: the
// evaluation must stay finite on any finite input.
func evaluateChanged(t *testing.T, figures *data.Figures, change func(map[string]*data.School), rows ...row) *Result {
	t.Helper()
	p := national(t)
	table, probs := data.ParseCSV(tableCSV(rows...), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	byCode := map[string]*data.School{}
	for i := range table.Schools {
		byCode[table.Schools[i].Code] = &table.Schools[i]
	}
	change(byCode)
	c := &data.County{Table: table, Figures: figures, History: passingHistory()}
	return Evaluate(Input{Profile: p, County: c, Name: "测试县", Year: 2025})
}

// Finite but absurd figures: every number of the result is finite or null with a reason, and
// nothing that depends on them is 达到.
func TestAbsurdFigures(t *testing.T) {
	schools := []row{primaryAt, primaryAt.with("code", "P2"), juniorAt, juniorAt.with("code", "J2")}
	tests := []struct {
		name   string
		change func(map[string]*data.School)
		check  func(t *testing.T, res *Result)
	}{
		{"1e300 m² in one school", func(s map[string]*data.School) { s["P2"].TeachingArea = data.Num(1e300) },
			func(t *testing.T, res *Result) {
				r4 := res.Resource.Primary.Indicators[3]
				if !r4.Value.OK || !r4.CV.OK || r4.CVStatus != NotMet {
					t.Errorf("R4: value %+v, CV %+v, %s; want finite and 未达到", r4.Value, r4.CV, r4.CVStatus)
				}
			}},
		{"two schools of 1e308 m² overflow the sum", func(s map[string]*data.School) {
			s["P1"].SportsArea, s["P2"].SportsArea = data.Num(1e308), data.Num(1e308)
		}, func(t *testing.T, res *Result) {
			r5 := res.Resource.Primary.Indicators[4]
			if r5.ValueReason == "" || !math.IsInf(float64(r5.Total), 1) {
				t.Errorf("R5: total %v, reason %q; want +Inf (null in JSON) and a reason", r5.Total, r5.ValueReason)
			}
			if !r5.Value.OK || !near(r5.Value.V, 1e308/1000, 1e300) || !r5.CV.OK || r5.CV.V != 0 {
				t.Errorf("R5: value %+v, CV %+v; want 1e305 and 0 computed in scale", r5.Value, r5.CV)
			}
		}},
		{"one student, 1e308 teachers per hundred", func(s map[string]*data.School) {
			s["P2"].PrimaryStudents, s["P2"].PrimaryQualifiedTeachers = data.Num(1), data.Num(1e308)
		}, func(t *testing.T, res *Result) {
			u := res.Units[1]
			if v, _ := u.Values.Get("R1"); v.Valid || v.Reason == "" || u.Status != Pending || !strings.Contains(u.Reason, Overflow) {
				t.Errorf("unit: R1 %+v, %s, %q", v, u.Status, u.Reason)
			}
			r1 := res.Resource.Primary.Indicators[0]
			if r1.CVStatus != Pending || !r1.Value.Bad() || !r1.CV.Bad() {
				t.Errorf("R1: %+v", r1)
			}
			if !strings.Contains(strings.Join(messages(res.Pending), "\n"), "R1 每百名学生拥有高于规定学历教师数：数值溢出") {
				t.Errorf("pending: %q", messages(res.Pending))
			}
		}},
		{"students that overflow their sum", func(s map[string]*data.School) {
			s["J1"].JuniorStudents, s["J2"].JuniorStudents = data.Num(1.7e308), data.Num(1.7e308)
		}, func(t *testing.T, res *Result) {
			j := res.Resource.Junior
			if j.Reason == "" || j.Status == Met {
				t.Errorf("junior: students %v, reason %q, %s", j.Students, j.Reason, j.Status)
			}
		}},
		{"a 九年一贯制 school whose counts overflow the split", func(s map[string]*data.School) {
			sc := s["P2"]
			sc.Type, sc.JuniorStudents = "九年一贯制学校", data.Num(1.7e308)
		}, func(t *testing.T, res *Result) {
			for _, u := range res.Units {
				if u.Code == "P2" && (!finite(u.Share) || u.Share < 0 || u.Share > 1) {
					t.Errorf("%s share %v", u.Name, u.Share)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := evaluateChanged(t, nil, tt.change, schools...)
			tt.check(t, res)
			assertFinite(t, res)
		})
	}
}

// A county figure over a tiny one (G11: rotated ÷ eligible teachers) overflows: the check is
// 待补充 with a reason, not compared as 0.
func TestAbsurdCountyFigure(t *testing.T) {
	p := national(t)
	figures := passingFigures(t, p)
	g11 := figures.Entry("G11")
	g11.Numbers["eligible_teachers"], g11.Numbers["rotated_teachers"] = 1e-300, 1e300
	res := evaluateChanged(t, figures, func(map[string]*data.School) {}, primaryAt, juniorAt)
	it, _ := res.Item("G11")
	c := it.Checks[0]
	if c.Value.OK || c.Reason == "" || c.Status != Pending || it.Status == Met || !strings.Contains(it.Summary, NotComputable) {
		t.Errorf("G11: %+v, %s, %q", c, it.Status, it.Summary)
	}
	assertFinite(t, res)
}

func messages(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message)
	}
	return out
}

// assertFinite checks that evaluation.json can be written and says no NaN or Inf, and that
// the conclusion is not 达到.
func assertFinite(t *testing.T, res *Result) {
	t.Helper()
	b, err := res.JSON()
	if err != nil || !json.Valid(b) {
		t.Fatalf("JSON: %v", err)
	}
	for _, bad := range []string{"NaN", "Inf"} {
		if strings.Contains(string(b), bad) {
			t.Errorf("evaluation.json has %s", bad)
		}
	}
	for _, f := range append(res.Failures, res.Pending...) {
		if strings.Contains(f.Message, "NaN") || strings.Contains(f.Message, "Inf") {
			t.Errorf("message %q", f.Message)
		}
	}
	if res.Conclusion == Met {
		t.Error("conclusion 达到")
	}
}

// scaledCV agrees with the direct computation on ordinary figures, and gives the same CV when
// every figure is multiplied by 1e300, where the direct one overflows.
func TestScaledCV(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		n := 2 + r.IntN(40)
		units := make([]Unit, n)
		idx := make([]int, n)
		students, totals := make([]float64, n), make([]float64, n)
		for i := range units {
			students[i] = float64(50 + r.IntN(2000))
			totals[i] = students[i] * (3 + 6*r.Float64())
			units[i] = Unit{Students: students[i], Values: Values{list: []valueCell{{value: totals[i] / students[i], valid: true}}}}
			idx[i] = i
		}
		mean, std, cv, _ := WeightedCV(students, totals, 1)
		m2, s2, cv2, ok := scaledCV(units, idx, 0)
		if !ok || !near(m2, mean, 1e-12*mean) || !near(s2, std, 1e-12*mean) || !near(cv2, cv, 1e-12) {
			t.Fatalf("scaled %v %v %v, direct %v %v %v", m2, s2, cv2, mean, std, cv)
		}
		for i := range units {
			units[i].Values.list[0].value *= 1e300
		}
		_, _, cv3, ok := scaledCV(units, idx, 0)
		if !ok || !near(cv3, cv, 1e-12) {
			t.Fatalf("×1e300: CV %v, want %v", cv3, cv)
		}
	}
}

// Sum marshals exactly as encoding/json marshals a float64, so that evaluation.json is unchanged
// for real data, and as null when it is not finite.
func TestSumJSON(t *testing.T) {
	for _, v := range []float64{0, 1, -3.75, 0.1, 1234567, 123456789.125, 1e20, 1e21, 1.5e21, 1e-6, 1e-7, 2.5e-320, 29673, math.MaxFloat64} {
		want, _ := json.Marshal(v)
		got, _ := Sum(v).MarshalJSON()
		if string(got) != string(want) {
			t.Errorf("%v: got %s, want %s", v, got, want)
		}
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got, _ := Sum(v).MarshalJSON(); string(got) != "null" {
			t.Errorf("%v: got %s", v, got)
		}
		if got, _ := (Opt{V: v, OK: true}).MarshalJSON(); string(got) != "null" {
			t.Errorf("Opt %v: got %s", v, got)
		}
		if o := some(v); o.OK || !o.Bad() {
			t.Errorf("some(%v) = %+v", v, o)
		}
		if s := num.Short(v); s != NotComputable {
			t.Errorf("num.Short(%v) = %q", v, s)
		}
	}
}

// Whatever finite figures a school has, evaluation.json can be written and holds no NaN.
func FuzzAbsurdFigures(f *testing.F) {
	f.Add(1e300, 1000.0, 42.0, 1.0)
	f.Add(1e308, 1.0, 1e308, 1e-300)
	f.Add(4500.0, 1e-300, 0.0, 1e308)
	f.Add(-1e308, 1.7e308, -5.0, 0.0)
	f.Fuzz(func(t *testing.T, area, students, teachers, rooms float64) {
		for _, v := range []float64{area, students, teachers, rooms} {
			if !finite(v) {
				t.Skip("the loaders give finite numbers only")
			}
		}
		res := evaluateChanged(t, nil, func(s map[string]*data.School) {
			sc := s["P2"]
			sc.TeachingArea, sc.SportsArea, sc.PrimaryStudents = data.Num(area), data.Num(area), data.Num(students)
			sc.PrimaryQualifiedTeachers, sc.Teachers, sc.MultimediaRooms = data.Num(teachers), data.Num(teachers), data.Num(rooms)
			sc.PublicFundBudget, sc.TrainingFund, sc.PrimaryClasses = data.Num(rooms), data.Num(area), data.Num(rooms)
		}, primaryAt, primaryAt.with("code", "P2"), juniorAt)
		assertFinite(t, res)
	})
}

// eligible_teachers = 0 (and 0 rotated) was summarised as "交流轮岗教师比例：未提供" although
// it was filled in: the share cannot be computed, and the summary says why.
func TestZeroDenominator(t *testing.T) {
	p := national(t)
	res := passingCounty(t, p, passingFigures(t, p, "eligible_teachers = 2460\nrotated_teachers = 246\nrotated_backbone_teachers = 50",
		"eligible_teachers = 0\nrotated_teachers = 0\nrotated_backbone_teachers = 0"))
	it, _ := res.Item("G11")
	if it.Status != Pending || !strings.Contains(it.Summary, "无法计算（「eligible_teachers」为 0，不能作除数）") || strings.Contains(it.Summary, "未提供") {
		t.Errorf("G11: %s, %q", it.Status, it.Summary)
	}
	assertFinite(t, res)
}
