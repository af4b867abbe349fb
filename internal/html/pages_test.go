package html

import (
	"maps"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/report"
)

// Pages render on several goroutines; a panic in one must reach the caller, where serve
// recovers from it, rather than end the program.
func TestRenderPanicReachesCaller(t *testing.T) {
	s := &site{in: Input{Report: &report.Report{}}, files: map[string][]byte{}, pages: []*page{{Kind: "school"}, {Kind: "school"}}}
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	s.render()
}

// Codes that differ only in case (AB1, ab1) got AB1.html and ab1.html, one file on Windows and
// macOS, so one school's page replaced the other's; CON.html cannot be written on Windows.
func TestSchoolFileNames(t *testing.T) {
	r := &report.Report{Schools: []data.School{{Code: "AB1"}, {Code: "ab1"}, {Code: "a/b"}, {Code: "A b"}, {Code: "CON"}, {Code: "com1"}, {Code: "com10"}, {Code: "3612340001"}}}
	got := schoolFileNames(r)
	want := map[string]string{"AB1": "AB1.html", "ab1": "ab1-2.html", "a/b": "a_b.html", "A b": "A_b-2.html",
		"CON": "CON_.html", "com1": "com1_.html", "com10": "com10.html", "3612340001": "3612340001.html"}
	if !maps.Equal(got, want) {
		t.Errorf("schoolFileNames = %v, want %v", got, want)
	}
}
