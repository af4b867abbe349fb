package plan

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

func yearCV(t *testing.T, v YearVerdict, l standard.Level, id string) eval.Opt {
	t.Helper()
	for _, lv := range v.Levels {
		if lv.Level != l {
			continue
		}
		for _, c := range lv.CVs {
			if c.Indicator == id {
				return c.CV
			}
		}
	}
	t.Fatalf("%d: no %s %s", v.Year, l, id)
	return eval.Opt{}
}

func levelOf(v YearVerdict, l standard.Level) LevelVerdict {
	i := slices.IndexFunc(v.Levels, func(lv LevelVerdict) bool { return lv.Level == l })
	return v.Levels[i]
}

// Two years on the example county: in 2026 the sports grounds the plan lists for R5 are built
// (示例县第三小学 402 m² to its floor and 3072 m² for the CV; four others), which brings R5's
// primary CV from 0.497 below 0.48 and 第三小学, below R5's floor (6.1 of 7.5 m², floor 6.375), to
// pass: 62 of 62 primary units. In 2027 a school opens: 63 units.
func TestYearsExample(t *testing.T) {
	p, c := example(t)
	pl, res := makePlan(p, c, DefaultOptions())
	if got := levelOf(YearVerdict{Levels: verdictLevels(res)}, standard.Primary); got.Units != 62 || got.UnitsPassing != 61 {
		t.Fatalf("now: %d of %d primary units pass, want 61 of 62", got.UnitsPassing, got.Units)
	}
	var projects []Project
	for _, a := range pl.Actions {
		if a.Indicator == "R5" {
			projects = append(projects, Project{File: "p.csv", Row: len(projects) + 2, Year: 2026, Code: a.Code, Kind: BuildSports, Amount: a.Amount})
		}
	}
	if len(projects) != 6 {
		t.Fatalf("%d R5 actions, want 6 (the pass and five CV actions)", len(projects))
	}
	opened := c.Table.Schools[0]
	opened.Code, opened.Name = "3612349999", "示例县城东小学"
	projects = append(projects, Project{File: "p.csv", Row: 9, Year: 2027, Code: opened.Code, Kind: OpenSchool, School: &opened})
	years, probs := Years(p, c, 2025, &Scenario{Projects: projects})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if len(years) != 2 || years[0].Year != 2026 || years[1].Year != 2027 || years[0].Projects != 6 || years[1].Projects != 1 {
		t.Fatalf("years: %+v", years)
	}
	// The CV the plan promised, and below the target.
	var promised eval.Opt
	for _, cp := range pl.CVs {
		if cp.Indicator == "R5" {
			promised = cp.Levels[0].After
		}
	}
	got := yearCV(t, years[0], standard.Primary, "R5")
	if !got.OK || got.V >= 0.48 || math.Abs(got.V-promised.V) > 1e-12 {
		t.Errorf("2026 R5 primary CV %v, promised %v, want < 0.48", got, promised)
	}
	if j := yearCV(t, years[0], standard.Junior, "R5"); math.Abs(j.V-0.2878) > 5e-5 {
		t.Errorf("2026 R5 junior CV %v, want 0.2878 (the plan's figure)", j)
	}
	if lv := levelOf(years[0], standard.Primary); lv.UnitsPassing != 62 || lv.Units != 62 || lv.Status != eval.Met {
		t.Errorf("2026 primary: %+v, want 62 of 62, 达到", lv)
	}
	// The junior units that fail now still fail: the county is not yet 达到.
	if lv := levelOf(years[0], standard.Junior); lv.UnitsPassing != 19 || lv.Units != 21 || years[0].Conclusion != eval.NotMet {
		t.Errorf("2026 junior: %+v, conclusion %s", lv, years[0].Conclusion)
	}
	if lv := levelOf(years[1], standard.Primary); lv.Units != 63 || lv.UnitsPassing != 63 {
		t.Errorf("2027 primary: %d of %d pass, want 63 of 63", lv.UnitsPassing, lv.Units)
	}
	// The county's data are not changed.
	if again := evaluate(p, c); again.Resource.Primary.UnitsPassing != 61 {
		t.Error("Years changed the county's schools")
	}
}

