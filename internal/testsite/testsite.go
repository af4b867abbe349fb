// Package testsite copies the repository's example site for tests that change it.
package testsite

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Copy copies site.toml, data/ and content/ of the site at root into a temporary folder.
func Copy(t testing.TB, root string) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"site.toml", "data", "content"} {
		err := filepath.WalkDir(filepath.Join(root, p), func(src string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, src)
			dst := filepath.Join(dir, rel)
			if d.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			b, err := os.ReadFile(src)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
