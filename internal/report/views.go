package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// The views below are what a page, a chapter of the PDF or a sheet shows of the evaluation: each
// is derived here once, with every label from the profile, so that the renderers only lay them
// out. A view refers to other views by Ref (school:<code>, indicator:<id>, table:<id>,
// dimension:<id>, schools), which each renderer turns into its own kind of link.

// Status is the verdict of an item, a unit or a dimension, as the renderers show it.
type Status = eval.Status

// The verdicts.
const (
	Met           = eval.Met
	NotMet        = eval.NotMet
	Pending       = eval.Pending
	NotApplicable = eval.NotApplicable
)

// NotComputable stands for a number that could not be computed.
const NotComputable = eval.NotComputable

// DimensionID names a dimension: the profile's own, or one every profile has.
type DimensionID = standard.DimensionID

// The dimensions every profile has, beside its own.
const (
	DimResource    = standard.DimResource
	DimVeto        = standard.DimVeto
	DimEligibility = standard.DimEligibility
)

// The two rows of the overview that the resource dimension splits into: its units' verdicts
// and its CVs.
const (
	DimUnits DimensionID = "units"
	DimCV    DimensionID = "cv"
)

// Level is a school level (小学, 初中) of the resource evaluation.
type Level = standard.Level

// Levels are the levels of the resource evaluation in report order.
var Levels = standard.Levels

// index holds the lookups by school code that the school views need, built once by New so that
// each view costs its own size rather than the size of the whole evaluation.
type index struct {
	excluded map[string]string // school code → why it is left out of the resource evaluation
	units    map[string][]int  // school code → its units, indexes into res.Units in order
	findings map[string][][2]int
	relaxed  map[string][]int // school code → its entries in res.Relaxations
}

func (r *Report) buildIndex() {
	res := r.res
	x := &r.idx
	x.excluded = make(map[string]string, len(res.Excluded))
	for _, e := range res.Excluded {
		x.excluded[e.Code] = e.Reason // the last one wins, as a scan would have it
	}
	x.units = make(map[string][]int, len(res.Units))
	for i, u := range res.Units {
		x.units[u.Code] = append(x.units[u.Code], i)
	}
	x.relaxed = map[string][]int{}
	for i, rx := range res.Relaxations {
		x.relaxed[rx.Code] = append(x.relaxed[rx.Code], i)
	}
	x.findings = map[string][][2]int{}
	for i, it := range res.Items {
		for j, f := range it.Schools {
			x.findings[f.Code] = append(x.findings[f.Code], [2]int{i, j})
		}
	}
}

// ---- 总览 ----

// Overview is the answer to "达到了吗？差在哪？": the verdicts, key figures, what fails and
// what lacks data, and one row per dimension.
type Overview struct {
	Conclusion, Eligibility Status
	ProfileName             string
	Sentence                string
	Figures                 []Figure
	Failures, Pending       []Item
	Critical                []Item // CVs within the critical band of their limit
	LocalTargets            *Table // nil without local targets
	Warnings                []string
	Dimensions              []DimensionRow
}

// Figure is one key figure of the overview.
type Figure struct{ Label, Value, Note string }

// DimensionRow counts the verdicts of one dimension: the resource evaluation's units and CVs,
// then each dimension of the profile.
type DimensionRow struct {
	ID                       DimensionID // DimUnits, DimCV or the profile's dimension ID
	Name, Ref, Note          string
	Status                   Status
	Met, NotMet, Pending, NA int
}

