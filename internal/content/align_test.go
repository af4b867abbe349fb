package content

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// {{< right >}} … {{< /right >}} and {{< right "文字" >}} set paragraphs flush right, line by
// line (issue 11: Markdown offered no right-aligned block for a 落款).
func TestAlignRight(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		right []string // the text of each right-aligned paragraph, lines joined by |
		plain int      // paragraphs not right-aligned
		err   string
	}{
		{"block", "正文。\n\n{{< right >}}\n示例县教育局\n2025年10月15日\n{{< /right >}}\n", []string{"示例县教育局|2025年10月15日"}, 1, ""},
		{"same line", "{{< right >}}示例县教育局{{< /right >}}\n", []string{"示例县教育局"}, 0, ""},
		{"one line", "{{< right \"示例县教育局\" >}}\n\n正文。\n", []string{"示例县教育局"}, 1, ""},
		{"paragraphs", "{{< right >}}\n\n甲\n\n乙\n丙\n\n{{< /right >}}\n\n丁\n", []string{"甲", "乙|丙"}, 1, ""},
		{"with values", "{{< right >}}\n{{< value \"county\" >}}教育局\n{{< /right >}}\n", []string{"@value教育局"}, 0, ""},
		{"unclosed", "{{< right >}}\n甲\n", []string{"甲"}, 0, "没有对应的 {{< /right >}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := Parse("content/01.md", []byte("+++\ntitle = \"一\"\n+++\n\n"+tt.body), Markdown())
			if tt.err != "" {
				if !strings.Contains(probs.Error(), tt.err) || probs[0].Line != 5 {
					t.Errorf("problems %v, want %q on line 5", probs, tt.err)
				}
			} else if len(probs) > 0 {
				t.Fatal(probs)
			}
			var right []string
			plain := 0
			for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
				if !RightAligned(n) {
					plain++
					continue
				}
				right = append(right, paragraphText(n, d.Source))
			}
			if strings.Join(right, "/") != strings.Join(tt.right, "/") || plain != tt.plain {
				t.Errorf("right %q and %d others, want %q and %d", right, plain, tt.right, tt.plain)
			}
			for _, sc := range d.Shortcodes {
				if sc.Name == "right" || sc.Name == "/right" {
					t.Errorf("%s left in the shortcodes", sc.Raw)
				}
			}
		})
	}
}

// paragraphText writes a paragraph's text with | at its hard line breaks and @name for shortcodes.
func paragraphText(p ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(p, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.HardLineBreak() {
				b.WriteString("|")
			}
			if n.SoftLineBreak() {
				b.WriteString("~")
			}
		case *ast.String:
			b.Write(n.Value)
		case *Shortcode:
			b.WriteString("@" + n.Name)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
