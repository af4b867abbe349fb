package eval

import (
	"bytes"
	"math"
	"strconv"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Status is the verdict of a rule, an item, a unit or the whole county.
type Status string

const (
	Met           Status = "达到"
	NotMet        Status = "未达到"
	Pending       Status = "待补充" // data missing: never a pass
	NotApplicable Status = "不适用" // nothing the rule applies to, e.g. no 特殊教育学校
)

// Combine folds statuses: any 未达到 wins, then any 待补充; 不适用 does not count.
func Combine(ss ...Status) Status { return combine(ss...) }

func combine(ss ...Status) Status {
	out := NotApplicable
	for _, s := range ss {
		switch {
		case s == NotMet:
			return NotMet
		case s == Pending:
			out = Pending
		case s == Met && out == NotApplicable:
			out = Met
		}
	}
	return out
}

// Result is the evaluation of a county. Its JSON form is the evaluation.json contract
// (DESIGN §4): fields may be added, the documented ones are never renamed.
type Result struct {
	Profile      string        `json:"profile"`
	ProfileName  string        `json:"profile_name"`
	County       string        `json:"county,omitempty"`
	Year         int           `json:"year,omitempty"`
	Conclusion   Status        `json:"conclusion"`
	Eligibility  Status        `json:"eligibility"`
	Dimensions   []Dimension   `json:"dimensions"`
	BScores      *BScores      `json:"b_scores,omitempty"` // profiles with scored items (Hunan)
	Grade        string        `json:"grade,omitempty"`    // the B total's grade, once every B item is scored
	LocalTargets []LocalTarget `json:"local_targets,omitempty"`
	Resource     Resource      `json:"resource"`
	Units        []Unit        `json:"units"`
	Excluded     []Excluded    `json:"excluded"`
	Items        []Item        `json:"items"`
	Failures     []Finding     `json:"failures"` // what fails, in report order
	Pending      []Finding     `json:"pending"`  // what lacks data
	Warnings     []string      `json:"warnings"`
	// Relaxations lists the schools that meet a criterion only by a relaxation of 工作规程 附件3,
	// each with the year by which it must meet the full standard (认定年份 + deadline_years).
	Relaxations []Relied `json:"relaxations,omitempty"`
	// RecognitionYear is the 认定年份 the deadlines count from: county.toml's recognition_year,
	// else the evaluation year (RecognitionYearAssumed).
	RecognitionYear        int  `json:"recognition_year,omitempty"`
	RecognitionYearAssumed bool `json:"recognition_year_assumed,omitempty"`

	warnings diag.List // the Warnings about the school table, with their rows
}

// TableWarnings returns the warnings about cells of the school table, with file and row.
func (r *Result) TableWarnings() diag.List { return r.warnings }

// Dimension sums up one group of items.
type Dimension struct {
	ID      standard.DimensionID `json:"id"`
	Name    string               `json:"name"`
	Status  Status               `json:"status"`
	Met     int                  `json:"met"`
	NotMet  int                  `json:"not_met"`
	Pending int                  `json:"pending"`
	Items   []string             `json:"items"`
}

// BScores is the result of the scored items taken together.
type BScores struct {
	Total     Opt      `json:"total"`      // null until every B item is scored
	Points    float64  `json:"points"`     // 100
	TotalMin  float64  `json:"total_min"`  // 80
	ItemRatio float64  `json:"item_ratio"` // 0.8: every item must reach this share of its points
	Status    Status   `json:"status"`
	Items     []string `json:"items"`
}

// LocalTarget is a 本地创建目标: a stricter number the county set itself, judged beside the
// profile's verdict and never in its place.
type LocalTarget struct {
	Path         string  `json:"path"` // R6.primary, Q2.disabled_enrolment_rate
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Level        string  `json:"level,omitempty"`
	Op           string  `json:"op"`
	Standard     float64 `json:"standard"` // the profile's threshold
	Target       float64 `json:"target"`   // the local one
	Unit         string  `json:"unit,omitempty"`
	Value        Opt     `json:"value"`  // the county's value
	Status       Status  `json:"status"` // the profile's verdict on that value
	LocalStatus  Status  `json:"local_status"`
	UnitsMeeting int     `json:"units_meeting,omitempty"` // resource targets: units reaching the local target
	Units        int     `json:"units,omitempty"`
}

// Resource holds the resource-indicator results of both levels.
type Resource struct {
	Primary Level `json:"primary"`
	Junior  Level `json:"junior"`
}

// Of returns the result of level l.
func (r *Resource) Of(l standard.Level) *Level {
	if l == standard.Junior {
		return &r.Junior
	}
	return &r.Primary
}

// Level is the resource evaluation of one level (小学 or 初中).
type Level struct {
	Status       Status      `json:"status"`
	Units        int         `json:"units"`
	UnitsPassing int         `json:"units_passing"`
	UnitsFailing int         `json:"units_failing"`
	UnitsPending int         `json:"units_pending"`
	Students     Sum         `json:"students"` // null when the counts add up to more than a float64 holds
	CVLimit      float64     `json:"cv_limit"`
	CompositeCV  Opt         `json:"composite_cv"` // mean of the CVs; informational
	Indicators   []Indicator `json:"indicators"`
	Reason       string      `json:"reason,omitempty"` // why students is null
}

// Indicator is one resource indicator at one level, over the county's included units.
type Indicator struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Unit      string  `json:"unit"`
	Threshold float64 `json:"threshold"`
	Floor     float64 `json:"floor"`
	Value     Opt     `json:"value"` // 全县值 X̄ = Σx / ΣP
	Total     Sum     `json:"total"` // Σx: teachers, m², 元 or rooms (×100 not applied)
	Students  Sum     `json:"students"`
	Std       Opt     `json:"std"`
	// ValueReason says why value, std, total or students is null although every school's
	// figures are there: a number overflowed.
	ValueReason string  `json:"value_reason,omitempty"`
	CV          Opt     `json:"cv"`
	CVLimit     float64 `json:"cv_limit"`
	CVOK        bool    `json:"cv_ok"`
	CVStatus    Status  `json:"cv_status"`
	CVCritical  bool    `json:"cv_critical"` // |CV − limit| < the profile's band
	CVNote      string  `json:"cv_note,omitempty"`
	// ValueStatus judges the county value itself when the profile requires it (Hunan); else 不适用.
	ValueStatus     Status `json:"value_status"`
	UnitsMeeting    int    `json:"units_meeting"`
	UnitsBelowFloor int    `json:"units_below_floor"`
	UnitsMissing    int    `json:"units_missing"`

	source     Source  // the first unit whose value is missing or not computable; else the table
	floorRatio float64 // Floor / Threshold, as the profile writes it (0.85), for messages
	floorNote  string  // "的85%（1.955间）", written once for the messages of every unit below the floor
}

