package plan

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// ProjectKind is what a planned project of a scenario (data/plan/) does to a school.
type ProjectKind string

const (
	MovePupils    ProjectKind = "move_pupils"      // 调出学生: Amount pupils of Level to Target
	HireTeachers  ProjectKind = "hire_teachers"    // 增加教师: Amount teachers of Level, counted in Sorts
	BuildTeaching ProjectKind = "teaching_area"    // 新建教学及辅助用房: Amount m²
	BuildSports   ProjectKind = "sports_area"      // 新建体育运动场馆: Amount m²
	BuyEquipment  ProjectKind = "equipment"        // 购置教学仪器设备: Amount 万元
	AddMultimedia ProjectKind = "multimedia_rooms" // 增加网络多媒体教室: Amount rooms
	AddMusicRooms ProjectKind = "music_rooms"      // 增加音乐专用教室: Amount rooms
	AddArtRooms   ProjectKind = "art_rooms"        // 增加美术专用教室: Amount rooms
	OpenSchool    ProjectKind = "open_school"      // 新建学校: School joins the table
	MergeSchool   ProjectKind = "merge_school"     // 并入学校: the school joins Target and leaves the table
)

// Teacher sorts a hired teacher may count in, besides the school's 专任教师数.
const (
	Qualified = "qualified" // 高于规定学历
	Backbone  = "backbone"  // 骨干
	PEArt     = "pe_art"    // 体育艺术
)

// Project is one planned project: what is done to one school in one year. File and Row say
// where it was written, for messages.
type Project struct {
	File   string         `json:"file"`
	Row    int            `json:"row"`
	Year   int            `json:"year"`
	Code   string         `json:"code"`
	Kind   ProjectKind    `json:"kind"`
	Level  standard.Level `json:"level,omitempty"`
	Amount float64        `json:"amount,omitempty"`
	Sorts  []string       `json:"sorts,omitempty"`  // HireTeachers
	Target string         `json:"target,omitempty"` // MovePupils, MergeSchool
	School *data.School   `json:"-"`                // OpenSchool: its row of data
}

// Projection is a projected number of pupils of one school in one year; a null level keeps the
// school's count.
type Projection struct {
	File            string
	Row             int
	Code            string
	Year            int
	Primary, Junior data.Number
}

// Scenario is the county's planned projects and projected pupils.
type Scenario struct {
	Projects []Project
	Pupils   []Projection
}

// Problem is a project that cannot be carried out, located like a diag.Problem (plan imports
// no diag: it is pure).
type Problem struct {
	File    string
	Row     int
	Column  string
	Value   string
	Message string
}

// YearVerdict is the county's evaluation after a year's projects.
type YearVerdict struct {
	Year       int            `json:"year"`
	Projects   int            `json:"projects"`  // carried out that year
	Projected  int            `json:"projected"` // schools whose pupils were projected that year
	Conclusion eval.Status    `json:"conclusion"`
	Levels     []LevelVerdict `json:"levels"`
}

// LevelVerdict is one level's resource verdict in a year.
type LevelVerdict struct {
	Level        standard.Level `json:"level"`
	Status       eval.Status    `json:"status"`
	Units        int            `json:"units"`
	UnitsPassing int            `json:"units_passing"`
	CVs          []CVVerdict    `json:"cvs"`
}

// CVVerdict is one indicator's 差异系数 against its limit.
type CVVerdict struct {
	Indicator string      `json:"indicator"`
	CV        eval.Opt    `json:"cv"`
	Limit     float64     `json:"limit"`
	Status    eval.Status `json:"status"`
}

// openedRows numbers the rows of opened schools past any table's: eval tells units apart by
// their row.
const openedRows = 1 << 30

// Years evaluates the county after each year's projects, in the order of the years: a year's
// schools are opened first, then its pupils projected, its projects carried out in the order
// written, and its mergers done last; each year starts from the county the year before left.
// Every project that cannot be carried out is a Problem, and then no verdict is given. The
// evaluation year stays the county's: relaxations and county figures are judged as now.
func Years(p *standard.Profile, county *data.County, year int, s *Scenario) ([]YearVerdict, []Problem) {
	return years(p, county, year, s, nil)
}

