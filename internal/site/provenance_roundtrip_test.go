package site

import (
	"bytes"
	"testing"
)

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
