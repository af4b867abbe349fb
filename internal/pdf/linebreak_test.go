package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/cjk"
)

// testAdvance is a fixed-width font: Chinese 1, others 0.5.
func testAdvance(r rune, style int) float64 {
	if cjk.IsWide(r) {
		return 1
	}
	return 0.5
}

func lines(text string, width float64) []string {
	var out []string
	for _, l := range breakLines([]span{{text: text}}, width, 0, true, testAdvance) {
		out = append(out, l.lineText())
	}
	return out
}

const closing = "，。、；：？！）》」』】”’…"
const opening = "（《「『【“‘"

func TestLineBreakPunctuation(t *testing.T) {
	tests := []struct {
		text  string
		width float64
	}{
		{"全县共有学校八十二所，其中小学六十二所。初中二十一所；教学点十所！", 10},
		{"示例县的学校（校区）共八十二所，“重要”的是均衡。", 9},
		{"一二三四五六七八九，十一二三四五六七八。十", 9},
		{"一二三四五六七八《九》十一二三四五六七八（九）十", 9},
		{"一二三四五六七八“九”十一二三四五六七八‘九’十", 9},
	}
	for _, tt := range tests {
		got := lines(tt.text, tt.width)
		if strings.Join(got, "") != tt.text {
			t.Errorf("%q: lines %q lose text", tt.text, got)
		}
		for i, l := range got {
			r := []rune(l)
			if i > 0 && strings.ContainsRune(closing, r[0]) {
				t.Errorf("%q: line %q starts with closing punctuation", tt.text, l)
			}
			if i < len(got)-1 && strings.ContainsRune(opening, r[len(r)-1]) {
				t.Errorf("%q: line %q ends with opening punctuation", tt.text, l)
			}
		}
	}
}

func TestLineBreakNumbersAndWords(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		whole []string // must stay on one line
	}{
		{"社会认可度为91.48%，样本1,234.5份", 7, []string{"91.48%", "1,234.5"}},
		{"比例为16.9%的学校", 4.5, []string{"16.9%"}},
		{"运行 youjun build 即可生成网站", 8, []string{"youjun", "build"}},
		{"the quick brown fox jumps", 6, []string{"quick", "brown", "jumps"}},
	}
	for _, tt := range tests {
		got := lines(tt.text, tt.width)
		for _, w := range tt.whole {
			found := false
			for _, l := range got {
				found = found || strings.Contains(l, w)
			}
			if !found {
				t.Errorf("%q split %q: %q", tt.text, w, got)
			}
		}
		for _, l := range got[:len(got)-1] {
			if strings.HasSuffix(l, " ") || strings.HasPrefix(l, " ") {
				t.Errorf("line %q keeps a space at its edge", l)
			}
		}
	}
}

func TestBreakBeforeFullWidthBracket(t *testing.T) {
	got := lines("低于标准的85%（0.85）；R3", 7)
	if got[0] != "低于标准的85%" || !strings.HasPrefix(got[1], "（0.85）；") {
		t.Errorf("lines %q: a break before （ is allowed, and the number stays whole", got)
	}
}

func TestJustification(t *testing.T) {
	text := "示例县位于示例省中部，辖4个镇、8个乡，总面积1860平方公里，常住人口41万人。2017年通过基本均衡认定。"
	ls := breakLines([]span{{text: text}}, 12, 2, true, testAdvance)
	if len(ls) < 3 {
		t.Fatalf("only %d lines", len(ls))
	}
	if ls[0].glyphs[0].x != 2 {
		t.Errorf("first line indent %v, want 2", ls[0].glyphs[0].x)
	}
	for i, l := range ls[:len(ls)-1] {
		lastG := l.glyphs[len(l.glyphs)-1]
		if right := lastG.x + lastG.w; math.Abs(right-12) > 1e-9 {
			t.Errorf("line %d %q ends at %v, want 12 (justified)", i, l.lineText(), right)
		}
	}
	last := ls[len(ls)-1]
	if g := last.glyphs[len(last.glyphs)-1]; g.x+g.w > 12-0.5 && len(last.glyphs) < 10 {
		t.Errorf("the last line must not be stretched")
	}
	for i := 1; i < len(last.glyphs); i++ {
		if last.glyphs[i].x != last.glyphs[i-1].x+last.glyphs[i-1].w {
			t.Error("the last line is stretched")
		}
	}
}

func TestOverlongWord(t *testing.T) {
	got := lines("见https://example.org/a/very/long/path/that/does/not/fit", 6)
	if len(got) < 3 || strings.Join(got, "") != "见https://example.org/a/very/long/path/that/does/not/fit" {
		t.Errorf("lines %q", got)
	}
	for _, l := range got {
		w := 0.0
		for _, r := range l {
			w += testAdvance(r, 0)
		}
		if w > 6 {
			t.Errorf("line %q is %v wide", l, w)
		}
	}
}

func TestStylesFollowText(t *testing.T) {
	ls := breakLines([]span{{"普通", 0}, {"加粗", 1}, {"普通", 0}}, 20, 0, false, testAdvance)
	var styles []int
	for _, g := range ls[0].glyphs {
		styles = append(styles, g.style)
	}
	if len(styles) != 6 || styles[2] != 1 || styles[3] != 1 || styles[4] != 0 {
		t.Errorf("styles %v", styles)
	}
}

