package distcheck

import (
	"os"
	"path/filepath"
	"testing"
)

// These check the files `make test-dist` points them at.

func TestWindowsExe(t *testing.T) {
	exe := os.Getenv("TOKENDESK_DIST_EXE")
	if exe == "" {
		t.Skip("set TOKENDESK_DIST_EXE (make test-dist does)")
	}
	if err := CheckWindowsExe(exe, "TokenDesk", repoRoot(t)); err != nil {
		t.Fatal(err)
	}
}

func TestLinuxBinary(t *testing.T) {
	bin := os.Getenv("TOKENDESK_DIST_BIN")
	if bin == "" {
		t.Skip("set TOKENDESK_DIST_BIN (make test-dist does)")
	}
	if err := CheckLinuxBinary(bin, repoRoot(t)); err != nil {
		t.Fatal(err)
	}
}

// A binary built here without -trimpath is caught.
func TestCatchesBuildPath(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckLinuxBinary(self, repoRoot(t)); err == nil {
		t.Error("a test binary (not stripped, built with paths) passed the release check")
	}
}

func repoRoot(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(filepath.Dir(wd))
}
