// Package gchold keeps Go's garbage collector from running during a short,
// bounded stretch of start-up work, as the Go compiler does at its start
// (cmd/compile's AdjustStartingHeap; golang/go#56546).
//
// TokenDesk builds its window in about 100 ms on the UI goroutine and
// allocates about 10 MB doing it (fonts, the catalogue, the form), most of
// it soon garbage. From the runtime's 4 MB starting heap goal the collector
// ran three times meanwhile (GODEBUG=gctrace=1), one of them for about 30
// ms in the middle of the build: its marking took the second core from the
// X server and the keychain, and slowed the build with write barriers and
// assists. The window mapped 20-30 ms later than it does with the
// collector held off until the window is built (make bench, README Speed);
// the first collection then comes once the window is up, and the memory
// after start is the same.
package gchold

import (
	"runtime/debug"
	"sync"
)

// Start turns the collector off until release is called, and returns
// release, which puts GOGC and the memory limit back as they were (GOGC and
// GOMEMLIMIT from the environment included) and may be called more than
// once. While it is off, limit bounds the memory the Go runtime holds: the
// collector runs anyway, as often as needed, once it is reached. Not for
// concurrent use with other changes to the GC's settings.
func Start(limit int64) (release func()) {
	oldLimit := debug.SetMemoryLimit(-1) // reads it
	if limit < oldLimit {
		debug.SetMemoryLimit(limit)
	}
	oldPercent := debug.SetGCPercent(-1)
	var once sync.Once
	return func() {
		once.Do(func() {
			debug.SetGCPercent(oldPercent)
			debug.SetMemoryLimit(oldLimit)
		})
	}
}
