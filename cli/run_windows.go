package cli

import (
	"io"
	"os"

	"golang.org/x/sys/windows"
)

// relayedSignals are the signals run catches while its command runs: on
// Windows, Ctrl-C and Ctrl-Break, which the console sends to every program
// attached to it, the command included. Caught, they leave TokenDesk
// waiting for the command, whose exit code it then returns.
var relayedSignals = []os.Signal{os.Interrupt}

// relay does nothing on Windows: the console has already given the
// command its Ctrl-C, and Windows has no other signals to hand on.
func relay(*os.Process, os.Signal) {}

// childStdin is the command's standard input. TokenDesk's .exe is a
// windowed program: typed in Command Prompt, it has no standard input
// (main.go attaches it to the console for its output only), so the
// command would read nothing. It then reads the console, as it would if
// started from Command Prompt itself. Input redirected from a file or a
// pipe is passed as it is.
func childStdin(in io.Reader) (io.Reader, func()) {
	f, ok := in.(*os.File)
	if !ok || f != os.Stdin || usableHandle(windows.Handle(f.Fd())) {
		return in, func() {}
	}
	con, err := os.OpenFile("CONIN$", os.O_RDWR, 0)
	if err != nil {
		return nil, func() {} // no console (started from Explorer): no input
	}
	return con, func() { _ = con.Close() }
}

func usableHandle(h windows.Handle) bool {
	if h == 0 || h == windows.InvalidHandle {
		return false
	}
	_, err := windows.GetFileType(h)
	return err == nil
}
