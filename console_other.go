//go:build !windows

package main

// useParentConsole is for Windows' windowed .exe (console_windows.go);
// elsewhere a program started from a terminal already writes to it.
func useParentConsole() {}
