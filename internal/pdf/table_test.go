package pdf

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	cflow "github.com/youjun-edu/youjun/internal/flow"
)

// pieces splits text where a line may break.
func pieces(text string) []string {
	var out []string
	state := -1
	for len(text) > 0 {
		var seg string
		seg, text, _, state = uniseg.FirstLineSegmentInString(text, state)
		out = append(out, strings.ReplaceAll(seg, string(wj), ""))
	}
	return out
}

// Codes, numbers, status words and short bracketed units do not break; long names do.
func TestGlueText(t *testing.T) {
	for _, tt := range []struct {
		text  string
		whole int
		want  []string
	}{
		{"达到（临界）", 6, []string{"达到（临界）"}},
		{"361234000", 6, []string{"361234000"}},
		{"3,801.66", 1 << 20, []string{"3,801.66"}},
		{"资金（万元）", 4, []string{"资", "金", "（万元）"}},
		{"示例县第一中学", 6, []string{"示", "例", "县", "第", "一", "中", "学"}},
		{"R6\n2000", 4, []string{"R6\n", "2000"}},
		{"R4\n4.5平方米", 4, []string{"R4\n", "4.5平方米"}},
		{"2050元，低于标准", 6, []string{"2050元，", "低", "于", "标", "准"}},
	} {
		if got := pieces(glueText(tt.text, tt.whole)); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("glueText(%q) breaks into %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A table takes the largest size of 四号, 小四, 五号 at which its values stay whole, and goes
// landscape only when even 五号 does not fit the portrait text block.
func TestTableLayout(t *testing.T) {
	row := func(n int, text string) ([]cflow.Column, [][]cflow.Cell) {
		var cols []cflow.Column
		var r []cflow.Cell
		for range n {
			cols = append(cols, cflow.Column{Header: "R1", Numeric: true})
			r = append(r, cflow.Cell{Text: text})
		}
		return cols, [][]cflow.Cell{r}
	}
	for _, tt := range []struct {
		cols      int
		text      string
		size      float64
		landscape bool
	}{
		{3, "1,234.5", 14, false},
		{6, "3,801.66", 14, false},
		{7, "3,801.66", 12, false},
		{8, "3,801.66", 10.5, false},
		{10, "3,801.66", 12, true},
		{12, "3,801.66", 10.5, true},
		{12, "1,272,045.81", 10.5, true}, // too wide even so: the smallest size, landscape
	} {
		f := testFlow(t)
		cols, rows := row(tt.cols, tt.text)
		size, landscape := f.tableLayout(glued(&cflow.TableModel{Columns: cols, Rows: rows}))
		if size != tt.size || landscape != tt.landscape {
			t.Errorf("%d columns of %s: size %v landscape %v, want %v %v", tt.cols, tt.text, size, landscape, tt.size, tt.landscape)
		}
	}
}

// The headings right before a landscape table go onto its landscape page with it, and what
// follows the table is back on a portrait page.
func TestLandscapeTakesHeadings(t *testing.T) {
	f := testFlow(t)
	var cols []cflow.Column
	var r []cflow.Cell
	for range 12 {
		cols = append(cols, cflow.Column{Header: "R1", Numeric: true})
		r = append(r, cflow.Cell{Text: "3,801.66"})
	}
	f.blocks([]block{
		para(2),
		{kind: bHeading, level: 1, spans: []span{{"附表", sH1}}},
		{kind: bHeading, level: 2, spans: []span{{"（一）小学", sH2}}},
		{kind: bTable, table: &cflow.TableModel{Columns: cols, Rows: [][]cflow.Cell{r}}},
		para(1),
	})
	var got []bool
	for _, p := range f.t.pages {
		got = append(got, p.landscape)
	}
	if len(got) != 3 || got[0] || !got[1] || got[2] {
		t.Fatalf("landscape pages %v, want [false true false]", got)
	}
	var heads int
	for _, o := range f.t.pages[1].ops {
		if o.kind == opText && (o.text == "附" || o.text == "小") {
			heads++
		}
	}
	if heads != 2 || len(f.headings) != 2 || f.headings[0].page != 2 {
		t.Errorf("the headings are not on the landscape page: %d, %+v", heads, f.headings)
	}
	if f.t.st != f.t.portrait {
		t.Error("the geometry is still landscape")
	}
}
