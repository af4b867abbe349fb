package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

func hunan(t testing.TB) *standard.Profile {
	t.Helper()
	p, err := standard.Load("hunan-2021")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// hunanFigures is a county.toml meeting every Hunan A item, with the B scores given.
func hunanFigures(t testing.TB, p *standard.Profile, scores map[string]string, edits ...string) *data.Figures {
	t.Helper()
	src := `[county]
resident_population = 100000
[H10]
integration_plan = true
standardised_construction = true
primary_students_per_staff = 19
junior_students_per_staff = 13.5
primary_fund_quota = 600
junior_fund_quota = 800
equipment_unified = true
[H16]
teacher_avg_salary = 100000
civil_servant_avg_salary = 100000
allowances_paid = true
performance_pay_full = true
[H17]
credit_management = true
training_completion_rate = 100
[H18]
staffing_adjusted = true
staffing_coordinated = true
central_school_manages_villages = true
[H19]
rotation_mechanism = true
eligible_teachers = 1000
rotated_teachers = 100
rotated_backbone_teachers = 20
[H21]
nearby_primary_rate = 100
nearby_junior_rate = 95
[H22]
quota_allocation_rate = 50
rural_priority = true
[H24]
migrant_public_rate = 85
[H25]
junior_retention_rate = 95
[H26]
disabled_enrolment_rate = 95
[H31]
level3_reached = true
school_difference_rate = 0.1
improvement_mechanism = true
[H36]
respondents = 200
approving = 170
parents = 100
[V1]
exam_admission = false
[V2]
illegal_school_choice = false
[V3]
key_schools_or_classes = false
[V4]
unfilled_posts_or_contract_teachers = false
[V5]
major_incident = false
[V6]
falsification = false
[P1]
basic_balance_year = 2020
[P5]
major_problem_this_year = false
`
	for i := 0; i+1 < len(edits); i += 2 {
		src = strings.Replace(src, edits[i], edits[i+1], 1)
	}
	for id, s := range scores {
		src += "[" + id + "]\nscores = " + s + "\n"
	}
	f, probs := data.ParseFigures([]byte(src), "data/county.toml", p)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return f
}

// fullScores gives every B item its full points but the ones named.
func fullScores(p *standard.Profile, over map[string]string) map[string]string {
	out := map[string]string{}
	for _, it := range p.Items {
		if it.Kind != "B" {
			continue
		}
		if s, ok := over[it.ID]; ok {
			out[it.ID] = s
			continue
		}
		var pts []string
		for _, sp := range it.Scoring {
			pts = append(pts, fmt.Sprint(sp.Points))
		}
		out[it.ID] = "[" + strings.Join(pts, ", ") + "]"
	}
	return out
}

func hunanCounty(t testing.TB, p *standard.Profile, f *data.Figures, extra ...row) *Result {
	t.Helper()
	rows := []row{primaryAt.with("training_fund", "5.6"), primaryAt.with("code", "P2", "name", "二小", "training_fund", "5.6"),
		juniorAt.with("training_fund", "7.2"), juniorAt.with("code", "J2", "name", "二中", "training_fund", "7.2")}
	table, probs := data.ParseCSV(tableCSV(append(rows, extra...)...), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	c := &data.County{Table: table, Figures: f, History: passingHistory()}
	e := f.Entry("H36")
	c.Survey = &data.Survey{Samples: e.Numbers["respondents"], Approving: e.Numbers["approving"], Parents: e.Numbers["parents"], HasParents: true}
	return Evaluate(Input{Profile: p, County: c, Name: "测试县", Year: 2025})
}

func TestHunanPassing(t *testing.T) {
	p := hunan(t)
	res := hunanCounty(t, p, hunanFigures(t, p, fullScores(p, nil)))
	if res.Conclusion != Met || res.Grade != "优秀" || !res.BScores.Total.OK || res.BScores.Total.V != 100 {
		t.Fatalf("conclusion %s grade %q total %v; failures %v pending %v", res.Conclusion, res.Grade, res.BScores.Total, res.Failures, res.Pending)
	}
	if len(res.Dimensions) != 1+len(p.Dimensions) || res.Dimensions[3].Name != "立德树人" || res.Dimensions[3].Met != 2 {
		t.Errorf("dimensions %+v", res.Dimensions)
	}
}

// B: an item at 79% of its points fails whatever the total; every item at exactly 80% passes
// with the lowest grade.
func TestHunanBScores(t *testing.T) {
	p := hunan(t)
	eighty := map[string]string{"H8": "[3, 2, 3, 0]", "H9": "[1, 2, 1]", "H23": "[2, 1, 1]", "H27": "[1, 3, 1, 2, 1, 0]",
		"H29": "[3, 2, 3]", "H30": "[1, 2, 1, 1, 1, 1, 1, 0]", "H32": "[3, 6, 5, 2, 0]", "H33": "[3, 2, 3, 0]", "H34": "[4, 4]", "H35": "[2, 2, 4, 0]"}
	tests := []struct {
		name       string
		over       map[string]string
		status     Status // of B as a whole
		conclusion Status
		grade      string
		total      float64
	}{
		// H32 (20 points) at 15.8 = 79%: fails although the total is 95.8.
		{"item at 79%", map[string]string{"H32": "[3, 6, 5, 1.8, 0]"}, NotMet, NotMet, "", 95.8},
		{"item at exactly 80%", map[string]string{"H32": "[3, 6, 5, 2, 0]"}, Met, Met, "优秀", 96},
		{"every item at 80%", eighty, Met, Met, "合格", 80},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := hunanCounty(t, p, hunanFigures(t, p, fullScores(p, tt.over)))
			b := res.BScores
			if b.Status != tt.status || res.Conclusion != tt.conclusion || res.Grade != tt.grade {
				t.Errorf("B %s, conclusion %s, grade %q; want %s %s %q (total %v)", b.Status, res.Conclusion, res.Grade, tt.status, tt.conclusion, tt.grade, b.Total)
			}
			if !near(b.Total.V, tt.total, 1e-9) {
				t.Errorf("total %v, want %v", b.Total.V, tt.total)
			}
		})
	}
}

