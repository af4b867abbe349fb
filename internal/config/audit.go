package config

import (
	"maps"
	"slices"
	"strconv"

	"github.com/youjun-edu/youjun/internal/diag"
)

// Audit is site.toml's [audit]: the thresholds of the consistency audit (internal/audit), which
// `youjun check` runs. Each is optional; the audit's defaults apply to what is left out.
type Audit struct {
	// MaxChange is the relative change of an indicator of a school from the previous year
	// beyond which the audit points at it (0.3: 30 %).
	MaxChange float64 `toml:"max_change"`
	// MaxChangeBy replaces MaxChange for single indicators by their ID ("R6" = 0.5), or for the
	// students of a level ("students"). The keys are checked against the profile when the
	// audit runs (site.toml does not know the profile's indicators).
	MaxChangeBy map[string]float64 `toml:"max_change_by"`
	// MinStudents: levels of fewer students are not compared from year to year.
	MinStudents float64 `toml:"min_students"`
}

// maxAuditChange is the largest ratio [audit] accepts: a change of more than ten times is no
// threshold of a second look.
const maxAuditChange = 10

// checkAudit checks [audit]: every ratio above 0 and at most maxAuditChange, the students a
// count.
func (c *Config) checkAudit() diag.List {
	var probs diag.List
	a := c.Audit
	add := func(key string, v float64) {
		probs.Add(FileName, c.lines.Line([]string{"audit", key}), "audit."+key, strconv.FormatFloat(v, 'f', -1, 64),
			"逐年变化的提示幅度应大于 0、不超过 %d（相对上一年度的变化比例，如 0.3 表示 30%%）", maxAuditChange)
	}
	if a.MaxChange != 0 && !(a.MaxChange > 0 && a.MaxChange <= maxAuditChange) {
		add("max_change", a.MaxChange)
	}
	for _, id := range slices.Sorted(maps.Keys(a.MaxChangeBy)) {
		v := a.MaxChangeBy[id]
		if !(v > 0 && v <= maxAuditChange) {
			probs.Add(FileName, c.lines.Line([]string{"audit", "max_change_by", id}), "audit.max_change_by."+id, strconv.FormatFloat(v, 'f', -1, 64),
				"逐年变化的提示幅度应大于 0、不超过 %d（相对上一年度的变化比例，如 0.5 表示 50%%）", maxAuditChange)
		}
	}
	if m := a.MinStudents; m != 0 && !(m > 0 && m <= 100_000 && m == float64(int64(m))) {
		probs.Add(FileName, c.lines.Line([]string{"audit", "min_students"}), "audit.min_students", strconv.FormatFloat(m, 'f', -1, 64),
			"应为 1 到 100000 之间的整数（在校生少于此数的学段不做逐年比对）")
	}
	return probs
}
