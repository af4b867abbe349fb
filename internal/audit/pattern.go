package audit

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Measured figures: a campus's areas and equipment are measured or summed from an inventory,
// and come out as 9611.5 m² or 548.58 万元. A column full of round numbers, a school whose
// every measured figure is round, the same area at several schools and a per-pupil value
// exactly on the standard's requirement suggest figures written to suit rather than measured.
// Counts (teachers, rooms) and funds (set per pupil by a 定额: every teaching point funded as
// 100 pupils has the same 7.2 万元) are round or equal by nature and are not examined.

// roundFigure is a measured column and the unit its round values are multiples of.
type roundFigure struct {
	key  string
	unit float64 // in the School's unit: m², 元
	word string  // the unit in a message
}

var roundFigures = []roundFigure{
	{"teaching_area", 100, "100 平方米"},
	{"sports_area", 100, "100 平方米"},
	{"equipment_value", 100_000, "10 万元"},
}

// sameFigures are the measured columns whose values are compared between schools.
var sameFigures = []string{"teaching_area", "sports_area", "extra_sports_area", "indoor_sports_area", "equipment_value"}

// The thresholds of the patterns.
const (
	// A value counts for roundness only from roundMin units (1,000 m², 100 万元): a teaching
	// point of 300 m² is round by chance one time in a hundred too, but its size is often a
	// standard building's.
	roundMin = 10
	// A column is flagged when, of at least roundColumnMin values counted, at least
	// roundColumnCount and more than roundColumnShare are round; by chance about 1 % are.
	roundColumnMin   = 10
	roundColumnCount = 5
	roundColumnShare = 0.3
	// The same non-zero value in one column at sameMin schools, or at one in samePer of the
	// table's schools when that is more (a county of 2,000 campuses with areas in whole m² has
	// pairs and triples by chance, not ten).
	sameMin = 3
	samePer = 200
	// A unit's per-pupil area or equipment value at least its threshold and less than
	// onLimitBand above it lands on the standard: an area worked back from 4.5 m² × pupils and
	// rounded up to the next m² lies within 0.1 % of it.
	onLimitBand = 0.001
	// listMax is the most schools a finding about several names.
	listMax = 10
)

func patterns(in Input) []Finding {
	t := in.County.Table
	var fs []Finding
	fs = append(fs, roundColumns(t)...)
	fs = append(fs, roundSchools(t)...)
	fs = append(fs, sameValues(t)...)
	if in.Result != nil {
		fs = append(fs, onLimit(in.Profile, in.Result, t)...)
	}
	return fs
}

// figure returns the value of column key for s when it is filled and not zero. The figures of
// a campus outside the county's counts (a 职业学校) are not examined.
func figure(s *data.School, key string) (float64, bool) {
	if !counted(s) {
		return 0, false
	}
	n, ok := data.ColumnByKey(key).Figure(s)
	return n.Value, ok && n.Valid && n.Value > 0
}

// isRound reports whether v is a multiple of unit of at least roundMin units. Values are
// compared in the unit's own digits so that 548.5 万元 (5,485,000.000000001 元) is not round
// and 550 万元 is.
func isRound(v, unit float64) (counted, round bool) {
	if v < roundMin*unit {
		return false, false
	}
	q := v / unit
	return true, math.Abs(q-math.Round(q)) < 1e-6
}

// roundColumns flags a measured column in which round values are many.
func roundColumns(t *data.Table) []Finding {
	var fs []Finding
	for _, rf := range roundFigures {
		if !t.Has(rf.key) && !(rf.key == "equipment_value" && t.Has("equipment_value_yuan")) {
			continue
		}
		counted := 0
		var names []string
		for i := range t.Schools {
			s := &t.Schools[i]
			v, ok := figure(s, rf.key)
			if !ok {
				continue
			}
			c, r := isRound(v, rf.unit)
			if c {
				counted++
			}
			if r {
				names = append(names, s.Name)
			}
		}
		if counted < roundColumnMin || len(names) < roundColumnCount || float64(len(names)) <= roundColumnShare*float64(counted) {
			continue
		}
		fs = append(fs, Finding{Kind: Pattern, File: t.File, Column: header(t, rf.key),
			Message: fmt.Sprintf("%d 所学校中有 %d 所（%s）的数值是 %s的整倍数（%s），远多于实测数据中常见的约百分之一：是否估填？",
				counted, len(names), num.Percent(100*float64(len(names))/float64(counted)), rf.word, list(names))})
	}
	return fs
}

