package gui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tokendesk/tokendesk/store"
)

// The window's side of issue #9: nothing the person trusted TokenDesk with
// is lost or brought back behind their back.

var errLocked = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")

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

func (noKeyring) Get(string, string) (string, error) { return "", errLocked }
func (noKeyring) Set(string, string, string) error   { return errLocked }
func (noKeyring) Delete(string, string) error        { return errLocked }

func needKeyring(t *testing.T) {
	t.Helper()
	if os.Getenv("TOKENDESK_TEST_KEYRING") != "1" {
		t.Skip("needs the test Secret Service: run through `make test`")
	}
}

// TestLockedKeychainLosesNothing: the keychain cannot be read at start (it
// is locked). The window says so, with Retry, and shows no token; closing
// it keeps the saved client secret and token (it used to delete the
// secret); Retry after unlocking brings both back.
func TestLockedKeychainLosesNothing(t *testing.T) {
	needKeyring(t)
	h := newHarness(t)
	h.connect()
	token := h.ui.state.token.AccessToken

	k := &lockableKeyring{}
	k.locked.Store(true)
	h.appKeyring = k
	h.restart()
	s := h.ui.setup
	if h.showing() != s.content || !s.banner.content.Visible() || !s.banner.action.Visible() || s.banner.action.Text != "Retry" ||
		!strings.Contains(s.banner.message.Text, "could not read") {
		t.Fatalf("a locked keychain is not explained with Retry: %q", s.banner.message.Text)
	}
	if s.secret.Text != "" || !strings.Contains(s.secret.PlaceHolder, "could not be read") {
		t.Errorf("secret field %q, placeholder %q", s.secret.Text, s.secret.PlaceHolder)
	}

	h.closeWindow() // saves the form, whose secret is empty
	saved := h.loadStore()
	if saved.Settings.ClientSecret != testClientSecret || saved.Token == nil || saved.Token.AccessToken != token {
		t.Fatalf("closing the window with a locked keychain lost what was saved: secret kept %v, token kept %v",
			saved.Settings.ClientSecret == testClientSecret, saved.Token != nil)
	}

	h.start() // still locked
	k.locked.Store(false)
	test.Tap(h.ui.setup.banner.action)
	h.await("retried")
	if h.showing() != h.ui.connected.content || h.ui.state.token.AccessToken != token {
		t.Fatal("Retry after unlocking does not show the saved token")
	}
	if h.ui.setup.secret.Text != testClientSecret || h.ui.setup.banner.content.Visible() {
		t.Errorf("after Retry: secret filled %v, banner shown %v", h.ui.setup.secret.Text == testClientSecret, h.ui.setup.banner.content.Visible())
	}
}

// TestRenewAfterClearDoesNotBringItBack: a renewal still on its way when
// the person presses Clear ends after it, and must not save its token.
func TestRenewAfterClearDoesNotBringItBack(t *testing.T) {
	h := newHarness(t, withRefresh)
	h.connect()
	c := h.ui.connected
	h.fake.SetTokenDelay(time.Second) // LinkedIn is slow to answer the renewal
	test.Tap(c.renew)
	test.Tap(c.clear)
	h.await("confirm-clear")
	h.tapDialogButton("Clear")
	h.await("cleared")
	h.await("renew-outdated")
	if saved := h.loadStore(); saved.Token != nil {
		t.Fatalf("the renewal brought a token back after Clear")
	}
	if h.showing() != h.ui.setup.content {
		t.Error("the window no longer shows the form after Clear")
	}
}

// TestFirstStartWithoutKeychain: no dialog greets the person before they
// typed anything; the secret field says where the secret will be kept,
// once.
func TestFirstStartWithoutKeychain(t *testing.T) {
	h := newHarness(t)
	h.closeWindow()
	if err := os.WriteFile(filepath.Join(h.dir, "settings.json"), []byte(`{"version":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	h.appKeyring = noKeyring{}
	h.start()
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog greets the first start: %q", h.dialogText())
	}
	note := h.ui.setup.secretNote
	if !note.Visible() || !strings.Contains(note.Text, "no keychain") || !strings.Contains(note.Text, "secrets.json") {
		t.Fatalf("the secret field does not say where the secret goes: %q", note.Text)
	}
	h.restart()
	if h.ui.setup.secretNote.Visible() {
		t.Error("the note is said again at the next start")
	}
}

// TestDialogsAnswerEnterAndEscape: every dialog takes Enter for its
// default action and Escape for cancel.
func TestDialogsAnswerEnterAndEscape(t *testing.T) {
	h := newHarness(t)
	key := func(name fyne.KeyName) { h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name}) }
	open := func() bool { return h.win.Canvas().Overlays().Top() != nil }

	h.ui.showAbout()
	key(fyne.KeyEscape)
	if open() {
		t.Error("Escape does not close About")
	}
	h.ui.showGuide()
	key(fyne.KeyReturn)
	if open() {
		t.Error("Enter does not close the guide")
	}
	h.ui.showMessage("Title", "Message.", "Hint.", "")
	key(fyne.KeyEnter)
	if open() {
		t.Error("Enter (keypad) does not close a message")
	}
	h.ui.confirmForget()
	key(fyne.KeyReturn)
	if open() {
		t.Error("Enter does not close \"Forget everything?\"")
	}

	h.connect()
	c := h.ui.connected
	test.Tap(c.clear)
	h.await("confirm-clear")
	key(fyne.KeyEscape)
	if open() || h.loadStore().Token == nil {
		t.Fatal("Escape on \"Clear the token?\" must keep the token")
	}
	// Enter takes the safe way out of a dialog that deletes: only a click
	// on Clear clears.
	test.Tap(c.clear)
	h.await("confirm-clear")
	key(fyne.KeyReturn)
	if open() || h.loadStore().Token == nil {
		t.Fatal("Enter on \"Clear the token?\" must keep the token")
	}
	test.Tap(c.clear)
	h.await("confirm-clear")
	h.tapDialogButton("Clear")
	h.await("cleared")
	if h.loadStore().Token != nil {
		t.Fatal("Clear did not clear")
	}
	if !strings.Contains(h.dialogText(), "The token is gone") {
		t.Fatalf("no \"Token cleared\" dialog: %q", h.dialogText())
	}
	key(fyne.KeyReturn)
	if open() {
		t.Error("Enter does not close \"Token cleared\"")
	}
	// With no dialog, Escape still cancels a sign-in.
	h.pressConnect(h.redirect)
	key(fyne.KeyEscape)
	h.await("cancelled")
	assertPortFree(t, h.port)
}
