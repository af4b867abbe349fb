package pdftext

import (
	"reflect"
	"testing"
)

func pages(texts ...[]string) []Page {
	var ps []Page
	for i, t := range texts {
		ps = append(ps, Page{Number: i + 1, Lines: t})
	}
	return ps
}

func TestDiff(t *testing.T) {
	a := []string{"标题", "巩固率达到98.2%", "差异系数为0.43", "— 1 —"}
	tests := []struct {
		name      string
		want, got []Page
		diffs     []Difference
	}{
		{"same", pages(a, a), pages(a, a), nil},
		{"one line changed", pages(a, a), pages(a, []string{"标题", "巩固率达到89.2%", "差异系数为0.43", "— 1 —"}),
			[]Difference{{Page: 2, Line: 2, Want: "巩固率达到98.2%", Got: "巩固率达到89.2%"}}},
		{"line removed", pages(a), pages([]string{"标题", "差异系数为0.43", "— 1 —"}),
			[]Difference{{Page: 1, Line: 2, Want: "巩固率达到98.2%"}}},
		{"line added at the end", pages(a), pages(append(append([]string{}, a...), "附注")),
			[]Difference{{Page: 1, Line: 5, Got: "附注"}}},
		{"two changes apart", pages(a), pages([]string{"标 题", "巩固率达到98.2%", "差异系数为0.41", "— 1 —"}),
			[]Difference{{Page: 1, Line: 1, Want: "标题", Got: "标 题"}, {Page: 1, Line: 3, Want: "差异系数为0.43", Got: "差异系数为0.41"}}},
		{"page missing", pages(a, []string{"x"}, a), pages(a, a),
			[]Difference{{Page: 2, Want: "x"}}},
		{"page extra", pages(a), pages(a, []string{"x", "y"}),
			[]Difference{{Page: 2, Got: "x\ny"}}},
		{"empty got", pages(a), nil, []Difference{{Page: 1, Want: "标题\n巩固率达到98.2%\n差异系数为0.43\n— 1 —"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff(tt.want, tt.got); !reflect.DeepEqual(got, tt.diffs) {
				t.Errorf("Diff =\n%+v\nwant\n%+v", got, tt.diffs)
			}
		})
	}
}

// Beyond the table's bound the lines are paired in order, without a table.
func TestDiffLarge(t *testing.T) {
	var a, b []string
	for i := range 3000 {
		a = append(a, string(rune('a'+i%26)))
		b = append(b, string(rune('A'+i%26)))
	}
	d := Diff(pages(a), pages(b))
	if len(d) != 3000 || d[0] != (Difference{Page: 1, Line: 1, Want: "a", Got: "A"}) {
		t.Errorf("got %d differences, first %+v", len(d), d[0])
	}
}