// roundSchools flags a school whose measured figures are all round.
func roundSchools(t *data.Table) []Finding {
	var fs []Finding
	for i := range t.Schools {
		s := &t.Schools[i]
		var parts []string
		all := true
		for _, rf := range roundFigures {
			v, ok := figure(s, rf.key)
			if !ok {
				all = false
				break
			}
			if _, r := isRound(v, rf.unit); !r {
				all = false
				break
			}
			parts = append(parts, header(t, rf.key)+" "+data.ColumnByKey(keyOf(t, rf.key)).Format(s))
		}
		if all {
			fs = append(fs, Finding{Kind: Pattern, File: t.File, Row: s.Row, Code: s.Code, School: s.Name,
				Message: fmt.Sprintf("%s，都是整数（面积为 100 平方米、设备值为 10 万元的整倍数）：实测数据很少如此，是否估填？", strings.Join(parts, "，"))})
		}
	}
	return fs
}

// sameValues flags a measured value shared by several schools.
func sameValues(t *data.Table) []Finding {
	need := max(sameMin, len(t.Schools)/samePer)
	var fs []Finding
	for _, key := range sameFigures {
		if !t.Has(key) && !(key == "equipment_value" && t.Has("equipment_value_yuan")) {
			continue
		}
		by := make(map[float64][]*data.School, len(t.Schools))
		var order []float64
		for i := range t.Schools {
			s := &t.Schools[i]
			v, ok := figure(s, key)
			if !ok {
				continue
			}
			if by[v] == nil {
				order = append(order, v)
			}
			by[v] = append(by[v], s)
		}
		for _, v := range order {
			ss := by[v]
			if len(ss) < need {
				continue
			}
			names := make([]string, len(ss))
			for i, s := range ss {
				names[i] = fmt.Sprintf("%s（第%d行）", s.Name, s.Row)
			}
			c := data.ColumnByKey(keyOf(t, key))
			fs = append(fs, Finding{Kind: Pattern, File: t.File, Row: ss[0].Row, Column: c.Header, Value: c.Format(ss[0]),
				Message: fmt.Sprintf("%d 所学校的这一数值完全相同：%s。实测的面积、设备值很少相同，是否照抄了同一个数？", len(ss), list(names))})
		}
	}
	return fs
}

// onLimit flags a unit whose per-pupil area or equipment value lands on the standard.
func onLimit(p *standard.Profile, res *eval.Result, t *data.Table) []Finding {
	measured := map[string]string{"teaching_area": "teaching_area", "sports_area": "sports_area", "equipment_value": "equipment_value"}
	byRow := rowIndex(t)
	var fs []Finding
	for _, u := range res.Units {
		s := byRow[u.Row]
		if s == nil {
			continue
		}
		for _, ind := range p.Resource.Indicators {
			key, ok := measured[ind.Measure]
			if !ok {
				continue
			}
			v, ok := u.Values.Get(ind.ID)
			th := ind.Threshold(u.Level)
			if !ok || !v.Valid || th <= 0 || v.Value < th || v.Value >= th*(1+onLimitBand) {
				continue
			}
			c := data.ColumnByKey(keyOf(t, key))
			fs = append(fs, Finding{Kind: Pattern, File: t.File, Row: s.Row, Column: c.Header, Value: c.Format(s), Code: s.Code, School: u.Name,
				Message: fmt.Sprintf("%s %s %s，恰好落在标准 %s %s上（高出不到千分之一）：是否按标准倒算填写？",
					ind.ID, ind.Name, num.Short(v.Value), num.Plain(th), ind.Unit)})
		}
	}
	return fs
}

// header is the header of column key as the table has it: the 元 column of the equipment when
// the table has that one.
func header(t *data.Table, key string) string { return data.HeaderOf(keyOf(t, key)) }

func keyOf(t *data.Table, key string) string {
	if key == "equipment_value" && t.Has("equipment_value_yuan") && !t.Has("equipment_value") {
		return "equipment_value_yuan"
	}
	return key
}

// list writes at most listMax names, saying how many more there are.
func list(names []string) string {
	if len(names) <= listMax {
		return strings.Join(names, "、")
	}
	return strings.Join(slices.Clip(names[:listMax]), "、") + fmt.Sprintf("等 %d 所", len(names))
}
