// Package plan computes a county's 整改与创建规划 from its evaluation (issue 14): what each unit
// lacks to reach the 85% floor and the threshold of each resource indicator, the cheapest way to
// make it pass, the rooms, pupils and class sizes of G3–G5, and for every 差异系数 above its limit
// or within a margin below it, the smallest additions that bring it to the target. It is pure,
// like eval: no I/O, no clock; the same input always gives the same Plan. Every quantity is a
// whole-school addition in the indicator's own unit (whole teachers and rooms, m² and 万元 in the
// steps the county sets), so that it can be bought, built or hired as written.
package plan

import (
	"encoding/json"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Costs are unit costs in 元, from site.toml's [plan]; zero means unknown.
type Costs struct {
	BuildingPerM2  float64 // 元 per m² of teaching and auxiliary rooms
	SportsPerM2    float64 // 元 per m² of sports grounds and halls
	TeacherPerYear float64 // 元 per teacher per year
	PerRoom        float64 // 元 per multimedia classroom
}

// Options are the county's settings of the plan.
type Options struct {
	Costs Costs
	// Margin: a CV within Margin below its limit is planned too (临界 values fail on a small
	// change of data); the target of every planned CV is limit − Margin.
	Margin        float64
	AreaStep      float64 // m² an area is bought in; default 1
	EquipmentStep float64 // 万元 equipment is bought in; default 0.1
	Year          int     // target year: the deadline of every action; 0 when not set
}

// Defaults of Options.
const (
	DefaultMargin        = 0.02
	DefaultAreaStep      = 1.0
	DefaultEquipmentStep = 0.1
)

// DefaultOptions returns the options used when site.toml has no [plan].
func DefaultOptions() Options {
	return Options{Margin: DefaultMargin, AreaStep: DefaultAreaStep, EquipmentStep: DefaultEquipmentStep}
}

// Input is what a plan is computed from: the profile, the county's data and its evaluation.
type Input struct {
	Profile *standard.Profile
	County  *data.County
	Result  *eval.Result
	Options Options
}

// Plan is the whole 整改与创建规划. Its lists are in the evaluation's order (units in table
// order, primary before junior; indicators in the profile's order), so renderers may sort them
// as they like without the plan depending on it.
type Plan struct {
	Year    int        `json:"target_year,omitempty"`
	Margin  float64    `json:"margin"`
	Units   []UnitPlan `json:"units"` // units with a shortfall or missing data
	CVs     []CVPlan   `json:"cvs"`   // every resource indicator
	Items   []ItemGap  `json:"items"` // G3–G5 schools that fail
	Totals  Totals     `json:"totals"`
	Costed  bool       `json:"costed"` // every unit cost the plan needs is known
	Actions []Action   `json:"actions"`
}

// UnitPlan is what one unit lacks.
type UnitPlan struct {
	Code       string         `json:"code"`
	Name       string         `json:"name"`
	Row        int            `json:"row"`
	Level      standard.Level `json:"level"`
	Students   float64        `json:"students"`
	Split      bool           `json:"split"`
	Share      float64        `json:"share"`
	Status     eval.Status    `json:"status"`
	Shortfalls []Shortfall    `json:"shortfalls"`
	Pass       []Action       `json:"pass"`             // the cheapest way to pass; empty when it passes
	PassCost   eval.Opt       `json:"pass_cost"`        // 元; null when a unit cost is unknown
	Reason     string         `json:"reason,omitempty"` // why the way to pass cannot be computed
}

// Shortfall is what a unit lacks on one indicator: the whole-school addition that brings its
// value to the floor (85% of the threshold) and to the threshold. Both are null, with Reason,
// when the value cannot be computed: missing data is never a zero shortfall.
type Shortfall struct {
	Indicator   string   `json:"indicator"`
	Name        string   `json:"name"`
	Kind        Kind     `json:"kind"`
	Unit        string   `json:"unit"` // of the amounts: 人、平方米、万元、间
	Value       eval.Opt `json:"value"`
	Threshold   float64  `json:"threshold"`
	Floor       float64  `json:"floor"`
	ValueUnit   string   `json:"value_unit"` // of value, threshold and floor
	ToFloor     eval.Opt `json:"to_floor"`
	ToThreshold eval.Opt `json:"to_threshold"`
	Reason      string   `json:"reason,omitempty"`
	Owners      []string `json:"owners"`
}

// Action is one thing to add to one school.
type Action struct {
	Code      string         `json:"code"`
	Name      string         `json:"name"` // the school's (campus's) name
	Row       int            `json:"row"`
	Level     standard.Level `json:"level,omitempty"` // teachers are hired for a level; areas and rooms are campus-wide
	Indicator string         `json:"indicator"`
	Kind      Kind           `json:"kind"`
	Amount    float64        `json:"amount"`
	Unit      string         `json:"unit"`
	Cost      eval.Opt       `json:"cost"` // 元; null without a unit cost
	Purpose   Purpose        `json:"purpose"`
	Owners    []string       `json:"owners"`
	Deadline  int            `json:"deadline,omitempty"`
}

// Purpose says why an action is planned.
type Purpose string

const (
	ToThreshold Purpose = "达到标准"
	ToFloor     Purpose = "达到标准的85%"
	ToCV        Purpose = "降低差异系数"
)

// Totals add up the actions of the plan by kind: the unit passes and the CV plans.
type Totals struct {
	Teachers  float64  `json:"teachers"`
	Building  float64  `json:"building_area"`
	Sports    float64  `json:"sports_area"`
	Equipment float64  `json:"equipment"` // 万元
	Rooms     float64  `json:"rooms"`
	Cost      eval.Opt `json:"cost"` // 元; null when a needed unit cost is unknown
}

// Make computes the plan.
func Make(in Input) *Plan {
	o := in.Options
	if o.AreaStep <= 0 {
		o.AreaStep = DefaultAreaStep
	}
	if o.EquipmentStep <= 0 {
		o.EquipmentStep = DefaultEquipmentStep
	}
	in.Options = o
	p := &Plan{Year: o.Year, Margin: o.Margin, Units: []UnitPlan{}, CVs: []CVPlan{}, Items: []ItemGap{}, Actions: []Action{}}
	pl := &planner{Input: in, rows: rowIndex(in.County.Table.Schools), after: in.Result}
	p.Units = pl.unitPlans()
	p.Actions = passActions(p.Units)
	if len(p.Actions) > 0 {
		// The CVs are planned from the county as it will be once every unit passes: what the
		// passes add lowers the CVs too, and the CV plans add to it.
		pl.after = pl.passed(p.Actions)
	}
	p.CVs = pl.cvPlans()
	p.Items = pl.itemGaps()
	for _, c := range p.CVs {
		p.Actions = append(p.Actions, c.Actions...)
	}
	relaxationDeadlines(p.Actions, in.Result.Relaxations)
	p.Totals, p.Costed = totals(p.Actions)
	return p
}

// relaxationDeadlines gives an action the deadline of the relaxation its school relies on for
// its indicator instead of the target year: the action removes the reliance, and 工作规程附件3
// sets when the school must meet the full standard. Of two relaxations, the earlier deadline.
func relaxationDeadlines(actions []Action, relied []eval.Relied) {
	for i := range actions {
		a, set := &actions[i], false
		for _, r := range relied {
			if r.Row != a.Row || r.Item != a.Indicator || r.Deadline == 0 {
				continue
			}
			if a.Level != "" && r.Level != "" && r.Level != string(a.Level) {
				continue
			}
			if !set || r.Deadline < a.Deadline {
				a.Deadline, set = r.Deadline, true
			}
		}
	}
}

// rowIndex maps a school's table row to its index: eval's units name their row.
func rowIndex(schools []data.School) map[int]int {
	m := make(map[int]int, len(schools))
	for i := range schools {
		m[schools[i].Row] = i
	}
	return m
}

func totals(actions []Action) (Totals, bool) {
	var t Totals
	cost, costed := 0.0, true
	for _, a := range actions {
		switch a.Kind {
		case Teachers:
			t.Teachers += a.Amount
		case Building:
			t.Building += a.Amount
		case Sports:
			t.Sports += a.Amount
		case Equipment:
			t.Equipment += a.Amount
		case Rooms:
			t.Rooms += a.Amount
		}
		if a.Cost.OK {
			cost += a.Cost.V
		} else {
			costed = false
		}
	}
	t.Equipment = amount(1, t.Equipment) // a sum of 0.1 steps, without float noise
	t.Building, t.Sports = amount(1, t.Building), amount(1, t.Sports)
	if costed {
		t.Cost = eval.Opt{V: cost, OK: true}
	}
	return t, costed
}

// planner holds what every part of the plan looks up.
type planner struct {
	Input
	rows  map[int]int  // a school's table row → its index
	after *eval.Result // the evaluation once every unit's pass is carried out
}

// passed evaluates the county with the actions carried out. Only the resource evaluation is
// read from it; carrying out actions changes no pupil count, so its units are the same units in
// the same order.
func (pl *planner) passed(actions []Action) *eval.Result {
	t := *pl.County.Table
	t.Schools = Apply(pl.Profile, t.Schools, actions)
	c := *pl.County
	c.Table = &t
	return eval.Evaluate(eval.Input{Profile: pl.Profile, County: &c, Year: pl.Result.Year})
}

// school returns the campus of unit u.
func (pl *planner) school(u *eval.Unit) *data.School {
	return &pl.County.Table.Schools[pl.rows[u.Row]]
}

// action returns the action adding amt of q's kind to the campus of unit u for indicator ind.
func (pl *planner) action(u *eval.Unit, ind *standard.Indicator, q quantity, amt float64, why Purpose) Action {
	a := Action{Code: u.Code, Name: pl.school(u).Name, Row: u.Row, Indicator: ind.ID, Kind: q.kind, Amount: amt, Unit: q.kind.Unit(),
		Purpose: why, Owners: ind.Owners, Deadline: pl.Options.Year}
	if !q.split {
		a.Level = u.Level
	}
	a.Cost = pl.cost(q.kind, amt)
	return a
}

// cost returns the cost of amt of a kind in 元, null when its unit cost is unknown.
func (pl *planner) cost(k Kind, amt float64) eval.Opt {
	if c, ok := pl.Options.unitCost(k); ok {
		return eval.Opt{V: amt * c, OK: true}
	}
	return eval.Opt{}
}

// JSON returns the plan as indented JSON with a final newline; the same plan always gives the
// same bytes.
func (p *Plan) JSON() ([]byte, error) {
	out, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
