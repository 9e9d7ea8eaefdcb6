// Package loopbacktest has the port helpers the loopback receiver's tests
// share: finding a free port, and checking that nothing listens any more.
package loopbacktest

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

// FreePort returns a port nothing listens on now.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// AssertPortFree fails the test if anything still listens on port, on
// 127.0.0.1 or (where the machine has it) ::1.
func AssertPortFree(t testing.TB, port int) {
	t.Helper()
	for _, host := range []string{"127.0.0.1", "::1"} {
		l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
		if err != nil {
			if host == "::1" && !strings.Contains(err.Error(), "in use") {
				continue // no IPv6 here
			}
			t.Errorf("port %d on %s is still taken: %v", port, host, err)
			continue
		}
		l.Close()
	}
}

// HaveIPv6 reports whether this machine has an IPv6 loopback address.
func HaveIPv6() bool {
	l, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		return false
	}
	l.Close()
	return true
}
