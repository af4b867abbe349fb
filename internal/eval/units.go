package eval

import (
	"fmt"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/standard"
)

// SplitUnits turns the school table into units of evaluation (DESIGN §2.1): one unit per
// compulsory level of each included campus, with the share of the four split quantities that
// belongs to it. Campuses left out of the resource evaluation are returned with the reason.
func SplitUnits(p *standard.Profile, schools []data.School) (units []Unit, excluded []Excluded) {
	r := &p.Resource
	w := r.SplitWeight
	count := 0
	for i := range schools {
		for _, l := range standard.Levels {
			if schools[i].Students(l) > 0 {
				count++
			}
		}
	}
	units = make([]Unit, 0, count)
	for i := range schools {
		s := &schools[i]
		if reason := exclusion(r, s); reason != "" {
			excluded = append(excluded, Excluded{Code: s.Code, Name: s.Name, Type: s.Type, Row: s.Row, Reason: reason})
			continue
		}
		a, b, c := s.PrimaryStudents.Value, s.JuniorStudents.Value, s.SeniorStudents.Value
		sp, sj := Shares(a, b, c, w.Primary, w.Junior, w.Senior)
		levels := 0
		for _, n := range []float64{a, b, c} {
			if n > 0 {
				levels++
			}
		}
		split := levels > 1
		for _, l := range standard.Levels {
			n, share := a, sp
			if l == standard.Junior {
				n, share = b, sj
			}
			if n == 0 {
				continue
			}
			name := s.Name
			if split {
				name = s.Name + "（" + l.Chinese() + "部）"
			}
			units = append(units, Unit{Code: s.Code, Name: name, Row: s.Row, Type: s.Type, Level: l,
				Students: n, Split: split, Share: share, school: i})
		}
	}
	return units, excluded
}

// exclusion returns why a campus takes no part in the resource evaluation, or "".
func exclusion(r *standard.Resource, s *data.School) string {
	for _, t := range r.ExcludedTypes {
		if s.Type == t {
			return t + "不参与资源配置评估"
		}
	}
	n := s.CompulsoryStudents()
	if s.Type == "教学点" && n < float64(r.MinTeachingPointStudents) {
		return fmt.Sprintf("教学点在校生不足%d人（%s人）", r.MinTeachingPointStudents, fmtNum(n))
	}
	if n == 0 {
		return "无义务教育阶段在校生"
	}
	return ""
}

// unitValues computes a unit's seven values and its verdict.
// u.Values must have room for the profile's indicators; measures are theirs, in order.
func unitValues(p *standard.Profile, measures []measure, u *Unit, s *data.School, warn *diag.List, file string) {
	r := &p.Resource
	missing := 0
	var reasons []string
	for i, ind := range r.Indicators {
		num, ok, cols := numerator(r, measures[i], u, s, warn, file)
		v := Value{Valid: ok, Numerator: num, column: cols[0]}
		if ok {
			v.Value = num / u.Students
			if ind.PerHundred {
				v.Value *= 100
			}
			if !finite(num) || !finite(v.Value) {
				// Finite but absurd figures (1e300 m², or 1 student): the value does not exist
				// as a number. It is neither met nor failed: the figures need checking.
				v = Value{Reason: fmt.Sprintf("%s %s：%s，无法计算（请核对%s）", ind.ID, ind.Name, Overflow, strings.Join(quoteAll(cols), "")), column: cols[0]}
				reasons = append(reasons, v.Reason)
				missing++
				u.Values.list[i] = v
				continue
			}
			t := ind.Threshold(u.Level)
			v.Meets = meets(v.Value, t, r.Tolerance)
			v.AboveFloor = meets(v.Value, r.FloorRatio*t, r.Tolerance)
			if v.Meets {
				u.Met++
			} else {
				u.Failing = append(u.Failing, ind.ID)
			}
			if !v.AboveFloor {
				u.BelowFloor = append(u.BelowFloor, ind.ID)
			}
		} else {
			missing++
			u.Missing = appendUnique(u.Missing, cols...)
		}
		u.Values.list[i] = v
	}
	u.Reason = strings.Join(reasons, "；")
	// The unit passes when at least min_met values meet their thresholds and none is below its floor.
	// With blank cells it fails only if it fails whatever the blanks hold; otherwise it is 待补充.
	switch {
	case len(u.BelowFloor) > 0 || len(u.Failing) > len(r.Indicators)-r.MinMet:
		u.Status = NotMet
	case missing > 0:
		u.Status = Pending
	default:
		u.Status, u.Pass = Met, true
	}
	u.source = Source{File: file, Line: s.Row, Column: unitColumn(u)}
}

