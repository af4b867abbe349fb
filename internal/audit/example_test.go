package audit_test

import (
	"path/filepath"
	"testing"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/site"
)

func runSite(t *testing.T, dir string) []audit.Finding {
	t.Helper()
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	res := s.Evaluate()
	return audit.Run(audit.Input{Profile: s.Profile, County: s.County, Result: res, Year: s.Config.Year})
}

func TestExamplesDebug(t *testing.T) {
	for _, dir := range []string{"../..", "../../examples/hunan"} {
		for _, f := range runSite(t, filepath.Clean(dir)) {
			t.Log(f.Kind, f.Problem())
		}
	}
}
