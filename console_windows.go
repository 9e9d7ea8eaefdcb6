package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// The .exe is a windowed (GUI subsystem) program, so that a double-click
// opens no console window. Windows then gives it no standard output, and
// `tokendesk token` typed in cmd.exe or PowerShell would print nothing.
// useParentConsole attaches to the console of the program that started it,
// when there is one, and writes there. Output that is already redirected to
// a file or a pipe (`tokendesk token > f`, `$(tokendesk token)`, `| clip`)
// is left alone, so scripts get exactly what they asked for.

// attachParentProcess is ATTACH_PARENT_PROCESS ((DWORD)-1).
const attachParentProcess = ^uint32(0)

// AttachConsole is not in golang.org/x/sys/windows at the version we use.
var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

func useParentConsole() {
	outOK := redirected(windows.STD_OUTPUT_HANDLE)
	errOK := redirected(windows.STD_ERROR_HANDLE)
	if outOK && errOK {
		return
	}
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return // started from Explorer or a shortcut: there is no console to print to
	}
	con, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if !outOK {
		os.Stdout = con
		_ = windows.SetStdHandle(windows.STD_OUTPUT_HANDLE, windows.Handle(con.Fd()))
	}
	if !errOK {
		os.Stderr = con
		_ = windows.SetStdHandle(windows.STD_ERROR_HANDLE, windows.Handle(con.Fd()))
	}
}

// redirected says whether a standard handle is a file or a pipe, which the
// caller chose and which must be kept.
func redirected(std uint32) bool {
	h, err := windows.GetStdHandle(std)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	if err != nil {
		return false
	}
	return t == windows.FILE_TYPE_DISK || t == windows.FILE_TYPE_PIPE
}
