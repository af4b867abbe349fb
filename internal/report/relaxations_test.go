package report

import (
	"strings"
	"testing"
)

// The example county relies on relaxations: the table lists each school with its deadline,
// 2025 + 3 as no recognition_year is given, and says so.
func TestRelaxationTable(t *testing.T) {
	r := exampleReport(t)
	tb, ok := r.Table("relaxations")
	if !ok {
		t.Fatal("no relaxations table")
	}
	if len(tb.Rows) != len(r.res.Relaxations) || len(tb.Rows) == 0 {
		t.Fatalf("%d rows for %d schools", len(tb.Rows), len(r.res.Relaxations))
	}
	first := tb.Rows[0]
	want := []string{"3612340001", "示例县第一小学", "G3", "2016年及之前建成", "音乐82.4、美术84.1平方米", "73、67平方米", "96、90平方米", "2028年"}
	for i, w := range want {
		if first[i].Text != w {
			t.Errorf("column %d = %q, want %q", i, first[i].Text, w)
		}
	}
	if v := first[7].Value; v == nil || *v != 2028 {
		t.Errorf("deadline value %v", v)
	}
	var leased []Cell
	for _, row := range tb.Rows {
		if row[2].Text == "小学R5" {
			leased = row
		}
	}
	if leased == nil || leased[4].Text != "8.05平方米（不计入为6.8平方米）" || leased[5].Text != "计入租用改造1691.2平方米" ||
		leased[6].Text != "7.5平方米" || leased[7].Text != "文件未规定" || leased[7].Value != nil {
		t.Errorf("leased ground row %v", leased)
	}
	notes := strings.Join(tb.Notes, "\n")
	for _, w := range []string{"国教督办函〔2019〕30号", "须在认定后3年之内达到规定标准", "未填写认定年份（county.toml [county] recognition_year），按评估年度2025年计"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
	items, err := r.List("relaxations")
	if err != nil || len(items) != len(tb.Rows) || !strings.HasSuffix(items[0].Text, "；须在2028年之内达到规定标准") || items[0].Ref != "school:3612340001" {
		t.Errorf("list %v, %v", items[:1], err)
	}
}
