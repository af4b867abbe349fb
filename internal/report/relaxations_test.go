package report

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/eval"
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
	want := []string{"示例县第一小学", "G3①", "音乐82.4、美术84.1", "73、67／96、90", "2028年"}
	if len(first) != len(want) || len(tb.Columns) != len(want) {
		t.Fatalf("first row %v, columns %v", first, tb.Columns)
	}
	for i, w := range want {
		if first[i].Text != w {
			t.Errorf("column %d = %q, want %q", i, first[i].Text, w)
		}
	}
	if first[0].Ref != "school:3612340001" {
		t.Errorf("school ref %q", first[0].Ref)
	}
	if v := first[4].Value; v == nil || *v != 2028 {
		t.Errorf("deadline value %v", v)
	}
	// Every reliance is a row, grouped by relaxation in the profile's order; the marks follow
	// that order.
	if len(tb.Rows) != len(r.res.Relaxations) {
		t.Errorf("%d rows for %d reliances", len(tb.Rows), len(r.res.Relaxations))
	}
	var leased, rural []Cell
	lastMark := ""
	for _, row := range tb.Rows {
		mark := lastRune(row[1].Text)
		if mark < lastMark {
			t.Errorf("row %v after mark %s", row, lastMark)
		}
		lastMark = mark
		switch row[1].Text {
		case "小学R5④":
			leased = row
		case "G3②":
			if rural == nil {
				rural = row
			}
		}
	}
	if leased == nil || leased[2].Text != "8.05（不计入为6.8）" || leased[3].Text != "计入租用改造1691.2／7.5" ||
		leased[4].Text != "未规定" || leased[4].Value != nil {
		t.Errorf("leased ground row %v", leased)
	}
	if rural == nil || rural[0].Text != "石桥乡中心学校" || rural[3].Text != "61、61／96、90" {
		t.Errorf("first small rural school row %v", rural)
	}
	// The downloads give the same rows in full: the code, the relaxation's short name, the units.
	d := tb.Data()
	if d == tb || d.ID != tb.ID || d.Title != tb.Title || len(d.Rows) != len(tb.Rows) {
		t.Fatalf("download table %q %q, %d rows", d.ID, d.Title, len(d.Rows))
	}
	wantFull := []string{"3612340001", "示例县第一小学", "G3", "2016年及之前建成", "音乐82.4、美术84.1平方米", "73、67平方米", "96、90平方米", "2028年"}
	for i, w := range wantFull {
		if d.Rows[0][i].Text != w {
			t.Errorf("download column %d = %q, want %q", i, d.Rows[0][i].Text, w)
		}
	}
	last := d.Rows[len(d.Rows)-1]
	if last[0].Text != "3612340002" || last[2].Text != "小学R5" || last[5].Text != "计入租用改造1691.2平方米" || last[7].Text != "未规定" {
		t.Errorf("download's last row %v", last)
	}
	if len(d.Notes) != len(tb.Notes) || strings.Contains(strings.Join(d.Notes, ""), "①") {
		t.Errorf("download notes %q", d.Notes)
	}
	notes := strings.Join(tb.Notes, "\n")
	for _, w := range []string{"国教督办函〔2019〕30号", "须在认定后3年之内达到规定标准", "指标后的序号对应下列放宽口径",
		"①2016年及之前规划并建成的学校", "②最大班额低于30人", "③50人及以上", "④人口密度过高", "表中数值单位为平方米", "表中数值单位为人", "未填写认定年份（county.toml [county] recognition_year），按评估年度2025年计"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
	items, err := r.List("relaxations")
	if err != nil || len(items) != len(tb.Rows) || !strings.HasSuffix(items[0].Text, "；须在2028年之内达到规定标准") || items[0].Ref != "school:3612340001" {
		t.Errorf("list %v, %v", items[:1], err)
	}
}

func lastRune(s string) string {
	rs := []rune(s)
	if len(rs) == 0 {
		return ""
	}
	return string(rs[len(rs)-1])
}

func TestDropUnit(t *testing.T) {
	for _, c := range []struct{ in, unit, want string }{
		{"音乐82.4、美术84.1平方米", "平方米", "音乐82.4、美术84.1"},
		{"8.05平方米（不计入为6.8平方米）", "平方米", "8.05（不计入为6.8）"},
		{"计入租用改造1691.2平方米", "平方米", "计入租用改造1691.2"},
		{"2500人（2008年建成，随迁子女占义务教育阶段在校生55.00%）", "人", "2500（2008年建成，随迁子女占义务教育阶段在校生55.00%）"},
		{"人均2人", "人", "人均2"}, // a unit not after a digit stays
		{"73平方米", "", "73平方米"},
		{"", "人", ""},
	} {
		if got := dropUnit(c.in, c.unit); got != c.want {
			t.Errorf("dropUnit(%q, %q) = %q, want %q", c.in, c.unit, got, c.want)
		}
	}
}

func TestCommonUnit(t *testing.T) {
	rows := func(standards ...string) []*eval.Relied {
		var out []*eval.Relied
		for _, s := range standards {
			out = append(out, &eval.Relied{Standard: s})
		}
		return out
	}
	for _, c := range []struct {
		rows []*eval.Relied
		want string
	}{
		{rows("96、90平方米", "96平方米"), "平方米"},
		{rows("2000人", "2500人"), "人"},
		{rows("7.5平方米", "0.9人"), ""}, // mixed: every row keeps its units
		{rows("96、90"), ""},
		{rows("平方米"), ""},
		{nil, ""},
	} {
		if got := commonUnit(c.rows); got != c.want {
			t.Errorf("commonUnit(%v) = %q, want %q", c.rows, got, c.want)
		}
	}
}
