package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/youjun-edu/youjun/internal/synth"
)

// benchTable writes a generated table of 200,000 campuses (31 MB) and returns its path.
func benchTable(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "schools.csv")
	if err := os.WriteFile(path, synth.CSV(200_000, 1), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkEvalData runs `youjun eval --data` on 200,000 campuses end to end, summary included
// (target ≤ 0.8 s).
func BenchmarkEvalData(b *testing.B) {
	path := benchTable(b)
	for b.Loop() {
		if code := run([]string{"eval", "--data", path}, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkEvalDataJSON is BenchmarkEvalData with --json (145 MB of output).
func BenchmarkEvalDataJSON(b *testing.B) {
	path := benchTable(b)
	for b.Loop() {
		if code := run([]string{"eval", "--data", path, "--json"}, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
