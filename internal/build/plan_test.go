package build

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/plan"
	"github.com/youjun-edu/youjun/internal/site"
)

// examplePlan is the plan of the example county as plan.Make computes it.
func examplePlan(t *testing.T) *plan.Plan {
	t.Helper()
	s, probs := site.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	p := s.Plan(s.Evaluate())
	if p == nil || len(p.Actions) < 5 {
		t.Fatalf("the example's plan has too few actions to test: %+v", p)
	}
	return p
}

// actionRowHas reports whether a row's text names the action: its school, indicator and amount.
func actionRowHas(row string, a plan.Action) bool {
	return strings.Contains(row, a.Name) && strings.Contains(row, a.Indicator) && strings.Contains(row, num.Short(a.Amount)+a.Unit)
}

// matchRows finds each action in a distinct row, in order of the actions.
func matchRows(t *testing.T, what string, rows []string, p *plan.Plan) {
	t.Helper()
	used := make([]bool, len(rows))
	for _, a := range p.Actions {
		found := false
		for i, r := range rows {
			if !used[i] && actionRowHas(r, a) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s lacks the action %s %s %s%s", what, a.Name, a.Indicator, num.Short(a.Amount), a.Unit)
		}
	}
}

// The site's 整改清单 page lists every action of the plan, one row each, with the plan's totals.
func TestPlanPage(t *testing.T) {
	p := examplePlan(t)
	out := buildExample(t)
	b, err := os.ReadFile(filepath.Join(out, "tables", "plan.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(string(b))
	_, body, _ := strings.Cut(page, "<tbody>")
	body, _, _ = strings.Cut(body, "</tbody>")
	rows := strings.Split(body, "<tr")[1:]
	if want := len(p.Actions) + len(p.Items); len(rows) != want {
		t.Errorf("the page has %d rows, want %d (actions and G3–G5 gaps)", len(rows), want)
	}
	matchRows(t, "the 整改清单 page", rows, p)
	// The example's totals, checked by hand against `youjun plan`: R2, R3 2 teachers each at
	// 龙泉乡中心学校; R5 402 + 1 + 582 + 3072 + 567 + 231 m²; R6 4.5 万元.
	if p.Totals.Teachers != 4 || p.Totals.Sports != 4855 || p.Totals.Equipment != 4.5 {
		t.Errorf("totals %+v, want 4 teachers, 4855 m² of sports grounds, 4.5 万元", p.Totals)
	}
	for _, s := range []string{"合计：教师4人", "体育运动场馆4,855平方米", "教学仪器设备4.5万元", "估算资金不全"} {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks the total %q", s)
		}
	}
	for _, nav := range []string{"index.html", "schools/3612340003.html"} {
		b, _ := os.ReadFile(filepath.Join(out, nav))
		if !strings.Contains(string(b), "tables/plan.html\">附表13 整改清单") {
			t.Errorf("%s: the navigation lacks the 整改清单", nav)
		}
	}
	// The school's own page shows its entries.
	b, _ = os.ReadFile(filepath.Join(out, "schools", "3612340003.html"))
	school := html.UnescapeString(string(b))
	// Its shortfalls, by hand: 8,899.9 m² for 1,459 pupils; 6.375 × 1,459 − 8,899.9 = 401.2 → 402 m²
	// to the floor, 7.5 × 1,459 − 8,899.9 = 2,042.6 → 2,043 m² to the standard.
	for _, s := range []string{"<h2>整改措施</h2>", "新建或改扩建体育运动场馆402平方米", "新建或改扩建体育运动场馆3072平方米",
		"<h2>距标准的差额</h2>", "R5 生均体育运动场馆：现状6.10平方米，距标准的85%（6.375平方米）差402平方米，距标准（7.5平方米）差2043平方米"} {
		if !strings.Contains(school, s) {
			t.Errorf("示例县第三小学's page lacks %q", s)
		}
	}

	// The per-school table adds up the same actions: 示例县第三小学's 402 + 3072 m², the county's totals.
	b, err = os.ReadFile(filepath.Join(out, "data", "plan-schools.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"3612340003,示例县第三小学,,3474,,单价未设", "3612340038,龙泉乡中心学校,4,,,单价未设",
		"3612340024,白杨镇初级中学,,,4.5,4.5", "合计,7所,4,4855,4.5,单价未设"} {
		if !strings.Contains(string(b), line+"\r\n") && !strings.Contains(string(b), line+"\n") {
			t.Errorf("plan-schools.csv lacks %q:\n%s", line, b)
		}
	}

	// plan.xlsx: the 实施方案's columns exactly, one row per action.
	f, err := excelize.OpenFile(filepath.Join(out, "data", "plan.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xrows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"序号", "问题", "学校", "指标", "现状", "标准", "差额", "措施", "责任单位", "完成时限", "估算资金"}
	if len(xrows) < 2 || !slices.Equal(xrows[1], want) {
		t.Fatalf("plan.xlsx headers %q, want %q", xrows[1:2], want)
	}
	var data []string
	for i, r := range xrows[2:] {
		if len(r) == 0 || r[0] != fmt.Sprint(i+1) {
			break // the notes follow the rows
		}
		if len(r) != len(want) {
			t.Errorf("plan.xlsx row %d has %d cells: %q", i+3, len(r), r)
		}
		data = append(data, strings.Join(r, "|"))
	}
	if len(data) != len(rows) {
		t.Errorf("plan.xlsx has %d rows, the page %d", len(data), len(rows))
	}
	matchRows(t, "plan.xlsx", data, p)
}

// The PDF has the 整改清单 as its last 附表, with every school of the plan.
func TestPDFPlanTable(t *testing.T) {
	p := examplePlan(t)
	res := buildPDF(t)
	text := pdftotext(t, res.PDF, "-layout")
	// The last mention: the contents name it too.
	i := strings.LastIndex(text, "附表13 整改清单")
	if i < 0 {
		t.Fatal("the PDF lacks 附表13 整改清单")
	}
	var lines []string
	for _, l := range strings.Split(text[i:], "\n") {
		if f := strings.Fields(l); len(f) > 3 {
			lines = append(lines, strings.Join(f, " "))
		}
	}
	for _, a := range p.Actions {
		if !slices.ContainsFunc(lines, func(l string) bool {
			return strings.Contains(l, " "+a.Name+" "+a.Indicator+" ")
		}) {
			t.Errorf("附表13 lacks the row of %s %s", a.Name, a.Indicator)
		}
	}
	for _, g := range p.Items {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, " "+g.Name+" "+g.Item+" ") }) {
			t.Errorf("附表13 lacks the row of %s %s", g.Name, g.Item)
		}
	}
	table := squeeze(text[i:])
	if !strings.Contains(table, "合计：教师4人") {
		t.Error("附表13 lacks its totals")
	}
}
