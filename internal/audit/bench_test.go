package audit_test

import (
	"testing"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/synth"
)

// BenchmarkAudit2000 audits a county of 2,000 campuses against the previous year's table (the
// same generator with another seed: every school's figures differ), the previous year
// evaluated inside the audit as check does it.
func BenchmarkAudit2000(b *testing.B) {
	p := profile(b)
	load := func(seed uint64) *data.County {
		t, probs := data.ParseCSV(synth.CSV(2000, seed), "data/schools.csv")
		if probs.Err() != nil {
			b.Fatal(probs)
		}
		return &data.County{Table: t}
	}
	cur, prev := load(1), load(2)
	res := eval.Evaluate(eval.Input{Profile: p, County: cur, Year: 2025})
	in := audit.Input{Profile: p, County: cur, Result: res, Year: 2025, Previous: prev, PreviousYear: 2024}
	b.Logf("%d findings", len(audit.Run(in)))
	b.ResetTimer()
	for b.Loop() {
		audit.Run(in)
	}
}
