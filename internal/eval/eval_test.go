package eval

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/standard"
)

func TestPassingCounty(t *testing.T) {
	p := national(t)
	res := passingCounty(t, p, passingFigures(t, p))
	if res.Conclusion != Met {
		t.Fatalf("conclusion = %s; failures %v; pending %v", res.Conclusion, res.Failures, res.Pending)
	}
	if res.Eligibility != Met {
		t.Errorf("eligibility = %s", res.Eligibility)
	}
	for _, l := range standard.Levels {
		lr := res.Resource.Of(l)
		if lr.Units != 2 || lr.UnitsPassing != 2 {
			t.Errorf("%s: %d units, %d passing", l, lr.Units, lr.UnitsPassing)
		}
		for _, ind := range lr.Indicators {
			if !ind.CV.OK || ind.CV.V != 0 || !ind.CVOK || ind.Value.V < ind.Threshold*(1-1e-9) {
				t.Errorf("%s %s: value %v CV %v ok %v", l, ind.ID, ind.Value, ind.CV, ind.CVOK)
			}
		}
	}
}

func TestUnitRule(t *testing.T) {
	tests := []struct {
		name string
		unit row
		want Status
		met  int
	}{
		{"all exactly at threshold", primaryAt, Met, 7},
		{"one just below threshold, above floor", primaryAt.with("sports_area", "7499"), Met, 6},
		{"one exactly at the 85% floor", primaryAt.with("sports_area", "6375"), Met, 6},
		{"one just below the 85% floor", primaryAt.with("sports_area", "6374.9"), NotMet, 6},
		{"two below threshold", primaryAt.with("sports_area", "7499", "teaching_area", "4499"), NotMet, 5},
		{"R1 at 4.2 from 42/1000", primaryAt.with("primary_qualified_teachers", "42"), Met, 7},
		{"R1 at 41/1000 is below", primaryAt.with("primary_qualified_teachers", "41"), Met, 6},
		{"blank cell", primaryAt.with("teaching_area", ""), Pending, 6},
		{"blank cell but fails anyway", primaryAt.with("teaching_area", "", "sports_area", "6000"), NotMet, 5},
		{"blank cell and one below threshold", primaryAt.with("teaching_area", "", "sports_area", "7000"), Pending, 5},
		{"junior at thresholds", juniorAt, Met, 7},
		{"junior R4 just below floor", juniorAt.with("teaching_area", "4929"), NotMet, 6},
		{"junior R4 at floor 4.93", juniorAt.with("teaching_area", "4930"), Met, 6},
	}
	p := national(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			other := primaryAt.with("code", "X")
			if tt.unit["type"] == "初级中学" {
				other = juniorAt.with("code", "X")
			}
			res := evaluate(t, p, nil, tt.unit, other)
			u := res.Units[0]
			if u.Status != tt.want || u.Met != tt.met || u.Pass != (tt.want == Met) {
				t.Errorf("status %s met %d pass %v; want %s %d", u.Status, u.Met, u.Pass, tt.want, tt.met)
			}
		})
	}
}

func TestUnitRuleAllSevenProfile(t *testing.T) {
	// Hunan's reading: every unit must meet all 7 (min_met = 7).
	p := national(t)
	if probs := p.Override("site.toml", map[string]float64{"resource.min_met": 7}); len(probs) > 0 {
		t.Fatal(probs)
	}
	res := evaluate(t, p, nil, primaryAt.with("sports_area", "7499"), primaryAt.with("code", "X"))
	if res.Units[0].Status != NotMet {
		t.Errorf("with min_met 7 a unit meeting 6 must fail, got %s", res.Units[0].Status)
	}
}

