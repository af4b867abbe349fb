package eval

import (
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/synth"
)

// BenchmarkEvaluate evaluates a generated nation of 200,000 campuses (DESIGN target ≤ 0.5 s).
func BenchmarkEvaluate(b *testing.B) {
	table, probs := data.ParseCSV(synth.CSV(200_000, 1), "synth.csv")
	if probs.Err() != nil {
		b.Fatal(probs)
	}
	p := national(b)
	c := &data.County{Table: table}
	b.ResetTimer()
	var units int
	for b.Loop() {
		res := Evaluate(Input{Profile: p, County: c, Year: 2025})
		units = len(res.Units)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(units), "ns/unit")
}
