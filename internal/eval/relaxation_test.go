package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/youjun-edu/youjun/internal/standard"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// withWindow returns the national profile with relaxation id limited to [from, until] and the
// evaluation on day (or, when day is "", in year).
func withWindow(t *testing.T, id, from, until, day string, year int) *standard.Profile {
	t.Helper()
	p := national(t)
	for i := range p.Relaxations {
		if p.Relaxations[i].ID == id {
			if from != "" {
				p.Relaxations[i].From = date(from)
			}
			if until != "" {
				p.Relaxations[i].Until = date(until)
			}
		}
	}
	var d time.Time
	if day != "" {
		d = date(day)
	}
	p.SetEvaluationDate(d, year)
	return p
}

// oldRooms is a school built in 2016 whose rooms (73 and 67 m²) meet G3 only by 附件3 (六).
var oldRooms = primaryAt.with("code", "T", "name", "被测学校", "built_year", "2016", "music_room_min_area", "73", "art_room_min_area", "67")

func TestRelaxationWindow(t *testing.T) {
	tests := []struct {
		name             string
		from, until, day string
		year             int
		want             Status
		relied           int
	}{
		{"no window", "", "", "2025-10-15", 2025, Met, 1},
		{"last day", "", "2025-10-31", "2025-10-31", 2025, Met, 1},
		{"day after", "", "2025-10-31", "2025-11-01", 2025, NotMet, 0},
		{"first day", "2025-01-01", "", "2025-01-01", 2025, Met, 1},
		{"day before", "2025-01-01", "", "2024-12-31", 2024, NotMet, 0},
		{"no date, the year of the last day", "", "2025-10-31", "", 2025, Met, 1},
		{"no date, the year after", "", "2025-10-31", "", 2026, NotMet, 0},
		{"no date, no year", "", "2025-10-31", "", 0, Met, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := withWindow(t, standard.RelaxOldSchoolRooms, tt.from, tt.until, tt.day, tt.year)
			res := passingCounty(t, p, passingFigures(t, p), oldRooms)
			it, _ := res.Item("G3")
			if it.Status != tt.want {
				t.Fatalf("G3 = %s, want %s (%v)", it.Status, tt.want, it.Schools)
			}
			if len(res.Relaxations) != tt.relied {
				t.Fatalf("relaxations %+v, want %d", res.Relaxations, tt.relied)
			}
			if tt.want == NotMet {
				const lapsed = "不足96平方米（放宽口径适用期为"
				if d := it.Schools[0].Detail; !strings.Contains(d, lapsed) || !strings.Contains(d, "本次评估不适用") {
					t.Errorf("detail %q does not say the relaxation has lapsed", d)
				}
			}
		})
	}
}

// The deadline is 认定年份 + 3: county.toml's recognition_year, else the evaluation year.
func TestRelaxationDeadline(t *testing.T) {
	const key = "resident_population = 100000"
	tests := []struct {
		name     string
		edit     string
		deadline int
		assumed  bool
	}{
		{"recognition year given", key + "\nrecognition_year = 2026", 2029, false},
		{"evaluation year assumed", key, 2028, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := national(t)
			res := passingCounty(t, p, passingFigures(t, p, key, tt.edit), oldRooms)
			if len(res.Relaxations) != 1 {
				t.Fatalf("relaxations %+v", res.Relaxations)
			}
			r := res.Relaxations[0]
			want := Relied{Code: "T", Name: "被测学校", Row: 6, Item: "G3", Relaxation: standard.RelaxOldSchoolRooms,
				RelaxationName: p.Relaxation(standard.RelaxOldSchoolRooms).Name,
				Detail:         "音乐专用教室最小73平方米，按73平方米评估（标准96平方米）；美术专用教室最小67平方米，按67平方米评估（标准90平方米）（2016年及之前建成）",
				Value:          "音乐73、美术67平方米", Relaxed: "73、67平方米", Standard: "96、90平方米",
				Deadline: tt.deadline}
			if r != want {
				t.Errorf("got  %+v\nwant %+v", r, want)
			}
			if res.RecognitionYear != tt.deadline-3 || res.RecognitionYearAssumed != tt.assumed {
				t.Errorf("recognition year %d (assumed %v)", res.RecognitionYear, res.RecognitionYearAssumed)
			}
		})
	}
}