func TestExclusions(t *testing.T) {
	tp := primaryAt.with("type", "教学点", "migrant_students", "0", "area", "乡村", "primary_classes", "3", "primary_max_class", "20",
		"funded_students", "100", "music_rooms", "1", "art_rooms", "1")
	rows := []row{
		primaryAt,
		tp.with("code", "T49", "name", "四十九人教学点", "primary_students", "49"),
		tp.with("code", "T50", "name", "五十人教学点", "primary_students", "50"),
		primaryAt.with("code", "S1", "name", "特殊教育学校", "type", "特殊教育学校", "migrant_students", "0", "primary_students", "80", "public_fund_per_student", "6000"),
		row{"code": "V1", "name": "职业学校", "type": "职业学校", "teachers": "50", "certified_teachers": "50"},
	}
	res := evaluate(t, national(t), nil, rows...)
	reasons := map[string]string{}
	for _, e := range res.Excluded {
		reasons[e.Code] = e.Reason
	}
	want := map[string]string{
		"T49": "教学点在校生不足50人（49人）",
		"S1":  "特殊教育学校不参与资源配置评估",
		"V1":  "职业学校不参与资源配置评估",
	}
	for code, reason := range want {
		if reasons[code] != reason {
			t.Errorf("%s excluded for %q, want %q", code, reasons[code], reason)
		}
	}
	if len(res.Excluded) != 3 {
		t.Errorf("excluded %v", res.Excluded)
	}
	found := false
	for _, u := range res.Units {
		found = found || u.Code == "T50"
	}
	if !found {
		t.Error("a 教学点 with 50 students must be evaluated")
	}
}

func TestSplitUnits(t *testing.T) {
	nine := primaryAt.with("code", "N1", "name", "新城学校", "type", "九年一贯制学校", "primary_students", "166", "junior_students", "210",
		"primary_classes", "6", "junior_classes", "6", "junior_max_class", "40", "junior_qualified_teachers", "12",
		"junior_backbone_teachers", "3", "junior_pe_art_teachers", "2", "teaching_area", "23226")
	complete := juniorAt.with("code", "C1", "name", "第一中学", "type", "完全中学", "senior_students", "400", "junior_students", "600")
	res := evaluate(t, national(t), nil, nine, complete, primaryAt)
	byKey := map[string]Unit{}
	for _, u := range res.Units {
		byKey[u.Code+"/"+string(u.Level)] = u
	}
	p, j := byKey["N1/primary"], byKey["N1/junior"]
	if p.Name != "新城学校（小学部）" || j.Name != "新城学校（初中部）" || !p.Split {
		t.Errorf("names %q, %q", p.Name, j.Name)
	}
	if !near(p.Share, 0.418136, 5e-7) || p.Students != 166 || j.Students != 210 {
		t.Errorf("primary share %v, students %v/%v", p.Share, p.Students, j.Students)
	}
	r4p, _ := p.Values.Get("R4")
	r4j, _ := j.Values.Get("R4")
	if !near(r4p.Numerator, 9711.63, 0.005) || !near(r4j.Numerator, 13514.37, 0.005) {
		t.Errorf("split areas %.2f / %.2f, want 9711.63 / 13514.37", r4p.Numerator, r4j.Numerator)
	}
	if !near(r4p.Value, 9711.63/166, 1e-4) {
		t.Errorf("primary R4 = %v", r4p.Value)
	}
	// Teachers are not split: each part keeps its level's count.
	r1j, _ := j.Values.Get("R1")
	if !near(r1j.Value, 12.0/210*100, 1e-12) {
		t.Errorf("junior R1 = %v, want %v", r1j.Value, 12.0/210*100)
	}
	c := byKey["C1/junior"]
	if _, hasPrimary := byKey["C1/primary"]; hasPrimary || c.Name != "第一中学（初中部）" || !near(c.Share, 600/(600+1.2*400), 1e-12) {
		t.Errorf("完全中学 unit %+v", c)
	}
	if s := byKey["P1/primary"]; s.Split || s.Share != 1 || s.Name != "标准小学" {
		t.Errorf("plain school %+v", s)
	}
}

