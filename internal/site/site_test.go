package site

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/eval"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// The example county's evaluation.json is a golden file: a change to it must be deliberate.
func TestExampleGolden(t *testing.T) {
	s, probs := Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	res := s.Evaluate()
	got, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "example-evaluation.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("evaluation.json differs from %s (run go test ./internal/site -update after checking the change)", golden)
	}
	again, _ := s.Evaluate().JSON()
	if !bytes.Equal(got, again) {
		t.Fatal("two evaluations of the same data differ")
	}
}

// The example county's figures, checked by hand against data/schools.csv (see the comments).
func TestExampleFigures(t *testing.T) {
	s, probs := Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	res := s.Evaluate()
	if res.Conclusion != eval.NotMet || res.Eligibility != eval.Met {
		t.Errorf("conclusion %s, eligibility %s", res.Conclusion, res.Eligibility)
	}
	if len(res.Units)+len(res.Excluded) < 80 {
		t.Errorf("only %d units", len(res.Units))
	}
	var failing []string
	for _, u := range res.Units {
		if u.Status != eval.Met {
			failing = append(failing, u.Name)
		}
	}
	want := "示例县第三小学 白杨镇初级中学 龙泉乡中心学校（初中部）"
	if strings.Join(failing, " ") != want {
		t.Errorf("failing units %v, want %s", failing, want)
	}
	// 示例县第三小学: 8899.9 m² of sports ground for 1459 pupils = 6.1000 m², under 6.375.
	for _, u := range res.Units {
		if u.Name == "示例县第三小学" {
			v, _ := u.Values.Get("R5")
			if v.Value != 8899.9/1459 {
				t.Errorf("R5 = %v", v.Value)
			}
		}
	}
	// The primary sports-ground CV sits just under its limit and is flagged.
	r5 := res.Resource.Primary.Indicators[4]
	if !r5.CVOK || !r5.CVCritical || r5.CV.V >= 0.5 || r5.CV.V < 0.495 {
		t.Errorf("primary R5 CV = %v ok %v critical %v", r5.CV.V, r5.CVOK, r5.CVCritical)
	}
	// The example's JSON follows the contract's field names.
	out, _ := res.JSON()
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	prim := m["resource"].(map[string]any)["primary"].(map[string]any)
	ind := prim["indicators"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "threshold", "value", "std", "cv", "cv_limit", "cv_ok", "units_meeting"} {
		if _, ok := ind[k]; !ok {
			t.Errorf("indicator lacks %q", k)
		}
	}
	for _, k := range []string{"units", "units_passing", "indicators"} {
		if _, ok := prim[k]; !ok {
			t.Errorf("level lacks %q", k)
		}
	}
	unit := m["units"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "name", "level", "students", "values", "met", "pass"} {
		if _, ok := unit[k]; !ok {
			t.Errorf("unit lacks %q", k)
		}
	}
	for _, k := range []string{"profile", "resource", "units", "excluded", "conclusion"} {
		if _, ok := m[k]; !ok {
			t.Errorf("result lacks %q", k)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, probs := Load(dir, "")
	if !strings.Contains(probs.Error(), "找不到 site.toml") {
		t.Errorf("no site.toml: %v", probs)
	}
	write("site.toml", "county = \"测试县\"\nyaer = 2025\n")
	_, probs = Load(dir, "")
	if !strings.Contains(probs.Error(), "site.toml 第2行「yaer」: 未知的键，是否为「year」？") {
		t.Errorf("typo in site.toml: %v", probs)
	}
	write("site.toml", "county = \"测试县\"\n[standard]\nprofile = \"national-2017\"\n[standard.override]\n\"R6.primry\" = 2200\n")
	_, probs = Load(dir, "")
	if !strings.Contains(probs.Error(), "是否为「R6.primary」") {
		t.Errorf("override typo: %v", probs)
	}
	write("site.toml", "county = \"测试县\"\n")
	write("data/schools.csv", "学校代码,学校名称,学校类型,小学在校生数\nA,甲,小学,约300\n")
	write("data/county.toml", "[G9]\ntraining_completion_rat = 100\n")
	_, probs = Load(dir, "")
	msg := probs.Error()
	if !strings.Contains(msg, "data/schools.csv 第2行") || !strings.Contains(msg, "data/county.toml 第2行") {
		t.Errorf("problems of all files at once: %v", msg)
	}
}

// The Hunan example: built on the hunan-2021 profile with local targets.
func TestHunanExample(t *testing.T) {
	s, probs := Load("../../examples/hunan", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	res := s.Evaluate()
	if res.Profile != "hunan-2021" || res.Conclusion != eval.Met || res.Grade != "良好" || res.BScores.Total.V != 89 {
		t.Errorf("profile %s, conclusion %s, grade %q, B total %v", res.Profile, res.Conclusion, res.Grade, res.BScores.Total)
	}
	if len(res.LocalTargets) != 6 {
		t.Fatalf("local targets %v", res.LocalTargets)
	}
	short := 0
	for _, lt := range res.LocalTargets {
		if lt.Status != eval.Met {
			t.Errorf("%s: the standard's verdict %s", lt.Path, lt.Status)
		}
		if lt.LocalStatus == eval.NotMet {
			short++
		}
	}
	if short != 5 {
		t.Errorf("%d local shortfalls, want 5 (all but the retention rate)", short)
	}
	out, _ := res.JSON()
	for _, key := range []string{`"dimensions"`, `"b_scores"`, `"grade": "良好"`, `"local_targets"`, `"profile": "hunan-2021"`} {
		if !strings.Contains(string(out), key) {
			t.Errorf("evaluation.json lacks %s", key)
		}
	}
}

func TestLocalTargetPathsChecked(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("county = \"测试县\"\n[local_targets]\n\"R6.primry\" = 4000\n\"Q2.disabled_enrolment_rate\" = 98\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "data", "schools.csv"), []byte("学校代码,学校名称,学校类型,小学在校生数\nA,甲,小学,300\n"), 0o644)
	_, probs := Load(dir, "")
	if !strings.Contains(probs.Error(), "「local_targets.R6.primry」") || !strings.Contains(probs.Error(), "是否为「R6.primary」") || strings.Contains(probs.Error(), "Q2.disabled") {
		t.Errorf("problems %v", probs)
	}
}