// Overview builds the overview.
func (r *Report) Overview() *Overview {
	res := r.res
	d := &Overview{Conclusion: res.Conclusion, Eligibility: res.Eligibility, ProfileName: r.Profile.Name, Warnings: res.Warnings}
	d.Failures, _ = r.List("failures")
	d.Pending, _ = r.List("pending")
	p, j := &res.Resource.Primary, &res.Resource.Junior
	d.Figures = []Figure{
		{Label: "参评学校（校区）", Value: strconv.Itoa(p.Units + j.Units), Note: fmt.Sprintf("小学 %d，初中 %d", p.Units, j.Units)},
		{Label: "资源配置达标", Value: fmt.Sprintf("%d / %d", p.UnitsPassing+j.UnitsPassing, p.Units+j.Units), Note: fmt.Sprintf("未达到 %d，待补充 %d", p.UnitsFailing+j.UnitsFailing, p.UnitsPending+j.UnitsPending)},
		{Label: "小学综合差异系数", Value: CV(p.CompositeCV), Note: "各项上限 " + Number(p.CVLimit)},
		{Label: "初中综合差异系数", Value: CV(j.CompositeCV), Note: "各项上限 " + Number(j.CVLimit)},
		{Label: "在校生", Value: Count(float64(p.Students + j.Students)), Note: fmt.Sprintf("小学 %s，初中 %s", Count(float64(p.Students)), Count(float64(j.Students)))},
		{Label: "不参与资源配置评估", Value: strconv.Itoa(len(res.Excluded)), Note: r.Labels.Excluded},
	}
	for _, it := range res.Items {
		if r.isSurvey(it.ID) && len(it.Checks) > 0 && it.Checks[0].Value.OK {
			d.Figures = append(d.Figures, Figure{Label: "社会认可度", Value: CheckValue(it.Checks[0]), Note: "标准 " + Number(it.Checks[0].Threshold) + "% 以上"})
		}
	}
	if b := res.BScores; b != nil {
		f := Figure{Label: "B 类指标总分", Value: "—", Note: "尚有未评分的指标"}
		if b.Total.OK {
			f.Value = Number(b.Total.V)
			f.Note = string(b.Status)
			if res.Grade != "" {
				f.Note += "，等次：" + res.Grade
			}
		}
		d.Figures = append(d.Figures, f)
	}
	d.LocalTargets, _ = r.Table("local-targets")
	for _, l := range standard.Levels {
		for _, ind := range res.Resource.Of(l).Indicators {
			if ind.CVCritical {
				d.Critical = append(d.Critical, Item{Ref: "indicator:" + ind.ID,
					Text: fmt.Sprintf("%s%s %s差异系数 %s，与上限 %s 相差不足 %s（临界）", l.Chinese(), ind.ID, ind.Name, CV(ind.CV), Number(ind.CVLimit), r.Labels.CriticalBand)})
			}
		}
	}
	d.Dimensions = r.DimensionRows()
	d.Sentence = r.sentence(d.Dimensions)
	return d
}

// isSurvey reports whether the item id is the survey (社会认可度), whose rate the overview shows.
func (r *Report) isSurvey(id string) bool {
	it, ok := r.Profile.Item(id)
	return ok && it.Rule == standard.RuleSurvey
}

// DimensionRows counts the verdicts by dimension, the resource evaluation first.
func (r *Report) DimensionRows() []DimensionRow {
	res := r.res
	rr := r.Profile.Resource
	unitRule := fmt.Sprintf("每校至少%d项达标且余项不低于%s", rr.MinMet, r.Labels.Floor)
	if rr.MinMet == len(rr.Indicators) {
		unitRule = fmt.Sprintf("每校%d项全部达标", rr.MinMet)
	}
	if rr.CountyMustMeet {
		unitRule += "，全县值也须达标"
	}
	units := DimensionRow{ID: DimUnits, Name: "资源配置（学校）", Ref: "schools", Note: unitRule}
	cvs := DimensionRow{ID: DimCV, Name: "资源配置（差异系数）", Ref: "table:cv",
		Note: fmt.Sprintf("小学≤%s，初中≤%s", Number(rr.CVLimit.Primary), Number(rr.CVLimit.Junior))}
	for _, u := range res.Units {
		units.count(u.Status)
	}
	for _, l := range standard.Levels {
		for _, ind := range res.Resource.Of(l).Indicators {
			cvs.count(ind.CVStatus)
		}
	}
	rows := []DimensionRow{units, cvs}
	for _, dim := range r.Profile.Dimensions {
		row := DimensionRow{ID: dim.ID, Name: dim.Name, Ref: "dimension:" + string(dim.ID)}
		for _, it := range res.Items {
			if it.Dimension == dim.ID {
				row.count(it.Status)
			}
		}
		switch dim.ID {
		case DimVeto:
			row.Note = "“未达到”表示存在该事项"
		case DimEligibility:
			row.Note = "不计入评估结论"
		}
		rows = append(rows, row)
	}
	for i := range rows {
		rows[i].Status = Met
		switch {
		case rows[i].NotMet > 0:
			rows[i].Status = NotMet
		case rows[i].Pending > 0:
			rows[i].Status = Pending
		case rows[i].Met == 0:
			rows[i].Status = NotApplicable
		}
	}
	return rows
}

