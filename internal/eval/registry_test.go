package eval

import (
	"maps"
	"slices"
	"testing"

	"github.com/youjun-edu/youjun/internal/standard"
)

// TestRegistry keeps eval's registries and standard's vocabulary the same: a rule or measure
// that standard accepts must have a function here, and a function here must be reachable from a
// profile.
func TestRegistry(t *testing.T) {
	if got, want := slices.Sorted(maps.Keys(rulesByName)), standard.RuleNames(); !slices.Equal(got, want) {
		t.Errorf("rules in eval = %v\nrules in standard = %v", got, want)
	}
	if got, want := slices.Sorted(maps.Keys(measuresByName)), slices.Sorted(slices.Values(standard.Measures())); !slices.Equal(got, want) {
		t.Errorf("measures in eval = %v\nmeasures in standard = %v", got, want)
	}
	for name, r := range rulesByName {
		if r.school == nil && r.judge == nil {
			t.Errorf("rule %s has neither a school check nor a judge", name)
		}
	}
}
