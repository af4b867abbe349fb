// Package resolve checks every shortcode of the chapters against the report and records what
// each one stands for. Both renderers then look the shortcode up instead of judging it again,
// so an unknown shortcode or key is one build error, named by file and line, before any output.
package resolve

import (
	"fmt"
	"strings"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// Kinds of shortcode, with their arguments, for messages and the README.
var Kinds = []struct{ Name, Args, Meaning string }{
	{"value", `"键"`, "一个计算结果，如 resource.primary.R1.cv"},
	{"table", `"表名"`, "一张附表，如 resource-primary、cv"},
	{"chart", `"图号"`, "一幅图，如 cv-junior、dist-primary-R5"},
	{"verdict", "", "评估结论（达到 / 未达到 / 待补充）"},
	{"list", `"列表名"`, "一个列表：failures、pending、warnings、excluded、units-failing，或指标编号如 G3"},
}

// Resolution is what a shortcode stands for; exactly one field is set.
type Resolution struct {
	Text    string // value, verdict
	Verdict bool   // Text is the county's conclusion
	Table   *report.Table
	Chart   *chart.Chart
	List    []report.Item
	IsList  bool
}

// Map holds the resolution of every shortcode.
type Map map[*content.Shortcode]Resolution

// Docs resolves the shortcodes of all chapters, returning every problem at once.
func Docs(docs []*content.Doc, r *report.Report, charts []*chart.Chart) (Map, diag.List) {
	m := Map{}
	var probs diag.List
	for _, d := range docs {
		for _, sc := range d.Shortcodes {
			res, err := one(sc, r, charts)
			if err != nil {
				probs.Add(d.File, sc.Line, "", sc.Raw, "%v", err)
				continue
			}
			m[sc] = res
		}
	}
	return m, probs
}

func one(sc *content.Shortcode, r *report.Report, charts []*chart.Chart) (Resolution, error) {
	want := 1
	if sc.Name == "verdict" {
		want = 0
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.Name
	}
	known := false
	for _, n := range names {
		known = known || n == sc.Name
	}
	if !known {
		msg := fmt.Sprintf("未知的短代码「%s」（可用：%s）", sc.Name, strings.Join(names, "、"))
		if s := suggest.Closest(sc.Name, names); s != "" {
			msg += "，是否为「" + s + "」？"
		}
		return Resolution{}, fmt.Errorf("%s", msg)
	}
	if len(sc.Args) != want {
		return Resolution{}, fmt.Errorf("短代码 %s 需要 %d 个参数，写了 %d 个", sc.Name, want, len(sc.Args))
	}
	switch sc.Name {
	case "value":
		v, err := r.Value(sc.Args[0])
		return Resolution{Text: v}, err
	case "verdict":
		return Resolution{Text: string(r.Res.Conclusion), Verdict: true}, nil
	case "table":
		t, ok := r.Table(sc.Args[0])
		if !ok {
			msg := fmt.Sprintf("没有名为「%s」的表（可用：%s）", sc.Args[0], strings.Join(r.TableIDs(), "、"))
			if s := suggest.Closest(sc.Args[0], r.TableIDs()); s != "" {
				msg += "，是否为「" + s + "」？"
			}
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
