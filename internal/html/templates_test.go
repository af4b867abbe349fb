package html

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/youjun-edu/youjun/templates"
)

// youjun's own templates are exactly baseof.html and one file per kind of page.
func TestDefaultTemplates(t *testing.T) {
	got, err := fs.Glob(templates.FS, "*")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"baseof.html"}
	for _, k := range kinds {
		want = append(want, k+".html")
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("templates/ embeds %v, want %v", got, want)
	}
}

// A site's templates/ is read only for the names youjun knows: the repository's own
// templates/ (the example site's, holding templates.go) and other files, folders and links
// that are not templates neither fail the build nor become templates.
func TestSiteTemplatesKnownNamesOnly(t *testing.T) {
	stray := t.TempDir()
	dir := filepath.Join(stray, "templates")
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("{{"), 0o644)
	os.WriteFile(filepath.Join(dir, "templates.go"), []byte("package templates"), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "index.html"), []byte("{{"), 0o644)
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.html")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		site, prefix string
	}{
		{"../..", "templates/"}, // the example site overrides every file with the same text
		{stray, "youjun/templates/"},
		{"", "youjun/templates/"},
	} {
		_, files, err := loadTemplates(tt.site, (&site{}).funcMap())
		if err != nil {
			t.Errorf("site %q: %v", tt.site, err)
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if files[name] != tt.prefix+name {
				t.Errorf("site %q: %s read from %s, want %s", tt.site, name, files[name], tt.prefix+name)
			}
		}
		if len(files) != len(kinds)+1 {
			t.Errorf("site %q: %d templates read, want %d", tt.site, len(files), len(kinds)+1)
		}
	}
}
