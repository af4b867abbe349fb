package html_test

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/html"
	"github.com/youjun-edu/youjun/internal/synth"
)

// The school pages that youjun writes in Go are byte for byte what baseof.html and school.html
// make of the same data, for the example county and a generated one (split schools, schools
// left out of the evaluation, schools with and without failures and school rules).
func TestSchoolPageAsTemplates(t *testing.T) {
	synthDir := t.TempDir() + "/site"
	if err := synth.WriteSite("../..", synthDir, 300, 7); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../..", synthDir} {
		p, probs := build.Prepare(build.Options{Site: dir}, func(_ string, f func()) { f() })
		if probs.Err() != nil {
			t.Fatal(probs)
		}
		fast, n, err := html.Build(p.Input)
		if err != nil {
			t.Fatal(err)
		}
		slow, m, err := html.BuildTemplatesOnly(p.Input)
		if err != nil {
			t.Fatal(err)
		}
		if n != m || !slices.Equal(slices.Sorted(maps.Keys(fast)), slices.Sorted(maps.Keys(slow))) {
			t.Fatalf("%s: %d pages written in Go, %d by the templates, or other files", dir, n, m)
		}
		schools := 0
		for name, want := range slow {
			if strings.HasPrefix(name, "schools/") && name != "schools/index.html" {
				schools++
			}
			if got := fast[name]; !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs from the templates' page:\n%s", dir, name, firstDiff(got, want))
			}
		}
		if schools == 0 {
			t.Errorf("%s: no school pages", dir)
		}
	}
}

// firstDiff shows where two pages part.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "got:  …" + string(got[from:min(len(got), i+80)]) + "\nwant: …" + string(want[from:min(len(want), i+80)])
}
