package claims

import "testing"

// The rule: the quoted figure equals the computed one rounded half-up to the quoted decimals;
// inequalities compare the rounded value (不低于, 以上 …) or the exact one (高于, 低于 …).
func TestAgrees(t *testing.T) {
	tests := []struct {
		q    string
		mult int
		op   string
		v    float64
		want bool
	}{
		{"0.41", 0, opEq, 0.4123, true},
		{"0.41", 0, opEq, 0.43, false},
		{"98.2", 0, opEq, 97.5, false},
		{"98", 0, opEq, 97.5, true},
		{"97", 0, opEq, 97.5, false},
		{"96", 0, opEq, 96.5, false}, // half-up, not to even
		{"97", 0, opEq, 96.5, true},
		{"97.5", 0, opEq, 97.45, true}, // the shortest form 97.45, though its float64 is below
		{"97.4", 0, opEq, 97.45, false},
		{"0.413", 0, opEq, 0.4125, true},
		{"0.30", 0, opEq, 0.2951, true},
		{"0.29", 0, opEq, 0.2951, false},
		{"0.2950", 0, opEq, 0.2951, false},
		{"4.37", 4, opEq, 43672, true}, // 4.37万
		{"4.36", 4, opEq, 43672, false},
		{"9.6", 8, opEq, 960000000, true},
		{"29673", 0, opEq, 29673, true},
		{"29674", 0, opEq, 29673, false},
		{"95", 0, opGE, 97.5, true},
		{"98", 0, opGE, 97.5, true},
		{"98", 0, opGE, 97.4, false},
		{"97.5", 0, opGT, 97.5, false},
		{"85", 0, opGT, 85.3, true},
		{"0.50", 0, opLE, 0.497, true},
		{"0.49", 0, opLE, 0.497, false},
		{"0.5", 0, opLT, 0.497, true},
		{"0.497", 0, opLT, 0.497, false},
		{"x", 0, opEq, 1, true},
	}
	for _, tt := range tests {
		if got := agrees(tt.q, tt.mult, tt.op, tt.v); got != tt.want {
			t.Errorf("agrees(%s, %d, %s, %v) = %v", tt.q, tt.mult, tt.op, tt.v, got)
		}
	}
}

func TestAsShown(t *testing.T) {
	tests := []struct {
		q, shown string
		want     bool
	}{
		{"0.412", "0.412", true},
		{"3419.97", "3,419.97元", true},
		{"3419.9", "3,419.97元", false},
		{"13.52", "13.52∶1", true},
		{"19", "1∶19", true},
		{"96", "96.5%", false},
		{"5", "96.5%", false},
	}
	for _, tt := range tests {
		if got := asShown(tt.q, 0, tt.shown); got != tt.want {
			t.Errorf("asShown(%s, %s) = %v", tt.q, tt.shown, got)
		}
	}
}
