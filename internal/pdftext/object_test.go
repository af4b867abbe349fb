package pdftext

import (
	"reflect"
	"testing"
)

func TestValue(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"42", 42},
		{"-17", -17},
		{"+3", 3},
		{"-.5", -0.5},
		{"4.", 4.0},
		{"1234567890", 1234567890},
		{"123456789012345", 1.23456789012345e14}, // beyond any offset or count: a real
		{"1e5", keyword("1e5")},
		{"(a\\(b\\)c \\101\\\nd)", str("a(b)c Ad")},
		{"(x\r\ny)", str("x\ny")},
		{"(nested (paren) ok)", str("nested (paren) ok")},
		{"<48 65 6c6>", str("Hel`")},
		{"/A#20B", name("A B")},
		{"[1 2.5 /N (s)]", array{1, 2.5, name("N"), str("s")}},
		{"<< /Length 5 0 R /K [true false null] >>", dict{"Length": ref{5, 0}, "K": array{true, false, nil}}},
		{"5 0 R", ref{5, 0}},
		{"% comment\n7", 7},
	}
	for _, tt := range tests {
		l := &lexer{b: []byte(tt.in)}
		got, err := l.value(true, 0)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %#v, %v; want %#v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"(open", "<4g>", "[1 2", "<< /A >>", "<< 1 2 >>", ")", ">"} {
		l := &lexer{b: []byte(bad)}
		if v, err := l.value(true, 0); err == nil {
			t.Errorf("%q: no error, got %#v", bad, v)
		}
	}
}