// Who relies on a relaxation: the relaxed criterion met, the full one not.
func TestRelianceBoundaries(t *testing.T) {
	rural := primaryAt.with("area", "乡村", "migrant_students", "0", "primary_pe_art_teachers", "0", "shared_pe_art_teachers", "1",
		"primary_classes", "4", "primary_max_class", "25", "primary_students", "99")
	tests := []struct {
		name   string
		s      row
		ids    string // relied-on relaxations, joined by +
		detail string
	}{
		{"rooms of 96 and 90 m²: no reliance", primaryAt.with("built_year", "2016"), "", ""},
		{"music 95.9 m²", primaryAt.with("built_year", "2016", "music_room_min_area", "95.9"), "old_school_rooms", "音乐专用教室最小95.9平方米，按73平方米评估（标准96平方米）（2016年及之前建成）"},
		{"music 72.9 m²: fails even relaxed", primaryAt.with("built_year", "2016", "music_room_min_area", "72.9"), "", ""},
		{"2001 pupils built 2010", primaryAt.with("primary_students", "2001", "built_year", "2010"), "school_size", "义务教育阶段2001人，按2400人评估（标准2000人；2010年建成）"},
		{"2000 pupils built 2010: no reliance", primaryAt.with("primary_students", "2000", "built_year", "2010"), "", ""},
		{"2401 pupils built 2010: fails", primaryAt.with("primary_students", "2401", "built_year", "2010"), "", ""},
		{"2002 pupils, migrants 1002", primaryAt.with("primary_students", "2002", "migrant_students", "1002"), "school_size", "随迁子女占义务教育阶段在校生50.05%"},
		{"shared teacher makes R3", rural, "shared_pe_art_teachers", "计入走教兼职体育艺术教师1人后每百名学生拥有体育、艺术（美术、音乐）专任教师数1.01人，达到标准0.9人（不计入为0人）"},
		{"R3 met without the shared teacher", rural.with("primary_pe_art_teachers", "1"), "", ""},
		{"leased ground makes R5", primaryAt.with("sports_area", "6000", "extra_sports_area", "1500"), "extra_sports_area", "计入租用改造体育场地1500平方米后生均体育运动场馆面积7.5平方米，达到标准7.5平方米（不计入为6平方米）"},
		{"leased ground short of 7.5", primaryAt.with("sports_area", "6000", "extra_sports_area", "1499"), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := national(t)
			res := passingCounty(t, p, passingFigures(t, p), tt.s.with("code", "T", "name", "被测学校"))
			var ids []string
			for _, r := range res.Relaxations {
				ids = append(ids, r.Relaxation)
				if !strings.Contains(r.Detail, tt.detail) {
					t.Errorf("detail %q, want %q", r.Detail, tt.detail)
				}
			}
			if got := strings.Join(ids, "+"); got != tt.ids {
				t.Errorf("relied on %q, want %q", got, tt.ids)
			}
		})
	}
}

// Outside their window, the size relaxation, the shared teachers and the leased ground no
// longer count, and the clerk is told why.
func TestLapsedRelaxations(t *testing.T) {
	day := "2025-11-01"
	p := withWindow(t, standard.RelaxSchoolSize, "", "2025-10-31", day, 2025)
	it := itemOf2(t, p, "G4", primaryAt.with("primary_students", "2001", "built_year", "2010"))
	if it.Status != NotMet || !strings.Contains(it.Schools[0].Detail, "超过2000人（放宽口径适用期为2025年10月31日及以前，本次评估不适用）") {
		t.Errorf("G4 = %s %v", it.Status, it.Schools)
	}
	for _, tt := range []struct {
		id, warning string
		s           row
		r           string
		want        float64
	}{
		{standard.RelaxSharedTeachers, "未计入（放宽口径适用期为2025年10月31日及以前，本次评估不适用）",
			primaryAt.with("area", "乡村", "primary_students", "99", "migrant_students", "0", "primary_pe_art_teachers", "0", "shared_pe_art_teachers", "1", "primary_classes", "4", "primary_max_class", "25"), "R3", 0},
		{standard.RelaxLeasedSports, "未计入（放宽口径适用期为2025年10月31日及以前，本次评估不适用）",
			primaryAt.with("sports_area", "6000", "extra_sports_area", "1500"), "R5", 6},
	} {
		p := withWindow(t, tt.id, "", "2025-10-31", day, 2025)
		res := evaluate(t, p, nil, tt.s, primaryAt.with("code", "X"))
		v, _ := res.Units[0].Values.Get(tt.r)
		if !near(v.Value, tt.want, 1e-9) || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], tt.warning) || len(res.Relaxations) != 0 {
			t.Errorf("%s = %v, warnings %q, relied %v", tt.r, v.Value, res.Warnings, res.Relaxations)
		}
	}
}

// itemOf2 is itemOf with a given profile.
func itemOf2(t *testing.T, p *standard.Profile, id string, school row) *Item {
	t.Helper()
	res := passingCounty(t, p, passingFigures(t, p), school.with("code", "T", "name", "被测学校"))
	it, ok := res.Item(id)
	if !ok {
		t.Fatalf("no item %s", id)
	}
	return it
}
