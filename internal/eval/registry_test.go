package eval

import (
	"maps"
	"math"
	"slices"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

// TestRegistry keeps eval's registries and standard's vocabulary the same: a rule or measure
// that standard accepts must have a function here, and a function here must be reachable from a
// profile.
func TestRegistry(t *testing.T) {
	if got, want := slices.Sorted(maps.Keys(rulesByName)), standard.RuleNames(); !slices.Equal(got, want) {
		t.Errorf("rules in eval = %v\nrules in standard = %v", got, want)
	}
	if got, want := slices.Sorted(maps.Keys(measuresByName)), slices.Sorted(slices.Values(standard.Measures())); !slices.Equal(got, want) {
		t.Errorf("measures in eval = %v\nmeasures in standard = %v", got, want)
	}
	for name, r := range rulesByName {
		if r.school == nil && r.judge == nil {
			t.Errorf("rule %s has neither a school check nor a judge", name)
		}
	}
}

// A profile built in Go skips validation: an unknown rule or measure leaves its item or values
// 待补充 instead of crashing the evaluation.
func TestUnregisteredNames(t *testing.T) {
	p := national(t)
	it, _ := p.Item("G5")
	it.Rule = "no_such_rule"
	p.Resource.Indicators[0].Measure = "no_such_measure"
	res := passingCounty(t, p, nil)
	if g5, _ := res.Item("G5"); g5.Status != Pending || g5.Summary != "未知的计算规则「no_such_rule」" {
		t.Errorf("G5 = %s %q", g5.Status, g5.Summary)
	}
	if r1 := res.Resource.Primary.Indicators[0]; r1.CVStatus != Pending || r1.UnitsMissing != 2 {
		t.Errorf("R1 = %s, %d missing", r1.CVStatus, r1.UnitsMissing)
	}
}

// A new indicator end to end: testdata/new-indicator.toml extends the national profile with R8
// 每百名学生拥有专任教师数 (measure "teachers") and is evaluated on the example county's data.
// The expected figures were computed by hand from data/schools.csv (split weights 1 : 1.1 :
// 1.32, special and vocational schools excluded): 1889.4359 teachers in primary units for 29673
// pupils, 1091.6766 in junior units for 13680 students.
func TestNewIndicatorEndToEnd(t *testing.T) {
	p, probs := standard.Open("testdata", "new-indicator.toml")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	county, probs := data.Load("../..", p)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	res := Evaluate(Input{Profile: p, County: county, Name: "示例县", Year: 2025})
	base := Evaluate(Input{Profile: national(t), County: county, Name: "示例县", Year: 2025})
	tests := []struct {
		level            standard.Level
		value, std, cv   float64
		units, meeting   int
		threshold, floor float64
	}{
		{standard.Primary, 6.367525798599548, 1.3145016391474669, 0.2064383687988471, 62, 59, 5.5, 0.85 * 5.5},
		{standard.Junior, 7.980092386263495, 0.5674424440048929, 0.07110725246510403, 21, 10, 8.0, 0.85 * 8.0},
	}
	for _, tt := range tests {
		lv := res.Resource.Of(tt.level)
		if len(lv.Indicators) != 8 || lv.Units != tt.units {
			t.Fatalf("%s: %d indicators, %d units", tt.level, len(lv.Indicators), lv.Units)
		}
		r8 := lv.Indicators[7]
		if r8.ID != "R8" || r8.Threshold != tt.threshold || r8.Floor != tt.floor || r8.UnitsMeeting != tt.meeting || r8.UnitsMissing != 0 || r8.UnitsBelowFloor != 0 {
			t.Errorf("%s R8 = %+v", tt.level, r8)
		}
		for _, x := range []struct {
			name      string
			got, want float64
		}{{"value", r8.Value.V, tt.value}, {"std", r8.Std.V, tt.std}, {"cv", r8.CV.V, tt.cv}} {
			if math.Abs(x.got-x.want) > 1e-12*x.want {
				t.Errorf("%s R8 %s = %v, want %v", tt.level, x.name, x.got, x.want)
			}
		}
		if r8.CVStatus != Met {
			t.Errorf("%s R8 CV status %s", tt.level, r8.CVStatus)
		}
		// The seven national indicators keep their figures.
		for k, ind := range base.Resource.Of(tt.level).Indicators {
			if got := lv.Indicators[k]; got.ID != ind.ID || got.Value != ind.Value || got.CV != ind.CV {
				t.Errorf("%s %s = %v / %v, national %v / %v", tt.level, ind.ID, got.Value, got.CV, ind.Value, ind.CV)
			}
		}
	}
	// 示例县第一小学: 78 teachers for 1443 pupils, 5.41 per hundred, under 5.5: R8 fails.
	for _, u := range res.Units {
		if u.Name == "示例县第一小学" {
			if v, _ := u.Values.Get("R8"); v.Value != 78.0/1443*100 || v.Meets || !slices.Contains(u.Failing, "R8") {
				t.Errorf("示例县第一小学 R8 = %+v, failing %v", v, u.Failing)
			}
		}
	}
}
