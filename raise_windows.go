package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

var (
	user32       = windows.NewLazySystemDLL("user32.dll")
	procIsIconic = user32.NewProc("IsIconic")
	procShowWin  = user32.NewProc("ShowWindow")
)

const swRestore = 9 // SW_RESTORE

// restoreWindow un-minimises the window. On Windows, Show and RequestFocus
// leave a minimised window minimised, with only its taskbar button
// flashing, and the person who double-clicked would see nothing happen.
func restoreWindow(w fyne.Window) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		c, ok := ctx.(driver.WindowsWindowContext)
		if !ok || c.HWND == 0 {
			return
		}
		if r, _, _ := procIsIconic.Call(c.HWND); r != 0 {
			procShowWin.Call(c.HWND, swRestore)
		}
	})
}
