package eval

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// schoolCheck is a rule judged school by school (G3–G7, G12, Q4).
type schoolCheck struct {
	columns []string                                                    // table columns it reads: absent ones make the item 待补充
	applies func(*data.School) bool                                     // the schools it judges
	check   func(s *data.School, explain bool) (Status, string, string) // explain: describe a pass too; the key of the column that decides
	none    string                                                      // the summary when no school applies
}

// schoolCheckOf returns the per-school check of a school rule, or nil for other rules.
func schoolCheckOf(p *standard.Profile, it *standard.Item) *schoolCheck {
	r := rulesByName[it.Rule]
	if r.school == nil {
		return nil
	}
	return r.school(p, it)
}

// ExplainSchool judges one school by a school rule and describes the outcome, passes included,
// for a school's own page. ok is false when the rule does not judge this school.
func ExplainSchool(p *standard.Profile, it *standard.Item, s *data.School) (st Status, detail string, ok bool) {
	sc := schoolCheckOf(p, it)
	if sc == nil || !sc.applies(s) {
		return "", "", false
	}
	st, detail, _ = sc.check(s, true)
	return st, detail, true
}

// schoolRule applies an item's school check to every school and sums up the outcome.
func schoolRule(c *context, it *standard.Item, sc *schoolCheck) Item {
	out := newItem(it)
	out.Computed = true
	if e := c.county.Figures.Entry(it.ID); e != nil {
		out.Evidence, out.Note = e.Evidence, e.Note
	}
	var absent []string
	for _, key := range sc.columns {
		if !c.table.Has(key) {
			absent = append(absent, "「"+data.HeaderOf(key)+"」")
		}
	}
	out.source = Source{File: c.table.File}
	if len(absent) > 0 {
		out.source.Column = strings.Trim(absent[0], "「」")
		out.Status = Pending
		out.Summary = "学校数据表缺少" + strings.Join(absent, "") + "列，无法计算"
		return out
	}
	schools := c.table.Schools
	judged := c.judged[it]
	if judged == nil {
		judged = judgeSchools1(schools, sc)
	}
	var n, failing, pending int
	for _, x := range judged.counts {
		n += x
	}
	for _, o := range slices.Concat(judged.outs...) {
		s, st, key := &schools[o.i], o.st, o.key
		if st == NotMet {
			failing++
		} else {
			pending++
		}
		out.Schools = append(out.Schools, School{Code: s.Code, Name: s.Name, Row: s.Row, Status: st, Detail: o.detail})
		// The item points at its first failing school, or at its first school lacking data.
		if st == NotMet && failing == 1 || st == Pending && pending == 1 && failing == 0 {
			out.source = Source{File: c.table.File, Line: s.Row, Column: headerOf(key)}
		}
	}
	switch {
	case n == 0:
		out.Status = NotApplicable
		out.Summary = sc.none
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
	types := it.Types // it.AppliesTo, without copying the item for every school
	return func(s *data.School) bool {
		return slices.Contains(types, s.Type) && s.CompulsoryStudents() > 0
	}
}

// schoolOutcomes is a school check applied to every school: per part of the schools (see
// inParts), how many it applies to and what fails or lacks data, in the table's order.
type schoolOutcomes struct {
	counts []int
	outs   [][]outcome
}

// outcome is a school that fails or lacks data: its index, status, detail and deciding column.
type outcome struct {
	i           int
	st          Status
	detail, key string
}

// judgeSchools applies the check of every school rule the profile's items use to every school,
// in one pass over the schools in parts on every core: each school is read once for all rules.
// An item whose columns the table lacks is left out (schoolRule does not check its schools).
func judgeSchools(c *context) map[*standard.Item]*schoolOutcomes {
	type job struct {
		sc  *schoolCheck
		out *schoolOutcomes
	}
	var jobs []job
	judged := map[*standard.Item]*schoolOutcomes{}
	m := parts(len(c.table.Schools))
	for i := range c.p.Items {
		it := &c.p.Items[i]
		r, ok := rulesByName[it.Rule]
		if it.SameAs != "" || it.Kind == standard.KindB || !ok || r.school == nil ||
			slices.ContainsFunc(r.schoolColumns(c.p, it), func(k string) bool { return !c.table.Has(k) }) {
			continue
		}
		j := job{r.school(c.p, it), &schoolOutcomes{counts: make([]int, m), outs: make([][]outcome, m)}}
		jobs = append(jobs, j)
		judged[it] = j.out
	}
	schools := c.table.Schools
	inParts(len(schools), func(k, lo, hi int) {
		for i := lo; i < hi; i++ {
			s := &schools[i]
			for _, j := range jobs {
				j.out.judge(k, i, s, j.sc)
			}
		}
	})
	return judged
}

// judgeSchools1 is judgeSchools for one check.
func judgeSchools1(schools []data.School, sc *schoolCheck) *schoolOutcomes {
	m := parts(len(schools))
	out := &schoolOutcomes{counts: make([]int, m), outs: make([][]outcome, m)}
	inParts(len(schools), func(k, lo, hi int) {
		for i := lo; i < hi; i++ {
			out.judge(k, i, &schools[i], sc)
		}
	})
	return out
}

// judge applies sc to school i, of part k.
func (o *schoolOutcomes) judge(k, i int, s *data.School, sc *schoolCheck) {
	if !sc.applies(s) {
		return
	}
	o.counts[k]++
	if st, detail, key := sc.check(s, false); st == NotMet || st == Pending {
		o.outs[k] = append(o.outs[k], outcome{i, st, detail, key})
	}
}

// field is a cell of a school with the key of its column, for naming blank cells.
type field struct {
	n   data.Number
	key string
}

func cell(n data.Number, key string) field { return field{n, key} }

// blank names the blank cells among the given fields, e.g. "「音乐专用教室数」未填", and
// returns the key of the first one.
func blank(cells ...field) (msg, key string) {
	var names []string
	for _, c := range cells {
		if !c.n.Valid {
			names = append(names, "「"+data.HeaderOf(c.key)+"」")
			if key == "" {
				key = c.key
			}
		}
	}
	if len(names) == 0 {
		return "", ""
	}
	return strings.Join(names, "") + "未填", key
}

// headerOf returns the header of the column with the given key; "" for no column.
func headerOf(key string) string {
	if key == "" {
		return ""
	}
	return data.HeaderOf(key)
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
func musicArtRooms(p *standard.Profile, it *standard.Item) *schoolCheck {
	rp, tol := roomParamsOf(p, it), p.Resource.Tolerance
	return &schoolCheck{
		columns: []string{"primary_classes", "junior_classes", "music_rooms", "music_room_min_area", "art_rooms", "art_room_min_area"},
		applies: inTypes(it),
		check: func(s *data.School, explain bool) (Status, string, string) {
			classes := 0.0
			for _, l := range standard.Levels {
				if s.Students(l) == 0 {
					continue
				}
				if !s.Classes(l).Valid {
					return Pending, "「" + data.HeaderOf(string(l)+"_classes") + "」未填", string(l) + "_classes"
				}
				classes += s.Classes(l).Value
			}
			if !finite(classes) {
				return Pending, "班数合计" + Overflow + "，无法计算（请核对班数）", ""
			}
			if m, key := blank(cell(s.MusicRooms, "music_rooms"), cell(s.ArtRooms, "art_rooms")); m != "" {
				return Pending, m, key
			}
			need := math.Ceil(classes / rp.perRoom)
			if rp.floor {
				need = math.Floor(classes / rp.perRoom)
			}
			need = math.Max(need, 1)
			musicArea, artArea, relaxed, lapsed := rp.areas(s)
			var problems, pending []string
			var problemKey, pendingKey string
			for _, room := range [...]struct {
				name              string
				count, area       data.Number
				countKey, areaKey string
				min               float64
			}{
				{"音乐", s.MusicRooms, s.MusicRoomMinArea, "music_rooms", "music_room_min_area", musicArea},
				{"美术", s.ArtRooms, s.ArtRoomMinArea, "art_rooms", "art_room_min_area", artArea},
			} {
				if room.count.Value < need {
					problemKey = cmp.Or(problemKey, room.countKey)
					problems = append(problems, fmt.Sprintf("%s专用教室%s间，%s个班应有%s间", room.name, num.Short(room.count.Value), num.Short(classes), num.Short(need)))
				}
				if room.count.Value == 0 {
					continue
				}
				if !room.area.Valid {
					pending = append(pending, "「"+data.HeaderOf(room.areaKey)+"」未填")
					pendingKey = cmp.Or(pendingKey, room.areaKey)
					continue
				}
				if !meets(room.area.Value, room.min, tol) {
					problemKey = cmp.Or(problemKey, room.areaKey)
					problems = append(problems, fmt.Sprintf("%s专用教室最小%s平方米，不足%s平方米%s", room.name, num.Short(room.area.Value), num.Short(room.min), rp.basis(relaxed)))
					if lapsed != noRelaxation && relaxed == noRelaxation {
						problems[len(problems)-1] += lapsedNote(p, relaxationOf(lapsed))
					}
				}
			}
			switch {
			case len(problems) > 0:
				return NotMet, strings.Join(problems, "；"), problemKey
			case len(pending) > 0:
				return Pending, strings.Join(pending, ""), pendingKey
			case explain:
				return Met, fmt.Sprintf("%s个班应有音乐、美术专用教室各%s间；现有音乐%s间（最小%s平方米）、美术%s间（最小%s平方米），面积标准%s、%s平方米%s",
					num.Short(classes), num.Short(need), num.Short(s.MusicRooms.Value), num.Short(s.MusicRoomMinArea.Value), num.Short(s.ArtRooms.Value),
					num.Short(s.ArtRoomMinArea.Value), num.Short(musicArea), num.Short(artArea), rp.basis(relaxed)), ""
			}
			return Met, "", ""
		},
	}
}

// roomParams are G3's parameters, read once rather than per school.
type roomParams struct {
	perRoom, music, art, oldYear, oldMusic, oldArt, smallMaxClass, smallPrimary, smallJunior float64
	floor                                                                                    bool
	// Whether each relaxation applies at the evaluation's date (standard.Relaxation).
	oldOn, smallOn bool
}

func roomParamsOf(p *standard.Profile, it *standard.Item) roomParams {
	return roomParams{
		perRoom: it.Param("classes_per_room"), music: it.Param("music_area"), art: it.Param("art_area"),
		oldYear: it.Param("old_built_year"), oldMusic: it.Param("old_music_area"), oldArt: it.Param("old_art_area"),
		smallMaxClass: it.Param("small_max_class"), smallPrimary: it.Param("small_primary_area"), smallJunior: it.Param("small_junior_area"),
		floor: it.RoomsRounding == "floor",
		oldOn: p.InForce(standard.RelaxOldSchoolRooms), smallOn: p.InForce(standard.RelaxSmallRuralRooms),
	}
}

// Relaxations of the room areas (附件3 (六)).
const (
	noRelaxation     = iota
	oldSchool        // planned and built in 2016 or earlier
	smallRuralSchool // rural, largest class under 30
)

// relaxationOf names the standard relaxation of a room relaxation.
func relaxationOf(relaxed int) string {
	if relaxed == smallRuralSchool {
		return standard.RelaxSmallRuralRooms
	}
	return standard.RelaxOldSchoolRooms
}

// areas returns the required music and art room areas for a school, taking the most favourable
// relaxation in force that it qualifies for, and which one that was. lapsed is a relaxation the
// school qualifies for but which no longer applies (noRelaxation when none).
func (rp roomParams) areas(s *data.School) (music, art float64, relaxed, lapsed int) {
	music, art = rp.music, rp.art
	if s.BuiltYear.Valid && s.BuiltYear.Value <= rp.oldYear {
		if rp.oldOn {
			music, art = rp.oldMusic, rp.oldArt
			relaxed = oldSchool
		} else {
			lapsed = oldSchool
		}
	}
	if s.In(data.Rural) {
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
				if rp.smallOn {
					music, art = math.Min(music, small), math.Min(art, small)
					relaxed = smallRuralSchool
				} else if lapsed == noRelaxation {
					lapsed = smallRuralSchool
				}
			}
		}
	}
	return music, art, relaxed, lapsed
}

