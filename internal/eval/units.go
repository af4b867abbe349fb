package eval

import (
	"fmt"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// SplitUnits turns the school table into units of evaluation (DESIGN §2.1): one unit per
// compulsory level of each included campus, with the share of the four split quantities that
// belongs to it. Campuses left out of the resource evaluation are returned with the reason.
func SplitUnits(p *standard.Profile, schools []data.School) (units []Unit, excluded []Excluded) {
	r := &p.Resource
	w := r.SplitWeight
	// The schools are split in parts on every core: each part first counts its units, so that
	// it can then write them to their places; the parts' exclusions are joined in order.
	m := parts(len(schools))
	counts := make([]int, m)
	out := make([][]Excluded, m)
	left := make([]bool, len(schools)) // left out of the evaluation
	inParts(len(schools), func(k, lo, hi int) {
		for i := lo; i < hi; i++ {
			s := &schools[i]
			if reason := exclusion(r, s); reason != "" {
				left[i] = true
				out[k] = append(out[k], Excluded{Code: s.Code, Name: s.Name, Type: s.Type, Row: s.Row, Reason: reason})
				continue
			}
			for _, l := range standard.Levels {
				if s.Students(l) != 0 { // as below: a level is a unit unless it has no students
					counts[k]++
				}
			}
		}
	})
	total := 0
	for k, c := range counts {
		counts[k] = total // from now on: where the part's units start
		total += c
	}
	units = make([]Unit, total)
	inParts(len(schools), func(k, lo, hi int) {
		next := counts[k]
		for i := lo; i < hi; i++ {
			if left[i] {
				continue
			}
			next += len(appendUnits(units[next:next], &schools[i], i, w))
		}
	})
	for _, x := range out {
		excluded = append(excluded, x...)
	}
	return units, excluded
}

// appendUnits appends the units of the included campus s (the i-th of the table): one per
// compulsory level with students, named by its part when the campus has several levels.
// SplitUnits appends into its preallocated slice, in place.
func appendUnits(dst []Unit, s *data.School, i int, w standard.SplitWeight) []Unit {
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
		dst = append(dst, Unit{Code: s.Code, Name: name, Row: s.Row, Type: s.Type, Level: l,
			Students: n, Split: split, Share: share, school: i})
	}
	return dst
}

// exclusion returns why a campus takes no part in the resource evaluation, or "".
func exclusion(r *standard.Resource, s *data.School) string {
	for _, t := range r.ExcludedTypes {
		if s.Is(t) {
			return string(t) + "不参与资源配置评估"
		}
	}
	n := s.CompulsoryStudents()
	if s.Is(standard.TypeTeachingPoint) && n < float64(r.MinTeachingPointStudents) {
		return fmt.Sprintf("教学点在校生不足%d人（%s人）", r.MinTeachingPointStudents, num.Short(n))
	}
	if n == 0 {
		return "无义务教育阶段在校生"
	}
	return ""
}

