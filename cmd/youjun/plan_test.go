package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/testsite"
)

func TestPlanExample(t *testing.T) {
	code, out, stderr := runCLI("plan", "--site", "../..")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"示例县 整改与创建规划（国家标准 national-2017，2025年度）",
		"完成时限：未设",
		"示例县第三小学（小学）      R5    6.1平方米  7.5平方米  402平方米    2043平方米",
		"龙泉乡中心学校（初中部）：教师增加2人（R2 达到标准）；教师增加2人（R3 达到标准）",
		"R5    小学  0.497     0.5   0.48  是",
		"G3 示例县城南学校（3612340012）：音乐专用教室面积差8平方米",
		"五、合计",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	_, again, _ := runCLI("plan", "--site", "../..")
	if again != out {
		t.Error("two runs differ")
	}
}

// The JSON lists per unit its code and level and the shortfalls with the indicator, the
// amounts to the floor and to the threshold, and the unit.
func TestPlanJSON(t *testing.T) {
	code, out, stderr := runCLI("plan", "--site", "../..", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var p struct {
		Units []struct {
			Code       string
			Level      string
			Shortfalls []struct {
				Indicator   string
				ToFloor     *float64 `json:"to_floor"`
				ToThreshold *float64 `json:"to_threshold"`
				Unit        string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, u := range p.Units {
		for _, s := range u.Shortfalls {
			if u.Code == "3612340024" && u.Level == "junior" && s.Indicator == "R6" {
				found = true
				if s.ToFloor == nil || *s.ToFloor != 4.5 || *s.ToThreshold != 26.8 || s.Unit != "万元" {
					t.Errorf("白杨镇初级中学 R6: %+v", s)
				}
			}
		}
	}
	if !found {
		t.Error("白杨镇初级中学's R6 shortfall not in the JSON")
	}
	_, again, _ := runCLI("plan", "--site", "../..", "--json")
	if again != out {
		t.Error("two runs differ")
	}
}

// With [plan] costs every action has its cost, and a deadline.
func TestPlanCosts(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	path := filepath.Join(dir, "site.toml")
	src, _ := os.ReadFile(path)
	src = append(src, "\n[plan]\nbuilding_cost = 3500\nsports_cost = 400\nteacher_cost = 120000\nroom_cost = 60000\ntarget_year = 2027\narea_step = 10\n"...)
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI("plan", "--site", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"完成时限：2027年底前", "示例县第三小学：体育运动场馆增加410平方米（R5 达到标准的85%）；估算16.40万元", "估算资金："} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	if strings.Contains(out, "未估算") {
		t.Error("an action without cost although every unit cost is set")
	}
	src = append(src, "margin = 0.9\n"...)
	os.WriteFile(path, src, 0o644)
	code, _, stderr = runCLI("plan", "--site", dir)
	if code != 1 || !strings.Contains(stderr, "「plan.margin」") {
		t.Errorf("margin 0.9: exit %d, %s", code, stderr)
	}
}

func TestPlanUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plan", "--help"}, 0, "整改与创建规划"},
		{[]string{"plan", "--nope"}, 2, "未知的选项 --nope"},
		{[]string{"plan", "x"}, 2, "多余的参数：x"},
	} {
		code, out, stderr := runCLI(tc.args...)
		if code != tc.code || !strings.Contains(out+stderr, tc.want) {
			t.Errorf("%v: exit %d, %s%s", tc.args, code, out, stderr)
		}
	}
}

// A blank cell is never a zero shortfall: the unit says what cannot be computed and why.
func TestPlanMissing(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	path := filepath.Join(dir, "data", "schools.csv")
	src, _ := os.ReadFile(path)
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "3612340003,") {
			f := strings.Split(l, ",")
			f[25] = "" // 体育运动场馆面积
			lines[i] = strings.Join(f, ",")
		}
	}
	os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
	code, out, stderr := runCLI("plan", "--site", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"示例县第三小学 R5：「体育运动场馆面积」未填，无法计算差额",
		"示例县第三小学：有数据缺失或无法计算的指标，无法计算达标所需（缺失数据不按达标计）",
		"R5    小学  无法计算",
		"R5 小学差异系数无法计算：1所学校数据缺失，无法计算",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	_, js, _ := runCLI("plan", "--site", dir, "--json")
	if !strings.Contains(js, `"to_floor": null,
          "to_threshold": null,
          "reason": "「体育运动场馆面积」未填，无法计算差额"`) {
		t.Error("JSON lacks the null shortfall with its reason")
	}
}
