// Command synthpacks writes N synthetic county packages (zips) for measuring youjun rollup:
//
//	go run ./scripts/synthpacks -n 100 -out /tmp/packs100
//	/usr/bin/time -v go run ./cmd/youjun rollup --out /tmp/r100 /tmp/packs100
//
// Run it from the repository root (it copies the example's county figures and chapters).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/youjun-edu/youjun/internal/synth/synthpack"
)

func main() {
	n := flag.Int("n", 100, "number of counties")
	campuses := flag.Int("campuses", 70, "mean number of campuses per county")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "folder to create for the packages (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: synthpacks -n N -out DIR")
		os.Exit(2)
	}
	if err := write(*out, *n, *campuses, *seed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(dir string, n, campuses int, seed uint64) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s already exists", dir)
	}
	work, err := os.MkdirTemp("", "synthpacks-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	_, err = synthpack.Generate(".", dir, work, n, seed, campuses)
	return err
}
