package claims

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Fact is a figure a chapter may quote: computed by the evaluation or entered in the data.
type Fact struct {
	ID       string         // the quantity: rate.retention, cv.R5, count.students; facts of one quantity share it
	Quantity string         // its name in messages: 初中三年巩固率, 小学生均体育运动场馆面积差异系数
	Keywords []string       // what a chapter calls it; "A…B" is A followed closely by B
	Level    standard.Level // "" for the county as a whole
	Year     int            // the year it is of: the evaluation's (0 when unknown), or a past one
	Past     bool           // a past year's figure (data/history/), quoted only with its year
	Value    float64
	Unit     string // %, 元, 人, 所, 平方米, 间, 份, 分, ∶1, or "" for a coefficient
	Shown    string // as the report shows it: 97.5%, 0.497, 29,673
	Source   string // where it comes from: data/county.toml 第57行, 由学校数据表计算
	PerLevel bool   // the quantity differs by level, so a level the chapter states must match

	unless    []string // see quantity
	aggregate bool
	limits    []float64 // the standard's numbers for it (threshold, floor, limit): a figure equal to one quotes the standard
}

// Facts lists the figures of an evaluation that a chapter may quote: the county figures of
// county.toml (巩固率, 入学率, 交流轮岗, 工资, 经费定额 …), the county value and 差异系数 of every
// resource indicator at each level, the composite 差异系数 (this year's and data/history/'s), the
// counts of campuses, units, students and teachers, the units meeting the resource standard,
// the 生师比, the survey's counts and a B total. Undefined figures (待补充, 无法计算) are left out:
// there is nothing to contradict.
func Facts(res *eval.Result, county *data.County) []Fact {
	b := &builder{}
	if res != nil {
		b.year = res.Year
	}
	add := b.add
	table := "由学校数据表计算"
	if county != nil && county.Table != nil {
		table = "由学校数据表（" + county.Table.File + "）计算"
	}
	if res != nil {
		resourceFacts(res, table, add)
		checkFacts(res, county, table, add)
		if bs := res.BScores; bs != nil && bs.Total.OK {
			f := add("points.b_total", qBTotal, "", bs.Total.V, report.Number(bs.Total.V)+"分", "各 B 类指标自评得分之和")
			f.limits = []float64{bs.Points, bs.TotalMin} // 总分100分, 80分以上
		}
	}
	if county != nil {
		inputFacts(county.Figures, add)
		historyFacts(county.History, add)
		tableFacts(res, county.Table, table, add)
		surveyFacts(county.Survey, add)
	}
	return b.facts
}

// builder collects facts; add returns the fact it appended, for the caller to complete before
// the next add.
type builder struct {
	facts []Fact
	year  int
}

func (b *builder) add(id string, q quantity, l standard.Level, v float64, shown, src string) *Fact {
	name := q.name
	if l != "" {
		name = l.Chinese() + name
	}
	b.facts = append(b.facts, Fact{ID: id, Quantity: name, Keywords: q.keywords, Level: l, Value: v, Unit: q.unit,
		Shown: shown, Source: src, PerLevel: q.perLevel, Year: b.year, unless: q.unless, aggregate: q.aggregate})
	return &b.facts[len(b.facts)-1]
}

type adder func(id string, q quantity, l standard.Level, v float64, shown, src string) *Fact

