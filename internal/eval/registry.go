package eval

import (
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/standard"
)

// A rule is the computation behind an item's `rule`. standard lists the rules with their
// parameters (standard.Rule) and validates profiles against that list; TestRegistry keeps the
// two lists the same.
type rule struct {
	// school returns the check of one school, for rules judged school by school; nil for rules
	// that judge the county as a whole.
	school func(p *standard.Profile, it *standard.Item) *schoolCheck
	// judge computes the item; nil means schoolRule, the school check applied to every school.
	judge func(c *context, it *standard.Item) Item
}

// schoolColumns returns the columns a school rule reads.
func (r rule) schoolColumns(p *standard.Profile, it *standard.Item) []string {
	return r.school(p, it).columns
}

// rulesByName is the read-only registry of rules by name. A new rule is one function here and one
// line in standard's table.
var rulesByName = map[string]rule{
	"music_art_rooms":        {school: musicArtRooms},
	"school_size":            {school: schoolSize},
	"class_size":             {school: classSize},
	"small_school_funding":   {school: smallSchoolFunding},
	"special_school_funding": {school: specialSchoolFunding},
	"teacher_certification":  {school: certification, judge: teacherCertification},
	"training_fund_share":    {school: trainingFundShare, judge: trainingFunds},
	standard.RuleSurvey:      {judge: survey},
	"history_cv":             {judge: historyCV},
	"resource_cv":            {judge: resourceCV},
}

// judgeRule computes an item by its rule. A rule missing from the registry (possible only in a
// profile that was not validated) leaves the item 待补充 rather than crashing.
func judgeRule(c *context, it *standard.Item) Item {
	r, ok := rulesByName[it.Rule]
	switch {
	case !ok:
		out := newItem(it)
		out.Status, out.Summary = Pending, "未知的计算规则「"+it.Rule+"」"
		return out
	case r.judge == nil:
		return schoolRule(c, it, r.school(c.p, it))
	}
	return r.judge(c, it)
}

// A measure computes the numerator of a unit's value of a resource indicator: the quantity the
// indicator divides by the unit's students, whether it is known, and the headers of the cells
// it reads (when it is not known: of the blank cells).
type measure func(x *unitCells) (float64, bool, []string)

// unknownMeasure stands for a measure no registry line implements; a validated profile has none.
func unknownMeasure(*unitCells) (float64, bool, []string) {
	return 0, false, []string{unknownColumn}
}

// unknownColumn is the column of an unknown measure's values.
const unknownColumn = "unknown measure"

// measuresByName is the read-only registry of measures by name, the values of an indicator's
// `measure`. standard.Measures lists the same names; TestRegistry keeps the two lists the same.
var measuresByName = map[string]measure{
	"qualified_teachers": qualifiedTeachers,
	"backbone_teachers":  backboneTeachers,
	"pe_art_teachers":    peArtTeachers,
	"teaching_area":      teachingArea,
	"sports_area":        sportsArea,
	"equipment_value":    equipmentValue,
	"multimedia_rooms":   multimediaRooms,
	"teachers":           teachers,
}

// unitCells is what a measure reads: a unit, its campus's row, the resource rules, and the
// list to add warnings to, with the school table's file name.
type unitCells struct {
	p    *standard.Profile
	r    *standard.Resource
	u    *Unit
	s    *data.School
	warn *diag.List
	file string
}

// level returns a per-level cell of the unit's level, key without its level prefix.
func (x *unitCells) level(n data.Number, key string) (float64, bool, []string) {
	if h, ok := levelHeaders[levelKey{x.u.Level, key}]; ok {
		return n.Value, n.Valid, h
	}
	return n.Value, n.Valid, []string{data.HeaderOf(string(x.u.Level) + "_" + key)}
}

// split returns the unit's share of a campus-wide cell.
func (x *unitCells) split(n data.Number, key string) (float64, bool, []string) {
	h, ok := headers[key]
	if !ok {
		h = []string{data.HeaderOf(key)}
	}
	if !n.Valid {
		return 0, false, h
	}
	return n.Value * x.u.Share, true, h
}

// levelKey is a per-level column: its level and its key without the level prefix.
type levelKey struct {
	level standard.Level
	key   string
}

// headers and levelHeaders hold the one-header lists that measures return, made once rather
// than for every unit. They are read-only; their capacity is their length, so that a measure
// appending a header gets a list of its own.
var headers, levelHeaders = func() (map[string][]string, map[levelKey][]string) {
	hs, ls := map[string][]string{}, map[levelKey][]string{}
	for _, c := range data.Columns {
		if _, dup := hs[c.Key]; dup { // HeaderOf takes the first column of a key
			continue
		}
		h := []string{data.HeaderOf(c.Key)}
		hs[c.Key] = h
		for _, l := range standard.Levels {
			if k, ok := strings.CutPrefix(c.Key, string(l)+"_"); ok {
				ls[levelKey{l, k}] = h
			}
		}
	}
	return hs, ls
}()
