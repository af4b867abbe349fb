package pdf

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/pdf/fonts"
)

func testFlow(t *testing.T) *flow {
	t.Helper()
	set, err := fonts.Find([4]string{}, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := ParseFonts(set)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := newTypesetter(StyleFrom(Settings{}), parsed)
	if err != nil {
		t.Fatal(err)
	}
	f := &flow{t: ts, next: 1}
	f.newPage()
	return f
}

// para is a paragraph of n full lines (28 characters each, the first indented).
func para(n int) block {
	return block{kind: bPara, indent: true, spans: []span{{strings.Repeat("字", 28*n-2), sBody}}}
}

// linesOn counts the text lines placed on each page.
func linesOn(f *flow) []int {
	var out []int
	for _, p := range f.t.pages {
		ys := map[float64]bool{}
		for _, o := range p.ops {
			if o.kind == opText {
				ys[o.y] = true
			}
		}
		out = append(out, len(ys))
	}
	return out
}

func TestWidowAndOrphan(t *testing.T) {
	tests := []struct {
		name  string
		room  int // lines left on the first page
		lines int
		want  []int
	}{
		{"fits", 5, 4, []int{4}},
		{"widow: the last line takes one along", 3, 4, []int{2, 2}},
		{"orphan: the first line alone moves on", 1, 3, []int{0, 3}},
		{"plain split", 3, 6, []int{3, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFlow(t)
			f.t.y = f.t.st.bottom() - float64(tt.room)*f.t.st.pitch()
			f.blocks([]block{para(tt.lines)})
			if got := linesOn(f); !equalInts(got, tt.want) {
				t.Errorf("lines per page %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHeadingKeptWithNext(t *testing.T) {
	f := testFlow(t)
	f.t.y = f.t.st.bottom() - 2*f.t.st.pitch() // room for the heading and one line
	f.blocks([]block{{kind: bHeading, level: 2, spans: []span{{"（一）资源配置", sH2}}}, para(3)})
	if got := linesOn(f); !equalInts(got, []int{0, 4}) {
		t.Errorf("lines per page %v: the heading must move with its paragraph", got)
	}
	if f.headings[0].page != 2 {
		t.Errorf("heading on page %d", f.headings[0].page)
	}
}

func TestParagraphLinesAreFull(t *testing.T) {
	f := testFlow(t)
	ls := f.lines(para(3))
	if len(ls) != 3 {
		t.Fatalf("%d lines, want 3 (28 characters a line)", len(ls))
	}
	for i, l := range ls {
		if n := len([]rune(l.lineText())); (i == 0 && n != 26) || (i > 0 && n != 28) {
			t.Errorf("line %d has %d characters", i, n)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