// A line that justification would space out beyond the maximum letter-spacing (a number that
// does not fit moves down) instead takes the number along and squeezes its punctuation; no
// glyph leaves the line and opening marks are squeezed on their blank left half.
func TestJustifyMaxLetterSpacing(t *testing.T) {
	// Ten characters a line; "甲“乙”丙，丁戊" is 8 wide and 12345678 is 4 more: 12, and the
	// three marks can give up 1.5.
	ls := breakLines([]span{{text: "甲“乙”丙，丁戊12345678。下一行的文字足够长足够长"}}, 11, 0, true, testAdvance)
	if got := ls[0].lineText(); got != "甲“乙”丙，丁戊12345678。" {
		t.Fatalf("first line %q, want the number pulled up", got)
	}
	last := ls[0].glyphs[len(ls[0].glyphs)-1]
	if end := last.x + last.w - squeeze(last); end > 11+1e-9 { // a closing mark's right half is blank
		t.Errorf("the first line ends at %.2f, beyond 11", end)
	}
	for j := 1; j < len(ls[0].glyphs); j++ {
		if ls[0].glyphs[j].x < ls[0].glyphs[j-1].x {
			t.Errorf("glyph %d goes back", j)
		}
	}
	// Without marks to squeeze the line stays loose but whole.
	ls = breakLines([]span{{text: "甲乙丙丁戊己庚辛12345678下一行的文字"}}, 11, 0, true, testAdvance)
	if got := ls[0].lineText(); got != "甲乙丙丁戊己庚辛" {
		t.Errorf("first line %q", got)
	}
}

// A line left short before a long number is filled from the line above, which breaks earlier:
// both end up within the maximum letter-spacing instead of one of them far beyond it.
func TestJustifyBreaksEarlierBeforeANumber(t *testing.T) {
	text := strings.Repeat("甲", 20) + strings.Repeat("乙", 14) + "1234567890123456" + "。后面还有一些文字"
	ls := breakLines([]span{{text: text}}, 20, 0, true, testAdvance)
	var got strings.Builder
	for i, l := range ls {
		got.WriteString(l.lineText())
		if i < len(ls)-1 {
			if loose := looseness(l.glyphs, 20); loose > maxLetterSpacing+1e-9 {
				t.Errorf("line %d %q is spaced out by %.2f em", i, l.lineText(), loose)
			}
		}
	}
	if got.String() != text {
		t.Errorf("text %q, want %q", got.String(), text)
	}
	if want := strings.Repeat("甲", 3) + strings.Repeat("乙", 14); ls[1].lineText() != want {
		t.Errorf("second line %q, want %q", ls[1].lineText(), want)
	}
	// Glyphs of a rebalanced line stay in order and inside the measure.
	for _, l := range ls[:2] {
		last := l.glyphs[len(l.glyphs)-1]
		if end := last.x + last.w; math.Abs(end-20) > 1e-9 {
			t.Errorf("line %q ends at %.3f, want 20", l.lineText(), end)
		}
	}
}

// The brief's first line: 0.19 em between characters before 111.11% is loose, and squeezing
// the punctuation takes the number up rather than spacing the line out.
func TestLooseLineTakesTheNumber(t *testing.T) {
	text := "深化“县管校聘”改革，每年交流轮岗教师比例达到111.11%，其中骨干教师占24.80%。"
	ls := breakLines([]span{{text: text}}, 28, 2, true, testAdvance)
	if got, want := ls[0].lineText(), "深化“县管校聘”改革，每年交流轮岗教师比例达到111.11%，"; got != want {
		t.Errorf("first line %q, want %q", got, want)
	}
}

// A number keeps its unit in running text as in tables (issue 11: "88平方/米" was broken).
func TestNumberKeepsItsUnit(t *testing.T) {
	text := "面积增加88平方米，投入2050元。"
	for _, w := range []float64{6, 7, 8, 9} {
		ls := breakLines([]span{{text: text}}, w, 0, false, testAdvance)
		var got strings.Builder
		for _, l := range ls {
			s := l.lineText()
			got.WriteString(s)
			for _, split := range []string{"88平方", "8平", "平方", "2050"} {
				if strings.HasSuffix(s, split) {
					t.Errorf("width %v: line %q ends inside a number and its unit", w, s)
				}
			}
		}
		if got.String() != text {
			t.Errorf("width %v: text %q, want %q", w, got.String(), text)
		}
	}
}

// BenchmarkBreakLines breaks a justified paragraph of body text with numbers and units, as the
// chapters have them, measuring with the typesetter's cached advances.
func BenchmarkBreakLines(b *testing.B) {
	f := testFlow(&testing.T{})
	text := strings.Repeat("全县共有义务教育学校42所，其中小学28所、初中14所；校舍建筑面积1860平方米，生均16.9平方米，达到（临界）。", 20)
	for b.Loop() {
		breakLines([]span{{text, sBody}}, f.t.st.TextW, 2*f.t.st.Body, true, f.t.adv)
	}
}
