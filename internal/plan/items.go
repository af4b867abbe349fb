package plan

import (
	"math"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// ItemGap is what a school lacks on a school-by-school item: G3 rooms to build and m² a room
// lacks, G4 pupils over the school size, G5 pupils over the class size. Amount is null, with
// Reason, when eval could not judge the school for lack of data.
type ItemGap struct {
	Item   string         `json:"item"`
	Code   string         `json:"code"`
	Name   string         `json:"name"`
	Row    int            `json:"row"`
	Level  standard.Level `json:"level,omitempty"`
	What   string         `json:"what"` // 音乐专用教室, 音乐专用教室面积, 在校生, 最大班额
	Amount eval.Opt       `json:"amount"`
	Unit   string         `json:"unit"`
	Detail string         `json:"detail"` // eval's finding
	Reason string         `json:"reason,omitempty"`
	Owners []string       `json:"owners"`
}

// itemGaps lists the G3–G5 gaps of the schools eval found failing or lacking data, in the
// profile's order of items and the table's order of schools. The amounts follow the rules
// eval applies (schoolrules.go); plan_test.go checks that they are zero exactly where eval
// finds a school met.
func (pl *planner) itemGaps() []ItemGap {
	out := []ItemGap{}
	for i := range pl.Profile.Items {
		it := &pl.Profile.Items[i]
		gaps, ok := itemRules[it.Rule]
		if !ok {
			continue
		}
		res, found := pl.Result.Item(it.ID)
		if !found {
			continue
		}
		for _, f := range res.Schools {
			s := &pl.County.Table.Schools[pl.rows[f.Row]]
			if f.Status != eval.NotMet {
				out = append(out, ItemGap{Item: it.ID, Code: s.Code, Name: s.Name, Row: s.Row, What: it.Short, Detail: f.Detail,
					Reason: f.Detail + "，无法计算差额", Owners: it.Owners})
				continue
			}
			for _, g := range gaps(it, s, pl.Profile.Resource.Tolerance) {
				g.Item, g.Code, g.Name, g.Row, g.Detail, g.Owners = it.ID, s.Code, s.Name, s.Row, f.Detail, it.Owners
				out = append(out, g)
			}
		}
	}
	return out
}

var itemRules = map[string]func(*standard.Item, *data.School, float64) []ItemGap{
	"music_art_rooms": roomGaps,
	"school_size":     sizeGaps,
	"class_size":      classGaps,
}

func some(v float64) eval.Opt { return eval.Opt{V: v, OK: true} }

// roomGaps: the music and art rooms a school must build (one each per classes_per_room classes,
// at least one) and the m² its smallest room lacks, with eval's relaxations of the areas.
func roomGaps(it *standard.Item, s *data.School, tol float64) []ItemGap {
	classes := 0.0
	for _, l := range standard.Levels {
		if s.Students(l) > 0 {
			classes += s.Classes(l).Value
		}
	}
	need := math.Ceil(classes / it.Param("classes_per_room"))
	if it.RoomsRounding == "floor" {
		need = math.Floor(classes / it.Param("classes_per_room"))
	}
	need = math.Max(need, 1)
	music, art := roomAreas(it, s)
	var out []ItemGap
	for _, room := range []struct {
		name        string
		count, area data.Number
		min         float64
	}{{"音乐专用教室", s.MusicRooms, s.MusicRoomMinArea, music}, {"美术专用教室", s.ArtRooms, s.ArtRoomMinArea, art}} {
		if room.count.Value < need {
			out = append(out, ItemGap{What: room.name, Amount: some(need - room.count.Value), Unit: "间"})
		}
		if room.count.Value > 0 && room.area.Valid && room.area.Value < room.min-tol*room.min {
			out = append(out, ItemGap{What: room.name + "面积", Amount: some(amount(1, room.min-room.area.Value)), Unit: "平方米"})
		}
	}
	return out
}

// roomAreas are the required room areas, with the most favourable relaxation the school has
// (built before old_built_year; a rural school whose largest class is under small_max_class).
func roomAreas(it *standard.Item, s *data.School) (music, art float64) {
	music, art = it.Param("music_area"), it.Param("art_area")
	if s.BuiltYear.Valid && s.BuiltYear.Value <= it.Param("old_built_year") {
		music, art = it.Param("old_music_area"), it.Param("old_art_area")
	}
	if s.In(data.Rural) {
		largest, known := 0.0, true
		for _, l := range standard.Levels {
			if s.Students(l) > 0 {
				known = known && s.MaxClass(l).Valid
				largest = math.Max(largest, s.MaxClass(l).Value)
			}
		}
		if known && largest < it.Param("small_max_class") {
			small := it.Param("small_primary_area")
			if s.JuniorStudents.Value > 0 {
				small = it.Param("small_junior_area")
			}
			music, art = math.Min(music, small), math.Min(art, small)
		}
	}
	return music, art
}

// sizeGaps: the pupils over the school size, against the relaxed limit where it applies.
func sizeGaps(it *standard.Item, s *data.School, _ float64) []ItemGap {
	n := s.CompulsoryStudents()
	limit, relaxed := it.Param("max_students"), it.Param("relaxed_max_students")
	if s.Type.Through() {
		limit, relaxed = it.Param("max_students_through"), it.Param("relaxed_max_students_through")
	}
	oldBuilt := s.BuiltYear.Valid && s.BuiltYear.Value <= it.Param("old_built_year")
	migrant := s.MigrantStudents.Valid && s.MigrantStudents.Value > it.Param("migrant_share")*(n+s.SeniorStudents.Value)
	if oldBuilt || migrant {
		limit = relaxed
	}
	if n <= limit {
		return nil
	}
	return []ItemGap{{What: "义务教育阶段在校生", Amount: some(n - limit), Unit: "人"}}
}

// classGaps: per level, the pupils the largest class has over the class size.
func classGaps(it *standard.Item, s *data.School, _ float64) []ItemGap {
	limits := standard.PerLevel{Primary: it.Param("primary_max_class"), Junior: it.Param("junior_max_class")}
	var out []ItemGap
	for _, l := range standard.Levels {
		m := s.MaxClass(l)
		if s.Students(l) > 0 && m.Valid && m.Value > limits.Of(l) {
			out = append(out, ItemGap{Level: l, What: l.Chinese() + "最大班额", Amount: some(m.Value - limits.Of(l)), Unit: "人"})
		}
	}
	return out
}
