// Package assess sums up one county's evaluation for the rollup and compares it with the
// evaluation.json the county packaged. Like eval it is pure: the evaluation, the plan and the
// packaged bytes come in, a rollup.County goes out; reading and evaluating is package run's.
package assess

import (
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/plan"
	"github.com/youjun-edu/youjun/internal/rollup"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Summarize sums up the evaluation res (and its plan pl, which may be nil) as a rollup.County.
// The figures are evaluation.json's, unrounded; the caller fills in the names and the input.
func Summarize(res *eval.Result, pl *plan.Plan) rollup.County {
	c := rollup.County{
		Profile: res.Profile, ProfileName: res.ProfileName, Year: res.Year,
		Verdict: string(res.Conclusion), Eligibility: string(res.Eligibility),
		Failures: len(res.Failures), Pending: len(res.Pending),
		Readiness: []rollup.Item{}, History: []rollup.History{}, Figures: []rollup.Figure{}, Problems: []rollup.Problem{},
	}
	for _, l := range []standard.Level{standard.Primary, standard.Junior} {
		lv := res.Resource.Of(l)
		if lv.Units == 0 && len(lv.Indicators) == 0 {
			continue
		}
		c.Levels = append(c.Levels, level(l, lv, &c))
		c.Units += lv.Units
	}
	for i := range res.Items {
		it := &res.Items[i]
		if strings.HasPrefix(it.ID, "P") {
			c.Readiness = append(c.Readiness, rollup.Item{ID: it.ID, Name: it.Short, Status: string(it.Status), Summary: it.Summary})
		}
		if it.ID == "P2" {
			c.History = history(it)
			continue
		}
		for _, ch := range it.Checks {
			c.Figures = append(c.Figures, rollup.Figure{Item: it.ID, Key: ch.Key, Label: ch.Label, Op: ch.Op,
				Threshold: ch.Threshold, Unit: ch.Unit, Value: opt(ch.Value), Bool: ch.Bool, Status: string(ch.Status)})
		}
	}
	c.FailingSchools = failingSchools(res)
	c.Problems = problems(res, pl)
	return c
}

// level copies one level's figures and notes its critical CVs and its largest CV ratio in c.
func level(l standard.Level, lv *eval.Level, c *rollup.County) rollup.Level {
	out := rollup.Level{Level: string(l), Name: l.Chinese(), Status: string(lv.Status), Units: lv.Units,
		UnitsPassing: lv.UnitsPassing, UnitsFailing: lv.UnitsFailing, UnitsPending: lv.UnitsPending,
		CVLimit: lv.CVLimit, CompositeCV: opt(lv.CompositeCV), Indicators: []rollup.Indicator{}}
	for _, ind := range lv.Indicators {
		out.Indicators = append(out.Indicators, rollup.Indicator{ID: ind.ID, Name: ind.Name, Unit: ind.Unit,
			Threshold: ind.Threshold, Value: opt(ind.Value), Std: opt(ind.Std), CV: opt(ind.CV), CVLimit: ind.CVLimit,
			CVOK: ind.CVOK, CVStatus: string(ind.CVStatus), CVCritical: ind.CVCritical, ValueStatus: string(ind.ValueStatus),
			UnitsMeeting: ind.UnitsMeeting, UnitsBelowFloor: ind.UnitsBelowFloor, UnitsMissing: ind.UnitsMissing})
		if ind.CVCritical {
			c.Critical++
		}
		if ind.CV.OK && ind.CVLimit > 0 {
			r := ind.CV.V / ind.CVLimit
			if c.MaxCVRatio == nil || r > *c.MaxCVRatio {
				c.MaxCVRatio = &r
			}
		}
	}
	return out
}

// opt is an evaluation number as rollup.json writes it: null when undefined.
func opt(o eval.Opt) *float64 {
	if !o.OK || !num.Finite(o.V) {
		return nil
	}
	v := o.V
	return &v
}

// history reads P2's checks, keyed "<year>.<level>", as the basic-balance history.
func history(it *eval.Item) []rollup.History {
	out := []rollup.History{}
	for _, ch := range it.Checks {
		y, l, ok := strings.Cut(ch.Key, ".")
		year, err := strconv.Atoi(y)
		if !ok || err != nil {
			continue
		}
		out = append(out, rollup.History{Year: year, Level: l, Value: opt(ch.Value), Limit: ch.Threshold, Status: string(ch.Status)})
	}
	return out
}

// failingSchools counts the distinct schools that fail a resource unit or a school item.
func failingSchools(res *eval.Result) int {
	codes := map[string]bool{}
	for i := range res.Units {
		if u := &res.Units[i]; u.Status == eval.NotMet {
			codes[u.Code] = true
		}
	}
	for i := range res.Items {
		for _, s := range res.Items[i].Schools {
			if s.Status == eval.NotMet {
				codes[s.Code] = true
			}
		}
	}
	return len(codes)
}

// problems is the 问题清单: the evaluation's failures, then each unit's shortfalls to the
// threshold from the plan, with the whole-school additions it needs.
func problems(res *eval.Result, pl *plan.Plan) []rollup.Problem {
	out := []rollup.Problem{}
	for _, f := range res.Failures {
		out = append(out, rollup.Problem{Kind: string(f.Kind), ID: f.ID, Level: f.Level, School: f.Code, Message: f.Message})
	}
	if pl == nil {
		return out
	}
	for _, u := range pl.Units {
		for _, s := range u.Shortfalls {
			if !s.ToThreshold.OK || s.ToThreshold.V <= 0 {
				continue
			}
			msg := u.Name + "：" + s.Indicator + " " + s.Name
			if s.Value.OK {
				msg += " " + num.Short(s.Value.V) + s.ValueUnit
			}
			msg += "，标准" + num.Plain(s.Threshold) + s.ValueUnit + "，达到标准需增加" + num.Short(s.ToThreshold.V) + s.Unit
			out = append(out, rollup.Problem{Kind: "shortfall", ID: s.Indicator, Level: string(u.Level), School: u.Code, Message: msg})
		}
	}
	return out
}
