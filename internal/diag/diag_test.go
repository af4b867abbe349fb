package diag

import (
	"fmt"
	"strings"
	"testing"
)

// A junk sheet of 300,000 rows once printed 599,831 messages; Cap keeps the first of each kind
// and counts the rest.
func TestCap(t *testing.T) {
	var l List
	for row := 2; row < 300_002; row++ {
		l.Add("data/schools.csv", row, "小学在校生数", "x", "不是数字")
		l.Warn("data/schools.csv", row, "备注", "", "提示")
	}
	l.Add("data/county.toml", 3, "G8", "", "错误")
	l.Add("data/schools.csv", 0, "", "", "数据超过 200000 行")
	got := l.Cap(20, 200)
	var lines []string
	for _, p := range got {
		lines = append(lines, p.String())
	}
	if len(got) != 20+20+1+1+2 {
		t.Fatalf("%d problems:\n%s", len(got), strings.Join(lines, "\n"))
	}
	want := []string{
		"data/schools.csv「小学在校生数」: 另有 299980 处同类问题未列出",
		"data/schools.csv「备注」: 另有 299980 处同类问题未列出",
	}
	for i, w := range want {
		if p := got[len(got)-2+i]; p.String() != w || p.Warning != (i == 1) {
			t.Errorf("summary %d = %v (warning %v), want %s", i, p, p.Warning, w)
		}
	}
	if got[0].Line != 2 || got[1].Line != 2 || got[2].Line != 3 || got[40].File != "data/county.toml" || got[41].Line != 0 {
		t.Errorf("order changed: %s", strings.Join(lines[:5], "\n"))
	}
	if got.Err() == nil {
		t.Error("capped list lost its errors")
	}

	// The per-file cap applies across columns.
	var many List
	for c := range 50 {
		for row := range 10 {
			many.Add("f", row+1, fmt.Sprint("列", c), "", "错")
		}
	}
	if got := many.Cap(20, 200); len(got) != 200+30 {
		t.Errorf("per-file cap: %d problems", len(got))
	}
	short := List{{File: "f", Message: "a"}}
	if got := short.Cap(20, 200); len(got) != 1 {
		t.Errorf("short list changed: %v", got)
	}
}

// A 10 MB cell is quoted by its start and its length.
func TestLongValue(t *testing.T) {
	p := Problem{File: "f", Line: 2, Column: "学校名称", Value: strings.Repeat("甲", 10_000_000), Message: "太长"}
	got := p.String()
	if len(got) > 300 || !strings.Contains(got, "…（共 10000000 个字符）") {
		t.Errorf("got %q", got[:min(len(got), 400)])
	}
	if got := (Problem{Value: "乙"}).String(); got != `"乙" ` {
		t.Errorf("short value: %q", got)
	}
}

// A Capper fed in batches keeps exactly what Cap keeps from the whole list, and knows about the
// errors it dropped.
func TestCapperMatchesCap(t *testing.T) {
	junk := func() List {
		var l List
		for row := 2; row < 5_000; row++ {
			l.Warn("data/schools.csv", row, "备注", "", "提示")
			if row%3 == 0 {
				l.Add("data/schools.csv", row, fmt.Sprint("列", row%40), "x", "不是数字")
			}
			if row == 4_000 {
				l.Add("data/schools.csv", 0, "", "", "整个文件的问题")
			}
		}
		return l
	}
	c := NewCapper(20, 200)
	for l := junk(); len(l) > 0; {
		n := min(len(l), 777)
		c.Add(l[:n]...)
		l = l[n:]
	}
	if got, want := c.List().Error(), junk().Cap(20, 200).Error(); got != want {
		t.Errorf("streamed:\n%s\nwant:\n%s", got, want)
	}
	only := NewCapper(0, 0)
	only.Add(Problem{File: "f", Line: 3, Message: "错"})
	if !only.Err() || only.List().Err() == nil {
		t.Error("a dropped error was lost")
	}
}

// "另有 89980 处同类问题未列出" was printed before the problems it continues: as a problem
// about no line it sorted first.
func TestSummarySortsLast(t *testing.T) {
	l := NewCapper(1, 200)
	l.Add(Problem{File: "b.csv", Line: 5, Column: "列", Message: "错"}, Problem{File: "b.csv", Line: 6, Column: "列", Message: "错"},
		Problem{File: "b.csv", Message: "整个文件"}, Problem{File: "a.toml", Line: 3, Message: "错"})
	_, byFile := l.List().ByFile()
	var got []string
	for _, p := range byFile["b.csv"] {
		got = append(got, p.Local())
	}
	want := []string{"整个文件", "第5行「列」: 错", "「列」: 另有 1 处同类问题未列出"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
