package scenario

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/plan"
	"github.com/youjun-edu/youjun/internal/standard"
)

func parse(t testing.TB, src string) ([]plan.Project, diag.List) {
	t.Helper()
	recs, probs := data.ParseRecords([]byte(src), "data/plan/p.csv")
	if probs.Err() != nil {
		return nil, probs
	}
	return ParseProjects(recs, "data/plan/p.csv")
}

func TestParseProjects(t *testing.T) {
	src := "年份,学校代码,项目,学段,数量,教师类别,目标学校代码,备注\n" +
		"2026,A,调出学生,小学,50,,B,\n" +
		"2026年,A,增加教师,初中,3,骨干、体育艺术,,\n" +
		"2027,A,新建体育运动场馆,,\"1,200.5\",,,扩建\n" +
		"\n" +
		"2027,B,并入学校,,,,A,\n" +
		"2028,C,equipment,,12.5,,,\n"
	ps, probs := parse(t, src)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	want := []plan.Project{
		{Row: 2, Year: 2026, Code: "A", Kind: plan.MovePupils, Level: standard.Primary, Amount: 50, Target: "B"},
		{Row: 3, Year: 2026, Code: "A", Kind: plan.HireTeachers, Level: standard.Junior, Amount: 3, Sorts: []string{plan.Backbone, plan.PEArt}},
		{Row: 4, Year: 2027, Code: "A", Kind: plan.BuildSports, Amount: 1200.5},
		{Row: 6, Year: 2027, Code: "B", Kind: plan.MergeSchool, Target: "A"},
		{Row: 7, Year: 2028, Code: "C", Kind: plan.BuyEquipment, Amount: 12.5},
	}
	if len(ps) != len(want) {
		t.Fatalf("%d projects, want %d: %+v", len(ps), len(want), ps)
	}
	for i := range want {
		want[i].File = "data/plan/p.csv"
		if g, w := ps[i], want[i]; g.Row != w.Row || g.Year != w.Year || g.Code != w.Code || g.Kind != w.Kind || g.Level != w.Level ||
			g.Amount != w.Amount || g.Target != w.Target || !slices.Equal(g.Sorts, w.Sorts) || g.File != w.File {
			t.Errorf("row %d: %+v, want %+v", w.Row, g, w)
		}
	}
}

// Every problem of a file is reported at once, each with its row, column and value.
func TestParseProjectsProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"empty", "", []string{"data/plan/p.csv: 文件是空的，没有表头行"}},
		{"header", "年份,学校,项目,数量\n", []string{
			"第1行「第2列」: \"学校\" 不是这个表的列（年份、学校代码、项目、学段、数量、教师类别、目标学校代码、备注）",
			"缺少必需的列「学校代码」"}},
		{"rows", "年份,学校代码,项目,学段,数量,教师类别,目标学校代码\n" +
			"1999,A,新建体育运动场馆,,100,,\n" +
			"2026,,新建体育运动场馆,,100,,\n" +
			"2026,A,建操场,,100,,\n" +
			"2026,A,调出学生,,10,,\n" +
			"2026,A,调出学生,高中,10,,B\n" +
			"2026,A,调出学生,小学,10.5,,B\n" +
			"2026,A,增加教师,小学,2,班主任,\n" +
			"2026,A,新建教学及辅助用房,小学,约100,,\n" +
			"2026,A,并入学校,,5,,\n" +
			"2026,A,并入学校,,,,A\n" +
			"2026,A,购置教学仪器设备,,0,骨干,B\n",
			[]string{
				"第2行「年份」: \"1999\" 不是 2000–2100 之间的年份",
				"第3行「学校代码」: 不能为空",
				"第4行「项目」: \"建操场\" 不是可填的项目",
				"第5行「学段」: “调出学生”须填学段（小学或初中）",
				"第5行「目标学校代码」: 不能为空",
				"第6行「学段」: \"高中\" 不是学段（小学或初中）",
				"第7行「数量」: \"10.5\" 不是整数",
				"第8行「教师类别」: \"班主任\" “班主任”不是教师类别",
				"第9行「学段」: \"小学\" “新建教学及辅助用房”不分学段，请留空",
				"第9行「数量」: \"约100\" 不是数字",
				"第10行「数量」: \"5\" “并入学校”没有数量，请留空",
				"第10行「目标学校代码」: 不能为空",
				"第11行「目标学校代码」: \"A\" 与学校代码相同",
				"第12行「数量」: \"0\" 不能为 0",
				"第12行「教师类别」: \"骨干\" 只有“增加教师”填教师类别，请留空",
				"第12行「目标学校代码」: \"B\" 只有“调出学生”“并入学校”填目标学校代码，请留空",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, probs := parse(t, tc.src)
			if probs.Err() == nil {
				t.Fatalf("no error; projects %+v", ps)
			}
			text := probs.Error()
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q in\n%s", w, text)
				}
			}
		})
	}
}