// basis names the relaxation applied, for a message.
func (rp roomParams) basis(relaxed int) string {
	switch relaxed {
	case oldSchool:
		return "（" + num.Short(rp.oldYear) + "年及之前建成）"
	case smallRuralSchool:
		return "（最大班额低于" + num.Short(rp.smallMaxClass) + "人的乡村小规模学校）"
	}
	return ""
}

// lapsedNote says that a relaxation the school qualifies for no longer applies.
func lapsedNote(p *standard.Profile, id string) string {
	r := p.Relaxation(id)
	return "（放宽口径适用期为" + r.Window() + "，本次评估不适用）"
}

// G4: school size.
func schoolSize(p *standard.Profile, it *standard.Item) *schoolCheck {
	maxN, maxThrough := it.Param("max_students"), it.Param("max_students_through")
	relaxedN, relaxedThrough := it.Param("relaxed_max_students"), it.Param("relaxed_max_students_through")
	oldYear, migrantShare := it.Param("old_built_year"), it.Param("migrant_share")
	on := p.InForce(standard.RelaxSchoolSize)
	return &schoolCheck{
		applies: inTypes(it),
		check: func(s *data.School, explain bool) (Status, string, string) {
			n := s.CompulsoryStudents()
			if !finite(n) {
				return Pending, "在校生数合计" + Overflow + "，无法计算（请核对在校生数）", ""
			}
			through := s.Type.Through()
			limit, relaxed := maxN, relaxedN
			if through {
				limit, relaxed = maxThrough, relaxedThrough
			}
			if n <= limit {
				if explain {
					return Met, fmt.Sprintf("义务教育阶段%s人，不超过%s人", num.Short(n), num.Short(limit)), ""
				}
				return Met, "", ""
			}
			oldBuilt := s.BuiltYear.Valid && s.BuiltYear.Value <= oldYear
			migrant := migrantSchool(s, migrantShare)
			if !on {
				msg := fmt.Sprintf("义务教育阶段%s人，超过%s人", num.Short(n), num.Short(limit))
				if oldBuilt || migrant {
					msg += lapsedNote(p, standard.RelaxSchoolSize)
				}
				return NotMet, msg, ""
			}
			if oldBuilt || migrant {
				if n <= relaxed {
					return Met, fmt.Sprintf("义务教育阶段%s人，按放宽标准不超过%s人", num.Short(n), num.Short(relaxed)), ""
				}
				return NotMet, fmt.Sprintf("义务教育阶段%s人，超过放宽后的%s人", num.Short(n), num.Short(relaxed)), ""
			}
			if n <= relaxed && (!s.BuiltYear.Valid || !s.MigrantStudents.Valid) {
				missingKey := "migrant_students"
				if !s.BuiltYear.Valid {
					missingKey = "built_year"
				}
				return Pending, fmt.Sprintf("义务教育阶段%s人，超过%s人；须填写建成年份和随迁子女数以判断能否按%s人评估", num.Short(n), num.Short(limit), num.Short(relaxed)), missingKey
			}
			return NotMet, fmt.Sprintf("义务教育阶段%s人，超过%s人", num.Short(n), num.Short(limit)), ""
		},
	}
}

