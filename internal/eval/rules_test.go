package eval

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
)

// itemOf evaluates one school (beside the four passing ones) and returns item id.
func itemOf(t *testing.T, id string, school row) *Item {
	t.Helper()
	p := national(t)
	res := passingCounty(t, p, passingFigures(t, p), school.with("code", "T", "name", "被测学校"))
	it, ok := res.Item(id)
	if !ok {
		t.Fatalf("no item %s", id)
	}
	return it
}

func TestMusicArtRooms(t *testing.T) {
	rural := primaryAt.with("area", "乡村", "primary_students", "200", "migrant_students", "0", "primary_classes", "8",
		"primary_max_class", "29", "primary_qualified_teachers", "9", "primary_backbone_teachers", "2",
		"primary_pe_art_teachers", "2", "teaching_area", "900", "sports_area", "1500", "equipment_value", "40",
		"multimedia_rooms", "5", "music_rooms", "1", "art_rooms", "1", "funded_students", "200")
	tests := []struct {
		name string
		s    row
		want Status
	}{
		{"12 classes need 1 room", primaryAt.with("primary_classes", "12", "music_rooms", "1", "art_rooms", "1"), Met},
		{"13 classes need 2 rooms", primaryAt.with("primary_classes", "13", "music_rooms", "1", "art_rooms", "2"), NotMet},
		{"24 classes, 2 rooms", primaryAt.with("primary_classes", "24"), Met},
		{"25 classes need 3", primaryAt.with("primary_classes", "25"), NotMet},
		{"no room at all", primaryAt.with("primary_classes", "6", "music_rooms", "0"), NotMet},
		{"music room exactly 96", primaryAt.with("music_room_min_area", "96"), Met},
		{"music room 95.9", primaryAt.with("music_room_min_area", "95.9"), NotMet},
		{"art room 89.9", primaryAt.with("art_room_min_area", "89.9"), NotMet},
		{"built 2016: 73 m² suffices", primaryAt.with("built_year", "2016", "music_room_min_area", "73", "art_room_min_area", "67"), Met},
		{"built 2016: 72.9 m² fails", primaryAt.with("built_year", "2016", "music_room_min_area", "72.9", "art_room_min_area", "67"), NotMet},
		{"built 2017: 73 m² fails", primaryAt.with("built_year", "2017", "music_room_min_area", "73", "art_room_min_area", "90"), NotMet},
		{"no built year: 96 m² applies", primaryAt.with("built_year", "", "music_room_min_area", "73"), NotMet},
		{"rural, largest class 29: 54 m²", rural.with("music_room_min_area", "54", "art_room_min_area", "54"), Met},
		{"rural, largest class 30: 96 m²", rural.with("primary_max_class", "30", "music_room_min_area", "54", "art_room_min_area", "90"), NotMet},
		{"town, largest class 29: 96 m²", rural.with("area", "镇区", "music_room_min_area", "54", "art_room_min_area", "90"), NotMet},
		{"blank room count", primaryAt.with("music_rooms", ""), Pending},
		{"blank area", primaryAt.with("art_room_min_area", ""), Pending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := itemOf(t, "G3", tt.s)
			if it.Status != tt.want {
				t.Errorf("G3 = %s, want %s (%v)", it.Status, tt.want, it.Schools)
			}
			if tt.want != Met && (len(it.Schools) != 1 || it.Schools[0].Code != "T" || it.Schools[0].Detail == "") {
				t.Errorf("failing schools %v", it.Schools)
			}
		})
	}
	junior := juniorAt.with("area", "乡村", "junior_students", "200", "migrant_students", "0", "junior_classes", "8", "junior_max_class", "28",
		"music_room_min_area", "54", "art_room_min_area", "61")
	if it := itemOf(t, "G3", junior); it.Status != NotMet {
		t.Errorf("a small rural junior school needs 61 m², got %s", it.Status)
	}
}

