// Package audit is the consistency audit of a county's data (issue 15): it finds figures the
// loader accepts, being possible, that deserve a second look before a 督导 office takes them
// for falsified. It checks identities within a row (a part larger than its whole, a type with
// the wrong levels), compares the evaluation year's table with an earlier year's (jumps,
// schools that appear or vanish, rows copied unchanged), looks for round-number patterns and
// per-pupil figures that land exactly on the standard, and for a teacher on the rosters of two
// schools. Its findings are hints, never verdicts: they change no figure and no conclusion.
//
// The audit is pure: it reads what data and eval loaded and computed, and does no I/O. It does
// not repeat what the loader reports already (a sub-count larger than 专任教师, students beyond
// 班数 × 最大班额, a row identical to another row of the same table: internal/data's guards).
package audit

import (
	"cmp"
	"slices"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Kind is the family of checks a finding comes from, in the order findings are listed.
type Kind int

const (
	Identity Kind = iota // a row contradicts itself
	Pattern              // round numbers, identical values, figures exactly on the standard
	Change               // against the previous year's table
	Roster               // a teacher on the roster of two schools
)

// String names the kind in Chinese, as a heading of the findings.
func (k Kind) String() string {
	switch k {
	case Identity:
		return "数据自洽"
	case Pattern:
		return "数字规律"
	case Change:
		return "逐年比对"
	case Roster:
		return "教师花名册"
	}
	return ""
}

// Finding is one thing that deserves a second look: where it is, the school, the figures and
// why it is flagged, in Chinese.
type Finding struct {
	Kind    Kind
	File    string // as named in messages: data/schools.csv
	Row     int    // row of the school in File; 0 for a finding about a column or the file
	Column  string // header of the cell, or ""
	Code    string // 学校代码, "" for a finding about several schools
	School  string // 学校名称, "" for a finding about several schools
	Value   string // the cell as quoted, or ""
	Message string // the figures and why they are flagged, without the school's name
}

// Problem returns the finding as a warning of diag, with the school's name leading the message.
func (f Finding) Problem() diag.Problem {
	msg := f.Message
	if f.School != "" {
		msg = f.School + "：" + msg
	}
	return diag.Problem{File: f.File, Line: f.Row, Column: f.Column, Value: f.Value, Message: msg, Warning: true}
}

// Problems returns the findings as warnings, in their order.
func Problems(fs []Finding) diag.List {
	out := make(diag.List, len(fs))
	for i, f := range fs {
		out[i] = f.Problem()
	}
	return out
}

// Defaults of Options.
const (
	// DefaultMaxChange is the relative change of an indicator from one year to the next beyond
	// which a school is flagged: a school rarely gains or loses 30 % of its rooms, grounds,
	// equipment or teachers per pupil in a year, and a county that must reach the standard is
	// tempted to find them on paper.
	DefaultMaxChange = 0.3
	// DefaultMinStudents: a level of fewer pupils is not compared year over year, as one
	// teacher or a few pupils move its per-pupil values by a third.
	DefaultMinStudents = 100
)

// StudentsKey is the key of Options.MaxChangeBy for the number of students of a level, compared
// year over year beside the profile's indicators.
const StudentsKey = "students"

// Options are the audit's thresholds (site.toml's [audit]).
type Options struct {
	MaxChange   float64            // 0: DefaultMaxChange
	MaxChangeBy map[string]float64 // by indicator ID (R6) or StudentsKey; replaces MaxChange
	MinStudents float64            // 0: DefaultMinStudents
}

func (o Options) maxChange(id string) float64 {
	if v, ok := o.MaxChangeBy[id]; ok {
		return v
	}
	if o.MaxChange > 0 {
		return o.MaxChange
	}
	return DefaultMaxChange
}

func (o Options) minStudents() float64 {
	if o.MinStudents > 0 {
		return o.MinStudents
	}
	return DefaultMinStudents
}

// Keys returns the keys Options.MaxChangeBy accepts for profile p: its indicators' IDs and
// StudentsKey.
func Keys(p *standard.Profile) []string {
	var out []string
	for _, ind := range p.Resource.Indicators {
		out = append(out, ind.ID)
	}
	return append(out, StudentsKey)
}

// Input is what the audit reads.
type Input struct {
	Profile *standard.Profile
	County  *data.County // the evaluation year's data
	Result  *eval.Result // its evaluation, for the units' values
	Year    int          // the evaluation year, for messages; 0 when unknown

	// Previous is an earlier year's data (its Table at least): data/history/<year>/, or the
	// data of the previous year's submission package. nil: no comparison. Its Table.File names
	// it in the findings, and must differ from this year's (data/history/2024/schools.csv; for a
	// package, say 2024年申报材料/data/schools.csv).
	Previous     *data.County
	PreviousYear int
	// PreviousResult is Previous evaluated with Profile; when nil, Run evaluates it.
	PreviousResult *eval.Result

	// Roster lists the teachers of the rosters (教师花名册) the county has, when it has them.
	Roster []Teacher

	Options Options
}

// Run audits the county and returns the findings, by kind, then in the order of the table.
// The same input gives the same findings in the same order.
func Run(in Input) []Finding {
	if in.County == nil || in.County.Table == nil || in.Profile == nil {
		return nil
	}
	var fs []Finding
	fs = append(fs, identities(in)...)
	fs = append(fs, patterns(in)...)
	if in.Previous != nil && in.Previous.Table != nil {
		fs = append(fs, changes(in)...)
	}
	fs = append(fs, rosterFindings(in.Roster, in.County.Table)...)
	Sort(fs, in.County.Table.File)
	return fs
}

// Sort orders findings by kind; within a kind those about the table (named by its file) by
// row, those about a column first, then those about other files (last year's table, the
// rosters) in their order.
func Sort(fs []Finding, table string) {
	other := func(f Finding) int {
		if f.File == table {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(other(a), other(b)), cmp.Compare(a.Row, b.Row))
	})
}