// migrantSchool reports whether 随迁子女 are more than share of the school's compulsory pupils
// (小学 + 初中 在校生, senior pupils left out). 工作规程 (国教督办函〔2019〕30号) 附件3 (七) relaxes
// the size of 随迁子女占比超过50%的学校 in the same sentence as it judges 小学、初中 and the
// compulsory part of 九年一贯制 schools, and 教育事业统计 counts 进城务工人员随迁子女 only among
// 小学 and 初中 pupils: the share is over the pupils the size limit counts. (An earlier
// version divided by all pupils, 高中 included, which understated the share of a 完全中学.)
func migrantSchool(s *data.School, share float64) bool {
	return s.MigrantStudents.Valid && s.MigrantStudents.Value > share*s.CompulsoryStudents()
}

// G5: the largest class at each level.
func classSize(_ *standard.Profile, it *standard.Item) *schoolCheck {
	limits := standard.PerLevel{Primary: it.Param("primary_max_class"), Junior: it.Param("junior_max_class")}
	return &schoolCheck{
		columns: []string{"primary_max_class", "junior_max_class"},
		applies: inTypes(it),
		check: func(s *data.School, explain bool) (Status, string, string) {
			var problems, pending, facts []string
			var problemKey, pendingKey string
			for _, l := range levelsOf(s) {
				m := s.MaxClass(l)
				key := string(l) + "_max_class"
				if !m.Valid {
					pending = append(pending, "「"+data.HeaderOf(key)+"」未填")
					pendingKey = cmp.Or(pendingKey, key)
					continue
				}
				if limit := limits.Of(l); m.Value > limit {
					problemKey = cmp.Or(problemKey, key)
					problems = append(problems, fmt.Sprintf("%s最大班额%s人，超过%s人", l.Chinese(), num.Short(m.Value), num.Short(limit)))
				} else if explain {
					facts = append(facts, fmt.Sprintf("%s最大班额%s人，不超过%s人", l.Chinese(), num.Short(m.Value), num.Short(limit)))
				}
			}
			switch {
			case len(problems) > 0:
				return NotMet, strings.Join(problems, "；"), problemKey
			case len(pending) > 0:
				return Pending, strings.Join(pending, ""), pendingKey
			}
			return Met, strings.Join(facts, "；"), ""
		},
	}
}

