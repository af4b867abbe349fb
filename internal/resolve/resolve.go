// Package resolve checks every shortcode of the chapters against the report and records what
// each one stands for. Both renderers then look the shortcode up instead of judging it again,
// so an unknown shortcode or key is one build error, named by file and line, before any output.
package resolve

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// Kinds of shortcode, with their arguments, for messages and the README.
var Kinds = []struct{ Name, Args, Meaning string }{
	{"value", `"键"`, "一个计算结果，如 resource.primary.R1.cv；整改清单合计如 plan.total.teachers"},
	{"table", `"表名"`, "一张附表，如 resource-primary、cv"},
	{"chart", `"图号"`, "一幅图，如 cv-junior、dist-primary-R5"},
	{"verdict", "", "评估结论（达到 / 未达到 / 待补充）"},
	{"list", `"列表名"`, "一个列表：failures、pending、warnings、excluded、units-failing、relaxations、plan（整改清单，按学校），或指标编号如 G3"},
	{"ref", `"图号或表名"`, "正文中某图、某表的编号，如“图1”“表2”"},
	{"right", `["文字"]`, "右对齐的段落"},
}

// Resolution is what a shortcode stands for; exactly one field is set.
type Resolution struct {
	Text    string // value, verdict, ref
	Verdict bool   // Text is the county's conclusion
	Table   *report.Table
	Chart   *chart.Chart
	List    []report.Item
	IsList  bool
	Label   string // a table's or chart's number in the chapters: 表1, 图2
}

// Map holds the resolution of every shortcode.
type Map map[*content.Shortcode]Resolution

// Docs resolves the shortcodes of all chapters, returning every problem at once. Tables and
// charts are numbered 表1, 表2 … and 图1, 图2 … in the order they appear; ref shortcodes then
// name those numbers.
func Docs(docs []*content.Doc, r *report.Report, charts []*chart.Chart) (Map, diag.List) {
	m := Map{}
	var probs diag.List
	labels := map[string]string{} // table or chart ID → its label
	tables, figures := 0, 0
	for _, d := range docs {
		for _, sc := range d.Shortcodes {
			if sc.Name == "ref" || sc.Err != "" {
				continue // a syntax error is reported by content.Parse
			}
			res, err := one(sc, r, charts)
			if err != nil {
				probs.Add(d.File, sc.Line, "", sc.Raw, "%v", err)
				continue
			}
			switch {
			case res.Table != nil:
				if labels[res.Table.ID] == "" {
					tables++
					labels[res.Table.ID] = fmt.Sprintf("表%d", tables)
				}
				res.Label = labels[res.Table.ID]
			case res.Chart != nil:
				if labels[res.Chart.ID] == "" {
					figures++
					labels[res.Chart.ID] = fmt.Sprintf("图%d", figures)
				}
				res.Label = labels[res.Chart.ID]
			}
			m[sc] = res
		}
	}
	for _, d := range docs {
		for _, sc := range d.Shortcodes {
			if sc.Name != "ref" {
				continue
			}
			if len(sc.Args) != 1 {
				probs.Add(d.File, sc.Line, "", sc.Raw, "短代码 ref 需要 1 个参数，写了 %d 个", len(sc.Args))
				continue
			}
			label, ok := labels[sc.Args[0]]
			if !ok {
				shown := make([]string, 0, len(labels))
				for id := range labels {
					shown = append(shown, id)
				}
				sort.Strings(shown)
				msg := fmt.Sprintf("正文中没有编号为「%s」的图或表（正文中的图表：%s）", sc.Args[0], strings.Join(shown, "、"))
				msg += suggest.Hint(sc.Args[0], shown)
				probs.Add(d.File, sc.Line, "", sc.Raw, "%s", msg)
				continue
			}
			m[sc] = Resolution{Text: label}
		}
	}
	return m, probs
}

// Check checks what can be checked of the shortcodes without the evaluation: their names and
// numbers of arguments. A build whose data has errors still reports these, so that a clerk fixes
// the data and the chapters in one round.
func Check(docs []*content.Doc) diag.List {
	var probs diag.List
	for _, d := range docs {
		for _, sc := range d.Shortcodes {
			if sc.Err != "" {
				continue // reported by content.Parse
			}
			if err := syntax(sc); err != nil {
				probs.Add(d.File, sc.Line, "", sc.Raw, "%v", err)
			}
		}
	}
	return probs
}

// syntax checks a shortcode's name and number of arguments.
func syntax(sc *content.Shortcode) error {
	// content takes every well-placed right shortcode out of the text; what is left is misplaced.
	switch sc.Name {
	case "right", "/right":
		if sc.Name == "right" && len(sc.Args) > 1 {
			return fmt.Errorf("短代码 right 最多 1 个参数，写了 %d 个", len(sc.Args))
		}
		return fmt.Errorf("{{< right >}} 须写在段落开头，{{< /right >}} 须写在其后某段的末尾（或单独一行）")
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.Name
	}
	if !slices.Contains(names, sc.Name) {
		msg := fmt.Sprintf("未知的短代码「%s」（可用：%s）", sc.Name, strings.Join(names, "、"))
		msg += suggest.Hint(sc.Name, names)
		return fmt.Errorf("%s", msg)
	}
	want := 1
	if sc.Name == "verdict" {
		want = 0
	}
	if len(sc.Args) != want {
		return fmt.Errorf("短代码 %s 需要 %d 个参数，写了 %d 个", sc.Name, want, len(sc.Args))
	}
	return nil
}

func one(sc *content.Shortcode, r *report.Report, charts []*chart.Chart) (Resolution, error) {
	if err := syntax(sc); err != nil {
		return Resolution{}, err
	}
	switch sc.Name {
	case "value":
		v, err := r.Value(sc.Args[0])
		return Resolution{Text: v}, err
	case "verdict":
		return Resolution{Text: string(r.Conclusion()), Verdict: true}, nil
	case "table":
		t, ok := r.Table(sc.Args[0])
		if !ok {
			msg := fmt.Sprintf("没有名为「%s」的表（可用：%s）", sc.Args[0], strings.Join(r.TableIDs(), "、"))
			msg += suggest.Hint(sc.Args[0], r.TableIDs())
			return Resolution{}, fmt.Errorf("%s", msg)
		}
		return Resolution{Table: t}, nil
	case "chart":
		c, err := chart.Find(charts, sc.Args[0])
		return Resolution{Chart: c}, err
	default: // list
		items, err := r.List(sc.Args[0])
		return Resolution{List: items, IsList: true}, err
	}
}

// Block reports whether the resolution is a block (table, chart, list) rather than inline text.
func (res Resolution) Block() bool { return res.Table != nil || res.Chart != nil || res.IsList }
