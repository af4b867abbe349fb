package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

// figureItem judges an item from the figures the county entered in county.toml.
func figureItem(p *standard.Profile, it *standard.Item, e *data.Entry, year int) Item {
	out := newItem(it)
	if e != nil {
		out.Evidence, out.Note = e.Evidence, e.Note
	}
	var statuses []Status
	var parts []string
	for _, c := range it.Checks {
		chk := figureCheck(p, it, c, e, year)
		statuses = append(statuses, chk.Status)
		parts = append(parts, describeCheck(chk))
		out.Checks = append(out.Checks, chk)
	}
	out.Status = combine(statuses...)
	out.Summary = strings.Join(parts, "；")
	return out
}

func newItem(it *standard.Item) Item {
	return Item{ID: it.ID, Dimension: it.Dimension, Name: it.Name, Short: it.Short, Owners: it.Owners}
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
			if !ok || d == 0 {
				return out
			}
			v /= d
			if c.Percent {
				v *= 100
			}
		}
		out.Value = some(v)
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
	if c.Status == Pending && c.Bool == nil && !c.Value.OK {
		return c.Label + "：未提供"
	}
	if c.Bool != nil {
		if *c.Bool {
			return c.Label + "：是"
		}
		return c.Label + "：否"
	}
	return fmt.Sprintf("%s：%s%s（标准%s%s%s）", c.Label, fmtNum(c.Value.V), c.Unit, opWord(c.Op), fmtNum(c.Threshold), c.Unit)
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

// fmtNum formats a number for a message: as written when it has at most 3 decimals (6.375),
// otherwise rounded to 2 decimals (3 below 1), trailing zeros removed.
func fmtNum(v float64) string {
	if s := strconv.FormatFloat(v, 'f', -1, 64); !strings.Contains(s, ".") || len(s)-strings.Index(s, ".") <= 4 {
		return s
	}
	d := 2
	if math.Abs(v) < 1 {
		d = 3
	}
	s := strconv.FormatFloat(v, 'f', d, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
