package eval

import (
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
)

// Each finding points where its data was read: the key of county.toml, the school's cell, the
// history file or site.toml.
func TestFindingSources(t *testing.T) {
	p := national(t)
	figures := func(edits ...string) func(*testing.T) *data.Figures {
		return func(t *testing.T) *data.Figures { return passingFigures(t, p, edits...) }
	}
	none := func(*testing.T) *data.Figures { return nil }
	// Rows 2–5 hold the four passing schools; an extra school is row 6.
	nine := primaryAt.with("code", "N1", "name", "新城学校", "type", "九年一贯制学校", "primary_students", "166", "junior_students", "210",
		"primary_classes", "6", "junior_classes", "6", "junior_max_class", "40", "junior_qualified_teachers", "12",
		"junior_backbone_teachers", "", "junior_pe_art_teachers", "2", "teaching_area", "23226")
	tests := []struct {
		name    string
		figures func(*testing.T) *data.Figures
		extra   []row
		kind    FindingKind
		id      string
		level   string
		status  Status
		want    Source
	}{
		{"a failing key", figures("training_completion_rate = 100", "training_completion_rate = 99.9"), nil,
			FindingItem, "G9", "", NotMet, Source{"data/county.toml", 16, "G9.training_completion_rate"}},
		{"a missing key: its table's header", figures("training_completion_rate = 100", ""), nil,
			FindingItem, "G9", "", Pending, Source{"data/county.toml", 15, "G9.training_completion_rate"}},
		{"no county.toml: the file", none, nil,
			FindingItem, "G9", "", Pending, Source{"data/county.toml", 0, "G9.training_completion_rate"}},
		{"a failing unit: its row and failing cell", figures(), []row{primaryAt.with("code", "F", "sports_area", "6000")},
			FindingUnit, "R", "primary", NotMet, Source{"data/schools.csv", 6, "体育运动场馆面积"}},
		{"a blank cell: the unit", figures(), []row{primaryAt.with("code", "F", "equipment_value", "")},
			FindingUnit, "R", "primary", Pending, Source{"data/schools.csv", 6, "教学仪器设备值(万元)"}},
		{"a blank cell: the CV", figures(), []row{primaryAt.with("code", "F", "equipment_value", "")},
			FindingCV, "R6", "primary", Pending, Source{"data/schools.csv", 6, "教学仪器设备值(万元)"}},
		{"a split school: the part points at the school's row", figures(), []row{nine},
			FindingUnit, "R", "junior", Pending, Source{"data/schools.csv", 6, "初中骨干教师数"}},
		{"a school rule: the school's blank cell", figures(), []row{primaryAt.with("code", "F", "music_room_min_area", "")},
			FindingItem, "G3", "", Pending, Source{"data/schools.csv", 6, "音乐专用教室最小面积"}},
		{"a school rule: the failing school", figures(), []row{primaryAt.with("code", "F", "primary_max_class", "56")},
			FindingItem, "G5", "", NotMet, Source{"data/schools.csv", 6, "小学最大班额"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := passingCounty(t, p, tt.figures(t), tt.extra...)
			list := res.Pending
			if tt.status == NotMet {
				list = res.Failures
			}
			for _, f := range list {
				if f.Kind == tt.kind && f.ID == tt.id && f.Level == tt.level {
					if f.Status != tt.status || f.Source != tt.want {
						t.Errorf("%s %+v, want %s %+v", f.Status, f.Source, tt.status, tt.want)
					}
					return
				}
			}
			t.Errorf("no %s finding %s %s among %+v", tt.kind, tt.id, tt.level, list)
		})
	}
}

// The 申报条件 are no findings; their items know their source too.
func TestEligibilitySources(t *testing.T) {
	p := national(t)
	table, probs := data.ParseCSV(tableCSV(primaryAt, juniorAt), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	hist := &data.History{Years: []data.HistoryYear{
		{File: "data/history/2022.csv", Row: 2, Year: 2022, PrimaryCV: data.Num(0.6), JuniorCV: data.Num(0.5)},
		{File: "data/history/2023.csv", Row: 2, Year: 2023, PrimaryCV: data.Num(0.4)},
	}}
	tests := []struct {
		name    string
		year    int
		history *data.History
		id      string
		want    Source
	}{
		{"no year: site.toml", 0, hist, "P2", Source{"site.toml", 0, "year"}},
		{"no history", 2025, nil, "P2", Source{"data/history/", 0, ""}},
		{"a blank CV: its row", 2025, hist, "P2", Source{"data/history/2023.csv", 2, "初中综合差异系数"}},
		{"years since, no year: site.toml", 0, hist, "P1", Source{"site.toml", 0, "year"}},
		{"years since: the key", 2025, hist, "P1", Source{"data/county.toml", 67, "P1.basic_balance_year"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &data.County{Table: table, Figures: passingFigures(t, p), History: tt.history}
			res := Evaluate(Input{Profile: p, County: c, Year: tt.year})
			it, ok := res.Item(tt.id)
			if !ok {
				t.Fatalf("no item %s", tt.id)
			}
			if got := it.Source(); got != tt.want {
				t.Errorf("%s %s: %+v, want %+v", it.ID, it.Status, got, tt.want)
			}
		})
	}
}

// The survey's warnings point at the figure they question.
func TestSurveyWarningSources(t *testing.T) {
	p := national(t)
	table, probs := data.ParseCSV(tableCSV(primaryAt, juniorAt), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	tests := []struct {
		name   string
		edits  []string
		survey data.Survey
		want   Source
	}{
		{"no resident population: [county]", []string{"resident_population = 100000", ""},
			data.Survey{File: "data/survey.csv", Samples: 200, Approving: 190, Parents: 100, HasParents: true},
			Source{"data/county.toml", 2, "county.resident_population"}},
		{"few parents in survey.csv", nil,
			data.Survey{File: "data/survey.csv", Samples: 200, Approving: 190, Parents: 10, HasParents: true},
			Source{"data/survey.csv", 0, ""}},
		{"few parents in [S1]", []string{"parents = 100", "parents = 10"},
			data.Survey{File: "data/county.toml", Samples: 200, Approving: 190, Parents: 10, HasParents: true},
			Source{"data/county.toml", 53, "S1.parents"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &data.County{Table: table, Figures: passingFigures(t, p, tt.edits...), Survey: &tt.survey, History: passingHistory()}
			res := Evaluate(Input{Profile: p, County: c, Year: 2025})
			it, _ := res.Item("S1")
			if len(it.Warnings) != 1 {
				t.Fatalf("warnings %q, want one", it.Warnings)
			}
			if got := it.WarningSource(0); got != tt.want {
				t.Errorf("%s: %+v, want %+v", it.Warnings[0], got, tt.want)
			}
		})
	}
}
