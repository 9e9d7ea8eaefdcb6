package gui

import (
	"errors"
	"os"
	"sync/atomic"
	"testing"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/store"
)

// The keychains the window's tests put it in front of.

func withRefresh(_ *harness, a *fakelinkedin.App) { a.Refresh = true }

var (
	// errLocked is what the Secret Service says of a locked keychain (or a
	// dismissed unlock prompt): there is one, not now.
	errLocked = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")
	// errNoService is what it says on a computer without one.
	errNoService = errors.New("The name org.freedesktop.secrets was not provided by any .service files")
)

// withRealKeychain keeps the harness's store on the system's keychain (the
// test Secret Service) rather than one in memory, for the tests about it:
// those that check its entries from outside with secret-tool, or share the
// store with child processes (memory is not shared across processes). They
// call needKeyring.
func withRealKeychain(h *harness, _ *fakelinkedin.App) { h.keyring = nil }

// lockableKeyring is the harness's keychain (base; nil: the system's)
// behind a lock the test turns, as a person's keychain is locked until
// they unlock it.
type lockableKeyring struct {
	base   store.Keyring
	locked atomic.Bool
}

func (k *lockableKeyring) kr() store.Keyring {
	if k.base == nil {
		return store.SystemKeyring{}
	}
	return k.base
}

func (k *lockableKeyring) Get(service, user string) (string, error) {
	if k.locked.Load() {
		return "", errLocked
	}
	return k.kr().Get(service, user)
}

func (k *lockableKeyring) Set(service, user, secret string) error {
	if k.locked.Load() {
		return errLocked
	}
	return k.kr().Set(service, user, secret)
}

func (k *lockableKeyring) Delete(service, user string) error {
	if k.locked.Load() {
		return errLocked
	}
	return k.kr().Delete(service, user)
}

// noKeyring is a computer with no keychain at all.
type noKeyring struct{}

func (noKeyring) Get(string, string) (string, error) { return "", errNoService }
func (noKeyring) Set(string, string, string) error   { return errNoService }
func (noKeyring) Delete(string, string) error        { return errNoService }

// needKeyring is for the tests about the real keychain (withRealKeychain):
// `make test` and CI run them on a throwaway Secret Service
// (scripts/with-keyring.sh, TOKENDESK_TEST_KEYRING=1); elsewhere they skip,
// and say why. Every other test runs on a keychain in memory.
func needKeyring(t *testing.T) {
	t.Helper()
	if os.Getenv("TOKENDESK_TEST_KEYRING") != "1" {
		t.Skip("no Secret Service on this machine: this test shares the real keychain with another process; make test runs it on a throwaway GNOME Keyring (scripts/with-keyring.sh)")
	}
}
