package resolve_test

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/resolve"
)

// Chapters 四 and 五 cite the 整改清单: its totals as values, its entries as the list "plan".
func TestPlanShortcodes(t *testing.T) {
	p, probs := build.Prepare(build.Options{Site: "../.."}, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	rep := p.Input.Report
	src := `+++
title = "五、下一步工作"
+++

计划新增教师{{< value "plan.total.teachers" >}}人、体育运动场馆{{< value "plan.total.sports_area" >}}平方米、` +
		`设备{{< value "plan.total.equipment" >}}万元，涉及{{< value "plan.schools" >}}所学校{{< value "plan.actions" >}}项措施；` +
		`估算资金：{{< value "plan.total.cost" >}}；完成年份：{{< value "plan.year" >}}。

{{< list "plan" >}}
`
	d, dp := content.Parse("content/05.md", []byte(src), content.Markdown())
	if dp.Err() != nil {
		t.Fatal(dp)
	}
	m, rp := resolve.Docs([]*content.Doc{d}, rep, nil)
	if rp.Err() != nil {
		t.Fatal(rp)
	}
	want := []string{"4", "4,855", "4.5", "7", "9", "单价未设，无法估算", "未设"}
	var got []string
	var list []string
	for _, sc := range d.Shortcodes {
		r := m[sc]
		if r.IsList {
			for _, it := range r.List {
				list = append(list, it.Text)
			}
			continue
		}
		got = append(got, r.Text)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("values %q, want %q", got, want)
	}
	// One entry per school, in the table's order, each naming what it adds.
	wantList := []string{
		"示例县第一小学：新建或改扩建体育运动场馆1平方米（R5）",
		"示例县第二小学：新建或改扩建体育运动场馆582平方米（R5）",
		"示例县第三小学：新建或改扩建体育运动场馆402平方米（R5）；新建或改扩建体育运动场馆3072平方米（R5）",
	}
	if len(list) < len(wantList) {
		t.Fatalf("list plan: %q", list)
	}
	for i, w := range wantList {
		if list[i] != w {
			t.Errorf("list plan[%d] = %q, want %q", i, list[i], w)
		}
	}
	if !strings.Contains(strings.Join(list, "\n"), "白杨镇初级中学：购置教学仪器设备4.5万元（R6）；估算资金4.50万元") {
		t.Errorf("list plan lacks 白杨镇初级中学's equipment with its cost: %q", list)
	}
}
