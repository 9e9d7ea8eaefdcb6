package gui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/memkeyring"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// From review: closing the window saves an edited form (closing, off the UI
// goroutine) with SaveSettings, which is not conditional on what the form
// showed. The person ticked something (here: the redirect URL) and left the
// rest as loaded; meanwhile `tokendesk login --client-id other` signed in
// the same connection with another app. The window follows the new token
// but keeps the edited form; closing then writes the old app's client ID
// and secret back over the login's: the login's client secret is lost, and
// the token saved is the other app's, beside this app's settings (mixed:
// its renewal and check will fail).
func TestClosingSaveKeepsTheAppOfALoginMadeMeanwhile(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.ui.setup.redirect.SetText(pasteRedirect) // edited, not saved
	if !h.ui.formEdited() {
		t.Fatal("the form is not edited")
	}
	s := h.openStore()
	ctx := context.Background()
	other := oauthflow.Settings{ClientID: "78otherapp", ClientSecret: "other-app-secret", RedirectURL: h.redirect, Scopes: []string{"openid", "profile"}}
	tok := oauthflow.Token{AccessToken: "AQV-other-app-token", Scopes: []string{"openid", "profile"}, ExpiresAt: testNow.Add(60 * 24 * time.Hour)}
	if _, err := s.SaveSignIn(ctx, store.Into{ID: store.DefaultConnection}, other, tok, "Bea"); err != nil {
		t.Fatal(err)
	}
	h.awaitShown(tok.AccessToken)
	h.closeWindow()
	got, err := s.Conn(store.DefaultConnection).Load(ctx)
	if err != nil || got.Token == nil {
		t.Fatalf("Load: %v", err)
	}
	if got.Token.AccessToken == tok.AccessToken && (got.Settings.ClientID != other.ClientID || got.Settings.ClientSecret != other.ClientSecret) {
		t.Errorf("after closing, the login's token (app %s) is saved with client ID %q and secret %q: the login's client secret was written over, the connection mixes two apps",
			other.ClientID, got.Settings.ClientID, got.Settings.ClientSecret)
	}
}

// From review: importing a credentials.json into the connection shown "when it
// has nothing in it yet" is decided on what the window showed, then made
// in two changes (Rename, then SaveSignIn into its ID) that do not check it
// is still empty. A tokendesk login that saved into it meanwhile (before
// the window followed) loses its client ID and secret to the file's, and
// its token stays, beside the file's app: mixed.
func TestImportNeverOverwritesAConnectionFilledMeanwhile(t *testing.T) {
	h := newHarness(t)
	if !h.ui.shownIsEmpty() {
		t.Fatal("the first start does not show an empty connection")
	}
	s := h.openStore()
	ctx := context.Background()
	login := oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: h.redirect, Scopes: []string{"openid", "profile"}}
	tok := oauthflow.Token{AccessToken: "AQV-from-the-terminal", Scopes: []string{"openid", "profile"}, ExpiresAt: testNow.Add(60 * 24 * time.Hour)}
	if _, err := s.SaveSignIn(ctx, store.Into{ID: store.DefaultConnection}, login, tok, "Ada"); err != nil {
		t.Fatal(err)
	}
	// The person drops a file before the window has read the change.
	h.ui.importData("acme.json", []byte(`{"client_id": "78imported", "client_secret": "imported-secret", "redirect_uri": "http://localhost:8080/"}`))
	h.settle()
	l, _ := s.List(ctx)
	for _, c := range l.Connections {
		saved, err := s.Conn(c.ID).Load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Token != nil && saved.Token.AccessToken == tok.AccessToken && saved.Settings.ClientSecret != login.ClientSecret {
			t.Errorf("the login's token is now in %q with the imported app's client ID %q and secret %q; the login's secret is gone (connections: %v)",
				saved.Name, saved.Settings.ClientID, saved.Settings.ClientSecret, l.Names())
		}
	}
}

// From review: follow's read can end after the window's own work that started
// later and has already shown its result: followed checks only that no
// work is in flight *now*. Here a follow reads (the token is saved), the
// person presses Clear, Clear ends and shows the form, then the follow's
// result arrives with the token read before the Clear, and the window
// shows the cleared token again ("a newer token"), which Copy copies. Only
// a later change event puts it right (none where watching is not
// possible).
func TestAFollowReadBeforeClearDoesNotShowTheClearedToken(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.drainFor(600 * time.Millisecond) // the connect's own change events are followed
	cleared := h.ui.state.token.AccessToken

	next := func() func() {
		select {
		case fn := <-h.uiQueue:
			return fn
		case <-time.After(10 * time.Second):
			t.Fatal("nothing came back to the UI goroutine")
			return nil
		}
	}
	h.ui.follow() // the window comes to the front: it reads again
	followDone := next()
	h.ui.clearNow() // the person presses Clear meanwhile
	clearDone := next()
	clearDone() // Clear ends first on screen: the form
	if h.ui.state.token != nil {
		t.Fatal("Clear did not clear the token shown")
	}
	followDone() // then the follow's read, from before the Clear
	if tok := h.ui.state.token; tok != nil {
		t.Errorf("after Clear the window shows the cleared token %.12q… again (from a read made before the Clear)", tok.AccessToken)
	}
	if saved := h.loadStore(); saved.Token != nil {
		t.Fatalf("the store still has a token: %.12q", saved.Token.AccessToken)
	}
	_ = cleared
}

