//go:build !linux

package cli

import "testing"

// childOnThisSystem: the children that send or trap signals are tested
// on Linux (run_unix_test.go).
func childOnThisSystem(t *testing.T, args []string) int {
	t.Logf("no child %q on this system", args[0])
	return 2
}
