package gui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// dialogEntry is the first entry of the top dialog.
func (h *harness) dialogEntry() *widget.Entry {
	h.t.Helper()
	var found *widget.Entry
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && found == nil {
			found = e
		}
		if e, ok := o.(*escEntry); ok && found == nil {
			found = &e.Entry
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		walk(top)
	}
	if found == nil {
		h.t.Fatal("no entry in the dialog")
	}
	return found
}

// pick chooses the connection named name in the bar.
func (h *harness) pick(name string) {
	h.t.Helper()
	for i, o := range h.ui.bar.pick.Options {
		if strings.HasPrefix(o, name+" — ") {
			h.ui.bar.pick.SetSelectedIndex(i)
			h.settle()
			if c, ok := h.ui.state.listing.Find(name); !ok || c.ID != h.ui.state.connID {
				h.t.Fatalf("picking %q does not show it", name)
			}
			return
		}
	}
	h.t.Fatalf("no connection %q in %v", name, h.ui.bar.pick.Options)
}

func (h *harness) openStore() *store.Store {
	h.t.Helper()
	s, _, err := store.Open(context.Background(), h.storeOptions())
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

// A connection's whole life in the window: add one and connect it (the
// same app, another member), switch back and forth with each token kept,
// rename, duplicate (settings and secret, no token), delete (confirmed),
// and the one in use is remembered after a restart.
func TestConnectionsInTheWindow(t *testing.T) {
	h := newHarness(t)
	h.connect()
	first := h.ui.state.token.AccessToken

	test.Tap(h.ui.bar.add)
	h.settle()
	h.assertDialog("New connection")
	h.ui.dialogKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // Escape: no new connection
	h.settle()
	h.assertNoDialog()
	if n := len(h.ui.bar.pick.Options); n != 1 {
		t.Fatalf("after Escape the bar lists %d connections", n)
	}
	test.Tap(h.ui.bar.add)
	h.settle()
	h.assertDialog("New connection")
	if got := h.dialogEntry().Text; got != "My LinkedIn app" {
		t.Errorf("the new connection's name starts as %q", got)
	}
	h.dialogEntry().SetText("Acme page")
	h.ui.dialogKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter adds it
	h.settle()
	if h.showing() != h.ui.setup.content || h.ui.setup.clientID.Text != "" || h.ui.state.token != nil {
		t.Fatal("a new connection does not open on an empty form")
	}
	h.connect()
	second := h.ui.state.token.AccessToken
	if second == first {
		t.Fatal("the fake issued the same token twice")
	}
	if len(h.ui.bar.pick.Options) != 2 || !strings.HasPrefix(h.ui.bar.pick.Selected, "Acme page — ") {
		t.Errorf("bar: %v, selected %q", h.ui.bar.pick.Options, h.ui.bar.pick.Selected)
	}

	h.pick("default")
	if h.ui.state.token == nil || h.ui.state.token.AccessToken != first || h.showing() != h.ui.connected.content {
		t.Fatal("switching back does not show the first connection's token")
	}
	h.pick("Acme page")
	if h.ui.state.token == nil || h.ui.state.token.AccessToken != second {
		t.Fatal("switching does not show the second connection's token")
	}

	for _, open := range []func(){h.ui.askRename, func() { h.ui.connectionMenu().Items[1].Action() }} {
		open()
		h.settle()
		h.assertDialog("Rename connection")
		h.dialogEntry().SetText("Acme Corp")
		h.tapDialogButton("Rename")
		h.settle()
		h.assertNoDialog()
	}
	if _, ok := h.ui.state.listing.Find("Acme Corp"); !ok || !strings.HasPrefix(h.ui.bar.pick.Selected, "Acme Corp — ") {
		t.Errorf("after Rename: %v", h.ui.bar.pick.Options)
	}

	h.ui.askDuplicate()
	h.settle()
	h.assertDialog("Duplicate for another member")
	h.tapDialogButton("Duplicate")
	h.settle()
	if h.ui.state.token != nil || h.ui.setup.clientID.Text != testClientID || h.ui.setup.secret.Text != testClientSecret {
		t.Errorf("the duplicate: token %v, client ID %q, secret kept %v", h.ui.state.token != nil, h.ui.setup.clientID.Text, h.ui.setup.secret.Text != "")
	}
	dup := h.ui.state.connID

	h.ui.confirmDelete()
	h.settle()
	if text := h.dialogText(); !strings.Contains(text, "Permitted services") || !strings.Contains(text, "LinkedIn is not told") {
		t.Errorf("the confirmation does not say what deletion cannot undo at LinkedIn: %q", text)
	}
	h.ui.dialogKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter keeps it
	h.settle()
	h.assertNoDialog()
	if _, ok := h.ui.state.listing.Find(dup); !ok {
		t.Fatal("Enter deleted the connection")
	}
	h.ui.confirmDelete()
	h.settle()
	h.assertDialog("Delete")
	h.tapDialogButton("Delete")
	h.settle()
	if _, ok := h.ui.state.listing.Find(dup); ok || h.ui.state.connID == dup {
		t.Fatal("the deleted connection is still shown")
	}
	l, err := h.openStore().List(context.Background())
	if err != nil || len(l.Connections) != 2 || slices.Contains(l.Names(), "Acme Corp (2)") {
		t.Fatalf("after Delete the store has %v (%v)", l.Names(), err)
	}

	h.pick("Acme Corp")
	h.restart()
	if h.ui.state.token == nil || h.ui.state.token.AccessToken != second {
		t.Error("the connection in use is not remembered after a restart")
	}
	if s, _ := h.openStore().Conn(store.DefaultConnection).Load(context.Background()); s.Token == nil || s.Token.AccessToken != first {
		t.Error("the first connection's token was lost")
	}
}

// A sign-in's token goes to the connection it was started in: the bar is
// off while it runs.
func TestNoSwitchWhileSigningIn(t *testing.T) {
	h := newHarness(t)
	h.pressConnect(h.redirect)
	if !h.ui.bar.pick.Disabled() || !h.ui.bar.add.Disabled() {
		t.Error("the connection bar can be used while signing in")
	}
	test.Tap(h.ui.waiting.cancel)
	h.settle()
	h.assertForm()
	if h.ui.bar.pick.Disabled() {
		t.Error("the bar stays off after Cancel")
	}
}

// Importing a credentials.json beside a connection in use makes a new
// connection named after the file; the one in use keeps its token.
func TestImportMakesAConnection(t *testing.T) {
	h := newHarness(t)
	h.connect()
	first := h.ui.state.token.AccessToken
	token := h.fake.Issue(testClientID, []string{"openid", "profile", "email"})
	h.ui.importData("client-acme.json", []byte(`{"client_id": "`+testClientID+`", "client_secret": "`+testClientSecret+`", "redirect_uri": "`+h.redirect+`", "access_token": "`+token+`"}`))
	h.settle()
	if _, ok := h.ui.state.listing.Find("client-acme"); !ok || h.ui.state.token == nil || h.ui.state.token.AccessToken != token {
		t.Fatalf("after import: %v, token shown %v", h.ui.state.listing.Names(), h.ui.state.token != nil)
	}
	if s := h.loadStore(); s.Token == nil || s.Token.AccessToken != first {
		t.Error("importing replaced the connection in use")
	}
}

// The window saves its form on its own (switching, closing) only when the
// person changed it: a sign-in saved meanwhile from the command line, with
// another app, is never put back to the form's stale values.
func TestUntouchedFormNeverOverwritesTheCommandLine(t *testing.T) {
	h := newHarness(t)
	h.connect()
	s := h.openStore()
	ctx := context.Background()
	newApp := oauthflow.Settings{ClientID: "86newapp", ClientSecret: "new-app-secret", RedirectURL: h.redirect, Scopes: []string{"openid", "profile"}}
	newTok := oauthflow.Token{AccessToken: "AQV-from-cli", ExpiresAt: testNow.Add(60 * 24 * time.Hour)}
	if _, err := s.SaveSignIn(ctx, store.Into{ID: store.DefaultConnection}, newApp, newTok, "Ada"); err != nil {
		t.Fatal(err)
	}
	h.ui.askNewConnection()
	h.settle()
	h.tapDialogButton("Add")
	h.settle()
	if h.ui.state.connID == store.DefaultConnection {
		t.Fatal("the new connection is not shown")
	}
	h.closeWindow()
	got, err := s.Conn(store.DefaultConnection).Load(ctx)
	if err != nil || got.Settings.ClientID != newApp.ClientID || got.Settings.ClientSecret != newApp.ClientSecret || got.Token == nil || got.Token.AccessToken != newTok.AccessToken {
		t.Errorf("the window put back its stale form: client ID %q, secret kept %v (%v)", got.Settings.ClientID, got.Settings.ClientSecret == newApp.ClientSecret, err)
	}
	if l, _ := s.List(ctx); len(l.Connections) != 2 {
		t.Errorf("connections %v; want default and the new one", l.Names())
	}
}

// While another connection opens, the screen of the one it leaves does
// nothing: a Reconnect pressed then starts no sign-in, so no token can be
// shown under the wrong connection.
func TestNoConnectWhileSwitching(t *testing.T) {
	h := newHarness(t)
	h.connect()
	s := h.openStore()
	ctx := context.Background()
	bID, err := s.Add(ctx, "B", oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: h.redirect, Scopes: oauthflow.DefaultScopes})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(bID).SaveToken(ctx, oauthflow.Token{AccessToken: "AQV-of-B", ExpiresAt: testNow.Add(50 * 24 * time.Hour)}, "Bob"); err != nil {
		t.Fatal(err)
	}
	h.ui.switchTo(bID) // loads in the background
	if h.showing() == h.ui.connected.content || !h.ui.bar.pick.Disabled() {
		t.Error("while switching, the connected screen or the bar can still be used")
	}
	h.ui.reconnect()
	if h.ui.state.signIn != nil {
		t.Fatal("a sign-in started while another connection was opening")
	}
	h.settle()
	if h.ui.state.connID != bID || h.ui.state.token == nil || h.ui.state.token.AccessToken != "AQV-of-B" {
		t.Errorf("after the switch: %s shows %v", h.ui.state.connID, h.ui.state.token != nil)
	}
}

// Enter on "Delete …?", typed as the driver routes keys, keeps it.
func TestEnterNeverDeletes(t *testing.T) {
	h := newHarness(t)
	h.ui.askNewConnection()
	h.settle()
	h.assertDialog("New connection")
	h.typeKey(fyne.KeyReturn) // Enter in the name field adds it
	h.settle()
	id := h.ui.state.connID
	if id == store.DefaultConnection {
		t.Fatal("Enter did not add the connection")
	}
	h.win.Canvas().Focus(h.ui.setup.clientID)
	h.ui.confirmDelete()
	h.settle()
	h.assertDialog("Delete")
	h.typeKey(fyne.KeyReturn)
	h.typeKey(fyne.KeyEnter)
	if l, _ := h.openStore().List(context.Background()); !slices.ContainsFunc(l.Connections, func(c store.Listed) bool { return c.ID == id }) {
		t.Fatalf("after Enter on Delete the store has %v", l.Names())
	}
}
