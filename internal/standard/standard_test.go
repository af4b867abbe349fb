package standard

import (
	"strings"
	"testing"
)

func TestNationalProfile(t *testing.T) {
	p, err := Load("national-2017")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Resource.Indicators) != 7 {
		t.Fatalf("got %d resource indicators, want 7", len(p.Resource.Indicators))
	}
	want := map[string][2]float64{
		"R1": {4.2, 5.3}, "R2": {1, 1}, "R3": {0.9, 0.9}, "R4": {4.5, 5.8},
		"R5": {7.5, 10.2}, "R6": {2000, 2500}, "R7": {2.3, 2.4},
	}
	for _, ind := range p.Resource.Indicators {
		if w := want[ind.ID]; ind.Primary != w[0] || ind.Junior != w[1] {
			t.Errorf("%s thresholds = %v/%v, want %v", ind.ID, ind.Primary, ind.Junior, w)
		}
		if len(ind.Owners) == 0 {
			t.Errorf("%s has no 责任单位", ind.ID)
		}
	}
	count := map[string]int{}
	for _, it := range p.Items {
		count[it.Dimension]++
		if len(it.Owners) == 0 {
			t.Errorf("%s has no 责任单位", it.ID)
		}
	}
	if count["government"] != 15 || count["quality"] != 9 || count["survey"] != 1 || count["veto"] != 6 || count["eligibility"] != 5 {
		t.Errorf("items per dimension = %v, want G15 Q9 S1 V6 P5", count)
	}
	if p.Resource.CVLimit != (PerLevel{0.5, 0.45}) || p.Resource.MinMet != 6 || p.Resource.FloorRatio != 0.85 {
		t.Errorf("resource rules = %+v", p.Resource)
	}
}

func TestEveryRuleHasParams(t *testing.T) {
	p, err := Load(Default)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, it := range p.Items {
		used[it.Rule] = true
	}
	for rule := range Rules {
		if !used[rule] {
			t.Errorf("rule %s is not used by the national profile", rule)
		}
	}
}

func TestOverride(t *testing.T) {
	tests := []struct {
		name    string
		values  map[string]float64
		check   func(*Profile) bool
		wantErr string
	}{
		{"threshold", map[string]float64{"R6.primary": 2200}, func(p *Profile) bool {
			ind, _ := p.Indicator("R6")
			return ind.Primary == 2200 && ind.Junior == 2500
		}, ""},
		{"cv limit", map[string]float64{"resource.cv_limit.junior": 0.4}, func(p *Profile) bool { return p.Resource.CVLimit.Junior == 0.4 }, ""},
		{"rule param", map[string]float64{"G3.music_area": 100}, func(p *Profile) bool {
			it, _ := p.Item("G3")
			return it.Param("music_area") == 100
		}, ""},
		{"check value", map[string]float64{"G9.training_completion_rate": 98}, func(p *Profile) bool {
			it, _ := p.Item("G9")
			return it.Checks[0].Value == 98
		}, ""},
		{"decimals", map[string]float64{"resource.cv_decimals": 2}, func(p *Profile) bool { return p.Resource.CVDecimals == 2 }, ""},
		{"typo", map[string]float64{"R6.primry": 2200}, nil, "是否为「R6.primary」"},
		{"non-integer", map[string]float64{"resource.min_met": 6.5}, nil, "须为整数"},
		{"invalid result", map[string]float64{"resource.min_met": 8}, nil, "每校达标项数应在 1 到 7 之间"},
		{"bad decimals", map[string]float64{"resource.cv_decimals": 4}, nil, "差异系数比较位数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Load(Default)
			if err != nil {
				t.Fatal(err)
			}
			probs := p.Override("site.toml", tt.values)
			if tt.wantErr != "" {
				if !strings.Contains(probs.Error(), tt.wantErr) {
					t.Fatalf("error = %q, want it to contain %q", probs.Error(), tt.wantErr)
				}
				return
			}
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			if !tt.check(p) {
				t.Error("override not applied")
			}
		})
	}
}

func TestParseRejectsBadProfiles(t *testing.T) {
	base, _ := Source(Default)
	tests := []struct{ name, edit, want string }{
		{"unknown key", strings.Replace(string(base), "min_met = 6", "min_mett = 6", 1), "是否为「min_met」"},
		{"missing level", strings.Replace(string(base), "junior = 5.3\n", "", 1), "指标 R1 缺少初中标准值"},
		{"unknown rule", strings.Replace(string(base), `rule = "class_size"`, `rule = "class_sizes"`, 1), "是否为「class_size」"},
		{"missing param", strings.Replace(string(base), "min_funded_students = 100", "", 1), "缺少参数 params.min_funded_students"},
		{"undeclared input", strings.Replace(string(base), `checks = [{ key = "training_completion_rate"`, `checks = [{ key = "training_rate"`, 1), "未声明的输入项「training_rate」"},
		{"wrong type", strings.Replace(string(base), "min_met = 6", `min_met = "六"`, 1), "类型不符"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Parse("custom.toml", []byte(tt.edit))
			if !strings.Contains(probs.Error(), tt.want) {
				t.Fatalf("problems = %q, want %q", probs.Error(), tt.want)
			}
		})
	}
}

func TestUnknownProfile(t *testing.T) {
	_, err := Load("national-2071")
	if err == nil || !strings.Contains(err.Error(), "是否为「national-2017」") {
		t.Fatalf("err = %v", err)
	}
}