// FloorRatio returns the share of the threshold that is the floor (0.85), as the profile writes
// it: Floor is its float64 product with the threshold, which may lack the last digit (1.955).
func (ind Indicator) FloorRatio() float64 { return ind.floorRatio }

// Opt is a number that may be undefined; it marshals as null then, never as NaN.
// Undefined comes in two kinds: there is nothing to compute (fewer than two schools, a blank
// cell: Reason is empty, shown as —), or the inputs are there but the number is not finite, e.g.
// a sum of absurd areas overflows (Reason says why, shown as 无法计算). An Opt that is OK is finite.
type Opt struct {
	V      float64
	OK     bool
	Reason string // why a number that should exist could not be computed
}

// NotComputable is how every output shows a number that could not be computed.
const NotComputable = num.NotComputable

// Overflow is the reason given for a number that is not finite.
const Overflow = "数值溢出"

// some returns v as a defined Opt, or as not computable when it is not finite.
func some(v float64) Opt {
	if !finite(v) {
		return Opt{Reason: Overflow}
	}
	return Opt{V: v, OK: true}
}

// Bad reports whether the number should exist but could not be computed.
func (o Opt) Bad() bool { return !o.OK && o.Reason != "" }

// MarshalJSON writes the number in full precision, or null.
func (o Opt) MarshalJSON() ([]byte, error) {
	if !o.OK || !finite(o.V) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, o.V, 'g', -1, 64), nil
}

// Sum is a total of input figures (students, m², 元). Finite inputs can still add up to more
// than a float64 holds; such a sum marshals as null. A finite sum marshals exactly as
// encoding/json writes a float64, so that evaluation.json does not change for real data.
type Sum float64