func TestSharedTeachersAndLeasedGround(t *testing.T) {
	rural := primaryAt.with("area", "乡村", "migrant_students", "0", "primary_pe_art_teachers", "0", "shared_pe_art_teachers", "1", "primary_classes", "4", "primary_max_class", "25")
	tests := []struct {
		name     string
		unit     row
		id       string
		want     float64
		warnings int
	}{
		{"rural 50 pupils count shared teachers", rural.with("primary_students", "50"), "R3", 2, 0},
		{"rural 99 pupils count shared teachers", rural.with("primary_students", "99"), "R3", 100.0 / 99, 0},
		{"rural 100 pupils do not", rural.with("primary_students", "100"), "R3", 0, 1},
		{"rural 49 pupils do not", rural.with("primary_students", "49"), "R3", 0, 1},
		{"urban schools do not", rural.with("area", "城区", "primary_students", "80"), "R3", 0, 1},
		{"urban leased ground counts", primaryAt.with("sports_area", "6000", "extra_sports_area", "1500"), "R5", 7.5, 0},
		{"town leased ground does not", primaryAt.with("area", "镇区", "sports_area", "6000", "extra_sports_area", "1500"), "R5", 6, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := evaluate(t, national(t), nil, tt.unit, primaryAt.with("code", "X"))
			v, _ := res.Units[0].Values.Get(tt.id)
			if !near(v.Value, tt.want, 1e-9) {
				t.Errorf("%s = %v, want %v", tt.id, v.Value, tt.want)
			}
			if len(res.Warnings) != tt.warnings {
				t.Errorf("warnings %v", res.Warnings)
			}
		})
	}
}

// twoUnitsCV returns a county whose primary R4 values are 4.5 and x (two 1000-pupil schools),
// so that CV = (x − 4.5) / (x + 4.5).
func twoUnitsCV(t *testing.T, p *standard.Profile, area string) *Indicator {
	res := evaluate(t, p, nil, primaryAt, primaryAt.with("code", "X", "teaching_area", area))
	ind := res.Resource.Primary.Indicators[3]
	if ind.ID != "R4" {
		t.Fatal(ind.ID)
	}
	return &ind
}

func TestCVLimit(t *testing.T) {
	tests := []struct {
		name           string
		area           string
		decimals       float64
		cv             float64
		ok, critical   bool
		compareDecimal bool
	}{
		{"exactly at the limit", "13500", 0, 0.5, true, true, false},
		{"just over the limit", "13510", 0, 9010.0 / 18010, false, true, false},
		{"just over, compared at 2 decimals", "13510", 2, 9010.0 / 18010, true, true, true},
		{"0.506 at 2 decimals still fails", "13720", 2, 9220.0 / 18220, false, false, true},
		{"0.494 is not critical", "13285", 0, 8785.0 / 17785, true, false, false},
		{"0.496 is critical", "13322", 0, 8822.0 / 17822, true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := national(t)
			if tt.compareDecimal {
				p.Override("site.toml", map[string]float64{"resource.cv_decimals": tt.decimals})
			}
			ind := twoUnitsCV(t, p, tt.area)
			if !near(ind.CV.V, tt.cv, 1e-12) {
				t.Fatalf("CV = %.6f, want %.6f", ind.CV.V, tt.cv)
			}
			if ind.CVOK != tt.ok || ind.CVCritical != tt.critical {
				t.Errorf("CV %.6f: ok %v critical %v; want %v %v", ind.CV.V, ind.CVOK, ind.CVCritical, tt.ok, tt.critical)
			}
		})
	}
}

func TestCVUndefined(t *testing.T) {
	p := national(t)
	one := evaluate(t, p, nil, primaryAt)
	ind := one.Resource.Primary.Indicators[0]
	if ind.CV.OK || ind.CVStatus != NotApplicable || ind.CVNote == "" {
		t.Errorf("one unit: %+v", ind)
	}
	blank := evaluate(t, p, nil, primaryAt, primaryAt.with("code", "X", "teaching_area", ""))
	r4 := blank.Resource.Primary.Indicators[3]
	if r4.CV.OK || r4.CVStatus != Pending || r4.UnitsMissing != 1 {
		t.Errorf("missing data: %+v", r4)
	}
	out, err := blank.JSON()
	if err != nil || strings.Contains(string(out), "NaN") {
		t.Errorf("JSON has NaN or fails: %v", err)
	}
}

