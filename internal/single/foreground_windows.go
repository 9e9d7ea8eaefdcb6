package single

import "golang.org/x/sys/windows"

var procAllowSetForegroundWindow = windows.NewLazySystemDLL("user32.dll").NewProc("AllowSetForegroundWindow")

// allowForeground lets the open window come to the front. Windows lets only
// the program the person last used (this second launch, just
// double-clicked) take the foreground; without this the open window's
// taskbar button would only flash.
func allowForeground(pid int) {
	procAllowSetForegroundWindow.Call(uintptr(uint32(pid)))
}