// years is Years; seen, when not nil, is given the schools of each year (for the tests).
func years(p *standard.Profile, county *data.County, year int, s *Scenario, seen func([]data.School)) ([]YearVerdict, []Problem) {
	var probs []Problem
	bad := func(pr Project, col, val, format string, args ...any) {
		probs = append(probs, Problem{File: pr.File, Row: pr.Row, Column: col, Value: val, Message: fmt.Sprintf(format, args...)})
	}
	projects := slices.Clone(s.Projects)
	slices.SortStableFunc(projects, func(a, b Project) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(phase(a.Kind), phase(b.Kind)))
	})
	for _, pr := range projects {
		if year != 0 && pr.Year < year {
			bad(pr, "年份", fmt.Sprint(pr.Year), "早于评估年度 %d 年，规划项目应从评估年度起", year)
		}
	}
	for _, pj := range s.Pupils {
		if year != 0 && pj.Year < year {
			probs = append(probs, Problem{File: pj.File, Row: pj.Row, Column: "年份", Value: fmt.Sprint(pj.Year),
				Message: fmt.Sprintf("早于评估年度 %d 年，预测应从评估年度起", year)})
		}
	}
	schools := slices.Clone(county.Table.Schools)
	var out []YearVerdict
	opened := 0
	for _, y := range yearsOf(projects, s.Pupils) {
		v := YearVerdict{Year: y, Levels: []LevelVerdict{}}
		for _, pr := range projects {
			if pr.Year != y || pr.Kind != OpenSchool {
				continue
			}
			v.Projects++
			if i := find(schools, pr.Code); i >= 0 {
				bad(pr, "学校代码", pr.Code, "新建学校的代码已是现有学校（%s）的代码", schools[i].Name)
				continue
			}
			ns := *pr.School
			opened++
			ns.Row = openedRows + opened
			schools = append(schools, ns)
		}
		for _, pj := range s.Pupils {
			if pj.Year != y {
				continue
			}
			i := find(schools, pj.Code)
			if i < 0 {
				probs = append(probs, Problem{File: pj.File, Row: pj.Row, Column: "学校代码", Value: pj.Code, Message: missing(y)})
				continue
			}
			if pj.Primary.Valid {
				schools[i].PrimaryStudents = pj.Primary
			}
			if pj.Junior.Valid {
				schools[i].JuniorStudents = pj.Junior
			}
			v.Projected++
		}
		for _, pr := range projects {
			if pr.Year != y {
				continue
			}
			if pr.Kind == OpenSchool {
				continue
			}
			v.Projects++
			i := find(schools, pr.Code)
			if i < 0 {
				bad(pr, "学校代码", pr.Code, "%s", missing(y))
				continue
			}
			if msg, col, val := carryOut(schools, i, pr); msg != "" {
				bad(pr, col, val, "%s", msg)
				continue
			}
			if pr.Kind == MergeSchool {
				schools = slices.Delete(schools, i, i+1)
			}
		}
		if len(probs) > 0 {
			continue // go on checking the later years; no verdict will be given
		}
		t := *county.Table
		t.Schools = slices.Clone(schools)
		if seen != nil {
			seen(t.Schools)
		}
		c := *county
		c.Table = &t
		res := eval.Evaluate(eval.Input{Profile: p, County: &c, Year: year})
		v.Conclusion = res.Conclusion
		for _, l := range standard.Levels {
			rl := res.Resource.Of(l)
			if rl.Units == 0 {
				continue
			}
			lv := LevelVerdict{Level: l, Status: rl.Status, Units: rl.Units, UnitsPassing: rl.UnitsPassing, CVs: []CVVerdict{}}
			for _, ind := range rl.Indicators {
				lv.CVs = append(lv.CVs, CVVerdict{Indicator: ind.ID, CV: ind.CV, Limit: ind.CVLimit, Status: ind.CVStatus})
			}
			v.Levels = append(v.Levels, lv)
		}
		out = append(out, v)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return out, nil
}

func missing(y int) string {
	return fmt.Sprintf("不在学校数据表中（%d年时也不是新建的学校，或已并入其他学校）", y)
}

// phase orders a year's projects: schools open first and merge last, so that a project may
// name a school opened the same year, and a merged school receives that year's projects first.
func phase(k ProjectKind) int {
	switch k {
	case OpenSchool:
		return 0
	case MergeSchool:
		return 2
	}
	return 1
}

func yearsOf(projects []Project, pupils []Projection) []int {
	var ys []int
	for _, p := range projects {
		ys = append(ys, p.Year)
	}
	for _, p := range pupils {
		ys = append(ys, p.Year)
	}
	slices.Sort(ys)
	return slices.Compact(ys)
}

func find(schools []data.School, code string) int {
	return slices.IndexFunc(schools, func(s data.School) bool { return s.Code == code })
}

// add adds v to a cell; a blank (unknown) cell stays unknown, as a planned addition to an
// unknown figure is still unknown.
func add(n *data.Number, v float64) {
	n.Value += v
}

