package claims

import (
	"testing"

	"github.com/youjun-edu/youjun/internal/standard"
)

// The facts of the example site, against figures checked by hand: county.toml's lines, the
// golden evaluation.json (internal/site/testdata) and sums of data/schools.csv taken with a
// spreadsheet.
func TestFactsExample(t *testing.T) {
	facts, _ := load(t, "../..")
	type key struct {
		id    string
		level standard.Level
		year  int
		src   string
	}
	want := map[key]struct {
		value float64
		shown string
	}{
		{"rate.retention", "", 2025, "data/county.toml 第60行（junior_retention_rate）"}:          {98.2, "98.2%"},
		{"people.population", "", 2025, "data/county.toml 第10行（resident_population）"}:         {410000, "410,000人"},
		{"people.rotated", "", 2025, "data/county.toml 第42行（rotated_teachers）"}:               {246, "246人"},
		{"rate.rotated", "", 2025, "由 data/county.toml 计算"}:                                   {11.10609480812641, "11.11%"},
		{"rate.nearby", standard.Junior, 2025, "data/county.toml 第47行（nearby_junior_rate）"}:   {97.8, "97.8%"},
		{"rate.certified", "", 2025, "由学校数据表（data/schools.csv）计算"}:                            {100, "100%"},
		{"rate.approval", "", 2025, "由 data/survey.csv 计算"}:                                   {91.47909967845659, "91.48%"},
		{"cv.R5", standard.Primary, 2025, "由学校数据表（data/schools.csv）计算"}:                       {0.4968990624610581, "0.497"},
		{"cv.R7", standard.Junior, 2025, "由学校数据表（data/schools.csv）计算"}:                        {0.3021370321584002, "0.302"},
		{"value.R6", standard.Primary, 2025, "由学校数据表（data/schools.csv）计算"}:                    {3419.9661201438175, "3,419.97元"},
		{"cv.composite", standard.Primary, 2025, "由学校数据表（data/schools.csv）计算"}:                {0.2670091439689812, "0.267"},
		{"cv.composite", standard.Junior, 2024, "data/history/基本均衡综合差异系数.csv 第4行"}:            {0.307, "0.307"},
		{"count.schools", "", 2025, "由学校数据表（data/schools.csv）计算"}:                             {82, "82所"},
		{"count.units", standard.Primary, 2025, "由学校数据表（data/schools.csv）计算"}:                 {62, "62所"},
		{"count.passing", standard.Junior, 2025, "由学校数据表（data/schools.csv）计算"}:                {19, "19所"},
		{"count.students", standard.Primary, 2025, "由学校数据表（data/schools.csv）计算（参与资源配置评估的学校）"}: {29673, "29,673人"},
		{"count.students", standard.Primary, 2025, "由学校数据表（data/schools.csv）计算（全部学校）"}:        {29934, "29,934人"},
		{"count.students", "", 2025, "由学校数据表（data/schools.csv）计算（全部学校）"}:                      {43672, "43,672人"},
		{"count.teachers", "", 2025, "由学校数据表（data/schools.csv）计算（义务教育学校）"}:                    {3231, "3,231人"},
		{"count.teachers", "", 2025, "由学校数据表（data/schools.csv）计算（全部学校）"}:                      {3317, "3,317人"},
		{"ratio.students_teachers", "", 2025, "由学校数据表（data/schools.csv）计算（义务教育学校）"}:           {43672.0 / 3231, "13.52∶1"},
		{"copies.samples", "", 2025, "data/survey.csv"}:                                       {622, "622份"},
	}
	got := map[key]Fact{}
	for _, f := range facts {
		k := key{f.ID, f.Level, f.Year, f.Source}
		if _, dup := got[k]; dup {
			t.Errorf("two facts %v", k)
		}
		got[k] = f
		if len(f.Keywords) == 0 || f.Quantity == "" {
			t.Errorf("%v: no keywords or name", k)
		}
	}
	for k, w := range want {
		f, ok := got[k]
		if !ok {
			t.Errorf("no fact %v", k)
			continue
		}
		if f.Value != w.value || f.Shown != w.shown {
			t.Errorf("%v = %v (%s), want %v (%s)", k, f.Value, f.Shown, w.value, w.shown)
		}
	}
}

// Facts of nothing are none; undefined figures are left out.
func TestFactsEmpty(t *testing.T) {
	if fs := Facts(nil, nil); len(fs) != 0 {
		t.Errorf("%d facts of nothing", len(fs))
	}
}