// The totals 79.5, 80, 85, 86, 90 and 91 at and around the grade boundaries, all items at or
// above 80% of their points except where the total itself is below 80.
func TestHunanGradeBoundaries(t *testing.T) {
	p := hunan(t)
	tests := []struct {
		total  float64
		status Status
		grade  string
	}{
		{79.5, NotMet, ""}, {80, Met, "合格"}, {85, Met, "合格"}, {85.5, Met, "合格"}, {86, Met, "良好"}, {90, Met, "良好"}, {91, Met, "优秀"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.total), func(t *testing.T) {
			res := &Result{}
			for _, it := range p.Items {
				if it.Kind == "B" {
					// Spread the total over the items in proportion to their points.
					s := it.Points * tt.total / 100
					ratio := s / it.Points
					st := NotMet
					if meets(ratio, p.B.ItemRatio, 1e-9) {
						st = Met
					}
					res.Items = append(res.Items, Item{ID: it.ID, Kind: "B", Points: it.Points, Score: &Opt{V: s, OK: true}, Status: st})
				}
			}
			scoreB(p, res)
			if !near(res.BScores.Total.V, tt.total, 1e-9) || res.BScores.Status != tt.status || res.Grade != tt.grade {
				t.Errorf("total %v: %s %q; want %s %q", res.BScores.Total.V, res.BScores.Status, res.Grade, tt.status, tt.grade)
			}
		})
	}
}

func TestHunanScoresMissing(t *testing.T) {
	p := hunan(t)
	scores := fullScores(p, nil)
	delete(scores, "H34")
	res := hunanCounty(t, p, hunanFigures(t, p, scores))
	if res.Conclusion != Pending || res.BScores.Total.OK || res.Grade != "" {
		t.Errorf("conclusion %s total %v grade %q", res.Conclusion, res.BScores.Total, res.Grade)
	}
}

// Hunan: every school must meet all seven, and the county value must meet the threshold.
func TestHunanAllSeven(t *testing.T) {
	p := hunan(t)
	f := hunanFigures(t, p, fullScores(p, nil))
	res := hunanCounty(t, p, f, primaryAt.with("code", "S", "name", "差一项小学", "sports_area", "7499", "training_fund", "5.6"))
	var u Unit
	for _, x := range res.Units {
		if x.Code == "S" {
			u = x
		}
	}
	if u.Met != 6 || u.Status != NotMet || res.Conclusion != NotMet {
		t.Errorf("a unit meeting 6 of 7: %s (met %d), conclusion %s", u.Status, u.Met, res.Conclusion)
	}
	national := passingCounty(t, national(t), passingFigures(t, national(t)), primaryAt.with("code", "S", "sports_area", "7499"))
	if national.Conclusion != Met {
		t.Errorf("nationally the same unit passes (6 of 7), got %s", national.Conclusion)
	}
	// Two schools far below on R5 pull the county value under 7.5.
	low := hunanCounty(t, p, f, primaryAt.with("code", "L1", "name", "甲", "sports_area", "3000", "training_fund", "5.6"),
		primaryAt.with("code", "L2", "name", "乙", "sports_area", "3000", "training_fund", "5.6"))
	r5 := low.Resource.Primary.Indicators[4]
	if r5.ValueStatus != NotMet {
		t.Errorf("county R5 %v: value status %s", r5.Value.V, r5.ValueStatus)
	}
	found := false
	for _, fd := range low.Failures {
		found = found || (fd.Kind == "value" && fd.ID == "R5")
	}
	if !found {
		t.Error("the county value's shortfall is not listed")
	}
}

