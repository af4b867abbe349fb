package standard

import (
	"math"
	"slices"
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
	count := map[DimensionID]int{}
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
	for _, rule := range RuleNames() {
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
		{"non-integer", map[string]float64{"resource.min_met": 6.5}, nil, `site.toml「standard.override.resource.min_met」: "6.5" 应为整数`},
		{"invalid result", map[string]float64{"resource.min_met": 8}, nil, `"8" 不能大于 7`},
		// Regression: "R6.primary" = nan was accepted, and R6 showed 达到 with 0/62 schools meeting it.
		{"nan threshold", map[string]float64{"R6.primary": math.NaN()}, nil, `「standard.override.R6.primary」: "NaN" 不是有效的数字`},
		{"inf threshold", map[string]float64{"R6.junior": math.Inf(1)}, nil, `"+Inf" 不是有效的数字`},
		{"negative threshold", map[string]float64{"R1.primary": -1}, nil, `"-1" 应为大于 0 的数字`},
		{"zero threshold", map[string]float64{"R1.primary": 0}, nil, `"0" 应为大于 0 的数字`},
		{"cv limit zero", map[string]float64{"resource.cv_limit.primary": 0}, nil, `应为大于 0 的数字`},
		{"cv limit above 1", map[string]float64{"resource.cv_limit.junior": 1.5}, nil, `"1.5" 不能大于 1`},
		{"floor ratio above 1", map[string]float64{"resource.floor_ratio": 1.2}, nil, `"1.2" 不能大于 1`},
		{"floor ratio nan", map[string]float64{"resource.floor_ratio": math.NaN()}, nil, `不是有效的数字`},
		{"decimals 7", map[string]float64{"resource.cv_decimals": 7}, nil, `"7" 不能大于 6`},
		{"decimals fraction", map[string]float64{"resource.cv_decimals": 2.5}, nil, `"2.5" 应为整数`},
		{"rate above 100", map[string]float64{"G9.training_completion_rate": 250}, nil, `"250" 比例应在 0–100 之间`},
		{"param negative", map[string]float64{"G3.music_area": -5}, nil, `"-5" 应为不小于 0 的数字`},
		{"difference rate above 1", map[string]float64{"Q9.school_difference_rate": 15}, nil, `"15" 不能大于 1`},
		{"bad decimals", map[string]float64{"resource.cv_decimals": 4}, nil, "差异系数比较位数"},
		// A rule parameter is bounded by its kind in the rule table (it was any number up to 1e7).
		{"param year", map[string]float64{"G3.old_built_year": 20100}, nil, `"20100" 应为 1900–2100 之间的年份`},
		{"param count", map[string]float64{"G3.classes_per_room": 12.5}, nil, `"12.5" 应为整数`},
		{"param ratio", map[string]float64{"G4.migrant_share": 50}, nil, `"50" 不能大于 1`},
		{"param percent", map[string]float64{"S1.min_rate": 150}, nil, `"150" 比例应在 0–100 之间`},
		{"param ratio ok", map[string]float64{"P2.primary_limit": 0.55}, func(p *Profile) bool {
			it, _ := p.Item("P2")
			return it.Param("primary_limit") == 0.55
		}, ""},
		// Regression: a value within its bounds but refused by the profile's check (cv_decimals 5)
		// was not reported when another override was out of bounds: two rounds of fixing.
		{"all at once", map[string]float64{"R6.primary": -1, "resource.cv_decimals": 5}, nil, `「standard.override.resource.cv_decimals」: 差异系数比较位数只能是 0（不舍入）、2 或 3，现为 5`},
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
		{"unknown measure", strings.Replace(string(base), `measure = "multimedia_rooms"`, `measure = "multimedia_room"`, 1), "measure「multimedia_room」未知"},
		{"unknown param", strings.Replace(string(base), "min_funded_students = 100", "min_funded_students = 100\nmin_funded = 1", 1), "规则 small_school_funding 没有参数 params.min_funded"},
		{"missing param", strings.Replace(string(base), "min_funded_students = 100", "", 1), "缺少参数 params.min_funded_students"},
		{"undeclared input", strings.Replace(string(base), `checks = [{ key = "training_completion_rate"`, `checks = [{ key = "training_rate"`, 1), "未声明的输入项「training_rate」"},
		{"wrong type", strings.Replace(string(base), "min_met = 6", `min_met = "六"`, 1), "类型不符"},
		{"too many items", string(base) + strings.Repeat("[[items]]\nid = \"Z\"\nname = \"z\"\ndimension = \"veto\"\nsame_as = \"G1\"\n", 300), "custom.toml「items」: 有 336 项，超过 300 项的上限"},
		{"nan threshold", strings.Replace(string(base), "junior = 5.3\n", "junior = nan\n", 1), `custom.toml「R1.junior」: "NaN" 不是有效的数字`},
		{"input bounds", strings.Replace(string(base), `type = "number", max = 1,`, `type = "number", max = -1,`, 1), "min、max 应为有限的数"},
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

func TestHunanProfile(t *testing.T) {
	p, err := Load("hunan-2021")
	if err != nil {
		t.Fatal(err)
	}
	a, b, points := len(p.Resource.Indicators), 0, 0.0
	numbers := map[int]bool{}
	for _, ind := range p.Resource.Indicators {
		numbers[ind.Number] = true
	}
	for _, it := range p.Items {
		if it.Dimension == DimVeto || it.Dimension == DimEligibility {
			continue
		}
		numbers[it.Number] = true
		if it.Kind == "B" {
			b++
			points += it.Points
		} else {
			a++
		}
	}
	if a != 26 || b != 10 || points != 100 {
		t.Errorf("A %d, B %d, B points %v; want 26, 10, 100", a, b, points)
	}
	for n := 1; n <= 36; n++ {
		if !numbers[n] {
			t.Errorf("indicator %d is missing", n)
		}
	}
	if p.Resource.MinMet != 7 || !p.Resource.CountyMustMeet {
		t.Error("Hunan requires all seven and the county value")
	}
	var dims []string
	for _, d := range p.Dimensions {
		dims = append(dims, d.Name)
	}
	if strings.Join(dims[:5], " ") != "政府保障程度 教育质量 立德树人 信息化建设 社会认可度" {
		t.Errorf("dimensions %v", dims)
	}
	train, _ := p.Item("H28")
	h10, _ := p.Item("H10")
	if train.Param("min_share") != 8 || h10.Checks[2].Value != 19 || h10.Checks[3].Value != 13.5 || h10.Checks[4].Value != 600 || h10.Checks[5].Value != 800 {
		t.Error("Hunan's numbers: 8% training funds, 1:19 and 1:13.5, 600 and 800 元")
	}
	b8 := map[string]float64{"H8": 10, "H9": 5, "H23": 5, "H27": 10, "H29": 10, "H30": 10, "H32": 20, "H33": 10, "H34": 10, "H35": 10}
	for id, pts := range b8 {
		if it, ok := p.Item(id); !ok || it.Kind != "B" || it.Points != pts {
			t.Errorf("%s should be a B item of %v points", id, pts)
		}
	}
	if _, ok := p.Item("G1"); ok {
		t.Error("the national G items must be replaced")
	}
	if it, ok := p.Item("P3"); !ok || it.SameAs != "H31" {
		t.Error("P3 follows H31")
	}
	if p.B.Grade(85.5, 1e-9) != "合格" || p.B.Grade(86, 1e-9) != "良好" || p.B.Grade(91, 1e-9) != "优秀" || p.B.Grade(79.5, 1e-9) != "" {
		t.Error("grades")
	}
}

// A custom profile extends a built-in one; its mistakes are reported precisely.
func TestCustomProfiles(t *testing.T) {
	ok := `id = "my-county"
name = "某省标准"
extends = "hunan-2021"
[resource]
cv_decimals = 2
[[items]]
id = "H28"
number = 28
dimension = "quality"
name = "教师培训经费不低于10%"
short = "教师培训经费"
owners = ["教育局"]
rule = "training_fund_share"
types = ["小学"]
[items.params]
min_share = 10
`
	p, probs := Parse("profiles/my.toml", []byte(ok))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	it, _ := p.Item("H28")
	if p.ID != "my-county" || p.Resource.CVDecimals != 2 || p.Resource.MinMet != 7 || it.Param("min_share") != 10 || !p.HasB() {
		t.Errorf("extended profile %+v", p.Resource)
	}
	tests := []struct{ name, src, want string }{
		{"unknown key", strings.Replace(ok, "cv_decimals = 2", "cv_decimal = 2", 1), "是否为「cv_decimals」"},
		{"unknown base", strings.Replace(ok, `extends = "hunan-2021"`, `extends = "hunan-2012"`, 1), "未知的评估标准「hunan-2012」"},
		{"B points not 100", ok + "\n[[items]]\nid = \"H8\"\nnumber = 8\nkind = \"B\"\npoints = 12\ndimension = \"government\"\nname = \"保障教育优先发展\"\nowners = [\"县人民政府\"]\nscoring = [{ label = \"甲\", points = 12 }]\n", "B 类指标总分为 102，应为 100"},
		{"scoring does not add up", ok + "\n[[items]]\nid = \"H9\"\nnumber = 9\nkind = \"B\"\npoints = 5\ndimension = \"government\"\nname = \"规划布局\"\nowners = [\"教育局\"]\nscoring = [{ label = \"甲\", points = 3 }]\n", "各评估要点分值之和为 3，与指标分值 5 不符"},
		{"scoring sum without float noise", ok + "\n[[items]]\nid = \"H9\"\nnumber = 9\nkind = \"B\"\npoints = 5\ndimension = \"government\"\nname = \"规划布局\"\nowners = [\"教育局\"]\nscoring = [{ label = \"甲\", points = 0.1 }, { label = \"乙\", points = 0.2 }]\n", "各评估要点分值之和为 0.3，与指标分值 5 不符"},
		{"threshold missing for a level", `id = "x"
name = "x"
dimensions = [{ id = "government", name = "政府保障程度" }]
[resource]
min_met = 6
floor_ratio = 0.85
cv_limit = { primary = 0.5, junior = 0.45 }
split_weight = { primary = 1, junior = 1.1, senior = 1.32 }
[[resource.indicators]]
id = "R1"
measure = "qualified_teachers"
name = "高于规定学历教师"
primary = 4.2
`, "指标 R1 缺少初中标准值"},
		{"indicator without unit", `id = "x"
name = "x"
dimensions = [{ id = "government", name = "政府保障程度" }]
[resource]
min_met = 1
floor_ratio = 0.85
cv_limit = { primary = 0.5, junior = 0.45 }
split_weight = { primary = 1, junior = 1.1, senior = 1.32 }
[[resource.indicators]]
id = "R1"
measure = "qualified_teachers"
name = "高于规定学历教师"
primary = 4.2
junior = 5.3
`, "指标 R1 缺少单位 unit"},
		{"remove unknown item", strings.Replace(ok, `extends = "hunan-2021"`, "extends = \"hunan-2021\"\nremove = [\"H99\"]", 1), "基础评估标准 hunan-2021 中没有这一项"},
		{"unknown dimension", strings.Replace(ok, `dimension = "quality"`, `dimension = "qualty"`, 1), "未知的维度「qualty」"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Parse("profiles/my.toml", []byte(tt.src))
			if !strings.Contains(probs.Error(), tt.want) {
				t.Errorf("problems %v, want %q", probs, tt.want)
			}
		})
	}
}

// The rule table is sorted for Rule's binary search and names each parameter once.
func TestRuleTable(t *testing.T) {
	names := RuleNames()
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Errorf("rule names %v are not sorted and unique", names)
	}
	for _, name := range names {
		r, ok := Rule(name)
		if !ok || r.Name != name {
			t.Errorf("Rule(%q) = %v, %v", name, r, ok)
		}
		params := r.ParamNames()
		slices.Sort(params)
		if len(slices.Compact(params)) != len(r.Params) {
			t.Errorf("rule %s names a parameter twice", name)
		}
	}
	if _, ok := Rule("no_such_rule"); ok {
		t.Error("Rule found an unknown rule")
	}
	r, _ := Rule("school_size")
	if p, ok := r.Param("migrant_share"); !ok || p.Kind != Ratio {
		t.Errorf("school_size migrant_share = %v, %v", p, ok)
	}
}
