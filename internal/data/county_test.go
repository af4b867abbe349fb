package data

import (
	"os"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/standard"
)

// TestFiguresPlausible is the regression test for absurd county.toml numbers: a rate of 250
// made G9 达到 "250%", rotated > eligible teachers gave 45146.68%.
func TestFiguresPlausible(t *testing.T) {
	p, err := standard.Load(standard.Default)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ src, want string }{
		{"[G9]\ntraining_completion_rate = 250\n", `data/county.toml 第2行「G9.training_completion_rate」: "250" 比例应在 0–100 之间（填百分数，如 97.6）——教师5年360学时培训完成率`},
		{"[G13]\nnearby_primary_rate = -3\n", `"-3" 比例应在 0–100 之间`},
		{"[Q1]\njunior_retention_rate = nan\n", `第2行「Q1.junior_retention_rate」: "NaN" 不是有效的数字（nan、inf 不能用作填报数值）`},
		{"[Q2]\ndisabled_enrolment_rate = inf\n", `"+Inf" 不是有效的数字`},
		{"[G11]\neligible_teachers = 200\nrotated_teachers = 90321\n", `第3行「G11.rotated_teachers」: "90321" 本年度交流轮岗教师数不能大于符合交流条件教师总数（eligible_teachers = 200）`},
		{"[G11]\neligible_teachers = 200\nrotated_teachers = 20\nrotated_backbone_teachers = 21\n", `第4行「G11.rotated_backbone_teachers」: "21" 其中骨干教师数不能大于本年度交流轮岗教师数（rotated_teachers = 20）`},
		{"[G11]\neligible_teachers = 2.5\n", `"2.5" 应为整数`},
		{"[G11]\neligible_teachers = 1e300\n", `"1e+300" 不能大于 100000000（数值不合常理，请检查是否多填了位数）`},
		{"[G8]\nteacher_avg_salary = 0\n", `"0" 应为大于 0 的数字——义务教育学校教师年平均工资收入`},
		{"[G8]\ncivil_servant_avg_salary = 10000001\n", `不能大于 10000000`},
		{"[P1]\nbasic_balance_year = 17\n", `"17" 应为 1900–2100 之间的年份`},
		{"[P1]\nbasic_balance_year = 2017.5\n", `应为 1900–2100 之间的年份`},
		{"[Q9]\nschool_difference_rate = 11\n", `"11" 不能大于 1`},
		{"[county]\nresident_population = -1\n", `「county.resident_population」: "-1" 应为不小于 0 的数字`},
		{"[county]\nprivate_students = 12.5\n", `「county.private_students」: "12.5" 应为整数`},
		{"[county]\nrecognition_year = 26\n", `「county.recognition_year」: "26" 应为 1900–2100 之间的年份`},
		{"[county]\nrecognition_yaer = 2026\n", `recognition_year`},
		{"[S1]\nrespondents = 10.5\n", `「S1.respondents」: "10.5" 应为整数`},
	}
	for _, tt := range tests {
		f, probs := ParseFigures([]byte(tt.src), "data/county.toml", p)
		if f != nil || !strings.Contains(probs.Error(), tt.want) {
			t.Errorf("ParseFigures(%q) = %v\nwant error %s", tt.src, probs, tt.want)
		}
	}
}

func TestFiguresFractionWarning(t *testing.T) {
	p, err := standard.Load(standard.Default)
	if err != nil {
		t.Fatal(err)
	}
	f, probs := ParseFigures([]byte("[G9]\ntraining_completion_rate = 0.976\n[G13]\nnearby_junior_rate = 97.8\n"), "data/county.toml", p)
	if f == nil || probs.Err() != nil {
		t.Fatal(probs)
	}
	w := probs.Warnings()
	if len(w) != 1 || w[0].String() != `data/county.toml 第2行「G9.training_completion_rate」: "0.976" 比例填百分数，是否应填 97.6？——教师5年360学时培训完成率` {
		t.Errorf("warnings = %v", w)
	}
	// The figure itself is kept as entered.
	if f.Entry("G9").Numbers["training_completion_rate"] != 0.976 {
		t.Errorf("value changed: %v", f.Entry("G9").Numbers)
	}
	// The suggestion is the fraction as a percentage, without the float noise of ×100
	// (0.575×100 is 57.49999999999999).
	_, probs = ParseFigures([]byte("[G9]\ntraining_completion_rate = 0.575\n"), "data/county.toml", p)
	if w := probs.Warnings(); len(w) != 1 || !strings.Contains(w[0].Message, "是否应填 57.5？") {
		t.Errorf("warnings = %v", w)
	}
}

