package eval

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

// row is one school of a test table, by column key.
type row map[string]string

// with returns a copy of r with the given key/value pairs changed ("" blanks a cell).
func (r row) with(kv ...string) row {
	out := row{}
	for k, v := range r {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// primaryAt is a 1000-pupil primary school exactly at every threshold (4.2, 1.0, 0.9, 4.5, 7.5,
// 2000, 2.3) and meeting every G rule.
var primaryAt = row{
	"code": "P1", "name": "标准小学", "type": "小学", "ownership": "公办", "area": "城区", "boarding": "否",
	"built_year": "2018", "primary_students": "1000", "migrant_students": "100",
	"primary_classes": "24", "primary_max_class": "45",
	"primary_qualified_teachers": "42", "primary_backbone_teachers": "10", "primary_pe_art_teachers": "9",
	"teachers": "60", "certified_teachers": "60",
	"teaching_area": "4500", "sports_area": "7500", "equipment_value": "200", "multimedia_rooms": "23",
	"music_rooms": "2", "music_room_min_area": "96", "art_rooms": "2", "art_room_min_area": "90",
	"funded_students": "1000", "public_fund_budget": "70", "training_fund": "3.5",
}

// juniorAt is a 1000-pupil junior school exactly at every threshold (5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4).
var juniorAt = row{
	"code": "J1", "name": "标准初中", "type": "初级中学", "ownership": "公办", "area": "城区", "boarding": "否",
	"built_year": "2018", "junior_students": "1000", "migrant_students": "100",
	"junior_classes": "20", "junior_max_class": "50",
	"junior_qualified_teachers": "53", "junior_backbone_teachers": "10", "junior_pe_art_teachers": "9",
	"teachers": "80", "certified_teachers": "80",
	"teaching_area": "5800", "sports_area": "10200", "equipment_value": "250", "multimedia_rooms": "24",
	"music_rooms": "2", "music_room_min_area": "96", "art_rooms": "2", "art_room_min_area": "90",
	"funded_students": "1000", "public_fund_budget": "90", "training_fund": "4.5",
}

// tableCSV writes rows as a CSV with every column of the school table, headed by English keys.
func tableCSV(rows ...row) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	var header []string
	for _, c := range data.Columns {
		if c.Key != "equipment_value_yuan" {
			header = append(header, c.Key)
		}
	}
	w.Write(header)
	for _, r := range rows {
		rec := make([]string, len(header))
		for i, k := range header {
			rec[i] = r[k]
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

func national(t testing.TB) *standard.Profile {
	t.Helper()
	p, err := standard.Load(standard.Default)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// passingFigures returns testdata/county.toml with edits applied: each edit replaces a line.
func passingFigures(t testing.TB, p *standard.Profile, edits ...string) *data.Figures {
	t.Helper()
	src, err := os.ReadFile("testdata/county.toml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(s, edits[i]) {
			t.Fatalf("fixture has no %q", edits[i])
		}
		s = strings.Replace(s, edits[i], edits[i+1], 1)
	}
	f, probs := data.ParseFigures([]byte(s), "data/county.toml", p)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return f
}

// passingHistory is three years of basic-balance CVs within the limits, for 2025.
func passingHistory() *data.History {
	return &data.History{Years: []data.HistoryYear{
		{Year: 2022, PrimaryCV: data.Num(0.6), JuniorCV: data.Num(0.5)},
		{Year: 2023, PrimaryCV: data.Num(0.4), JuniorCV: data.Num(0.3)},
		{Year: 2024, PrimaryCV: data.Num(0.4), JuniorCV: data.Num(0.3)},
	}}
}

// evaluate runs the evaluation of rows with the given figures (nil: none) for the year 2025.
func evaluate(t testing.TB, p *standard.Profile, figures *data.Figures, rows ...row) *Result {
	t.Helper()
	table, probs := data.ParseCSV(tableCSV(rows...), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	c := &data.County{Table: table, Figures: figures, History: passingHistory()}
	if e := figures.Entry("S1"); e != nil {
		c.Survey = &data.Survey{Samples: e.Numbers["respondents"], Approving: e.Numbers["approving"], Parents: e.Numbers["parents"], HasParents: true}
	}
	return Evaluate(Input{Profile: p, County: c, Name: "测试县", Year: 2025})
}

// passingCounty evaluates two primary and two junior schools at the thresholds with passing figures.
func passingCounty(t testing.TB, p *standard.Profile, figures *data.Figures, extra ...row) *Result {
	rows := []row{primaryAt, primaryAt.with("code", "P2", "name", "标准二小"), juniorAt, juniorAt.with("code", "J2", "name", "标准二中")}
	return evaluate(t, p, figures, append(rows, extra...)...)
}
