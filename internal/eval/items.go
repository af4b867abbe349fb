package eval

import (
	"fmt"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// figureItem judges an item from the figures the county entered in county.toml.
func figureItem(p *standard.Profile, it *standard.Item, figs *data.Figures, year int) Item {
	out := newItem(it)
	e := figs.Entry(it.ID)
	if e != nil {
		out.Evidence, out.Note = e.Evidence, e.Note
	}
	var statuses []Status
	var sources []Source
	var parts []string
	for _, c := range it.Checks {
		chk := figureCheck(p, it, c, e, year)
		statuses = append(statuses, chk.Status)
		sources = append(sources, checkSource(it.ID, c, chk, e, year))
		parts = append(parts, describeCheck(chk))
		out.Checks = append(out.Checks, chk)
	}
	out.Status = combine(statuses...)
	out.Summary = strings.Join(parts, "；")
	out.source = figureSource(it.ID, "", e)
	if i := slices.Index(statuses, out.Status); i >= 0 {
		out.source = sources[i]
	}
	return out
}

// figureSource points at key in county.toml's table [id]: at its line, at the table's header
// when the key is not there, at the file when the table is not; key "" means the table itself.
func figureSource(id, key string, e *data.Entry) Source {
	col := id
	if key != "" {
		col += "." + key
	}
	return Source{File: data.FiguresFile, Line: e.KeyLine(key), Column: col}
}

// checkSource says which figure decided a check: the compared key (its line, or its table's
// header when it is missing), or the divisor that is missing or 0, or site.toml's year that a
// years_since check lacks.
func checkSource(id string, c standard.Check, chk Check, e *data.Entry, year int) Source {
	if chk.Status == Pending && e != nil && e.Lines[c.Key] > 0 {
		if c.Op == "years_since" && year == 0 {
			return Source{File: SiteFile, Column: "year"}
		}
		if d, ok := lookupNumber(e, c.Over); c.Over != "" && (!ok || d == 0) {
			return figureSource(id, c.Over, e)
		}
	}
	return figureSource(id, c.Key, e)
}

func newItem(it *standard.Item) Item {
	kind := it.Kind
	if kind == "" {
		kind = standard.KindA
	}
	return Item{ID: it.ID, Number: it.Number, Kind: kind, Dimension: it.Dimension, Name: it.Name, Short: it.Short, Owners: it.Owners}
}

// scoredItem judges a B item from the county's self-assessed scores: it passes when its score
// reaches the profile's share (80%) of its points.
func scoredItem(p *standard.Profile, it *standard.Item, figs *data.Figures) Item {
	e := figs.Entry(it.ID)
	out := newItem(it)
	out.Points = it.Points
	out.source = figureSource(it.ID, "scores", e)
	if e != nil {
		out.Evidence, out.Note = e.Evidence, e.Note
	}
	var scores []float64
	if e != nil {
		scores = e.Scores
	}
	total := 0.0
	for i, sp := range it.Scoring {
		pt := ScorePoint{Label: sp.Label, Points: sp.Points}
		if scores != nil {
			pt.Score = some(scores[i])
			total += scores[i]
		}
		if e != nil && i < len(e.PointEvidence) {
			pt.Evidence = e.PointEvidence[i]
		}
		out.Scoring = append(out.Scoring, pt)
	}
	if scores == nil {
		out.Status = Pending
		out.Summary = fmt.Sprintf("满分%s分；未填写自评得分", num.Short(it.Points))
		return out
	}
	ratio := total / it.Points
	if !finite(total) || !finite(ratio) {
		out.Score, out.Ratio = &Opt{Reason: Overflow}, &Opt{Reason: Overflow}
		out.Status = Pending
		out.Summary = fmt.Sprintf("满分%s分；自评得分合计%s，无法计算（请核对各要点得分）", num.Short(it.Points), Overflow)
		return out
	}
	out.Score, out.Ratio = &Opt{V: total, OK: true}, &Opt{V: ratio, OK: true}
	out.Status = NotMet
	if meets(ratio, p.B.ItemRatio, p.Resource.Tolerance) {
		out.Status = Met
	}
	out.Summary = fmt.Sprintf("得分%s分（满分%s分，得分率%s%%，须不低于%s%%）", num.Short(total), num.Short(it.Points), num.Fixed(ratio*100, 2), num.Product(p.B.ItemRatio, 100))
	return out
}

func figureCheck(p *standard.Profile, it *standard.Item, c standard.Check, e *data.Entry, year int) Check {
	in, _ := it.Input(c.Key)
	out := Check{Key: c.Key, Label: c.Label, Op: c.Op, Threshold: c.Value, Unit: in.Unit, Status: Pending}
	if out.Label == "" {
		out.Label = in.Label
	}
	if c.Percent {
		out.Unit = "%"
	}
	if c.Over != "" && !c.Percent {
		out.Unit = ""
	}
	tol := p.Resource.Tolerance
	switch c.Op {
	case "yes", "no":
		b, ok := lookupBool(e, c.Key)
		if !ok {
			return out
		}
		out.Bool = &b
		out.Status = NotMet
		if b == (c.Op == "yes") {
			out.Status = Met
		}
		return out
	case "years_since":
		out.Unit = "年"
		v, ok := lookupNumber(e, c.Key)
		if !ok || year == 0 {
			return out
		}
		out.Value = some(float64(year) - v)
	default:
		v, ok := lookupNumber(e, c.Key)
		if !ok {
			return out
		}
		if c.Over != "" {
			d, ok := lookupNumber(e, c.Over)
			if !ok {
				return out
			}
			if d == 0 { // 0 of 0 rotated teachers: filled in, but no share (was shown as 未提供)
				out.Reason = fmt.Sprintf("「%s」为 0，不能作除数", c.Over)
				return out // Pending
			}
			v /= d
			if c.Percent {
				v *= 100
			}
		}
		out.Value = some(v)
	}
	if out.Value.Bad() {
		out.Reason = out.Label + Overflow + "，无法计算（请核对所填数值）"
		return out // Pending
	}
	v := out.Value.V
	ok := false
	switch c.Op {
	case ">=", "years_since":
		ok = meets(v, c.Value, tol)
	case "<=":
		ok = within(v, c.Value, tol)
	case "<":
		ok = below(v, c.Value, tol)
	}
	out.Status = NotMet
	if ok {
		out.Status = Met
	}
	return out
}

func lookupBool(e *data.Entry, key string) (bool, bool) {
	if e == nil {
		return false, false
	}
	b, ok := e.Bools[key]
	return b, ok
}

func lookupNumber(e *data.Entry, key string) (float64, bool) {
	if e == nil {
		return 0, false
	}
	v, ok := e.Numbers[key]
	return v, ok
}

// describeCheck states a check's outcome in one Chinese phrase.
func describeCheck(c Check) string {
	if c.Value.Bad() || c.Reason != "" && !c.Value.OK {
		return c.Label + "：" + NotComputable + "（" + c.Reason + "）"
	}
	if c.Status == Pending && c.Bool == nil && !c.Value.OK {
		return c.Label + "：未提供"
	}
	if c.Bool != nil {
		if *c.Bool {
			return c.Label + "：是"
		}
		return c.Label + "：否"
	}
	return fmt.Sprintf("%s：%s%s（标准%s%s%s）", c.Label, num.Short(c.Value.V), c.Unit, opWord(c.Op), num.Short(c.Threshold), c.Unit)
}

func opWord(op string) string {
	switch op {
	case "<=":
		return "不超过"
	case "<":
		return "低于"
	}
	return "不低于"
}
