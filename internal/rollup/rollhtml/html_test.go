package rollhtml

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/rollup"
)

// examples is the rollup of the two examples, as the run package's golden file holds it, with
// a county whose package could not be opened: no province, no city, an error.
func examples(t *testing.T) *rollup.Rollup {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "run", "testdata", "examples.rollup.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := rollup.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	r.Counties = append(r.Counties, rollup.County{ID: "0099", Name: "损坏县.zip", Verdict: rollup.Failed,
		Error: "无法打开材料包：不是有效的 zip 压缩包（文件可能已损坏或不完整）"})
	r.Groups = append(r.Groups, rollup.Group{Kind: "province", Counties: 1, Failed: 1}, rollup.Group{Kind: "city", Counties: 1, Failed: 1})
	return r
}

func render(t *testing.T) map[string][]byte {
	t.Helper()
	out, err := Render(examples(t))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The tables' cells are not broken character by character on a phone: names and figures keep
// to one line and the table scrolls sideways; only the long reason of a failed county wraps.
func TestTablesDoNotBreakNames(t *testing.T) {
	out := render(t)
	css := string(out["assets/rollup.css"])
	if !regexp.MustCompile(`\.page-rollup table\.data th, \.page-rollup table\.data td \{ white-space: nowrap; \}`).MatchString(css) {
		t.Error("rollup.css does not keep table cells on one line")
	}
	if !strings.Contains(css, ".page-cv table.heat tr > :first-child { position: sticky; left: 0;") {
		t.Error("the heat table's county column does not stay in view")
	}
	index := string(out["index.html"])
	if !strings.Contains(index, `<td class="wrap"><span class="verdict`) {
		t.Error("the failed county's reason is not allowed to wrap")
	}
}

// A group without a province or city (a package that could not be opened) is labelled 不明,
// in the table and in the chart, rather than left blank.
func TestUnknownPlaceLabelled(t *testing.T) {
	out := render(t)
	index := string(out["index.html"])
	if !strings.Contains(index, "<td>（不明）</td><td>（全省）</td>") || !strings.Contains(index, "<td>（不明）</td><td>（不明）</td>") {
		t.Error("the group without province and city has no 不明 label")
	}
	if !strings.Contains(index, `"（不明）（不明）"`) {
		t.Error("the chart's bar of the group without province and city has no label")
	}
}

// The line of the standard in a chart of county values runs across the bars: its label is on
// a white box in the line's colour, so that it can be read.
func TestMarkLineLabelReadable(t *testing.T) {
	out := render(t)
	page := string(out["distributions.html"])
	re := regexp.MustCompile(`(?s)<script type="application/json" id="chart-(value-primary-r1)-data">(.*?)</script>`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no chart of primary R1's county values")
	}
	var opt struct {
		Series []struct {
			MarkLine struct {
				Label map[string]any `json:"label"`
			} `json:"markLine"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(m[2]), &opt); err != nil {
		t.Fatal(err)
	}
	label := opt.Series[0].MarkLine.Label
	if label["backgroundColor"] != "#ffffff" || label["color"] != "#c62828" || !strings.HasPrefix(label["formatter"].(string), "标准 ") {
		t.Errorf("mark line label %v", label)
	}
}

// The page of a county that could not be evaluated says why, and shows no 问题清单 and no
// counts of zero that would read as a clean county.
func TestFailedCountyPage(t *testing.T) {
	out := render(t)
	page := string(out["counties/0099.html"])
	if !strings.Contains(page, "无法打开材料包") {
		t.Error("the failed county's page does not say why")
	}
	for _, bad := range []string{"问题清单（0 项）", "未达标学校 0 所"} {
		if strings.Contains(page, bad) {
			t.Errorf("the failed county's page says %s", bad)
		}
	}
	if ok := string(out["counties/"+examples(t).Counties[0].ID+".html"]); !strings.Contains(ok, "问题清单（") {
		t.Error("an evaluated county's page has no 问题清单")
	}
}

// A CV limit is written as the standard writes it, 0.50 and 0.45, on a county's page and in
// the charts' labels.
func TestLimitsWithTwoDecimals(t *testing.T) {
	out := render(t)
	r := examples(t)
	page := string(out["counties/"+r.Counties[0].ID+".html"])
	if !strings.Contains(page, `<td class="num">0.50</td>`) || !strings.Contains(page, `<td class="num">0.45</td>`) {
		t.Error("the county page does not write the limits 0.50 and 0.45")
	}
	if !strings.Contains(string(out["distributions.html"]), "差异系数限值 0.50") {
		t.Error("the charts do not write the limit 0.50")
	}
}

// The heat shades of the style sheet darken from 低 to 超限 in grey too: a black-and-white print
// of the page keeps their order.
func TestHeatShadesDarkenInGrey(t *testing.T) {
	css := string(render(t)["assets/rollup.css"])
	grey := func(class string) float64 {
		m := regexp.MustCompile(`\.heat-` + class + ` \{ background: #([0-9a-f]{6});`).FindStringSubmatch(css)
		if m == nil {
			t.Fatalf("no colour for heat-%s", class)
		}
		var r, g, b int
		fmt.Sscanf(m[1], "%02x%02x%02x", &r, &g, &b)
		return 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)
	}
	order := []string{"low", "mid", "high", "critical", "fail"}
	for i := 1; i < len(order); i++ {
		if a, b := grey(order[i-1]), grey(order[i]); b >= a-5 {
			t.Errorf("%s (grey %.0f) is not clearly darker than %s (grey %.0f)", order[i], b, order[i-1], a)
		}
	}
}

// The P1–P5 marks differ in shape, not only in colour, and the page says which shape is which.
func TestReadinessMarksByShape(t *testing.T) {
	out := render(t)
	css := string(out["assets/rollup.css"])
	if !strings.Contains(css, ".page-rollup .dot.fail { border-radius: 0; }") || !strings.Contains(css, ".page-rollup .dot.pending { background: transparent;") {
		t.Error("the P1–P5 marks differ in colour only")
	}
	if !strings.Contains(string(out["index.html"]), "申报条件 P1–P5：● 达到，■ 未达到，○ 待补充。") {
		t.Error("the overview does not explain the P1–P5 marks")
	}
}
