package claims

import (
	"os"
	"path/filepath"
	"strings"
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

// testdata/agree.md writes by hand, in the ways a clerk does, figures of the example site that
// agree with its data; testdata/contradict.md is the same text with 15 of them changed.
func TestHandwritten(t *testing.T) {
	facts, _ := load(t, "../..")
	for _, tt := range []struct {
		file string
		want []string
	}{
		{"agree.md", nil},
		{"contradict.md", []string{"83所", "14.5∶1", "60所", "6.70人", "12.08平方米", "0.479", "0.196", "0.267",
			"0.358", "104920元", "11.9%", "98.7%", "98.8%", "596份", "94.18%"}},
	} {
		src, err := os.ReadFile(filepath.Join("testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		got := Check([]Chapter{parse(t, "content/"+tt.file, string(src))}, facts)
		var quoted []string
		for _, f := range got {
			quoted = append(quoted, f.Quoted)
		}
		if strings.Join(quoted, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: found %q\nwant %q", tt.file, quoted, tt.want)
			for _, f := range got {
				t.Log(f.Message)
			}
		}
	}
}
