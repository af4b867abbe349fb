package limited

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, []byte(strings.Repeat("x", 100)), 0o644)
	for _, tt := range []struct {
		max  int64
		want int
	}{{1000, 100}, {100, 100}, {99, 100}, {10, 11}} {
		b, err := ReadFile(p, tt.max)
		if err != nil || len(b) != tt.want {
			t.Errorf("ReadFile(max %d) = %d bytes, %v; want %d", tt.max, len(b), err, tt.want)
		}
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing"), 10); err == nil {
		t.Error("a missing file is an error")
	}
}
