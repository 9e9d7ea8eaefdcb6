package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// tempPrefix marks our temporary files, so a crash's leftovers can be
// recognised and removed.
const tempPrefix = ".tokendesk-tmp-"

// writeFileAtomic replaces path with data so that a crash at any moment
// leaves either the old file or the new one, never a mix: it writes a
// temporary file in the same folder, syncs it, renames it over path, and
// syncs the folder. On any error the old file is untouched and the
// temporary file is removed.
func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("create temporary file in %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp makes 0600 files; set perm before any byte is written.
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("set permissions on %s: %w", tmp.Name(), err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename itself durable. Not every system can sync a
// folder (Windows cannot), and the file is already safe, so errors are
// ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// removeLeftovers deletes temporary files a crash left behind.
func removeLeftovers(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
