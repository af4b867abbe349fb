package eval

import (
	"strings"
	"testing"
)

// A unit below its floor is told the floor with every digit: 85% of 2.3 is 1.955 (the float64
// product 1.9549999999999998 rounded to two decimals would say 1.95), of 7.5 is 6.375, of 10.2 is 8.67.
func TestFloorDigits(t *testing.T) {
	tests := []struct {
		name string
		s    row
		want string
	}{
		{"R7 primary", primaryAt.with("multimedia_rooms", "19"), "R7 每百名学生拥有网络多媒体教室数 1.9间，低于标准2.3间的85%（1.955间）"},
		{"R5 primary", primaryAt.with("sports_area", "6000"), "R5 生均体育运动场馆面积 6平方米，低于标准7.5平方米的85%（6.375平方米）"},
		{"R5 junior", juniorAt.with("sports_area", "8000"), "R5 生均体育运动场馆面积 8平方米，低于标准10.2平方米的85%（8.67平方米）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := evaluate(t, national(t), nil, tt.s.with("code", "T", "name", "被测学校"))
			var got []string
			for _, f := range res.Failures {
				if f.Kind == FindingUnit {
					got = append(got, f.Message)
				}
			}
			if len(got) != 1 || !strings.Contains(got[0], tt.want) {
				t.Errorf("unit findings %q, want one containing %q", got, tt.want)
			}
		})
	}
}

// G4's 随迁子女 share is over the compulsory pupils (小学 + 初中), not over all pupils: a 完全中学
// of 2100 初中 and 1000 高中 pupils with 1051 随迁子女 has 50.05% and is judged by 2400.
func TestMigrantShareOverCompulsoryPupils(t *testing.T) {
	full := juniorAt.with("type", "完全中学", "junior_students", "2100", "senior_students", "1000", "junior_classes", "42", "music_rooms", "4", "art_rooms", "4")
	tests := []struct {
		name     string
		migrants string
		want     Status
	}{
		{"1051 of 2100: over half", "1051", Met},
		{"1050 of 2100: exactly half", "1050", NotMet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if it := itemOf(t, "G4", full.with("migrant_students", tt.migrants)); it.Status != tt.want {
				t.Errorf("G4 = %s, want %s (%v)", it.Status, tt.want, it.Schools)
			}
		})
	}
}

// County.toml reports 民办 pupils: a table without a 民办 school is warned about, at the key.
func TestPrivatePupilsWithoutPrivateSchool(t *testing.T) {
	const key = "resident_population = 100000"
	tests := []struct {
		name    string
		edit    string
		private bool // one of the schools is 民办
		want    int  // warnings about 民办
	}{
		{"no figure", key, false, 0},
		{"0 民办 pupils", key + "\nprivate_students = 0", false, 0},
		{"1 民办 pupil, no 民办 school", key + "\nprivate_students = 1", false, 1},
		{"民办 pupils and a 民办 school", key + "\nprivate_students = 850", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := national(t)
			extra := primaryAt.with("code", "M", "name", "民办小学")
			if tt.private {
				extra = extra.with("ownership", "民办")
			}
			res := passingCounty(t, p, passingFigures(t, p, key, tt.edit), extra)
			var got []string
			for _, w := range res.TableWarnings() {
				if strings.Contains(w.Message, "民办") {
					got = append(got, w.String())
				}
			}
			if len(got) != tt.want {
				t.Fatalf("warnings %q, want %d", got, tt.want)
			}
			if tt.want == 1 && !strings.Contains(got[0], "data/county.toml") || tt.want == 1 && !strings.Contains(got[0], "county.private_students") {
				t.Errorf("warning %q does not point at county.private_students", got[0])
			}
		})
	}
}

// Q4 is judged on the budget; the 决算, where given, is shown and warned about, never decides.
func TestTrainingFundsBudgetAndFinal(t *testing.T) {
	tests := []struct {
		name           string
		s              row
		want           Status
		warnings       int
		summary, first string // in the item's summary; in the tested school's detail or warning
	}{
		{"budget 5%, no 决算", primaryAt, Met, 0, "应评估5所，达到5所", ""},
		{"budget 4.99%", primaryAt.with("training_fund", "3.493"), NotMet, 0, "未达到1所", "占公用经费预算70万元的4.99%，低于5%"},
		{"budget 5%, 决算 5%", primaryAt.with("public_fund_final", "90", "training_fund_final", "4.5"), Met, 0, "（按预算判定；填报决算1所）", ""},
		{"budget 5%, 决算 4.99%", primaryAt.with("public_fund_final", "90", "training_fund_final", "4.49"), Met, 1,
			"（按预算判定；填报决算1所，决算比例低于5%的1所）", "被测学校：决算：教师培训经费4.49万元，占公用经费决算90万元的4.99%（低于5%）（本项以预算判定）"},
		{"budget 4.99%, 决算 6%", primaryAt.with("training_fund", "3.493", "public_fund_final", "100", "training_fund_final", "6"), NotMet, 0,
			"未达到1所", "低于5%；决算：教师培训经费6万元，占公用经费决算100万元的6.00%"},
		{"决算 public 0", primaryAt.with("public_fund_final", "0", "training_fund_final", "0"), Met, 0, "填报决算1所）", ""},
		{"only one 决算 cell", primaryAt.with("training_fund_final", "1"), Met, 0, "应评估5所，达到5所", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := itemOf(t, "Q4", tt.s)
			if it.Status != tt.want || len(it.Warnings) != tt.warnings || !strings.Contains(it.Summary, tt.summary) {
				t.Fatalf("Q4 = %s, %q, warnings %q", it.Status, it.Summary, it.Warnings)
			}
			if tt.first == "" {
				return
			}
			got := ""
			if len(it.Warnings) > 0 {
				got = it.Warnings[0]
			} else if len(it.Schools) > 0 {
				got = it.Schools[0].Detail
			}
			if !strings.Contains(got, tt.first) {
				t.Errorf("got %q, want %q", got, tt.first)
			}
		})
	}
	if it := itemOf(t, "Q4", primaryAt); strings.Contains(it.Summary, "决算") {
		t.Errorf("without 决算 the summary is unchanged: %q", it.Summary)
	}
}