// resourceFacts adds the indicators' county values and 差异系数, the composite 差异系数 and the
// counts of the resource evaluation.
func resourceFacts(res *eval.Result, table string, add adder) {
	for _, l := range standard.Levels {
		lr := res.Resource.Of(l)
		for _, ind := range lr.Indicators {
			voc, ok := indicatorVocab[ind.ID]
			if !ok {
				continue
			}
			if ind.CV.OK {
				q := quantity{name: ind.Name + "差异系数", unit: unitNone, perLevel: true, aggregate: true, keywords: cvKeywords(voc.subject)}
				f := add(quantityCV+ind.ID[1:], q, l, ind.CV.V, report.CV(ind.CV), table)
				f.limits = []float64{ind.CVLimit, lr.CVLimit}
			}
			if ind.Value.OK {
				q := quantity{name: ind.Name, unit: indicatorUnit(ind.Unit), perLevel: true, aggregate: true, keywords: voc.value,
					unless: extremes}
				f := add(quantityVal+ind.ID[1:], q, l, ind.Value.V, report.Amount(ind.Value)+ind.Unit, table)
				f.limits = []float64{ind.Threshold, ind.Floor}
			}
		}
		if lr.CompositeCV.OK {
			f := add("cv.composite", qCompositeCV, l, lr.CompositeCV.V, report.CV(lr.CompositeCV), table)
			f.limits = []float64{lr.CVLimit}
		}
		add("count.units", qUnits, l, float64(lr.Units), strconv.Itoa(lr.Units)+"所", table)
		add("count.passing", qPassing, l, float64(lr.UnitsPassing), strconv.Itoa(lr.UnitsPassing)+"所", table)
		add("count.failing", qFailing, l, float64(lr.UnitsFailing), strconv.Itoa(lr.UnitsFailing)+"所", table)
		if s := float64(lr.Students); finite(s) {
			add("count.students", qStudents, l, s, report.Count(s)+"人", table+"（参与资源配置评估的学校）")
		}
	}
	n := len(res.Units)
	add("count.units", qUnits, "", float64(n), strconv.Itoa(n)+"所", table)
}

// indicatorUnit is the unit an indicator's value is quoted in: per hundred students in 人 or
// 间, per student in 平方米 or 元.
func indicatorUnit(u string) string {
	switch u {
	case "人":
		return unitPeople
	case "间":
		return unitRooms
	case "元":
		return unitYuan
	}
	return unitArea
}

// cvKeywords names an indicator's 差异系数: its subject followed by 差异系数, or 差异系数 alone
// (then any of the level's).
func cvKeywords(subjects []string) []string {
	kw := make([]string, 0, len(subjects)+len(genericCV))
	for _, s := range subjects {
		kw = append(kw, s+gap+"差异系数")
	}
	return append(kw, genericCV...)
}

// checkFacts adds the figures the items compare: what county.toml holds for them, and the
// ratios computed from it (交流轮岗教师比例), where a chapter quotes them.
func checkFacts(res *eval.Result, county *data.County, table string, add adder) {
	var figures *data.Figures
	if county != nil {
		figures = county.Figures
	}
	seen := map[string]bool{} // P3 repeats Q9's checks
	for i := range res.Items {
		it := &res.Items[i]
		for _, c := range it.Checks {
			voc, ok := checkVocab[c.Key]
			if !ok || !c.Value.OK || c.Bool != nil || seen[c.Key] {
				continue
			}
			seen[c.Key] = true
			shown := report.CheckValue(c)
			src := "由 " + data.FiguresFile + " 计算"
			switch file := it.Source().File; {
			case it.Computed:
				src = table
			case file != "":
				src = "由 " + file + " 计算"
			}
			if e := figures.Entry(it.ID); e != nil {
				if v, ok := e.Numbers[c.Key]; ok && v == c.Value.V {
					src = fmt.Sprintf("%s 第%d行（%s）", data.FiguresFile, e.KeyLine(c.Key), c.Key)
				}
			}
			switch voc.q.unit {
			case unitRatio:
				shown = "1∶" + report.Number(c.Value.V)
			case unitYuan:
				shown = report.Number(c.Value.V) + "元"
			}
			fact := add(voc.id, voc.q, standard.Level(voc.level), c.Value.V, shown, src)
			fact.limits = []float64{c.Threshold}
		}
	}
}

