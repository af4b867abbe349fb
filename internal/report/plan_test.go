package report

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/plan"
	"github.com/youjun-edu/youjun/internal/standard"
)

// rowTexts are the texts of a table's rows, cells joined by |.
func rowTexts(t *Table) []string {
	var out []string
	for _, r := range t.Rows {
		var cs []string
		for _, c := range r {
			cs = append(cs, c.Text)
		}
		out = append(out, strings.Join(cs, "|"))
	}
	return out
}

// Missing data is never a pass nor a zero shortfall: the 整改清单 says 无法计算 with the reason.
// A costed action gives its cost in 万元; the rows go by indicator, then school.
func TestPlanTable(t *testing.T) {
	r := exampleReport(t)
	r.SetPlan(&plan.Plan{Year: 2027, Margin: 0.02,
		Units: []plan.UnitPlan{{Code: "A", Name: "甲小学", Row: 5, Level: standard.Primary, Shortfalls: []plan.Shortfall{
			{Indicator: "R4", Name: "生均教学及辅助用房面积", Threshold: 4.5, ValueUnit: "平方米", Reason: "「校舍建筑面积」未填", Owners: []string{"教育局"}},
			{Indicator: "R1", Name: "高于规定学历教师", Value: eval.Opt{V: 4, OK: true}, Threshold: 4.2, Floor: 3.57, ValueUnit: "人",
				ToFloor: eval.Opt{V: 0, OK: true}, ToThreshold: eval.Opt{V: 1, OK: true}, Unit: "人"},
		}}},
		Items: []plan.ItemGap{{Item: "G3", Code: "B", Name: "乙中学", Row: 2, What: "音乐专用教室", Unit: "间", Detail: "音乐专用教室未填",
			Reason: "音乐专用教室未填，无法计算差额", Owners: []string{"教育局"}}},
		Actions: []plan.Action{{Code: "A", Name: "甲小学", Row: 5, Level: standard.Primary, Indicator: "R1", Kind: plan.Teachers,
			Amount: 1, Unit: "人", Cost: eval.Opt{V: 120000, OK: true}, Purpose: plan.ToThreshold, Owners: []string{"教育局", "人社局"}, Deadline: 2027}},
		Totals: plan.Totals{Teachers: 1, Cost: eval.Opt{V: 120000, OK: true}}, Costed: true,
	})
	tb, ok := r.Table("plan")
	if !ok {
		t.Fatal("no table plan")
	}
	want := []string{
		"1|甲小学|R1|高于规定学历教师未达到标准|4.00人／4.2人|增加小学教师1人|教育局、人社局|12.00",
		"2|甲小学|R4|生均教学及辅助用房无法判断是否达标|无法计算／4.5平方米|补齐数据后重新计算：「校舍建筑面积」未填|教育局|—",
		"3|乙中学|G3|音乐专用教室无法判断是否达到要求|音乐专用教室未填|补齐数据后重新计算：音乐专用教室未填，无法计算差额|教育局|—",
	}
	got := rowTexts(tb)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	full := rowTexts(tb.Data())
	if w := "1|高于规定学历教师未达到标准|甲小学|R1|4.00人|4.2人|1人|增加小学教师1人|教育局、人社局|2027年底前|12.00"; full[0] != w {
		t.Errorf("download row %q, want %q", full[0], w)
	}
	if !strings.Contains(full[1], "|无法计算|") {
		t.Errorf("download row %q: a shortfall that cannot be computed must read 无法计算", full[1])
	}
	if !strings.Contains(strings.Join(tb.Notes, ""), "合计：教师1人；估算资金12.00万元。") {
		t.Errorf("notes %q lack the totals", tb.Notes)
	}
	if v, _ := r.Value("plan.total.cost"); v != "12.00" {
		t.Errorf("plan.total.cost = %q, want 12.00", v)
	}
	if v, _ := r.Value("plan.year"); v != "2027" {
		t.Errorf("plan.year = %q, want 2027", v)
	}
}

// Without a plan there is no 整改清单, and the list plan is an error that says why.
func TestNoPlan(t *testing.T) {
	r := exampleReport(t)
	if _, ok := r.Table("plan"); ok {
		t.Error("a report without a plan has the table plan")
	}
	if _, err := r.List("plan"); err == nil {
		t.Error("the list plan without a plan is no error")
	}
	if _, err := r.Value("plan.total.teachers"); err == nil {
		t.Error("plan.total.teachers without a plan is no error")
	}
}

// A county that needs nothing gets the 整改清单 saying so, and no per-school table of zeros.
func TestPlanWithoutActions(t *testing.T) {
	r := exampleReport(t)
	r.SetPlan(&plan.Plan{Margin: 0.02})
	tb, ok := r.Table("plan")
	if !ok || len(tb.Rows) != 0 || !strings.Contains(strings.Join(tb.Notes, ""), "无需整改") {
		t.Errorf("整改清单 without actions: %v, %+v", ok, tb)
	}
	if _, ok := r.Table("plan-schools"); ok {
		t.Error("a plan without actions has the per-school table")
	}
}
