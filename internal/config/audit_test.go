package config

import (
	"strings"
	"testing"
)

func TestAudit(t *testing.T) {
	c, probs := Parse([]byte("county = \"甲县\"\n[audit]\nmax_change = 0.25\nmin_students = 80\n[audit.max_change_by]\n\"R6\" = 0.5\nstudents = 10\n"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	a := c.Audit
	if a.MaxChange != 0.25 || a.MinStudents != 80 || len(a.MaxChangeBy) != 2 || a.MaxChangeBy["R6"] != 0.5 || a.MaxChangeBy["students"] != 10 {
		t.Errorf("audit = %+v", a)
	}
	// Every problem at once, each with its line; both sides of each bound.
	_, probs = Parse([]byte("county = \"甲县\"\n[audit]\nmax_change = 10.5\nmin_students = 2.5\nmax_chnage = 1\n[audit.max_change_by]\n\"R6\" = 0\nR4 = nan\nR1 = 10\n"))
	for _, want := range []string{
		`site.toml 第3行「audit.max_change」: "10.5" 逐年变化的提示幅度应大于 0、不超过 10（相对上一年度的变化比例，如 0.3 表示 30%）`,
		`site.toml 第4行「audit.min_students」: "2.5" 应为 1 到 100000 之间的整数`,
		`site.toml 第5行「audit.max_chnage」: 未知的键，是否为「max_change」？`,
		`site.toml 第7行「audit.max_change_by.R6」: "0" 逐年变化的提示幅度应大于 0`,
		`site.toml 第8行「audit.max_change_by.R4」: "NaN" 逐年变化的提示幅度应大于 0`,
	} {
		if !strings.Contains(probs.Error(), want) {
			t.Errorf("problems\n%v\nlack %s", probs, want)
		}
	}
	if strings.Contains(probs.Error(), "R1") {
		t.Errorf("R1 = 10 is allowed: %v", probs)
	}
}
