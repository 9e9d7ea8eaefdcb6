//go:build unix

package store

import (
	"os/signal"
	"syscall"
	"testing"
)

// limitFileSize makes writes past n bytes fail with EFBIG, as a full disk
// would, for this (child) process.
func limitFileSize(t *testing.T, n uint64) {
	signal.Ignore(syscall.SIGXFSZ)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		t.Fatalf("setrlimit: %v", err)
	}
}