func (row *DimensionRow) count(st Status) {
	switch st {
	case Met:
		row.Met++
	case NotMet:
		row.NotMet++
	case Pending:
		row.Pending++
	default:
		row.NA++
	}
}

// sentence answers "达到了吗？差在哪？" in one line.
func (r *Report) sentence(rows []DimensionRow) string {
	res := r.res
	switch res.Conclusion {
	case Met:
		s := "资源配置及各方面指标均达到评估标准的要求，无不予认定事项。"
		if b := res.BScores; b != nil && b.Total.OK {
			s = fmt.Sprintf("资源配置及各项 A 类指标均达到评估标准的要求，B 类指标总分%s分（%s），无不予认定事项。", Number(b.Total.V), res.Grade)
		}
		return s
	case Pending:
		return fmt.Sprintf("尚有%d项数据待补充，补齐后才能得出结论；目前未发现未达到的项目。", len(res.Pending))
	}
	var parts []string
	for _, row := range rows {
		if row.NotMet == 0 {
			continue
		}
		switch row.ID {
		case DimEligibility: // not part of the conclusion
		case DimUnits:
			parts = append(parts, fmt.Sprintf("%d所学校（校区）资源配置未达到要求", row.NotMet))
		case DimCV:
			parts = append(parts, fmt.Sprintf("%d项差异系数超过上限", row.NotMet))
		case DimVeto: // 不予认定事项, 一票否决
			parts = append(parts, fmt.Sprintf("存在%d项%s事项", row.NotMet, strings.TrimSuffix(row.Name, "事项")))
		default:
			parts = append(parts, fmt.Sprintf("%s%d项未达到", row.Name, row.NotMet))
		}
	}
	return strings.Join(parts, "；") + "。"
}

// ---- 学校 ----

// SchoolRow is a school's line in the list of schools.
type SchoolRow struct {
	Code, Name, Type, Area, Students, Ref, Note string
	Primary, Junior                             Status
}

// SchoolCodes lists the schools' codes in the order of the school table.
func (r *Report) SchoolCodes() []string {
	codes := make([]string, len(r.Schools))
	for i, sc := range r.Schools {
		codes[i] = sc.Code
	}
	return codes
}

// SchoolRows lists the schools in the order of the school table.
func (r *Report) SchoolRows() []SchoolRow {
	status := map[string]Status{}
	for _, u := range r.res.Units {
		status[u.Code+"/"+string(u.Level)] = u.Status
	}
	var rows []SchoolRow
	for _, sc := range r.Schools {
		rows = append(rows, SchoolRow{Code: sc.Code, Name: sc.Name, Type: string(sc.Type), Area: string(sc.Area),
			Students: Count(sc.CompulsoryStudents()), Ref: "school:" + sc.Code,
			Primary: status[sc.Code+"/primary"], Junior: status[sc.Code+"/junior"], Note: r.index().excluded[sc.Code]})
	}
	return rows
}

// SchoolView is everything shown about one school: its units with their seven values, what it
// lacks, the school rules it is judged by, and the facts of the school table.
type SchoolView struct {
	Code, Name, Type, Area, Ownership string
	Row                               int
	Excluded                          string
	Units                             []SchoolUnit
	Lacks                             []Item
	Rules                             []RuleRow // G3–G7, G12, Q4 for this school
	Relaxations                       []Item    // what it meets only by a relaxation of 工作规程 附件3, with the deadline
	Plan                              []Item    // its entries of the 整改清单: what to add, at what cost
	Shortfalls                        []Item    // what it lacks on each indicator below its standard, to the floor and to the standard
	Facts                             []Fact
}

// RuleRow is a school rule's verdict for one school.
type RuleRow struct {
	ID, Short, Detail, Ref string
	Status                 Status
}

// SchoolUnit is one unit (a school, or one level of a split school) with its indicator values.
type SchoolUnit struct {
	Name, LevelName, Students, Share string
	Split                            bool
	Status                           Status
	Met                              int
	Rows                             []UnitRow
}

// UnitRow is one indicator of a unit.
type UnitRow struct {
	ID, Name, Value, Threshold, Floor, Judgement, County string
	Unit                                                 string // of Value, Threshold, Floor and County: 元
	Fail                                                 bool
}

// Fact is one column of the school table.
type Fact struct{ Label, Value string }

