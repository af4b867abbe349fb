// Command statexport writes the example county's fictional 教育事业统计 files, derived from its
// school table, into examples/hunan/data/事业统计/ so that youjun import can be tried at once:
//
//	go run ./scripts/statexport
//	go run ./cmd/youjun import --site examples/hunan examples/hunan/data/事业统计/*.xlsx examples/hunan/data/事业统计/*.csv
//
// Run it from the repository root. The files are deterministic; a test checks that the
// committed ones are what this command writes.
package main

import (
	"fmt"
	"os"

	"github.com/youjun-edu/youjun/internal/statimport/statfixture"
)

func main() {
	files, err := statfixture.Example(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, f := range files {
		if err := os.MkdirAll(f.Dir(), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(f.Path, f.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(f.Path)
	}
}
