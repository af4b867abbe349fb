package audit_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/standard"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func profile(t testing.TB) *standard.Profile {
	t.Helper()
	p, err := standard.Load("national-2017")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// lines writes findings one a line, with their kind, as check lists them.
func lines(fs []audit.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("【" + f.Kind.String() + "】" + f.Problem().String() + "\n")
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("findings differ from %s (go test ./internal/audit -update after checking):\n%s", path, got)
	}
}

// loadYoY loads the fixture of the year-over-year checks: this year's table and 2024's.
func loadYoY(t testing.TB) (cur *data.Table, prev *data.Previous) {
	t.Helper()
	dir := filepath.Join("testdata", "yoy")
	cur, probs := data.LoadTable(filepath.Join(dir, "data", "schools.csv"), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	prev, probs = data.LoadPrevious(dir, 2025)
	if probs.Err() != nil || prev == nil {
		t.Fatal("previous table:", probs)
	}
	return cur, prev
}

func runYoY(t testing.TB, o audit.Options) []audit.Finding {
	cur, prev := loadYoY(t)
	p := profile(t)
	county := &data.County{Table: cur}
	res := eval.Evaluate(eval.Input{Profile: p, County: county, Year: 2025})
	return audit.Run(audit.Input{Profile: p, County: county, Result: res, Year: 2025,
		Previous: &data.County{Table: prev.Table}, PreviousYear: prev.Year, Options: o})
}

// The fixture plants, against 2024: a jump of R4 by 31.0 % (第一小学) and one of 29.0 %
// (第三小学, below 30 %), students up 35.0 % (第四小学), a copied row (第二小学), a vanished
// school (第五小学), a new one (第八小学), a changed code (第七小学), and a teaching point of 81
// pupils whose equipment trebled (below min_students: not compared).
func TestYearOverYear(t *testing.T) {
	fs := runYoY(t, audit.Options{})
	got := lines(fs)
	golden(t, "yoy/findings.txt", got)
	for _, want := range []string{
		"第2行「教学及辅助用房面积」: \"12591.1\" 示例县第一小学：R4 生均教学及辅助用房面积由2024年的 6.66 变为2025年的 8.73 平方米（+31.00%",
		"第3行: 示例县第二小学：各项数字（",
		"第5行「小学在校生数」: \"1913\" 示例县第四小学：小学在校生由2024年的 1417 人变为2025年的 1913 人（+35.00%）",
		"第6行「学校代码」: \"3612340077\" 示例县第七小学：学校代码与2024年（data/history/2024/schools.csv 第7行：3612340007）不同",
		"第9行「学校代码」: \"3612340099\" 示例县第八小学：2024年的学校数据表",
		"data/history/2024/schools.csv 第6行「学校代码」: \"3612340005\" 示例县第五小学：2024年有这所学校",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing finding %q", want)
		}
	}
	for _, not := range []string{"示例县第三小学", "松坡教学点"} {
		if strings.Contains(got, not) {
			t.Errorf("%s flagged: below the thresholds", not)
		}
	}
	if n := len(fs); n != 6 {
		t.Errorf("%d findings, want 6", n)
	}
}

