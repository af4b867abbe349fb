package eval

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// The rules that judge the county as a whole (S1, P2, P4); the school rules are in
// schoolrules.go, and registry.go names them all.

// S1: the survey's approval rate, with warnings on sample size and the share of parents.
func survey(c *context, it *standard.Item) Item {
	out := newItem(it)
	if e := c.county.Figures.Entry(it.ID); e != nil {
		out.Evidence, out.Note = e.Evidence, e.Note
	}
	sv := c.county.Survey
	min := it.Param("min_rate")
	chk := Check{Key: "approval_rate", Label: "社会认可度", Op: ">=", Threshold: min, Unit: "%", Status: Pending}
	e := c.county.Figures.Entry(it.ID)
	out.source = surveySource(sv, e, it.ID, "respondents")
	if sv == nil || sv.Samples == 0 {
		out.Status = Pending
		out.Summary = "未提供社会认可度调查数据（data/survey.csv）"
		if sv != nil { // a survey of 0 questionnaires was given: say so, not that none was
			out.Summary = "有效问卷数为 0，无法计算社会认可度（请核对问卷数）"
		}
		out.Checks = []Check{chk}
		return out
	}
	rate := sv.Approving / sv.Samples * 100
	chk.Value = some(rate)
	if chk.Value.Bad() {
		chk.Reason = "社会认可度" + Overflow + "，无法计算（请核对问卷数）"
		out.Checks = []Check{chk}
		out.Status = Pending
		out.Summary = chk.Reason
		return out
	}
	chk.Status = NotMet
	if meets(rate, min, c.p.Resource.Tolerance) {
		chk.Status = Met
	}
	out.Checks = []Check{chk}
	out.Status = chk.Status
	out.Summary = fmt.Sprintf("有效问卷%s份，认可%s份，社会认可度%s%%", num.Short(sv.Samples), num.Short(sv.Approving), num.Fixed(rate, 2))
	pop := c.county.Figures
	perMille := it.Param("sample_per_mille")
	if pop == nil || !pop.ResidentPopulation.Valid {
		var county *data.Entry
		if pop != nil {
			county = pop.County
		}
		out.warn(figureSource("county", "resident_population", county), "未填写常住人口（county.toml [county] resident_population），无法核验抽样数量")
	} else if need := math.Ceil(pop.ResidentPopulation.Value * perMille / 1000); sv.Samples < need {
		out.warn(out.source, fmt.Sprintf("样本数%s份，少于常住人口%s人的%s‰（%s份）", num.Short(sv.Samples), num.Short(pop.ResidentPopulation.Value), num.Short(perMille), num.Short(need)))
	}
	parents := surveySource(sv, e, it.ID, "parents")
	if !sv.HasParents {
		out.warn(parents, "未说明家长问卷数，无法核验家长比例")
	} else if share := sv.Parents / sv.Samples * 100; share < it.Param("min_parent_share") {
		out.warn(parents, fmt.Sprintf("家长问卷占%s%%，低于%s%%", num.Fixed(share, 2), num.Short(it.Param("min_parent_share"))))
	}
	return out
}

// surveySource is where the survey's figures are: data/survey.csv, or key of the [S1] summary
// in county.toml; data/survey.csv when there are none.
func surveySource(sv *data.Survey, e *data.Entry, id, key string) Source {
	switch {
	case sv == nil:
		return Source{File: data.SurveyFile}
	case sv.File == data.FiguresFile:
		return figureSource(id, key, e)
	}
	return Source{File: sv.File}
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
		out.source = Source{File: SiteFile, Column: "year"}
		return out
	}
	var statuses []Status
	var sources []Source
	var parts []string
	for y := c.year - int(it.Param("years")); y < c.year; y++ {
		hy, ok := c.county.History.Year(y)
		for _, l := range standard.Levels {
			chk := Check{Key: fmt.Sprintf("%d.%s", y, l), Label: fmt.Sprintf("%d年%s综合差异系数", y, l.Chinese()), Op: "<=", Threshold: it.Param(string(l) + "_limit"), Status: Pending}
			v := hy.PrimaryCV
			if l == standard.Junior {
				v = hy.JuniorCV
			}
			src := Source{File: data.HistoryDir}
			if ok {
				src = Source{File: hy.File, Line: hy.Row, Column: data.HistoryHeader(l)}
			}
			sources = append(sources, src)
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
	out.source = Source{File: data.HistoryDir}
	if i := slices.Index(statuses, out.Status); i >= 0 {
		out.source = sources[i]
	}
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
	var sources []Source
	var failing, pending []string
	for _, l := range standard.Levels {
		for _, ind := range c.res.Resource.Of(l).Indicators {
			statuses = append(statuses, ind.CVStatus)
			sources = append(sources, ind.source)
			switch ind.CVStatus {
			case NotMet:
				failing = append(failing, l.Chinese()+ind.ID)
			case Pending:
				pending = append(pending, l.Chinese()+ind.ID)
			}
		}
	}
	out.Status = combine(statuses...)
	out.source = Source{File: c.table.File}
	if i := slices.Index(statuses, out.Status); i >= 0 {
		out.source = sources[i]
	}
	if out.Status == NotApplicable {
		out.Status = Pending // no unit at all: nothing is known yet
		out.Summary = "尚无参评学校的资源配置数据"
		return out
	}
	switch {
	case len(failing) > 0:
		out.Summary = "差异系数超过上限：" + strings.Join(failing, "、")
	case len(pending) > 0:
		out.Summary = "差异系数无法计算：" + strings.Join(pending, "、")
	default:
		out.Summary = fmt.Sprintf("小学、初中各项差异系数均不超过%s、%s", num.Short(c.p.Resource.CVLimit.Primary), num.Short(c.p.Resource.CVLimit.Junior))
	}
	return out
}
