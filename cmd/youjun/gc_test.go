package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// deferGC gives the collector its defaults back after the first collection.
func TestDeferGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	deferGC(1 << 40)
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("before a collection: GC percent %d, want -1 (off)", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 1<<40 {
		t.Errorf("before a collection: memory limit %d, want %d", l, int64(1<<40))
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		if p := debug.SetGCPercent(-1); p == 100 {
			debug.SetGCPercent(100)
			break
		} else {
			debug.SetGCPercent(p)
		}
		if time.Now().After(deadline) {
			t.Fatal("the collector's defaults were not given back after a collection")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("after a collection: memory limit %d, want none", l)
	}
}

// With GOGC set, deferGC leaves the collector alone.
func TestDeferGCRespectsGOGC(t *testing.T) {
	t.Setenv("GOGC", "50")
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	deferGC(1 << 40)
	if p := debug.SetGCPercent(77); p != 77 {
		t.Errorf("GC percent %d, want 77 (untouched)", p)
	}
}