// Hunan's teacher-training funds: at least 8% of the public-fund budget.
func TestHunanTrainingFunds(t *testing.T) {
	p := hunan(t)
	f := hunanFigures(t, p, fullScores(p, nil))
	for _, tt := range []struct {
		fund string
		want Status
	}{{"5.6", Met}, {"5.59", NotMet}, {"3.5", NotMet}} { // budget 70 万元: 8% is 5.6
		res := hunanCounty(t, p, f, primaryAt.with("code", "T", "name", "丙", "training_fund", tt.fund))
		it, _ := res.Item("H28")
		if it.Status != tt.want {
			t.Errorf("training fund %s of 70: %s, want %s", tt.fund, it.Status, tt.want)
		}
	}
	nat := passingCounty(t, national(t), passingFigures(t, national(t)), primaryAt.with("code", "T", "training_fund", "3.5"))
	if it, _ := nat.Item("Q4"); it.Status != Met {
		t.Error("5% passes nationally")
	}
}

func TestHunanStaffingAndFunding(t *testing.T) {
	p := hunan(t)
	for _, tt := range []struct {
		from, to string
		want     Status
	}{
		{"primary_students_per_staff = 19", "primary_students_per_staff = 19.5", NotMet},
		{"junior_students_per_staff = 13.5", "junior_students_per_staff = 13", Met},
		{"primary_fund_quota = 600", "primary_fund_quota = 599", NotMet},
		{"junior_fund_quota = 800", "junior_fund_quota = 800", Met},
	} {
		res := hunanCounty(t, p, hunanFigures(t, p, fullScores(p, nil), tt.from, tt.to))
		if it, _ := res.Item("H10"); it.Status != tt.want {
			t.Errorf("%s: %s, want %s", tt.to, it.Status, tt.want)
		}
	}
}

// Local targets are judged beside the verdict and never change it.
func TestLocalTargets(t *testing.T) {
	p := national(t)
	table, _ := data.ParseCSV(tableCSV(primaryAt, primaryAt.with("code", "P2", "equipment_value", "450"), juniorAt, juniorAt.with("code", "J2")), "data/schools.csv")
	f := passingFigures(t, p, "disabled_enrolment_rate = 95", "disabled_enrolment_rate = 96.5")
	c := &data.County{Table: table, Figures: f, History: passingHistory(),
		Survey: &data.Survey{Samples: 200, Approving: 170, Parents: 100, HasParents: true}}
	res := Evaluate(Input{Profile: p, County: c, Year: 2025, LocalTargets: map[string]float64{
		"R6.primary": 4000, "Q2.disabled_enrolment_rate": 98, "Q9.school_difference_rate": 0.1}})
	if res.Conclusion != Met {
		t.Fatalf("conclusion %s: a local target must not change it (failures %v)", res.Conclusion, res.Failures)
	}
	got := map[string]LocalTarget{}
	for _, lt := range res.LocalTargets {
		got[lt.Path] = lt
	}
	r6 := got["R6.primary"]
	// R6 primary: 200 万 and 450 万 over 1000 pupils each: county value 3250, one school reaches 4000.
	if r6.Status != Met || r6.LocalStatus != NotMet || !near(r6.Value.V, 3250, 1e-9) || r6.UnitsMeeting != 1 || r6.Units != 2 {
		t.Errorf("R6 target %+v", r6)
	}
	if q2 := got["Q2.disabled_enrolment_rate"]; q2.Status != Met || q2.LocalStatus != NotMet || q2.Standard != 95 || q2.Target != 98 {
		t.Errorf("Q2 target %+v", q2)
	}
	if q9 := got["Q9.school_difference_rate"]; q9.LocalStatus != NotMet || q9.Op != "<" {
		t.Errorf("Q9 target %+v", q9)
	}
}