// slowKeyring is a keychain in memory whose writes take a while once
// slow is set (a Secret Service over D-Bus, a keychain busy with a
// prompt): started is told of the first.
type slowKeyring struct {
	mem     *memkeyring.Keyring
	slow    atomic.Bool
	started chan struct{}
}

func (k *slowKeyring) Get(service, user string) (string, error) { return k.mem.Get(service, user) }
func (k *slowKeyring) Delete(service, user string) error        { return k.mem.Delete(service, user) }
func (k *slowKeyring) Set(service, user, secret string) error {
	if k.slow.Load() {
		select {
		case k.started <- struct{}{}:
		default:
		}
		time.Sleep(1500 * time.Millisecond)
	}
	return k.mem.Set(service, user, secret)
}

// From review: the person presses Allow, the token arrives and the sign-in is
// saving it (connection.Finish → SaveSignIn) when they close the window.
// closing stops the flow, but WaitForSaves waits only for the form's save:
// main returns and the process exits with the sign-in's save not yet
// committed, and the token LinkedIn just gave is lost (README: "Once the
// token has arrived, a cancelled ctx no longer stops the save").
func TestClosingWaitsForTheSaveOfATokenThatArrived(t *testing.T) {
	kr := &slowKeyring{mem: memkeyring.New(), started: make(chan struct{}, 1)}
	h := newHarness(t, func(h *harness, _ *fakelinkedin.App) { h.keyring = kr })
	h.connect()
	h.drainFor(400 * time.Millisecond)
	settingsPath := filepath.Join(h.dir, "settings.json")
	before, _ := os.ReadFile(settingsPath)

	kr.slow.Store(true)
	h.ui.reconnect()
	h.settle()
	h.assertWaiting()
	<-h.signIn()
	select {
	case <-kr.started: // the token arrived and is being saved
	case <-time.After(20 * time.Second):
		t.Fatal("the sign-in never saved")
	}
	h.closeWindow() // closes, and waits for what closing saves, as main does
	atExit, _ := os.ReadFile(settingsPath)
	if bytes.Equal(atExit, before) {
		t.Errorf("when WaitForSaves returned (main exits), the sign-in's token was not saved yet (closing saves pending: %v)", h.ui.closingSaves != nil)
	}
	// It would have been, had the process lived on.
	deadline := time.Now().Add(10 * time.Second)
	for {
		later, _ := os.ReadFile(settingsPath)
		if !bytes.Equal(later, before) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the sign-in's save never committed")
		}
		time.Sleep(50 * time.Millisecond)
	}
	kr.slow.Store(false)
}

// failingSetsKeyring is a keychain in memory whose writes fail while fail
// is set (locked again, or refusing), reads still working.
type failingSetsKeyring struct {
	mem  *memkeyring.Keyring
	fail atomic.Bool
}

func (k *failingSetsKeyring) Get(service, user string) (string, error) {
	return k.mem.Get(service, user)
}
func (k *failingSetsKeyring) Delete(service, user string) error { return k.mem.Delete(service, user) }
func (k *failingSetsKeyring) Set(service, user, secret string) error {
	if k.fail.Load() {
		return errLockedForReview
	}
	return k.mem.Set(service, user, secret)
}

var errLockedForReview = fmt.Errorf("org.freedesktop.Secret.Error.IsLocked: collection is locked")

// From review: a sign-in whose token could not be saved (NotSavedError) shows
// the token, so that the person can copy it: it is the only copy. The next
// follow (the window coming back to the front, or any change event) takes
// the saved token for "a newer token" and shows it instead: the token
// LinkedIn just gave is gone from the screen, and from everywhere.
func TestATokenNotSavedStaysShownWhenTheWindowFollows(t *testing.T) {
	kr := &failingSetsKeyring{mem: memkeyring.New()}
	h := newHarness(t, func(h *harness, _ *fakelinkedin.App) { h.keyring = kr })
	h.connect()
	h.drainFor(400 * time.Millisecond)
	old := h.ui.state.token.AccessToken

	kr.fail.Store(true)
	h.ui.reconnect()
	h.settle()
	h.assertWaiting()
	<-h.signIn()
	h.settle()
	h.assertConnected()
	got := h.ui.state.token.AccessToken
	if got == old {
		t.Fatal("the sign-in did not get a new token")
	}
	if saved := h.loadStore(); saved.Token == nil || saved.Token.AccessToken != old {
		t.Fatal("the test expects the new token not to be saved")
	}
	h.ui.follow() // the person switches to their script's editor and back
	h.settle()
	if tok := h.ui.state.token; tok == nil || tok.AccessToken != got {
		shown := "none"
		if tok != nil && tok.AccessToken == old {
			shown = "the old saved token"
		}
		t.Errorf("after following, the window shows %s: the token the sign-in got and could not save is lost", shown)
	}
	kr.fail.Store(false)
}