// MarshalJSON writes the sum as encoding/json writes a float64, or null when it is not finite.
func (s Sum) MarshalJSON() ([]byte, error) {
	f := float64(s)
	if !finite(f) {
		return []byte("null"), nil
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b := strconv.AppendFloat(nil, f, format, -1, 64)
	if format == 'e' {
		// 1e-07 → 1e-7, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Unit is one unit of evaluation: a campus, or the primary or junior part of a split campus.
type Unit struct {
	Code       string              `json:"code"`
	Name       string              `json:"name"`
	Row        int                 `json:"row"` // its row in the school table, where its type, area and figures are
	Type       standard.SchoolType `json:"type"`
	Level      standard.Level      `json:"level"`
	Students   float64             `json:"students"`
	Split      bool                `json:"split"`
	Share      float64             `json:"share"` // share of the four split quantities; 1 when not split
	Values     Values              `json:"values"`
	Met        int                 `json:"met"`
	Pass       bool                `json:"pass"`
	Status     Status              `json:"status"`
	Failing    []string            `json:"failing,omitempty"`     // indicators below threshold
	BelowFloor []string            `json:"below_floor,omitempty"` // indicators below the 85% floor
	Missing    []string            `json:"missing,omitempty"`     // headers of blank cells it needs
	// Reason says why some of its values are null although their cells are filled (无法计算).
	Reason string `json:"reason,omitempty"`

	school int    // index of its row in the table
	source Source // the cell behind its verdict: the first blank one, or the first failing indicator's
}

// Value is a unit's value of one indicator.
type Value struct {
	Value      float64
	Numerator  float64 // teachers, m², 元 or rooms after splitting
	Valid      bool    // false: an input cell is blank, or Reason says why it could not be computed
	Reason     string  // why a value whose cells are filled could not be computed; "" when blank
	column     string  // header of the cell it is computed from, or of its first blank cell
	Meets      bool    // ≥ threshold
	AboveFloor bool    // ≥ floor ratio × threshold
}

// Values are a unit's values in the profile's indicator order.
type Values struct {
	t    *valueTable // shared by every unit of an evaluation
	list []valueCell
	rare []rareValue // nil unless a value has a Reason or a column outside t.columns
}

// valueTable is what the values of an evaluation's units share: the indicator IDs and the
// headers their cells' column indexes refer to.
type valueTable struct {
	ids     []string
	columns []string
	index   map[string]uint8 // into columns
}

// newValueTable holds every header of the school table, so that a measure's column is found.
func newValueTable(ids []string) *valueTable {
	t := &valueTable{ids: ids, index: map[string]uint8{}}
	for _, c := range data.Columns {
		t.add(c.Header)
	}
	t.add(unknownColumn)
	return t
}

func (t *valueTable) add(h string) {
	if _, ok := t.index[h]; !ok && len(t.columns) < rareColumn {
		t.index[h] = uint8(len(t.columns))
		t.columns = append(t.columns, h)
	}
}

// valueCell is a Value as a unit stores it: without pointers, so that the million values of a large
// county cost the garbage collector nothing and take a third of the memory.
type valueCell struct {
	value, numerator         float64
	column                   uint8 // index into the table's columns; rareColumn: in rare
	valid, meets, aboveFloor bool
}

// rareColumn marks a cell whose column is kept in Values.rare.
const rareColumn = 255

// rareValue holds what few values have: a Reason, or a column the table lacks.
type rareValue struct {
	reason, column string
}

// columnHint is the column an indicator's last value had, with its index: nearly every unit
// has the same, and comparing the same string is cheaper than hashing it.
type columnHint struct {
	column string
	index  uint8
	ok     bool
}

// find returns the index of column h, or rareColumn.
func (t *valueTable) find(h string, hint *columnHint) uint8 {
	if hint.ok && hint.column == h {
		return hint.index
	}
	i, ok := t.index[h]
	if !ok {
		i = rareColumn
	}
	*hint = columnHint{h, i, true}
	return i
}

// set stores v as the k-th value; hint is the k-th indicator's, for the table's find.
func (vs *Values) set(k int, v Value, hint *columnHint) {
	c := valueCell{value: v.Value, numerator: v.Numerator, valid: v.Valid, meets: v.Meets, aboveFloor: v.AboveFloor}
	c.column = vs.t.find(v.column, hint)
	if v.Reason != "" || c.column == rareColumn {
		if vs.rare == nil {
			vs.rare = make([]rareValue, len(vs.list))
		}
		vs.rare[k] = rareValue{reason: v.Reason, column: v.column}
	}
	vs.list[k] = c
}

// value returns the k-th value.
func (vs Values) value(k int) Value {
	c := vs.list[k]
	v := Value{Value: c.value, Numerator: c.numerator, Valid: c.valid, Meets: c.meets, AboveFloor: c.aboveFloor}
	if c.column != rareColumn {
		v.column = vs.t.columns[c.column]
	}
	if vs.rare != nil {
		v.Reason = vs.rare[k].reason
		if c.column == rareColumn {
			v.column = vs.rare[k].column
		}
	}
	return v
}

// reason returns the Reason of the k-th value.
func (vs Values) reason(k int) string {
	if vs.rare == nil {
		return ""
	}
	return vs.rare[k].reason
}

// Len returns the number of indicators.
func (vs Values) Len() int { return len(vs.list) }

// At returns the k-th indicator's ID and value.
func (vs Values) At(k int) (string, Value) { return vs.t.ids[k], vs.value(k) }

// Get returns the value of indicator id.
func (vs Values) Get(id string) (Value, bool) {
	for k, x := range vs.t.ids {
		if x == id {
			return vs.value(k), true
		}
	}
	return Value{}, false
}

// MarshalJSON writes {"R1": 5.4, …} with null for a missing value.
func (vs Values) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, v := range vs.list {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(vs.t.ids[i]))
		b.WriteByte(':')
		o, _ := Opt{V: v.value, OK: v.valid}.MarshalJSON()
		b.Write(o)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Excluded is a campus left out of the resource evaluation, with the reason.
type Excluded struct {
	Code   string              `json:"code"`
	Name   string              `json:"name"`
	Type   standard.SchoolType `json:"type"`
	Row    int                 `json:"row"`
	Reason string              `json:"reason"`
}

// Item is the result of one G, Q, S, V or P item.
type Item struct {
	ID        string               `json:"id"`
	Number    int                  `json:"number,omitempty"`
	Kind      standard.ItemKind    `json:"kind"` // A or B
	Dimension standard.DimensionID `json:"dimension"`
	Name      string               `json:"name"`
	Short     string               `json:"short"`
	Owners    []string             `json:"owners"`
	Status    Status               `json:"status"`
	Summary   string               `json:"summary"` // one line: what was found
	Checks    []Check              `json:"checks,omitempty"`
	Schools   []School             `json:"schools,omitempty"` // schools that fail or lack data
	Evidence  string               `json:"evidence,omitempty"`
	Note      string               `json:"note,omitempty"`
	Warnings  []string             `json:"warnings,omitempty"`
	Computed  bool                 `json:"computed"` // from the school table rather than county.toml
	// A scored (B) item.
	Points  float64      `json:"points,omitempty"`
	Score   *Opt         `json:"score,omitempty"`
	Ratio   *Opt         `json:"ratio,omitempty"`
	Scoring []ScorePoint `json:"scoring,omitempty"`

	source   Source   // where the data behind its status was read
	warnedAt []Source // where the data of each of its Warnings was read
}

// warn adds a warning about the data read at src.
func (it *Item) warn(src Source, msg string) {
	it.Warnings = append(it.Warnings, msg)
	it.warnedAt = append(it.warnedAt, src)
}

// WarningSource returns where the data of the item's i-th warning was read; the zero Source
// for a warning added without one.
func (it *Item) WarningSource(i int) Source {
	if i < len(it.warnedAt) {
		return it.warnedAt[i]
	}
	return Source{}
}

// Source returns where the data behind the item's status was read: the key of county.toml, the
// school's cell or the file that decides it.
func (it *Item) Source() Source { return it.source }

// ScorePoint is one evaluation point of a B item with the county's score.
type ScorePoint struct {
	Label    string  `json:"label"`
	Points   float64 `json:"points"`
	Score    Opt     `json:"score"`
	Evidence string  `json:"evidence,omitempty"`
}

// Check is one comparison within an item.
type Check struct {
	Key       string  `json:"key"`
	Label     string  `json:"label"`
	Op        string  `json:"op"`
	Threshold float64 `json:"threshold"`
	Unit      string  `json:"unit,omitempty"`
	Value     Opt     `json:"value"`
	Bool      *bool   `json:"bool,omitempty"`
	Status    Status  `json:"status"`
	Reason    string  `json:"reason,omitempty"` // why value is null although its figures were given
}

// School is a school's finding within an item (G3–G7, G12, Q4).
type School struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Row    int    `json:"row"`
	Status Status `json:"status"`
	Detail string `json:"detail"`
}

// Finding is one thing that fails or lacks data, for the summary lists.
type Finding struct {
	Kind    FindingKind `json:"kind"`
	Status  Status      `json:"status"` // 未达到 (in Failures) or 待补充 (in Pending)
	ID      string      `json:"id"`
	Level   string      `json:"level,omitempty"`
	Code    string      `json:"code,omitempty"`
	Row     int         `json:"row,omitempty"` // a unit's row in the school table
	Message string      `json:"message"`
	Source  Source      `json:"source"` // where the data it is about was read
}

// FindingKind says what a finding is about.
type FindingKind string

const (
	FindingValue FindingKind = "value" // a county value of a resource indicator
	FindingCV    FindingKind = "cv"    // a resource indicator's 差异系数
	FindingUnit  FindingKind = "unit"  // a unit of the resource evaluation
	FindingItem  FindingKind = "item"  // a G, Q, S, V or P item
	FindingB     FindingKind = "b"     // the total of the scored (B) items
)

// Source is where the data behind a finding was read, so that messages point at the cell or
// key to fix rather than guess it afterwards: a file as the user names it, a line (a table's
// row, a county.toml line; 0 when about the whole file) and a column header or TOML key.
type Source struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column string `json:"column,omitempty"`
}

// SiteFile is where the evaluation year is set; a finding that lacks it points there.
const SiteFile = "site.toml"

// Item returns the item result with the given ID.
func (r *Result) Item(id string) (*Item, bool) {
	for i := range r.Items {
		if r.Items[i].ID == id {
			return &r.Items[i], true
		}
	}
	return nil, false
}
