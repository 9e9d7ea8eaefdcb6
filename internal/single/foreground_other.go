//go:build !windows

package single

// allowForeground is needed on Windows only (foreground_windows.go).
func allowForeground(int) {}
