//go:build unix

package cli

import (
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// relayedSignals are the signals run catches while its command runs, and
// hands on to it (relay).
var relayedSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// relay hands the signal TokenDesk was sent on to the command it runs.
//
// The command is in TokenDesk's process group, so a signal the terminal
// sends its foreground job (Ctrl-C's SIGINT, Ctrl-\\'s SIGQUIT, SIGHUP when
// it closes) reaches the command directly, as it reaches TokenDesk:
// handing it on too would deliver it twice, and a program that counts its
// Ctrl-Cs (a second one to quit at once) would take it for two. Such a
// signal is recognised by TokenDesk being the terminal's foreground job
// when it comes. One sent by kill, to TokenDesk alone, is handed on.
func relay(p *os.Process, s os.Signal) {
	if s != syscall.SIGTERM && inTerminalForeground() {
		return
	}
	_ = p.Signal(s) // the command may have just ended: nothing to do
}

// inTerminalForeground says whether TokenDesk's process group is the
// foreground job of its controlling terminal (none: false).
func inTerminalForeground() bool {
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return false
	}
	defer tty.Close()
	fg, err := unix.IoctlGetInt(int(tty.Fd()), unix.TIOCGPGRP)
	return err == nil && fg == unix.Getpgrp()
}

// childStdin is the command's standard input: TokenDesk's own.
func childStdin(in io.Reader) (io.Reader, func()) { return in, func() {} }
