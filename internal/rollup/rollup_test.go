package rollup

import (
	"strconv"
	"strings"
	"testing"
)

func f(v float64) *float64 { return &v }

func county(input, province, city, code, name, verdict string, ratio *float64, cvs ...float64) County {
	c := County{Input: input, Province: province, City: city, Code: code, Name: name, Verdict: verdict, MaxCVRatio: ratio,
		Verification: Verification{Status: Verified}}
	if len(cvs) > 0 {
		l := Level{Level: "primary", Name: "小学", CVLimit: 0.5}
		for i, v := range cvs {
			l.Indicators = append(l.Indicators, Indicator{ID: "R" + string(rune('1'+i)), CV: f(v), CVLimit: 0.5, CVOK: v <= 0.5})
		}
		c.Levels = []Level{l}
	}
	return c
}

// Make orders counties by code, those without one last, names their pages by a unique valid
// code (else the input order), ranks by the worst CV ratio (ties share a rank) and counts groups.
func TestMake(t *testing.T) {
	in := []County{
		county("a", "乙省", "甲市", "220102", "丙县", Met, f(0.4)),
		county("b", "甲省", "乙市", "110201", "甲县", NotMet, f(0.9)),
		county("c", "甲省", "甲市", "110102", "乙县", Pending, f(0.4)),
		county("d", "甲省", "甲市", "110101", "丁县", Failed, nil),
		county("e", "甲省", "甲市", "110101", "丁县", Met, f(0.2)), // the same county, packaged twice
		county("f", "甲省", "甲市", "", "戊县", Met, f(0.3)),
	}
	in[0].Verification.Status = Mismatch
	r := Make("汇总", "(devel)", in, 0.005)
	var got []string
	for _, c := range r.Counties {
		got = append(got, c.Name+":"+c.ID+":"+itoa(c.Rank))
	}
	want := "丁县:0004:0 丁县:0005:1 乙县:110102:3 甲县:110201:5 丙县:220102:3 戊县:0006:2"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
	s := r.Summary
	if s.Counties != 6 || s.Met != 3 || s.NotMet != 1 || s.Pending != 1 || s.Failed != 1 || s.Mismatched != 1 {
		t.Errorf("summary %+v", s)
	}
	var groups []string
	for _, g := range r.Groups {
		groups = append(groups, g.Kind+":"+g.Province+g.City+":"+itoa(g.Counties))
	}
	if s := strings.Join(groups, " "); s != "province:甲省:5 city:甲省甲市:4 city:甲省乙市:1 province:乙省:1 city:乙省甲市:1" {
		t.Errorf("groups %s", s)
	}
	var pub []string
	for _, c := range r.Published() {
		pub = append(pub, c.Name)
	}
	if s := strings.Join(pub, " "); s != "丁县 戊县" { // 丙县 reaches the standard but its package does not verify
		t.Errorf("published %s", s)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Compare lists verdicts that moved, CVs that rose, counties added and removed, matched by code
// or, without one, by place and name.
func TestCompare(t *testing.T) {
	prev := Make("上次", "", []County{
		county("a", "甲省", "甲市", "110101", "甲县", Met, f(0.5), 0.30, 0.40),
		county("b", "甲省", "甲市", "", "乙县", NotMet, f(0.5), 0.45),
		county("c", "甲省", "甲市", "110103", "丙县", Met, f(0.5)),
	}, 0.005)
	prev.Date = "2024-11-20"
	cur := Make("本次", "", []County{
		county("a", "甲省", "甲市", "110101", "甲县", NotMet, f(0.5), 0.31, 0.39),
		county("b", "甲省", "甲市", "", "乙县", Met, f(0.5), 0.40),
		county("d", "甲省", "甲市", "110104", "丁县", Met, f(0.5)),
	}, 0.005)
	cur.Compare(prev)
	ch := cur.Changes
	if ch.Previous != "上次" || ch.PreviousDate != "2024-11-20" || len(ch.Moved) != 2 || ch.Moved[1] != (Move{Ref{"", "乙县"}, NotMet, Met}) || ch.Moved[0] != (Move{Ref{"110101", "甲县"}, Met, NotMet}) {
		t.Errorf("moved %+v", ch.Moved)
	}
	if len(ch.Rose) != 1 || ch.Rose[0].Indicator != "R1" || ch.Rose[0].From != 0.30 || ch.Rose[0].To != 0.31 {
		t.Errorf("rose %+v", ch.Rose)
	}
	if len(ch.Added) != 1 || ch.Added[0].Name != "丁县" || len(ch.Removed) != 1 || ch.Removed[0].Name != "丙县" {
		t.Errorf("added %v removed %v", ch.Added, ch.Removed)
	}
}

// Parse reads what JSON writes and refuses other formats and broken files, in Chinese.
func TestParse(t *testing.T) {
	r := Make("汇总", "v1", []County{county("a", "甲省", "甲市", "110101", "甲县", Met, f(0.5), 0.3)}, 0.005)
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b)
	if err != nil || back.Counties[0].Name != "甲县" || *back.Counties[0].Levels[0].Indicators[0].CV != 0.3 {
		t.Fatalf("%v %+v", err, back)
	}
	for src, want := range map[string]string{
		`{"format": "other"}`: `rollup.json 的格式为 "other"`,
		`{"format": `:         "不是有效的 rollup.json",
		`[1]`:                 "不是有效的 rollup.json：字段",
	} {
		if _, err := Parse([]byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%s) = %v, want %q", src, err, want)
		}
	}
}