func TestSchoolSize(t *testing.T) {
	nine := primaryAt.with("type", "九年一贯制学校", "primary_students", "1500", "junior_students", "1000",
		"junior_classes", "20", "junior_max_class", "50", "junior_qualified_teachers", "60", "junior_backbone_teachers", "12", "junior_pe_art_teachers", "10",
		"primary_classes", "34", "music_rooms", "5", "art_rooms", "5")
	tests := []struct {
		name string
		s    row
		want Status
	}{
		{"2000 pupils", primaryAt.with("primary_students", "2000"), Met},
		{"2001 pupils", primaryAt.with("primary_students", "2001"), NotMet},
		{"2400, built 2010", primaryAt.with("primary_students", "2400", "built_year", "2010"), Met},
		{"2401, built 2010", primaryAt.with("primary_students", "2401", "built_year", "2010"), NotMet},
		{"2001, built 2011", primaryAt.with("primary_students", "2001", "built_year", "2011"), NotMet},
		{"2001, migrants exactly 50%", primaryAt.with("primary_students", "2002", "migrant_students", "1001"), NotMet},
		{"2002, migrants over 50%", primaryAt.with("primary_students", "2002", "migrant_students", "1002"), Met},
		{"2001, built year unknown", primaryAt.with("primary_students", "2001", "built_year", ""), Pending},
		{"2401, built year unknown", primaryAt.with("primary_students", "2401", "built_year", ""), NotMet},
		{"九年一贯制 2500", nine, Met},
		{"九年一贯制 2501", nine.with("primary_students", "1501"), NotMet},
		{"九年一贯制 3000, built 2009", nine.with("primary_students", "2000", "built_year", "2009"), Met},
		{"九年一贯制 3001, built 2009", nine.with("primary_students", "2001", "built_year", "2009"), NotMet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if it := itemOf(t, "G4", tt.s); it.Status != tt.want {
				t.Errorf("G4 = %s, want %s (%v)", it.Status, tt.want, it.Schools)
			}
		})
	}
}

func TestClassSize(t *testing.T) {
	tests := []struct {
		s    row
		want Status
	}{
		{primaryAt.with("primary_max_class", "45"), Met},
		{primaryAt.with("primary_max_class", "46"), NotMet},
		{juniorAt.with("junior_max_class", "50"), Met},
		{juniorAt.with("junior_max_class", "51"), NotMet},
		{primaryAt.with("primary_max_class", ""), Pending},
	}
	for _, tt := range tests {
		if it := itemOf(t, "G5", tt.s); it.Status != tt.want {
			t.Errorf("G5 with %v/%v = %s, want %s", tt.s["primary_max_class"], tt.s["junior_max_class"], it.Status, tt.want)
		}
	}
}

func TestSmallSchoolFunding(t *testing.T) {
	village := primaryAt.with("area", "乡村", "primary_students", "99", "migrant_students", "0", "primary_classes", "6", "primary_max_class", "20", "music_rooms", "1", "art_rooms", "1")
	tests := []struct {
		name string
		s    row
		want Status
	}{
		{"99 pupils funded as 100", village.with("funded_students", "100"), Met},
		{"99 pupils funded as 99", village.with("funded_students", "99"), NotMet},
		{"blank", village.with("funded_students", ""), Pending},
		{"100 pupils are not small", village.with("primary_students", "100", "funded_students", "100"), NotApplicable},
		{"a town school is not a village school", village.with("area", "镇区", "funded_students", "99"), NotApplicable},
		{"a 教学点 anywhere", village.with("area", "镇区", "type", "教学点", "funded_students", "60"), NotMet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if it := itemOf(t, "G6", tt.s); it.Status != tt.want {
				t.Errorf("G6 = %s, want %s", it.Status, tt.want)
			}
		})
	}
}

func TestSpecialSchoolFunding(t *testing.T) {
	special := row{"code": "S", "name": "特校", "type": "特殊教育学校", "primary_students": "60", "teachers": "20", "certified_teachers": "20"}
	for _, tt := range []struct {
		v    string
		want Status
	}{{"6000", Met}, {"5999.99", NotMet}, {"", Pending}} {
		if it := itemOf(t, "G7", special.with("public_fund_per_student", tt.v)); it.Status != tt.want {
			t.Errorf("G7 with %q = %s, want %s", tt.v, it.Status, tt.want)
		}
	}
	if it := itemOf(t, "G7", primaryAt); it.Status != NotApplicable || it.Summary != "全县无特殊教育学校" {
		t.Errorf("G7 without a special school = %s %q", it.Status, it.Summary)
	}
}