// carryOut carries out project pr on schools[i]; it returns why it cannot, with the column and value.
func carryOut(schools []data.School, i int, pr Project) (msg, col, val string) {
	s := &schools[i]
	lv := pr.Level
	switch pr.Kind {
	case MovePupils:
		j := find(schools, pr.Target)
		if j < 0 {
			return "调入的学校" + missing(pr.Year), "目标学校代码", pr.Target
		}
		if j == i {
			return "调入的学校与调出的学校相同", "目标学校代码", pr.Target
		}
		from, to := students(s, lv), students(&schools[j], lv)
		if pr.Amount > from.Value {
			return fmt.Sprintf("调出%s人，多于该校%d年时的%s在校生%s人", num(pr.Amount), pr.Year, lv.Chinese(), num(from.Value)), "数量", num(pr.Amount)
		}
		from.Value -= pr.Amount
		to.Value += pr.Amount
		to.Valid = true
	case HireTeachers:
		add(&s.Teachers, pr.Amount)
		add(&s.CertifiedTeachers, pr.Amount)
		for _, sort := range pr.Sorts {
			switch sort {
			case Qualified:
				add(pick(lv, &s.PrimaryQualifiedTeachers, &s.JuniorQualifiedTeachers), pr.Amount)
			case Backbone:
				add(pick(lv, &s.PrimaryBackboneTeachers, &s.JuniorBackboneTeachers), pr.Amount)
			case PEArt:
				add(pick(lv, &s.PrimaryPEArtTeachers, &s.JuniorPEArtTeachers), pr.Amount)
			}
		}
	case BuildTeaching:
		add(&s.TeachingArea, pr.Amount)
	case BuildSports:
		add(&s.SportsArea, pr.Amount)
	case BuyEquipment:
		add(&s.EquipmentValue, pr.Amount*10000)
	case AddMultimedia:
		add(&s.MultimediaRooms, pr.Amount)
	case AddMusicRooms:
		add(&s.MusicRooms, pr.Amount)
	case AddArtRooms:
		add(&s.ArtRooms, pr.Amount)
	case MergeSchool:
		j := find(schools, pr.Target)
		if j < 0 {
			return "并入的学校" + missing(pr.Year), "目标学校代码", pr.Target
		}
		if j == i {
			return "不能并入自身", "目标学校代码", pr.Target
		}
		merge(&schools[j], s)
	}
	return "", "", ""
}

func students(s *data.School, l standard.Level) *data.Number {
	return pick(l, &s.PrimaryStudents, &s.JuniorStudents)
}

// merge adds what school from has to school to: its pupils, classes, teachers, areas, equipment
// and rooms. The largest class is the larger of the two; the smallest music and art rooms the
// smaller (the merged school's classes are not regrouped).
func merge(to, from *data.School) {
	for _, f := range []func(*data.School) *data.Number{
		func(s *data.School) *data.Number { return &s.PrimaryStudents },
		func(s *data.School) *data.Number { return &s.JuniorStudents },
		func(s *data.School) *data.Number { return &s.SeniorStudents },
		func(s *data.School) *data.Number { return &s.MigrantStudents },
		func(s *data.School) *data.Number { return &s.PrimaryClasses },
		func(s *data.School) *data.Number { return &s.JuniorClasses },
		func(s *data.School) *data.Number { return &s.PrimaryQualifiedTeachers },
		func(s *data.School) *data.Number { return &s.JuniorQualifiedTeachers },
		func(s *data.School) *data.Number { return &s.PrimaryBackboneTeachers },
		func(s *data.School) *data.Number { return &s.JuniorBackboneTeachers },
		func(s *data.School) *data.Number { return &s.PrimaryPEArtTeachers },
		func(s *data.School) *data.Number { return &s.JuniorPEArtTeachers },
		func(s *data.School) *data.Number { return &s.SharedPEArtTeachers },
		func(s *data.School) *data.Number { return &s.Teachers },
		func(s *data.School) *data.Number { return &s.CertifiedTeachers },
		func(s *data.School) *data.Number { return &s.TeachingArea },
		func(s *data.School) *data.Number { return &s.SportsArea },
		func(s *data.School) *data.Number { return &s.ExtraSportsArea },
		func(s *data.School) *data.Number { return &s.IndoorSportsArea },
		func(s *data.School) *data.Number { return &s.EquipmentValue },
		func(s *data.School) *data.Number { return &s.MultimediaRooms },
		func(s *data.School) *data.Number { return &s.MusicRooms },
		func(s *data.School) *data.Number { return &s.ArtRooms },
	} {
		a, b := f(to), f(from)
		a.Value += b.Value
		a.Valid = a.Valid && b.Valid
	}
	for _, f := range []func(*data.School) *data.Number{
		func(s *data.School) *data.Number { return &s.PrimaryMaxClass },
		func(s *data.School) *data.Number { return &s.JuniorMaxClass },
	} {
		a, b := f(to), f(from)
		if b.Valid && (!a.Valid || b.Value > a.Value) && b.Value > 0 {
			*a = *b
		}
	}
	for _, f := range []func(*data.School) *data.Number{
		func(s *data.School) *data.Number { return &s.MusicRoomMinArea },
		func(s *data.School) *data.Number { return &s.ArtRoomMinArea },
	} {
		a, b := f(to), f(from)
		if b.Valid && (!a.Valid || b.Value < a.Value) {
			*a = *b
		}
	}
}

func num(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%g", v)
}
