package report

import (
	"strings"
	"testing"
)

// An item judged as another (same_as) is known by the profile, not by its summary's wording;
// an item whose own summary begins with 同 is not taken for one.
func TestIndicatorSource(t *testing.T) {
	r := exampleReport(t)
	if got := r.IndicatorView("P3").Source; got != "同所引用的指标" {
		t.Errorf("P3 (same_as Q9): source %q", got)
	}
	for i := range r.res.Items {
		if r.res.Items[i].ID == "G1" {
			r.res.Items[i].Summary = "同比增长：" + r.res.Items[i].Summary
		}
	}
	if got := r.IndicatorView("G1").Source; got != "data/county.toml 的 [G1] 一节" {
		t.Errorf("G1 with a summary beginning 同: source %q", got)
	}
}

// The overview's sentence names what fails by the dimension's ID, so a profile that calls the
// veto dimension 一票否决 reads 存在1项一票否决事项.
func TestSentenceByDimensionID(t *testing.T) {
	r := exampleReport(t)
	r.res.Conclusion = NotMet
	rows := []DimensionRow{
		{ID: "units", Name: "资源配置（学校）", NotMet: 2},
		{ID: "cv", Name: "资源配置（差异系数）", NotMet: 1},
		{ID: "veto", Name: "一票否决", NotMet: 1},
		{ID: "eligibility", Name: "申报条件", NotMet: 3},
		{ID: "quality", Name: "教育质量", NotMet: 1},
	}
	want := "2所学校（校区）资源配置未达到要求；1项差异系数超过上限；存在1项一票否决事项；教育质量1项未达到。"
	if got := r.sentence(rows); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	rows[2].Name = "不予认定事项"
	if got := r.sentence(rows); !strings.Contains(got, "存在1项不予认定事项；") {
		t.Errorf("national veto: %s", got)
	}
}

// The labels follow the profile's numbers.
func TestLabels(t *testing.T) {
	r := exampleReport(t)
	p := *r.Profile
	p.Resource.FloorRatio = 0.9
	p.Resource.MinTeachingPointStudents = 30
	lb := labels(&p)
	if lb.Floor != "90%" || lb.FloorHeader != "90%下限" || lb.BelowFloor != "低于标准的90%" ||
		!strings.HasSuffix(lb.Excluded, "不足30人教学点") || lb.Indicators != "七项" {
		t.Errorf("labels %+v", lb)
	}
	for n, want := range map[int]string{0: "零", 7: "七", 10: "十", 12: "十二", 20: "二十", 35: "三十五", 100: "100"} {
		if got := ChineseNumber(n); got != want {
			t.Errorf("ChineseNumber(%d) = %q, want %q", n, got, want)
		}
	}
}
