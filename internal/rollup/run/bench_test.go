package run

import (
	"path/filepath"
	"testing"

	"github.com/youjun-edu/youjun/internal/synth/synthpack"
)

// BenchmarkRollup100 rolls up a province of 100 generated counties (~70 campuses each, zipped
// packages) end to end: open, verify, re-evaluate, rollup.json, XLSX, HTML, PDF, write, swap.
func BenchmarkRollup100(b *testing.B) {
	dir := b.TempDir()
	if _, err := synthpack.Generate(repo, filepath.Join(dir, "packages"), filepath.Join(dir, "work"), 100, 1, 70); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	b.ResetTimer()
	for b.Loop() {
		res, probs := Run(Options{Inputs: []string{filepath.Join(dir, "packages")}, Out: out, SystemFonts: noFonts, Date: "2025-11-20"})
		if probs.Err() != nil {
			b.Fatal(probs)
		}
		if res.Rollup.Summary.Counties != 100 {
			b.Fatalf("%d counties", res.Rollup.Summary.Counties)
		}
	}
}