// TestFiguresValid checks that the example sites' figures are all plausible.
func TestFiguresValid(t *testing.T) {
	for _, tt := range []struct{ profile, path string }{
		{standard.Default, "../../data/county.toml"},
		{"hunan-2021", "../../examples/hunan/data/county.toml"},
	} {
		p, err := standard.Load(tt.profile)
		if err != nil {
			t.Fatal(err)
		}
		if _, probs := LoadFigures(tt.path, "data/county.toml", p); len(probs) > 0 {
			t.Errorf("%s: %v", tt.path, probs)
		}
	}
}

// TestFiguresAllAtOnce checks that every problem of county.toml is reported in one run.
func TestFiguresAllAtOnce(t *testing.T) {
	p, err := standard.Load(standard.Default)
	if err != nil {
		t.Fatal(err)
	}
	_, probs := ParseFigures([]byte("[G9]\ntraining_completion_rate = 250\n[G11]\neligible_teachers = -1\n[Q9]\nschool_difference_rate = nan\n[X1]\n"), "data/county.toml", p)
	for _, w := range []string{"第2行", "第4行", "第6行", "第7行「X1」"} {
		if !strings.Contains(probs.Error(), w) {
			t.Errorf("problems\n%v\nlack %s", probs, w)
		}
	}
}

// FuzzParseFigures checks that no county.toml makes ParseFigures panic and that every number
// it accepts is finite and plausible for its input.
func FuzzParseFigures(f *testing.F) {
	for _, path := range []string{"../../data/county.toml", "../../examples/hunan/data/county.toml", "../eval/testdata/county.toml"} {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("[G9]\ntraining_completion_rate = 250\n"))
	f.Add([]byte("[G11]\neligible_teachers = 1\nrotated_teachers = inf\n[S1]\nrespondents = nan\n"))
	f.Add([]byte("x = " + strings.Repeat("{a = ", 20) + "1" + strings.Repeat("}", 20)))
	national, err := standard.Load(standard.Default)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		figures, probs := ParseFigures(src, "data/county.toml", national)
		if figures == nil {
			if probs.Err() == nil {
				t.Fatal("nil figures without an error")
			}
			return
		}
		if v := figures.ResidentPopulation; v.Valid && countyKeys[0].Bounds().Check(v.Value) != "" {
			t.Fatalf("resident_population %v accepted", v.Value)
		}
		for id, e := range figures.Entries {
			it, ok := national.Item(id)
			if !ok {
				t.Fatalf("unknown item %s accepted", id)
			}
			inputs := it.Inputs
			if it.Rule == "survey" {
				inputs = surveyKeys
			}
			for key, v := range e.Numbers {
				in := findInput(inputs, key)
				if in == nil {
					t.Fatalf("unknown input %s.%s accepted", id, key)
				}
				if msg := in.Bounds().Check(v); msg != "" {
					t.Fatalf("%s.%s = %v accepted: %s", id, key, v, msg)
				}
			}
			for _, c := range it.Checks {
				part, ok1 := e.Numbers[c.Key]
				whole, ok2 := e.Numbers[c.Over]
				if c.Percent && ok1 && ok2 && part > whole {
					t.Fatalf("%s: part %v > whole %v accepted", id, part, whole)
				}
			}
		}
		for _, p := range probs {
			if p.File != "data/county.toml" || p.Message == "" {
				t.Fatalf("problem %+v", p)
			}
		}
	})
}

func findInput(inputs []standard.Input, key string) *standard.Input {
	for i := range inputs {
		if inputs[i].Key == key {
			return &inputs[i]
		}
	}
	return nil
}
