package jsondiff

import (
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	got := `{"county":"示例县","cv":{"primary":{"R4":0.41}},"units":[{"code":"1","level":"primary","students":100},
		{"code":"1","level":"junior","students":50},{"code":"2","level":"primary","students":7}],
		"items":[{"id":"G1","status":"达到"},{"id":"G2","status":"达到"}],"list":[1,2],"flag":true,"n":0.30}`
	want := `{"county":"示例县","cv":{"primary":{"R4":0.43}},"units":[{"code":"1","level":"primary","students":100},
		{"code":"1","level":"junior","students":51},{"code":"3","level":"primary","students":7}],
		"items":[{"id":"G2","status":"未达到"},{"id":"G1","status":"达到"}],"list":[1,2,3],"flag":"true","n":0.3}`
	g, err := Decode([]byte(got))
	if err != nil {
		t.Fatal(err)
	}
	w, _ := Decode([]byte(want))
	var lines []string
	Compare(g, w, func(where, got, want, msg string) {
		lines = append(lines, where+" "+got+" → "+want)
	})
	wantLines := []string{
		"cv.primary.R4 0.41 → 0.43",
		"flag true → true",
		"items[G2].status 达到 → 未达到",
		"list[2] （无） → 3",
		"units[1 junior].students 50 → 51",
		"units[3 primary] （无） → 3 primary",
		"units[2 primary] 2 primary → （无）",
	}
	if strings.Join(lines, "\n") != strings.Join(wantLines, "\n") {
		t.Errorf("differences:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
}

// FuzzCompare compares arbitrary JSON: never a panic, and a value equals itself.
func FuzzCompare(f *testing.F) {
	f.Add([]byte(`{"a":[{"id":"x","v":1},{"id":"y"}]}`), []byte(`{"a":[{"id":"y","v":2}]}`))
	f.Add([]byte(`[{"code":"1","level":"primary"},{"code":"1","level":"junior"}]`), []byte(`[1,"2",null]`))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		x, err := Decode(a)
		if err != nil {
			return
		}
		if y, err := Decode(b); err == nil {
			Compare(x, y, func(string, string, string, string) {})
		}
		Compare(x, x, func(where, got, want, msg string) {
			t.Errorf("a value differs from itself at %s: %s, %s", where, got, want)
		})
	})
}