func verdictLevels(res *eval.Result) []LevelVerdict {
	var out []LevelVerdict
	for _, l := range standard.Levels {
		rl := res.Resource.Of(l)
		out = append(out, LevelVerdict{Level: l, Units: rl.Units, UnitsPassing: rl.UnitsPassing})
	}
	return out
}

// Moves, hires, projections and a merger change the cells they name, and only those.
func TestYearsCells(t *testing.T) {
	p := national(t)
	a := data.School{Code: "A", Name: "甲小学", Type: standard.SchoolType("小学"), PrimaryStudents: data.Num(300), Teachers: data.Num(20),
		CertifiedTeachers: data.Num(20), PrimaryPEArtTeachers: data.Num(2), PrimaryQualifiedTeachers: data.Num(10), SportsArea: data.Num(1000),
		EquipmentValue: data.Num(500000), PrimaryMaxClass: data.Num(40), MusicRoomMinArea: data.Num(80), Row: 2}
	b := a
	b.Code, b.Name, b.Row, b.PrimaryStudents, b.PrimaryMaxClass, b.MusicRoomMinArea = "B", "乙小学", 3, data.Num(100), data.Num(46), data.Num(70)
	n := a
	n.Code, n.Name = "N", "新小学"
	c := &data.County{Table: &data.Table{Schools: []data.School{a, b}}}
	sc := &Scenario{
		Projects: []Project{
			{Year: 2026, Code: "A", Kind: MovePupils, Level: standard.Primary, Amount: 50, Target: "B"},
			{Year: 2026, Code: "A", Kind: HireTeachers, Level: standard.Primary, Amount: 3, Sorts: []string{PEArt, Qualified}},
			{Year: 2026, Code: "A", Kind: BuyEquipment, Amount: 12.5},
			{Year: 2027, Code: "B", Kind: MergeSchool, Target: "A"},
			{Year: 2027, Code: "N", Kind: OpenSchool, School: &n},
		},
		// A school opened in a year may have its pupils projected that year.
		Pupils: []Projection{{Year: 2027, Code: "A", Primary: data.Num(400)}, {Year: 2027, Code: "N", Primary: data.Num(80)}},
	}
	var seen [][]data.School
	years, probs := years(p, c, 2025, sc, func(s []data.School) { seen = append(seen, slices.Clone(s)) })
	if len(probs) > 0 || len(years) != 2 {
		t.Fatal(years, probs)
	}
	y1 := seen[0]
	if y1[0].PrimaryStudents.Value != 250 || y1[1].PrimaryStudents.Value != 150 {
		t.Errorf("move: %v, %v", y1[0].PrimaryStudents, y1[1].PrimaryStudents)
	}
	if y1[0].Teachers.Value != 23 || y1[0].CertifiedTeachers.Value != 23 || y1[0].PrimaryPEArtTeachers.Value != 5 ||
		y1[0].PrimaryQualifiedTeachers.Value != 13 || y1[0].PrimaryBackboneTeachers.Valid {
		t.Errorf("hire: %+v", y1[0])
	}
	if y1[0].EquipmentValue.Value != 625000 {
		t.Errorf("equipment: %v 元, want 625000", y1[0].EquipmentValue.Value)
	}
	y2 := seen[1]
	// 2027: A's pupils projected to 400 first, then B (150) merged into it.
	if len(y2) != 2 || y2[1].Code != "N" || y2[1].PrimaryStudents.Value != 80 || y2[1].Row != openedRows+1 || y2[0].PrimaryStudents.Value != 550 || y2[0].Teachers.Value != 43 || y2[0].SportsArea.Value != 2000 ||
		y2[0].PrimaryMaxClass.Value != 46 || y2[0].MusicRoomMinArea.Value != 70 {
		t.Errorf("merge: %+v", y2)
	}
	if years[1].Projected != 2 || years[1].Projects != 2 {
		t.Errorf("2027 counts: %+v", years[1])
	}
}