// G6: village primary schools and 教学点 under 100 students are funded as 100.
func smallSchoolFunding(_ *standard.Profile, it *standard.Item) *schoolCheck {
	min := it.Param("min_funded_students")
	return &schoolCheck{
		columns: []string{"funded_students"},
		applies: func(s *data.School) bool {
			n := s.CompulsoryStudents()
			return n > 0 && n < min && (s.Is(standard.TypeTeachingPoint) || s.Is(standard.TypePrimary) && s.In(data.Rural))
		},
		check: func(s *data.School, explain bool) (Status, string, string) {
			if !s.FundedStudents.Valid {
				return Pending, "「公用经费核定学生数」未填", "funded_students"
			}
			fail := s.FundedStudents.Value < min
			if !fail && !explain {
				return Met, "", ""
			}
			detail := fmt.Sprintf("在校生%s人，按%s人核定公用经费", num.Short(s.CompulsoryStudents()), num.Short(s.FundedStudents.Value))
			if fail {
				return NotMet, detail + "，应按" + num.Short(min) + "人", "funded_students"
			}
			return Met, detail, ""
		},
		none: fmt.Sprintf("全县无不足%s名学生的村小学和教学点", num.Short(min)),
	}
}

// G7: public funds per student of special-education schools.
func specialSchoolFunding(p *standard.Profile, it *standard.Item) *schoolCheck {
	tol := p.Resource.Tolerance
	min := it.Param("min_public_fund_per_student")
	return &schoolCheck{
		columns: []string{"public_fund_per_student"},
		applies: func(s *data.School) bool { return s.Is(standard.TypeSpecial) },
		check: func(s *data.School, explain bool) (Status, string, string) {
			if !s.PublicFundPerStudent.Valid {
				return Pending, "「生均公用经费(元)」未填", "public_fund_per_student"
			}
			if !meets(s.PublicFundPerStudent.Value, min, tol) {
				return NotMet, fmt.Sprintf("生均公用经费%s元，低于%s元", num.Short(s.PublicFundPerStudent.Value), num.Short(min)), "public_fund_per_student"
			}
			if !explain {
				return Met, "", ""
			}
			return Met, fmt.Sprintf("生均公用经费%s元", num.Short(s.PublicFundPerStudent.Value)), ""
		},
		none: "全县无特殊教育学校",
	}
}

