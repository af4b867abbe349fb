// Package report turns an evaluation result into what a reader sees, independent of the medium:
// formatted values for shortcodes, the appendix tables (附表) with their cells marked when they
// fail, and lists of what fails. The HTML site, the PDF and the CSV/XLSX downloads all draw on it.
package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/plan"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// MaxCampuses is the most campuses (rows of the school table) a report site and PDF are made
// for. A county has fewer than 1,000; the site has a page per campus and the PDF lists every one
// of them, so a build grows with the table (about 0.7 ms of two cores and 120 KB of memory per
// campus). 20,000 is the largest size whose build is measured (about 15 s, 2.4 GB); a larger
// table is refused before anything is rendered, since its build would need more memory than a
// bureau's computer has. `youjun eval` evaluates tables of any size the loader accepts.
const MaxCampuses = 20_000

// TooManyCampuses says why a table of n campuses gets no site, or "" when it is within MaxCampuses.
func TooManyCampuses(n int) string {
	if n <= MaxCampuses {
		return ""
	}
	return fmt.Sprintf("学校数据表有 %d 个校区，超过生成报告网站和 PDF 的上限 %d 个（一个县通常不足 1000 个）。"+
		"请确认没有误用全省或全国的数据表，或按县分别生成；只需评估结论时可用 youjun eval --data <学校数据表>",
		n, MaxCampuses)
}

// Report is an evaluation with everything derived from it for display.
type Report struct {
	res     *eval.Result // read through the views; Result is for build and the figure models
	Profile *standard.Profile
	Schools []data.School
	Survey  *data.Survey

	// Labels are the words that follow the profile's numbers (85%, 不足50人教学点).
	Labels Labels
	// Site names the report: its title, county, bureau and date, from site.toml. build fills
	// it in; the renderers read it here rather than from the configuration.
	Site Site
	// Provenance is the report's version and digests, filled in by build.
	Provenance Provenance

	// The values, tables and index are built on first use: the terminal summary of a large
	// table needs none of them, and they cost more than the evaluation itself. sync.Once keeps
	// the views safe for renderers that run in parallel.
	pl       *plan.Plan // the 整改与创建规划, or nil (SetPlan)
	planOnce sync.Once
	planList []planRow
	planAt   map[string][]int // a school's code → its rows of planList

	valuesOnce, tablesOnce, idxOnce sync.Once
	values                          map[string]string
	tables                          []*Table
	idx                             index
}

// Site is what the site's settings say about the report itself.
type Site struct {
	Title, County, Bureau string
	Date                  string // YYYY-MM-DD; the date the documents carry, never the clock's
	Year                  int
	Signature             bool // the PDF's body ends with the 落款 (Bureau and Date)
}

// SignatureLines are the 落款 that ends the PDF's body: the bureau and the date as the report
// writes it (2025年10月15日, given by the caller), or nil when there is none.
func (s *Site) SignatureLines(date string) []string {
	if !s.Signature {
		return nil
	}
	var ls []string
	for _, x := range []string{s.Bureau, date} {
		if x != "" {
			ls = append(ls, x)
		}
	}
	return ls
}

// New builds the report of an evaluation.
func New(res *eval.Result, p *standard.Profile, county *data.County) *Report {
	return &Report{res: res, Profile: p, Schools: county.Table.Schools, Survey: county.Survey, Labels: labels(p)}
}

// valueMap returns the formatted values, building them on first use.
func (r *Report) valueMap() map[string]string {
	r.valuesOnce.Do(func() { r.values = r.buildValues() })
	return r.values
}

// tableList returns the appendix tables, building them on first use.
func (r *Report) tableList() []*Table {
	r.tablesOnce.Do(func() { r.tables = r.buildTables() })
	return r.tables
}

// index returns the lookups by school code, building them on first use.
func (r *Report) index() *index {
	r.idxOnce.Do(r.buildIndex)
	return &r.idx
}

// Result is the evaluation the report was built from, for build (evaluation.json and its
// checks) and for chart, whose figure models are made from it like the views. A renderer never
// reads it: the layering test fails if one does.
func (r *Report) Result() *eval.Result { return r.res }

// Value returns the formatted value of a key such as resource.primary.R1.cv, or an error that
// suggests the closest key.
func (r *Report) Value(key string) (string, error) {
	if v, ok := r.valueMap()[key]; ok {
		return v, nil
	}
	msg := fmt.Sprintf("没有名为「%s」的数值", key)
	msg += suggest.Hint(key, r.ValueKeys())
	return "", fmt.Errorf("%s", msg)
}

