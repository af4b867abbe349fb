package html

import (
	"testing"

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