// G12, school by school: every full-time teacher holds a certificate.
func certification(_ *standard.Profile, _ *standard.Item) *schoolCheck {
	return &schoolCheck{
		columns: []string{"teachers", "certified_teachers"},
		applies: func(s *data.School) bool {
			return !s.Is(standard.TypeVocational) && (s.CompulsoryStudents() > 0 || s.Is(standard.TypeSpecial))
		},
		check: func(s *data.School, explain bool) (Status, string, string) {
			if m, key := blank(cell(s.Teachers, "teachers"), cell(s.CertifiedTeachers, "certified_teachers")); m != "" {
				return Pending, m, key
			}
			fail := s.CertifiedTeachers.Value < s.Teachers.Value
			if !fail && !explain {
				return Met, "", ""
			}
			detail := fmt.Sprintf("专任教师%s人，持证%s人", num.Short(s.Teachers.Value), num.Short(s.CertifiedTeachers.Value))
			if fail {
				return NotMet, detail, "certified_teachers"
			}
			return Met, detail, ""
		},
	}
}

// G12: the county's certification rate, from the per-school check.
func teacherCertification(c *context, it *standard.Item) Item {
	sc := certification(c.p, it)
	out := schoolRule(c, it, sc)
	if strings.HasPrefix(out.Summary, "学校数据表缺少") {
		return out
	}
	var teachers, certified float64
	complete := true
	for i := range c.table.Schools {
		s := &c.table.Schools[i]
		if !sc.applies(s) {
			continue
		}
		if !s.Teachers.Valid || !s.CertifiedTeachers.Valid {
			complete = false
			continue
		}
		teachers += s.Teachers.Value
		certified += s.CertifiedTeachers.Value
	}
	if teachers == 0 {
		return out
	}
	rate := certified / teachers * 100
	chk := Check{Key: "certified_rate", Label: "专任教师持证上岗率", Op: ">=", Threshold: it.Param("min_rate"), Unit: "%", Value: some(rate), Status: Pending}
	if chk.Value.Bad() {
		chk.Reason = "教师数合计" + Overflow + "，持证上岗率无法计算（请核对专任教师数）"
		out.Status = combine(out.Status, Pending)
		out.Checks = []Check{chk}
		out.Summary = chk.Reason + "；" + out.Summary
		return out
	}
	if complete {
		chk.Status = NotMet
		if meets(rate, it.Param("min_rate"), c.p.Resource.Tolerance) {
			chk.Status = Met
		}
		out.Status = combine(out.Status, chk.Status)
	}
	out.Checks = []Check{chk}
	out.Summary = fmt.Sprintf("专任教师%s人，持证%s人，持证上岗率%s%%；%s", num.Short(teachers), num.Short(certified), num.Fixed(rate, 2), out.Summary)
	return out
}

