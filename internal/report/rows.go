package report

import (
	"fmt"

	"github.com/youjun-edu/youjun/internal/standard"
)

// The rows below are the evaluation as compact listings show it (the terminal summary of
// `youjun eval`): the same figures as the pages and tables, without their links and notes.

// Heading names what was evaluated: the profile and the year.
type Heading struct {
	ProfileName string // 国家标准
	ProfileID   string // national-2017
	Year        int    // 0 when unknown
}

// Heading returns the evaluation's heading.
func (r *Report) Heading() Heading {
	return Heading{ProfileName: r.res.ProfileName, ProfileID: r.res.Profile, Year: r.res.Year}
}

// Eligibility is the verdict on the conditions for applying (申报条件).
func (r *Report) Eligibility() Status { return r.res.Eligibility }

// BSummary is the verdict on the scored (B) items taken together.
type BSummary struct {
	Total  string // "" until every B item is scored
	Status Status
	Grade  string // "" until every B item is scored
}

// BSummary returns the verdict on the B items, or nil for a profile without them.
func (r *Report) BSummary() *BSummary {
	b := r.res.BScores
	if b == nil {
		return nil
	}
	s := &BSummary{Status: b.Status, Grade: r.res.Grade}
	if b.Total.OK {
		s.Total = Number(b.Total.V)
	}
	return s
}

// Warnings are the evaluation's warnings about the data.
func (r *Report) Warnings() []string { return r.res.Warnings }

// LevelRow is the resource evaluation at one level: its units' verdicts, its composite CV and
// its indicators.
type LevelRow struct {
	Level                            Level
	Name                             string // 小学
	Units, Passing, Failing, Pending int
	CompositeCV                      string
	Indicators                       []LevelIndicator
}

// LevelIndicator is a resource indicator at one level.
type LevelIndicator struct {
	ID, Name                      string
	Threshold, Value, CV, CVLimit string
	Meeting                       string // 61/62: the units meeting the standard of all units
	CVStatus                      string // 达到, with （临界） when close to the limit
	CVNote                        string // why the CV is undefined, or ""
}

// LevelRows lists the resource evaluation by level, in report order.
func (r *Report) LevelRows() []LevelRow {
	var rows []LevelRow
	for _, l := range standard.Levels {
		lr := r.res.Resource.Of(l)
		row := LevelRow{Level: l, Name: l.Chinese(), Units: lr.Units, Passing: lr.UnitsPassing, Failing: lr.UnitsFailing,
			Pending: lr.UnitsPending, CompositeCV: CV(lr.CompositeCV)}
		for _, ind := range lr.Indicators {
			row.Indicators = append(row.Indicators, LevelIndicator{ID: ind.ID, Name: ind.Name, Threshold: Number(ind.Threshold),
				Value: Amount(ind.Value), CV: CV(ind.CV), CVLimit: Number(ind.CVLimit),
				Meeting: fmt.Sprintf("%d/%d", ind.UnitsMeeting, lr.Units), CVStatus: CVStatus(ind), CVNote: ind.CVNote})
		}
		rows = append(rows, row)
	}
	return rows
}

// ExcludedRow is a school left out of the resource evaluation.
type ExcludedRow struct {
	Code, Name, Type, Reason, Ref string
}

// ExcludedRows lists the schools left out of the resource evaluation, in the table's order.
func (r *Report) ExcludedRows() []ExcludedRow {
	var rows []ExcludedRow
	for _, e := range r.res.Excluded {
		rows = append(rows, ExcludedRow{Code: e.Code, Name: e.Name, Type: string(e.Type), Reason: e.Reason, Ref: "school:" + e.Code})
	}
	return rows
}

// SchoolFinding is a school an item lists: one that fails a school rule or lacks its data.
type SchoolFinding struct {
	Code, Name, Detail string
	Status             Status
}

// SchoolFindings lists the schools the item id lists, or nil for an unknown id.
func (r *Report) SchoolFindings(id string) []SchoolFinding {
	it, ok := r.res.Item(id)
	if !ok {
		return nil
	}
	var out []SchoolFinding
	for _, s := range it.Schools {
		out = append(out, SchoolFinding{Code: s.Code, Name: s.Name, Detail: s.Detail, Status: s.Status})
	}
	return out
}

// LocalTargetRow is a 本地创建目标 beside the standard's verdict. Its numbers carry no unit, as
// in a column headed by what it holds.
type LocalTargetRow struct {
	Name                    string // with the level: R6 生均教学仪器设备值（小学）
	Ref                     string
	Standard, Target, Value string
	Status, LocalStatus     Status
}

// LocalTargetRows lists the county's own targets, or nil when it set none.
func (r *Report) LocalTargetRows() []LocalTargetRow {
	var rows []LocalTargetRow
	for _, lt := range r.res.LocalTargets {
		name := lt.ID + " " + lt.Name
		if lt.Level != "" {
			name += "（" + standard.Level(lt.Level).Chinese() + "）"
		}
		rows = append(rows, LocalTargetRow{Name: name, Ref: "indicator:" + lt.ID, Standard: Number(lt.Standard), Target: Number(lt.Target),
			Value: Amount(lt.Value), Status: lt.Status, LocalStatus: lt.LocalStatus})
	}
	return rows
}