// SchoolView builds the view of the i-th school of the table.
func (r *Report) SchoolView(i int) *SchoolView {
	res := r.res
	sc := &r.Schools[i]
	d := &SchoolView{Code: sc.Code, Name: sc.Name, Type: string(sc.Type), Area: string(sc.Area), Ownership: sc.Ownership, Row: sc.Row,
		Excluded: r.index().excluded[sc.Code], Plan: r.schoolPlanItems(sc.Code), Shortfalls: r.schoolShortfalls(sc.Code)}
	for _, i := range r.index().units[sc.Code] {
		u := &res.Units[i]
		lr := res.Resource.Of(u.Level)
		su := SchoolUnit{Name: u.Name, LevelName: u.Level.Chinese(), Students: Count(u.Students), Split: u.Split,
			Share: Percent(u.Share * 100), Status: u.Status, Met: u.Met}
		for k := 0; k < u.Values.Len(); k++ {
			_, v := u.Values.At(k)
			ind := lr.Indicators[k]
			row := UnitRow{ID: ind.ID, Name: ind.Name, Unit: ind.Unit, Threshold: Number(ind.Threshold), Floor: Floor(ind),
				County: Amount(ind.Value), Value: "未填", Judgement: "待补充"}
			if v.Reason != "" {
				row.Value = NotComputable
			}
			if v.Valid {
				row.Value = UnitValue(v.Value)
				switch {
				case v.Meets:
					row.Judgement = "达到"
				case v.AboveFloor:
					row.Judgement, row.Fail = "未达到（不低于"+r.Labels.Floor+"）", true
				default:
					row.Judgement, row.Fail = r.Labels.BelowFloor, true
				}
				if row.Fail {
					d.Lacks = append(d.Lacks, Item{Text: fmt.Sprintf("%s %s %s %s%s，标准 %s%s（%s）", u.Name, ind.ID, ind.Name, row.Value, ind.Unit, row.Threshold, ind.Unit, row.Judgement), Ref: "indicator:" + ind.ID})
				}
			}
			su.Rows = append(su.Rows, row)
		}
		for _, m := range u.Missing {
			d.Lacks = append(d.Lacks, Item{Text: u.Name + "：「" + m + "」未填"})
		}
		if u.Reason != "" {
			d.Lacks = append(d.Lacks, Item{Text: u.Name + "：" + u.Reason})
		}
		d.Units = append(d.Units, su)
	}
	for i := range r.Profile.Items {
		it := &r.Profile.Items[i]
		if st, detail, ok := eval.ExplainSchool(r.Profile, it, sc); ok {
			d.Rules = append(d.Rules, RuleRow{ID: it.ID, Short: it.Short, Detail: detail, Status: st, Ref: "indicator:" + it.ID})
		}
	}
	for _, k := range r.index().relaxed[sc.Code] {
		d.Relaxations = append(d.Relaxations, r.relaxationItem(&res.Relaxations[k], false))
	}
	for _, x := range r.index().findings[sc.Code] {
		it := &res.Items[x[0]]
		f := it.Schools[x[1]]
		d.Lacks = append(d.Lacks, Item{Text: fmt.Sprintf("%s %s（%s）：%s", it.ID, it.Short, f.Status, f.Detail), Ref: "indicator:" + it.ID})
	}
	for i := range data.Columns {
		c := &data.Columns[i]
		if c.Key == "equipment_value_yuan" || (c.Key == "indoor_sports_area" && !sc.IndoorSportsArea.Valid) {
			continue // the 万元 column shows the value; indoor rooms only where the table has the column
		}
		v := c.Format(sc)
		if v == "" && c.Extra {
			continue // an optional column the school did not fill: nothing to show
		}
		if v == "" {
			v = "—"
		}
		d.Facts = append(d.Facts, Fact{Label: c.Header, Value: v})
	}
	return d
}

// ---- 指标 ----

// IndicatorView is everything shown about one resource indicator (R1–R7) or item (G1, Q3, …).
type IndicatorView struct {
	ID, Name, Dimension, Owners, Summary, Evidence, Note, Source string
	StatusLabel                                                  string
	Status                                                       Status
	Levels                                                       []IndicatorLevel
	Checks                                                       []CheckRow
	Scoring                                                      []ScoreRow // B items
	Score                                                        string
	Schools                                                      []Item
	Warnings                                                     []string
}

