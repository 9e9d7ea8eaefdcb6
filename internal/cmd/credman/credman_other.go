//go:build !windows

// Command credman is Windows-only test plumbing (see credman_windows.go).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "credman runs on Windows (or Wine) only")
	os.Exit(2)
}