func TestConclusion(t *testing.T) {
	p := national(t)
	tests := []struct {
		name    string
		edits   []string
		extra   []row
		want    Status
		failing []string
		pending []string
	}{
		{"all met", nil, nil, Met, nil, nil},
		{"a missing figure", []string{"training_completion_rate = 100", ""}, nil, Pending, nil, []string{"G9"}},
		{"a failing figure", []string{"training_completion_rate = 100", "training_completion_rate = 99.9"}, nil, NotMet, []string{"G9"}, nil},
		{"failing and missing", []string{"training_completion_rate = 100", "training_completion_rate = 99.9", "ict_teaching = true", ""}, nil, NotMet, []string{"G9"}, []string{"Q5"}},
		{"a veto", []string{"exam_admission = false", "exam_admission = true"}, nil, NotMet, []string{"V1"}, nil},
		{"a failing unit", nil, []row{primaryAt.with("code", "F", "sports_area", "6000")}, NotMet, []string{"R"}, nil},
		{"a missing cell", nil, []row{primaryAt.with("code", "F", "equipment_value", "")}, Pending, nil, []string{"R6", "R"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := passingCounty(t, p, passingFigures(t, p, tt.edits...), tt.extra...)
			if res.Conclusion != tt.want {
				t.Errorf("conclusion %s, want %s; failures %v; pending %v", res.Conclusion, tt.want, res.Failures, res.Pending)
			}
			if got := findingIDs(res.Failures); !equal(got, tt.failing) {
				t.Errorf("failures %v, want %v", got, tt.failing)
			}
			if got := findingIDs(res.Pending); !equal(got, tt.pending) {
				t.Errorf("pending %v, want %v", got, tt.pending)
			}
		})
	}
}

func TestTableOnlyIsNeverMet(t *testing.T) {
	res := passingCounty(t, national(t), nil)
	if res.Conclusion != Pending {
		t.Fatalf("conclusion without county figures = %s, want 待补充", res.Conclusion)
	}
	for _, it := range res.Items {
		if !it.Computed && it.Dimension != "eligibility" && it.Status == Met {
			t.Errorf("%s is 达到 without data", it.ID)
		}
	}
}

func findingIDs(fs []Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.ID)
	}
	return ids
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// 室内体育用房面积, when filled, moves the indoor sports rooms out of R4's 教学及辅助用房 (which
// in 教育事业统计 includes them) and into R5's 体育运动场馆 (the statistics' 运动场地 leave them out).
func TestIndoorSportsArea(t *testing.T) {
	tests := []struct {
		name     string
		unit     row
		r4, r5   float64
		met      int
		failing  []string
		warnings int
	}{
		{"blank: areas as they stand", primaryAt.with("indoor_sports_area", ""), 4.5, 7.5, 7, nil, 0},
		{"0: areas as they stand", primaryAt.with("indoor_sports_area", "0"), 4.5, 7.5, 7, nil, 0},
		{"primary at both thresholds", primaryAt.with("teaching_area", "5000", "sports_area", "7000", "indoor_sports_area", "500"), 4.5, 7.5, 7, nil, 0},
		{"primary R4 just below", primaryAt.with("teaching_area", "4999", "sports_area", "7000", "indoor_sports_area", "500"), 4.499, 7.5, 6, []string{"R4"}, 0},
		{"primary R5 just below", primaryAt.with("teaching_area", "5000", "sports_area", "6999", "indoor_sports_area", "500"), 4.5, 7.499, 6, []string{"R5"}, 0},
		{"without the column the same areas fail R5", primaryAt.with("teaching_area", "5000", "sports_area", "7000"), 5, 7, 6, []string{"R5"}, 0},
		{"town school counts its indoor rooms", primaryAt.with("area", "镇区", "teaching_area", "5000", "sports_area", "7000", "indoor_sports_area", "500"), 4.5, 7.5, 7, nil, 0},
		{"with leased ground", primaryAt.with("teaching_area", "5000", "sports_area", "5500", "extra_sports_area", "1500", "indoor_sports_area", "500"), 4.5, 7.5, 7, nil, 0},
		{"junior at both thresholds", juniorAt.with("teaching_area", "6300", "sports_area", "9700", "indoor_sports_area", "500"), 5.8, 10.2, 7, nil, 0},
		{"junior R4 just below", juniorAt.with("teaching_area", "6299", "sports_area", "9700", "indoor_sports_area", "500"), 5.799, 10.2, 6, []string{"R4"}, 0},
		{"junior R5 just below", juniorAt.with("teaching_area", "6300", "sports_area", "9699", "indoor_sports_area", "500"), 5.8, 10.199, 6, []string{"R5"}, 0},
		{"junior R4 at its floor 4.93", juniorAt.with("teaching_area", "5430", "indoor_sports_area", "500", "sports_area", "9700"), 4.93, 10.2, 6, []string{"R4"}, 0},
	}
	p := national(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			other := primaryAt.with("code", "X")
			if tt.unit["type"] == "初级中学" {
				other = juniorAt.with("code", "X")
			}
			res := evaluate(t, p, nil, tt.unit, other)
			u := res.Units[0]
			r4, _ := u.Values.Get("R4")
			r5, _ := u.Values.Get("R5")
			if !near(r4.Value, tt.r4, 1e-9) || !near(r5.Value, tt.r5, 1e-9) {
				t.Errorf("R4 = %v, R5 = %v; want %v, %v", r4.Value, r5.Value, tt.r4, tt.r5)
			}
			if u.Met != tt.met || strings.Join(u.Failing, ",") != strings.Join(tt.failing, ",") {
				t.Errorf("met %d failing %v; want %d %v", u.Met, u.Failing, tt.met, tt.failing)
			}
			if len(res.Warnings) != tt.warnings {
				t.Errorf("warnings %v", res.Warnings)
			}
		})
	}
}

