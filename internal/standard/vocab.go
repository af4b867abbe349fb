package standard

import (
	"slices"
	"strings"
)

// ItemKind says how an item is judged: an A item must be met, a B item is scored.
type ItemKind string

const (
	KindA ItemKind = "A" // must be met; an empty kind in a profile means A
	KindB ItemKind = "B" // scored by the county against its evaluation points
)

// DimensionID names a dimension: one of a profile's own (government, quality, …) or one of
// those every profile has.
type DimensionID string

// The dimensions every profile has besides its own: the resource indicators, the veto items and
// the conditions for applying, which judge the county but are not scored.
const (
	DimResource    DimensionID = "resource"
	DimVeto        DimensionID = "veto"
	DimEligibility DimensionID = "eligibility"
)

// SchoolType is a value of the 学校类型 column, as profiles name it in `types` and
// `excluded_types`.
type SchoolType string

const (
	TypePrimary       SchoolType = "小学"
	TypeJunior        SchoolType = "初级中学"
	TypeNineYear      SchoolType = "九年一贯制学校"
	TypeComplete      SchoolType = "完全中学"
	TypeTwelveYear    SchoolType = "十二年一贯制学校"
	TypeTeachingPoint SchoolType = "教学点"
	TypeSpecial       SchoolType = "特殊教育学校"
	TypeVocational    SchoolType = "职业学校"
)

// SchoolTypes are the values of the 学校类型 column, in the order of the 填报模板.
var SchoolTypes = []SchoolType{TypePrimary, TypeJunior, TypeNineYear, TypeComplete, TypeTwelveYear, TypeTeachingPoint, TypeSpecial, TypeVocational}

// Through reports whether a school type spans primary and junior (九年一贯制、十二年一贯制).
func (t SchoolType) Through() bool { return t == TypeNineYear || t == TypeTwelveYear }

// ParamKind is what a rule parameter holds; it bounds the values a site may override it with.
type ParamKind int

const (
	Amount  ParamKind = iota // a non-negative number: an area, a sum of money, a per-mille rate
	Count                    // a whole number of students, classes or years
	Year                     // a calendar year
	Percent                  // a percentage, 0–100
	Ratio                    // a fraction, 0–1
)

// bounds are the values a parameter of kind k may take.
func (k ParamKind) bounds() Bounds {
	switch k {
	case Count:
		return Bounds{Min: 0, Max: MaxCount, Integer: true}
	case Year:
		return Bounds{Min: MinYear, Max: MaxYear, Integer: true}
	case Percent:
		return Bounds{Min: 0, Max: 100, Percent: true}
	case Ratio:
		return Bounds{Min: 0, Max: 1}
	}
	return Bounds{Min: 0, Max: MaxAmount}
}

// Param is a parameter of a rule, given in an item's [items.params].
type Param struct {
	Name string
	Kind ParamKind
}

// RuleSpec is a computation of eval that an item names by its `rule`, with the parameters it
// reads.
type RuleSpec struct {
	Name   string
	Params []Param
}

// RuleSurvey is the rule of the survey item, whose figures data reads from data/survey.csv.
const RuleSurvey = "survey"

// ruleSpecs is the read-only table of the rules eval implements, sorted by name. eval implements
// each under the same name; its registry test fails when the two lists differ.
var ruleSpecs = sortedSpecs([]RuleSpec{
	{Name: "music_art_rooms", Params: []Param{{"classes_per_room", Count}, {"music_area", Amount}, {"art_area", Amount},
		{"old_built_year", Year}, {"old_music_area", Amount}, {"old_art_area", Amount}, {"small_max_class", Count},
		{"small_primary_area", Amount}, {"small_junior_area", Amount}}},
	{Name: "school_size", Params: []Param{{"max_students", Count}, {"max_students_through", Count}, {"old_built_year", Year},
		{"migrant_share", Ratio}, {"relaxed_max_students", Count}, {"relaxed_max_students_through", Count}}},
	{Name: "class_size", Params: []Param{{"primary_max_class", Count}, {"junior_max_class", Count}}},
	{Name: "small_school_funding", Params: []Param{{"min_funded_students", Count}}},
	{Name: "special_school_funding", Params: []Param{{"min_public_fund_per_student", Amount}}},
	{Name: "teacher_certification", Params: []Param{{"min_rate", Percent}}},
	{Name: "training_fund_share", Params: []Param{{"min_share", Percent}}},
	{Name: RuleSurvey, Params: []Param{{"min_rate", Percent}, {"sample_per_mille", Amount}, {"min_parent_share", Percent}}},
	{Name: "history_cv", Params: []Param{{"years", Count}, {"primary_limit", Ratio}, {"junior_limit", Ratio}}},
	{Name: "resource_cv"},
})

func sortedSpecs(specs []RuleSpec) []RuleSpec {
	slices.SortFunc(specs, func(a, b RuleSpec) int { return strings.Compare(a.Name, b.Name) })
	return specs
}

// Rule returns the rule named name.
func Rule(name string) (RuleSpec, bool) {
	i, ok := slices.BinarySearchFunc(ruleSpecs, name, func(r RuleSpec, n string) int { return strings.Compare(r.Name, n) })
	if !ok {
		return RuleSpec{}, false
	}
	return ruleSpecs[i], true
}

// RuleNames returns the names of the rules, sorted.
func RuleNames() []string {
	names := make([]string, len(ruleSpecs))
	for i, r := range ruleSpecs {
		names[i] = r.Name
	}
	return names
}

// Param returns the rule's parameter named name.
func (r RuleSpec) Param(name string) (Param, bool) {
	i := slices.IndexFunc(r.Params, func(p Param) bool { return p.Name == name })
	if i < 0 {
		return Param{}, false
	}
	return r.Params[i], true
}

// ParamNames returns the names of the rule's parameters in the order they are listed.
func (r RuleSpec) ParamNames() []string {
	names := make([]string, len(r.Params))
	for i, p := range r.Params {
		names[i] = p.Name
	}
	return names
}

// measures are the names a resource indicator's `measure` may take: how eval computes a unit's
// value. eval implements each under the same name; its registry test fails when the lists differ.
var measures = []string{"qualified_teachers", "backbone_teachers", "pe_art_teachers", "teaching_area",
	"sports_area", "equipment_value", "multimedia_rooms", "teachers"}

// Measures returns the names of the measures.
func Measures() []string { return slices.Clone(measures) }
