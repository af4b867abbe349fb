package build

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/content"
)

// The scaffold's placeholders are unfinished text wherever they stand: issue 11 found
// "测试县位于……，辖……个乡镇" passing `check` because only whole or trailing "……" counted.
func TestPlaceholders(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		lines []int // lines of the file reported
	}{
		{"mid paragraph", "测试县位于……，辖……个乡镇，常住人口……万人。\n", []int{5}},
		{"whole paragraph", "正文。\n\n……\n", []int{7}},
		{"heading", "## （一）……\n\n正文。\n", []int{5}},
		{"table cell", "| 项目 | 情况 |\n|---|---|\n| 经费 | 投入……万元 |\n", []int{7}},
		{"list item", "- 第一项\n- 请在此（请在此填写）\n", []int{6}},
		{"second line of a paragraph", "第一行。\n第二行……。\n", []int{6}},
		{"comment", "<!-- 写法：……（请在此填写） -->\n\n正文。\n", nil},
		{"code", "正文 `……` 和\n\n    ……\n", nil},
		{"finished", "测试县位于湘中，辖12个乡镇。\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "+++\ntitle = \"一、基本情况\"\n+++\n\n" + tt.body
			d, probs := content.Parse("content/01.md", []byte(src), content.Markdown())
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			got := placeholders(d)
			var lines []int
			for _, p := range got {
				if !p.Warning || p.File != "content/01.md" || !strings.HasPrefix(p.Message, "还有待填写的内容：") {
					t.Errorf("problem %+v", p)
				}
				lines = append(lines, p.Line)
			}
			if len(lines) != len(tt.lines) || (len(lines) > 0 && lines[0] != tt.lines[0]) {
				t.Errorf("lines %v, want %v (%v)", lines, tt.lines, got)
			}
		})
	}
}
