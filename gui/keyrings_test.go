package gui

import (
	"errors"
	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"os"
	"sync/atomic"
	"testing"
)

func withRefresh(_ *harness, a *fakelinkedin.App) { a.Refresh = true }

var errLocked = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")

type lockableKeyring struct{ locked atomic.Bool }

type noKeyring struct{}

func needKeyring(t *testing.T) {
	t.Helper()
	if os.Getenv("TOKENDESK_TEST_KEYRING") != "1" {
		t.Skip("needs the test Secret Service: run through `make test`")
	}
}
