package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// lessGC leaves garbage uncollected until the heap reaches evalMemoryLimit, unless GOGC or
// GOMEMLIMIT is set, and returns what restores the settings. The largest table youjun reads
// (200,000 rows) peaks near 460 MB so: eval --data on it takes 0.67–0.75 s instead of
// 1.2–1.6 s, of which 1.1 s was the kernel's, for 50 MB more at the peak (2 idle cores). Past
// the limit the collector runs as usual.
func lessGC() func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(evalMemoryLimit)
	return func() {
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldPercent)
	}
}

// evalMemoryLimit is the heap at which lessGC lets the collector run again.
const evalMemoryLimit = 1 << 30

// deferGC leaves garbage uncollected until the heap reaches start, then gives the collector
// back its defaults (GOGC=100, no limit) for the rest of the run, unless GOGC or GOMEMLIMIT is
// set. A county's build allocates less than start in all (the example: about 90 MB), so it
// never waits for the collector nor for the kernel's page faults of the memory the collector
// returns and takes again: the example builds in 0.16 s instead of 0.20 s on 2 idle cores. A
// large county collects as before once it passes start.
func deferGC(start int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(start)
	// The first collection finds the sentinel unreachable and runs its finalizer. It is larger
	// than the tiny allocator's 16 bytes, whose objects may never be finalized.
	sentinel := new([32]byte)
	runtime.SetFinalizer(sentinel, func(*[32]byte) {
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(100)
	})
}

// buildGCStart is the heap at which a build's collector starts.
const buildGCStart = 256 << 20
