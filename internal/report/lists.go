package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// Item is one entry of a list: a sentence and what it refers to.
type Item struct {
	Text string
	Ref  string // school:<code>, indicator:<id> or ""
}

// List returns a named list: failures, pending, warnings, excluded, units-failing, or the
// schools an item lists (G3, Q4, …).
func (r *Report) List(name string) ([]Item, error) {
	res := r.res
	var out []Item
	switch name {
	case "failures", "pending":
		fs := res.Failures
		if name == "pending" {
			fs = res.Pending
		}
		for _, f := range fs {
			out = append(out, Item{Text: f.Message, Ref: findingRef(f.Kind, f.ID, f.Code)})
		}
	case "warnings":
		for _, w := range res.Warnings {
			out = append(out, Item{Text: w})
		}
	case "excluded":
		for _, e := range res.Excluded {
			out = append(out, Item{Text: e.Name + "：" + e.Reason, Ref: "school:" + e.Code})
		}
	case "relaxations":
		out = r.relaxationItems()
	case "plan":
		if r.pl == nil {
			return nil, fmt.Errorf("没有整改清单：本评估标准没有资源配置指标，无法生成整改与创建规划")
		}
		out = r.planItems()
	case "units-failing":
		for _, f := range res.Failures {
			if f.Kind == eval.FindingUnit {
				out = append(out, Item{Text: f.Message, Ref: findingRef(f.Kind, f.ID, f.Code)})
			}
		}
	default:
		it, ok := res.Item(name)
		if !ok {
			msg := fmt.Sprintf("没有名为「%s」的列表（可用 %s 或指标编号如 G3）", name, strings.Join(ListNames, "、"))
			names := append([]string(nil), ListNames...)
			for _, it := range res.Items {
				names = append(names, it.ID)
			}
			sort.Strings(names)
			msg += suggest.Hint(name, names)
			return nil, fmt.Errorf("%s", msg)
		}
		for _, s := range it.Schools {
			out = append(out, Item{Text: fmt.Sprintf("%s（%s）：%s", s.Name, s.Status, s.Detail), Ref: "school:" + s.Code})
		}
	}
	return out, nil
}

// ListNames are the list names other than item IDs.
var ListNames = []string{"failures", "pending", "warnings", "excluded", "units-failing", "relaxations", "plan"}

func findingRef(kind eval.FindingKind, id, code string) string {
	switch {
	case kind == eval.FindingUnit && code != "":
		return "school:" + code
	case kind == eval.FindingCV || kind == eval.FindingItem || kind == eval.FindingValue:
		return "indicator:" + id
	}
	return ""
}