// IndicatorLevel is a resource indicator at one level.
type IndicatorLevel struct {
	Level                                                      Level
	ChartID                                                    string // the distribution chart
	LevelName, CV, CVLimit, Threshold, Floor, Value, Std, Note string
	Unit                                                       string // of Threshold, Floor, Value and Std: 元
	CVStatus                                                   Status
	Units, Meeting, BelowFloor                                 int
	Below                                                      []BelowRow
}

// BelowRow is a unit below an indicator's standard.
type BelowRow struct{ Name, Ref, Students, Value, Gap string }

// ScoreRow is a scoring point of a B item.
type ScoreRow struct{ Label, Points, Score, Evidence string }

// CheckRow is one check of an item: the value compared and the standard in words.
type CheckRow struct {
	Label, Value, Standard string
	Status                 Status
	Fail                   bool
}

// IsResourceIndicator reports whether id names a resource indicator (R1–R7) rather than an item.
func (r *Report) IsResourceIndicator(id string) bool {
	_, ok := r.Profile.Indicator(id)
	return ok
}

// IndicatorStatus is the verdict of a resource indicator's CVs over both levels.
func (r *Report) IndicatorStatus(id string) Status {
	st := NotApplicable
	for _, l := range standard.Levels {
		for _, x := range r.res.Resource.Of(l).Indicators {
			if x.ID == id {
				st = eval.Combine(st, x.CVStatus)
			}
		}
	}
	return st
}

// IndicatorView builds the view of a resource indicator or an item.
func (r *Report) IndicatorView(id string) *IndicatorView {
	res := r.res
	if ind, ok := r.Profile.Indicator(id); ok {
		d := &IndicatorView{ID: ind.ID, Name: ind.Name, Dimension: r.Profile.DimensionName(DimResource), Owners: strings.Join(ind.Owners, "、"), Status: NotApplicable, StatusLabel: "差异系数判定",
			Source: "学校数据表（按校区计算，一贯制学校按学段拆分）"}
		for _, l := range standard.Levels {
			lr := res.Resource.Of(l)
			k := 0
			for i, x := range lr.Indicators {
				if x.ID == id {
					k = i
				}
			}
			x := lr.Indicators[k]
			d.Status = eval.Combine(d.Status, x.CVStatus)
			lv := IndicatorLevel{Level: l, ChartID: "dist-" + string(l) + "-" + id, LevelName: l.Chinese(), CV: CV(x.CV), CVLimit: Number(x.CVLimit), CVStatus: x.CVStatus,
				Unit: x.Unit, Threshold: Number(x.Threshold), Floor: Floor(x), Value: Amount(x.Value), Std: Amount(x.Std),
				Units: lr.Units, Meeting: x.UnitsMeeting, BelowFloor: x.UnitsBelowFloor, Note: x.CVNote}
			if x.CVCritical {
				lv.Note += "差异系数与上限相差不足" + r.Labels.CriticalBand + "，属临界。"
			}
			if x.ValueStatus == NotMet {
				lv.Note += "按本评估标准全县值也须达到标准，全县值未达到。"
			}
			for _, u := range res.Units {
				if u.Level != l {
					continue
				}
				_, v := u.Values.At(k)
				if !v.Valid || v.Meets {
					continue
				}
				gap := fmt.Sprintf("低于标准 %s%s，差 %s%s", Number(x.Threshold), x.Unit, UnitValue(x.Threshold-v.Value), x.Unit)
				if !v.AboveFloor {
					gap += "；低于" + r.Labels.FloorHeader + " " + Floor(x) + x.Unit
				}
				lv.Below = append(lv.Below, BelowRow{Name: u.Name, Ref: "school:" + u.Code, Students: Count(u.Students), Value: UnitValue(v.Value), Gap: gap})
			}
			d.Levels = append(d.Levels, lv)
		}
		return d
	}
	it, _ := res.Item(id)
	d := &IndicatorView{ID: it.ID, Name: it.Name, Dimension: r.Profile.DimensionName(it.Dimension), Owners: strings.Join(it.Owners, "、"),
		Status: it.Status, StatusLabel: "判定", Summary: it.Summary, Evidence: it.Evidence, Note: it.Note, Warnings: it.Warnings}
	if it.Dimension == DimVeto {
		d.Summary = "判定为“" + VetoWord(it.Status) + "”。" + it.Summary
	}
	pi, _ := r.Profile.Item(it.ID)
	switch {
	case it.Computed:
		d.Source = "学校数据表计算"
	case pi != nil && pi.SameAs != "":
		d.Source = "同所引用的指标"
	default:
		d.Source = "data/county.toml 的 [" + it.ID + "] 一节"
	}
	for _, c := range it.Checks {
		d.Checks = append(d.Checks, CheckRow{Label: c.Label, Value: CheckValue(c), Standard: CheckStandard(c), Status: c.Status, Fail: c.Status == NotMet})
	}
	for _, p := range it.Scoring {
		row := ScoreRow{Label: p.Label, Points: Number(p.Points), Score: "未填", Evidence: p.Evidence}
		if p.Score.OK {
			row.Score = Number(p.Score.V)
		}
		d.Scoring = append(d.Scoring, row)
	}
	if it.Score != nil {
		d.Score = Number(it.Score.V) + " / " + Number(it.Points)
	}
	if it.Kind == standard.KindB {
		d.Source = "data/county.toml 的 [" + it.ID + "] 一节（县级自评得分）"
	}
	d.Schools, _ = r.List(it.ID)
	return d
}