// No input makes Parse panic, and what it accepts compares with itself without a change.
func FuzzParse(f *testing.F) {
	r := Make("汇总", "v1", []County{county("a", "甲省", "甲市", "110101", "甲县", Met, f0(0.5), 0.3)}, 0.005)
	b, _ := r.JSON()
	f.Add(b)
	f.Add([]byte(`{"format":"youjun-rollup/1","counties":[{"levels":[{"indicators":[{"id":"R1","cv":null}]}]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		prev, err := Parse(src)
		if err != nil {
			return
		}
		cur := *prev
		cur.Compare(prev)
		if len(cur.Changes.Moved)+len(cur.Changes.Rose)+len(cur.Changes.Removed) != 0 {
			t.Errorf("a rollup compared with itself changed: %+v", cur.Changes)
		}
	})
}

func f0(v float64) *float64 { return &v }

// Heat classes a CV by its distance to the limit; failing and 临界 come first.
func TestHeat(t *testing.T) {
	for _, tt := range []struct {
		v, limit       float64
		fail, critical bool
		want           string
	}{
		{0.51, 0.5, true, false, "fail"},
		{0.497, 0.5, false, true, "critical"},
		{0.41, 0.5, false, false, "high"},
		{0.40, 0.5, false, false, "mid"},
		{0.30, 0.5, false, false, "low"},
		{0.2, 0, false, false, "low"},
	} {
		if got := Heat(tt.v, tt.limit, tt.fail, tt.critical); got != tt.want {
			t.Errorf("Heat(%v, %v, %v, %v) = %s, want %s", tt.v, tt.limit, tt.fail, tt.critical, got, tt.want)
		}
	}
}

// The CV table's columns are every level's indicators, then its composite, in the order met.
func TestCVColumns(t *testing.T) {
	a := county("a", "甲省", "甲市", "110101", "甲县", Met, f(0.5), 0.3, 0.6)
	a.Levels[0].CompositeCV = f(0.45)
	r := Make("", "", []County{a}, 0.005)
	var got []string
	for _, c := range CVColumns(r) {
		got = append(got, c.LevelName+c.ID)
	}
	if s := strings.Join(got, " "); s != "小学R1 小学R2 小学综合" {
		t.Errorf("columns %s", s)
	}
	cols := CVColumns(r)
	if v, limit, ok, fail, _ := CV(&r.Counties[0], cols[1]); v != 0.6 || limit != 0.5 || !ok || !fail {
		t.Errorf("R2: %v %v %v %v", v, limit, ok, fail)
	}
	if v, _, ok, _, _ := CV(&r.Counties[0], cols[2]); v != 0.45 || !ok {
		t.Errorf("composite: %v %v", v, ok)
	}
}