// unitColumn names the cell behind a unit's verdict: the first indicator below its floor or
// failing when it fails, the first blank or uncomputable one when it is 待补充.
func unitColumn(u *Unit) string {
	var ids []string
	switch u.Status {
	case NotMet:
		ids = append(u.BelowFloor, u.Failing...)
	case Pending:
		for _, v := range u.Values.list {
			if !v.Valid {
				return v.column
			}
		}
	}
	for _, id := range ids {
		if v, ok := u.Values.Get(id); ok {
			return v.column
		}
	}
	return ""
}

// measure is a resource indicator's computation (standard.Measures), resolved once per evaluation.
type measure int

const (
	qualifiedTeachers measure = iota
	backboneTeachers
	peArtTeachers
	teachingArea
	sportsArea
	equipmentValue
	multimediaRooms
	unknownMeasure
)

func measureOf(name string) measure {
	for i, m := range standard.Measures {
		if m == name {
			return measure(i)
		}
	}
	return unknownMeasure
}

// numerator returns the unit's share of the quantity an indicator measures, whether it is known,
// and the headers of the cells it reads (when it is not known: of the blank cells).
func numerator(r *standard.Resource, m measure, u *Unit, s *data.School, warn *diag.List, file string) (float64, bool, []string) {
	l := u.Level
	level := func(n data.Number, key string) (float64, bool, []string) {
		return n.Value, n.Valid, []string{data.HeaderOf(string(l) + "_" + key)}
	}
	split := func(n data.Number, key string) (float64, bool, []string) {
		if !n.Valid {
			return 0, false, []string{data.HeaderOf(key)}
		}
		return n.Value * u.Share, true, []string{data.HeaderOf(key)}
	}
	switch m {
	case qualifiedTeachers:
		return level(s.QualifiedTeachers(l), "qualified_teachers")
	case backboneTeachers:
		return level(s.BackboneTeachers(l), "backbone_teachers")
	case peArtTeachers:
		v, ok, need := level(s.PEArtTeachers(l), "pe_art_teachers")
		if shared := s.SharedPEArtTeachers.Value; ok && shared > 0 {
			lim := r.SharedPEArtStudents
			eligible := (s.Area == "乡村") && !u.Split && u.Students >= float64(lim.Min) && u.Students <= float64(lim.Max)
			if eligible {
				v += shared
				need = append(need, data.HeaderOf("shared_pe_art_teachers"))
			} else if u.Level == firstLevel(s) {
				warn.Warn(file, s.Row, "走教兼职体育艺术教师数", fmtNum(shared),
					"未计入：只有在校生%d–%d人的乡村学校和教学点可计入交流轮岗、兼职、走教的体育艺术教师", lim.Min, lim.Max)
			}
		}
		return v, ok, need
	case teachingArea:
		return split(s.TeachingArea, "teaching_area")
	case sportsArea:
		v, ok, need := split(s.SportsArea, "sports_area")
		if extra := s.ExtraSportsArea.Value; ok && extra > 0 {
			if s.Area == "城区" {
				v += extra * u.Share
				need = append(need, data.HeaderOf("extra_sports_area"))
			} else if u.Level == firstLevel(s) {
				warn.Warn(file, s.Row, "租用改造体育场地面积", fmtNum(extra), "未计入：只有城区学校可计入经改造或租赁的专用运动场地")
			}
		}
		return v, ok, need
	case equipmentValue:
		return split(s.EquipmentValue, "equipment_value")
	case multimediaRooms:
		return split(s.MultimediaRooms, "multimedia_rooms")
	}
	return 0, false, []string{"unknown measure"}
}

// firstLevel is the first compulsory level a campus has, so that a campus-wide warning is given once.
func firstLevel(s *data.School) standard.Level {
	if s.PrimaryStudents.Value > 0 {
		return standard.Primary
	}
	return standard.Junior
}

func appendUnique(list []string, items ...string) []string {
outer:
	for _, it := range items {
		for _, x := range list {
			if x == it {
				continue outer
			}
		}
		list = append(list, it)
	}
	return list
}