// Both sides of the change thresholds: max_change, max_change_by and min_students.
func TestChangeThresholds(t *testing.T) {
	count := func(fs []audit.Finding, word string) int {
		n := 0
		for _, f := range fs {
			if strings.Contains(f.Problem().String(), word) {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		name             string
		o                audit.Options
		r4, students, pt int
	}{
		{"default", audit.Options{}, 1, 1, 0},
		{"R4 at 0.32: 31 % passes", audit.Options{MaxChangeBy: map[string]float64{"R4": 0.32}}, 0, 1, 0},
		{"R4 at 0.28: 29 % flagged too", audit.Options{MaxChangeBy: map[string]float64{"R4": 0.28}}, 2, 1, 0},
		{"max_change 0.36: students pass", audit.Options{MaxChange: 0.36}, 0, 0, 0},
		{"students at 0.34", audit.Options{MaxChange: 0.36, MaxChangeBy: map[string]float64{"students": 0.34}}, 0, 1, 0},
		{"min_students 80: the teaching point is compared", audit.Options{MinStudents: 80}, 1, 1, 1},
		{"min_students 82: it is not", audit.Options{MinStudents: 82}, 1, 1, 0},
	} {
		fs := runYoY(t, c.o)
		if got := count(fs, "R4 生均教学及辅助用房面积由"); got != c.r4 {
			t.Errorf("%s: %d R4 jumps, want %d\n%s", c.name, got, c.r4, lines(fs))
		}
		if got := count(fs, "在校生由"); got != c.students {
			t.Errorf("%s: %d student jumps, want %d", c.name, got, c.students)
		}
		if got := count(fs, "松坡教学点：R6"); got != c.pt {
			t.Errorf("%s: %d jumps of the teaching point, want %d\n%s", c.name, got, c.pt, lines(fs))
		}
	}
}

// A previous year's data already evaluated (by verify, from the previous package) gives the
// findings Run computes itself.
func TestPreviousResultGiven(t *testing.T) {
	cur, prev := loadYoY(t)
	p := profile(t)
	county, old := &data.County{Table: cur}, &data.County{Table: prev.Table}
	res := eval.Evaluate(eval.Input{Profile: p, County: county, Year: 2025})
	pres := eval.Evaluate(eval.Input{Profile: p, County: old, Year: 2024})
	a := audit.Run(audit.Input{Profile: p, County: county, Result: res, Year: 2025, Previous: old, PreviousYear: 2024})
	b := audit.Run(audit.Input{Profile: p, County: county, Result: res, Year: 2025, Previous: old, PreviousYear: 2024, PreviousResult: pres})
	if lines(a) != lines(b) {
		t.Errorf("with the previous result given:\n%s\nwithout:\n%s", lines(b), lines(a))
	}
}

// The two examples: the root example's 清水乡上坪教学点 has a largest class of 24 for its 23
// pupils (its data say so); Hunan's has nothing to look at (its 职业中专, all round, takes no
// part in the counts).
func TestExamples(t *testing.T) {
	for _, c := range []struct{ dir, want string }{
		{"../..", "【数据自洽】data/schools.csv 第72行「小学最大班额」: \"24\" 清水乡上坪教学点：最大班额 24 人，多于小学在校生 23 人\n"},
		{"../../examples/hunan", ""},
	} {
		s, probs := site.Load(c.dir, "")
		if probs.Err() != nil {
			t.Fatal(probs)
		}
		fs := audit.Run(audit.Input{Profile: s.Profile, County: s.County, Result: s.Evaluate(), Year: s.Config.Year})
		if got := lines(fs); got != c.want {
			t.Errorf("%s:\n%s\nwant\n%s", c.dir, got, c.want)
		}
	}
}

// A table copied as a whole is one finding, not one a row.
func TestCopiedTable(t *testing.T) {
	s := exampleSheet(t)
	tab := s.some(t, bigPrimary, nil)
	p := profile(t)
	county := &data.County{Table: tab}
	res := eval.Evaluate(eval.Input{Profile: p, County: county, Year: 2025})
	got := lines(audit.Run(audit.Input{Profile: p, County: county, Result: res, Year: 2025, Previous: county, PreviousYear: 2024}))
	want := "【逐年比对】data/schools.csv: 17 所学校中有 17 所（示例县第一小学、示例县第二小学、示例县第三小学、示例县第四小学、示例县第五小学、示例县第六小学、示例县第七小学、示例县实验小学（东校区）、示例县实验小学（西校区）、青石镇中心小学等 17 所）的各项数字与2024年的学校数据表（data/schools.csv）完全相同：是否把上一年度的表当作了本年度的？\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// When most units jump in one indicator (at least 10, more than half), one finding names the
// column; fewer jump one by one.
func TestColumnJump(t *testing.T) {
	s := exampleSheet(t)
	p := profile(t)
	county := &data.County{Table: s.some(t, bigPrimary, nil)}
	res := eval.Evaluate(eval.Input{Profile: p, County: county, Year: 2025})
	for _, c := range []struct {
		halved int
		want   string
	}{
		{10, "【逐年比对】data/schools.csv: 与2024年相比，17 个学校（学段）中有 10 个的R4 生均教学及辅助用房面积变化超过逐年变化的提示幅度 30%（示例县第一小学、"},
		{9, "【逐年比对】data/schools.csv 第2行「教学及辅助用房面积」"},
	} {
		old := &data.County{Table: s.some(t, bigPrimary, nil)}
		old.Table.File = "data/history/2024/schools.csv"
		for i := range old.Table.Schools {
			if i < c.halved {
				old.Table.Schools[i].TeachingArea.Value /= 2
			} else {
				old.Table.Schools[i].TeachingArea.Value *= 0.99 // no row copied
			}
		}
		got := lines(audit.Run(audit.Input{Profile: p, County: county, Result: res, Year: 2025, Previous: old, PreviousYear: 2024}))
		n := 1
		if c.halved < 10 {
			n = c.halved
		}
		if !strings.HasPrefix(got, c.want) || strings.Count(got, "\n") != n {
			t.Errorf("%d of 17 halved:\n%s", c.halved, got)
		}
	}
}
