package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// lockFileName is the file every TokenDesk process locks before it reads or
// changes what is saved: the window and `tokendesk token` may run at once.
const lockFileName = ".lock"

// lockRetry is how often a process that waits for the lock tries again.
const lockRetry = 20 * time.Millisecond

// errBusy is the cause when the lock could not be had before ctx ended.
var errBusy = errors.New("another TokenDesk process holds the lock on the settings folder")

// lock takes the settings folder's lock: shared to read, exclusive to
// change. Each call opens the lock file anew, so two goroutines of one
// process exclude each other as two processes do (flock and LockFileEx
// work on open files, not processes). A read-only store does not create the
// lock file: when there is none, no TokenDesk that locks has written here,
// and there is nothing to wait for.
func (s *Store) lock(ctx context.Context, exclusive bool) (unlock func(), err error) {
	path := filepath.Join(s.dir, lockFileName)
	var fl *flock.Flock
	if s.readOnly {
		fl = flock.New(path, flock.SetFlag(os.O_RDONLY))
	} else {
		fl = flock.New(path)
	}
	try := fl.TryRLockContext
	if exclusive {
		try = fl.TryLockContext
	}
	ok, err := try(ctx, lockRetry)
	switch {
	case s.readOnly && errors.Is(err, os.ErrNotExist):
		return func() {}, nil
	case err == nil && !ok:
		err = errBusy
	case err != nil && ctx.Err() != nil:
		err = fmt.Errorf("%w: %w", errBusy, err)
	}
	if err != nil {
		return nil, &Error{Reason: ReasonBusy, Err: fmt.Errorf("lock %s: %w", path, err)}
	}
	return func() { _ = fl.Unlock() }, nil
}
