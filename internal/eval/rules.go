package eval

import (
	"fmt"
	"math"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

// rules are the computations named by a profile's `rule`; standard.Rules lists their parameters.
var rules = map[string]func(c *context, it *standard.Item) Item{
	"music_art_rooms":        musicArtRooms,
	"school_size":            schoolSize,
	"class_size":             classSize,
	"small_school_funding":   smallSchoolFunding,
	"special_school_funding": specialSchoolFunding,
	"teacher_certification":  teacherCertification,
	"training_fund_share":    trainingFundShare,
	"survey":                 survey,
	"history_cv":             historyCV,
	"resource_cv":            resourceCV,
}

// schoolRule applies check to every school that filter selects and sums up the outcome.
// columns are the keys of the table columns the check reads: when one is absent from the
// table, the item is 待补充 as a whole.
func (c *context) schoolRule(it *standard.Item, columns []string, filter func(*data.School) bool, check func(*data.School) (Status, string)) Item {
	out := newItem(it)
	out.Computed = true
	if e := c.county.Figures.Entry(it.ID); e != nil {
		out.Evidence, out.Note = e.Evidence, e.Note
	}
	var absent []string
	for _, key := range columns {
		if !c.table.Has(key) {
			absent = append(absent, "「"+data.HeaderOf(key)+"」")
		}
	}
	if len(absent) > 0 {
		out.Status = Pending
		out.Summary = "学校数据表缺少" + strings.Join(absent, "") + "列，无法计算"
		return out
	}
	var n, failing, pending int
	for i := range c.table.Schools {
		s := &c.table.Schools[i]
		if !filter(s) {
			continue
		}
		n++
		st, detail := check(s)
		switch st {
		case NotMet:
			failing++
		case Pending:
			pending++
		default:
			continue
		}
		out.Schools = append(out.Schools, School{Code: s.Code, Name: s.Name, Row: s.Row, Status: st, Detail: detail})
	}
	switch {
	case n == 0:
		out.Status = NotApplicable
	case failing > 0:
		out.Status = NotMet
	case pending > 0:
		out.Status = Pending
	default:
		out.Status = Met
	}
	if n > 0 {
		out.Summary = fmt.Sprintf("应评估%d所，达到%d所", n, n-failing-pending)
		if failing > 0 {
			out.Summary += fmt.Sprintf("，未达到%d所", failing)
		}
		if pending > 0 {
			out.Summary += fmt.Sprintf("，待补充%d所", pending)
		}
	}
	return out
}

// inTypes selects compulsory-education schools of the item's types.
func inTypes(it *standard.Item) func(*data.School) bool {
	return func(s *data.School) bool { return it.AppliesTo(s.Type) && s.CompulsoryStudents() > 0 }
}

// field is a cell of a school with the key of its column, for naming blank cells.
type field struct {
	n   data.Number
	key string
}

func cell(n data.Number, key string) field { return field{n, key} }

// blank names the blank cells among the given fields, e.g. "「音乐专用教室数」未填".
func blank(cells ...field) string {
	var names []string
	for _, c := range cells {
		if !c.n.Valid {
			names = append(names, "「"+data.HeaderOf(c.key)+"」")
		}
	}
	if len(names) == 0 {
		return ""
	}
	return strings.Join(names, "") + "未填"
}

// levelsOf returns the compulsory levels a campus has students at.
func levelsOf(s *data.School) []standard.Level {
	var ls []standard.Level
	for _, l := range standard.Levels {
		if s.Students(l) > 0 {
			ls = append(ls, l)
		}
	}
	return ls
}

// G3: music and art rooms, one of each per 12 classes (at least one), of a minimum area.
func musicArtRooms(c *context, it *standard.Item) Item {
	cols := []string{"primary_classes", "junior_classes", "music_rooms", "music_room_min_area", "art_rooms", "art_room_min_area"}
	rp := roomParamsOf(it)
	return c.schoolRule(it, cols, inTypes(it), func(s *data.School) (Status, string) {
		classes := 0.0
		for _, l := range standard.Levels {
			if s.Students(l) == 0 {
				continue
			}
			if !s.Classes(l).Valid {
				return Pending, "「" + data.HeaderOf(string(l)+"_classes") + "」未填"
			}
			classes += s.Classes(l).Value
		}
		if m := blank(cell(s.MusicRooms, "music_rooms"), cell(s.ArtRooms, "art_rooms")); m != "" {
			return Pending, m
		}
		need := math.Ceil(classes / rp.perRoom)
		if rp.floor {
			need = math.Floor(classes / rp.perRoom)
		}
		need = math.Max(need, 1)
		musicArea, artArea, relaxed := rp.areas(s)
		var problems, pending []string
		for _, room := range [...]struct {
			name        string
			count, area data.Number
			areaKey     string
			min         float64
		}{
			{"音乐", s.MusicRooms, s.MusicRoomMinArea, "music_room_min_area", musicArea},
			{"美术", s.ArtRooms, s.ArtRoomMinArea, "art_room_min_area", artArea},
		} {
			if room.count.Value < need {
				problems = append(problems, fmt.Sprintf("%s专用教室%s间，%s个班应有%s间", room.name, fmtNum(room.count.Value), fmtNum(classes), fmtNum(need)))
			}
			if room.count.Value == 0 {
				continue
			}
			if !room.area.Valid {
				pending = append(pending, "「"+data.HeaderOf(room.areaKey)+"」未填")
				continue
			}
			if !meets(room.area.Value, room.min, c.p.Resource.Tolerance) {
				problems = append(problems, fmt.Sprintf("%s专用教室最小%s平方米，不足%s平方米%s", room.name, fmtNum(room.area.Value), fmtNum(room.min), rp.basis(relaxed)))
			}
		}
		if len(problems) > 0 {
			return NotMet, strings.Join(problems, "；")
		}
		if len(pending) > 0 {
			return Pending, strings.Join(pending, "")
		}
		return Met, ""
	})
}

// roomParams are G3's parameters, read once rather than per school.
type roomParams struct {
	perRoom, music, art, oldYear, oldMusic, oldArt, smallMaxClass, smallPrimary, smallJunior float64
	floor                                                                                    bool
}

func roomParamsOf(it *standard.Item) roomParams {
	return roomParams{
		perRoom: it.Param("classes_per_room"), music: it.Param("music_area"), art: it.Param("art_area"),
		oldYear: it.Param("old_built_year"), oldMusic: it.Param("old_music_area"), oldArt: it.Param("old_art_area"),
		smallMaxClass: it.Param("small_max_class"), smallPrimary: it.Param("small_primary_area"), smallJunior: it.Param("small_junior_area"),
		floor: it.RoomsRounding == "floor",
	}
}

// Relaxations of the room areas (附件3 (六)).
const (
	noRelaxation     = iota
	oldSchool        // planned and built in 2016 or earlier
	smallRuralSchool // rural, largest class under 30
)

// areas returns the required music and art room areas for a school, taking the most favourable
// relaxation it qualifies for, and which one that was.
func (rp roomParams) areas(s *data.School) (music, art float64, relaxed int) {
	music, art = rp.music, rp.art
	if s.BuiltYear.Valid && s.BuiltYear.Value <= rp.oldYear {
		music, art = rp.oldMusic, rp.oldArt
		relaxed = oldSchool
	}
	if s.Area == "乡村" {
		largest, known := 0.0, true
		for _, l := range standard.Levels {
			if s.Students(l) == 0 {
				continue
			}
			m := s.MaxClass(l)
			known = known && m.Valid
			largest = math.Max(largest, m.Value)
		}
		if known && largest < rp.smallMaxClass {
			small := rp.smallPrimary
			if s.JuniorStudents.Value > 0 {
				small = rp.smallJunior
			}
			if small < music || small < art {
				music, art = math.Min(music, small), math.Min(art, small)
				relaxed = smallRuralSchool
			}
		}
	}
	return music, art, relaxed
}

// basis names the relaxation applied, for a message.
func (rp roomParams) basis(relaxed int) string {
	switch relaxed {
	case oldSchool:
		return "（" + fmtNum(rp.oldYear) + "年及之前建成）"
	case smallRuralSchool:
		return "（最大班额低于" + fmtNum(rp.smallMaxClass) + "人的乡村小规模学校）"
	}
	return ""
}

// G4: school size.
func schoolSize(c *context, it *standard.Item) Item {
	maxN, maxThrough := it.Param("max_students"), it.Param("max_students_through")
	relaxedN, relaxedThrough := it.Param("relaxed_max_students"), it.Param("relaxed_max_students_through")
	oldYear, migrantShare := it.Param("old_built_year"), it.Param("migrant_share")
	return c.schoolRule(it, nil, inTypes(it), func(s *data.School) (Status, string) {
		n := s.CompulsoryStudents()
		through := s.Type == "九年一贯制学校" || s.Type == "十二年一贯制学校"
		limit, relaxed := maxN, relaxedN
		if through {
			limit, relaxed = maxThrough, relaxedThrough
		}
		if n <= limit {
			return Met, ""
		}
		oldBuilt := s.BuiltYear.Valid && s.BuiltYear.Value <= oldYear
		migrant := s.MigrantStudents.Valid && s.MigrantStudents.Value > migrantShare*(n+s.SeniorStudents.Value)
		if oldBuilt || migrant {
			if n <= relaxed {
				return Met, ""
			}
			return NotMet, fmt.Sprintf("义务教育阶段%s人，超过放宽后的%s人", fmtNum(n), fmtNum(relaxed))
		}
		if n <= relaxed && (!s.BuiltYear.Valid || !s.MigrantStudents.Valid) {
			return Pending, fmt.Sprintf("义务教育阶段%s人，超过%s人；须填写建成年份和随迁子女数以判断能否按%s人评估", fmtNum(n), fmtNum(limit), fmtNum(relaxed))
		}
		return NotMet, fmt.Sprintf("义务教育阶段%s人，超过%s人", fmtNum(n), fmtNum(limit))
	})
}

// G5: the largest class at each level.
func classSize(c *context, it *standard.Item) Item {
	cols := []string{"primary_max_class", "junior_max_class"}
	limits := standard.PerLevel{Primary: it.Param("primary_max_class"), Junior: it.Param("junior_max_class")}
	return c.schoolRule(it, cols, inTypes(it), func(s *data.School) (Status, string) {
		var problems, pending []string
		for _, l := range levelsOf(s) {
			m := s.MaxClass(l)
			if !m.Valid {
				pending = append(pending, "「"+data.HeaderOf(string(l)+"_max_class")+"」未填")
				continue
			}
			if limit := limits.Of(l); m.Value > limit {
				problems = append(problems, fmt.Sprintf("%s最大班额%s人，超过%s人", l.Chinese(), fmtNum(m.Value), fmtNum(limit)))
			}
		}
		if len(problems) > 0 {
			return NotMet, strings.Join(problems, "；")
		}
		if len(pending) > 0 {
			return Pending, strings.Join(pending, "")
		}
		return Met, ""
	})
}

// G6: village primary schools and 教学点 under 100 students are funded as 100.
func smallSchoolFunding(c *context, it *standard.Item) Item {
	min := it.Param("min_funded_students")
	filter := func(s *data.School) bool {
		n := s.CompulsoryStudents()
		return n > 0 && n < min && (s.Type == "教学点" || (s.Type == "小学" && s.Area == "乡村"))
	}
	out := c.schoolRule(it, []string{"funded_students"}, filter, func(s *data.School) (Status, string) {
		if !s.FundedStudents.Valid {
			return Pending, "「公用经费核定学生数」未填"
		}
		if s.FundedStudents.Value < min {
			return NotMet, fmt.Sprintf("在校生%s人，按%s人核定公用经费，应按%s人", fmtNum(s.CompulsoryStudents()), fmtNum(s.FundedStudents.Value), fmtNum(min))
		}
		return Met, ""
	})
	if out.Status == NotApplicable {
		out.Summary = fmt.Sprintf("全县无不足%s名学生的村小学和教学点", fmtNum(min))
	}
	return out
}

// G7: public funds per student of special-education schools.
func specialSchoolFunding(c *context, it *standard.Item) Item {
	min := it.Param("min_public_fund_per_student")
	filter := func(s *data.School) bool { return s.Type == "特殊教育学校" }
	out := c.schoolRule(it, []string{"public_fund_per_student"}, filter, func(s *data.School) (Status, string) {
		if !s.PublicFundPerStudent.Valid {
			return Pending, "「生均公用经费(元)」未填"
		}
		if !meets(s.PublicFundPerStudent.Value, min, c.p.Resource.Tolerance) {
			return NotMet, fmt.Sprintf("生均公用经费%s元，低于%s元", fmtNum(s.PublicFundPerStudent.Value), fmtNum(min))
		}
		return Met, fmt.Sprintf("生均公用经费%s元", fmtNum(s.PublicFundPerStudent.Value))
	})
	if out.Status == NotApplicable {
		out.Summary = "全县无特殊教育学校"
	}
	return out
}

// G12: every full-time teacher holds a teacher's certificate.
func teacherCertification(c *context, it *standard.Item) Item {
	filter := func(s *data.School) bool {
		return s.Type != "职业学校" && (s.CompulsoryStudents() > 0 || s.Type == "特殊教育学校")
	}
	var teachers, certified float64
	complete := true
	out := c.schoolRule(it, []string{"teachers", "certified_teachers"}, filter, func(s *data.School) (Status, string) {
		if m := blank(cell(s.Teachers, "teachers"), cell(s.CertifiedTeachers, "certified_teachers")); m != "" {
			complete = false
			return Pending, m
		}
		teachers += s.Teachers.Value
		certified += s.CertifiedTeachers.Value
		if s.CertifiedTeachers.Value < s.Teachers.Value {
			return NotMet, fmt.Sprintf("专任教师%s人，持证%s人", fmtNum(s.Teachers.Value), fmtNum(s.CertifiedTeachers.Value))
		}
		return Met, ""
	})
	if teachers > 0 {
		rate := certified / teachers * 100
		out.Checks = []Check{{Key: "certified_rate", Label: "专任教师持证上岗率", Op: ">=", Threshold: it.Param("min_rate"), Unit: "%", Value: some(rate), Status: Pending}}
		if complete {
			out.Checks[0].Status = NotMet
			if meets(rate, it.Param("min_rate"), c.p.Resource.Tolerance) {
				out.Checks[0].Status = Met
			}
			out.Status = combine(out.Status, out.Checks[0].Status)
		}
		out.Summary = fmt.Sprintf("专任教师%s人，持证%s人，持证上岗率%s%%；%s", fmtNum(teachers), fmtNum(certified), fmtPercent(rate), out.Summary)
	}
	return out
}

// Q4: each school's teacher-training funds are at least 5% of its public-fund budget.
func trainingFundShare(c *context, it *standard.Item) Item {
	min := it.Param("min_share")
	return c.schoolRule(it, []string{"public_fund_budget", "training_fund"}, inTypes(it), func(s *data.School) (Status, string) {
		if m := blank(cell(s.PublicFundBudget, "public_fund_budget"), cell(s.TrainingFund, "training_fund")); m != "" {
			return Pending, m
		}
		if s.PublicFundBudget.Value == 0 {
			return Pending, "「公用经费预算(万元)」为0，无法计算比例"
		}
		share := s.TrainingFund.Value / s.PublicFundBudget.Value * 100
		if !meets(share, min, c.p.Resource.Tolerance) {
			return NotMet, fmt.Sprintf("教师培训经费%s万元，占公用经费预算%s万元的%s%%，低于%s%%",
				fmtNum(s.TrainingFund.Value/10000), fmtNum(s.PublicFundBudget.Value/10000), fmtPercent(share), fmtNum(min))
		}
		return Met, ""
	})
}

// S1: the survey's approval rate, with warnings on sample size and the share of parents.
func survey(c *context, it *standard.Item) Item {
	out := newItem(it)
	if e := c.county.Figures.Entry(it.ID); e != nil {
		out.Evidence, out.Note = e.Evidence, e.Note
	}
	sv := c.county.Survey
	min := it.Param("min_rate")
	chk := Check{Key: "approval_rate", Label: "社会认可度", Op: ">=", Threshold: min, Unit: "%", Status: Pending}
	if sv == nil || sv.Samples == 0 {
		out.Status = Pending
		out.Summary = "未提供社会认可度调查数据（data/survey.csv）"
		out.Checks = []Check{chk}
		return out
	}
	rate := sv.Approving / sv.Samples * 100
	chk.Value = some(rate)
	chk.Status = NotMet
	if meets(rate, min, c.p.Resource.Tolerance) {
		chk.Status = Met
	}
	out.Checks = []Check{chk}
	out.Status = chk.Status
	out.Summary = fmt.Sprintf("有效问卷%s份，认可%s份，社会认可度%s%%", fmtNum(sv.Samples), fmtNum(sv.Approving), fmtPercent(rate))
	pop := c.county.Figures
	perMille := it.Param("sample_per_mille")
	if pop == nil || !pop.ResidentPopulation.Valid {
		out.Warnings = append(out.Warnings, "未填写常住人口（county.toml [county] resident_population），无法核验抽样数量")
	} else if need := math.Ceil(pop.ResidentPopulation.Value * perMille / 1000); sv.Samples < need {
		out.Warnings = append(out.Warnings, fmt.Sprintf("样本数%s份，少于常住人口%s人的%s‰（%s份）", fmtNum(sv.Samples), fmtNum(pop.ResidentPopulation.Value), fmtNum(perMille), fmtNum(need)))
	}
	if !sv.HasParents {
		out.Warnings = append(out.Warnings, "未说明家长问卷数，无法核验家长比例")
	} else if share := sv.Parents / sv.Samples * 100; share < it.Param("min_parent_share") {
		out.Warnings = append(out.Warnings, fmt.Sprintf("家长问卷占%s%%，低于%s%%", fmtPercent(share), fmtNum(it.Param("min_parent_share"))))
	}
	return out
}

// P2: the basic-balance composite CVs of the years before the evaluation year.
func historyCV(c *context, it *standard.Item) Item {
	out := newItem(it)
	if e := c.county.Figures.Entry(it.ID); e != nil {
		out.Evidence, out.Note = e.Evidence, e.Note
	}
	if c.year == 0 {
		out.Status = Pending
		out.Summary = "site.toml 未填写评估年度 year"
		return out
	}
	var statuses []Status
	var parts []string
	for y := c.year - int(it.Param("years")); y < c.year; y++ {
		hy, ok := c.county.History.Year(y)
		for _, l := range standard.Levels {
			chk := Check{Key: fmt.Sprintf("%d.%s", y, l), Label: fmt.Sprintf("%d年%s综合差异系数", y, l.Chinese()), Op: "<=", Threshold: it.Param(string(l) + "_limit"), Status: Pending}
			v := hy.PrimaryCV
			if l == standard.Junior {
				v = hy.JuniorCV
			}
			if ok && v.Valid {
				chk.Value = some(v.Value)
				chk.Status = NotMet
				if within(v.Value, chk.Threshold, c.p.Resource.Tolerance) {
					chk.Status = Met
				}
			}
			statuses = append(statuses, chk.Status)
			parts = append(parts, describeCheck(chk))
			out.Checks = append(out.Checks, chk)
		}
	}
	out.Status = combine(statuses...)
	out.Summary = strings.Join(parts, "；")
	if c.county.History == nil {
		out.Summary = "未提供近三年基本均衡综合差异系数（data/history/）"
	}
	return out
}

// P4: the resource CVs of both levels are within their limits.
func resourceCV(c *context, it *standard.Item) Item {
	out := newItem(it)
	out.Computed = true
	var statuses []Status
	var failing, pending []string
	for _, l := range standard.Levels {
		for _, ind := range c.res.Resource.Of(l).Indicators {
			statuses = append(statuses, ind.CVStatus)
			switch ind.CVStatus {
			case NotMet:
				failing = append(failing, l.Chinese()+ind.ID)
			case Pending:
				pending = append(pending, l.Chinese()+ind.ID)
			}
		}
	}
	out.Status = combine(statuses...)
	switch {
	case len(failing) > 0:
		out.Summary = "差异系数超过上限：" + strings.Join(failing, "、")
	case len(pending) > 0:
		out.Summary = "差异系数无法计算：" + strings.Join(pending, "、")
	default:
		out.Summary = fmt.Sprintf("小学、初中各项差异系数均不超过%s、%s", fmtNum(c.p.Resource.CVLimit.Primary), fmtNum(c.p.Resource.CVLimit.Junior))
	}
	return out
}

// fmtPercent formats a percentage with two decimals, e.g. 16.90.
func fmtPercent(v float64) string { return fmt.Sprintf("%.2f", v) }
