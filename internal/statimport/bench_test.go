package statimport

import (
	"path/filepath"
	"testing"

	"github.com/youjun-edu/youjun/internal/config"
)

// BenchmarkImportExample reads the example's county export and roster and maps them: the whole
// of youjun import but for loading the site and writing the table.
func BenchmarkImportExample(b *testing.B) {
	m, _ := LoadMapping(b.TempDir())
	export := filepath.Join(root, exampleExport)
	roster := filepath.Join(root, exampleRoster)
	for b.Loop() {
		var inputs []Input
		for _, p := range []string{export, roster} {
			sheets, err := ReadFile(p, p)
			if err != nil {
				b.Fatal(err)
			}
			inputs = append(inputs, Input{Name: p, Sheets: sheets})
		}
		res, probs := Import(inputs, Options{Mapping: m, MapName: BuiltinName, Branches: config.BranchOwn})
		if probs.Err() != nil {
			b.Fatal(probs)
		}
		if _, err := XLSX(res); err != nil {
			b.Fatal(err)
		}
	}
}
