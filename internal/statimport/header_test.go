package statimport

import (
	"strings"
	"testing"
)

func TestReadHeaderCSV(t *testing.T) {
	src := "2025年学校基本情况,,,,\n" +
		"单位：人,,,填报日期：2025-09-30,\n" + // two cells: found by the key's label, not as a title
		"学校标识码,学校名称,教基3112,,教基1102\n" +
		",,在校生数,,县级以上骨干教师(小学)\n" +
		",,合计,其中：随迁子女,\n" +
		"甲,乙,1,2,3\n" +
		"4306230001,一小,1220,295,20\n" +
		",合计,1220,295,20\n"
	s, err := ParseCSV([]byte(src), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	tb := ReadHeader(s, "", "学校标识码")
	var paths []string
	for _, p := range tb.Paths {
		paths = append(paths, p.String())
	}
	want := "学校标识码|学校名称|教基3112›在校生数›合计|教基3112›在校生数›其中:随迁子女|教基1102›县级以上骨干教师(小学)"
	if got := strings.Join(paths, "|"); got != want {
		t.Errorf("paths\n%s\nwant\n%s", got, want)
	}
	if tb.HeadTop != 2 || tb.First != 6 {
		t.Errorf("header at %d, data from %d", tb.HeadTop, tb.First)
	}
	m, probs := ParseMapping("m.toml", []byte("[school]\ncode = \"学校标识码\"\nname = \"学校名称\"\n[columns.primary_students]\nsum = [\"在校生数›合计\"]\n"))
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	recs, probs := m.CountyRecords(tb, "m.toml")
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	if len(recs) != 1 || recs[0].Code != "4306230001" || recs[0].Row != 7 || recs[0].Values["primary_students"].Text != "1220" {
		t.Errorf("records %+v", recs)
	}
}

func TestFind(t *testing.T) {
	tb := &Table{Paths: []Path{{"教基3112", "在校生数", "合计"}, {"教基3115", "在校生数", "合计"}, {"学校标识码"}, nil}}
	for _, c := range []struct {
		path string
		col  int
	}{{"教基3112›在校生数›合计", 0}, {"在校生数›合计", -2}, {"学校标识码", 2}, {"教基3115›合计", -1}, {"合计", -2}} {
		if got := tb.Find(ParsePath(c.path)); got != c.col {
			t.Errorf("%s: %d, want %d", c.path, got, c.col)
		}
	}
}
