package claims

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/content"
)

// FuzzScan runs the sentence scanner and the check on any text, as plain text and as a
// chapter: it must not panic, and every finding must point into the text at the figure it
// quotes.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"初中三年巩固率达到98.2%。", "生师比为14.5∶1；师生比1:19", "小学、初中综合差异系数分别为0.41、0.30。",
		"常住人口4,1万人，2024年小学综合差异系数为0.385", "初中三年巩固率达到９８．２％以上，不足50人的教学点",
		"参评小学62所，60所达到要求", "百分之", "1:", "1:1:1", "0.", ".5%", "１２,３４５.６７８元", "“95%”《0.5》〔2017〕",
		"初中三年巩固率达到{{< value \"x\" >}}98%", "| 巩固率 | 98.2% |\n| --- | --- |\n| 巩固率98.2% | 1 |",
		"巩固率\xff98.2%", "2021—2035年", "巩固率百分之九十八点二以上、百分之百", "巩固率9999999999999999999999999999.9%",
	} {
		f.Add(s)
	}
	facts := testFacts()
	f.Fuzz(func(t *testing.T, text string) {
		chs := []Chapter{FromText("content/t.md", text)}
		if d, probs := content.Parse("content/m.md", []byte(text), content.Markdown()); d != nil && probs.Err() == nil {
			chs = append(chs, FromDoc(d))
		}
		for _, fd := range Check(chs, facts) {
			if fd.Line < 1 || fd.Column < 1 || fd.Quoted == "" || fd.Detail == "" || !utf8.ValidString(fd.Message) {
				t.Fatalf("bad finding %+v", fd)
			}
			if fd.File != "content/t.md" {
				continue
			}
			lines := strings.Split(text, "\n")
			if fd.Line > len(lines) {
				t.Fatalf("line %d of %d", fd.Line, len(lines))
			}
			line := []rune(lines[fd.Line-1])
			if fd.Column > len(line) || !strings.HasPrefix(string(line[fd.Column-1:]), fd.Quoted) {
				t.Fatalf("%d:%d does not hold %q: %q", fd.Line, fd.Column, fd.Quoted, lines[fd.Line-1])
			}
		}
	})
}
