//go:build windows

package oauthflow

import (
	"errors"
	"syscall"
)

// wsaeaddrinuse is Winsock's "address already in use"; syscall.EADDRINUSE is
// an invented value on Windows that no socket call returns.
const wsaeaddrinuse = syscall.Errno(10048)

func isAddrInUse(err error) bool {
	return errors.Is(err, wsaeaddrinuse) || errors.Is(err, syscall.EADDRINUSE)
}
