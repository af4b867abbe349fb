package verify

import (
	"path/filepath"
	"testing"

	"github.com/youjun-edu/youjun/internal/synth"
)

// benchVerify packs the site in dir once and verifies the zip b.N times: open (unzip), check
// the manifest, re-evaluate, compare. The goals: ≤ 1 s for the example, ≤ 5 s for 2,000 campuses.
func benchVerify(b *testing.B, dir string) {
	zip := packSite(b, dir, b.TempDir())
	b.ResetTimer()
	for b.Loop() {
		rep, err := Verify(zip)
		if err != nil || !rep.OK() {
			b.Fatalf("verify: %v, %+v", err, rep)
		}
	}
}

func BenchmarkVerifyExample(b *testing.B) { benchVerify(b, "../..") }

func BenchmarkVerify2000(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := synth.WriteSite("../..", dir, 2000, 7); err != nil {
		b.Fatal(err)
	}
	benchVerify(b, dir)
}
