package statimport

import (
	"os"
	"testing"
)

// RosterTeachers lists the teachers ReadRoster counts: the Hunan example's roster, whole.
func TestRosterTeachers(t *testing.T) {
	m, probs := LoadMapping(t.TempDir())
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	name := "data/事业统计/湘水县2025年教师花名册.csv"
	src, err := os.ReadFile("../../examples/hunan/" + name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseCSV(src, name)
	if err != nil {
		t.Fatal(err)
	}
	if !m.IsRoster(s) {
		t.Fatal("not a roster")
	}
	counts, sum, probs := m.ReadRoster(s, BuiltinName)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	ts := m.RosterTeachers(s)
	if len(ts) != sum.Teachers || len(ts) == 0 {
		t.Fatalf("%d teachers, ReadRoster counts %d", len(ts), sum.Teachers)
	}
	by := map[string]int{}
	for _, x := range ts {
		by[x.Code]++
		if x.ID == "" || x.Name == "" || x.Row < 2 {
			t.Errorf("teacher %+v", x)
		}
	}
	for code, rc := range counts {
		if by[code] != rc.Teacher {
			t.Errorf("%s: %d teachers, ReadRoster counts %d", code, by[code], rc.Teacher)
		}
	}
	if first := ts[0]; first.Row != 2 || first.Code != "4306230001" || first.ID != "T0001" || first.Name != "赵娟丽" {
		t.Errorf("first teacher %+v", first)
	}
}

func FuzzRosterTeachers(f *testing.F) {
	head := "学校代码,学校名称,工号,姓名,任教学段,最高学历,骨干级别,任教学科,教师资格证学段,是否专任,是否交流轮岗,编制\n"
	f.Add(head + "4306230001,湘水县第一小学,T0001,赵娟丽,小学,硕士研究生,无,体育,小学,是,是,聘任制\n")
	f.Add(head + ",,,,,,,,,是,,在编\n\"a\nb\",x,,,,,,,,是,,在编,extra\n")
	f.Add("编制,是否专任,学校代码\n在编,是,1\n")
	m, probs := LoadMapping(f.TempDir())
	if probs.Err() != nil {
		f.Fatal(probs)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseCSV([]byte(text), "r.csv")
		if err != nil {
			return
		}
		for _, x := range m.RosterTeachers(s) {
			if x.Code == "" || x.Row < 1 || x.Row > len(s.Rows) {
				t.Errorf("teacher %+v of %d rows", x, len(s.Rows))
			}
		}
	})
}
