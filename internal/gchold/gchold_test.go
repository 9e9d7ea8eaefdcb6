package gchold

import (
	"runtime"
	"runtime/debug"
	"testing"
)

const mib = 1 << 20

// sink keeps allocations from being optimised away or put on the stack.
var sink []byte

// allocate makes n MiB of garbage, 64 KiB at a time.
func allocate(n int) {
	for i := 0; i < n*16; i++ {
		sink = make([]byte, 64<<10)
	}
	sink = nil
}

func numGC() uint32 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.NumGC
}

// keepSettings puts the test process's GC settings back after the test.
func keepSettings(t *testing.T) {
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

func TestNoCollectionWhileHeld(t *testing.T) {
	keepSettings(t)
	runtime.GC() // none left running
	release := Start(1 << 30)
	before := numGC()
	allocate(64) // sixteen times the heap's starting goal
	held := numGC()
	release()
	if held != before {
		t.Errorf("%d collections while held, want none", held-before)
	}
	// And it runs again once released.
	allocate(64)
	if after := numGC(); after == held {
		t.Error("no collection after release, over 64 MiB of garbage")
	}
}

func TestLimitCollectsWhileHeld(t *testing.T) {
	keepSettings(t)
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	release := Start(int64(m.Sys-m.HeapReleased) + 16*mib)
	defer release()
	before := numGC()
	allocate(128)
	if numGC() == before {
		t.Error("no collection past the limit while held")
	}
}

func TestReleasePutsSettingsBack(t *testing.T) {
	for _, tc := range []struct {
		name              string
		gogc              int
		memLimit, limit   int64
		wantLimitWhenHeld int64
	}{
		{"a lower limit applies while held", 73, 900 * mib, 300 * mib, 300 * mib},
		{"a higher limit leaves the one set", 250, 200 * mib, 300 * mib, 200 * mib},
		{"GOGC off stays off", -1, 500 * mib, 300 * mib, 300 * mib},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keepSettings(t)
			debug.SetGCPercent(tc.gogc)
			debug.SetMemoryLimit(tc.memLimit)

			release := Start(tc.limit)
			if p := debug.SetGCPercent(-1); p != -1 {
				t.Errorf("GOGC while held: %d, want off (-1)", p)
			}
			if l := debug.SetMemoryLimit(-1); l != tc.wantLimitWhenHeld {
				t.Errorf("memory limit while held: %d MiB, want %d MiB", l/mib, tc.wantLimitWhenHeld/mib)
			}
			release()
			if p := debug.SetGCPercent(-1); p != tc.gogc {
				t.Errorf("GOGC after release: %d, want %d", p, tc.gogc)
			}
			if l := debug.SetMemoryLimit(-1); l != tc.memLimit {
				t.Errorf("memory limit after release: %d MiB, want %d MiB", l/mib, tc.memLimit/mib)
			}

			// A second release changes nothing set since the first.
			debug.SetGCPercent(42)
			release()
			if p := debug.SetGCPercent(-1); p != 42 {
				t.Errorf("a second release set GOGC to %d; want the 42 set after the first", p)
			}
		})
	}
}
