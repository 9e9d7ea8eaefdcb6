// Package heapprofile writes a heap profile of the running app when
// TOKENDESK_HEAPPROFILE names a file: what `make bench` uses to find where
// memory at start goes (go tool pprof -sample_index=inuse_space FILE).
// Without the variable it does nothing.
package heapprofile

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// Env is the variable that names the profile's file.
const Env = "TOKENDESK_HEAPPROFILE"

// AtStart writes the profile once the window has settled (after delay), in
// the background.
func AtStart(delay time.Duration) {
	path := os.Getenv(Env)
	if path == "" {
		return
	}
	go func() {
		time.Sleep(delay)
		runtime.GC()
		f, err := os.Create(path)
		if err != nil {
			return
		}
		defer f.Close()
		_ = pprof.Lookup("heap").WriteTo(f, 0)
	}()
}
