package plan

import (
	"math"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Kind is what an action adds to a school: teachers, building area, sports area, equipment or
// rooms. Each resource indicator's measure adds one kind.
type Kind string

const (
	Teachers  Kind = "teachers"  // 人
	Building  Kind = "building"  // 平方米 of teaching and auxiliary rooms
	Sports    Kind = "sports"    // 平方米 of sports grounds and halls
	Equipment Kind = "equipment" // 万元 of teaching equipment
	Rooms     Kind = "rooms"     // 间 of multimedia classrooms
)

// Unit is the unit an amount of the kind is given in.
func (k Kind) Unit() string {
	switch k {
	case Teachers:
		return "人"
	case Building, Sports:
		return "平方米"
	case Equipment:
		return "万元"
	case Rooms:
		return "间"
	}
	return ""
}

// Chinese names the kind in a sentence: 增加教师, 新建校舍.
func (k Kind) Chinese() string {
	switch k {
	case Teachers:
		return "教师"
	case Building:
		return "教学及辅助用房"
	case Sports:
		return "体育运动场馆"
	case Equipment:
		return "教学仪器设备"
	case Rooms:
		return "网络多媒体教室"
	}
	return string(k)
}

// quantity describes how an indicator's measure is raised: which kind of thing is added, whether
// the campus-wide amount is split between the levels, and the school cell it adds to.
type quantity struct {
	kind  Kind
	split bool // campus-wide: a unit receives its share of what the campus adds
	// yuan is how many of the numerator's units one unit of the kind is: 10000 元 per 万元.
	yuan float64
	// cell returns the school's cell the amount is added to, at level l.
	cell func(s *data.School, l standard.Level) *data.Number
	key  string // the cell's column key, without the level prefix of per-level counts
}

// header names the column of the cell at level l, for a message about a blank cell.
func (q quantity) header(l standard.Level) string {
	if q.split {
		return data.HeaderOf(q.key)
	}
	return data.HeaderOf(string(l) + "_" + q.key)
}

// quantities maps the measures eval knows to what raises them. A measure missing here (none
// today) cannot be planned: its shortfalls say so rather than claim zero.
var quantities = map[string]quantity{
	"qualified_teachers": {Teachers, false, 1, func(s *data.School, l standard.Level) *data.Number {
		return pick(l, &s.PrimaryQualifiedTeachers, &s.JuniorQualifiedTeachers)
	}, "qualified_teachers"},
	"backbone_teachers": {Teachers, false, 1, func(s *data.School, l standard.Level) *data.Number {
		return pick(l, &s.PrimaryBackboneTeachers, &s.JuniorBackboneTeachers)
	}, "backbone_teachers"},
	"pe_art_teachers": {Teachers, false, 1, func(s *data.School, l standard.Level) *data.Number {
		return pick(l, &s.PrimaryPEArtTeachers, &s.JuniorPEArtTeachers)
	}, "pe_art_teachers"},
	"teaching_area":    {Building, true, 1, func(s *data.School, _ standard.Level) *data.Number { return &s.TeachingArea }, "teaching_area"},
	"sports_area":      {Sports, true, 1, func(s *data.School, _ standard.Level) *data.Number { return &s.SportsArea }, "sports_area"},
	"equipment_value":  {Equipment, true, 10000, func(s *data.School, _ standard.Level) *data.Number { return &s.EquipmentValue }, "equipment_value"},
	"multimedia_rooms": {Rooms, true, 1, func(s *data.School, _ standard.Level) *data.Number { return &s.MultimediaRooms }, "multimedia_rooms"},
	"teachers":         {Teachers, true, 1, func(s *data.School, _ standard.Level) *data.Number { return &s.Teachers }, "teachers"},
}

func pick(l standard.Level, primary, junior *data.Number) *data.Number {
	if l == standard.Junior {
		return junior
	}
	return primary
}

// step returns the purchasable quantum of a kind: whole teachers and rooms, areas and
// equipment in the steps the options set.
func (o Options) step(k Kind) float64 {
	switch k {
	case Building, Sports:
		return o.AreaStep
	case Equipment:
		return o.EquipmentStep
	}
	return 1
}

// unitCost returns the cost in 元 of one unit of the kind, and whether it is known.
func (o Options) unitCost(k Kind) (float64, bool) {
	var c float64
	switch k {
	case Teachers:
		c = o.Costs.TeacherPerYear
	case Building:
		c = o.Costs.BuildingPerM2
	case Sports:
		c = o.Costs.SportsPerM2
	case Equipment:
		return 10000, true // 万元 are their own cost
	case Rooms:
		c = o.Costs.PerRoom
	}
	return c, c > 0
}

// amount writes k steps as a quantity without float noise: 0.1 × 3 is 0.3, not 0.30000000000000004.
func amount(k int, step float64) float64 { return math.Round(float64(k)*step*1e6) / 1e6 }
