package store

import (
	"context"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchSettle is how long Watch waits after a change before it reports
// it: one save renames a file or two, and the window need read once.
const watchSettle = 150 * time.Millisecond

// Watch calls changed (on a goroutine of its own) shortly after the
// settings file changes: whoever changed it, this process or another
// (tokendesk login, another TokenDesk). It watches the settings folder,
// since every save replaces the file with a new one, until ctx is done.
// An error means nothing is watched: the caller can still read again when
// it has reason to (the window does when it comes to the front).
func (s *Store) Watch(ctx context.Context, changed func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	if err := w.Add(s.dir); err != nil {
		w.Close()
		return err
	}
	go func() {
		defer w.Close()
		settle := time.NewTimer(0)
		if !settle.Stop() {
			<-settle.C
		}
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if filepath.Base(ev.Name) == settingsFileName {
					settle.Reset(watchSettle)
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
				// An overflow may have hidden a change: read again.
				settle.Reset(watchSettle)
			case <-settle.C:
				changed()
			}
		}
	}()
	return nil
}
