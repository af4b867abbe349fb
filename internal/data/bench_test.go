package data_test

import (
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/synth"
)

// BenchmarkLoadCSV parses and validates a generated table of 200,000 campuses (target ≤ 1 s).
func BenchmarkLoadCSV(b *testing.B) {
	src := synth.CSV(200_000, 1)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		t, probs := data.ParseCSV(src, "synth.csv")
		if probs.Err() != nil || len(t.Schools) != 200_000 {
			b.Fatal(probs)
		}
	}
}
