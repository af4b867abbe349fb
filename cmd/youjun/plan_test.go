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

// writeFile writes a file of a test site, making its folder.
func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Two years of projects on the example: the R5 plan's sports grounds in 2026 (R5's primary CV
// 0.497 → below 0.48, 62 of 62 primary units pass), a new primary school in 2027 (63 units).
func TestPlanScenario(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	writeFile(t, dir, "data/plan/项目.csv", "年份,学校代码,项目,学段,数量,教师类别,目标学校代码,备注\n"+
		"2026,3612340003,新建体育运动场馆,,3474,,,第三小学运动场\n"+
		"2026,3612340002,新建体育运动场馆,,582,,,\n"+
		"2026,3612340006,新建体育运动场馆,,567,,,\n"+
		"2026,3612340007,新建体育运动场馆,,231,,,\n"+
		"2026,3612340001,新建体育运动场馆,,1,,,\n"+
		"2027,3612349999,新建学校,,,,,城东新区小学\n")
	src, err := os.ReadFile(filepath.Join(dir, "data/schools.csv"))
	if err != nil {
		t.Fatal(err)
	}
	head, rest, _ := strings.Cut(string(src), "\n")
	first, _, _ := strings.Cut(rest, "\n")
	_, tail, _ := strings.Cut(first, ",")
	_, tail, _ = strings.Cut(tail, ",")
	writeFile(t, dir, "data/plan/新建学校.csv", head+"\n3612349999,示例县城东小学,"+tail+"\n")
	code, out, stderr := runCLI("plan", "--site", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"六、规划项目实施后各年度评估（data/plan/）",
		"  现状（评估年度）：未达到",
		"  2026年（5个项目）实施后：未达到",
		"    小学：达到，62个校（校区）中62个达到资源配置要求",
		"R5 0.4800（上限0.5，达到）",
		"    初中：未达到，21个校（校区）中19个达到资源配置要求",
		"  2027年（1个项目）实施后：未达到",
		"    小学：达到，63个校（校区）中63个达到资源配置要求",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	if _, again, _ := runCLI("plan", "--site", dir); again != out {
		t.Error("two runs differ")
	}
	code, js, stderr := runCLI("plan", "--site", dir, "--json")
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, stderr)
	}
	var p struct {
		Units []json.RawMessage
		Years []struct {
			Year       int
			Conclusion string
			Levels     []struct {
				Level        string
				UnitsPassing int `json:"units_passing"`
				Units        int
				CVs          []struct {
					Indicator string
					CV        *float64
					Limit     float64
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Units) == 0 || len(p.Years) != 2 || p.Years[0].Year != 2026 || p.Years[1].Levels[0].Units != 63 {
		t.Fatalf("JSON years: %+v", p.Years)
	}
	if r5 := p.Years[0].Levels[0].CVs[4]; r5.Indicator != "R5" || r5.CV == nil || *r5.CV >= 0.48 || r5.Limit != 0.5 {
		t.Errorf("2026 R5: %+v", r5)
	}
	// Without data/plan/ the JSON has no years.
	_, plain, _ := runCLI("plan", "--site", "../..", "--json")
	if strings.Contains(plain, `"years"`) {
		t.Error("years without data/plan/")
	}
}

// Every wrong project is reported at once, with file, row, column and value; no verdict is given.
func TestPlanScenarioProblems(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	writeFile(t, dir, "data/plan/项目.csv", "年份,学校代码,项目,学段,数量,目标学校代码\n"+
		"2026,9999999999,新建体育运动场馆,,100,\n"+
		"2024,3612340001,新建体育运动场馆,,100,\n"+
		"2026,3612340001,调出学生,小学,99999,3612340002\n"+
		"2027,3612340003,并入学校,,,8888888888\n")
	code, out, stderr := runCLI("plan", "--site", dir)
	if code != 1 || strings.Contains(out, "六、") {
		t.Fatalf("exit %d: %s", code, out)
	}
	for _, want := range []string{
		"发现 4 处错误",
		`第2行「学校代码」: "9999999999" 不在学校数据表中（2026年时也不是新建的学校，或已并入其他学校）`,
		`第3行「年份」: "2024" 早于评估年度 2025 年，规划项目应从评估年度起`,
		`第4行「数量」: "99999" 调出99999人，多于该校2026年时的小学在校生1443人`,
		`第5行「目标学校代码」: "8888888888" 并入的学校不在学校数据表中`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}