// A split campus splits the indoor rooms like its other areas: 九年一贯制 of 166 + 210 pupils,
// primary share 166 / (166 + 1.1 × 210) = 0.418136.
func TestIndoorSportsAreaSplit(t *testing.T) {
	nine := primaryAt.with("code", "N1", "name", "新城学校", "type", "九年一贯制学校", "primary_students", "166", "junior_students", "210",
		"primary_classes", "6", "junior_classes", "6", "junior_max_class", "40", "junior_qualified_teachers", "12",
		"junior_backbone_teachers", "3", "junior_pe_art_teachers", "2",
		"teaching_area", "23226", "sports_area", "6000", "indoor_sports_area", "1000")
	res := evaluate(t, national(t), nil, nine, primaryAt)
	want := map[string][2]float64{ // R4 and R5 numerators, computed by hand
		"primary": {22226 * 0.4181360201511335, 7000 * 0.4181360201511335}, // 9293.49, 2926.95
		"junior":  {22226 * 0.5818639798488665, 7000 * 0.5818639798488665}, // 12932.51, 4073.05
	}
	for _, u := range res.Units {
		w, ok := want[string(u.Level)]
		if u.Code != "N1" || !ok {
			continue
		}
		r4, _ := u.Values.Get("R4")
		r5, _ := u.Values.Get("R5")
		if !near(r4.Numerator, w[0], 1e-6) || !near(r5.Numerator, w[1], 1e-6) {
			t.Errorf("%s: R4 %v, R5 %v; want %v, %v", u.Level, r4.Numerator, r5.Numerator, w[0], w[1])
		}
		delete(want, string(u.Level))
	}
	if len(want) > 0 {
		t.Errorf("units missing: %v", want)
	}
}

// A blank 教学及辅助用房面积 leaves R4 待补充 whatever the indoor rooms; R5 is computed.
func TestIndoorSportsAreaWithoutTeachingArea(t *testing.T) {
	res := evaluate(t, national(t), nil, primaryAt.with("teaching_area", "", "sports_area", "7000", "indoor_sports_area", "500"), primaryAt.with("code", "X"))
	u := res.Units[0]
	r4, _ := u.Values.Get("R4")
	r5, _ := u.Values.Get("R5")
	if r4.Valid || !r5.Valid || r5.Value != 7.5 || u.Status != Pending || strings.Join(u.Missing, ",") != "教学及辅助用房面积" {
		t.Errorf("R4 %+v, R5 %+v, status %s, missing %v", r4, r5, u.Status, u.Missing)
	}
}
