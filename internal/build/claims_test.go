package build

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/diag"
)

// Issue 15: check lists the figures typed in a chapter that contradict the data, as warnings
// with file, line, column and the figure; the example's own chapters give none.
func TestClaimWarnings(t *testing.T) {
	dir := chapterSite(t, "07-x.md", "+++\ntitle = \"七、补充说明\"\norder = 7\n+++\n\n"+
		"全县初中三年巩固率达到98.2%，残疾儿童少年入学率达到96%。\n\n"+
		"小学综合差异系数为{{< value \"resource.primary.composite_cv\" >}}，初中综合差异系数为0.21。\n")
	res, probs := Run(Options{Site: dir, DryRun: true, Only: "html"})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	var got diag.List
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.File, "content/") && strings.Contains(w.Message, "正文写") {
			got = append(got, w)
		}
	}
	want := []string{
		`content/07-x.md 第6行「第29列」: "96%" 正文写“残疾儿童少年入学率达到96%”，与残疾儿童少年入学率不符：data/county.toml 第63行（disabled_enrolment_rate）的数值为 96.5%，按正文所写的位数四舍五入应为 97%`,
		`content/07-x.md 第8行「第65列」: "0.21" 正文写“初中综合差异系数为0.21”，与初中综合差异系数不符：由学校数据表（data/schools.csv）计算的数值为 0.196，按正文所写的位数四舍五入应为 0.20`,
	}
	if len(got) != len(want) {
		t.Fatalf("%d warnings about figures, want %d:\n%v", len(got), len(want), got)
	}
	for i, w := range got {
		if !w.Warning || w.String() != want[i] {
			t.Errorf("warning %d:\n got %s\nwant %s", i, w.String(), want[i])
		}
	}
}
