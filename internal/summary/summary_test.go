package summary

import (
	"bytes"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/site"
)

// The terminal speaks with the site's voice: a county value reads 3,419.97 in both, not 3419.97
// in the terminal.
func TestNumbersAsOnSite(t *testing.T) {
	s, probs := site.Load("../..", "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	rep := report.New(s.Evaluate(), s.Profile, s.County)
	var b bytes.Buffer
	if err := Write(&b, rep, "示例县"); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"resource.primary.R6.value", "resource.junior.R6.value", "resource.primary.R5.cv"} {
		v, err := rep.Value(key)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), " "+v+" ") {
			t.Errorf("the summary does not show %s as the site does (%s)", key, v)
		}
	}
	if strings.Contains(b.String(), "3419.97") {
		t.Error("the summary writes 3419.97 without the thousands separator")
	}
}
