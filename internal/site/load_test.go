package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestOverrideNaN is the regression test for "R6.primary" = nan, which was accepted: 0/62
// schools met R6, yet R6 showed 达到.
func TestOverrideNaN(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":        "county = \"测试县\"\n\n[standard.override]\n\"R6.primary\" = nan\n\"resource.cv_limit.junior\" = 1.5\n\"resource.floor_ratio\" = -0.1\n\"resource.cv_decimals\" = 2.5\n[local_targets]\n\"R6.junior\" = inf\n\"Q2.disabled_enrolment_rate\" = 198\n\"R6.primary\" = 1e12\n",
		"data/schools.csv": "学校代码,学校名称,学校类型,小学在校生数\nA,甲,小学,300\n",
	})
	s, probs := Load(dir, "")
	if s != nil {
		t.Fatal("a site with a nan override loaded")
	}
	for _, w := range []string{
		`site.toml 第4行「standard.override.R6.primary」: "NaN" 不是有效的数字`,
		`site.toml 第5行「standard.override.resource.cv_limit.junior」: "1.5" 不能大于 1`,
		`site.toml 第6行「standard.override.resource.floor_ratio」: "-0.1" 应为大于 0 的数字`,
		`site.toml 第7行「standard.override.resource.cv_decimals」: "2.5" 应为整数`,
		`site.toml 第9行「local_targets.R6.junior」: "+Inf" 不是有效的数字`,
		`site.toml 第10行「local_targets.Q2.disabled_enrolment_rate」: "198" 比例应在 0–100 之间`,
		// A local target is quoted as written in full, like an override (was "1e+12").
		`「local_targets.R6.primary」: "1000000000000" 不能大于`,
	} {
		if !strings.Contains(probs.Error(), w) {
			t.Errorf("problems\n%v\nlack %s", probs, w)
		}
	}
}

// TestAllFilesAtOnce checks that site.toml's errors do not hide those of data/: county.toml,
// survey.csv, history and the school table all appear in one run.
func TestAllFilesAtOnce(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":               "county = \"../../evil\"\ndate = \"2025-13-45\"\nyear = 1\n",
		"data/schools.csv":        "学校代码,学校名称,学校类型,小学在校生数\nA,甲,小学,约300\n",
		"data/county.toml":        "[G9]\ntraining_completion_rate = 250\n[G11]\neligible_teachers = 10\nrotated_teachers = 20\n",
		"data/survey.csv":         "对象,样本数,认可数\n学生们,100,90\n家长,x,1\n教师,10,11\n",
		"data/history/2023.csv":   "年份,小学综合差异系数,初中综合差异系数\n20x,0.4,0.3\n2022,abc,0.3\n",
		"content/01-overview.md":  "",
		"data/history/readme.txt": "",
	})
	_, probs := Load(dir, "")
	for _, w := range []string{
		"site.toml 第1行「county」", "site.toml 第2行「date」", "site.toml 第3行「year」",
		"data/schools.csv 第2行",
		"data/county.toml 第2行「G9.training_completion_rate」", "data/county.toml 第5行「G11.rotated_teachers」",
		`data/survey.csv 第2行「对象」: "学生们"`, `data/survey.csv 第3行「样本数」: "x"`, `data/survey.csv 第4行「认可数」`,
		`data/history/2023.csv 第2行「年份」`, `data/history/2023.csv 第3行「小学综合差异系数」`,
	} {
		if !strings.Contains(probs.Error(), w) {
			t.Errorf("problems\n%v\nlack %s", probs, w)
		}
	}
}

// TestBrokenSiteTOMLWithProfileFlag: with --profile the data are checked even when site.toml
// cannot be parsed at all.
func TestBrokenSiteTOMLWithProfileFlag(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":        "county = 示例县\n",
		"data/schools.csv": "学校代码,学校名称,学校类型,小学在校生数\nA,甲,小学,约300\n",
	})
	_, probs := Load(dir, "national-2017")
	if !strings.Contains(probs.Error(), "site.toml 第1行「county」: TOML 格式错误") || !strings.Contains(probs.Error(), "data/schools.csv 第2行") {
		t.Errorf("problems %v", probs)
	}
}