// ValueKeys lists every key Value accepts, sorted.
func (r *Report) ValueKeys() []string {
	values := r.valueMap()
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (r *Report) buildValues() map[string]string {
	res := r.res
	v := map[string]string{
		"county":      res.County,
		"year":        strconv.Itoa(res.Year),
		"profile":     res.ProfileName,
		"conclusion":  string(res.Conclusion),
		"eligibility": string(res.Eligibility),
		"units":       strconv.Itoa(len(res.Units)),
		"schools":     strconv.Itoa(len(r.Schools)),
		"excluded":    strconv.Itoa(len(res.Excluded)),
		"failures":    strconv.Itoa(len(res.Failures)),
		"pending":     strconv.Itoa(len(res.Pending)),
	}
	for _, l := range standard.Levels {
		lr := res.Resource.Of(l)
		p := "resource." + string(l) + "."
		v[p+"units"] = strconv.Itoa(lr.Units)
		v[p+"units_passing"] = strconv.Itoa(lr.UnitsPassing)
		v[p+"units_failing"] = strconv.Itoa(lr.UnitsFailing)
		v[p+"units_pending"] = strconv.Itoa(lr.UnitsPending)
		v[p+"students"] = Count(float64(lr.Students))
		v[p+"composite_cv"] = CV(lr.CompositeCV)
		v[p+"cv_limit"] = Number(lr.CVLimit)
		v[p+"status"] = string(lr.Status)
		for _, ind := range lr.Indicators {
			q := p + ind.ID + "."
			v[q+"value"] = Amount(ind.Value)
			v[q+"std"] = Amount(ind.Std)
			v[q+"cv"] = CV(ind.CV)
			v[q+"threshold"] = Number(ind.Threshold)
			v[q+"floor"] = Floor(ind)
			v[q+"cv_limit"] = Number(ind.CVLimit)
			v[q+"cv_status"] = CVStatus(ind)
			v[q+"units_meeting"] = strconv.Itoa(ind.UnitsMeeting)
			v[q+"units_below_floor"] = strconv.Itoa(ind.UnitsBelowFloor)
			v[q+"name"] = ind.Name
		}
	}
	if sv := r.Survey; sv != nil {
		v["survey.samples"] = Count(sv.Samples)
		v["survey.approving"] = Count(sv.Approving)
		if sv.HasParents {
			v["survey.parents"] = Count(sv.Parents)
		}
	}
	if b := res.BScores; b != nil {
		v["b.total"] = "—"
		if b.Total.OK {
			v["b.total"] = Number(b.Total.V)
		}
		v["b.status"] = string(b.Status)
		v["grade"] = res.Grade
	}
	r.planValues(v)
	for _, t := range res.LocalTargets {
		v["local."+t.Path] = string(t.LocalStatus)
	}
	for _, it := range res.Items {
		p := "items." + it.ID + "."
		if it.Score != nil {
			v[p+"score"] = Amount(*it.Score)
			if it.Score.OK {
				v[p+"score"] = Number(it.Score.V)
			}
		}
		if it.Kind == standard.KindB {
			v[p+"points"] = Number(it.Points)
		}
		v[p+"status"] = string(it.Status)
		v[p+"summary"] = it.Summary
		v[p+"name"] = it.Name
		for _, c := range it.Checks {
			v[p+c.Key] = CheckValue(c)
		}
	}
	return v
}

// Every formatter here is total: a number that is not finite, or an Opt that could not be
// computed, reads 无法计算 (eval.NotComputable); none ever writes NaN or Inf. They are the
// report's names for package num's formats, which every renderer shares.

// Count formats a count: 29,673.
func Count(x float64) string { return num.Count(x) }

// Amount formats an indicator value or standard deviation with two decimals and thousands
// separators, or — when undefined, or 无法计算.
func Amount(o eval.Opt) string {
	if s, ok := undefined(o); ok {
		return s
	}
	return num.Grouped(o.V, 2)
}

// CV formats a coefficient of variation with three decimals, or — when undefined, or 无法计算.
func CV(o eval.Opt) string {
	if s, ok := undefined(o); ok {
		return s
	}
	return num.Fixed(o.V, 3)
}

// undefined returns what stands for an Opt that is not a number: — when there is nothing to
// compute, 无法计算 when there is and it could not be computed.
func undefined(o eval.Opt) (string, bool) {
	switch {
	case o.Bad() || o.OK && !finite(o.V):
		return eval.NotComputable, true
	case !o.OK:
		return "—", true
	}
	return "", false
}

func finite(x float64) bool { return num.Finite(x) }

// Number formats a threshold as written in the standard: 4.2, 0.5, 2000, 6.375.
func Number(x float64) string { return num.Plain(x) }

// Floor writes an indicator's floor with every digit it has: 85% of 2.3 is 1.955 and of 2.35
// is 1.9975, where the float64 product would read 1.9549999999999998 and rounding would lose
// a digit a reader can check by hand.
func Floor(ind eval.Indicator) string { return num.Product(ind.FloorRatio(), ind.Threshold) }

// Percent formats a percentage with two decimals: 91.48%.
func Percent(x float64) string { return num.Percent(x) }

// CVStatus states whether a CV is within its limit, noting 临界 and why it is undefined.
func CVStatus(ind eval.Indicator) string {
	s := string(ind.CVStatus)
	if ind.CVCritical {
		s += "（临界）"
	}
	return s
}

// CheckValue formats the value a check compared.
func CheckValue(c eval.Check) string {
	switch {
	case c.Bool != nil && *c.Bool:
		return "是"
	case c.Bool != nil:
		return "否"
	case c.Value.Bad() || c.Value.OK && !finite(c.Value.V):
		return eval.NotComputable
	case !c.Value.OK:
		return "未提供"
	case c.Unit == "%":
		// As entered (97.8%), or with two decimals when computed (11.11%).
		v := num.Exact(c.Value.V)
		if i := strings.IndexByte(v, '.'); i >= 0 && len(v)-i > 3 {
			return Percent(c.Value.V)
		}
		return v + "%"
	}
	return Number(c.Value.V) + c.Unit
}
