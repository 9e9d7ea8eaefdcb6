package gui

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/loopbacktest"
	"github.com/tokendesk/tokendesk/internal/memkeyring"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

const (
	testClientID     = "78testclient01"
	testClientSecret = "WPL_AP1.gui-test-secret.Zm9v"
	pasteRedirect    = "https://example.com/linkedin/callback"
)

// testNow is the window's clock in tests, so expiry words are stable.
var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.Local)

// harness is one window, driven headless, against the fake LinkedIn and a
// real store in a folder of its own, on a keychain in memory that the
// window and the test's own store.Open calls share (withRealKeychain: the
// system's, the test Secret Service under `make test`).
type harness struct {
	t        *testing.T
	app      fyne.App
	win      fyne.Window
	ui       *UI
	fake     *fakelinkedin.Server
	port     int
	redirect string
	dir      string
	service  string
	opened   chan string // addresses the window asked the browser to open

	closeWindow    func() // closes the current window once, and waits for what closing saves, as main does
	closeWindowNow func() // closes it and does not wait

	// keyring is the keychain of the harness's store (storeOptions): one in
	// memory, or nil for the system's (withRealKeychain).
	keyring store.Keyring

	// appKeyring, when set, is the keychain the window's store uses instead
	// (checks from outside use keyring): a locked or missing keychain.
	appKeyring store.Keyring

	// uiQueue is the UI goroutine's queue (what fyne.Do posts to in the
	// app); settle runs it on the test goroutine, so widgets are only ever
	// touched by one goroutine, as in the real app.
	uiQueue chan func()

	// answered is the sign-in the stand-in browser signed in to: the
	// window's work again, which settle waits for.
	answered *oauthflow.Flow
}

type harnessOption func(*harness, *fakelinkedin.App)

