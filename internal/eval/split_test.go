package eval

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

// splitUnitsSerial is SplitUnits as it was before it ran in parts, campus after campus: the
// reference of the parts' counting and placing.
func splitUnitsSerial(p *standard.Profile, schools []data.School) (units []Unit, excluded []Excluded) {
	r := &p.Resource
	w := r.SplitWeight
	for i := range schools {
		s := &schools[i]
		if reason := exclusion(r, s); reason != "" {
			excluded = append(excluded, Excluded{Code: s.Code, Name: s.Name, Type: s.Type, Row: s.Row, Reason: reason})
			continue
		}
		units = appendUnits(units, s, i, w)
	}
	return units, excluded
}

// SplitUnits in parts gives the units and exclusions of a serial split, whatever the student
// counts (absurd ones included: the loader never passes them, the fuzz tests do).
func TestSplitUnitsInParts(t *testing.T) {
	p := national(t)
	r := rand.New(rand.NewPCG(3, 4))
	counts := []float64{0, 0, 30, 49, 50, 300, 1200, -1.5, math.NaN(), 1e308}
	schools := make([]data.School, 3*unitsPerPart+17)
	for i := range schools {
		s := &schools[i]
		s.Row, s.Code, s.Name = i+2, "S"+string(rune('A'+i%26)), "校"
		s.Type = standard.SchoolTypes[r.IntN(len(standard.SchoolTypes))]
		s.PrimaryStudents = data.Num(counts[r.IntN(len(counts))])
		s.JuniorStudents = data.Num(counts[r.IntN(len(counts))])
		s.SeniorStudents = data.Num(counts[r.IntN(len(counts))])
	}
	wantU, wantE := splitUnitsSerial(p, schools)
	gotU, gotE := SplitUnits(p, schools)
	if len(wantU) == 0 || len(wantE) == 0 {
		t.Fatal("the schools make no units or no exclusions")
	}
	// NaN shares are equal for this comparison.
	for _, us := range [][]Unit{wantU, gotU} {
		for i := range us {
			if math.IsNaN(us[i].Share) {
				us[i].Share = -1
			}
			if math.IsNaN(us[i].Students) {
				us[i].Students = -1
			}
		}
	}
	if !reflect.DeepEqual(gotU, wantU) || !reflect.DeepEqual(gotE, wantE) {
		t.Errorf("SplitUnits: %d units, %d excluded; serial: %d units, %d excluded", len(gotU), len(gotE), len(wantU), len(wantE))
	}
}
