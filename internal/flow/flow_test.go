package flow

import "testing"

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
