package flow

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/content"
)

func TestUngroup(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"1,234", "1234"},
		{"1,234,567.89 元", "1234567.89 元"},
		{"共 12,345 人，占 3.5%", "共 12345 人，占 3.5%"},
		{"1,23", "1,23"},
		{"1,2345", "1,2345"},
		{"甲,乙", "甲,乙"},
		{"", ""},
	} {
		if got := Ungroup(tt.in); got != tt.want {
			t.Errorf("Ungroup(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestChineseDate(t *testing.T) {
	for in, want := range map[string]string{"2025-10-15": "2025年10月15日", "2025-01-05": "2025年1月5日", "": "", "2025-13-01": "", "x": ""} {
		if got := ChineseDate(in); got != want {
			t.Errorf("ChineseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// show writes blocks compactly: a kind and level, then the text with emphasis as /…/, strong
// as *…*, a footnote reference as ^n[mark]; a table as its header and cells.
func show(bs []Block) []string {
	var out []string
	for _, b := range bs {
		var s strings.Builder
		switch b.Kind {
		case Heading:
			fmt.Fprintf(&s, "H%d ", b.Level)
		case Para:
			s.WriteString("P ")
			if b.Indent {
				s.WriteString("> ")
			}
		case Table:
			s.WriteString("T")
			for _, c := range b.Table.Columns {
				fmt.Fprintf(&s, " %s(%v)", c.Header, c.Numeric)
			}
			for _, r := range b.Table.Rows {
				for _, c := range r {
					fmt.Fprintf(&s, " |%s", c.Text)
				}
			}
		}
		for _, sp := range b.Spans {
			switch {
			case sp.Note > 0:
				fmt.Fprintf(&s, "^%d[%s]", sp.Note, sp.Text)
			case sp.Style == Em:
				s.WriteString("/" + sp.Text + "/")
			case sp.Style == Strong:
				s.WriteString("*" + sp.Text + "*")
			default:
				s.WriteString(sp.Text)
			}
		}
		out = append(out, s.String())
	}
	return out
}

func convert(t *testing.T, body string, opt Options) Chapter {
	t.Helper()
	d, probs := content.Parse("content/x.md", []byte("+++\ntitle = \"一、题\"\n+++\n"+body), content.Markdown())
	if d == nil {
		t.Fatal(probs)
	}
	return Convert(d, nil, opt)
}

func TestConvert(t *testing.T) {
	mark := func(n int, inCell bool) string {
		if inCell {
			return fmt.Sprintf("[%d]", n)
		}
		return fmt.Sprint(n)
	}
	for _, tt := range []struct {
		name, md string
		want     []string
	}{
		{"headings clamped to levels 2 to 4", "# 甲\n\n### 乙*着重*\n\n##### 丙\n",
			[]string{"H1 一、题", "H2 甲", "H3 乙/着重/", "H4 丙"}},
		{"soft breaks vanish between Chinese characters only", "中文\n续行，Latin\nwords 与\n中文。\n",
			[]string{"H1 一、题", "P > 中文续行，Latin words 与中文。"}},
		{"hard break", "甲  \n乙\n", []string{"H1 一、题", "P > 甲\n乙"}},
		{"innermost emphasis", "**粗*斜*粗**与*斜**粗**斜*\n",
			[]string{"H1 一、题", "P > *粗*/斜/*粗*与/斜/*粗*/斜/"}},
		{"lists numbered 1． and （1）, from their start", "3. 甲\n   - 子\n   - 子二\n4. 乙\n\n- 丙\n",
			[]string{"H1 一、题", "P > 3．甲", "P > （1）子", "P > （2）子二", "P > 4．乙", "P > 1．丙"}},
		{"a quote in 楷体", "> 引*着*文**粗**\n", []string{"H1 一、题", "P > /引//着//文/*粗*"}},
		{"code unindented", "```\n代码\n  二行\n```\n", []string{"H1 一、题", "P 代码\n  二行"}},
		{"links, code spans and HTML", "[链接](https://x.cn)、`代码`、<https://y.cn>、<b>粗</b>\n",
			[]string{"H1 一、题", "P > 链接、代码、https://y.cn、粗"}},
		{"a Markdown table", "| 项目 | 数 |\n|---|--:|\n| 甲[^1] | 1,234 |\n| *乙[^1]* | 5 |\n\n[^1]: 注。\n",
			[]string{"H1 一、题", "T 项目(false) 数(true) |甲[1] |1,234 |乙[1] |5"}},
		{"a footnote's mark by the soft break", "甲[^1]\n乙\n\n[^1]: 注。\n", []string{"H1 一、题", "P > 甲^1[1] 乙"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := show(convert(t, tt.md, Options{NoteMark: mark}).Blocks)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// Footnotes: referred to in the order of first reference, each with its paragraphs; without a
// NoteMark a reference has no text of its own, and a soft break beside it looks past it.
func TestFootnotes(t *testing.T) {
	ch := convert(t, "甲[^b]\n乙[^a]，丙[^b]。\n\n[^a]: 注甲。\n\n    第二段[^b]。\n[^b]: 注乙。\n", Options{})
	if want := []int{1, 2}; !slices.Equal(ch.Refs, want) {
		t.Errorf("refs = %v, want %v (goldmark numbers notes by first reference)", ch.Refs, want)
	}
	if got, want := show(ch.Blocks), []string{"H1 一、题", "P > 甲^1[]乙^2[]，丙^1[]。"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	var notes []string
	for _, n := range ch.Notes {
		for _, p := range n.Paras {
			notes = append(notes, fmt.Sprintf("%d: %s", n.Index, show([]Block{{Kind: Figure, Spans: p}})[0]))
		}
	}
	if want := []string{"1: 注乙。", "2: 注甲。", "2: 第二段^1[]。"}; !slices.Equal(notes, want) {
		t.Errorf("notes = %q, want %q", notes, want)
	}
}
