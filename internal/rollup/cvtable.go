package rollup

// Column is one (level, indicator) column of the CV table.
type Column struct {
	Level, LevelName, ID, Name string
	Composite                  bool // the level's 综合差异系数
}

// CVColumns are the columns of the CV table: every level and indicator met, in the order met,
// each level followed by its composite CV.
func CVColumns(r *Rollup) []Column {
	var out []Column
	seen := map[string]bool{}
	for _, lv := range []string{"primary", "junior"} {
		added := false
		for _, c := range r.Counties {
			for _, l := range c.Levels {
				if l.Level != lv {
					continue
				}
				for _, ind := range l.Indicators {
					if k := lv + "/" + ind.ID; !seen[k] {
						seen[k] = true
						out = append(out, Column{Level: lv, LevelName: l.Name, ID: ind.ID, Name: ind.Name})
						added = true
					}
				}
			}
		}
		if added {
			name := map[string]string{"primary": "小学", "junior": "初中"}[lv]
			out = append(out, Column{Level: lv, LevelName: name, ID: "综合", Name: "综合差异系数", Composite: true})
		}
	}
	return out
}

// CV finds a county's CV of a column: the value, its limit, whether it fails and is 临界.
func CV(c *County, col Column) (v, limit float64, ok, fail, critical bool) {
	for _, l := range c.Levels {
		if l.Level != col.Level {
			continue
		}
		if col.Composite {
			if l.CompositeCV == nil {
				return 0, l.CVLimit, false, false, false
			}
			return *l.CompositeCV, l.CVLimit, true, false, false
		}
		for _, ind := range l.Indicators {
			if ind.ID == col.ID && ind.CV != nil {
				return *ind.CV, ind.CVLimit, true, !ind.CVOK, ind.CVCritical
			}
		}
	}
	return 0, 0, false, false, false
}

// Heat is a CV's colour class: "fail", "critical", then "high" (above 80% of the limit), "mid"
// (above 60%) and "low".
func Heat(v, limit float64, fail, critical bool) string {
	switch {
	case fail:
		return "fail"
	case critical:
		return "critical"
	case limit > 0 && v > 0.8*limit:
		return "high"
	case limit > 0 && v > 0.6*limit:
		return "mid"
	}
	return "low"
}
