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

// lockableKeyring is the test Secret Service behind a lock the test turns,
// as a person's keychain is locked until they unlock it.
type lockableKeyring struct{ locked atomic.Bool }

func (k *lockableKeyring) Get(service, user string) (string, error) {
	if k.locked.Load() {
		return "", errLocked
	}
	return store.SystemKeyring{}.Get(service, user)
}

func (k *lockableKeyring) Set(service, user, secret string) error {
	if k.locked.Load() {
		return errLocked
	}
	return store.SystemKeyring{}.Set(service, user, secret)
}

func (k *lockableKeyring) Delete(service, user string) error {
	if k.locked.Load() {
		return errLocked
	}
	return store.SystemKeyring{}.Delete(service, user)
}

// noKeyring is a computer with no keychain at all.
type noKeyring struct{}

func (noKeyring) Get(string, string) (string, error) { return "", errNoService }
func (noKeyring) Set(string, string, string) error   { return errNoService }
func (noKeyring) Delete(string, string) error        { return errNoService }

func needKeyring(t *testing.T) {
	t.Helper()
	if os.Getenv("TOKENDESK_TEST_KEYRING") != "1" {
		t.Skip("needs the test Secret Service: run through `make test`")
	}
}