// Every project that cannot be carried out is reported at once, with its file, row, column and value.
func TestYearsProblems(t *testing.T) {
	p, c := example(t)
	sc := &Scenario{
		Projects: []Project{
			{File: "p.csv", Row: 2, Year: 2026, Code: "9999999999", Kind: BuildSports, Amount: 100},
			{File: "p.csv", Row: 3, Year: 2024, Code: "3612340001", Kind: BuildSports, Amount: 100},
			{File: "p.csv", Row: 4, Year: 2026, Code: "3612340001", Kind: MovePupils, Level: standard.Primary, Amount: 99999, Target: "3612340002"},
			{File: "p.csv", Row: 5, Year: 2027, Code: "3612340003", Kind: MergeSchool, Target: "8888888888"},
			{File: "p.csv", Row: 6, Year: 2027, Code: "3612340002", Kind: MergeSchool, Target: "3612340001"},
			{File: "p.csv", Row: 7, Year: 2028, Code: "3612340002", Kind: BuildSports, Amount: 1},
		},
		Pupils: []Projection{{File: "f.csv", Row: 2, Year: 2026, Code: "7777777777", Primary: data.Num(1)}},
	}
	years, probs := Years(p, c, 2025, sc)
	if years != nil {
		t.Error("verdicts despite problems")
	}
	want := []Problem{
		{"p.csv", 3, "年份", "2024", "早于评估年度 2025 年，规划项目应从评估年度起"},
		{"f.csv", 2, "学校代码", "7777777777", "不在学校数据表中（2026年时也不是新建的学校，或已并入其他学校）"},
		{"p.csv", 2, "学校代码", "9999999999", "不在学校数据表中（2026年时也不是新建的学校，或已并入其他学校）"},
		{"p.csv", 4, "数量", "99999", "调出99999人，多于该校2026年时的小学在校生1443人"},
		{"p.csv", 5, "目标学校代码", "8888888888", "并入的学校不在学校数据表中（2027年时也不是新建的学校，或已并入其他学校）"},
		{"p.csv", 7, "学校代码", "3612340002", "不在学校数据表中（2028年时也不是新建的学校，或已并入其他学校）"},
	}
	if !slices.Equal(probs, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", fmtProblems(probs), fmtProblems(want))
	}
}

func fmtProblems(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.File + " " + p.Column + " " + p.Value + " " + p.Message + "\n")
	}
	return b.String()
}

// An action for a school that relies on a relaxation takes the relaxation's deadline.
func TestRelaxationDeadlines(t *testing.T) {
	actions := []Action{
		{Row: 2, Indicator: "R3", Level: standard.Primary, Deadline: 2030},
		{Row: 2, Indicator: "R3", Level: standard.Junior, Deadline: 2030},
		{Row: 3, Indicator: "R5", Deadline: 2030},
		{Row: 4, Indicator: "R5"},
		{Row: 5, Indicator: "R5", Deadline: 2030},
	}
	relied := []eval.Relied{
		{Row: 2, Item: "R3", Level: "primary", Deadline: 2027},
		{Row: 3, Item: "R5", Level: "primary", Deadline: 2031},
		{Row: 4, Item: "R5", Deadline: 2028},
		{Row: 4, Item: "R5", Deadline: 2026},
		{Row: 5, Item: "R5"}, // no deadline
	}
	relaxationDeadlines(actions, relied)
	var got []int
	for _, a := range actions {
		got = append(got, a.Deadline)
	}
	if want := []int{2027, 2030, 2031, 2026, 2030}; !slices.Equal(got, want) {
		t.Errorf("deadlines %v, want %v", got, want)
	}
}
