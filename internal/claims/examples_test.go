package claims

import (
	"path/filepath"
	"testing"

	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/site"
)

// exampleSites are the two example sites, whose chapters are written to agree with their data.
var exampleSites = []string{"../..", "../../examples/hunan"}

// load reads an example site's facts and chapters.
func load(t testing.TB, dir string) ([]Fact, []Chapter) {
	t.Helper()
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatalf("%s: %v", dir, probs.Err())
	}
	docs, probs := content.LoadDir(filepath.Join(dir, "content"), "content")
	if probs.Err() != nil {
		t.Fatalf("%s: %v", dir, probs.Err())
	}
	chs := make([]Chapter, len(docs))
	for i, d := range docs {
		chs[i] = FromDoc(d)
	}
	return Facts(s.Evaluate(), s.County), chs
}

// The example sites' chapters agree with their data: no finding at all.
func TestExamplesClean(t *testing.T) {
	for _, dir := range exampleSites {
		facts, chs := load(t, dir)
		if len(facts) < 40 {
			t.Errorf("%s: only %d facts", dir, len(facts))
		}
		for _, f := range Check(chs, facts) {
			t.Errorf("%s: false alarm: %s", dir, f.Message)
		}
	}
}
