//go:build !windows

package main

import "fyne.io/fyne/v2"

// restoreWindow: on Linux and macOS, RequestFocus asks the window manager
// to activate the window, which un-minimises it too.
func restoreWindow(fyne.Window) {}