// unitValues computes a unit's seven values and its verdict.
// u.Values must have room for the profile's indicators; measures are theirs, in order.
// hints are the part's, one per indicator.
func unitValues(p *standard.Profile, measures []measure, u *Unit, s *data.School, warn *diag.List, file string, hints []columnHint) {
	r := &p.Resource
	missing := 0
	var reasons []string
	x := &unitCells{p: p, r: r, u: u, s: s, warn: warn, file: file}
	for i, ind := range r.Indicators {
		num, ok, cols := measures[i](x)
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
				u.Values.set(i, v, &hints[i])
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
		u.Values.set(i, v, &hints[i])
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
		for k, c := range u.Values.list {
			if !c.valid {
				return u.Values.value(k).column
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

// R1–R3, R7: per-level teacher counts; R4–R6: campus-wide figures split between the levels.
func qualifiedTeachers(x *unitCells) (float64, bool, []string) {
	return x.level(x.s.QualifiedTeachers(x.u.Level), "qualified_teachers")
}

func backboneTeachers(x *unitCells) (float64, bool, []string) {
	return x.level(x.s.BackboneTeachers(x.u.Level), "backbone_teachers")
}

// peArtTeachers counts the rotating and part-time teachers of small rural schools too.
func peArtTeachers(x *unitCells) (float64, bool, []string) {
	u, s := x.u, x.s
	v, ok, need := x.level(s.PEArtTeachers(u.Level), "pe_art_teachers")
	if shared := s.SharedPEArtTeachers.Value; ok && shared > 0 {
		lim := x.r.SharedPEArtStudents
		eligible := sharedEligible(x.r, u, s)
		if eligible && !x.p.InForce(standard.RelaxSharedTeachers) {
			if u.Level == firstLevel(s) {
				x.warn.Warn(x.file, s.Row, "走教兼职体育艺术教师数", num.Short(shared), "未计入%s", lapsedNote(x.p, standard.RelaxSharedTeachers))
			}
		} else if eligible {
			v += shared
			need = append(need, data.HeaderOf("shared_pe_art_teachers"))
		} else if u.Level == firstLevel(s) {
			x.warn.Warn(x.file, s.Row, "走教兼职体育艺术教师数", num.Short(shared),
				"未计入：只有在校生%d–%d人的乡村学校和教学点可计入交流轮岗、兼职、走教的体育艺术教师", lim.Min, lim.Max)
		}
	}
	return v, ok, need
}

// 室内体育用房 (indoor sports rooms: 体育馆, 风雨操场) is a room of 教育事业统计's 教学及辅助用房,
// and a 馆 of R4's neighbour R5 生均体育运动场馆面积 (场 + 馆), which the statistics' 运动场地面积
// leaves out. The 督导评估 works from those statistics (评估有关事项说明（二）: 主要依据全国教育事业
// 统计数据), and practice (DESIGN §9) moves the indoor rooms from R4 to R5. A table that fills
// 室内体育用房面积 says that its 教学及辅助用房面积 is the statistics' figure (with the rooms) and
// its 体育运动场馆面积 the grounds alone; left blank, both areas are taken as they stand.

// teachingArea leaves out the indoor sports rooms the table names.
func teachingArea(x *unitCells) (float64, bool, []string) {
	s := x.s
	if indoor := s.IndoorSportsArea.Value; indoor > 0 && s.TeachingArea.Valid {
		// The loader refuses indoor rooms larger than the area that holds them.
		return (s.TeachingArea.Value - indoor) * x.u.Share, true, []string{data.HeaderOf("teaching_area"), data.HeaderOf("indoor_sports_area")}
	}
	return x.split(s.TeachingArea, "teaching_area")
}

// sportsArea counts the indoor sports rooms, and the converted or rented grounds of urban
// schools, too.
func sportsArea(x *unitCells) (float64, bool, []string) {
	u, s := x.u, x.s
	v, ok, need := x.split(s.SportsArea, "sports_area")
	if indoor := s.IndoorSportsArea.Value; ok && indoor > 0 {
		v += indoor * u.Share
		need = append(need, data.HeaderOf("indoor_sports_area"))
	}
	if extra := s.ExtraSportsArea.Value; ok && extra > 0 {
		if s.In(data.Urban) && !x.p.InForce(standard.RelaxLeasedSports) {
			if u.Level == firstLevel(s) {
				x.warn.Warn(x.file, s.Row, "租用改造体育场地面积", num.Short(extra), "未计入%s", lapsedNote(x.p, standard.RelaxLeasedSports))
			}
		} else if s.In(data.Urban) {
			v += extra * u.Share
			need = append(need, data.HeaderOf("extra_sports_area"))
		} else if u.Level == firstLevel(s) {
			x.warn.Warn(x.file, s.Row, "租用改造体育场地面积", num.Short(extra), "未计入：只有城区学校可计入经改造或租赁的专用运动场地")
		}
	}
	return v, ok, need
}

func equipmentValue(x *unitCells) (float64, bool, []string) {
	return x.split(x.s.EquipmentValue, "equipment_value")
}

func multimediaRooms(x *unitCells) (float64, bool, []string) {
	return x.split(x.s.MultimediaRooms, "multimedia_rooms")
}

// teachers counts the full-time teachers of the campus, split between its levels like its
// rooms: no national indicator uses it, but provincial ones on 师生比 do.
func teachers(x *unitCells) (float64, bool, []string) {
	return x.split(x.s.Teachers, "teachers")
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
