package plan

import (
	"slices"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Apply returns a copy of the schools with the actions carried out: each amount added to the
// cell its indicator is computed from (万元 as 元). It is how a plan is proved — evaluating the
// county again must give what the plan promised — and how a scenario's projects can be laid over
// the data. Actions of unknown indicators or schools are skipped.
func Apply(p *standard.Profile, schools []data.School, actions []Action) []data.School {
	out := slices.Clone(schools)
	rows := rowIndex(out)
	for _, a := range actions {
		ind, ok := p.Indicator(a.Indicator)
		if !ok {
			continue
		}
		q, ok := quantities[ind.Measure]
		i, found := rows[a.Row]
		if !ok || !found {
			continue
		}
		level := a.Level
		if level == "" {
			level = standard.Primary
		}
		c := q.cell(&out[i], level)
		c.Value += a.Amount * q.yuan
		c.Valid = true
	}
	return out
}
