package main

import (
	"os"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/resolve"
	"github.com/youjun-edu/youjun/internal/standard"
)

// The README documents every column of the school table and every key of county.toml.
func TestReadmeDocumentsData(t *testing.T) {
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(src)
	for _, c := range data.Columns {
		if c.Key == "equipment_value_yuan" {
			continue // documented with equipment_value
		}
		if !strings.Contains(readme, "| "+c.Header+" | "+c.Key+" |") {
			t.Errorf("README lacks the column %s (%s)", c.Header, c.Key)
		}
	}
	p, err := standard.Load(standard.Default)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range p.Items {
		for _, in := range it.Inputs {
			if !strings.Contains(readme, "`"+in.Key+"`") {
				t.Errorf("README lacks the county.toml key %s.%s", it.ID, in.Key)
			}
		}
	}
	for _, cmd := range []string{"go run ./cmd/youjun build", "go test ./..."} {
		if !strings.Contains(readme, cmd) {
			t.Errorf("README lacks %q", cmd)
		}
	}
}

// The README documents every shortcode.
func TestReadmeDocumentsShortcodes(t *testing.T) {
	src, _ := os.ReadFile("../../README.md")
	for _, k := range resolve.Kinds {
		if !strings.Contains(string(src), "{{< "+k.Name) {
			t.Errorf("README lacks the shortcode %s", k.Name)
		}
	}
}