// Q4: each school's teacher-training funds are at least 5% (Hunan 8%) of its public-fund budget.
// The standard words it on the budget (「按照不低于学校年度公用经费预算总额的5%安排」), so the
// budget decides; the 决算 figures, where a school gives them, are shown beside it, and a 决算
// share below the minimum is a warning (trainingFunds): 督导 reviews check the funds spent too.
func trainingFundShare(p *standard.Profile, it *standard.Item) *schoolCheck {
	tol := p.Resource.Tolerance
	min := it.Param("min_share")
	return &schoolCheck{
		columns: []string{"public_fund_budget", "training_fund"},
		applies: inTypes(it),
		check: func(s *data.School, explain bool) (Status, string, string) {
			if m, key := blank(cell(s.PublicFundBudget, "public_fund_budget"), cell(s.TrainingFund, "training_fund")); m != "" {
				return Pending, m, key
			}
			if s.PublicFundBudget.Value == 0 {
				return Pending, "「公用经费预算(万元)」为0，无法计算比例", "public_fund_budget"
			}
			share := s.TrainingFund.Value / s.PublicFundBudget.Value * 100
			if !finite(share) {
				return Pending, "教师培训经费占公用经费预算的比例" + Overflow + "，无法计算（请核对两项经费）", "training_fund"
			}
			ok := meets(share, min, tol)
			if ok && !explain {
				return Met, "", ""
			}
			detail := fmt.Sprintf("教师培训经费%s万元，占公用经费预算%s万元的%s%%", num.Short(s.TrainingFund.Value/10000), num.Short(s.PublicFundBudget.Value/10000), num.Fixed(share, 2))
			if !ok {
				detail += "，低于" + num.Short(min) + "%"
			}
			if f, given := finalShare(s); given {
				detail += "；" + f.text(min, tol)
			}
			if !ok {
				return NotMet, detail, "training_fund"
			}
			return Met, detail, ""
		},
	}
}