// inputFacts adds the figures of county.toml that are quoted as entered: counts of teachers,
// salaries and the resident population.
func inputFacts(f *data.Figures, add adder) {
	if f == nil {
		return
	}
	if p := f.ResidentPopulation; p.Valid {
		src := data.FiguresFile
		if f.County != nil {
			src = fmt.Sprintf("%s 第%d行（resident_population）", data.FiguresFile, f.County.KeyLine("resident_population"))
		}
		add("people.population", qPopulation, "", p.Value, report.Count(p.Value)+"人", src)
	}
	ids := make([]string, 0, len(f.Entries))
	for id := range f.Entries {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the facts, and so the findings, in the same order every time
	for _, id := range ids {
		e := f.Entries[id]
		keys := make([]string, 0, len(e.Numbers))
		for k := range e.Numbers {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			voc, ok := inputVocab[k]
			if !ok {
				continue
			}
			v := e.Numbers[k]
			shown := report.Number(v) + voc.q.unit
			if voc.q.unit == unitPeople {
				shown = report.Count(v) + "人"
			}
			add(voc.id, voc.q, "", v, shown, fmt.Sprintf("%s 第%d行（%s）", data.FiguresFile, e.KeyLine(k), k))
		}
	}
}

// historyFacts adds the past years' composite 差异系数 of data/history/, each with its year.
func historyFacts(h *data.History, add adder) {
	if h == nil {
		return
	}
	for _, y := range h.Years {
		for _, l := range standard.Levels {
			cv := y.PrimaryCV
			if l == standard.Junior {
				cv = y.JuniorCV
			}
			if !cv.Valid {
				continue
			}
			q := qCompositeCV
			q.name = strconv.Itoa(y.Year) + "年" + l.Chinese() + "综合差异系数"
			f := add("cv.composite", q, "", cv.Value, report.Number(cv.Value), fmt.Sprintf("%s 第%d行", y.File, y.Row))
			f.Level, f.Year, f.Past = l, y.Year, true
		}
	}
}

// tableFacts adds the counts of the school table: campuses, students of every campus (the
// resource evaluation counts only its units'), teachers and the 生师比.
func tableFacts(res *eval.Result, t *data.Table, src string, add adder) {
	if t == nil {
		return
	}
	n := len(t.Schools)
	add("count.schools", qSchools, "", float64(n), strconv.Itoa(n)+"所", src)
	var students [2]float64
	var teachers, compulsory float64 // of every campus; of the campuses G12 counts
	for i := range t.Schools {
		s := &t.Schools[i]
		students[0] += s.PrimaryStudents.Value
		students[1] += s.JuniorStudents.Value
		if s.Teachers.Valid {
			teachers += s.Teachers.Value
			if !s.Is(standard.TypeVocational) && (s.CompulsoryStudents() > 0 || s.Is(standard.TypeSpecial)) {
				compulsory += s.Teachers.Value
			}
		}
	}
	all := students[0] + students[1]
	for i, l := range standard.Levels {
		if finite(students[i]) {
			add("count.students", qStudents, l, students[i], report.Count(students[i])+"人", src+"（全部学校）")
		}
	}
	if finite(all) {
		add("count.students", qStudents, "", all, report.Count(all)+"人", src+"（全部学校）")
	}
	if res != nil {
		var included float64
		for _, l := range standard.Levels {
			included += float64(res.Resource.Of(l).Students)
		}
		if finite(included) {
			add("count.students", qStudents, "", included, report.Count(included)+"人", src+"（参与资源配置评估的学校）")
		}
	}
	// The teachers of the 义务教育 campuses (as G12 counts them, without 职业学校), and of every
	// campus of the table: a chapter may quote either.
	for _, x := range []struct {
		n    float64
		what string
	}{{compulsory, "（义务教育学校）"}, {teachers, "（全部学校）"}} {
		if x.n <= 0 || !finite(x.n) || x.n == compulsory && x.what != "（义务教育学校）" {
			continue
		}
		add("count.teachers", qTeachers, "", x.n, report.Count(x.n)+"人", src+x.what)
		if r := all / x.n; finite(r) {
			add("ratio.students_teachers", qStudentTeacher, "", r, report.Amount(eval.Opt{V: r, OK: true})+"∶1", src+x.what)
		}
	}
}

// surveyFacts adds the survey's counts of questionnaires.
func surveyFacts(s *data.Survey, add adder) {
	if s == nil {
		return
	}
	add("copies.samples", qSamples, "", s.Samples, report.Count(s.Samples)+"份", s.File)
	add("copies.approving", qApproving, "", s.Approving, report.Count(s.Approving)+"份", s.File)
	if s.HasParents {
		add("copies.parents", qParents, "", s.Parents, report.Count(s.Parents)+"份", s.File)
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
