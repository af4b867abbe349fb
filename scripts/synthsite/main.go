// Command synthsite writes a site with a generated county of n campuses and the example's
// county figures, survey, history and chapters, for measuring builds at scale:
//
//	go run ./scripts/synthsite -n 20000 -out /tmp/s20000
//	/usr/bin/time -v go run ./cmd/youjun build --site /tmp/s20000
//
// Run it from the repository root (it copies the example's files from there).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/youjun-edu/youjun/internal/synth"
)

func main() {
	n := flag.Int("n", 500, "number of campuses")
	seed := flag.Uint64("seed", 7, "random seed")
	out := flag.String("out", "", "site folder to create (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: synthsite -n N -out DIR")
		os.Exit(2)
	}
	if err := write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(dir string, n int, seed uint64) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s already exists", dir)
	}
	return synth.WriteSite(".", dir, n, seed)
}