func TestTeacherCertification(t *testing.T) {
	for _, tt := range []struct {
		cert string
		want Status
	}{{"60", Met}, {"59", NotMet}, {"", Pending}} {
		it := itemOf(t, "G12", primaryAt.with("certified_teachers", tt.cert))
		if it.Status != tt.want {
			t.Errorf("G12 with %q = %s, want %s", tt.cert, it.Status, tt.want)
		}
	}
}

func TestTrainingFundShare(t *testing.T) {
	for _, tt := range []struct {
		budget, fund string
		want         Status
	}{{"70", "3.5", Met}, {"70", "3.49", NotMet}, {"70", "", Pending}, {"0", "0", Pending}} {
		it := itemOf(t, "Q4", primaryAt.with("public_fund_budget", tt.budget, "training_fund", tt.fund))
		if it.Status != tt.want {
			t.Errorf("Q4 with %s/%s = %s, want %s", tt.fund, tt.budget, it.Status, tt.want)
		}
	}
}

func TestAbsentColumnsArePending(t *testing.T) {
	p := national(t)
	csv := "学校代码,学校名称,学校类型,小学在校生数\nA,甲小学,小学,300\nB,乙小学,小学,400\n"
	table, probs := data.ParseCSV([]byte(csv), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	res := Evaluate(Input{Profile: p, County: &data.County{Table: table}, Year: 2025})
	for _, id := range []string{"G3", "G5", "G12", "Q4"} {
		it, _ := res.Item(id)
		if it.Status != Pending || !strings.Contains(it.Summary, "学校数据表缺少") {
			t.Errorf("%s = %s %q", id, it.Status, it.Summary)
		}
	}
	if res.Conclusion != Pending || res.Units[0].Status != Pending {
		t.Errorf("conclusion %s, unit %s", res.Conclusion, res.Units[0].Status)
	}
}

func TestFigureChecks(t *testing.T) {
	p := national(t)
	tests := []struct {
		name, id, from, to string
		want               Status
	}{
		{"G9 at 100%", "G9", "", "", Met},
		{"G9 at 99.9%", "G9", "training_completion_rate = 100", "training_completion_rate = 99.9", NotMet},
		{"G9 missing", "G9", "training_completion_rate = 100", "", Pending},
		{"G13 junior at 95%", "G13", "", "", Met},
		{"G13 junior at 94.9%", "G13", "nearby_junior_rate = 95", "nearby_junior_rate = 94.9", NotMet},
		{"G11 exactly 10%", "G11", "", "", Met},
		{"G11 below 10%", "G11", "rotated_teachers = 246", "rotated_teachers = 245", NotMet},
		{"G11 backbone 20% of rotated", "G11", "rotated_teachers = 246\nrotated_backbone_teachers = 50", "rotated_teachers = 250\nrotated_backbone_teachers = 50", Met},
		{"G11 backbone under 20%", "G11", "rotated_backbone_teachers = 50", "rotated_backbone_teachers = 49", NotMet},
		{"G11 no eligible teachers", "G11", "eligible_teachers = 2460\nrotated_teachers = 246\nrotated_backbone_teachers = 50", "eligible_teachers = 0\nrotated_teachers = 0\nrotated_backbone_teachers = 0", Pending},
		{"G8 salary equal", "G8", "", "", Met},
		{"G8 salary lower", "G8", "teacher_avg_salary = 100000", "teacher_avg_salary = 99999", NotMet},
		{"G8 performance pay not full", "G8", "performance_pay_full = true", "performance_pay_full = false", NotMet},
		{"Q9 difference 0.1499", "Q9", "", "", Met},
		{"Q9 difference exactly 0.15", "Q9", "school_difference_rate = 0.1499", "school_difference_rate = 0.15", NotMet},
		{"P3 follows Q9", "P3", "school_difference_rate = 0.1499", "school_difference_rate = 0.15", NotMet},
		{"G14 at 50%", "G14", "", "", Met},
		{"G14 at 49.9%", "G14", "quota_allocation_rate = 50", "quota_allocation_rate = 49.9", NotMet},
		{"P1 three years", "P1", "basic_balance_year = 2022", "basic_balance_year = 2022", Met},
		{"P1 two years", "P1", "basic_balance_year = 2022", "basic_balance_year = 2023", NotMet},
		{"V2 present", "V2", "illegal_school_choice = false", "illegal_school_choice = true", NotMet},
		{"V2 missing", "V2", "illegal_school_choice = false", "", Pending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var edits []string
			if tt.from != "" {
				edits = []string{tt.from, tt.to}
			}
			res := passingCounty(t, p, passingFigures(t, p, edits...))
			it, _ := res.Item(tt.id)
			if it.Status != tt.want {
				t.Errorf("%s = %s, want %s (%s)", tt.id, it.Status, tt.want, it.Summary)
			}
		})
	}
}