// fundsFinal are a school's 决算 figures of Q4.
type fundsFinal struct {
	training, public, share float64
	ok                      bool // the share is a number
}

// finalShare returns the school's 决算 training-fund share; given is false unless both 决算
// cells are filled.
func finalShare(s *data.School) (f fundsFinal, given bool) {
	if !s.TrainingFundFinal.Valid || !s.PublicFundFinal.Valid {
		return f, false
	}
	f = fundsFinal{training: s.TrainingFundFinal.Value, public: s.PublicFundFinal.Value}
	if f.public > 0 {
		f.share = f.training / f.public * 100
		f.ok = finite(f.share)
	}
	return f, true
}

// below reports whether the 决算 share is a number under the minimum.
func (f fundsFinal) below(min, tol float64) bool { return f.ok && !meets(f.share, min, tol) }

// text states the 决算 figures, "决算：教师培训经费4万元，占公用经费决算90万元的4.44%（低于5%）".
func (f fundsFinal) text(min, tol float64) string {
	t := fmt.Sprintf("决算：教师培训经费%s万元，占公用经费决算%s万元", num.Short(f.training/10000), num.Short(f.public/10000))
	switch {
	case f.public == 0:
		return t + "（公用经费决算为0，无法计算比例）"
	case !f.ok:
		return t + "的比例" + Overflow
	}
	t += "的" + num.Fixed(f.share, 2) + "%"
	if f.below(min, tol) {
		t += "（低于" + num.Short(min) + "%）"
	}
	return t
}

// trainingFunds judges Q4 on the budgets and adds what the 决算 figures show: how many schools
// gave them, and a warning for each school whose 决算 share is below the minimum. Without 决算
// figures the item is exactly schoolRule's.
func trainingFunds(c *context, it *standard.Item) Item {
	sc := trainingFundShare(c.p, it)
	out := schoolRule(c, it, sc)
	if !c.table.Has("public_fund_final") || !c.table.Has("training_fund_final") {
		return out // no 决算 figures: nothing to add, and no second pass over a large table
	}
	min, tol := it.Param("min_share"), c.p.Resource.Tolerance
	given, below := 0, 0
	for i := range c.table.Schools {
		s := &c.table.Schools[i]
		if !sc.applies(s) {
			continue
		}
		f, ok := finalShare(s)
		if !ok {
			continue
		}
		given++
		if f.below(min, tol) {
			below++
			src := Source{File: c.table.File, Line: s.Row, Column: data.HeaderOf("training_fund_final")}
			out.warn(src, s.Name+"："+f.text(min, tol)+"（本项以预算判定）")
		}
	}
	if given > 0 {
		out.Summary += fmt.Sprintf("（按预算判定；填报决算%d所", given)
		if below > 0 {
			out.Summary += fmt.Sprintf("，决算比例低于%s%%的%d所", num.Short(min), below)
		}
		out.Summary += "）"
	}
	return out
}
