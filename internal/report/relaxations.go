package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/standard"
)

// relaxationTable lists the schools that meet a criterion only by a relaxation of 工作规程
// (国教督办函〔2019〕30号) 附件3, with the year by which each must meet the full standard; nil
// when none does. It follows the school-level tables, and every renderer shows it as it shows
// them (HTML page, PDF 附表, CSV/XLSX download).
//
// It prints as a list on portrait pages, one line a row: the rows are grouped by relaxation,
// each relaxation is explained once in a note (its text, the unit of its figures and its
// deadline) and marked ①② after the indicator, and the figures go without their unit. The
// downloads give the same rows in full (Download): with the school's code, the relaxation's
// short name and the units.
func (r *Report) relaxationTable() *Table {
	res := r.res
	if len(res.Relaxations) == 0 {
		return nil
	}
	t := &Table{ID: "relaxations", Title: "按放宽口径评估的学校及达标期限",
		Columns: []Column{{Header: "学校（校区）"}, {Header: "指标"}, {Header: "本校"},
			{Header: "按放宽口径／规定标准"}, {Header: "须达到规定标准的年份", Short: "须达标\n年份", Numeric: true}}}
	full := &Table{Columns: []Column{{Header: "学校代码"}, {Header: "学校（校区）"}, {Header: "指标"}, {Header: "放宽口径"},
		{Header: "本校"}, {Header: "按放宽口径"}, {Header: "规定标准"}, {Header: "须达到规定标准的年份", Numeric: true}}}
	t.Download = full
	const intro = "上列学校按《县域义务教育优质均衡发展国家督导评估认定工作规程》（国教督办函〔2019〕30号）附件3的放宽口径评估才达到相应标准；按规定标准评估已达到或按放宽口径仍未达到的学校不列入。"
	t.Notes = []string{intro + "指标后的序号对应下列放宽口径。"}
	full.Notes = []string{intro}
	n := 0
	for _, id := range standard.RelaxationIDs {
		var rows []*eval.Relied
		for i := range res.Relaxations {
			if res.Relaxations[i].Relaxation == id {
				rows = append(rows, &res.Relaxations[i])
			}
		}
		if len(rows) == 0 {
			continue
		}
		mark := string(rune('①' + n))
		n++
		unit := commonUnit(rows)
		for _, x := range rows {
			t.Rows = append(t.Rows, r.relaxationRow(x, mark, unit))
			full.Rows = append(full.Rows, r.relaxationFullRow(x))
		}
		t.Notes = append(t.Notes, r.relaxationNote(id, mark, unit))
		full.Notes = append(full.Notes, r.relaxationNote(id, "", ""))
	}
	var years string
	switch {
	case res.RecognitionYear == 0:
		years = "未填写认定年份（county.toml [county] recognition_year）和评估年度（site.toml year），无法计算须达标年份。"
	case res.RecognitionYearAssumed:
		years = fmt.Sprintf("须达标年份 = 认定年份 + 年限；未填写认定年份（county.toml [county] recognition_year），按评估年度%d年计。", res.RecognitionYear)
	default:
		years = fmt.Sprintf("须达标年份 = 认定年份%d年 + 年限。", res.RecognitionYear)
	}
	t.Notes = append(t.Notes, years)
	full.Notes = append(full.Notes, years)
	return t
}

// relaxationRow is one school relying on the relaxation marked mark; its figures lose unit,
// which the relaxation's note states.
func (r *Report) relaxationRow(x *eval.Relied, mark, unit string) []Cell {
	item := x.Item
	if x.Level != "" {
		item = standard.Level(x.Level).Chinese() + item
	}
	deadline := text("未规定")
	switch {
	case x.Deadline > 0:
		deadline = numCell(strconv.Itoa(x.Deadline)+"年", float64(x.Deadline))
	case r.Profile.Relaxation(x.Relaxation).DeadlineYears > 0:
		deadline = text("未知")
	}
	return []Cell{{Text: x.Name, Ref: "school:" + x.Code}, {Text: item + mark, Ref: "indicator:" + x.Item},
		text(dropUnit(x.Value, unit)), text(dropUnit(x.Relaxed, unit) + "／" + dropUnit(x.Standard, unit)), deadline}
}

// relaxationFullRow is one school relying on a relaxation as the downloads give it: with its
// code, the relaxation's short name and the figures with their units.
func (r *Report) relaxationFullRow(x *eval.Relied) []Cell {
	row := r.relaxationRow(x, "", "")
	return []Cell{text(x.Code), row[0], row[1], text(r.Profile.Relaxation(x.Relaxation).Short),
		text(x.Value), text(x.Relaxed), text(x.Standard), row[4]}
}

// relaxationNote explains the relaxation marked mark once: what it allows, the text that grants
// it, when it applies, the unit of the figures in its rows and its deadline.
func (r *Report) relaxationNote(id, mark, unit string) string {
	rx := r.Profile.Relaxation(id)
	note := mark + rx.Name + "：" + rx.Basis
	if w := rx.Window(); w != "" {
		note += "；本评估标准规定的适用期为" + w
	}
	if rx.DeadlineYears > 0 {
		note += fmt.Sprintf("；须在认定后%d年之内达到规定标准", rx.DeadlineYears)
	}
	if unit != "" {
		note += "。表中数值单位为" + unit
	}
	return note + "。"
}

// commonUnit is the unit that ends the full criterion of every row (平方米 in "96、90平方米",
// 人 in "0.9人"), or "" when the rows differ or a criterion has none: then the rows keep their units.
func commonUnit(rows []*eval.Relied) string {
	unit := ""
	for i, x := range rows {
		rs := []rune(x.Standard)
		k := len(rs)
		for k > 0 && !unicode.IsDigit(rs[k-1]) {
			k--
		}
		u := string(rs[k:])
		if u == "" || k == 0 || (i > 0 && u != unit) {
			return ""
		}
		unit = u
	}
	return unit
}

// dropUnit removes unit where it follows a digit: "音乐82.4、美术84.1平方米" → "音乐82.4、美术84.1",
// "8.05平方米（不计入为6.8平方米）" → "8.05（不计入为6.8）".
func dropUnit(s, unit string) string {
	if unit == "" {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, unit)
		if i < 0 {
			break
		}
		last, _ := utf8.DecodeLastRuneInString(s[:i])
		if i == 0 || !unicode.IsDigit(last) {
			b.WriteString(s[:i+len(unit)])
		} else {
			b.WriteString(s[:i])
		}
		s = s[i+len(unit):]
	}
	b.WriteString(s)
	return b.String()
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