func TestSurvey(t *testing.T) {
	p := national(t)
	tests := []struct {
		name     string
		edits    []string
		want     Status
		warnings []string
	}{
		{"exactly 85%", nil, Met, nil},
		{"84.5%", []string{"approving = 170", "approving = 169"}, NotMet, nil},
		{"sample under 1.5‰", []string{"resident_population = 100000", "resident_population = 140000"}, Met, []string{"少于常住人口140000人的1.5‰（210份）"}},
		{"sample exactly 1.5‰", []string{"resident_population = 100000", "resident_population = 133333"}, Met, nil},
		{"parents under 50%", []string{"parents = 100", "parents = 99"}, Met, []string{"家长问卷占49.50%，低于50%"}},
		{"no population", []string{"resident_population = 100000", ""}, Met, []string{"未填写常住人口"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := passingCounty(t, p, passingFigures(t, p, tt.edits...))
			it, _ := res.Item("S1")
			if it.Status != tt.want || len(it.Warnings) != len(tt.warnings) {
				t.Fatalf("S1 = %s %v, want %s %v", it.Status, it.Warnings, tt.want, tt.warnings)
			}
			for i, w := range tt.warnings {
				if !strings.Contains(it.Warnings[i], w) {
					t.Errorf("warning %q, want %q", it.Warnings[i], w)
				}
			}
		})
	}
	res := passingCounty(t, p, passingFigures(t, p, "respondents = 200\napproving = 170\nparents = 100", ""))
	if it, _ := res.Item("S1"); it.Status != Pending {
		t.Errorf("S1 without a survey = %s", it.Status)
	}
	// A survey.csv whose rows are all 0 was summarised as "未提供社会认可度调查数据".
	res = passingCounty(t, p, passingFigures(t, p, "respondents = 200\napproving = 170\nparents = 100", "respondents = 0\napproving = 0\nparents = 0"))
	if it, _ := res.Item("S1"); it.Status != Pending || it.Summary != "有效问卷数为 0，无法计算社会认可度（请核对问卷数）" {
		t.Errorf("S1 with 0 questionnaires = %s, %q", it.Status, it.Summary)
	}
}

func TestHistoryCV(t *testing.T) {
	p := national(t)
	f := passingFigures(t, p)
	tests := []struct {
		name  string
		years []data.HistoryYear
		year  int
		want  Status
	}{
		{"at the limits", passingHistory().Years, 2025, Met},
		{"primary over 0.60", []data.HistoryYear{{Year: 2022, PrimaryCV: data.Num(0.601), JuniorCV: data.Num(0.5)}, {Year: 2023, PrimaryCV: data.Num(0.4), JuniorCV: data.Num(0.3)}, {Year: 2024, PrimaryCV: data.Num(0.4), JuniorCV: data.Num(0.3)}}, 2025, NotMet},
		{"junior over 0.50", []data.HistoryYear{{Year: 2022, PrimaryCV: data.Num(0.5), JuniorCV: data.Num(0.501)}, {Year: 2023, PrimaryCV: data.Num(0.4), JuniorCV: data.Num(0.3)}, {Year: 2024, PrimaryCV: data.Num(0.4), JuniorCV: data.Num(0.3)}}, 2025, NotMet},
		{"a year missing", passingHistory().Years[1:], 2025, Pending},
		{"no year set", passingHistory().Years, 0, Pending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, _ := data.ParseCSV(tableCSV(primaryAt, juniorAt), "data/schools.csv")
			res := Evaluate(Input{Profile: p, County: &data.County{Table: table, Figures: f, History: &data.History{Years: tt.years}}, Year: tt.year})
			it, _ := res.Item("P2")
			if it.Status != tt.want {
				t.Errorf("P2 = %s, want %s (%s)", it.Status, tt.want, it.Summary)
			}
		})
	}
}
