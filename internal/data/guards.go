package data

import (
	"math"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Guards catch the likely mistakes of a table typed by hand: a figure in the wrong unit, a
// copied row, a 合计 row, a part larger than its whole. Each cell it questions may still be
// right, so a guard gives a warning, which fails `build --strict` and `check` as every warning
// does; a row that cannot be right (室内体育用房 larger than the rooms that hold it) is an error.
// The bounds are wide: a real campus is far inside them, and the mistakes they catch, a unit
// off by 10,000 (元 in a 万元 column, 万平方米 for 平方米) or a column pasted one row off, land
// far outside.

// Bounds of the guards, per student of the campus (primary + junior + senior: the areas and
// the equipment serve all of them).
var (
	// 教学仪器设备值: the standard asks 2,000 (小学) and 2,500 元 (初中) a student; 元 typed into
	// the 万元 column makes that 20,000,000, 万元 typed into the 元 column 0.2.
	equipmentPerStudent = Range{50, 100_000} // 元
	// 教学及辅助用房, 体育运动场馆: the standards ask 4.5–10.2 m²; the most crowded urban campus
	// has about 1, a teaching point of a few pupils in a village school's buildings a few hundred.
	// 万平方米, 亩 or 公顷 typed for 平方米 give at most 0.02.
	areaPerStudent = Range{0.1, 2_000} // m²
	// 公用经费预算: the national 基准定额 is 650–940 元 a student a year (a school of fewer than
	// 100 pupils is funded as 100, G6: more a pupil, not less). The same unit mistakes as for
	// the equipment land 10,000 times off.
	fundPerStudent = Range{50, 100_000} // 元
	// 音乐、美术专用教室: the standards ask 54–96 m² a room; under 10 m² is no classroom (a
	// count, or 万平方米), over 1,000 m² a hall (the area of all rooms, or a pasted column).
	roomArea = Range{10, 1_000} // m²
	// 专任教师: 小学 stand at about 19 pupils a teacher (编制标准 1:19); over 100 is a teacher
	// count with a digit lost, or the count of another column.
	maxStudentsPerTeacher = 100.0
	// A campus of fewer pupils than this (a teaching point, below the 50 of the resource
	// evaluation) may have more teachers than pupils.
	minStudentsForTeacherCheck = 50.0
	// Rows are compared for duplicates only when this many of their figures are not zero: two
	// teaching points may well share a handful of small counts.
	minFiguresForDuplicate = 8
)

// guard checks the schools of a loaded table and returns what it finds.
func guard(t *Table) diag.List {
	var probs diag.List
	g := guardCtx{t: t, probs: &probs}
	for i := range t.Schools {
		s := &t.Schools[i]
		g.totalRow(s)
		g.indoorSports(s)
		g.perStudent(s)
		g.subCounts(s)
		g.classCapacity(s)
		g.funds(s)
	}
	g.duplicates()
	return probs
}

type guardCtx struct {
	t     *Table
	probs *diag.List
}

func (g guardCtx) warn(s *School, key string, format string, args ...any) {
	c := ColumnByKey(key)
	g.probs.Warn(g.t.File, s.Row, c.Header, c.Format(s), format, args...)
}

// totalWords mark a row of sums, which a spreadsheet's table often ends with.
var totalWords = []string{"合计", "总计", "小计", "汇总"}

func (g guardCtx) totalRow(s *School) {
	for _, f := range []struct{ key, v string }{{"name", s.Name}, {"code", s.Code}} {
		v := f.v
		if !strings.Contains(v, "计") && !strings.Contains(v, "汇") { // every one of totalWords has one
			continue
		}
		if strings.IndexFunc(v, isSpace) >= 0 {
			v = strings.Map(func(r rune) rune {
				if isSpace(r) {
					return -1
				}
				return r
			}, v)
		}
		for _, w := range totalWords {
			if strings.Contains(v, w) {
				g.probs.Warn(g.t.File, s.Row, HeaderOf(f.key), f.v,
					"像是%s行：它会被当作一所学校参加评估，全县的数字会重复计算；如果是合计行，请删除这一行", w)
				return
			}
		}
	}
}

// indoorSports refuses indoor sports rooms larger than the 教学及辅助用房 that, in the
// statistics, include them: R4 would be negative.
func (g guardCtx) indoorSports(s *School) {
	in, ta := s.IndoorSportsArea, s.TeachingArea
	if in.Valid && ta.Valid && in.Value > ta.Value {
		g.probs.Add(g.t.File, s.Row, HeaderOf("indoor_sports_area"), num.Exact(in.Value),
			"大于教学及辅助用房面积 %s：填写室内体育用房面积时，教学及辅助用房面积应按教育事业统计口径填写（含室内体育用房）", num.Exact(ta.Value))
	}
}

// campusStudents are the students the campus-wide figures serve.
func campusStudents(s *School) float64 {
	return s.PrimaryStudents.Value + s.JuniorStudents.Value + s.SeniorStudents.Value
}

func (g guardCtx) perStudent(s *School) {
	n := campusStudents(s)
	if n <= 0 {
		return
	}
	if v := s.EquipmentValue; v.Valid && v.Value > 0 {
		key, unit := "equipment_value", "万元"
		if g.t.Present["equipment_value_yuan"] {
			key, unit = "equipment_value_yuan", "元"
		}
		switch per := v.Value / n; {
		case per > equipmentPerStudent.Max:
			hint := "请核对"
			if unit == "万元" {
				hint = "是否把以元为单位的数填进了万元列？"
			}
			g.warn(s, key, "折合生均%s元，超过%s元，远高于常见水平：%s", perValue(per), num.Exact(equipmentPerStudent.Max), hint)
		case per < equipmentPerStudent.Min:
			hint := "请核对单位（本列为万元）"
			if unit == "元" {
				hint = "是否把以万元为单位的数填进了元列？"
			}
			g.warn(s, key, "折合生均%s元，不足%s元，远低于常见水平：%s", perValue(per), num.Exact(equipmentPerStudent.Min), hint)
		}
	}
	for _, a := range []struct {
		key string
		v   Number
	}{{"teaching_area", s.TeachingArea}, {"sports_area", s.SportsArea}} {
		key, v := a.key, a.v
		if !v.Valid || v.Value <= 0 {
			continue
		}
		switch per := v.Value / n; {
		case per < areaPerStudent.Min:
			g.warn(s, key, "折合生均%s平方米，不足%s平方米：单位是否为平方米（不是万平方米、亩或公顷）？", perValue(per), num.Exact(areaPerStudent.Min))
		case per > areaPerStudent.Max:
			g.warn(s, key, "折合生均%s平方米，超过%s平方米：请核对面积和在校生数", perValue(per), num.Exact(areaPerStudent.Max))
		}
	}
	for _, a := range []struct {
		key string
		v   Number
	}{{"music_room_min_area", s.MusicRoomMinArea}, {"art_room_min_area", s.ArtRoomMinArea}} {
		if v := a.v; v.Valid && v.Value > 0 && (v.Value < roomArea.Min || v.Value > roomArea.Max) {
			g.warn(s, a.key, "一间专用教室的面积不在%s–%s平方米之间：请核对单位（平方米）和所填的是否为面积最小的一间", num.Exact(roomArea.Min), num.Exact(roomArea.Max))
		}
	}
	if t := s.Teachers; t.Valid && t.Value > 0 {
		switch {
		case n/t.Value > maxStudentsPerTeacher:
			g.warn(s, "teachers", "平均每名专任教师有%s名学生（在校生%s人），超过%s名：专任教师数是否漏填了位数？", perValue(n/t.Value), num.Exact(n), num.Exact(maxStudentsPerTeacher))
		case t.Value > n && n >= minStudentsForTeacherCheck && !s.Is(standard.TypeSpecial):
			g.warn(s, "teachers", "多于在校生数 %s：专任教师数与在校生数是否填反或填错了列？", num.Exact(n))
		}
	}
	if r := s.MultimediaRooms; r.Valid && r.Value > n {
		g.warn(s, "multimedia_rooms", "多于在校生数 %s：是否填了面积或其他列的数？", num.Exact(n))
	}
}

// subCounts warns of teachers of a kind more numerous than the 专任教师 they are part of.
func (g guardCtx) subCounts(s *School) {
	t := s.Teachers
	if !t.Valid {
		return
	}
	for _, k := range []struct {
		kind string
		p, j Number
	}{
		{"qualified_teachers", s.PrimaryQualifiedTeachers, s.JuniorQualifiedTeachers},
		{"backbone_teachers", s.PrimaryBackboneTeachers, s.JuniorBackboneTeachers},
		{"pe_art_teachers", s.PrimaryPEArtTeachers, s.JuniorPEArtTeachers},
	} {
		kind, p, j := k.kind, k.p, k.j
		if p.Value+j.Value <= t.Value {
			continue
		}
		switch {
		case p.Value > t.Value:
			g.warn(s, "primary_"+kind, "多于专任教师数 %s：它是专任教师的一部分", num.Exact(t.Value))
		case j.Value > t.Value:
			g.warn(s, "junior_"+kind, "多于专任教师数 %s：它是专任教师的一部分", num.Exact(t.Value))
		default:
			g.warn(s, "junior_"+kind, "与%s %s 合计 %s，多于专任教师数 %s：它们是专任教师的一部分",
				HeaderOf("primary_"+kind), num.Exact(p.Value), num.Exact(p.Value+j.Value), num.Exact(t.Value))
		}
	}
}

// classCapacity warns of more students at a level than its classes hold at the largest size.
func (g guardCtx) classCapacity(s *School) {
	for _, l := range standard.Levels {
		c, m := s.Classes(l), s.MaxClass(l)
		n := s.Students(l)
		if !c.Valid || !m.Valid || c.Value <= 0 || m.Value <= 0 || n <= c.Value*m.Value {
			continue
		}
		g.warn(s, string(l)+"_students", "多于%s %s × %s %s = %s：在校生数、班数或最大班额有误",
			HeaderOf(string(l)+"_classes"), num.Exact(c.Value), HeaderOf(string(l)+"_max_class"), num.Exact(m.Value), num.Exact(c.Value*m.Value))
	}
}

// funds checks the 公用经费 figures for a unit off by 10,000.
func (g guardCtx) funds(s *School) {
	b, tf := s.PublicFundBudget, s.TrainingFund
	if b.Valid && tf.Valid && tf.Value > b.Value {
		g.warn(s, "training_fund", "大于公用经费预算 %s 万元：教师培训经费是公用经费的一部分，请核对两列的单位（均为万元）", num.Exact(b.Value/10000))
	}
	n := s.FundedStudents.Value
	if !s.FundedStudents.Valid || n <= 0 {
		n = campusStudents(s)
	}
	if b.Valid && b.Value > 0 && n > 0 {
		switch per := b.Value / n; {
		case per > fundPerStudent.Max:
			g.warn(s, "public_fund_budget", "折合生均%s元，超过%s元：是否把以元为单位的数填进了万元列？", perValue(per), num.Exact(fundPerStudent.Max))
		case per < fundPerStudent.Min:
			g.warn(s, "public_fund_budget", "折合生均%s元，不足%s元：请核对单位（本列为万元）", perValue(per), num.Exact(fundPerStudent.Min))
		}
	}
	if v := s.PublicFundPerStudent; v.Valid && v.Value > 0 {
		switch {
		case v.Value < fundPerStudent.Min:
			g.warn(s, "public_fund_per_student", "不足%s元：本列以元为单位，是否填成了万元？", num.Exact(fundPerStudent.Min))
		case v.Value > fundPerStudent.Max:
			g.warn(s, "public_fund_per_student", "超过%s元：请核对（本列是每名学生的数，以元为单位）", num.Exact(fundPerStudent.Max))
		}
	}
}

// perValue writes a per-student value in a message: 0.00031, 6.12, 20000000.
func perValue(v float64) string {
	if v != 0 && math.Abs(v) < 0.01 {
		return strconv.FormatFloat(v, 'g', 2, 64)
	}
	return num.Short(v)
}

// duplicates warns of a row whose figures all equal an earlier row's: a row copied for a new
// school and not changed. Rows are hashed by their figures into an open-addressing table of
// row indexes (a Go map of 200,000 rows costs several times more); a row is compared in full
// with the earlier rows of its hash.
func (g guardCtx) duplicates() {
	var figures []*Column
	for i := range Columns {
		if c := &Columns[i]; c.number != nil && c.Key != "equipment_value_yuan" {
			figures = append(figures, c)
		}
	}
	size := 1
	for size < 2*len(g.t.Schools) {
		size <<= 1
	}
	// A slot holds a hash's high bits and, in its low bits, a row index + 1; 0 is empty.
	slots := make([]uint64, size)
	for i := range g.t.Schools {
		s := &g.t.Schools[i]
		// FNV-1a over the figures' bits, a word at a time.
		h := uint64(14695981039346656037)
		nonZero := 0
		for _, c := range figures {
			n := c.number(s)
			x := math.Float64bits(n.Value)
			if n.Valid {
				x ^= 0x9e3779b97f4a7c15 // a blank cell is not a 0
				if n.Value != 0 {
					nonZero++
				}
			}
			h = (h ^ x) * 1099511628211
		}
		if nonZero < minFiguresForDuplicate {
			continue
		}
		h ^= h >> 29 // let every figure reach the high bits, which pick the slot
		for k := (h >> 32) & uint64(size-1); ; k = (k + 1) & uint64(size-1) {
			slot := slots[k]
			if slot == 0 {
				slots[k] = h&^indexMask | uint64(i+1)
				break
			}
			if slot&^indexMask != h&^indexMask {
				continue
			}
			if o := &g.t.Schools[slot&indexMask-1]; sameFigures(s, o) {
				g.probs.Warn(g.t.File, s.Row, HeaderOf("name"), s.Name, "各项数字与第%d行（%s）完全相同：是否复制了一行后忘了改数字？", o.Row, o.Name)
				break
			}
		}
	}
}

// indexMask holds a row's index + 1 in the low bits of a slot of duplicates: room for MaxRows.
const indexMask = 1<<20 - 1

// MaxRows must fit in indexMask.
var _ = [1]int{}[MaxRows>>20]

func sameFigures(a, b *School) bool {
	for ci := range Columns {
		c := &Columns[ci]
		if c.number != nil && *c.number(a) != *c.number(b) {
			return false
		}
	}
	return true
}