// CheckStandard states a check's standard in words: 是, 不超过 45人, 不低于 85%.
func CheckStandard(c eval.Check) string {
	switch c.Op {
	case "yes":
		return "是"
	case "no":
		return "否"
	case "<":
		return "低于 " + Number(c.Threshold) + c.Unit
	case "<=":
		return "不超过 " + Number(c.Threshold) + c.Unit
	}
	return "不低于 " + Number(c.Threshold) + c.Unit
}

// IndicatorGroup is a dimension's list of indicators: the resource indicators first.
type IndicatorGroup struct {
	ID   DimensionID
	Name string
	Rows []IndicatorRow
}

// IndicatorRow is an indicator's line in the list of indicators.
type IndicatorRow struct {
	ID, Name, Short, Summary, Ref string
	Dimension                     DimensionID // DimResource for R1–R7, else the item's dimension
	Status                        Status      // of a resource indicator: its CVs over both levels
	Label                         string      // what the verdict says when Status alone would overstate it
}

// Resource reports whether the row is a resource indicator (R1–R7), which has a chart per level.
func (row IndicatorRow) Resource() bool { return row.Dimension == DimResource }

// Indicators lists every resource indicator in the profile's order, then every item in the
// evaluation's order.
func (r *Report) Indicators() []IndicatorRow {
	res := r.res
	var rows []IndicatorRow
	for _, ind := range r.Profile.Resource.Indicators {
		var parts []string
		status := r.IndicatorStatus(ind.ID)
		label := ""
		for _, l := range standard.Levels {
			for _, x := range res.Resource.Of(l).Indicators {
				if x.ID == ind.ID {
					parts = append(parts, fmt.Sprintf("%s差异系数 %s，%d/%d所达标", l.Chinese(), CV(x.CV), x.UnitsMeeting, res.Resource.Of(l).Units))
					// The verdict is the CV's: say so when not every school meets the standard.
					if status == eval.Met && x.UnitsMeeting < res.Resource.Of(l).Units {
						label = "差异系数达到"
					}
				}
			}
		}
		rows = append(rows, IndicatorRow{ID: ind.ID, Name: ind.Name, Short: ind.Short, Dimension: DimResource, Ref: "indicator:" + ind.ID,
			Status: status, Label: label, Summary: strings.Join(parts, "；")})
	}
	for _, it := range res.Items {
		rows = append(rows, IndicatorRow{ID: it.ID, Name: it.Name, Short: it.Short, Dimension: it.Dimension, Ref: "indicator:" + it.ID,
			Status: it.Status, Summary: it.Summary})
	}
	return rows
}

// IndicatorGroups lists every indicator by dimension, the resource indicators first.
func (r *Report) IndicatorGroups() []IndicatorGroup {
	rows := r.Indicators()
	groups := []IndicatorGroup{{ID: DimResource, Name: r.Profile.DimensionName(DimResource)}}
	for _, dim := range r.Profile.Dimensions {
		groups = append(groups, IndicatorGroup{ID: dim.ID, Name: dim.Name})
	}
	for _, row := range rows {
		for i := range groups {
			if groups[i].ID == row.Dimension {
				groups[i].Rows = append(groups[i].Rows, row)
				break
			}
		}
	}
	return groups
}

// Conclusion is the evaluation's verdict.
func (r *Report) Conclusion() Status { return r.res.Conclusion }

// Basis names the document the profile follows, e.g. 教督〔2017〕6号.
func (r *Report) Basis() string { return r.Profile.Basis }
