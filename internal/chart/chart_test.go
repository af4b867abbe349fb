package chart

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/standard"
)

func result() *eval.Result {
	res := &eval.Result{}
	res.Resource.Primary = eval.Level{Units: 3, CVLimit: 0.5, Indicators: []eval.Indicator{
		{ID: "R1", Name: "每百名学生拥有高于规定学历教师数", Threshold: 4.2, Floor: 3.57, Value: eval.Opt{V: 5, OK: true}, CV: eval.Opt{V: 0.2, OK: true}, CVLimit: 0.5, CVStatus: eval.Met, UnitsMeeting: 3},
		{ID: "R5", Name: "生均体育运动场馆面积", Threshold: 7.5, Floor: 6.375, Value: eval.Opt{V: 7, OK: true}, CV: eval.Opt{V: 0.498, OK: true}, CVLimit: 0.5, CVStatus: eval.Met, CVCritical: true, UnitsMeeting: 1, UnitsBelowFloor: 1},
	}}
	res.Resource.Junior = eval.Level{CVLimit: 0.45, Indicators: []eval.Indicator{
		{ID: "R1", CV: eval.Opt{V: 0.46, OK: true}, CVLimit: 0.45, CVStatus: eval.NotMet},
		{ID: "R5", CV: eval.Opt{V: 0.1, OK: true}, CVLimit: 0.45, CVStatus: eval.Met},
	}}
	return res
}

func TestCVChart(t *testing.T) {
	res := result()
	c := CV(res, report.Labels{Indicators: "七项"}, standard.Primary)
	if c.ID != "cv-primary" || len(c.Categories) != 2 || c.Series[0].Values[1] != 0.498 || !c.Series[0].Warn[1] || c.Series[0].Fail[1] {
		t.Errorf("primary CV chart %+v", c)
	}
	if !strings.Contains(c.Alt, "R5接近上限（临界）") || c.Lines[0].Value != 0.5 {
		t.Errorf("alt %q lines %v", c.Alt, c.Lines)
	}
	j := CV(res, report.Labels{Indicators: "七项"}, standard.Junior)
	if !j.Series[0].Fail[0] || !strings.Contains(j.Alt, "超过上限的有R1") {
		t.Errorf("junior CV chart %+v", j)
	}
	m := Meeting(res, report.Labels{Indicators: "七项"}, standard.Primary)
	if got := []float64{m.Series[0].Values[1], m.Series[1].Values[1], m.Series[2].Values[1]}; got[0] != 1 || got[1] != 1 || got[2] != 1 {
		t.Errorf("meeting R5 = %v, want 1 met, 1 short, 1 below floor", got)
	}
}

func TestEChartsOptions(t *testing.T) {
	c := &Chart{ID: "dist-primary-R5", Title: "小学R5", Kind: Bar, Decimals: 2,
		Categories: []string{"</script><script>alert(1)</script>", "乙"},
		Series:     []Series{{Name: "值", Values: []float64{8.123456, 6.1}, Fail: []bool{false, true}}},
		Lines:      []Line{{Name: "标准 7.5", Value: 7.5}, {Name: "85% 6.375", Value: 6.375, Dashed: true}}}
	b, err := c.ECharts()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Contains(s, "</script>") || !strings.Contains(s, `\u003c/script\u003e`) {
		t.Errorf("the category is not escaped: %s", s)
	}
	var opt map[string]any
	if err := json.Unmarshal(b, &opt); err != nil {
		t.Fatal(err)
	}
	series := opt["series"].([]any)[0].(map[string]any)
	data := series["data"].([]any)
	if data[0].(map[string]any)["value"] != 8.12 {
		t.Errorf("values are not rounded to the decimals shown: %v", data[0])
	}
	if _, red := data[1].(map[string]any)["itemStyle"]; !red {
		t.Error("a failing bar is not styled")
	}
	lines := series["markLine"].(map[string]any)["data"].([]any)
	if len(lines) != 2 || lines[1].(map[string]any)["lineStyle"].(map[string]any)["type"] != "dashed" {
		t.Errorf("mark lines %v", lines)
	}
	again, _ := c.ECharts()
	if string(again) != s {
		t.Error("options differ between two calls")
	}
}

func TestNiceCeil(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{{0.55, 0.55}, {0.56, 0.6}, {0.495, 0.5}, {11.2, 15}, {0.5, 0.5}} {
		if got := niceCeil(tt.in); got != tt.want {
			t.Errorf("niceCeil(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
