package eval

import (
	"fmt"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Relied is a school that meets a criterion only through a relaxation of 工作规程
// (国教督办函〔2019〕30号) 附件3, with the year by which it must meet the full standard. A school
// that fails even the relaxed criterion, or meets the full one, does not rely on it.
type Relied struct {
	Code           string `json:"code"`
	Name           string `json:"name"`
	Row            int    `json:"row"`
	Item           string `json:"item"`            // the profile's item or indicator: G3, G4, R3, R5
	Level          string `json:"level,omitempty"` // of the unit, for an indicator
	Relaxation     string `json:"relaxation"`      // standard.Relax…
	RelaxationName string `json:"relaxation_name"`
	Detail         string `json:"detail"` // the figure, the relaxed and the full criterion
	// The same in three short parts, for a table: the school's figure ("音乐82.4、美术84.1平方米"),
	// the relaxed criterion it meets ("73、67平方米") and the full one ("96、90平方米").
	Value    string `json:"value"`
	Relaxed  string `json:"relaxed"`
	Standard string `json:"standard"`
	// Deadline is 认定年份 + the relaxation's deadline_years: the school must meet the full
	// standard by then. 0 when the text sets no deadline or no year is known.
	Deadline int `json:"deadline,omitempty"`
}

// sharedEligible reports whether a unit may count 交流轮岗、兼职、走教 PE and art teachers
// (工作规程附件3 (四)): a rural campus of one level with 50–99 pupils.
func sharedEligible(r *standard.Resource, u *Unit, s *data.School) bool {
	lim := r.SharedPEArtStudents
	return s.In(data.Rural) && !u.Split && u.Students >= float64(lim.Min) && u.Students <= float64(lim.Max)
}

// recognitionYear is the year the deadlines count from: county.toml's recognition_year, else
// the evaluation year (assumed true); 0 when neither is known.
func recognitionYear(c *context) (year int, assumed bool) {
	if f := c.county.Figures; f != nil && f.County != nil {
		if y, ok := f.County.Numbers["recognition_year"]; ok {
			return int(y), false
		}
	}
	return c.year, c.year != 0
}

// relaxations lists the schools that rely on a relaxation, in the table's order. Like the
// school rules, it checks the schools and the units in parts on every core.
func relaxations(c *context) {
	year, assumed := recognitionYear(c)
	relied := func(s *data.School, item, level, id string, f reliance) Relied {
		r := c.p.Relaxation(id)
		x := Relied{Code: s.Code, Name: s.Name, Row: s.Row, Item: item, Level: level, Relaxation: id, RelaxationName: r.Name,
			Detail: f.detail, Value: f.value, Relaxed: f.relaxed, Standard: f.standard}
		if r.DeadlineYears > 0 && year > 0 {
			x.Deadline = year + r.DeadlineYears
		}
		return x
	}
	// The school rules (G3, G4) school by school.
	type rule struct {
		id      string
		applies func(*data.School) bool
		judge   func(*data.School) (string, reliance)
	}
	var rules []rule
	for i := range c.p.Items {
		it := &c.p.Items[i]
		switch it.Rule {
		case "music_art_rooms":
			rules = append(rules, rule{it.ID, inTypes(it), roomReliance(c.p, it)})
		case "school_size":
			rules = append(rules, rule{it.ID, inTypes(it), sizeReliance(c.p, it)})
		}
	}
	schools := c.table.Schools
	bySchool := make([][]Relied, parts(len(schools)))
	inParts(len(schools), func(k, lo, hi int) {
		for i := lo; i < hi; i++ {
			s := &schools[i]
			for _, r := range rules {
				// judge first: it rejects most schools on a figure or two, cheaper than the type list.
				if id, f := r.judge(s); id != "" && r.applies(s) {
					bySchool[k] = append(bySchool[k], relied(s, r.id, "", id, f))
				}
			}
		}
	})
	// The resource indicators (R3, R5) unit by unit.
	type indicator struct {
		k     int
		id    string
		scale float64
	}
	var inds []indicator
	for k, ind := range c.p.Resource.Indicators {
		var id string
		switch ind.Measure {
		case "pe_art_teachers":
			id = standard.RelaxSharedTeachers
		case "sports_area":
			id = standard.RelaxLeasedSports
		}
		if id == "" || !c.p.InForce(id) {
			continue
		}
		scale := 1.0
		if ind.PerHundred {
			scale = 100
		}
		inds = append(inds, indicator{k, id, scale})
	}
	units := c.res.Units
	byUnit := make([][]Relied, parts(len(units)))
	if len(inds) > 0 {
		inParts(len(units), func(part, lo, hi int) {
			for i := lo; i < hi; i++ {
				u := &units[i]
				s := &schools[u.school]
				if s.SharedPEArtTeachers.Value == 0 && s.ExtraSportsArea.Value == 0 {
					continue
				}
				for _, x := range inds {
					if f, ok := unitReliance(c.p, u, s, x.k, x.id, x.scale); ok {
						byUnit[part] = append(byUnit[part], relied(s, c.p.Resource.Indicators[x.k].ID, string(u.Level), x.id, f))
					}
				}
			}
		})
	}
	// Both lists are in the table's order; merge them, a school's rules before its units.
	a, b := slices.Concat(bySchool...), slices.Concat(byUnit...)
	out := make([]Relied, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		if len(b) == 0 || len(a) > 0 && a[0].Row <= b[0].Row {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	if len(out) > 0 { // a county relying on none keeps its evaluation.json as it was
		c.res.Relaxations = out
		c.res.RecognitionYear, c.res.RecognitionYearAssumed = year, assumed
	}
}

// unitReliance reports whether unit u meets indicator k only by counting shared teachers
// (附件3 (四)) or leased grounds (附件3 (五)), the relaxation id.
func unitReliance(p *standard.Profile, u *Unit, s *data.School, k int, id string, scale float64) (reliance, bool) {
	_, v := u.Values.At(k)
	if !v.Valid || !v.Meets {
		return reliance{}, false
	}
	var added float64
	var what, short string
	switch {
	case id == standard.RelaxSharedTeachers && s.SharedPEArtTeachers.Value > 0 && sharedEligible(&p.Resource, u, s):
		added = s.SharedPEArtTeachers.Value
		what, short = "计入走教兼职体育艺术教师"+num.Short(added)+"人", "计入走教兼职"+num.Short(added)+"人"
	case id == standard.RelaxLeasedSports && s.ExtraSportsArea.Value > 0 && s.In(data.Urban):
		added = s.ExtraSportsArea.Value * u.Share
		what, short = "计入租用改造体育场地"+num.Short(added)+"平方米", "计入租用改造"+num.Short(added)+"平方米"
	default:
		return reliance{}, false
	}
	ind := &p.Resource.Indicators[k]
	t := ind.Threshold(u.Level)
	without := (v.Numerator - added) / u.Students * scale
	if meets(without, t, p.Resource.Tolerance) {
		return reliance{}, false
	}
	return reliance{
		detail: fmt.Sprintf("%s后%s%s%s，达到标准%s%s（不计入为%s%s）", what, ind.Name, num.Short(v.Value), ind.Unit,
			num.Short(t), ind.Unit, num.Short(without), ind.Unit),
		value:    withUnit(v.Value, ind.Unit) + "（不计入为" + withUnit(without, ind.Unit) + "）",
		relaxed:  short,
		standard: withUnit(t, ind.Unit),
	}, true
}

// reliance is what a school meets only by a relaxation: a sentence, and the same in parts.
type reliance struct{ detail, value, relaxed, standard string }

// roomReliance finds the rooms whose area meets G3 only by a relaxation (附件3 (六)).
func roomReliance(p *standard.Profile, it *standard.Item) func(s *data.School) (string, reliance) {
	rp, tol := roomParamsOf(p, it), p.Resource.Tolerance
	return func(s *data.School) (string, reliance) {
		if !(rp.oldOn && s.BuiltYear.Valid && s.BuiltYear.Value <= rp.oldYear) && !(rp.smallOn && s.In(data.Rural)) {
			return "", reliance{} // no relaxation can apply: the common case, decided without areas
		}
		music, art, relaxed, _ := rp.areas(s)
		if relaxed == noRelaxation {
			return "", reliance{}
		}
		var parts, values, mins, fulls []string
		for _, room := range [...]struct {
			name        string
			count, area data.Number
			min, full   float64
		}{
			{"音乐", s.MusicRooms, s.MusicRoomMinArea, music, rp.music},
			{"美术", s.ArtRooms, s.ArtRoomMinArea, art, rp.art},
		} {
			if !room.count.Valid || room.count.Value == 0 || !room.area.Valid {
				continue
			}
			if meets(room.area.Value, room.min, tol) && !meets(room.area.Value, room.full, tol) {
				parts = append(parts, fmt.Sprintf("%s专用教室最小%s平方米，按%s平方米评估（标准%s平方米）", room.name,
					num.Short(room.area.Value), num.Short(room.min), num.Short(room.full)))
				values = append(values, room.name+num.Short(room.area.Value))
				mins = append(mins, num.Short(room.min))
				fulls = append(fulls, num.Short(room.full))
			}
		}
		if len(parts) == 0 {
			return "", reliance{}
		}
		return relaxationOf(relaxed), reliance{detail: strings.Join(parts, "；") + rp.basis(relaxed),
			value: strings.Join(values, "、") + "平方米", relaxed: strings.Join(mins, "、") + "平方米", standard: strings.Join(fulls, "、") + "平方米"}
	}
}

// sizeReliance finds the schools within the relaxed size limit only (附件3 (七)).
func sizeReliance(p *standard.Profile, it *standard.Item) func(s *data.School) (string, reliance) {
	maxN, maxThrough := it.Param("max_students"), it.Param("max_students_through")
	relaxedN, relaxedThrough := it.Param("relaxed_max_students"), it.Param("relaxed_max_students_through")
	oldYear, migrantShare := it.Param("old_built_year"), it.Param("migrant_share")
	on := p.InForce(standard.RelaxSchoolSize)
	return func(s *data.School) (string, reliance) {
		n := s.CompulsoryStudents()
		limit, relaxed := maxN, relaxedN
		if s.Type.Through() {
			limit, relaxed = maxThrough, relaxedThrough
		}
		if !on || !finite(n) || n <= limit || n > relaxed {
			return "", reliance{}
		}
		var why []string
		if s.BuiltYear.Valid && s.BuiltYear.Value <= oldYear {
			why = append(why, num.Short(s.BuiltYear.Value)+"年建成")
		}
		if migrantSchool(s, migrantShare) {
			why = append(why, "随迁子女占义务教育阶段在校生"+num.Fixed(s.MigrantStudents.Value/n*100, 2)+"%")
		}
		if len(why) == 0 {
			return "", reliance{}
		}
		return standard.RelaxSchoolSize, reliance{
			detail: fmt.Sprintf("义务教育阶段%s人，按%s人评估（标准%s人；%s）", num.Short(n), num.Short(relaxed), num.Short(limit), strings.Join(why, "，")),
			value:  num.Short(n) + "人（" + strings.Join(why, "，") + "）", relaxed: num.Short(relaxed) + "人", standard: num.Short(limit) + "人"}
	}
}
