package rollup

import "cmp"

// key identifies a county across two rollups: its code, else its place and name.
func (c *County) key() string {
	if c.Code != "" {
		return c.Code
	}
	return c.Province + "/" + c.City + "/" + c.Name
}

func (c *County) ref() Ref { return Ref{Code: c.Code, Name: c.Name} }

// Compare sets r.Changes to what changed since prev: counties whose verdict moved, CVs that
// rose (either defined in both rollups), counties added and removed. A county listed twice in
// a rollup (two packages) is compared by its first entry.
func (r *Rollup) Compare(prev *Rollup) {
	ch := &Changes{Previous: prev.Title, PreviousDate: prev.Date, Moved: []Move{}, Rose: []Rise{}, Added: []Ref{}, Removed: []Ref{}}
	old := map[string]*County{}
	for i := range prev.Counties {
		c := &prev.Counties[i]
		if _, ok := old[c.key()]; !ok {
			old[c.key()] = c
		}
	}
	seen := map[string]bool{}
	for i := range r.Counties {
		c := &r.Counties[i]
		k := c.key()
		if seen[k] {
			continue
		}
		seen[k] = true
		p, ok := old[k]
		if !ok {
			ch.Added = append(ch.Added, c.ref())
			continue
		}
		if p.Verdict != c.Verdict {
			ch.Moved = append(ch.Moved, Move{Ref: c.ref(), From: p.Verdict, To: c.Verdict})
		}
		ch.Rose = append(ch.Rose, rises(p, c)...)
	}
	for i := range prev.Counties {
		c := &prev.Counties[i]
		if !seen[c.key()] {
			seen[c.key()] = true
			ch.Removed = append(ch.Removed, c.ref())
		}
	}
	r.Changes = ch
}

// rises lists the CVs of c that are higher than in p.
func rises(p, c *County) []Rise {
	var out []Rise
	for _, l := range c.Levels {
		pl := p.level(l.Level)
		if pl == nil {
			continue
		}
		for _, ind := range l.Indicators {
			pi := pl.indicator(ind.ID)
			if pi == nil || pi.CV == nil || ind.CV == nil || cmp.Compare(*ind.CV, *pi.CV) <= 0 {
				continue
			}
			out = append(out, Rise{Ref: c.ref(), Level: l.Level, Indicator: ind.ID, IndicatorName: ind.Name,
				From: *pi.CV, To: *ind.CV, Limit: ind.CVLimit})
		}
	}
	return out
}

func (c *County) level(l string) *Level {
	for i := range c.Levels {
		if c.Levels[i].Level == l {
			return &c.Levels[i]
		}
	}
	return nil
}

func (l *Level) indicator(id string) *Indicator {
	for i := range l.Indicators {
		if l.Indicators[i].ID == id {
			return &l.Indicators[i]
		}
	}
	return nil
}
