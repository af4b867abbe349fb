// Package summary writes an evaluation result as the terminal summary of `youjun eval`: the
// verdict first, then what fails and what lacks data, then the tables, in aligned columns that
// count a Chinese character as two cells.
package summary

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/youjun-edu/youjun/internal/report"
)

// Write prints the report's evaluation to w. title names what was evaluated. Numbers read as on
// the site and in the PDF: report's formatters are the only ones.
func Write(w io.Writer, r *report.Report, title string) error {
	p := &printer{w: w}
	h := r.Heading()
	year := ""
	if h.Year > 0 {
		year = fmt.Sprintf("，%d年度", h.Year)
	}
	p.line("%s 县域义务教育优质均衡发展评估（%s %s%s）", title, h.ProfileName, h.ProfileID, year)
	p.line("")
	p.line("结论：%s", verdict(r.Conclusion()))
	p.line("申报条件：%s", r.Eligibility())
	if b := r.BSummary(); b != nil {
		total := "—（尚有未评分的指标）"
		if b.Total != "" {
			total = b.Total + " 分"
		}
		grade := ""
		if b.Grade != "" {
			grade = "，等次：" + b.Grade
		}
		p.line("B 类指标：总分 %s，%s%s", total, b.Status, grade)
	}

	failures, _ := r.List("failures")
	pending, _ := r.List("pending")
	p.items("未达到", "✗", failures)
	p.items("待补充", "?", pending)

	p.line("")
	p.line("一、资源配置")
	levels := r.LevelRows()
	t := table{header: []string{"学段", "参评学校", "达标", "未达标", "待补充", "综合差异系数"}, right: []bool{false, true, true, true, true, true}}
	for _, l := range levels {
		t.add(l.Name, strconv.Itoa(l.Units), strconv.Itoa(l.Passing), strconv.Itoa(l.Failing), strconv.Itoa(l.Pending), l.CompositeCV)
	}
	t.write(p)
	p.line("")
	t = table{header: []string{"指标", "学段", "标准", "全县值", "差异系数", "上限", "达标学校", "判定"}, right: []bool{false, false, true, true, true, true, true, false}}
	for _, l := range levels {
		for _, ind := range l.Indicators {
			mark := ind.CVStatus
			if ind.CVNote != "" {
				mark += "（" + ind.CVNote + "）"
			}
			t.add(ind.ID+" "+ind.Name, l.Name, ind.Threshold, ind.Value, ind.CV, ind.CVLimit, ind.Meeting, mark)
		}
	}
	t.write(p)
	if excluded := r.ExcludedRows(); len(excluded) > 0 {
		p.line("")
		p.line("不参与资源配置评估的学校（%d所）：", len(excluded))
		for _, e := range excluded {
			p.line("  %s %s：%s", e.Code, e.Name, e.Reason)
		}
	}

	// The profile's dimensions follow the resource indicators, numbered from 二.
	for i, g := range r.IndicatorGroups()[1:] {
		if len(g.Rows) == 0 {
			continue
		}
		p.line("")
		p.line("%s、%s", report.ChineseNumber(i+2), g.Name)
		t := table{header: []string{"指标", "判定", "情况"}}
		for _, row := range g.Rows {
			st := string(row.Status)
			if g.ID == report.DimVeto {
				st = report.VetoWord(row.Status)
			}
			t.add(row.ID+" "+row.Short, st, row.Summary)
		}
		t.write(p)
		for _, row := range g.Rows {
			for _, s := range r.SchoolFindings(row.ID) {
				p.line("    %s %s %s（%s）：%s", row.ID, s.Status, s.Name, s.Code, s.Detail)
			}
		}
	}
	if targets := r.LocalTargetRows(); len(targets) > 0 {
		p.line("")
		p.line("本地创建目标（不改变上述结论）：")
		t := table{header: []string{"目标", "标准", "本地目标", "本县数值", "按标准", "按本地目标"}, right: []bool{false, true, true, true, false, false}}
		for _, lt := range targets {
			t.add(lt.Name, lt.Standard, lt.Target, lt.Value, string(lt.Status), string(lt.LocalStatus))
		}
		t.write(p)
	}
	if warnings := r.Warnings(); len(warnings) > 0 {
		p.line("")
		p.line("提示（%d条）：", len(warnings))
		for _, w := range warnings {
			p.line("  ! %s", w)
		}
	}
	return p.err
}

func verdict(s report.Status) string {
	switch s {
	case report.Met:
		return "达到 —— 全部指标达到评估标准的要求"
	case report.NotMet:
		return "未达到 —— 见下列未达到的项目"
	}
	return "待补充 —— 数据不全，尚不能得出结论"
}

type printer struct {
	w   io.Writer
	err error
}

// items prints a titled list of what fails or lacks data, if there is any.
func (p *printer) items(title, mark string, items []report.Item) {
	if len(items) == 0 {
		return
	}
	p.line("")
	p.line("%s（%d项）：", title, len(items))
	for _, it := range items {
		p.line("  %s %s", mark, it.Text)
	}
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

// table prints rows in columns aligned by display width (a Chinese character takes two cells).
type table struct {
	header []string
	right  []bool
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(p *printer) {
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], uniseg.StringWidth(c))
		}
	}
	for _, r := range append([][]string{t.header}, t.rows...) {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range r {
			gap := widths[i] - uniseg.StringWidth(c)
			last := i == len(r)-1
			if i < len(t.right) && t.right[i] {
				b.WriteString(strings.Repeat(" ", gap))
				b.WriteString(c)
			} else {
				b.WriteString(c)
				if !last {
					b.WriteString(strings.Repeat(" ", gap))
				}
			}
			if !last {
				b.WriteString("  ")
			}
		}
		p.line("%s", b.String())
	}
}
