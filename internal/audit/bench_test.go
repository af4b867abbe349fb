package audit_test

import (
	"slices"
	"testing"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/synth"
)

// BenchmarkAudit2000 audits a county of 2,000 campuses against a previous year's table, the
// previous year evaluated inside the audit as check does it. "moved" is a plausible year: every
// area and the equipment 5 % smaller the year before (no row copied, no jump); "unrelated" the
// worst case, another county's table (the generator's other seed), where nearly every school
// jumps in some indicator and thousands of findings are written.
func BenchmarkAudit2000(b *testing.B) {
	p := profile(b)
	load := func(seed uint64) *data.County {
		t, probs := data.ParseCSV(synth.CSV(2000, seed), "data/schools.csv")
		if probs.Err() != nil {
			b.Fatal(probs)
		}
		return &data.County{Table: t}
	}
	cur := load(1)
	moved := &data.County{Table: &data.Table{File: "data/history/2024/schools.csv", Present: cur.Table.Present, Schools: slices.Clone(cur.Table.Schools)}}
	for i := range moved.Table.Schools {
		s := &moved.Table.Schools[i]
		for _, n := range []*data.Number{&s.TeachingArea, &s.SportsArea, &s.EquipmentValue} {
			n.Value *= 0.95
		}
	}
	unrelated := load(2)
	unrelated.Table.File = "data/history/2024/schools.csv"
	res := eval.Evaluate(eval.Input{Profile: p, County: cur, Year: 2025})
	for _, c := range []struct {
		name string
		prev *data.County
	}{{"moved", moved}, {"unrelated", unrelated}} {
		b.Run(c.name, func(b *testing.B) {
			in := audit.Input{Profile: p, County: cur, Result: res, Year: 2025, Previous: c.prev, PreviousYear: 2024}
			b.ReportMetric(float64(len(audit.Run(in))), "findings")
			for b.Loop() {
				audit.Run(in)
			}
		})
	}
}