func newHarness(t *testing.T, opts ...harnessOption) *harness {
	t.Helper()
	h := &harness{t: t, opened: make(chan string, 8), uiQueue: make(chan func(), 64), dir: t.TempDir(),
		keyring: memkeyring.New()}
	h.port = freePort(t)
	h.redirect = fmt.Sprintf("http://localhost:%d/callback", h.port)
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	h.service = "TokenDesk-guitest-" + hex.EncodeToString(b)
	app := fakelinkedin.App{ClientID: testClientID, ClientSecret: testClientSecret,
		RedirectURLs: []string{h.redirect, pasteRedirect}, Scopes: []string{"openid", "profile", "email", "w_member_social"}}
	for _, o := range opts {
		o(h, &app)
	}
	h.fake = fakelinkedin.Start(app)
	t.Cleanup(h.fake.Close)
	// The person has been told about the keychain fallback before, so a
	// machine without a keychain does not add a dialog to every test.
	if err := os.WriteFile(filepath.Join(h.dir, "settings.json"), []byte(`{"version":1,"file_fallback_notice_shown":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	h.start()
	t.Cleanup(func() {
		if s, _, err := store.Open(context.Background(), h.storeOptions()); err == nil {
			_ = s.ForgetEverything(context.Background())
		}
	})
	return h
}

func (h *harness) storeOptions() store.Options {
	return store.Options{Dir: h.dir, Service: h.service, Keyring: h.keyring, Timeout: 20 * time.Second}
}

// start opens a window on the harness's store: a restart of the app.
func (h *harness) start() {
	h.app = &recordingApp{App: test.NewTempApp(h.t)}
	h.win = test.NewWindow(nil)
	win, closed := h.win, false
	var u *UI
	closeNow := func() {
		if !closed {
			closed = true
			win.Close()
		}
	}
	h.closeWindowNow = closeNow
	h.closeWindow = func() {
		closeNow()
		u.WaitForSaves()
	}
	h.t.Cleanup(h.closeWindow)
	deps := Deps{
		OpenStore: func(ctx context.Context) (*store.Store, []store.Notice, error) {
			opts := h.storeOptions()
			if h.appKeyring != nil {
				opts.Keyring = h.appKeyring
			}
			return store.Open(ctx, opts)
		},
		Endpoints: linkedin.Endpoints{OAuthURL: h.fake.OAuthURL(), APIURL: h.fake.APIURL()},
		OpenURL:   func(u string) error { h.opened <- u; return nil },
		Now:       func() time.Time { return testNow },
		Version:   "1.0.0-test",
	}
	u = newUI(h.app, h.win, deps)
	u.tick, u.flashFor, u.recountEvery, u.helpAfter = 0, 0, 0, 0
	u.do = func(fn func()) { h.uiQueue <- fn }
	h.ui = u
	h.win.SetContent(u.root)
	h.win.Resize(fyne.NewSize(defaultWidth, defaultHeight))
	u.start()
	h.settle()
}

// recordingApp records the desktop notifications the window sends.
type recordingApp struct {
	fyne.App
	sent []*fyne.Notification
}

func (r *recordingApp) SendNotification(n *fyne.Notification) { r.sent = append(r.sent, n) }

func (h *harness) notifications() []*fyne.Notification { return h.app.(*recordingApp).sent }

// settle runs the UI goroutine's queue until it is empty and none of the
// window's own work is in flight: what the window was asked to do is done
// and shown. A sign-in waiting for the person (the browser, or an address
// to paste) is not the window's work: settle does not wait for it, until
// the person has answered (signIn, a paste the window accepted). What
// comes from outside the window (the folder's watcher, a timer) is not
// waited for either: awaitState waits for the state it brings.
func (h *harness) settle() {
	h.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case fn := <-h.uiQueue:
			fn()
			continue
		default:
		}
		if h.ui.inFlight <= h.withPerson() {
			return
		}
		select {
		case fn := <-h.uiQueue:
			fn()
		case <-deadline:
			h.t.Fatalf("the window's work is not done: %d in flight", h.ui.inFlight)
		}
	}
}

// withPerson is how much of the work in flight waits for the person: the
// sign-in's wait (one background, connect.go waitFor) while the person has
// not answered it.
func (h *harness) withPerson() int {
	f := h.ui.state.signIn
	if f == nil || f == h.answered || h.ui.waiting != nil && h.ui.waiting.pasteEntry.Disabled() {
		return 0
	}
	return 1
}

// awaitState runs the UI goroutine's queue until ok says the window shows
// what the test waits for, which comes from outside the window.
func (h *harness) awaitState(what string, ok func() bool) {
	h.t.Helper()
	deadline := time.After(30 * time.Second)
	for !ok() {
		select {
		case fn := <-h.uiQueue:
			fn()
		case <-deadline:
			h.t.Fatalf("the window never showed %s", what)
		}
	}
}

// signIn is the member signing in, in the stand-in browser, after the
// window opened it. It returns the page the browser ends on.
func (h *harness) signIn() chan fakelinkedin.Page {
	h.t.Helper()
	var addr string
	h.answered = h.ui.state.signIn
	select {
	case addr = <-h.opened:
	case <-time.After(10 * time.Second):
		h.t.Fatal("the window did not open the browser")
	}
	pages := make(chan fakelinkedin.Page, 1)
	go func() {
		p, _ := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), addr)
		pages <- p
	}()
	return pages
}

// addressAfterSignIn is what the browser's address bar shows after signing
// in, for the paste flow.
func (h *harness) addressAfterSignIn() string {
	h.t.Helper()
	addr := <-h.opened
	to, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(context.Background(), addr)
	if err != nil {
		h.t.Fatal(err)
	}
	return to
}

// fillForm types the form as a person would.
func (h *harness) fillForm(redirect string) {
	s := h.ui.setup
	for e, text := range map[*widget.Entry]string{s.clientID: testClientID, s.secret: testClientSecret, s.redirect: redirect} {
		e.SetText("")
		test.Type(e, text)
	}
}

// typeKey is a key as the desktop driver routes it: to the focused widget
// when there is one, else to the window's canvas.
func (h *harness) typeKey(name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := h.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	h.win.Canvas().OnTypedKey()(ev)
}

func (h *harness) showing() fyne.CanvasObject { return h.ui.screens.Objects[0] }

// assertWaiting, assertConnected and assertForm fail the test unless the
// window shows that screen.
func (h *harness) assertWaiting() {
	h.t.Helper()
	if h.ui.waiting == nil || h.showing() != h.ui.waiting.content {
		h.t.Fatalf("the window does not show the waiting screen; the form's problem: %q", h.ui.setup.banner.message.Text)
	}
}

func (h *harness) assertConnected() {
	h.t.Helper()
	if h.ui.connected == nil || h.showing() != h.ui.connected.content {
		h.t.Fatalf("the window does not show a token; the form's problem: %q", h.ui.setup.banner.message.Text)
	}
}

func (h *harness) assertForm() {
	h.t.Helper()
	if h.showing() != h.ui.setup.content {
		h.t.Fatal("the window does not show the form")
	}
}

// assertDialog fails the test unless a dialog shows, and says want.
func (h *harness) assertDialog(want string) {
	h.t.Helper()
	if h.win.Canvas().Overlays().Top() == nil {
		h.t.Fatalf("no dialog shows; want one that says %q", want)
	}
	if text := h.dialogText(); !strings.Contains(text, want) {
		h.t.Fatalf("the dialog does not say %q: %q", want, text)
	}
}

// assertNoDialog fails the test if a dialog is showing.
func (h *harness) assertNoDialog() {
	h.t.Helper()
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		h.t.Fatalf("a dialog is still showing: %q", h.dialogText())
	}
}

// assertMember fails the test unless the connected screen says who is
// connected.
func (h *harness) assertMember() {
	h.t.Helper()
	h.assertConnected()
	if a := h.ui.connected.account.Text; !strings.Contains(a, "Ada Lovelace") {
		h.t.Fatalf("the window does not say who is connected: %q", a)
	}
}

// assertError fails the test unless the form shows a problem.
func (h *harness) assertError() {
	h.t.Helper()
	h.assertForm()
	if !h.ui.setup.banner.content.Visible() {
		h.t.Fatal("the form shows no problem")
	}
}

func (h *harness) loadStore() store.Saved {
	h.t.Helper()
	s, _, err := store.Open(context.Background(), h.storeOptions())
	if err != nil {
		h.t.Fatal(err)
	}
	l, err := s.List(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	saved, err := s.ConnSeen(store.DefaultConnection, l).Load(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return saved
}

// tapDialogButton taps a button in the top dialog.
func (h *harness) tapDialogButton(text string) {
	h.t.Helper()
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		h.t.Fatal("no dialog is showing")
	}
	b := findButton(top, text)
	if b == nil {
		h.t.Fatalf("no %q button in the dialog", text)
	}
	test.Tap(b)
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	for _, child := range children(o) {
		if b := findButton(child, text); b != nil {
			return b
		}
	}
	return nil
}

// dialogText is all the text of the top dialog.
func (h *harness) dialogText() string {
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var sb strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			sb.WriteString(w.Text + "\n")
		case *widget.RichText:
			sb.WriteString(w.String() + "\n")
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	walk(top)
	return sb.String()
}

func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch c := o.(type) {
	case *fyne.Container:
		return c.Objects
	case fyne.Widget:
		return test.WidgetRenderer(c).Objects()
	}
	return nil
}

var (
	freePort       = loopbacktest.FreePort
	assertPortFree = loopbacktest.AssertPortFree
)

// pressConnect fills the form with redirect and presses Connect.
func (h *harness) pressConnect(redirect string) {
	h.t.Helper()
	h.fillForm(redirect)
	test.Tap(h.ui.setup.connect)
	h.settle()
	h.assertWaiting()
}

// restart closes the window and starts the app again on the same store.
func (h *harness) restart() {
	h.t.Helper()
	h.closeWindow()
	h.start()
}

// restartWithExpiry closes the window, moves the saved token's expiry to
// expires, as if that much time had passed, and starts the app again.
func (h *harness) restartWithExpiry(expires time.Time) store.SavedToken {
	h.t.Helper()
	h.closeWindow()
	s, _, err := store.Open(context.Background(), h.storeOptions())
	if err != nil {
		h.t.Fatal(err)
	}
	saved, err := s.Conn(store.DefaultConnection).Load(context.Background())
	if err != nil || saved.Token == nil {
		h.t.Fatalf("no saved token: %v", err)
	}
	saved.Token.ExpiresAt = expires
	if err := s.Conn(store.DefaultConnection).SaveToken(context.Background(), saved.Token.Token, saved.Token.Account); err != nil {
		h.t.Fatal(err)
	}
	h.start()
	return *saved.Token
}

// connect fills the form, presses Connect and signs in: the usual way to
// a connected window.
func (h *harness) connect() {
	h.t.Helper()
	h.pressConnect(h.redirect)
	<-h.signIn()
	h.settle()
	h.assertConnected()
}
