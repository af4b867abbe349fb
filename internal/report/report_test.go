package report

import (
	"math"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/site"
)

func TestFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{Count(29673), "29,673"},
		{Count(999), "999"},
		{Count(1234567), "1,234,567"},
		{Amount(eval.Opt{V: 3419.9713, OK: true}), "3,419.97"},
		{Amount(eval.Opt{}), "—"},
		{CV(eval.Opt{V: 0.49689, OK: true}), "0.497"},
		{CV(eval.Opt{V: 0.49951, OK: true}), "0.500"},
		{Number(4.2), "4.2"},
		{Number(0.85 * 7.5), "6.375"},
		{Number(0.85 * 4.2), "3.57"},
		{Number(2000), "2000"},
		{Percent(91.479), "91.48%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func exampleReport(t *testing.T) *Report {
	s, probs := site.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	return New(s.Evaluate(), s.Profile, s.County)
}

func TestValues(t *testing.T) {
	r := exampleReport(t)
	for key, want := range map[string]string{
		"resource.primary.R5.cv":            "0.497",
		"resource.primary.R5.cv_status":     "达到（临界）",
		"resource.primary.R1.value":         "6.07",
		"resource.primary.units":            "62",
		"resource.junior.units_failing":     "2",
		"items.G3.status":                   "未达到",
		"items.S1.approval_rate":            "91.48%",
		"items.G9.training_completion_rate": "100%",
		"items.V1.exam_admission":           "否",
		"survey.samples":                    "622",
		"conclusion":                        "未达到",
	} {
		got, err := r.Value(key)
		if err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", key, got, err, want)
		}
	}
	_, err := r.Value("resource.primary.R5.vc")
	if err == nil || !strings.Contains(err.Error(), "是否为「resource.primary.R5.cv」") {
		t.Errorf("unknown key: %v", err)
	}
}

func TestTablesAndLists(t *testing.T) {
	r := exampleReport(t)
	rp, ok := r.Table("resource-primary")
	if !ok {
		t.Fatal("no table resource-primary")
	}
	if len(rp.Rows) != 62 || len(rp.Columns) != 12 {
		t.Fatalf("resource-primary: %d rows, %d columns; want 62, 12", len(rp.Rows), len(rp.Columns))
	}
	failing := 0
	for _, row := range rp.Rows {
		for _, c := range row {
			if c.Fail {
				failing++
			}
		}
	}
	if failing == 0 {
		t.Error("no failing cell is marked")
	}
	if !strings.HasPrefix(rp.Title, "附表1 ") {
		t.Errorf("title %q", rp.Title)
	}
	seen := map[string]bool{}
	for _, id := range r.TableIDs() {
		if seen[id] {
			t.Errorf("two tables are named %s", id)
		}
		seen[id] = true
	}
	if !seen["survey-groups"] {
		t.Error("no survey-groups table")
	}
	if l, err := r.List("G3"); err != nil || len(l) != 1 || l[0].Ref != "school:3612340012" {
		t.Errorf("G3 list %v %v", l, err)
	}
	if _, err := r.List("failuers"); err == nil || !strings.Contains(err.Error(), "是否为「failures」") {
		t.Errorf("unknown list: %v", err)
	}
}

// Every formatter is total: what is not a finite number reads 无法计算 (a number that should
// exist) or — (nothing to compute), and an absurdly large one is not hundreds of digits long.
func TestFormatsNotFinite(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	bad := eval.Opt{Reason: eval.Overflow}
	tests := []struct{ got, want string }{
		{Count(nan), "无法计算"},
		{Count(inf), "无法计算"},
		{Count(-inf), "无法计算"},
		{Amount(bad), "无法计算"},
		{Amount(eval.Opt{V: inf, OK: true}), "无法计算"},
		{Amount(eval.Opt{}), "—"},
		{CV(bad), "无法计算"},
		{CV(eval.Opt{V: nan, OK: true}), "无法计算"},
		{Number(nan), "无法计算"},
		{Percent(inf), "无法计算"},
		{UnitValue(inf), "无法计算"},
		{CheckValue(eval.Check{Value: bad}), "无法计算"},
		{CheckValue(eval.Check{}), "未提供"},
		{Number(1e300), "1.00e+300"},
		{Amount(eval.Opt{V: 7.08e295, OK: true}), "7.08e+295"},
		{Count(123456789012345), "123,456,789,012,345"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if c := numCell("x", inf); c.Value != nil || c.Text != eval.NotComputable {
		t.Errorf("numCell(Inf) = %+v", c)
	}
}
