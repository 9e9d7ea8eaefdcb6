//go:build !windows

// Command winprobe is Windows-only test plumbing (see winprobe_windows.go).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "winprobe runs on Windows (or Wine) only")
	os.Exit(2)
}
