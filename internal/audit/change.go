package audit

import (
	"fmt"
	"math"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// minCopiedFigures: rows are compared as copied only when this many of their figures are not
// zero (as the loader's duplicate rows): a teaching point may well keep its few small counts.
const minCopiedFigures = 8

// copiedTable: when at least this many rows, and more than half of the schools found in both
// years, are copied, the table as a whole is: one finding says so instead of one a row.
const copiedTable = 10

// match pairs the schools of this year's table with last year's: by 学校代码, then, for the
// schools left, by 学校名称 (a code that changed).
type match struct {
	prev    map[int]int // index in this year's table → index in last year's
	byName  map[int]bool
	matched []bool // of last year's schools
}

func matchSchools(cur, prev *data.Table) match {
	m := match{prev: make(map[int]int, len(cur.Schools)), byName: map[int]bool{}, matched: make([]bool, len(prev.Schools))}
	codes := make(map[string]int, len(prev.Schools))
	names := make(map[string]int, len(prev.Schools))
	for j := range prev.Schools {
		s := &prev.Schools[j]
		if _, dup := codes[s.Code]; s.Code != "" && !dup {
			codes[s.Code] = j
		}
		if _, dup := names[s.Name]; s.Name != "" && !dup {
			names[s.Name] = j
		}
	}
	for i := range cur.Schools {
		if j, ok := codes[cur.Schools[i].Code]; ok && cur.Schools[i].Code != "" && !m.matched[j] {
			m.prev[i], m.matched[j] = j, true
		}
	}
	for i := range cur.Schools {
		if _, ok := m.prev[i]; ok {
			continue
		}
		if j, ok := names[cur.Schools[i].Name]; ok && !m.matched[j] {
			m.prev[i], m.matched[j], m.byName[i] = j, true, true
		}
	}
	return m
}

// counted reports whether a school takes part in the evaluation's counts at all: a 职业学校 or
// a row without compulsory students vanishing is not the county's concern here.
func counted(s *data.School) bool {
	return s.CompulsoryStudents() > 0 && s.Type != standard.TypeVocational
}

// changes compares this year's table with last year's.
func changes(in Input) []Finding {
	cur, prev := in.County.Table, in.Previous.Table
	m := matchSchools(cur, prev)
	py := yearWord(in.PreviousYear, "上一年度")
	var fs, copied []Finding
	for i := range cur.Schools {
		s := &cur.Schools[i]
		j, ok := m.prev[i]
		if !ok {
			if counted(s) {
				fs = append(fs, Finding{Kind: Change, File: cur.File, Row: s.Row, Code: s.Code, School: s.Name, Column: data.HeaderOf("code"), Value: s.Code,
					Message: fmt.Sprintf("%s的学校数据表（%s）中没有这所学校（按学校代码和名称均未找到）：新设、分设或更名的学校，请在报告中说明", py, prev.File)})
			}
			continue
		}
		o := &prev.Schools[j]
		if m.byName[i] {
			fs = append(fs, Finding{Kind: Change, File: cur.File, Row: s.Row, Code: s.Code, School: s.Name, Column: data.HeaderOf("code"), Value: s.Code,
				Message: fmt.Sprintf("学校代码与%s（%s 第%d行：%s）不同：按学校名称对应比较", py, prev.File, o.Row, o.Code)})
		}
		if n := copiedFigures(s, o); n >= minCopiedFigures && counted(s) {
			copied = append(copied, Finding{Kind: Change, File: cur.File, Row: s.Row, Code: s.Code, School: s.Name,
				Message: fmt.Sprintf("各项数字（%d 项不为 0）与%s（%s 第%d行）完全相同：是否照抄了上一年度的数据？", n, py, prev.File, o.Row)})
		}
	}
	if len(copied) >= copiedTable && 2*len(copied) > len(m.prev) {
		names := make([]string, len(copied))
		for i, f := range copied {
			names[i] = f.School
		}
		copied = []Finding{{Kind: Change, File: cur.File,
			Message: fmt.Sprintf("%d 所学校中有 %d 所（%s）的各项数字与%s的学校数据表（%s）完全相同：是否把上一年度的表当作了本年度的？",
				len(m.prev), len(copied), list(names), py, prev.File)}}
	}
	fs = append(fs, copied...)
	for j := range prev.Schools {
		o := &prev.Schools[j]
		if !m.matched[j] && counted(o) {
			fs = append(fs, Finding{Kind: Change, File: prev.File, Row: o.Row, Code: o.Code, School: o.Name, Column: data.HeaderOf("code"), Value: o.Code,
				Message: fmt.Sprintf("%s有这所学校（在校生 %s 人），%s的学校数据表（%s）中没有：撤并、停办或更名的学校，请在报告中说明",
					py, num.Exact(o.CompulsoryStudents()), yearWord(in.Year, "本年度"), cur.File)})
		}
	}
	pres := in.PreviousResult
	if pres == nil && in.Result != nil {
		pres = eval.Evaluate(eval.Input{Profile: in.Profile, County: in.Previous, Year: in.PreviousYear})
	}
	if in.Result != nil {
		fs = append(fs, jumps(in, m, pres)...)
	}
	return fs
}

func yearWord(y int, def string) string {
	if y == 0 {
		return def
	}
	return fmt.Sprintf("%d年", y)
}

// copiedFigures returns the number of non-zero figures of s when every figure of s equals
// o's (a blank equals only a blank), else 0.
func copiedFigures(s, o *data.School) int {
	n := 0
	for _, c := range figureColumns {
		a, _ := c.Figure(s)
		b, _ := c.Figure(o)
		if a != b {
			return 0
		}
		if a.Valid && a.Value != 0 {
			n++
		}
	}
	return n
}

var figureColumns = data.FigureColumns()

// unitKey names a unit of a table: its row and level.
type unitKey struct {
	row   int
	level standard.Level
}

// jump is a unit whose value of one key (an indicator, or StudentsKey) changed beyond its ratio.
type jump struct {
	u, o *eval.Unit
	s    *data.School
	a, b eval.Value // the indicator's values; unused for students
}

// jumps flags the units whose indicator values, or students, changed beyond the options'
// ratios from last year to this. When most units compared jump in the same key (at least
// copiedTable, more than half), the column as a whole changed, its unit or its definition
// more likely than every school: one finding says so instead of one a unit.
func jumps(in Input, m match, pres *eval.Result) []Finding {
	cur, prev := in.County.Table, in.Previous.Table
	old := make(map[unitKey]*eval.Unit, len(pres.Units))
	for k := range pres.Units {
		u := &pres.Units[k]
		old[unitKey{u.Row, u.Level}] = u
	}
	rowOf := make(map[int]int, len(m.prev)) // this year's row → last year's
	for i, j := range m.prev {
		rowOf[cur.Schools[i].Row] = prev.Schools[j].Row
	}
	byRow := rowIndex(cur)
	minN := in.Options.minStudents()
	inds := in.Profile.Resource.Indicators
	found := make([][]jump, len(inds)+1) // by indicator; the last for the students
	compared := make([]int, len(inds)+1)
	for k := range in.Result.Units {
		u := &in.Result.Units[k]
		pr, ok := rowOf[u.Row]
		if !ok {
			continue
		}
		o := old[unitKey{pr, u.Level}]
		s := byRow[u.Row]
		if o == nil || s == nil || u.Students < minN || o.Students < minN {
			continue
		}
		compared[len(inds)]++
		if beyond(o.Students, u.Students, in.Options.maxChange(StudentsKey)) {
			found[len(inds)] = append(found[len(inds)], jump{u: u, o: o, s: s})
		}
		for i, ind := range inds {
			a, ok1 := o.Values.Get(ind.ID)
			b, ok2 := u.Values.Get(ind.ID)
			if !ok1 || !ok2 || !a.Valid || !b.Valid {
				continue
			}
			compared[i]++
			if beyond(a.Value, b.Value, in.Options.maxChange(ind.ID)) {
				found[i] = append(found[i], jump{u: u, o: o, s: s, a: a, b: b})
			}
		}
	}
	var fs []Finding
	for i, js := range found {
		var ind *standard.Indicator
		if i < len(inds) {
			ind = &inds[i]
		}
		if len(js) >= copiedTable && 2*len(js) > compared[i] {
			fs = append(fs, columnJump(in, ind, js, compared[i]))
			continue
		}
		for _, j := range js {
			fs = append(fs, unitJump(in, ind, j))
		}
	}
	return fs
}

// unitJump is the finding of one unit's jump; ind is nil for the students.
func unitJump(in Input, ind *standard.Indicator, j jump) Finding {
	u, o, s := j.u, j.o, j.s
	py, cy := yearWord(in.PreviousYear, "上一年度"), yearWord(in.Year, "本年度")
	f := Finding{Kind: Change, File: in.County.Table.File, Row: s.Row, Code: s.Code, School: u.Name}
	if ind == nil {
		lim := in.Options.maxChange(StudentsKey)
		f.Column, f.Value = data.HeaderOf(string(u.Level)+"_students"), num.Exact(u.Students)
		f.Message = fmt.Sprintf("%s在校生由%s的 %s 人变为%s的 %s 人（%s），超过逐年变化的提示幅度 %s：请核对",
			u.Level.Chinese(), py, num.Exact(o.Students), cy, num.Exact(u.Students), change(o.Students, u.Students), limit(lim))
		return f
	}
	lim := in.Options.maxChange(ind.ID)
	col := measureColumn(ind.Measure, u.Level)
	f.Column, f.Value = data.HeaderOf(col), data.ColumnByKey(col).Format(s)
	f.Message = fmt.Sprintf("%s %s由%s的 %s 变为%s的 %s %s（%s；%s %s → %s，在校生 %s → %s 人），超过逐年变化的提示幅度 %s：请核对并在报告中说明原因",
		ind.ID, ind.Name, py, num.Short(j.a.Value), cy, num.Short(j.b.Value), ind.Unit, change(j.a.Value, j.b.Value),
		numeratorWord(*ind), num.Short(j.a.Numerator), num.Short(j.b.Numerator), num.Exact(o.Students), num.Exact(u.Students), limit(lim))
	return f
}

// columnJump is the one finding of a key in which most units jump.
func columnJump(in Input, ind *standard.Indicator, js []jump, compared int) Finding {
	what, key := "在校生数", StudentsKey
	if ind != nil {
		what, key = ind.ID+" "+ind.Name, ind.ID
	}
	names := make([]string, len(js))
	for i, j := range js {
		names[i] = j.u.Name
	}
	return Finding{Kind: Change, File: in.County.Table.File,
		Message: fmt.Sprintf("与%s相比，%d 个学校（学段）中有 %d 个的%s变化超过逐年变化的提示幅度 %s（%s）：大多数学校同时大幅变化，是否整列数据的单位或统计口径变了？",
			yearWord(in.PreviousYear, "上一年度"), compared, len(js), what, limit(in.Options.maxChange(key)), list(names))}
}

// beyond reports whether after differs from before by more than lim of before; from zero, any
// increase is beyond.
func beyond(before, after, lim float64) bool {
	if before == 0 {
		return after > 0
	}
	return math.Abs(after-before) > lim*math.Abs(before)
}

// change writes the relative change: +74.12%, −31.00%, or 由0增加.
func change(before, after float64) string {
	if before == 0 {
		return "由 0 增加"
	}
	r := 100 * (after - before) / before
	if r >= 0 {
		return "+" + num.Percent(r)
	}
	return "−" + num.Percent(-r)
}

// limit writes a ratio of Options as a percentage: 30%.
func limit(r float64) string { return num.Plain(100*r) + "%" }

// measureColumn is the column of the school table an indicator's numerator comes from.
func measureColumn(measure string, l standard.Level) string {
	switch measure {
	case "qualified_teachers", "backbone_teachers", "pe_art_teachers":
		return string(l) + "_" + measure
	case "teaching_area", "sports_area", "equipment_value", "multimedia_rooms":
		return measure
	}
	return "name"
}

// numeratorWord says what an indicator's numerator counts, for the figures behind a change.
func numeratorWord(ind standard.Indicator) string {
	switch ind.Measure {
	case "qualified_teachers", "backbone_teachers", "pe_art_teachers":
		return "教师数"
	case "teaching_area", "sports_area":
		return "面积（平方米）"
	case "equipment_value":
		return "设备值（元）"
	case "multimedia_rooms":
		return "教室数"
	}
	return "分子"
}
