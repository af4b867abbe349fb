package report

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// relaxationTable lists the schools that meet a criterion only by a relaxation of 工作规程
// (国教督办函〔2019〕30号) 附件3, with the year by which each must meet the full standard; nil
// when none does. It follows the school-level tables, and every renderer shows it as it shows
// them (HTML page, PDF 附表, CSV/XLSX download).
func (r *Report) relaxationTable() *Table {
	res := r.res
	if len(res.Relaxations) == 0 {
		return nil
	}
	t := &Table{ID: "relaxations", Title: "按放宽口径评估的学校及达标期限",
		Columns: []Column{{Header: "学校代码"}, {Header: "学校（校区）"}, {Header: "指标"}, {Header: "放宽口径"}, {Header: "本校"},
			{Header: "按放宽口径"}, {Header: "规定标准"}, {Header: "须达到规定标准的年份", Short: "须达标\n年份", Numeric: true}}}
	var used []string
	for _, x := range res.Relaxations {
		item := x.Item
		if x.Level != "" {
			item = standard.Level(x.Level).Chinese() + item
		}
		deadline := text("文件未规定")
		switch {
		case x.Deadline > 0:
			deadline = numCell(strconv.Itoa(x.Deadline)+"年", float64(x.Deadline))
		case r.Profile.Relaxation(x.Relaxation).DeadlineYears > 0:
			deadline = text("认定年份未知")
		}
		t.Rows = append(t.Rows, []Cell{text(x.Code), {Text: x.Name, Ref: "school:" + x.Code}, {Text: item, Ref: "indicator:" + x.Item},
			text(r.Profile.Relaxation(x.Relaxation).Short), text(x.Value), text(x.Relaxed), text(x.Standard), deadline})
		if !slices.Contains(used, x.Relaxation) {
			used = append(used, x.Relaxation)
		}
	}
	t.Notes = append(t.Notes, "上列学校按《县域义务教育优质均衡发展国家督导评估认定工作规程》（国教督办函〔2019〕30号）附件3的放宽口径评估才达到相应标准；按规定标准评估已达到或按放宽口径仍未达到的学校不列入。")
	for _, id := range standard.RelaxationIDs {
		if !slices.Contains(used, id) {
			continue
		}
		rx := r.Profile.Relaxation(id)
		note := rx.Name + "：" + rx.Basis
		if w := rx.Window(); w != "" {
			note += "；本评估标准规定的适用期为" + w
		}
		if rx.DeadlineYears > 0 {
			note += fmt.Sprintf("；须在认定后%d年之内达到规定标准", rx.DeadlineYears)
		}
		t.Notes = append(t.Notes, note+"。")
	}
	switch {
	case res.RecognitionYear == 0:
		t.Notes = append(t.Notes, "未填写认定年份（county.toml [county] recognition_year）和评估年度（site.toml year），无法计算须达标年份。")
	case res.RecognitionYearAssumed:
		t.Notes = append(t.Notes, fmt.Sprintf("须达标年份 = 认定年份 + 年限；未填写认定年份（county.toml [county] recognition_year），按评估年度%d年计。", res.RecognitionYear))
	default:
		t.Notes = append(t.Notes, fmt.Sprintf("须达标年份 = 认定年份%d年 + 年限。", res.RecognitionYear))
	}
	return t
}

// relaxationItems lists the schools relying on a relaxation, one sentence each (the list
// "relaxations").
func (r *Report) relaxationItems() []Item {
	var out []Item
	for i := range r.res.Relaxations {
		out = append(out, r.relaxationItem(&r.res.Relaxations[i], true))
	}
	return out
}

// relaxationItem states one reliance: "示例县第一小学（G3，2016年及之前建成学校，专用教室按73、67平方米）：
// 音乐专用教室……；须在2028年之内达到规定标准". On the school's own page (named false) the school's
// name is left out and the item links to the indicator.
func (r *Report) relaxationItem(x *eval.Relied, named bool) Item {
	item := x.Item
	if x.Level != "" {
		item = standard.Level(x.Level).Chinese() + item
	}
	s := item + "，" + r.Profile.Relaxation(x.Relaxation).Short
	if named {
		s = x.Name + "（" + s + "）"
	}
	s += "：" + x.Detail
	if x.Deadline > 0 {
		s += fmt.Sprintf("；须在%d年之内达到规定标准", x.Deadline)
	}
	if named {
		return Item{Text: s, Ref: "school:" + x.Code}
	}
	return Item{Text: s, Ref: "indicator:" + x.Item}
}
