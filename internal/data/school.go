// Package data loads a county's data from its site folder: the school table (CSV in UTF-8, UTF-8
// with BOM, UTF-16 or GBK/GB18030, or XLSX), data/county.toml, data/survey.csv and
// data/history/. It normalises what spreadsheets produce and validates every cell against
// plausible ranges and limits (limits.go), collecting all problems of a file so that the user
// can fix them in one pass.
package data

import (
	"math"

	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// School is one row of the school table: one campus (独立校区).
type School struct {
	Row       int // row in the source table (the header is row 1)
	Code      string
	Name      string
	Type      standard.SchoolType
	Ownership string // 公办 / 民办
	Area      Area   // 城区 / 镇区 / 乡村

	Boarding  string // 是 / 否 / ""
	BuiltYear Number

	PrimaryStudents, JuniorStudents, SeniorStudents Number // blank means 0
	MigrantStudents                                 Number

	PrimaryClasses, JuniorClasses   Number
	PrimaryMaxClass, JuniorMaxClass Number

	PrimaryQualifiedTeachers, JuniorQualifiedTeachers Number
	PrimaryBackboneTeachers, JuniorBackboneTeachers   Number
	PrimaryPEArtTeachers, JuniorPEArtTeachers         Number
	SharedPEArtTeachers                               Number // optional; blank means 0
	Teachers, CertifiedTeachers                       Number

	TeachingArea, SportsArea Number
	ExtraSportsArea          Number // optional; blank means 0
	IndoorSportsArea         Number // optional, blank means 0; 室内体育用房, inside TeachingArea
	EquipmentValue           Number // in 元, whatever unit the table used
	MultimediaRooms          Number

	MusicRooms, MusicRoomMinArea, ArtRooms, ArtRoomMinArea Number

	FundedStudents       Number
	PublicFundPerStudent Number // 元
	PublicFundBudget     Number // 元
	TrainingFund         Number // 元
	// The same two funds as spent (决算), optional: Q4 is judged on the budget, as the standard
	// words it, and the 决算 shown beside it.
	PublicFundFinal, TrainingFundFinal Number // 元
}

// Students returns the number of students at level l.
func (s *School) Students(l standard.Level) float64 {
	if l == standard.Junior {
		return s.JuniorStudents.Value
	}
	return s.PrimaryStudents.Value
}

// Is reports whether the campus is of type t.
func (s *School) Is(t standard.SchoolType) bool { return s.Type == t }

// In reports whether the campus lies in area a.
func (s *School) In(a Area) bool { return s.Area == a }

// CompulsoryStudents returns primary plus junior students.
func (s *School) CompulsoryStudents() float64 {
	return s.PrimaryStudents.Value + s.JuniorStudents.Value
}

// Classes returns the number of classes at level l.
func (s *School) Classes(l standard.Level) Number {
	if l == standard.Junior {
		return s.JuniorClasses
	}
	return s.PrimaryClasses
}

// MaxClass returns the largest class at level l.
func (s *School) MaxClass(l standard.Level) Number {
	if l == standard.Junior {
		return s.JuniorMaxClass
	}
	return s.PrimaryMaxClass
}

// QualifiedTeachers, BackboneTeachers and PEArtTeachers return the level's teacher counts.
func (s *School) QualifiedTeachers(l standard.Level) Number {
	if l == standard.Junior {
		return s.JuniorQualifiedTeachers
	}
	return s.PrimaryQualifiedTeachers
}

func (s *School) BackboneTeachers(l standard.Level) Number {
	if l == standard.Junior {
		return s.JuniorBackboneTeachers
	}
	return s.PrimaryBackboneTeachers
}

func (s *School) PEArtTeachers(l standard.Level) Number {
	if l == standard.Junior {
		return s.JuniorPEArtTeachers
	}
	return s.PrimaryPEArtTeachers
}

// Column describes one column of the school table.
type Column struct {
	Key     string   // English key, accepted as a header too
	Header  string   // Chinese header
	Aliases []string // other accepted headers
	Kind    Kind
	Blank   Blank
	Scale   float64 // multiply to get the unit of School (万元 → 元)
	Note    string  // unit and meaning, for help texts and the 填报模板
	Extra   bool    // optional, shown on a school's page only when filled (a blank cell is "not given")
	number  func(*School) *Number
	text    func(*School) *string
	rng     *Range   // from Plausible, looked up once
	choices []string // Choices of a Choice column, made once: parseChoice runs for each of its cells
}

// Kind is what a column holds.
type Kind int

const (
	Text    Kind = iota // free text
	Choice              // one of Choices(col)
	Count               // a non-negative integer
	Decimal             // a non-negative number
	Year                // a calendar year
)

// Blank says what an empty cell means.
type Blank int

const (
	Missing Blank = iota // reported; what depends on it is 待补充
	Zero                 // counts where blank plainly means none
	None                 // optional columns: blank or "-"/"—"/"／" mean none (0)
)

// Columns lists the school table's columns in the order of DESIGN §3 and the 填报模板.
var Columns = []Column{
	{Key: "code", Header: "学校代码", Kind: Text, Note: "学校（校区）标识码，每个校区唯一", text: func(s *School) *string { return &s.Code }},
	{Key: "name", Header: "学校名称", Kind: Text, Note: "学校（校区）全称", text: func(s *School) *string { return &s.Name }},
	{Key: "type", Header: "学校类型", Kind: Choice, Note: "小学、初级中学、九年一贯制学校、完全中学、十二年一贯制学校、教学点、特殊教育学校、职业学校", text: func(s *School) *string { return (*string)(&s.Type) }},
	{Key: "ownership", Header: "办学性质", Kind: Choice, Note: "公办或民办", text: func(s *School) *string { return &s.Ownership }},
	{Key: "area", Header: "城乡类别", Kind: Choice, Note: "城区、镇区或乡村", text: func(s *School) *string { return (*string)(&s.Area) }},
	{Key: "boarding", Header: "寄宿制", Kind: Choice, Note: "是或否", text: func(s *School) *string { return &s.Boarding }},
	{Key: "built_year", Header: "建成年份", Kind: Year, Note: "规划并建成的年份，用于音乐美术教室面积、学校规模的放宽条件", number: func(s *School) *Number { return &s.BuiltYear }},
	{Key: "primary_students", Header: "小学在校生数", Kind: Count, Blank: Zero, Note: "人；空白按0计", number: func(s *School) *Number { return &s.PrimaryStudents }},
	{Key: "junior_students", Header: "初中在校生数", Kind: Count, Blank: Zero, Note: "人；空白按0计", number: func(s *School) *Number { return &s.JuniorStudents }},
	{Key: "senior_students", Header: "高中在校生数", Kind: Count, Blank: Zero, Note: "人；完全中学、十二年一贯制学校拆分用；空白按0计", number: func(s *School) *Number { return &s.SeniorStudents }},
	{Key: "migrant_students", Header: "随迁子女数", Kind: Count, Note: "进城务工人员随迁子女在校生数（人）", number: func(s *School) *Number { return &s.MigrantStudents }},
	{Key: "primary_classes", Header: "小学班数", Kind: Count, Note: "个", number: func(s *School) *Number { return &s.PrimaryClasses }},
	{Key: "junior_classes", Header: "初中班数", Kind: Count, Note: "个", number: func(s *School) *Number { return &s.JuniorClasses }},
	{Key: "primary_max_class", Header: "小学最大班额", Kind: Count, Note: "人", number: func(s *School) *Number { return &s.PrimaryMaxClass }},
	{Key: "junior_max_class", Header: "初中最大班额", Kind: Count, Note: "人", number: func(s *School) *Number { return &s.JuniorMaxClass }},
	{Key: "primary_qualified_teachers", Header: "小学高于规定学历教师数", Kind: Count, Note: "人；小学专科及以上学历", number: func(s *School) *Number { return &s.PrimaryQualifiedTeachers }},
	{Key: "junior_qualified_teachers", Header: "初中高于规定学历教师数", Kind: Count, Note: "人；初中本科及以上学历", number: func(s *School) *Number { return &s.JuniorQualifiedTeachers }},
	{Key: "primary_backbone_teachers", Header: "小学骨干教师数", Kind: Count, Note: "人；县级及以上骨干教师", number: func(s *School) *Number { return &s.PrimaryBackboneTeachers }},
	{Key: "junior_backbone_teachers", Header: "初中骨干教师数", Kind: Count, Note: "人；县级及以上骨干教师", number: func(s *School) *Number { return &s.JuniorBackboneTeachers }},
	{Key: "primary_pe_art_teachers", Header: "小学体育艺术专任教师数", Kind: Count, Note: "人；体育、音乐、美术专任教师", number: func(s *School) *Number { return &s.PrimaryPEArtTeachers }},
	{Key: "junior_pe_art_teachers", Header: "初中体育艺术专任教师数", Kind: Count, Note: "人；体育、音乐、美术专任教师", number: func(s *School) *Number { return &s.JuniorPEArtTeachers }},
	{Key: "shared_pe_art_teachers", Header: "走教兼职体育艺术教师数", Kind: Count, Blank: None, Note: "人；交流轮岗、兼职、走教的体育艺术教师，仅50–99人的乡村学校和教学点计入；可不填", number: func(s *School) *Number { return &s.SharedPEArtTeachers }},
	{Key: "teachers", Header: "专任教师数", Kind: Count, Note: "人", number: func(s *School) *Number { return &s.Teachers }},
	{Key: "certified_teachers", Header: "持证专任教师数", Kind: Count, Note: "人；持有教师资格证的专任教师", number: func(s *School) *Number { return &s.CertifiedTeachers }},
	{Key: "teaching_area", Header: "教学及辅助用房面积", Kind: Decimal, Note: "平方米", number: func(s *School) *Number { return &s.TeachingArea }},
	{Key: "sports_area", Header: "体育运动场馆面积", Kind: Decimal, Note: "平方米", number: func(s *School) *Number { return &s.SportsArea }},
	{Key: "extra_sports_area", Header: "租用改造体育场地面积", Kind: Decimal, Blank: None, Note: "平方米；城区学校经改造或租赁的专用运动场地；可不填", number: func(s *School) *Number { return &s.ExtraSportsArea }},
	{Key: "indoor_sports_area", Header: "室内体育用房面积", Kind: Decimal, Blank: None, Note: "平方米；填写本列时，“教学及辅助用房面积”按事业统计填（含室内体育用房），“体育运动场馆面积”只填运动场地面积：生均教学及辅助用房面积按二者之差、生均体育运动场馆面积按运动场地加室内体育用房计算；可不填，不填时两项面积按原样计算", number: func(s *School) *Number { return &s.IndoorSportsArea }},
	{Key: "equipment_value", Header: "教学仪器设备值(万元)", Kind: Decimal, Scale: 10000, Note: "万元", number: func(s *School) *Number { return &s.EquipmentValue }},
	{Key: "equipment_value_yuan", Header: "教学仪器设备值(元)", Kind: Decimal, Scale: 1, Note: "元（与“教学仪器设备值(万元)”二选一）", number: func(s *School) *Number { return &s.EquipmentValue }},
	{Key: "multimedia_rooms", Header: "网络多媒体教室数", Kind: Count, Note: "间", number: func(s *School) *Number { return &s.MultimediaRooms }},
	{Key: "music_rooms", Header: "音乐专用教室数", Kind: Count, Note: "间", number: func(s *School) *Number { return &s.MusicRooms }},
	{Key: "music_room_min_area", Header: "音乐专用教室最小面积", Kind: Decimal, Note: "平方米；面积最小的一间", number: func(s *School) *Number { return &s.MusicRoomMinArea }},
	{Key: "art_rooms", Header: "美术专用教室数", Kind: Count, Note: "间", number: func(s *School) *Number { return &s.ArtRooms }},
	{Key: "art_room_min_area", Header: "美术专用教室最小面积", Kind: Decimal, Note: "平方米；面积最小的一间", number: func(s *School) *Number { return &s.ArtRoomMinArea }},
	{Key: "funded_students", Header: "公用经费核定学生数", Kind: Count, Note: "人；核定公用经费时使用的学生数", number: func(s *School) *Number { return &s.FundedStudents }},
	{Key: "public_fund_per_student", Header: "生均公用经费(元)", Kind: Decimal, Note: "元；特殊教育学校必填", number: func(s *School) *Number { return &s.PublicFundPerStudent }},
	{Key: "public_fund_budget", Header: "公用经费预算(万元)", Kind: Decimal, Scale: 10000, Note: "万元；学校年度公用经费预算总额", number: func(s *School) *Number { return &s.PublicFundBudget }},
	{Key: "training_fund", Header: "教师培训经费(万元)", Kind: Decimal, Scale: 10000, Note: "万元；学校年度教师培训经费", number: func(s *School) *Number { return &s.TrainingFund }},
	{Key: "public_fund_final", Header: "公用经费决算(万元)", Kind: Decimal, Scale: 10000, Extra: true, Note: "万元；学校年度公用经费决算总额；可不填", number: func(s *School) *Number { return &s.PublicFundFinal }},
	{Key: "training_fund_final", Header: "教师培训经费决算(万元)", Kind: Decimal, Scale: 10000, Extra: true, Note: "万元；学校年度教师培训经费决算数；可不填", number: func(s *School) *Number { return &s.TrainingFundFinal }},
}

func init() {
	for i := range Columns {
		if Columns[i].Kind == Choice {
			Columns[i].choices = Choices(Columns[i].Key)
		}
	}
}

// ColumnByKey returns the column with the given English key.
func ColumnByKey(key string) *Column {
	for i := range Columns {
		if Columns[i].Key == key {
			return &Columns[i]
		}
	}
	return nil
}

// HeaderOf returns the Chinese header of the column with the given key.
func HeaderOf(key string) string {
	if c := ColumnByKey(key); c != nil {
		return c.Header
	}
	return key
}

// Choices returns the accepted values of a Choice column.
func Choices(key string) []string {
	switch key {
	case "type":
		return strs(standard.SchoolTypes)
	case "ownership":
		return []string{"公办", "民办"}
	case "area":
		return strs(Areas)
	case "boarding":
		return []string{"是", "否"}
	}
	return nil
}

func strs[S ~string](list []S) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// choiceAliases maps the spellings people use to the canonical choice.
var choiceAliases = map[string]map[string]string{
	"type": {
		"初中": "初级中学", "九年一贯制": "九年一贯制学校", "十二年一贯制": "十二年一贯制学校",
		"特殊教育": "特殊教育学校", "特教学校": "特殊教育学校", "职业中学": "职业学校", "中等职业学校": "职业学校",
		"小学教学点": "教学点",
	},
	"boarding": {"Y": "是", "N": "否", "y": "是", "n": "否", "√": "是", "×": "否"},
}

// Format returns the cell of column c for school s as the table holds it: text as written,
// numbers in the column's own unit (万元 stays 万元), "" when blank.
func (c *Column) Format(s *School) string {
	if c.text != nil {
		return *c.text(s)
	}
	n := *c.number(s)
	if !n.Valid {
		return ""
	}
	v := n.Value
	if c.Scale != 0 {
		v = math.Round(v/c.Scale*1e6) / 1e6 // undo ×10000 without float noise
	}
	return num.Exact(v)
}

// Area is a value of the 城乡类别 column.
type Area string

const (
	Urban Area = "城区"
	Town  Area = "镇区"
	Rural Area = "乡村"
)

// Areas lists the values of the 城乡类别 column.
var Areas = []Area{Urban, Town, Rural}
