package eval

import (
	"sort"
	"strings"

	"github.com/youjun-edu/youjun/internal/standard"
)

// localTargets judges the county's own stricter targets. A resource target (R6.primary) compares
// the county value and counts the units that reach it; a check target (Q2.disabled_enrolment_rate)
// compares the value the check compared. The profile's verdict stands beside it unchanged.
func localTargets(p *standard.Profile, res *Result, targets map[string]float64) []LocalTarget {
	paths := make([]string, 0, len(targets))
	for path := range targets {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	var out []LocalTarget
	tol := p.Resource.Tolerance
	for _, path := range paths {
		target := targets[path]
		id, rest, _ := strings.Cut(path, ".")
		if ind, ok := p.Indicator(id); ok {
			l := standard.Level(rest)
			lr := res.Resource.Of(l)
			t := LocalTarget{Path: path, ID: id, Name: ind.Name, Level: rest, Op: ">=", Standard: ind.Threshold(l), Target: target, Unit: ind.Unit}
			for k, x := range lr.Indicators {
				if x.ID != id {
					continue
				}
				t.Value, t.Status = x.Value, combine(x.CVStatus, x.ValueStatus)
				for _, u := range res.Units {
					if u.Level != l {
						continue
					}
					t.Units++
					if _, v := u.Values.At(k); v.Valid && meets(v.Value, target, tol) {
						t.UnitsMeeting++
					}
				}
			}
			t.LocalStatus = judge(t.Value, ">=", target, tol)
			out = append(out, t)
			continue
		}
		it, ok := res.Item(id)
		if !ok {
			continue
		}
		for _, c := range it.Checks {
			if c.Key != rest {
				continue
			}
			t := LocalTarget{Path: path, ID: id, Name: c.Label, Op: c.Op, Standard: c.Threshold, Target: target, Unit: c.Unit,
				Value: c.Value, Status: c.Status}
			t.LocalStatus = judge(c.Value, c.Op, target, tol)
			out = append(out, t)
		}
	}
	return out
}

func judge(v Opt, op string, t, tol float64) Status {
	if !v.OK {
		return Pending
	}
	ok := false
	switch op {
	case "<=":
		ok = within(v.V, t, tol)
	case "<":
		ok = below(v.V, t, tol)
	default:
		ok = meets(v.V, t, tol)
	}
	if ok {
		return Met
	}
	return NotMet
}

// LocalTargetPaths lists the paths a local target may name: every indicator threshold and every
// numeric check of the profile.
func LocalTargetPaths(p *standard.Profile) []string {
	var out []string
	for _, ind := range p.Resource.Indicators {
		for _, l := range standard.Levels {
			out = append(out, ind.ID+"."+string(l))
		}
	}
	for _, it := range p.Items {
		for _, c := range it.Checks {
			if c.Op != "yes" && c.Op != "no" {
				out = append(out, it.ID+"."+c.Key)
			}
		}
	}
	return out
}
