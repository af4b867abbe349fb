package audit_test

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
)

func TestRoster(t *testing.T) {
	s := exampleSheet(t)
	tab := s.some(t, bigPrimary[:2], nil)
	p := profile(t)
	county := &data.County{Table: tab}
	res := eval.Evaluate(eval.Input{Profile: p, County: county})
	a, b := tab.Schools[0].Code, tab.Schools[1].Code
	roster := []audit.Teacher{
		{File: "data/事业统计/一小花名册.csv", Row: 2, Code: a, ID: "430623198001010011", Name: "赵娟丽"},
		{File: "data/事业统计/一小花名册.csv", Row: 3, Code: a, ID: "430623198001010022", Name: "胡萍勇"},
		{File: "data/事业统计/一小花名册.csv", Row: 4, Code: a, Name: "梁鹏明"}, // no ID: not compared
		{File: "data/事业统计/二小花名册.csv", Row: 2, Code: b, ID: "430623198001010011", Name: "赵娟丽"},
		{File: "data/事业统计/二小花名册.csv", Row: 3, Code: b, Name: "梁鹏明"},
		{File: "data/事业统计/二小花名册.csv", Row: 4, Code: a, ID: "430623198001010022", Name: "胡萍勇"}, // same school twice: the import's
		{File: "data/事业统计/二小花名册.csv", Row: 5, Code: b, ID: "430623198001010022", Name: "胡平勇"}, // another teacher with the number
	}
	got := lines(audit.Run(audit.Input{Profile: p, County: county, Result: res, Roster: roster}))
	want := "【教师花名册】data/事业统计/二小花名册.csv 第2行: \"430623198001010011\" 示例县第二小学：教师 430623198001010011（赵娟丽）也在示例县第一小学（" + a +
		"）的花名册中（data/事业统计/一小花名册.csv 第2行）：一名教师只能计入一所学校的专任教师\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The split shares are recomputed: a share the evaluation got wrong is reported.
func TestSplitShares(t *testing.T) {
	s := exampleSheet(t)
	tab := s.some(t, []string{"示例县育才学校", "示例县第一中学", "示例县博文学校"}, nil)
	p := profile(t)
	county := &data.County{Table: tab}
	res := eval.Evaluate(eval.Input{Profile: p, County: county})
	if got := lines(audit.Run(audit.Input{Profile: p, County: county, Result: res})); got != "" {
		t.Fatalf("the evaluation's own shares: %s", got)
	}
	for i := range res.Units {
		if res.Units[i].Row == 4 { // 博文学校, 十二年一贯制: 620 + 480 + 390 students
			res.Units[i].Share += 0.01
			break
		}
	}
	got := lines(audit.Run(audit.Input{Profile: p, County: county, Result: res}))
	if !strings.Contains(got, "第4行: 示例县博文学校：各学段拆分份额之和") || strings.Count(got, "\n") != 1 {
		t.Errorf("got\n%s", got)
	}
}