func TestParsePupils(t *testing.T) {
	recs, _ := data.ParseRecords([]byte("学校代码,年份,小学在校生,初中在校生\nA,2026,400,\nB,2026,,120\nA,2026,401,\nC,2027,,\nD,2027,-1,\n"), "f.csv")
	pj, probs := ParsePupils(recs, "f.csv")
	if len(pj) != 2 || pj[0].Primary != data.Num(400) || pj[0].Junior.Valid || pj[1].Junior != data.Num(120) {
		t.Errorf("projections %+v", pj)
	}
	text := probs.Error()
	for _, w := range []string{"第4行「学校代码」: \"A\" 与第2行重复（同一学校同一年份）", "第5行「小学在校生」: 小学在校生、初中在校生至少填一个", "第6行「小学在校生」: \"-1\" 不能为负数"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q in\n%s", w, text)
		}
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if s, probs := Load(dir); s != nil || probs != nil {
		t.Fatalf("no data/plan/: %v, %v", s, probs)
	}
	schools, err := os.ReadFile("../../data/schools.csv")
	if err != nil {
		t.Fatal(err)
	}
	head, rest, _ := strings.Cut(string(schools), "\n")
	first, _, _ := strings.Cut(rest, "\n")
	_, tail, _ := strings.Cut(first, ",")
	write(t, dir, "data/plan/新建学校.csv", head+"\n"+"3612349999"+","+tail+"\n")
	write(t, dir, "data/plan/2026.csv", "年份,学校代码,项目,数量\n2026,3612340001,新建体育运动场馆,100\n")
	write(t, dir, "data/plan/2027.csv", "年份,学校代码,项目\n2027,3612349999,新建学校\n")
	write(t, dir, "data/plan/学生预测.csv", "学校代码,年份,小学在校生\n3612340001,2027,1500\n")
	write(t, dir, "data/plan/说明.txt", "x")
	write(t, dir, "data/plan/~$2026.csv", "x")
	s, probs := Load(dir)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if len(s.Projects) != 2 || s.Projects[0].Year != 2026 || s.Projects[1].School == nil || s.Projects[1].School.Code != "3612349999" || len(s.Pupils) != 1 {
		t.Errorf("scenario %+v", s)
	}
	if w := probs.Warnings(); len(w) != 1 || w[0].File != "data/plan/说明.txt" {
		t.Errorf("warnings %v", w)
	}
	// A new school whose data are missing.
	write(t, dir, "data/plan/2028.csv", "年份,学校代码,项目\n2028,3612348888,新建学校\n")
	if _, probs := Load(dir); !strings.Contains(probs.Error(), "data/plan/2028.csv 第2行「学校代码」: \"3612348888\" data/plan/新建学校.csv 中没有这所学校") {
		t.Errorf("missing new school: %v", probs)
	}
}

func FuzzParseProjects(f *testing.F) {
	f.Add("年份,学校代码,项目,学段,数量,教师类别,目标学校代码\n2026,A,调出学生,小学,50,,B\n")
	f.Add("year,code,project,level,amount,teacher_sorts,target\n2026,A,hire_teachers,junior,3,骨干、pe_art,\n")
	f.Add("年份,学校代码,项目\n2027,B,新建学校\n\"2028\",\"C\",\"并入学校\"\n")
	f.Add("学校代码,年份,小学在校生,初中在校生\nA,2026,400,\n")
	f.Fuzz(func(t *testing.T, src string) {
		recs, probs := data.ParseRecords([]byte(src), "p.csv")
		if probs.Err() != nil {
			return
		}
		ps, probs := ParseProjects(recs, "p.csv")
		if probs.Err() == nil {
			for _, p := range ps {
				if p.Year < minYear || p.Year > maxYear || p.Code == "" || p.Amount < 0 {
					t.Errorf("accepted %+v", p)
				}
			}
		}
		ParsePupils(recs, "p.csv")
	})
}

// A list of projects in an .xlsx file is read like a CSV one, with the sheet's rows.
func TestLoadXLSX(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	for i, row := range [][]any{{"年份", "学校代码", "项目", "学段", "数量", "教师类别"}, {}, {2026, "A", "增加教师", "小学", 2, "体育艺术"}, {"2027", "B", "购置教学仪器设备", nil, 3.5}} {
		if len(row) > 0 {
			f.SetSheetRow("Sheet1", "A"+strconv.Itoa(i+1), &row)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, Dir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(dir, Dir, "项目.xlsx")); err != nil {
		t.Fatal(err)
	}
	s, probs := Load(dir)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	want := []plan.Project{
		{File: "data/plan/项目.xlsx", Row: 3, Year: 2026, Code: "A", Kind: plan.HireTeachers, Level: standard.Primary, Amount: 2, Sorts: []string{plan.PEArt}},
		{File: "data/plan/项目.xlsx", Row: 4, Year: 2027, Code: "B", Kind: plan.BuyEquipment, Amount: 3.5},
	}
	if len(s.Projects) != 2 {
		t.Fatalf("projects %+v", s.Projects)
	}
	for i, w := range want {
		g := s.Projects[i]
		if g.File != w.File || g.Row != w.Row || g.Year != w.Year || g.Kind != w.Kind || g.Amount != w.Amount || g.Level != w.Level || !slices.Equal(g.Sorts, w.Sorts) {
			t.Errorf("%+v, want %+v", g, w)
		}
	}
}
