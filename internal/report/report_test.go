package report

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/site"
)

func TestFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{Count(29673), "29,673"},
		{Count(999), "999"},
		{Count(1234567), "1,234,567"},
		{Amount(eval.Opt{V: 3419.9713, OK: true}), "3,419.97"},
		{Amount(eval.Opt{}), "—"},
		{CV(eval.Opt{V: 0.49689, OK: true}), "0.497"},
		{CV(eval.Opt{V: 0.49951, OK: true}), "0.500"},
		{Number(4.2), "4.2"},
		{Number(0.85 * 7.5), "6.375"},
		{Number(0.85 * 4.2), "3.57"},
		{Number(2000), "2000"},
		{Percent(91.479), "91.48%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func exampleReport(t *testing.T) *Report {
	s, probs := site.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return New(s.Evaluate(), s.Profile, s.County)
}

func TestValues(t *testing.T) {
	r := exampleReport(t)
	for key, want := range map[string]string{
		"resource.primary.R5.cv":            "0.497",
		"resource.primary.R5.cv_status":     "达到（临界）",
		"resource.primary.R1.value":         "6.07",
		"resource.primary.units":            "62",
		"resource.junior.units_failing":     "2",
		"items.G3.status":                   "未达到",
		"items.S1.approval_rate":            "91.48%",
		"items.G9.training_completion_rate": "100%",
		"items.V1.exam_admission":           "否",
		"survey.samples":                    "622",
		"conclusion":                        "未达到",
	} {
		got, err := r.Value(key)
		if err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", key, got, err, want)
		}
	}
	_, err := r.Value("resource.primary.R5.vc")
	if err == nil || !strings.Contains(err.Error(), "是否为「resource.primary.R5.cv」") {
		t.Errorf("unknown key: %v", err)
	}
}

func TestTablesAndLists(t *testing.T) {
	r := exampleReport(t)
	rp, ok := r.Table("resource-primary")
	if !ok {
		t.Fatal("no table resource-primary")
	}
	if len(rp.Rows) != 62 || len(rp.Columns) != 12 {
		t.Fatalf("resource-primary: %d rows, %d columns; want 62, 12", len(rp.Rows), len(rp.Columns))
	}
	failing := 0
	for _, row := range rp.Rows {
		for _, c := range row {
			if c.Fail {
				failing++
			}
		}
	}
	if failing == 0 {
		t.Error("no failing cell is marked")
	}
	if !strings.HasPrefix(rp.Title, "附表1 ") {
		t.Errorf("title %q", rp.Title)
	}
	seen := map[string]bool{}
	for _, id := range r.TableIDs() {
		if seen[id] {
			t.Errorf("two tables are named %s", id)
		}
		seen[id] = true
	}
	if !seen["survey-groups"] {
		t.Error("no survey-groups table")
	}
	if l, err := r.List("G3"); err != nil || len(l) != 1 || l[0].Ref != "school:3612340012" {
		t.Errorf("G3 list %v %v", l, err)
	}
	if _, err := r.List("failuers"); err == nil || !strings.Contains(err.Error(), "是否为「failures」") {
		t.Errorf("unknown list: %v", err)
	}
}

// 公文 conventions: a number with a unit carries it in failure messages and table headers, and a
// share is a percentage.
func TestUnitsAndShares(t *testing.T) {
	r := exampleReport(t)
	fails, err := r.List("failures")
	if err != nil {
		t.Fatal(err)
	}
	const want = "白杨镇初级中学：6项达到标准；R6 生均教学仪器设备值 2050元，低于标准2500元的85%（2125元）"
	if !slices.ContainsFunc(fails, func(it Item) bool { return it.Text == want }) {
		t.Errorf("failures %v lack %q", fails, want)
	}
	rp, _ := r.Table("resource-primary")
	for i, want := range map[int]string{2: "学生数（人）", 3: "R1 每百名学生拥有高于规定学历教师数（4.2人）", 6: "R4 生均教学及辅助用房面积（4.5平方米）", 8: "R6 生均教学仪器设备值（2000元）", 9: "R7 每百名学生拥有网络多媒体教室数（2.3间）"} {
		if h := rp.Columns[i].Header; h != want {
			t.Errorf("resource-primary column %d header %q, want %q", i, h, want)
		}
	}
	if s := rp.Columns[8].Short; s != "R6\n2000元" {
		t.Errorf("R6 print header %q", s)
	}
	cv, _ := r.Table("cv")
	if got := cv.Rows[5][1].Text; got != "R6 生均教学仪器设备值（元）" {
		t.Errorf("cv table indicator %q", got)
	}
	lv := r.IndicatorView("R5").Levels[0]
	if lv.Unit != "平方米" || len(lv.Below) != 1 || lv.Below[0].Gap != "低于标准 7.5平方米，差 1.40平方米；低于85%下限 6.375平方米" {
		t.Errorf("R5 on its page: unit %q, below %+v", lv.Unit, lv.Below)
	}
	split, _ := r.Table("split")
	if len(split.Rows) == 0 {
		t.Fatal("no split rows")
	}
	for _, row := range split.Rows {
		share := row[3]
		if !strings.HasSuffix(share.Text, "%") || share.Value == nil || Percent(*share.Value) != share.Text {
			t.Errorf("split share %q (%v), want a percentage", share.Text, share.Value)
		}
	}
	var heads []string
	for _, c := range split.Columns {
		heads = append(heads, c.Header)
	}
	if got := strings.Join(heads, "|"); got != "学校（校区）|学段|学生数（人）|拆分比例|教学及辅助用房面积（平方米）|体育运动场馆面积（平方米）|教学仪器设备值（元）|网络多媒体教室数（间）" {
		t.Errorf("split headers %s", got)
	}
}

// Every formatter is total: what is not a finite number reads 无法计算 (a number that should
// exist) or — (nothing to compute), and an absurdly large one is not hundreds of digits long.
func TestFormatsNotFinite(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	bad := eval.Opt{Reason: eval.Overflow}
	tests := []struct{ got, want string }{
		{Count(nan), "无法计算"},
		{Count(inf), "无法计算"},
		{Count(-inf), "无法计算"},
		{Amount(bad), "无法计算"},
		{Amount(eval.Opt{V: inf, OK: true}), "无法计算"},
		{Amount(eval.Opt{}), "—"},
		{CV(bad), "无法计算"},
		{CV(eval.Opt{V: nan, OK: true}), "无法计算"},
		{Number(nan), "无法计算"},
		{Percent(inf), "无法计算"},
		{UnitValue(inf), "无法计算"},
		{CheckValue(eval.Check{Value: bad}), "无法计算"},
		{CheckValue(eval.Check{}), "未提供"},
		{Number(1e300), "1.00e+300"},
		{Amount(eval.Opt{V: 7.08e295, OK: true}), "7.08e+295"},
		{Count(123456789012345), "123,456,789,012,345"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if c := numCell("x", inf); c.Value != nil || c.Text != eval.NotComputable {
		t.Errorf("numCell(Inf) = %+v", c)
	}
}
