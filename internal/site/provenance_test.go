package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/synth"
	"github.com/youjun-edu/youjun/internal/testsite"
)

// WithProvenance appends the fields as the last keys of the object, and the file without them
// is the result it was given.
func TestWithProvenance(t *testing.T) {
	result := []byte("{\n  \"county\": \"示例县\"\n}\n")
	for _, inputs := range [][]Input{nil, {NewInput(`content/一"章.md`, []byte("x")), NewInput("site.toml", nil)}} {
		got := WithProvenance(result, "(devel)", inputs, ResultDigest(result))
		var v struct {
			County  string  `json:"county"`
			Version string  `json:"youjun_version"`
			Inputs  []Input `json:"inputs"`
			Result  string  `json:"result_sha256"`
		}
		if err := json.Unmarshal(got, &v); err != nil {
			t.Fatalf("%v:\n%s", err, got)
		}
		if v.County != "示例县" || v.Version != "(devel)" || len(v.Inputs) != len(inputs) || v.Result != ResultDigest(result) {
			t.Errorf("got %+v", v)
		}
		for i := range inputs {
			if v.Inputs[i] != inputs[i] {
				t.Errorf("input %d: %+v, want %+v", i, v.Inputs[i], inputs[i])
			}
		}
		// What WithProvenance adds is indented as json.MarshalIndent would.
		var indented bytes.Buffer
		json.Indent(&indented, got, "", "  ")
		if indented.String() != string(got) { // Indent keeps the final newline
			t.Errorf("not indented as MarshalIndent:\n%s", got)
		}
	}
	if got := NewInput("a", []byte("abc")); got.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" || got.Bytes != 3 {
		t.Errorf("NewInput(abc) = %+v", got) // FIPS 180-2's example
	}
}

// The profile's digest is of its TOML bytes: the built-in text, or the site's file.
func TestProfileInput(t *testing.T) {
	dir := testsite.Copy(t, "../..")
	s, probs := Load(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	src, _ := standard.Source("national-2017")
	if !containsInput(s.Inputs, NewInput("profile:national-2017", src)) {
		t.Errorf("no digest of the built-in profile in %v", s.Inputs)
	}
	os.WriteFile(filepath.Join(dir, "my.toml"), src, 0o644)
	s, probs = Load(dir, "my.toml")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if !containsInput(s.Inputs, NewInput("my.toml", src)) {
		t.Errorf("no digest of my.toml in %v", s.Inputs)
	}
}

func containsInput(in []Input, x Input) bool {
	for _, i := range in {
		if i == x {
			return true
		}
	}
	return false
}

// BenchmarkReadInputs digests the inputs of a site of 20,000 campuses, as Load does twice.
func BenchmarkReadInputs(b *testing.B) {
	dir := testsite.Copy(b, "../..")
	os.WriteFile(filepath.Join(dir, "data", "schools.csv"), synth.CSV(20000, 7), 0o644)
	b.ResetTimer()
	for range b.N {
		readInputs(dir)
	}
}

// BenchmarkLoad loads the same site, to compare.
func BenchmarkLoad(b *testing.B) {
	dir := testsite.Copy(b, "../..")
	os.WriteFile(filepath.Join(dir, "data", "schools.csv"), synth.CSV(20000, 7), 0o644)
	b.ResetTimer()
	for range b.N {
		if _, probs := Load(dir, ""); probs.Err() != nil {
			b.Fatal(probs)
		}
	}
}

func TestChangedInput(t *testing.T) {
	a := []Input{NewInput("data/schools.csv", []byte("1")), NewInput("site.toml", []byte("x"))}
	b := []Input{NewInput("data/schools.csv", []byte("2")), NewInput("site.toml", []byte("x"))}
	for _, tt := range []struct {
		a, b []Input
		want string
	}{{a, a, ""}, {a, b, "data/schools.csv"}, {a, a[:1], "data/"}} {
		if got := changedInput(tt.a, tt.b); got != tt.want {
			t.Errorf("changedInput = %q, want %q", got, tt.want)
		}
	}
}

// WithoutProvenance gives back exactly what WithProvenance was given, whose digest is the
// result_sha256 it wrote; a file without the fields is not taken for one.
func TestWithoutProvenance(t *testing.T) {
	body := []byte("{\n  \"county\": \"示例县\",\n  \"cv\": 0.3\n}\n")
	with := WithProvenance(body, "v1", []Input{NewInput("site.toml", []byte("x"))}, ResultDigest(body))
	got, ok := WithoutProvenance(with)
	if !ok || !bytes.Equal(got, body) {
		t.Errorf("WithoutProvenance = %q, %v; want %q", got, ok, body)
	}
	if _, ok := WithoutProvenance(body); ok {
		t.Error("a file without provenance was taken for one")
	}
}
