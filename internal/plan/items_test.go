package plan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// G3–G5 gaps: rooms to build and m² short, pupils over the school size, pupils over the class
// size; a school eval could not judge has a reason, not a zero.
func TestItemGaps(t *testing.T) {
	p := national(t)
	rooms := func(s data.School, classes, music, art, musicArea, artArea float64) data.School {
		s.PrimaryClasses, s.JuniorClasses = n(classes), n(0)
		s.MusicRooms, s.ArtRooms, s.MusicRoomMinArea, s.ArtRoomMinArea = n(music), n(art), n(musicArea), n(artArea)
		s.PrimaryMaxClass, s.JuniorMaxClass = n(40), n(40)
		s.BuiltYear = n(2020)
		s.MigrantStudents = n(0)
		return s
	}
	a := rooms(school(2, "A", standard.TypePrimary, 1500, 0), 30, 1, 3, 90, 100)  // 30 classes: 3 rooms each; music 90 < 96 m²
	b := rooms(school(3, "B", standard.TypePrimary, 2600, 0), 12, 1, 1, 100, 100) // 2600 > 2000 pupils of a 小学
	b.PrimaryMaxClass = n(48)                                                     // 3 over 45
	c := rooms(school(4, "C", standard.TypePrimary, 400, 0), 10, 1, 1, 100, 100)
	c.ArtRoomMinArea = data.Number{} // blank: G3 cannot judge C
	cty := county(a, b, c)
	for _, k := range []string{"primary_classes", "junior_classes", "music_rooms", "music_room_min_area", "art_rooms", "art_room_min_area", "primary_max_class", "junior_max_class"} {
		cty.Table.Present[k] = true
	}
	pl, _ := makePlan(p, cty, DefaultOptions())
	var got []string
	for _, g := range pl.Items {
		if g.Amount.OK {
			got = append(got, fmt.Sprintf("%s %s %s %v%s", g.Item, g.Code, g.What, g.Amount.V, g.Unit))
		} else {
			got = append(got, fmt.Sprintf("%s %s %s", g.Item, g.Code, g.Reason))
		}
	}
	want := []string{
		"G3 A 音乐专用教室 2间", "G3 A 音乐专用教室面积 6平方米",
		"G3 C 「美术专用教室最小面积」未填，无法计算差额",
		"G4 B 义务教育阶段在校生 600人",
		"G5 B 小学最大班额 3人",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gaps\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Without unit costs the pass weighs each indicator's extra as a share of its need; with costs
// it takes the cheaper: here one teacher (R1) against 130 m² (R4), with min_met 6.
func TestPassByCost(t *testing.T) {
	p := national(t)
	s := school(2, "A", standard.TypePrimary, 1000, 0)
	s.PrimaryQualifiedTeachers = n(41) // 4.1 < 4.2: one teacher short, above the floor
	s.TeachingArea = n(4370)           // 4.37 < 4.5: 130 m² short, above the floor
	c := county(s, school(3, "B", standard.TypePrimary, 400, 0))
	for _, tc := range []struct {
		costs Costs
		want  string
	}{
		{Costs{TeacherPerYear: 100_000, BuildingPerM2: 3000}, "R1"},   // 100,000 < 390,000
		{Costs{TeacherPerYear: 1_000_000, BuildingPerM2: 3000}, "R4"}, // 1,000,000 > 390,000
		{Costs{}, "R1"}, // 1/42 of the teachers needed < 130/4500 of the area
	} {
		o := DefaultOptions()
		o.Costs = tc.costs
		pl, _ := makePlan(p, c, o)
		u := pl.Units[0]
		if u.Status != eval.NotMet || len(u.Pass) != 1 || u.Pass[0].Indicator != tc.want {
			t.Errorf("costs %+v: pass %+v, want %s", tc.costs, u.Pass, tc.want)
		}
	}
}

// Every school eval finds failing G3–G5 has a gap with an amount: the rules copied from eval
// agree with it on the example and on a generated county.
func TestItemGapsAgreeWithEval(t *testing.T) {
	for _, load := range []func(testing.TB) (*standard.Profile, *data.County){
		func(t testing.TB) (*standard.Profile, *data.County) { return example(t) },
		func(t testing.TB) (*standard.Profile, *data.County) { return synthCounty(t, 2000, 4) },
	} {
		p, c := load(t)
		pl, res := makePlan(p, c, DefaultOptions())
		failing := 0
		for _, id := range []string{"G3", "G4", "G5"} {
			it, _ := res.Item(id)
			for _, s := range it.Schools {
				if s.Status != eval.NotMet {
					continue
				}
				failing++
				found := false
				for _, g := range pl.Items {
					found = found || g.Item == id && g.Row == s.Row && g.Amount.OK && g.Amount.V > 0
				}
				if !found {
					t.Errorf("%s %s fails (%s) but has no gap", id, s.Name, s.Detail)
				}
			}
		}
		if failing == 0 {
			t.Error("no failing school to compare")
		}
	}
}
